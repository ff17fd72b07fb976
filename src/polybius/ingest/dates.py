"""Publication dates from metadata strings and news datelines."""

from __future__ import annotations

import re
from datetime import date, datetime

from dateutil import parser as dateparser

_MONTHS = (
    "jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|"
    "july|august|september|october|november|december"
)
_ISO = re.compile(r"\b(19|20)\d\d-\d\d-\d\d\b")
_WRITTEN = re.compile(
    rf"\b(?:(?:{_MONTHS})\.?\s+\d{{1,2}},?\s+(?:19|20)\d\d|\d{{1,2}}\s+(?:{_MONTHS})\.?,?\s+(?:19|20)\d\d)\b",
    re.IGNORECASE,
)


def parse_date(value: str | None) -> date | None:
    """Parse a metadata date ('2021-12-01', '2021-12-01T10:00:00Z', 'Dec 1, 2021')."""
    if not value:
        return None
    value = value.strip()
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        pass
    try:
        parsed = dateparser.parse(value, default=datetime(1900, 1, 1))
    except (ValueError, OverflowError):
        return None
    if parsed.year < 1900 or parsed.year > 2100:
        return None
    return parsed.date()


def parse_dateline(text: str) -> date | None:
    """A full date (with year) written in the first lines of a story, if any."""
    head = text[:400]
    match = _ISO.search(head) or _WRITTEN.search(head)
    return parse_date(match.group(0)) if match else None
