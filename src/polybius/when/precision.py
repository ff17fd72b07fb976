"""Which events a period of a given size may count: the one rule `trend`, the dashboard
timeline and the exports share.

An event is counted in a bin of `by` (day, week, month, year) only when its date is at
least as precise as the bin: a month-precision event ("last month") has no day, so it is
left out of daily and weekly bins (counted as "not placed in time") but counts in its month
and year. A week-precision event is dated by its Monday and counts in that Monday's month.
A missing precision (stores written before it was recorded) is taken as day.
"""

from __future__ import annotations

from datetime import date, timedelta

ORDER = ("day", "week", "month", "year")


def fitting(by: str) -> tuple[str, ...]:
    """The date precisions an event may have to be counted in a bin of `by`."""
    if by not in ORDER:
        raise ValueError(f"period must be one of {', '.join(ORDER)}")
    return ORDER[: ORDER.index(by) + 1]


def fits_sql(by: str, column: str = "date_precision") -> str:
    """A SQL condition true for events whose precision fits bins of `by`."""
    listed = ", ".join(f"'{p}'" for p in fitting(by))
    return f"coalesce({column}, 'day') IN ({listed})"


def bin_start(day: date, by: str) -> date:
    """The first day of the `by` bin holding `day`."""
    if by == "day":
        return day
    if by == "week":
        return day - timedelta(days=day.weekday())
    if by == "month":
        return day.replace(day=1)
    return date(day.year, 1, 1)


def next_bin(start: date, by: str) -> date:
    if by == "day":
        return start + timedelta(days=1)
    if by == "week":
        return start + timedelta(days=7)
    if by == "month":
        return date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return date(start.year + 1, 1, 1)


def covered_bins(day: date, precision: str | None, by: str) -> list[date]:
    """The `by` bins an event's period covers (one when the precision fits): what
    `--spread` shares the event among."""
    precision = precision if precision in ORDER else "day"
    if ORDER.index(precision) <= ORDER.index(by):
        return [bin_start(day, by)]
    start = bin_start(day, precision)
    end = next_bin(start, precision)
    out, current = [], bin_start(start, by)
    while current < end:
        out.append(current)
        current = next_bin(current, by)
    return out
