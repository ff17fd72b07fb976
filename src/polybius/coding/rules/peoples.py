"""A people's state in a fight: "Kurdish forces" in a story of Turkey's offensive are not
Turkish when Turkey is the one they fight (the people's other homes decide); rebels acted
upon are of the land where the story's towns are, not of the state the story is about."""

from __future__ import annotations

from dataclasses import replace

from polybius.actors.dictionary import PEOPLE
from polybius.actors.resolver import STORY_GUESSES
from polybius.coding.draft import EventDraft, SentenceContext
from polybius.coding.lexicon import words
from polybius.coding.rules.domestic import coded_by_a_people
from polybius.coding.rules.registry import rule
from polybius.coding.syntax import codes
from polybius.models import Actor


def _homes(actor: Actor, ctx: SentenceContext) -> tuple[str, ...]:
    """The homes of the people a side was coded by ("Kurdish": Syria, Iraq, Turkey, Iran)."""
    for m in ctx.sm.mentions:
        if m.entry.kind == PEOPLE and actor.start <= m.start < max(actor.end, actor.start + 1):
            return m.entry.homes
    return ()


def _other_home(actor: Actor, against: set[str], d: EventDraft, ctx: SentenceContext) -> Actor:
    """The actor with its people's home that is not the adversary's and that the story names
    (or the event is placed in), the most named first; the actor as it was when the story
    names none of them ("Tuareg rebels attacked a Malian army post": an insurgency at home)."""
    states = ctx.sm.context.states
    place = d.location.code if d.location is not None else None
    homes = [h for h in _homes(actor, ctx) if h not in against and (states[h] or h == place)]
    if not homes:
        return actor
    best = max(homes, key=lambda h: (h == place, states[h]))
    return replace(actor, code=best, rule=f"{actor.rule}, not of the side it faces")


@rule("a_people_is_not_its_adversary", "actors")
def a_people_is_not_its_adversary(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "Turkey's offensive against Kurdish militias", "Kurdish fighters shelled Turkish
    posts": a side coded by a people ("Kurdish") that came out as the state on the other side
    of force (lexicon adversarial_types) is that people's other home, if the story names it."""
    if d.plover_type not in words("adversarial_types") or d.reciprocal:
        return d
    targets = set(codes(d.targets))
    d.sources = [_facing(a, targets, d, ctx) for a in d.sources]
    sources = set(codes(d.sources))  # the doers as re-homed
    d.targets = [_facing(a, sources, d, ctx) for a in d.targets]
    return d


def _facing(actor: Actor, against: set[str], d: EventDraft, ctx: SentenceContext) -> Actor:
    """The actor, re-homed when a people coded it as the state it faces."""
    if coded_by_a_people(actor) and actor.code in against:
        return _other_home(actor, against, d, ctx)
    return actor


@rule("rebels_acted_upon_are_of_their_land", "actors")
def rebels_acted_upon_are_of_their_land(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "The army said its jets had killed 40 militants", "Turkey trained and armed the
    rebels": the story's state is most often the one that fights or backs the rebels it acts
    upon, so rebels named with no state, as the target, are not that state's (the guess the
    resolver makes for a doer). They are of the country of the story's towns when that is not
    the doer's; else no one's (unless no doer is named: the event keeps its one party)."""
    guess = f"REB {STORY_GUESSES[0]}"
    if not any(a.rule == guess for a in d.targets):
        return d
    towns = ctx.sm.context.town_state()
    doers = set(codes(d.sources))
    kept = []
    for actor in d.targets:
        if actor.rule != guess or not doers:  # an event with no doer keeps its one party
            kept.append(actor)
        elif towns is not None and towns not in doers:
            kept.append(replace(actor, code=towns, rule="REB of the story's towns"))
    d.targets = kept
    return d
