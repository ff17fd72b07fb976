"""The place a wire story is filed from: its dateline ("NAIROBI:", "SANTA FE, N.M. (AP) —").

Agency copy and the papers that follow its style open with the town the story was filed
from, in capitals, sometimes with its state or country ("SIOUX FALLS, S.D. –", "MOSUL, Iraq
(AP) —"), a date and the agency, then a colon or a dash. A domestic story rarely names its own
country again ("The governor vetoed the bill"), so the dateline is often the only sign of where
it is set. It is not always where the story is about: correspondents file from hubs ("BEIRUT
(Reuters) - Syrian forces ..."), so a dateline only supports a story's home, never decides
against the states the story names (`actors/resolver.py DocumentContext.home_state`).

The sentence splitter has its own, stricter dateline pattern (`nlp/pipeline._DATELINE`: only
the agency form, "KYIV (AP) — "), because it cuts the dateline off the lead's text and must be
sure; this one only reads a place, so it also takes "NAIROBI: " and "MANILA — ".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from polybius.tsv import package_data, read_tsv
from polybius.where.home import HOME_POPULATION
from polybius.where.places import candidates

DATELINE_LINES = 3  # a dateline opens one of the story's first lines (after a headline)
# a town in capitals (up to four words), optionally its state or country, a date and the
# agency, then a colon or a dash
_DATELINE = re.compile(
    r"(?P<place>[A-Z][A-Z'.\-]+(?: [A-Z][A-Z'.\-]+){0,3})"
    r"(?:, (?P<region>[A-Z][A-Za-z.\-]*(?: [A-Z][A-Za-z.\-]*){0,2}))?"
    r"(?:,? [A-Z][a-z]{2,8}\.? \d{1,2})?"
    r" ?(?:\([^()]{2,40}\))? ?(?::|[-\u2013\u2014]+) "
)


@lru_cache(maxsize=1)
def region_abbreviations() -> dict[str, str]:
    """The abbreviations of US states and Canadian provinces that datelines write after a
    town ("S.D.", "Calif.", "B.C."), lowercased, to their country."""
    rows = read_tsv(package_data("where", "data", "region_abbreviations.tsv"))
    return {r["abbreviation"].lower(): r["country"] for r in rows}


def dateline_country(text: str, state_of: Callable[[str], str | None]) -> str | None:
    """The country of the story's dateline, if it has one. `state_of` gives the state a name
    stands for in the actor dictionary ("Washington", "Iraq", "Texas"), else None."""
    lines = [line.strip() for line in text[:2000].splitlines() if line.strip()]
    for line in lines[:DATELINE_LINES]:
        found = _DATELINE.match(line)
        if found is None:
            continue
        region = found.group("region")
        if region:
            return _region_country(region, state_of)
        return _town_country(found.group("place"), state_of)
    return None


def _region_country(region: str, state_of: Callable[[str], str | None]) -> str | None:
    """ "N.M.", "Texas", "Iraq", "Ontario": the country of what follows the town's name."""
    code = region_abbreviations().get(region.lower()) or state_of(region)
    if code:
        return code
    units = [p for p in candidates(region) if p.feature == "A"]
    return units[0].country if units else None


def _town_country(place: str, state_of: Callable[[str], str | None]) -> str | None:
    """ "NEW DELHI", "SIOUX FALLS": a capital the dictionary knows, else a town large enough
    not to be another word ("DEAR ABBY:" is a column, not a place)."""
    name = place.title()
    code = state_of(name)
    if code:
        return code
    found = candidates(name)
    if not found or found[0].population < HOME_POPULATION:
        return None
    return found[0].country
