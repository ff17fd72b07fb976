"""Rules on who speaks: in quoted words, "I" and "we" are the speaker."""

from __future__ import annotations

from polybius.coding.draft import EventDraft, SentenceContext
from polybius.coding.lexicon import words
from polybius.coding.quotes import quoted_speakers, speech_verbs
from polybius.coding.rules.registry import rule
from polybius.coding.subject import subject


def reporting_speakers(d: EventDraft, ctx: SentenceContext) -> list:
    """The speaker of the reporting verb whose words hold the trigger ("“We will fight
    on,” the general said"), or of the quotation the sentence continues."""
    verbs = speech_verbs(ctx.sent)
    for verb in verbs:
        if verb.i == d.token.i or d.token not in verb.subtree:
            continue
        who = subject(verb)
        found = ctx.sm.resolve(who) if who is not None else []
        if found:
            return found
    # a sentence with a reporting verb of its own continues no quotation
    return [] if verbs else quoted_speakers(ctx.sent, ctx.sm.context)


@rule("first_person_is_the_speaker", "actors")
def first_person_is_the_speaker(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "“We will not withdraw,” the minister said", "“I would ask Washington to ...”" after
    a speaker: an act whose subject is "I" or "we" in reported or quoted words is the
    speaker's."""
    if d.sources:
        return d
    subj = subject(d.token)
    if subj is None or subj.lower_ not in words("first_person_subjects"):
        return d
    speakers = reporting_speakers(d, ctx)
    if speakers:
        d.sources = [s for s in speakers if s.code not in {t.code for t in d.targets}] or speakers
    return d
