"""Rules for acts that remove someone from a state: deportation and expulsion."""

from __future__ import annotations

from polybius.coding.actor_labels import named_party
from polybius.coding.draft import EventDraft, SentenceContext
from polybius.coding.lexicon import cameo
from polybius.coding.places import place_in
from polybius.coding.rules.registry import rule
from polybius.models import Actor
from polybius.where.states import state_names


@rule("deported_from_is_the_deporter", "actors")
def deported_from_is_the_deporter(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "The activist was expelled from Russia", "he was deported from Arizona": the state a
    person is deported or expelled from is the one that does it (its authorities), and the
    person is not taken to be of that state because the sentence names no other (those
    removed are mostly foreigners)."""
    tok = d.token
    if not d.entry.code.startswith(cameo("deportation")) or d.trigger.pattern.pos != "v":
        return d
    origin = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "from"), None)
    place = None
    if origin is not None:
        place = place_in(
            [t for c in origin.children if c.dep_ == "pobj" for t in c.subtree], ctx.sm
        )
    if place is None or place.code not in state_names():
        return d
    if any(a.code != place.code for a in d.sources):
        return d  # "Britain deported him from Spain": the doer is named
    if not d.sources:
        d.sources = [Actor("", place.code, "GOV", None, -1, -1, "authorities deporting from there")]
    # a target of that state only because the sentence or story is about it, or the event is
    # there, is not one: those removed are not the remover's own people
    d.targets = [a for a in d.targets if a.code != place.code or named_party(a.rule)]
    return d
