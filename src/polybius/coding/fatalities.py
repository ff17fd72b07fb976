"""People killed, when a sentence states the number: "killed 12 people", "at least 30 dead",
"the death toll rose to 45". ACLED's `fatalities`: the figure stated, a lower bound when the
text says "at least"; vague amounts ("dozens") give none."""

from __future__ import annotations

import re

_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "a dozen": 12,
    "a hundred": 100,
}
_NUMBER = r"(\d{1,3}(?:,\d{3})*|\d+|" + "|".join(sorted(_WORDS, key=len, reverse=True)) + ")"
_BOUND = r"(?:(?:at least|more than|over|nearly|almost|about|around|some|up to)\s+)?"
_WHO = (
    r"(?:\s+(?:\w+\s+){0,2}?(?:people|persons|civilians|soldiers|troops|fighters|militants|"
    r"children|women|men|protesters|police(?:men)?|officers|members|migrants|refugees|"
    r"villagers|worshippers|students|others|of them))?"
)
_PATTERNS = [
    re.compile(r"\b(?:killed|killing|kills|kill)\s+" + _BOUND + _NUMBER + _WHO, re.I),
    re.compile(
        r"\b" + _BOUND + _NUMBER + _WHO + r"\s+(?:were|have been|had been|was|are)?\s*"
        r"(?:killed|dead|died|slain)\b",
        re.I,
    ),
    re.compile(r"\bdeath toll\s+(?:\w+\s+){0,3}?" + _BOUND + _NUMBER + r"\b", re.I),
]
_YEAR = re.compile(r"^(1[89]|20)\d\d$")


def fatalities(sentence: str) -> int | None:
    """The largest number of dead the sentence states, or None."""
    found = []
    for pattern in _PATTERNS:
        for m in pattern.finditer(sentence):
            n = _number(m.group(1))
            if n is not None:
                found.append(n)
    return max(found) if found else None


def _number(text: str) -> int | None:
    low = text.lower()
    if low in _WORDS:
        return _WORDS[low]
    digits = low.replace(",", "")
    if not digits.isdigit() or _YEAR.match(digits):
        return None
    return int(digits)
