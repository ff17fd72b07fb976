"""Choosing among places of the same name: the story's countries first, then the kind of
place the text names, then population.

"Salisbury" in a story about Britain is the English city, not Zimbabwe's capital (whose old
name it is); "Tripoli" in a story about Lebanon is Lebanon's; but "Geneva" in a story about
the United States is still the Swiss city, not a town in Illinois. A small town is only taken when
its country is one the story is about: a name shared with a village in some far country is
more often a word the gazetteer should not have matched.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Collection, Mapping
from difflib import SequenceMatcher

from polybius.where.places import Place

# below this population a place must be in one of the story's countries
FOREIGN_MIN_POPULATION = 15_000
# a city this large is the one meant over a town of its name in the story's country that is
# not a city itself and WORLD_CITY_RATIO times smaller ("talks in Geneva" in a story about
# the United States are in Switzerland, not in Geneva, Illinois)
WORLD_CITY = 100_000
# a place the text names by another name that is not a spelling of its own (an old name, a
# name in another language) must be this large when it is in none of the story's countries:
# "Jermuk" (a town in Armenia the gazetteer lacks) is listed as another name of Turkey's
# Cermik, "Africa" as one of Tunisia's Mahdia ("Saraqeb" for Saraqib is a spelling of it)
FOREIGN_OTHER_NAME_POPULATION = 100_000
# how alike two names must be (difflib ratio of their folded letters) to be spellings of one
SPELLING_RATIO = 0.75
WORLD_CITY_RATIO = 4


def choose(
    name: str,
    found: Collection[Place],
    story: Mapping[str, int],
    required: str | None = None,
    want_admin1: bool = False,
) -> Place | None:
    """The place meant: in `required` when the text ties it to a country ("Aleppo, Syria",
    "the Syrian city of"), else the one whose country the story names most (population
    breaks ties), else the most populous if it is large enough to be known abroad.
    `want_admin1`: the text says "province", "governorate", ... so a unit beats a town.
    A place called `name` beats one that only has it as an old or other name (Harare was
    Salisbury)."""
    pool = [p for p in found if required is None or p.country == required]
    if not pool:
        return None
    total = sum(story.values()) or 1

    def score(p: Place) -> tuple:
        kind = (p.feature == "A") == want_admin1
        own = _folded(p.name) == _folded(name)
        return (story.get(p.country, 0) / total, own, kind, math.log10(p.population + 1))

    best = max(pool, key=score)
    if required is None and best.population < WORLD_CITY:
        known = [
            p
            for p in pool
            if p.name.lower() == name.lower()
            and p.country != best.country
            and (p.feature == "A") == want_admin1
            and p.population >= max(WORLD_CITY, WORLD_CITY_RATIO * best.population)
        ]
        if known:
            return max(known, key=lambda p: p.population)
    if required is None and not story.get(best.country):
        spelled = _spelling_of(name, best.name)
        if best.population < (FOREIGN_MIN_POPULATION if spelled else FOREIGN_OTHER_NAME_POPULATION):
            return None
    return best


def _folded(name: str) -> str:
    """A name's letters and digits without accents or marks: "‘Afrīn" is "afrin"."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if c.isalnum() and c.isascii()).lower()


def _spelling_of(name: str, own: str) -> bool:
    """`name` is the place's own name or a spelling of it ("Saraqeb", "Saraqib")."""
    a, b = _folded(name), _folded(own)
    return a == b or SequenceMatcher(None, a, b).ratio() >= SPELLING_RATIO
