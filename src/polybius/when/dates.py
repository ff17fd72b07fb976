"""The date of an event from the publication date and the sentence's time expressions.

Returns (date, precision, how) where precision is day | month | year and `how` names the
rule ("publication", "weekday", "yesterday", "month-name", ...), so users can judge it.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_TIME_NOUNS = {
    "day",
    "night",
    "morning",
    "afternoon",
    "evening",
    "weekend",
    "week",
    "month",
    "year",
}


def is_time_word(word: str) -> bool:
    """True for a weekday, month or calendar noun: "on Monday" is a time, not a party."""
    low = word.lower()
    return low in _WEEKDAYS or low in _MONTHS or low in _TIME_NOUNS


_WEEKDAY_RE = re.compile(r"\b(last|next|this|on)?\s*(" + "|".join(_WEEKDAYS) + r")\b", re.I)
_MONTH_RE = re.compile(
    r"\b(early|mid|late|in|since|last|next|this)?[\s-]*("
    + "|".join(_MONTHS)
    + r")\b(?:\s+(\d{1,2}))?",
    re.I,
)
_RELATIVE = [
    (re.compile(r"\byesterday\b", re.I), -1, "day", "yesterday"),
    (
        re.compile(r"\b(today|tonight|this morning|this afternoon|this evening)\b", re.I),
        0,
        "day",
        "today",
    ),
    (re.compile(r"\btomorrow\b", re.I), 1, "day", "tomorrow"),
    (re.compile(r"\blast week\b", re.I), -7, "week", "last-week"),
    (re.compile(r"\bnext week\b", re.I), 7, "week", "next-week"),
    (re.compile(r"\blast month\b", re.I), -30, "month", "last-month"),
    (re.compile(r"\bnext month\b", re.I), 30, "month", "next-month"),
    (re.compile(r"\blast year\b", re.I), -365, "year", "last-year"),
    (re.compile(r"\bnext year\b", re.I), 365, "year", "next-year"),
]


def resolve_event_date(
    sentence: str, published: date | None, status: str = "occurred"
) -> tuple[date | None, str | None, str | None]:
    if published is None:
        return None, None, None
    future = status == "intended"
    for pattern, offset, precision, how in _RELATIVE:
        if pattern.search(sentence):
            d = published + timedelta(days=offset)
            if precision == "month":
                return d.replace(day=1), "month", how
            if precision == "year":
                return date(d.year, 1, 1), "year", how
            if precision == "week":
                return d, "week", how
            return d, "day", how
    match = _WEEKDAY_RE.search(sentence)
    if match:
        qualifier = (match.group(1) or "").lower()
        wd = _WEEKDAYS.index(match.group(2).lower())
        if qualifier == "next" or (future and qualifier != "last"):
            delta = (wd - published.weekday()) % 7 or 7
            return published + timedelta(days=delta), "day", "weekday-next"
        delta = (published.weekday() - wd) % 7
        if qualifier == "last" and delta == 0:
            delta = 7
        return published - timedelta(days=delta), "day", "weekday"
    match = _MONTH_RE.search(sentence)
    if match and not (
        match.group(2).lower() == "may" and not match.group(1) and not match.group(3)
    ):
        month = _MONTHS.index(match.group(2).lower()) + 1
        qualifier = (match.group(1) or "").lower()
        year = published.year
        if qualifier == "next" or (future and month < published.month):
            year += 1 if month <= published.month or qualifier == "next" else 0
        elif month > published.month and not future:
            year -= 1
        if match.group(3):
            try:
                return date(year, month, int(match.group(3))), "day", "month-day"
            except ValueError:
                pass
        return date(year, month, 1), "month", "month-name"
    return published, "day", "publication"
