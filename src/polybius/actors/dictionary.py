"""The actor dictionary: states, international organisations, armed groups and sector words.

Loaded from the reviewable TSV files in `actors/data/` and compiled into one Aho-Corasick
automaton so a sentence is scanned once whatever the dictionary size.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

import ahocorasick

from polybius.tsv import load_lexicons, package_data, read_tsv, split_values

# kinds of dictionary entries
STATE = "state"  # a state's name ("Russia")
ADJECTIVE = "adjective"  # "Russian", "Russians"
CAPITAL = "capital"  # "Moscow" used as a metonym for the government
METONYM = "metonym"  # "the Kremlin"
REGION = "region"  # "Texas", "Ontario": a federal unit standing for its state's authorities
IGO = "igo"
NGO = "ngo"
GROUP = "group"  # non-state armed or political group
AGENT = "agent"  # sector words: "government", "troops"
TITLE = "title"  # "president", "foreign minister"
PERSON = "person"  # a named office-holder, with the dates of the office

PEOPLE = "people"  # "Kurdish", "Tamils": a people whose state is decided from context
PARTY = "party"  # "Labour", "the BJP": a political party, of the home the context names
CODE_KINDS = {STATE, ADJECTIVE, CAPITAL, METONYM, REGION, IGO, NGO, GROUP, PERSON, PEOPLE, PARTY}


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
    # for peoples and parties: their states, most reported first
    homes: tuple[str, ...] = ()
    # where the entry was read: 'shipped:people.tsv:12' or 'user:my_people.tsv:3' (not
    # compared: the same alias and meaning from two files is the same entry)
    origin: str = field(default="", compare=False)
    # a seat of power named without its article ("Kremlin" of "the Kremlin") is the
    # government only as the modifier of an official's noun ("a Kremlin spokesman")
    attributive: bool = False

    @property
    def has_code(self) -> bool:
        return self.kind in CODE_KINDS


def actor_words(name: str) -> frozenset[str]:
    """A word list of the actor matcher and resolver (actors/data/lexicons.tsv)."""
    return load_lexicons("actors", "data", "lexicons.tsv")[name]


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

    'exact' for acronyms ("US", "UN": "us" is a pronoun; "LeT": "let" is a verb), 'initial'
    for proper names ("Turkey" but not "turkey"), 'any' for common words ("government").
    """
    letters = [c for c in alias if c.isalpha()]
    if not letters:
        return "any"
    if len(letters) <= 5 and all(c.isupper() for c in letters):
        return "exact"
    if len(letters) <= 5 and alias.isalpha() and any(c.isupper() for c in alias[1:]):
        return "exact"  # "LeT", "JeM", "AfD": an acronym in mixed case ("Let them fight")
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
        # the mentions of recent sentences, kept by matcher.find_mentions (made on first use)
        self.recent_mentions = None

    def __getstate__(self) -> dict:
        """Picklable whether or not mentions were kept (the kept ones are not sent along)."""
        return {**self.__dict__, "recent_mentions": None}

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for e in self.entries:
            out[e.kind] = out.get(e.kind, 0) + 1
        return out


Rows = Iterable[dict[str, str]]


def _origin(label: str, row: dict[str, str]) -> str:
    return f"{label}:{row.get('_line', '?')}"


def _state_entries(rows: Rows, label: str) -> list[Entry]:
    entries = []
    for row in rows:
        origin = _origin(label, row)
        code = row["code"]
        names = split_values(row["names"])
        canonical = names[0] if names else code
        for alias in names:
            entries.append(Entry(alias, STATE, code, None, canonical, origin=origin))
            if not alias.lower().startswith("the "):
                entries.append(Entry("the " + alias, STATE, code, None, canonical, origin=origin))
        for alias in split_values(row.get("adjectives", "")):
            entries.append(Entry(alias, ADJECTIVE, code, None, canonical, origin=origin))
        for alias in split_values(row.get("capitals", "")):
            entries.append(Entry(alias, CAPITAL, code, "GOV", canonical, origin=origin))
        for alias in split_values(row.get("metonyms", "")):
            entries.append(Entry(alias, METONYM, code, "GOV", canonical, origin=origin))
            if alias.startswith("the "):
                bare = alias[len("the ") :]
                entries.append(
                    Entry(bare, METONYM, code, "GOV", canonical, origin=origin, attributive=True)
                )
    return entries


def _region_entries(rows: Rows, label: str) -> list[Entry]:
    """A state's first-level units: each name names the state (GOV when alone)."""
    entries = []
    for row in rows:
        origin = _origin(label, row)
        for alias in [row["region"], *split_values(row.get("aliases", ""))]:
            entries.append(Entry(alias, REGION, row["code"], "GOV", row["region"], origin=origin))
    return entries


def with_lowercase_endings(names: list[str]) -> list[str]:
    """The names, and "X party" for each "X Party", "X police" for each "X Police" (and so
    for a group, network, cartel or parliament): news writes "the Kurdistan Workers' party",
    "the Metropolitan police" and "the Wagner group" as often as the capitalised forms."""
    lowered = [
        n[: -len(word)] + word.lower()
        for n in names
        for word in (" Party", " Police", " Group", " Network", " Cartel", " Parliament")
        if n.endswith(word)
    ]
    return list(dict.fromkeys(names + lowered))


def _named_entries(rows: Rows, label: str, kind_of) -> list[Entry]:
    """Organisations and groups: each name, and "the <name>" for a proper name."""
    entries = []
    for row in rows:
        origin = _origin(label, row)
        names = split_values(row["names"])
        kind = kind_of(row)
        sector = row.get("sector") or None
        for alias in with_lowercase_endings(names):
            entries.append(Entry(alias, kind, row["code"], sector, names[0], origin=origin))
            if not alias.lower().startswith("the ") and alias[:1].isupper():
                entries.append(
                    Entry("the " + alias, kind, row["code"], sector, names[0], origin=origin)
                )
    return entries


def _igo_entries(rows: Rows, label: str) -> list[Entry]:
    return _named_entries(rows, label, lambda row: NGO if row["code"] == "NGO" else IGO)


def _group_entries(rows: Rows, label: str) -> list[Entry]:
    return _named_entries(rows, label, lambda row: GROUP)


def _agent_entries(rows: Rows, label: str) -> list[Entry]:
    entries = []
    for row in rows:
        origin = _origin(label, row)
        kind = TITLE if row["kind"] == "title" else AGENT
        sector = row["sector"] or None
        for alias in split_values(row["term"]) + split_values(row.get("plural", "")):
            entries.append(
                Entry(alias.lower() if kind == AGENT else alias, kind, None, sector, origin=origin)
            )
    return entries


def _people_entries(rows: Rows, label: str) -> list[Entry]:
    entries = []
    for row in rows:
        origin = _origin(label, row)
        homes = tuple(split_values(row["homes"]))
        for alias in split_values(row["names"]):
            entries.append(Entry(alias, PEOPLE, None, None, alias, homes=homes, origin=origin))
    return entries


def _party_entries(rows: Rows, label: str) -> list[Entry]:
    """Parties: each name (and "the <name>"), with the states a party of that name is of."""
    entries = []
    for row in rows:
        origin = _origin(label, row)
        homes = tuple(split_values(row["homes"]))
        names = split_values(row["names"])
        sector = row.get("sector") or "PTY"
        for alias in with_lowercase_endings(names):
            for form in (alias, "the " + alias) if alias[:1].isupper() else (alias,):
                entries.append(
                    Entry(form, PARTY, None, sector, names[0], homes=homes, origin=origin)
                )
    return entries


def _day(value: str) -> date | None:
    return date.fromisoformat(value) if value else None


def _person_entries(rows: Rows, label: str) -> list[Entry]:
    entries = []
    for row in rows:
        origin = _origin(label, row)
        names = [row["name"], *split_values(row.get("aliases", ""))]
        for alias in dict.fromkeys(names):
            entries.append(
                Entry(
                    alias,
                    PERSON,
                    row["code"],
                    row.get("sector") or None,
                    row["name"],
                    row.get("role") or None,
                    _day(row.get("start", "")),
                    _day(row.get("end", "")),
                    origin=origin,
                )
            )
    return entries


# the dictionary files in the order their entries are added (the order decides which entry
# of an alias shared by two files comes first), with the function that turns rows into entries
BUILDERS: dict[str, Callable[[Rows, str], list[Entry]]] = {
    "countries": _state_entries,
    "regions": _region_entries,
    "igos": _igo_entries,
    "groups": _group_entries,
    "parties": _party_entries,
    "agents": _agent_entries,
    "people": _person_entries,
    "peoples": _people_entries,
}


def _shipped_entries(kind: str) -> list[Entry]:
    path = package_data("actors", "data", f"{kind}.tsv")
    if not path.exists():
        return []
    return BUILDERS[kind](read_tsv(path), f"shipped:{path.name}")


@lru_cache(maxsize=1)
def state_codes() -> frozenset[str]:
    """Codes of states and territories in the actor dictionary (not organisations, nor
    movements such as ISIS or ALQ)."""
    rows = read_tsv(package_data("actors", "data", "countries.tsv"))
    return frozenset(r["code"] for r in rows)


def load_dictionary(extra_actors: tuple[str, ...] | list[str] = ()) -> ActorDictionary:
    """The packaged dictionary plus the user files `extra_actors` (`--actors`), loaded once
    per process and set of files.

    A user file adds entries; an alias it names replaces the entries of that alias from the
    shipped file of the same kind (and from earlier user files), so a user row overrides.
    Raises `polybius.actors.userfiles.ActorFileError` (file:line messages) on a bad file.
    """
    return _load_dictionary(tuple(str(p) for p in extra_actors))


@lru_cache(maxsize=4)
def _load_dictionary(extra_actors: tuple[str, ...]) -> ActorDictionary:
    by_kind = {kind: _shipped_entries(kind) for kind in BUILDERS}
    if extra_actors:
        from polybius.actors.userfiles import read_user_files

        known = {e.code for entries in by_kind.values() for e in entries if e.code}
        for kind, entries in read_user_files(extra_actors, known):
            replaced = {normalise(e.alias) for e in entries}
            kept = [e for e in by_kind[kind] if normalise(e.alias) not in replaced]
            by_kind[kind] = kept + entries
    return ActorDictionary([e for kind in BUILDERS for e in by_kind[kind]])
