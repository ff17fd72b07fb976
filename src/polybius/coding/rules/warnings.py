"""The actor rule warned_clause_names_the_target: whom a warning of what will happen threatens."""

from __future__ import annotations

from polybius.coding.draft import EventDraft, SentenceContext
from polybius.coding.lexicon import words
from polybius.coding.rules.registry import rule
from polybius.coding.syntax import child, codes
from polybius.models import Actor


@rule("warned_clause_names_the_target", "actors")
def warned_clause_names_the_target(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "warned that opposition rallies in Nairobi would be banned", "warned it would curb
    gatherings by the party's supporters": a threat told as a warning of what will happen
    (gate warning_of_a_risk) is made to the parties its clause names, another party before
    the warner's own people."""
    p = d.trigger.pattern
    if d.targets or d.plover_type != "THREATEN" or p.pos != "v":
        return d
    if p.lemma not in words("warning_verbs"):
        return d
    clause = child(d.token, "ccomp")
    if clause is None:
        return d
    named: dict[str, Actor] = {}
    for tok in clause.subtree:
        if tok.i in ctx.sm.by_token:
            for a in ctx.sm.peek(tok):
                if a.code:
                    named.setdefault(a.code, a)
    own = set(codes(d.sources))
    others = [a for c, a in named.items() if c not in own]
    d.targets = others or list(named.values())
    return d
