"""Rules on whom a pronoun stands for, where the sentence's syntax says more than recency."""

from __future__ import annotations

from dataclasses import replace

from polybius.coding.draft import EventDraft, SentenceContext
from polybius.coding.rules.registry import rule
from polybius.coding.syntax import child

# the relations by which a clause (or a phrase holding one) hangs on the clause above it
EMBEDDING_DEPS = ("ccomp", "advcl", "xcomp", "conj", "relcl", "pcomp", "acl", "pobj", "prep")
SAME_SENTENCE = "coref:pronoun"


def governing_subject(pronoun):
    """The named subject of the nearest clause above the pronoun's own that has one before
    the pronoun: "the minister said he would resign" (the minister), "X backed the plan even
    though he had opposed it" (X). None when that subject is itself a pronoun (it may be
    another person: "she said he had fled")."""
    clause = pronoun.head
    while clause.dep_ in EMBEDDING_DEPS and clause.head.i != clause.i:
        clause = clause.head
        subj = child(clause, "nsubj") or child(clause, "nsubjpass")
        if subj is not None and subj.i < pronoun.i:
            return None if subj.pos_ == "PRON" else subj
    return None


@rule("pronoun_is_the_governing_subject", "actors")
def pronoun_is_the_governing_subject(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "Erdogan backed the talks, although he had demanded that Assad go": a personal
    pronoun in a clause under another clause stands for that clause's named subject, not for
    the person named last before it (Assad)."""
    d.sources = [_governing_person(a, ctx) for a in d.sources]
    d.targets = [_governing_person(a, ctx) for a in d.targets]
    return d


def _governing_person(actor, ctx: SentenceContext):
    if not (actor.rule.startswith(SAME_SENTENCE) and actor.rule.endswith("(same sentence)")):
        return actor
    base = ctx.sent.start_char
    pronoun = next((t for t in ctx.sent if t.idx - base == actor.start), None)
    subj = governing_subject(pronoun) if pronoun is not None else None
    if subj is None:
        return actor
    found = [a for a in ctx.sm.peek(subj) if a.code and a.rule.startswith("person")]
    if len(found) != 1 or found[0].code == actor.code:
        return actor
    rule = f"coref:pronoun '{pronoun.text}' (subject of the governing clause)"
    return replace(found[0], text=actor.text, start=actor.start, end=actor.end, rule=rule)
