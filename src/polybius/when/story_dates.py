"""Dates told against the story rather than the publication: "later that month", "the
previous day", "two weeks later" (anaphoric expressions).

Such words name a time relative to the last time the story itself gave ("Turkey launched the
offensive on 20 January. Later that month, the envoys met ..."): the base is the date of the
story's latest event dated by its own words. "That month" and "the same day" need that base;
"the previous month" and "two days earlier" fall back to the publication when the story has
given no date yet, as a reader would read them in a news report. An event that is not
intended is never dated after its publication.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import NamedTuple

from polybius.when.dates import NUMBERS, PRECISIONS

UNITS = ("day", "week", "month", "year")
_UNIT = r"(day|week|month|year)"
_THAT_RE = re.compile(r"\b(?:(?:earlier|later) )?(?:that|the same) " + _UNIT + r"\b", re.I)
_NEXT_RE = re.compile(r"\bthe (previous|preceding|following|next) " + _UNIT + r"\b", re.I)
_LATER_RE = re.compile(
    r"(?<!more than )(?<!less than )(?<!over )\b(\d{1,2}|"
    + "|".join(NUMBERS)
    + r") "
    + _UNIT
    + r"s? (earlier|later)\b",
    re.I,
)


class StoryDate(NamedTuple):
    day: date
    precision: str  # day | week | month | year
    how: str


def period_start(day: date, unit: str) -> date:
    if unit == "week":
        return day - timedelta(days=day.weekday())
    if unit == "month":
        return day.replace(day=1)
    if unit == "year":
        return date(day.year, 1, 1)
    return day


def shift_period(day: date, unit: str, n: int) -> date:
    if unit == "day":
        return day + timedelta(days=n)
    if unit == "week":
        return period_start(day, "week") + timedelta(days=7 * n)
    if unit == "month":
        index = day.year * 12 + day.month - 1 + n
        return date(index // 12, index % 12 + 1, 1)
    return date(day.year + n, 1, 1)


def coarser(a: str, b: str) -> str:
    return a if PRECISIONS.index(a) > PRECISIONS.index(b) else b


_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}


def moved(ref: date, ref_precision: str, unit: str, step: int) -> tuple[date, str]:
    """The period `step` units away from `ref`, at the coarser of the two precisions. A
    distance shorter than the reference's own period ("ten days earlier" than an event
    known only by its year) cannot leave it: the reference's period is the answer."""
    precision = coarser(unit, ref_precision)
    if abs(step) * _DAYS[unit] < _DAYS[ref_precision]:
        return period_start(ref, ref_precision), precision
    return period_start(shift_period(ref, unit, step), precision), precision


def tells_story_time(sentence: str) -> bool:
    """The sentence holds an anaphoric time expression ("that month", "the previous day",
    "two weeks later"): it needs the story's date."""
    return any(rx.search(sentence) for rx in (_THAT_RE, _NEXT_RE, _LATER_RE))


def story_relative(
    sentence: str, base: tuple[date, str] | None, published: date
) -> StoryDate | None:
    """The date an anaphoric time expression of the sentence gives, or None. `base`: (date,
    precision) of the story's latest event dated by its own words, if any."""
    m = _THAT_RE.search(sentence)
    if m and base is not None:
        unit = m.group(1).lower()
        precision = coarser(unit, base[1])
        return StoryDate(period_start(base[0], precision), precision, f"story-that-{unit}")
    ref, ref_precision = base if base is not None else (published, "day")
    m = _NEXT_RE.search(sentence)
    if m:
        word, unit = m.group(1).lower(), m.group(2).lower()
        step = -1 if word in ("previous", "preceding") else 1
        day, precision = moved(ref, ref_precision, unit, step)
        return StoryDate(day, precision, f"story-{word}-{unit}")
    m = _LATER_RE.search(sentence)
    if m:
        word, unit = m.group(1).lower(), m.group(2).lower()
        n = int(word) if word.isdigit() else NUMBERS[word]
        step = -n if m.group(3).lower() == "earlier" else n
        day, precision = moved(ref, ref_precision, unit, step)
        return StoryDate(day, precision, f"story-{unit}s-{m.group(3).lower()}")
    return None
