"""The country an event happened in when its sentence names no place for it, from the story.

An analyst reading "Troops shelled the villages again" in a story set in Syria writes Syria
as the place, at country precision; Polybius does so only when two things agree:

- the story's scene: the country where the places the document has named so far lie
  (places governed by a place preposition, "in Idlib", "near Aleppo", and the events'
  own places; the sentence's own country first), when one country holds most of them; and
- the event's parties: a material event (QuadClass 2 or 4) whose source or target is that
  state ("Syrian forces detained ...", "... shelled Syrian towns"), or that has no state
  party at all when the scene is the sentence's own or a firm one.

An event whose named parties are all of one state ("Turkish police arrested Turkish
journalists": domestic), or done by a people's forces to no state ("Kurdish forces attacked
Isis"), takes that state without a scene; so does an arrest, charge, sentence, release or
deportation by one state's police or courts, whatever the event's type (they act at home).

A state named as a party of a statement says nothing of where it was made, and a story's
most named state (the fallback measured and dropped in issue 17) is often only its subject,
not its scene, so neither alone is enough. The place is the country, never a town of it:
`geo_precision` is "country", with no coordinates (a country's centre point is not where
anything happened).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import NamedTuple

from polybius.actors.resolver import SentenceMentions
from polybius.coding.actor_labels import named_party
from polybius.coding.event_place import phrase_place
from polybius.coding.lexicon import words
from polybius.coding.places import PLACE_KINDS, place_nouns, place_prepositions
from polybius.models import Actor, Event
from polybius.where.states import state_names

MATERIAL = frozenset({2, 4})
# types done from a desk whatever their QuadClass: sanctions are imposed from a capital
DESK_TYPES = frozenset({"SANCTION"})
# a promised pullout (CAMEO 0356) is verbal but told of forces that are somewhere: it is
# placed as their material act would be
PROMISED_PULLOUT = "0356"
# a story's places make its scene when one country holds more than half of them, or at
# least twice as many as any other; a firm scene holds at least FIRM of them and a majority
SCENE_SHARE = 0.5
FIRM = 3


def sentence_scenes(sm: SentenceMentions) -> list[str]:
    """Countries of the places the sentence names after a place preposition (any phrase:
    "the Kurds in Syria" tells where the story is, if not where a given event was)."""
    preps, story = place_prepositions(), {c: n for c, n in sm.context.states.items() if c}
    out = []
    for tok in sm.sent:
        if tok.dep_ == "pobj" and tok.head.lower_ in preps and tok.head.dep_ == "prep":
            place = phrase_place(tok, sm, story, False)
            if place is not None:
                out.append(place.code)
    return out


# a state named right after a place preposition, in a sentence that is not parsed
_BEFORE_PLACE = re.compile(
    r"(?:\b(?:in|into|inside|near|at|across|throughout|within)"
    r"|\b(?:region|province|part|city|town|village|outskirts|countryside)s? of)"
    r"\s+(?:the\s+)?(?:(?:north|south|east|west|central)[\w-]*\s+)?$",
    re.I,
)


def unparsed_scenes(text: str, mentions) -> list[str]:
    """Countries a sentence that is not parsed places something in: a state or capital right
    after a place preposition ("fled to camps in northern Syria", "talks in Moscow")."""
    return [
        m.code
        for m in mentions
        if m.kind in PLACE_KINDS and m.code and _BEFORE_PLACE.search(text[: m.start])
    ]


class Scene(NamedTuple):
    """Where the story is, as the places named so far tell: `code` the country;
    `in_sentence` when it is the one country the sentence itself places something in;
    `firm` when the story has placed several things there and most of all it places."""

    code: str
    in_sentence: bool = False
    firm: bool = False


def scene_country(scenes: Counter[str]) -> str | None:
    """The country more than `SCENE_SHARE` of the story's named places are in, or at least
    twice as many as in any other; None when there is none (no places, a tie)."""
    total = scenes.total()
    if not total:
        return None
    top = scenes.most_common(2)
    code, n = top[0]
    if n / total > SCENE_SHARE:
        return code
    return code if n >= 2 and n >= 2 * top[1][1] else None


def story_scene(here: set[str], scenes: Counter[str]) -> Scene | None:
    """The scene for a sentence that places things in the countries `here`, in a story
    whose places so far (this sentence's included) are counted in `scenes`."""
    if len(here) == 1:
        code = next(iter(here))
        return Scene(code, True, _firm(code, scenes))
    code = scene_country(scenes)
    return Scene(code, False, _firm(code, scenes)) if code else None


def _firm(code: str, scenes: Counter[str]) -> bool:
    return scenes[code] >= FIRM and scenes[code] / scenes.total() > SCENE_SHARE


def named_codes(actors: list[Actor]) -> set[str]:
    """Codes of the parties the sentence names (not those inferred from the story's or the
    sentence's state, or from the event's place)."""
    return {a.code for a in actors if a.code and named_party(a.rule)}


def domestic_state(event: Event, states: frozenset[str]) -> str | None:
    """The one state of an event whose every named party is of that state (at least one
    source and one target): "Turkish police detained Turkish journalists"; or whose doers are
    a people's forces and whose target is no state ("Kurdish forces attacked Isis": a people
    fights at home, in the state the story gave it)."""
    src, tgt = named_codes(event.sources), named_codes(event.targets)
    if src and tgt and src == tgt and len(src) == 1:
        code = next(iter(src))
        return code if code in states else None
    # a people's forces ("Kurdish forces", their state read from the story) act in their home
    people = {a.code for a in event.sources if (a.rule or "").startswith("people:")}
    if len(people) == 1 and src == people and not (tgt & states):
        code = next(iter(people))
        return code if code in states else None
    return None


# how a target was resolved when its words name a place (a capital or a federal unit standing
# for its state): "shelled Damascus", "struck Texas" (actors/resolver.py records "kind:words")
STRUCK_PLACE_KINDS = ("capital", "region")


def struck_place(event: Event, sent) -> str | None:
    """The state of the one place force was used on, when the target's phrase is that place:
    "jets bombed Damascus", "the outskirts of Damascus", "Douma, a suburb of Damascus" or
    "Aleppo, a city of Syria" (a name the gazetteer may lack, described as a kind of place of
    a known one). Only an assault; not "the Minsk ceasefire"; and not a state named as the
    target ("Isis attacked the US"), often hit elsewhere."""
    if event.plover_type != "ASSAULT":
        return None
    found = {a.code for a in event.targets if a.code and _names_a_place(sent, a)}
    return next(iter(found)) if len(found) == 1 else None


def _names_a_place(sent, actor: Actor) -> bool:
    kind, _, name = (actor.rule or "").partition(":")
    base = sent.start_char
    span = [t for t in sent if actor.start <= t.idx - base < actor.end]
    inside = {t.i for t in span}
    heads = [t for t in span if t.head.i not in inside or t.head.i == t.i]
    if len(heads) != 1 or kind not in (*STRUCK_PLACE_KINDS, "state"):
        return False
    head, nouns = heads[0], place_nouns()
    if any(c.dep_ == "appos" and c.lower_ in nouns for c in head.children):
        return head.pos_ == "PROPN"  # "Douma, a suburb of Damascus"
    if kind not in STRUCK_PLACE_KINDS:
        return False
    return head.lower_ in name.lower().split() or head.lower_ in nouns


def story_country(event: Event, scene: Scene | None, sent) -> tuple[str, str] | None:
    """(country, why) for an event without a place, or None:

    - one state's police or courts arrested, charged, sentenced, released or deported someone
      (any QuadClass: a charge is verbal);
    - and for a material event:
      - force was used on a place the target names (`struck_place`);
      - every named party is of one state (domestic);
      - a party is of the scene's state (a party given the story's state counts here: the
        story's places and its actors then agree);
      - no state is a party ("Isis fighters shot deserters") and the scene is the sentence's
        own or a firm one."""
    if event.location_country:
        return None
    home = _authorities_at_home(event)
    if home is not None:
        return home, "a state's police and courts act in their own state"
    promised_pullout = (event.cameo_code or "").startswith(PROMISED_PULLOUT)
    if event.quad_class not in MATERIAL and not promised_pullout:
        return None
    if event.plover_type in DESK_TYPES:
        return None
    states = frozenset(state_names())
    struck = struck_place(event, sent)
    if struck is not None:
        return struck, "force used on a place named as its target happened there"
    home = domestic_state(event, states)
    if home is not None:
        return home, "every party is of that state"
    if scene is None:
        return None
    parties = set(event.source_codes) | set(event.target_codes)
    if scene.code in parties:
        return scene.code, "the story's places are there and a party is of it"
    if (scene.in_sentence or scene.firm) and not parties & states:
        return scene.code, "the story's places are there and no state is a party"
    return None


def _authorities_at_home(event: Event) -> str | None:
    """The state whose police or courts arrest, charge, try, sentence, release or deport
    someone (lexicon custody_and_court_codes), when one state does it and no armed force."""
    if not event.cameo_code.startswith(tuple(words("custody_and_court_codes"))):
        return None
    states = {a.code for a in event.sources}
    if len(states) != 1 or not states <= state_names().keys():
        return None
    if any(a.sector in words("armed_forces_sectors") for a in event.sources):
        return None
    return states.pop()


def set_country_place(event: Event, code: str, why: str) -> None:
    """Give the event its country as place, at country precision and without coordinates."""
    event.location_name = state_names().get(code, code)
    event.location_country = code
    event.location_admin1 = None
    event.lat = event.lon = None
    event.geo_precision = "country"
    event.feature_class = "A"
    event.trace.append(f"rule:place_from_story {code}: {why}")
