"""Meetings: a joint appearance before the press ("X addressed a joint press conference with
Y", "speaking at a joint briefing with Y, X said"): the two met (CONSULT, CAMEO 040); no trigger
pattern names it, since the event word is the appearance, not a verb of meeting. A chamber
meeting with no one else is its sitting, no meeting between parties."""

from __future__ import annotations

from collections.abc import Iterator

from polybius.coding.draft import EventDraft, SentenceContext, Trigger
from polybius.coding.lexicon import words
from polybius.coding.rules.registry import rule
from polybius.coding.rules.sentence import preset_draft, rule_pattern
from polybius.coding.subject import subject
from polybius.coding.syntax import child, codes, lemma, prep_children


def _appearing(noun):
    """Who appears: the subject of the verb that holds or addresses the appearance ("X held
    a joint briefing"), or of the verb its "at" phrase hangs on ("speaking at a joint news
    conference, X said")."""
    head = noun.head
    if noun.dep_ == "dobj":
        return subject(head)
    if (
        noun.dep_ == "pobj"
        and head.dep_ == "prep"
        and head.lower_ in words("appearance_prepositions")
    ):
        return subject(head.head)
    return None


@rule("joint_appearance_is_a_meeting", "sentence")
def joint_appearance_is_a_meeting(ctx: SentenceContext) -> Iterator[EventDraft]:
    """ "Macron addressed a joint press conference with the Kenyan president", "at a joint press
    conference with Xi, Putin said": a joint appearance (lexicons joint_modifiers,
    appearance_nouns) of a party with another is a meeting of the two. A conference with no
    partner named, or not joint ("a news conference"), is no event."""
    for noun in ctx.tokens_with_lemma(words("appearance_nouns")):
        if not any(
            c.dep_ == "amod" and c.lower_ in words("joint_modifiers") for c in noun.children
        ):
            continue
        # whom the appearance is with: the object of the noun's "with"
        partner = next(iter(prep_children(noun, {"with"})), None)
        host = _appearing(noun)
        if partner is None or host is None:
            continue
        sources = ctx.sm.resolve(host)
        targets = [t for t in ctx.sm.resolve(partner) if t.code not in codes(sources)]
        if sources and targets:
            pattern = rule_pattern(lemma(noun), "joint_appearance_is_a_meeting", "meeting")
            yield preset_draft(ctx, Trigger(noun, pattern), sources, targets)


@rule("a_chamber_sitting_is_no_meeting", "gate")
def a_chamber_sitting_is_no_meeting(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "The assembly only meets every other spring", "the senate has not met since the
    floods": a chamber (lexicon legislature_words) meeting with no one else is its sitting, not
    a consultation between parties (nor, negated, a refusal to meet)."""
    tok = d.token
    if d.trigger.pattern.pos != "v" or lemma(tok) != "meet" or child(tok, "dobj") is not None:
        return d
    if any(c.dep_ == "prep" and c.lower_ in ("with", "between") for c in tok.children):
        return d
    subj = child(tok, "nsubj")
    alone = subj is not None and not subj.conjuncts and subj.tag_ != "NNS"
    return None if alone and lemma(subj) in words("legislature_words") else d
