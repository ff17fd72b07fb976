"""The coder's word lists and CAMEO codes, read from `coding/data/*.tsv` (knowledge as data)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from polybius.tsv import load_lexicons, package_data, read_tsv, split_values


class UnknownLexicon(KeyError):
    """The code asked for a word list that `lexicons.tsv` does not define."""


def words(name: str) -> frozenset[str]:
    """The words of one lexicon (`coding/data/lexicons.tsv`)."""
    try:
        return load_lexicons("coding", "data", "lexicons.tsv")[name]
    except KeyError:
        raise UnknownLexicon(f"no lexicon {name!r} in coding/data/lexicons.tsv") from None


@lru_cache(maxsize=1)
def _codes() -> dict[str, str]:
    rows = read_tsv(package_data("coding", "data", "codes.tsv"))
    return {row["name"]: row["cameo"] for row in rows}


def cameo(name: str) -> str:
    """A CAMEO code the rules name (`codes.tsv`)."""
    try:
        return _codes()[name]
    except KeyError:
        raise UnknownLexicon(f"no code {name!r} in coding/data/codes.tsv") from None


@dataclass(frozen=True)
class Cues:
    """Cue words of statuses and situations (`events/data/cues.tsv`)."""

    words: dict[str, frozenset[str]]

    def has(self, cue: str, lemma: str) -> bool:
        return lemma in self.words.get(cue, frozenset())

    def any(self, cues: tuple[str, ...], lemma: str) -> bool:
        return any(self.has(c, lemma) for c in cues)


@lru_cache(maxsize=1)
def load_cues() -> Cues:
    rows = read_tsv(package_data("events", "data", "cues.tsv"))
    return Cues({row["cue"]: frozenset(split_values(row["words"])) for row in rows})


@lru_cache(maxsize=1)
def load_recoding() -> dict[tuple[str, str], str]:
    """(situation, PLOVER type or CAMEO code) -> new CAMEO code, '-' or 'drop'."""
    rows = read_tsv(package_data("events", "data", "recode.tsv"))
    return {(row["situation"], row["from_type"]): row["to_cameo"] for row in rows}
