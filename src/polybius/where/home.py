"""The country a story is set in when it names no state: the towns and provinces it names.

Local news rarely names its own country: a story from Texas says "Fort Worth police", "a
Houston man", "the Harris County jail", never "the United States". A reader still knows
where it is, from the places named anywhere in it (not only after a place preposition, and
in sentences that hold no event). `home_places` finds them: runs of capitalised words that
are a gazetteer town of at least HOME_POPULATION people or a first-level unit, alone or
followed only by words of an institution ("Fort Worth Police Department"). A name that is also
a person's ("Warren", "Lincoln") may be found too, so a story's home needs several distinct
names agreeing (`actors/resolver.py DocumentContext.home_state`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from itertools import accumulate

from polybius.tsv import package_data, read_tsv
from polybius.where.places import candidates
from polybius.where.waters import in_a_water_name, water_words

# towns smaller than this are too often a surname or a common word elsewhere
HOME_POPULATION = 100_000
# a run of capitalised words, which may hold the lowercase particles of place names ("Rio de
# Janeiro", "Dar es Salaam", "Port-au-Prince")
_PARTICLE = r"(?:de|da|do|dos|das|del|es|au|la|el|al)[ -]"
_RUN = re.compile(
    rf"\b[A-Z][a-z]+(?:[ -](?:{_PARTICLE})?(?:[A-Z][a-z]+|[A-Z]\.))*(?:[ -][A-Z][a-z]+)?"
)


@lru_cache(maxsize=1)
def institution_words() -> frozenset[str]:
    """Words that may follow a place's name in an institution's name (where/data/)."""
    rows = read_tsv(package_data("where", "data", "institution_words.tsv"))
    return frozenset(r["word"].lower() for r in rows)


@lru_cache(maxsize=1)
def function_words() -> frozenset[str]:
    """English function words (spaCy's stop words): capitalised at the start of a sentence or
    a quote, never the name of a place on their own."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def home_places(
    text: str, taken: list[tuple[int, int]] = (), min_population: int = HOME_POPULATION
) -> list[tuple[str, str]]:
    """(name, country) of the places `text` names, outside the character spans `taken`
    (the sentence's actor mentions: "Georgia" the state, "Washington" the capital)."""
    found = []
    waters = water_words()
    spans = sorted(taken)
    starts = [a for a, _ in spans]
    reach = list(accumulate((b for _, b in spans), max))  # the furthest end so far
    for m in _RUN.finditer(text):
        if _overlaps(starts, reach, m.start(), m.end()):
            continue
        if m.group().lower() in waters or in_a_water_name(text, m.start(), m.end()):
            continue  # "the Gulf" (not Papua New Guinea's Gulf Province), "the Gulf of Aden"
        words = m.group().replace("-", " ").split()
        for n in range(len(words), 0, -1):
            if not all(w.lower() in institution_words() for w in words[n:]):
                break
            if n == 1 and words[0].lower() in function_words():
                break  # "We" is a town of New Caledonia, but a capitalised "We" is a pronoun
            country = _country(" ".join(words[:n]), min_population)
            if country is not None:
                found.append((" ".join(words[:n]), country))
                break
    return found


def _overlaps(starts: list[int], reach: list[int], start: int, end: int) -> bool:
    """A taken span overlaps [start, end): of the spans (sorted by start) that start before
    `end`, one reaches past `start`. A story's whole text has hundreds of mentions
    (DocumentContext.prime_homes), so this is a bisection, not a scan."""
    i = bisect_right(starts, end - 1)  # spans that start before `end`
    return i > 0 and reach[i - 1] > start


def _country(name: str, min_population: int = HOME_POPULATION) -> str | None:
    places = candidates(name)
    if not places:
        return None
    top = places[0]
    if top.feature != "A" and top.population < min_population:
        return None
    return top.country
