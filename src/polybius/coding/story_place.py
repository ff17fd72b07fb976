"""The country an event happened in when its sentence names no place for it, from the story.

An analyst reading "Troops shelled the villages again" in a story set in Syria writes Syria
as the place, at country precision; Polybius does so only when two things agree:

- the story's scene: the country where the places the document has named so far lie
  (places governed by a place preposition, "in Idlib", "near Aleppo", and the events'
  own places), when one country holds most of them; and
- the event's parties: a material event (QuadClass 2 or 4) whose source or target is that
  state ("Syrian forces detained ...", "... shelled Syrian towns"), or whose parties are all
  of one state and nobody else's ("Turkish police arrested Turkish journalists": domestic).

A state named as a party of a statement says nothing of where it was made, and a story's
most named state (the fallback measured and dropped in issue 17) is often only its subject,
not its scene, so neither alone is enough. The place is the country, never a town of it:
`geo_precision` is "country", with no coordinates (a country's centre point is not where
anything happened).
"""

from __future__ import annotations

import re
from collections import Counter

from polybius.actors.resolver import SentenceMentions
from polybius.coding.actor_labels import named_party
from polybius.coding.event_place import phrase_place
from polybius.coding.places import place_prepositions
from polybius.models import Actor, Event
from polybius.where.states import state_names

MATERIAL = frozenset({2, 4})
# types done from a desk whatever their QuadClass: sanctions are imposed, aid is pledged
DESK_TYPES = frozenset({"SANCTION"})
# the scene is the country of more than this share of the places named so far
SCENE_SHARE = 0.5


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
    r"\b(?:in|into|inside|near|at|across|throughout|within)\s+(?:the\s+)?"
    r"(?:(?:north|south|east|west|central)[\w-]*\s+)?$",
    re.I,
)


def unparsed_scenes(text: str, mentions) -> list[str]:
    """Countries a sentence that is not parsed places something in: a state or capital right
    after a place preposition ("fled to camps in northern Syria", "talks in Moscow")."""
    return [
        m.code
        for m in mentions
        if m.kind in ("state", "capital") and m.code and _BEFORE_PLACE.search(text[: m.start])
    ]


def scene_country(scenes: Counter[str]) -> str | None:
    """The country most of the story's named places are in, or None (no places, or no
    country holding more than `SCENE_SHARE` of them: a tie is no scene)."""
    total = scenes.total()
    if not total:
        return None
    code, n = scenes.most_common(1)[0]
    return code if n / total > SCENE_SHARE else None


def named_codes(actors: list[Actor]) -> set[str]:
    """Codes of the parties the sentence names (not those inferred from the story's or the
    sentence's state, or from the event's place)."""
    return {a.code for a in actors if a.code and named_party(a.rule)}


def domestic_state(event: Event, states: frozenset[str]) -> str | None:
    """The one state of an event whose every named party is of that state (at least one
    source and one target): "Turkish police detained Turkish journalists"."""
    src, tgt = named_codes(event.sources), named_codes(event.targets)
    if src and tgt and src == tgt and len(src) == 1:
        code = next(iter(src))
        return code if code in states else None
    return None


def story_country(event: Event, scene: str | None) -> tuple[str, str] | None:
    """(country, why) for an event without a place, or None."""
    if event.location_country or event.quad_class not in MATERIAL:
        return None
    if event.plover_type in DESK_TYPES:
        return None
    states = frozenset(state_names())
    home = domestic_state(event, states)
    if home is not None:
        return home, "every party is of that state"
    # here a party given the story's state counts: the story's places and its actors agree
    parties = set(event.source_codes) | set(event.target_codes)
    if scene is not None and scene in parties:
        return scene, "the story's places are there and a party is of it"
    return None


def set_country_place(event: Event, code: str, why: str) -> None:
    """Give the event its country as place, at country precision and without coordinates."""
    event.location_name = state_names().get(code, code)
    event.location_country = code
    event.location_admin1 = None
    event.lat = event.lon = None
    event.geo_precision = "country"
    event.feature_class = "A"
    event.trace.append(f"rule:place_from_story {code}: {why}")
