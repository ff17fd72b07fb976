"""Names of seas: a state or a town named inside one is a place at sea, not the state."""

from __future__ import annotations

import re
from functools import lru_cache

from polybius.tsv import package_data, read_tsv


@lru_cache(maxsize=1)
def water_words() -> frozenset[str]:
    """The words of a sea's name, lowercase ("gulf": "the Gulf" alone is a sea too)."""
    return frozenset(r["word"].lower() for r in _rows())


@lru_cache(maxsize=1)
def sea_heads() -> frozenset[str]:
    """The words that head a sea's name, lowercase: an event "in the Gulf of Aden" or "in the
    South China Sea" is at sea, in no state."""
    return frozenset(r["word"].lower() for r in _rows() if r["head"] == "yes")


def _rows() -> list[dict[str, str]]:
    return read_tsv(package_data("where", "data", "water_names.tsv"))


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, re.Pattern]:
    """ "the Sea of ", "the Gulf of " before a name; " Sea", " Ocean" after it; capitalised
    as in a proper name ("the sea of Japanese fishing boats" is no sea's name)."""
    before = "|".join(sorted(r["word"] for r in _rows() if r["before"] == "yes"))
    after = "|".join(sorted(r["word"] for r in _rows() if r["after"] == "yes"))
    return re.compile(rf"\b(?:{before}) of (?:the )?$"), re.compile(rf"^ (?:{after})\b")


def in_a_water_name(text: str, start: int, end: int) -> bool:
    """The name at text[start:end] is inside the name of a sea or a gulf ("the South China
    Sea", "the Sea of Japan", "the Gulf of Aden")."""
    before, after = _patterns()
    return bool(before.search(text[max(0, start - 20) : start])) or bool(
        after.match(text[end : end + 12])
    )
