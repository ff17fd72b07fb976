"""Dates counted from another clause of the sentence: "two days after the ministers met,
Brazil recalled its envoy on Friday", "the envoy resigned a week before the rebels attacked
on 3 May".

The sentence states the distance between two events; when one of them is dated by its own
words and the other is not, the other's date is that date moved by the distance. Without the
rule, both take the one date the sentence gives (the meeting would be dated Friday, the
resignation 3 May).

Only a measured distance ("two days", "a week", "three months") on a clause marked "after"
or "before" counts; a distance shorter than the dated clause's precision leaves its period
("three days after ... in March" is in March). An occurred event is never moved after its
publication.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from polybius.coding.date_scope import clause_head, clause_ranges
from polybius.coding.syntax import lemma
from polybius.when.dates import NUMBERS, resolve_event_date
from polybius.when.story_dates import UNITS, moved, period_start

# the governing clause's event happens after (+1) or before (-1) the marked clause's: "two
# days after the ministers met" is two days later than the meeting
MARKS = {"after": 1, "before": -1}


class Offset(NamedTuple):
    inner: object  # the verb of the clause marked "after"/"before"
    outer: object  # the verb of the clause it modifies
    sign: int  # +1: the inner event precedes the outer by the distance ("after")
    count: int
    unit: str  # day | week | month | year


def measured_offset(verb) -> Offset | None:
    """The offset when `verb` heads an adverbial clause such as "three days after X spoke"."""
    if verb.dep_ != "advcl" or verb.head.i == verb.i:
        return None
    marks = [c for c in verb.children if c.dep_ == "mark" and c.lower_ in MARKS]
    if not marks:
        return None
    for measure in (c for m in [verb, *marks] for c in m.children if c.dep_ == "npadvmod"):
        unit = lemma(measure)
        if unit not in UNITS:
            continue
        count = _count(measure)
        if count:
            return Offset(verb, clause_head(verb.head), MARKS[marks[0].lower_], count, unit)
    return None


def _count(measure) -> int | None:
    for c in measure.children:
        if c.dep_ in ("nummod", "det"):
            word = c.lower_
            if word.isdigit() and 0 < int(word) < 100:
                return int(word)
            if word in NUMBERS:
                return NUMBERS[word]
    return None


def offset_date(tok, published: date | None, status: str) -> tuple[date, str, str] | None:
    """(date, precision, how) for the event at `tok` when its clause is measured from a
    dated clause of the sentence and has no time words of its own; else None."""
    if published is None:
        return None
    head = clause_head(tok)
    offset = measured_offset(head)
    if offset is not None:  # the event is in the marked clause: counted back from the outer
        dated, step = offset.outer, -offset.sign * offset.count
    else:
        offset = next(
            (o for c in head.children if (o := measured_offset(c)) and o.outer.i == head.i),
            None,
        )
        if offset is None:
            return None
        dated, step = offset.inner, offset.sign * offset.count
    if _own_date(tok, clause_ranges(head), published, status) is not None:
        return None
    found = _own_date(dated, clause_ranges(dated), published, status)
    if found is None:
        return None
    day, precision = moved(found[0], found[1], offset.unit, step)
    unmoved = (day, precision) == (period_start(*found), found[1])
    if unmoved or (status != "intended" and day > published):
        return None
    return day, precision, f"{offset.unit}s-{'after' if step > 0 else 'before'}-clause"


def _own_date(tok, ranges, published: date, status: str) -> tuple[date, str] | None:
    """The date the clause's own words give (not the publication), or None."""
    sent = tok.sent
    other = outside(ranges, len(sent.text))
    day, precision, how = resolve_event_date(
        sent.text, published, status, tok.idx - sent.start_char, ranges, other
    )
    if how is None or how.startswith("publication") or day is None or precision is None:
        return None
    return day, precision


def outside(ranges: list[tuple[int, int]], length: int) -> list[tuple[int, int]]:
    """The character ranges of a sentence of `length` characters not in `ranges`."""
    out, at = [], 0
    for a, b in sorted(ranges):
        if a > at:
            out.append((at, a))
        at = max(at, b)
    if at < length:
        out.append((at, length))
    return out
