"""Trigger patterns: the reviewable TSV files under `events/data/patterns/`.

Trigger syntax (matched against lemmas of a dependency parse):
  v:LEMMA                 a verb ("v:attack")
  v:LEMMA WORD [WORD2]    a verb with particles/prepositions ("v:call on", "v:lash out at")
                          or an adjective complement ("v:plead guilty", "v:set free");
                          the word "to-verb" asks for an infinitive clause ("v:plead to-verb":
                          "pleaded to be brought home", not "pleaded guilty")
  v:LEMMA [WORD] +N1|N2   a verb whose direct object has one of these lemmas ("v:impose +sanction");
                          %name: any proper name, %place: a proper name the gazetteer
                          knows as a place ("v:capture +%place": "captured Raqqa", not
                          "captured Ricardo"), %any: any direct object or passive
                          subject ("v:push to-verb +%any": "pushed Hamas to accept", not
                          "pushed to rein in"; "v:starve +%any": not "civilians starve")
  n:LEMMA                 an event noun ("n:airstrike")
Target slots, in preference order: dobj, prep:X|Y, dative, poss, recip, '-'.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from polybius.tsv import package_data, read_tsv


class PatternError(ValueError):
    """A pattern file line that cannot be understood."""


@dataclass(frozen=True)
class Pattern:
    cameo: str
    pos: str  # "v" or "n"
    lemma: str
    words: tuple[str, ...]  # particles or prepositions attached to the verb
    # lemmas allowed for the direct object (a noun pattern's "of" phrase); MODIFIER_LEMMA
    # ("chemical_weapon") asks for the lemma with that adjective or compound
    objects: frozenset[str] | None
    targets: tuple[str, ...]  # target slots in preference order
    mode: str | None
    origin: str  # file:line, so every event can say which pattern coded it

    @property
    def specificity(self) -> int:
        """How much of the parse the pattern asks for: an object counts 2, one qualified by
        its modifier ("+hunger_strike", every object so written) 3, any object ("+%any") 1,
        each attached word 1."""
        if not self.objects:
            return len(self.words)
        if self.objects == {"%any"}:  # any object at all: less than a named one
            return 1 + len(self.words)
        qualified = all("_" in o for o in self.objects)
        return (3 if qualified else 2) + len(self.words)

    @property
    def object_lemmas(self) -> frozenset[str]:
        """The lemmas the object nouns have ("weapon" of "chemical_weapon")."""
        return frozenset(o.rpartition("_")[2] for o in self.objects or ())


def parse_trigger(trigger: str) -> tuple[str, str, tuple[str, ...], frozenset[str] | None]:
    if ":" not in trigger:
        raise PatternError(f"trigger {trigger!r} must start with 'v:' or 'n:'")
    pos, _, rest = trigger.partition(":")
    pos = pos.strip()
    if pos not in ("v", "n"):
        raise PatternError(f"trigger {trigger!r} must start with 'v:' or 'n:'")
    words = rest.split()
    if not words:
        raise PatternError(f"trigger {trigger!r} has no lemma")
    objects = None
    if words[-1].startswith("+"):
        objects = frozenset(o.strip().lower() for o in words[-1][1:].split("|") if o.strip())
        words = words[:-1]
    if not words or len(words) > 3:
        raise PatternError(f"trigger {trigger!r}: expected LEMMA [WORD [WORD2]] [+OBJECTS]")
    if pos == "n" and len(words) > 1:
        raise PatternError(f"trigger {trigger!r}: a noun trigger is one lemma")
    return pos, words[0].lower(), tuple(w.lower() for w in words[1:]), objects


# "undergoer": the verb's subject undergoes the event and a "from"/"by" phrase names its doer
# ("the minister faced criticism from rights groups"); "experiencer": the verb's object (or
# its passive subject) is the one who disapproves, of its subject ("the move angered Beijing",
# "Ankara was incensed by the announcement")
_TARGET_SLOTS = ("dobj", "dative", "poss", "recip", "undergoer", "experiencer", "-")


def parse_targets(cell: str) -> tuple[str, ...]:
    slots = tuple(s.strip() for s in cell.split(",") if s.strip()) or ("-",)
    for s in slots:
        if s not in _TARGET_SLOTS and not s.startswith("prep:"):
            raise PatternError(f"unknown target slot {s!r}")
    return slots


class PatternSet:
    """All patterns, indexed by (pos, lemma) for constant-time lookup per token."""

    def __init__(self, patterns: list[Pattern]):
        self.patterns = patterns
        self.index: dict[tuple[str, str], list[Pattern]] = {}
        for p in patterns:
            self.index.setdefault((p.pos, p.lemma), []).append(p)
        for plist in self.index.values():
            plist.sort(key=lambda p: -p.specificity)
        self.verb_lemmas = frozenset(lemma for pos, lemma in self.index if pos == "v")
        self.noun_lemmas = frozenset(lemma for pos, lemma in self.index if pos == "n")
        # a verb form's patterns by its (lower-case form, lemma) hashes (triggers.verb_candidates)
        self.verb_forms: dict[tuple[int, int], list[Pattern]] = {}

    def candidates(self, pos: str, lemma: str) -> list[Pattern]:
        return self.index.get((pos, lemma), [])


def read_pattern_file(path: Path, known_codes: set[str] | None = None) -> list[Pattern]:
    return [
        pattern_from_row(row, f"{path.name}:{row['_line']}", known_codes) for row in read_tsv(path)
    ]


def pattern_from_row(
    row: dict[str, str], where: str, known_codes: set[str] | None = None
) -> Pattern:
    """One pattern from a row of the pattern TSV columns; `where` names it in errors/events."""
    try:
        pos, lemma, words, objects = parse_trigger(row["trigger"])
        targets = parse_targets(row.get("target", ""))
    except PatternError as exc:
        raise PatternError(f"{where}: {exc}") from None
    code = row["cameo"]
    if known_codes is not None and code not in known_codes:
        raise PatternError(f"{where}: unknown CAMEO code {code!r}")
    return Pattern(code, pos, lemma, words, objects, targets, row.get("mode") or None, where)


def pattern_files() -> list[Path]:
    return sorted(package_data("events", "data", "patterns").glob("*.tsv"))


# an extra pattern source "petrarch:PATH" is a PETRARCH2 verb dictionary (`--petrarch-verbs`)
PETRARCH_PREFIX = "petrarch:"


@lru_cache(maxsize=8)
def load_patterns(extra: tuple[str, ...] = ()) -> PatternSet:
    """The packaged patterns plus any user pattern files (`--patterns FILE`)."""
    from polybius.events.ontology import load_ontology

    codes = set(load_ontology().cameo)
    patterns: list[Pattern] = []
    for path in pattern_files():
        patterns.extend(read_pattern_file(path, codes))
    for spec in extra:
        if spec.startswith(PETRARCH_PREFIX):  # a PETRARCH2 verb dictionary, converted here
            from polybius.events.petrarch import convert_dictionary

            rows = convert_dictionary(spec[len(PETRARCH_PREFIX) :]).rows
            patterns.extend(pattern_from_row(r, r["origin"], codes) for r in rows)
        else:
            patterns.extend(read_pattern_file(Path(spec), codes))
    return PatternSet(patterns)
