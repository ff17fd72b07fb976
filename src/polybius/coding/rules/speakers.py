"""Rules on who speaks: in quoted words, "I" and "we" are the speaker; the soldiers a state's
officials report killed are that state's."""

from __future__ import annotations

from dataclasses import replace

from polybius.coding.draft import EventDraft, SentenceContext
from polybius.coding.lexicon import words
from polybius.coding.quotes import quoted_speakers, speech_verbs
from polybius.coding.rules.registry import rule
from polybius.coding.subject import subject
from polybius.coding.syntax import according_to, child, lemma
from polybius.coding.voice import is_passive
from polybius.models import Actor
from polybius.where.states import state_names


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


@rule("the_government_is_the_speakers", "actors")
def the_government_is_the_speakers(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "Chad's interior minister said the government stayed ready for talks with Sudan":
    "the government" (or "the regime", "the administration": a definite description standing
    for a state) in what one state's official says is that official's state, not the state
    the story named last."""
    speakers = None
    for i, actor in enumerate(d.sources):
        if not actor.rule.startswith("coref:") or not _state_anaphor(actor, ctx):
            continue
        speakers = speakers if speakers is not None else reporting_speakers(d, ctx)
        states = {a.code for a in speakers if a.code in state_names()}
        if len(states) == 1 and actor.code not in states:
            code = states.pop()
            d.sources[i] = replace(actor, code=code, rule=f"{actor.rule}, the speaker's state")
    return d


def _state_anaphor(actor: Actor, ctx: SentenceContext) -> bool:
    """The actor was found as a definite description of a state ("the government")."""
    tok = next((t for t in ctx.sent if t.idx - ctx.sent.start_char == actor.start), None)
    phrase = ctx.sent.doc[tok.i : tok.i + 4] if tok is not None else []
    return any(lemma(t) in words("state_anaphors") for t in phrase)


@rule("speakers_own_casualties", "actors")
def speakers_own_casualties(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "The Egyptian army said three soldiers were wounded", "the ministry said four of
    their policemen were killed in the ambush", "... killed 12 soldiers, according to the
    Nigerien army": soldiers, police or fighters named with no state, reported killed or
    hurt by one state's officials or forces, are that state's own."""
    tok = d.token
    if d.plover_type != "ASSAULT" or d.targets or d.reciprocal or d.trigger.pattern.pos != "v":
        return d
    if lemma(tok) not in words("casualty_verbs"):
        return d
    victim = child(tok, "nsubjpass") if is_passive(tok) else child(tok, "dobj")
    of = child(victim, "prep") if victim is not None else None
    if of is not None and of.lower_ == "of" and child(of, "pobj") is not None:
        victim = child(of, "pobj")  # "four of their policemen"
    mention = ctx.sm.by_token.get(victim.i) if victim is not None else None
    if mention is None or mention.entry.has_code:
        return d
    if mention.entry.sector not in words("own_casualty_sectors"):
        return d
    reporters = reporting_speakers(d, ctx) or _according_to(tok, ctx)
    states = {a.code for a in reporters}
    if len(states) != 1 or not states <= state_names().keys():
        return d
    code = states.pop()
    own = "the reporting state's own"
    d.targets = [
        Actor(mention.text, code, mention.entry.sector, None, mention.start, mention.end, own)
    ]
    return d


def _according_to(tok, ctx: SentenceContext) -> list:
    """The parties an "according to" phrase on the trigger or a word above it names."""
    while True:
        source = according_to(tok)
        if source is not None:
            return ctx.sm.resolve(source)
        if tok.head.i == tok.i:
            return []
        tok = tok.head
