"""The actor dictionary: states, international organisations, armed groups and sector words.

Loaded from the reviewable TSV files in `actors/data/` and compiled into one Aho-Corasick
automaton so a sentence is scanned once whatever the dictionary size.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import ahocorasick

from polybius.tsv import package_data, read_tsv, split_values

# kinds of dictionary entries
STATE = "state"  # a state's name ("Russia")
ADJECTIVE = "adjective"  # "Russian", "Russians"
CAPITAL = "capital"  # "Moscow" used as a metonym for the government
METONYM = "metonym"  # "the Kremlin"
IGO = "igo"
NGO = "ngo"
GROUP = "group"  # non-state armed or political group
AGENT = "agent"  # sector words: "government", "troops"
TITLE = "title"  # "president", "foreign minister"
PERSON = "person"  # a named office-holder, with the dates of the office

PEOPLE = "people"  # "Kurdish", "Tamils": a people whose state is decided from context
CODE_KINDS = {STATE, ADJECTIVE, CAPITAL, METONYM, IGO, NGO, GROUP, PERSON, PEOPLE}


@dataclass(frozen=True)
class Entry:
    """One surface form in the dictionary and what it resolves to."""

    alias: str
    kind: str
    code: str | None
    sector: str | None
    name: str | None = None  # canonical name (country name, organisation, person)
    role: str | None = None  # for persons: the office ("foreign minister")
    start: date | None = None  # for persons: when the office began
    end: date | None = None  # and ended (None: still in office)
    homes: tuple[str, ...] = ()  # for peoples: the states they live in, most reported first

    @property
    def has_code(self) -> bool:
        return self.kind in CODE_KINDS


class _NormalisedChars(dict):
    """Code point -> normalised character, filled on first sight (a str.translate table)."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        low = ch.lower()
        if len(low) != 1:
            low = ch
        if low in "\u2019\u2018\u02bc`\u00b4":
            low = "'"
        elif low in "\u2010\u2011\u2012\u2013\u2014":
            low = "-"
        self[code] = low
        return low


_NORMALISED = _NormalisedChars()


def normalise(text: str) -> str:
    """Lowercase and unify apostrophes/dashes without changing the string length."""
    return text.translate(_NORMALISED)


def case_rule(alias: str) -> str:
    """How strictly a match must follow the alias's capitalisation.

    'exact' for acronyms ("US", "UN": "us" is a pronoun), 'initial' for proper names
    ("Turkey" but not "turkey"), 'any' for common words ("government").
    """
    letters = [c for c in alias if c.isalpha()]
    if not letters:
        return "any"
    if len(letters) <= 5 and all(c.isupper() for c in letters):
        return "exact"
    if any(c.isupper() for c in alias):
        return "initial"
    return "any"


class ActorDictionary:
    def __init__(self, entries: list[Entry]):
        self.entries = entries
        self.automaton = ahocorasick.Automaton()
        by_key: dict[str, list[Entry]] = {}
        for e in entries:
            key = normalise(e.alias)
            if key:
                by_key.setdefault(key, []).append(e)
        for key, group in by_key.items():
            self.automaton.add_word(key, (len(key), tuple(group)))
        self.automaton.make_automaton()
        self.codes = {e.code for e in entries if e.code}

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for e in self.entries:
            out[e.kind] = out.get(e.kind, 0) + 1
        return out


def _state_entries() -> list[Entry]:
    entries = []
    for row in read_tsv(package_data("actors", "data", "countries.tsv")):
        code = row["code"]
        names = split_values(row["names"])
        canonical = names[0] if names else code
        for alias in names:
            entries.append(Entry(alias, STATE, code, None, canonical))
            if not alias.lower().startswith("the "):
                entries.append(Entry("the " + alias, STATE, code, None, canonical))
        for alias in split_values(row["adjectives"]):
            entries.append(Entry(alias, ADJECTIVE, code, None, canonical))
        for alias in split_values(row["capitals"]):
            entries.append(Entry(alias, CAPITAL, code, "GOV", canonical))
        for alias in split_values(row["metonyms"]):
            entries.append(Entry(alias, METONYM, code, "GOV", canonical))
    return entries


def _organisation_entries() -> list[Entry]:
    entries = []
    for row in read_tsv(package_data("actors", "data", "igos.tsv")):
        names = split_values(row["names"])
        kind = NGO if row["code"] == "NGO" else IGO
        for alias in names:
            entries.append(Entry(alias, kind, row["code"], row["sector"] or None, names[0]))
            if not alias.lower().startswith("the ") and alias[:1].isupper():
                entries.append(
                    Entry("the " + alias, kind, row["code"], row["sector"] or None, names[0])
                )
    for row in read_tsv(package_data("actors", "data", "groups.tsv")):
        names = split_values(row["names"])
        for alias in names:
            entries.append(Entry(alias, GROUP, row["code"], row["sector"] or None, names[0]))
            if not alias.lower().startswith("the ") and alias[:1].isupper():
                entries.append(
                    Entry("the " + alias, GROUP, row["code"], row["sector"] or None, names[0])
                )
    return entries


def _agent_entries() -> list[Entry]:
    entries = []
    for row in read_tsv(package_data("actors", "data", "agents.tsv")):
        kind = TITLE if row["kind"] == "title" else AGENT
        sector = row["sector"] or None
        for alias in split_values(row["term"]) + split_values(row.get("plural", "")):
            entries.append(Entry(alias.lower() if kind == AGENT else alias, kind, None, sector))
    return entries


def _people_entries() -> list[Entry]:
    entries = []
    for row in read_tsv(package_data("actors", "data", "peoples.tsv")):
        homes = tuple(split_values(row["homes"]))
        for alias in split_values(row["names"]):
            entries.append(Entry(alias, PEOPLE, None, None, alias, homes=homes))
    return entries


def _day(value: str) -> date | None:
    return date.fromisoformat(value) if value else None


def _person_entries() -> list[Entry]:
    path = package_data("actors", "data", "people.tsv")
    if not path.exists():
        return []
    entries = []
    for row in read_tsv(path):
        names = [row["name"], *split_values(row["aliases"])]
        for alias in dict.fromkeys(names):
            entries.append(
                Entry(
                    alias,
                    PERSON,
                    row["code"],
                    row["sector"] or None,
                    row["name"],
                    row["role"] or None,
                    _day(row["start"]),
                    _day(row["end"]),
                )
            )
    return entries


@lru_cache(maxsize=1)
def load_dictionary() -> ActorDictionary:
    """The packaged dictionary (loaded once per process)."""
    return ActorDictionary(
        _state_entries()
        + _organisation_entries()
        + _agent_entries()
        + _person_entries()
        + _people_entries()
    )
