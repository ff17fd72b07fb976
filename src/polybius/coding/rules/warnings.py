"""Actor rules of threats told as what will happen: whom a warning threatens
(warned_clause_names_the_target), and who threatens force or punishment announced in the
passive (announced_punishment_is_the_speakers)."""

from __future__ import annotations

from polybius.coding.draft import EventDraft, SentenceContext
from polybius.coding.lexicon import load_cues, words
from polybius.coding.places import place_in
from polybius.coding.rules.registry import rule
from polybius.coding.subject import subject
from polybius.coding.syntax import child, codes, lemma
from polybius.coding.verb_roles import own_forces
from polybius.coding.voice import is_passive
from polybius.models import Actor

WARNED_PLACE = "the place the warner's forces would act on"


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
    if not others and _own_forces_act(clause, d, ctx):
        # "Ankara warned that Turkish troops would enter Manbij": the warner's own forces
        # do the act; the place they would act on is whom the warning threatens
        place = place_in(list(clause.subtree), ctx.sm)
        others = [place.actor(WARNED_PLACE)] if place is not None and place.code not in own else []
        d.targets = others
        return d
    d.targets = others or list(named.values())
    return d


def _own_forces_act(clause, d: EventDraft, ctx: SentenceContext) -> bool:
    """The warned clause's doer is the warner's own armed forces ("Turkish troops would")."""
    doer = subject(clause)
    if doer is None or doer.i not in ctx.sm.by_token:
        return False
    return own_forces(ctx.sm.peek(doer), d.sources)


@rule("announced_punishment_is_the_speakers", "actors")
def announced_punishment_is_the_speakers(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "The ministry said the tanks would be destroyed", "the minister said those responsible
    would be punished": force or punishment a party announces in the passive, with no doer
    named, is that party's own threat (its side of the recoded THREATEN)."""
    if d.sources or d.plover_type != "THREATEN" or d.trigger.pattern.pos != "v":
        return d
    tok = d.token
    if not is_passive(tok) or child(tok, "agent") is not None:
        return d
    if not d.modality.clauses:
        return d
    clause, governor = d.modality.clauses[0]  # the clause the act heads, and what governs it
    if governor is None or clause.i != tok.i or not load_cues().has("speech", lemma(governor)):
        return d
    speaker = subject(governor)
    sources = ctx.sm.resolve(speaker) if speaker is not None else []
    if sources:
        d.sources = sources
        d.targets = [t for t in d.targets if t.code not in codes(sources)] or d.targets
    return d
