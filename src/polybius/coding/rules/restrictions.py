"""Rules for a party kept from an act ("Police prevented the protesters from entering the
square"): the act it is kept from is not done, and keeping it from going somewhere restricts
its movement."""

from __future__ import annotations

from collections.abc import Iterator

from polybius.coding.draft import EventDraft, SentenceContext, Trigger
from polybius.coding.lexicon import words
from polybius.coding.rules.registry import rule
from polybius.coding.rules.sentence import preset_draft, rule_pattern, told_as_done
from polybius.coding.subject import subject
from polybius.coding.syntax import child, lemma


def kept_from(tok):
    """The verb that keeps `tok`'s doer from it ("prevented X from entering": prevented), or
    None: `tok` is the clause of a "from" phrase on a verb of keeping (lexicon
    keeping_from_verbs)."""
    prep = tok.head
    if tok.dep_ != "pcomp" or prep.dep_ != "prep" or prep.lower_ != "from":
        return None
    return prep.head if lemma(prep.head) in words("keeping_from_verbs") else None


@rule("an_act_kept_from_is_not_done", "modality")
def an_act_kept_from_is_not_done(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "Troops stopped the villagers from entering the town", "the court barred the agency
    from deporting them": what a party is kept from doing is not done (and its doer is the one
    kept, not the one keeping)."""
    return None if d.trigger.pattern.pos == "v" and kept_from(d.token) is not None else d


@rule("keeping_from_moving_restricts_movement", "sentence")
def keeping_from_moving_restricts_movement(ctx: SentenceContext) -> Iterator[EventDraft]:
    """ "Police prevented the protesters from entering the square": keeping a party from going
    somewhere (lexicon movement_verbs) restricts its movement (CAMEO 191), by the keeper. Told
    as done only: a keeping negated or with a modal ("could stop them from leaving") is not."""
    for verb in ctx.tokens_with_lemma(words("keeping_from_verbs")):
        kept = child(verb, "dobj")
        moves = [
            c
            for p in verb.children
            if p.dep_ == "prep" and p.lower_ == "from"
            for c in p.children
            if c.dep_ == "pcomp" and lemma(c) in words("movement_verbs")
        ]
        if kept is None or not moves or not told_as_done(verb):
            continue
        keeper = subject(verb)
        sources = ctx.sm.resolve(keeper) if keeper is not None else []
        targets = ctx.sm.resolve(kept)
        if not sources and not targets:
            continue
        name = "keeping_from_moving_restricts_movement"
        pattern = rule_pattern(lemma(verb), name, "movement_restriction")
        yield preset_draft(ctx, Trigger(verb, pattern), sources, targets)
