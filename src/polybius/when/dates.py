"""The date of an event from the publication date and the sentence's time expressions.

Returns (date, precision, how) where precision is day | week | month | year and `how` names
the rule ("publication", "weekday", "yesterday", "month-name", ...), so users can judge it.
A week, month or year is dated by its first day (a week starts on Monday).

Direction: relative expressions resolve against the publication date, backwards for what
happened (past tense, "last", "ago") and forwards for what is planned (status `intended`,
"next"). An event that is not `intended` is never dated after its publication: an expression
that would put it there is not its date (another one of the sentence may be; else the
publication date stands, how = "publication-not-after").

When a sentence holds several time expressions, the one nearest the event's trigger wins
(`anchor`, a character offset), since a clause's time words sit next to its verb.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, timedelta
from typing import NamedTuple

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
PRECISIONS = ("day", "week", "month", "year")
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
NUMBERS.update({"seven": 7, "eight": 8, "nine": 9, "ten": 10, "several": 3, "few": 3})


def is_time_word(word: str) -> bool:
    """True for a weekday, month or calendar noun: "on Monday" is a time, not a party."""
    low = word.lower()
    return low in _WEEKDAYS or low in _MONTHS or low in _TIME_NOUNS


def is_calendar_name(word: str) -> bool:
    """A weekday or month name (never a place or a party)."""
    low = word.lower().rstrip(".")
    return low in _WEEKDAYS or low in _MONTHS or low in {m[:3] for m in _MONTHS}


class Found(NamedTuple):
    start: int
    end: int
    day: date
    precision: str
    how: str


_MONTH = "(" + "|".join(_MONTHS) + ")"
_WEEKDAY = "(" + "|".join(_WEEKDAYS) + ")"
_YEAR = r"((?:19|20)\d\d)"
_RELATIVE_RE = re.compile(
    r"\b(yesterday|today|tonight|tomorrow|last night|this (?:morning|afternoon|evening)"
    r"|(?:earlier |later )?(?:last|next|this) (?:week|month|year)|(?:earlier|later) this"
    r" (?:week|month|year))\b",
    re.I,
)
_AGO_RE = re.compile(
    r"\b(\d{1,2}|" + "|".join(NUMBERS) + r")\s+(day|week|month|year)s?\s+(ago|since)\b", re.I
)
_DAY_MONTH_RE = re.compile(
    r"\b(\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r"(?:,?\s+" + _YEAR + r")?\b", re.I
)
_MONTH_DAY_RE = re.compile(
    r"\b" + _MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+" + _YEAR + r")?", re.I
)
_MONTH_YEAR_RE = re.compile(r"\b" + _MONTH + r",?\s+" + _YEAR + r"\b", re.I)
_WEEKDAY_RE = re.compile(r"\b(?:(last|next|this|on)\s+)?" + _WEEKDAY + r"\b", re.I)
_MONTH_RE = re.compile(
    r"\b(?:(early|mid|late|in|since|last|next|this|until|by|during)[\s-]+)?" + _MONTH + r"\b",
    re.I,
)
_YEAR_RE = re.compile(
    r"\b(in|during|early|mid|late|of|throughout|since)[\s-]+" + _YEAR + r"\b", re.I
)


# every word one of the expressions above needs (a quick test before running them all)
_ANY_TIME_RE = re.compile(
    r"\b(?:" + "|".join(_MONTHS + _WEEKDAYS) + r"|(?:19|20)\d\d|yesterday|today|tonight"
    r"|tomorrow|night|morning|afternoon|evening|days?|weeks?|months?|years?)\b",
    re.I,
)


def may_name_a_time(sentence: str) -> bool:
    """False only when the sentence holds no word any time expression needs."""
    return _ANY_TIME_RE.search(sentence) is not None


def resolve_event_date(
    sentence: str,
    published: date | None,
    status: str = "occurred",
    anchor: int | None = None,
    scope: list[tuple[int, int]] | None = None,
    elsewhere: list[tuple[int, int]] | None = None,
    plan: list[tuple[int, int]] | None = None,
) -> tuple[date | None, str | None, str | None]:
    """`scope`: character ranges of the words of the event's own clause (see
    coding/date_scope.py): an expression there is preferred to any outside it.
    `elsewhere`: ranges whose expressions never date the event (clauses describing a noun,
    "Roe, who moved there in 2009, ...").
    `plan`: for a plan announced in the past ("pledged on Monday to buy"), the ranges of the
    plan's own words: their time words date it, looking ahead; without any, the other time
    words date the announcement and look back."""
    if published is None:
        return None, None, None
    forward = status == "intended"
    found = _all(sentence, published, forward)
    if forward and plan is not None:
        in_plan = [f for f in found if any(a <= f.start < b for a, b in plan)]
        back = {(f.start, f.end): f for f in _all(sentence, published, False)}
        found = in_plan or [back.get((f.start, f.end), f) for f in found]
    if scope is not None:
        own = [f for f in found if any(a <= f.start < b for a, b in scope)]
        found = own or found
    if elsewhere:
        found = [f for f in found if not any(a <= f.start < b for a, b in elsewhere)]
    if not found:
        return published, "day", "publication"
    fitting = found if forward else [f for f in found if f.day <= published]
    if forward and plan is not None and not any(a <= f.start < b for f in found for a, b in plan):
        fitting = [f for f in found if f.day <= published]  # the announcement's date
    if not fitting:
        return published, "day", "publication-not-after"
    where = anchor if anchor is not None else 0
    best = min(fitting, key=lambda f: (_distance(f, where), f.start))
    return best.day, best.precision, best.how


def _distance(f: Found, anchor: int) -> int:
    if f.start <= anchor < f.end:
        return 0
    return f.start - anchor if f.start > anchor else anchor - f.end + 1


def _monday(d: date) -> date:
    return d - timedelta(days=d.weekday())


def _shift_month(d: date, months: int) -> date:
    index = d.year * 12 + d.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _period(unit: str, published: date, step: int) -> date:
    """The first day of the week, month or year `step` periods from the published one."""
    if unit == "week":
        return _monday(published) + timedelta(days=7 * step)
    if unit == "month":
        return _shift_month(published.replace(day=1), step)
    return date(published.year + step, 1, 1)


_DAY_WORDS = {
    "yesterday": -1,
    "last night": -1,
    "today": 0,
    "tonight": 0,
    "this morning": 0,
    "this afternoon": 0,
    "this evening": 0,
    "tomorrow": 1,
}
_DAY_HOW = {-1: "yesterday", 0: "today", 1: "tomorrow"}


def _relative(sentence: str, published: date, forward: bool) -> list[Found]:
    out = []
    for m in _RELATIVE_RE.finditer(sentence):
        words = m.group(1).lower().split()
        step = _DAY_WORDS.get(" ".join(words))
        if step is not None:
            day = published + timedelta(days=step)
            out.append(Found(m.start(), m.end(), day, "day", _DAY_HOW[step]))
            continue
        unit = words[-1]
        step = {"last": -1, "next": 1}.get(words[-2], 0)
        how = f"{words[-2]}-{unit}"
        out.append(Found(m.start(), m.end(), _period(unit, published, step), unit, how))
    return out


_RECENT_RE = re.compile(
    r"\b(?:(?:in|over|during) )?(?:the |this )?(?:past|last|recent) (?:few |several |two |three )?"
    r"(days|weeks?|months?|year)\b|\brecent (days|weeks|months)\b",
    re.I,
)
# "the past week": the period most of those days fall in, seen back from publication
_RECENT = {"day": (3, "week"), "week": (7, "week"), "month": (14, "month"), "year": (90, "year")}


def _recent(sentence: str, published: date, forward: bool) -> list[Found]:
    """ "In the past week", "in recent weeks", "over the past few months": a stretch of time
    up to the publication, dated by the period most of it falls in."""
    out = []
    for m in _RECENT_RE.finditer(sentence):
        word = (m.group(1) or m.group(2)).lower()
        unit = word.rstrip("s")
        if word.endswith("s") and unit in ("week", "month"):  # "recent weeks": about a month
            unit = {"week": "month", "month": "year"}[unit]
        back, precision = _RECENT[unit]
        day = _most_days(published - timedelta(days=back), published, precision)
        out.append(Found(m.start(), m.end(), day, precision, "recent"))
    return out


def _most_days(first: date, last: date, precision: str) -> date:
    """The period (first day) holding most days of the stretch `first`..`last`; the later
    one on a tie. "In recent months" of a 20 February article is mostly that year's."""
    days = Counter(
        _period(precision, first + timedelta(days=i), 0) for i in range((last - first).days + 1)
    )
    return max(days, key=lambda start: (days[start], start))


def _ago(sentence: str, published: date, forward: bool) -> list[Found]:
    out = []
    for m in _AGO_RE.finditer(sentence):
        word, unit = m.group(1).lower(), m.group(2).lower()
        n = int(word) if word.isdigit() else NUMBERS[word]
        if unit == "day":
            day, precision = published - timedelta(days=n), "day"
        elif unit == "week":
            day, precision = _monday(published - timedelta(days=7 * n)), "week"
        elif unit == "month":
            day, precision = _shift_month(published.replace(day=1), -n), "month"
        else:
            day, precision = date(published.year - n, 1, 1), "year"
        if m.group(3).lower() == "since":
            # "it is three years since the two states cut ties": the date is the "since" clause's
            # (the word "since" opens it), not the main clause's
            out.append(Found(m.start(3), m.end(3), day, precision, f"{unit}s-since"))
        else:
            out.append(Found(m.start(), m.end(), day, precision, f"{unit}s-ago"))
    return out


def _year_for(month: int, published: date, forward: bool, qualifier: str = "") -> int:
    """The year of a month named without one: the most recent such month (this one
    included) for past events and "last", the next one for plans and "next"."""
    if qualifier == "last":
        return published.year if month < published.month else published.year - 1
    if qualifier == "next":
        return published.year if month > published.month else published.year + 1
    if forward:
        return published.year if month >= published.month else published.year + 1
    return published.year if month <= published.month else published.year - 1


def _dated(sentence: str, published: date, forward: bool) -> list[Found]:
    """Explicit days ("3 March", "March 3, 2014") and months of a year ("March 2014")."""
    out = []
    for m in _DAY_MONTH_RE.finditer(sentence):
        out += _day(m, int(m.group(1)), m.group(2), m.group(3), published, forward)
    for m in _MONTH_DAY_RE.finditer(sentence):
        out += _day(m, int(m.group(2)), m.group(1), m.group(3), published, forward)
    for m in _MONTH_YEAR_RE.finditer(sentence):
        month = _MONTHS.index(m.group(1).lower()) + 1
        out.append(
            Found(m.start(), m.end(), date(int(m.group(2)), month, 1), "month", "month-year")
        )
    return out


def _day(m: re.Match, day: int, month_name: str, year: str | None, published, forward):
    month = _MONTHS.index(month_name.lower()) + 1
    y = int(year) if year else _year_for(month, published, forward)
    try:
        return [Found(m.start(), m.end(), date(y, month, day), "day", "month-day")]
    except ValueError:
        return []


def _weekday(sentence: str, published: date, forward: bool) -> list[Found]:
    out = []
    for m in _WEEKDAY_RE.finditer(sentence):
        qualifier = (m.group(1) or "").lower()
        if not m.group(2)[0].isupper():
            continue
        wd = _WEEKDAYS.index(m.group(2).lower())
        if qualifier == "next" or (forward and qualifier != "last"):
            delta = (wd - published.weekday()) % 7 or (7 if qualifier == "next" else 0)
            day, how = published + timedelta(days=delta), "weekday-next"
        else:
            delta = (published.weekday() - wd) % 7
            if qualifier == "last" and delta == 0:
                delta = 7
            day, how = published - timedelta(days=delta), "weekday"
        out.append(Found(m.start(), m.end(), day, "day", how))
    return out


def _month(sentence: str, published: date, forward: bool) -> list[Found]:
    out = []
    for m in _MONTH_RE.finditer(sentence):
        qualifier = (m.group(1) or "").lower()
        name = m.group(2)
        if not name[0].isupper() or (name.lower() == "may" and not qualifier):
            continue  # "May God help us", "they may strike", "a march"
        month = _MONTHS.index(name.lower()) + 1
        year = _year_for(month, published, forward, qualifier)
        out.append(Found(m.start(), m.end(), date(year, month, 1), "month", "month-name"))
    return out


def _year(sentence: str, published: date, forward: bool) -> list[Found]:
    return [
        Found(m.start(), m.end(), date(int(m.group(2)), 1, 1), "year", "year")
        for m in _YEAR_RE.finditer(sentence)
    ]


def _all(sentence: str, published: date, forward: bool) -> list[Found]:
    """Every time expression of the sentence; where two overlap ("in March" and "March
    2011"), the one of the more explicit kind, else the longer, is kept."""
    kept: list[Found] = []
    for finder in (_dated, _relative, _ago, _recent, _weekday, _year, _month):
        for f in sorted(finder(sentence, published, forward), key=lambda f: f.start - f.end):
            if not any(f.start < k.end and k.start < f.end for k in kept):
                kept.append(f)
    # "on Saturday 31 August 2013", "Monday, March 4": the weekday names the date after it
    return [f for f in kept if not (f.how == "weekday" and _date_follows(sentence, f, kept))]


def _date_follows(sentence: str, weekday: Found, kept: list[Found]) -> bool:
    """A dated expression starts right after the weekday (a space or a comma between)."""
    return any(
        k.how != "weekday"
        and k.start > weekday.start
        and sentence[weekday.end : k.start].strip(" ,") == ""
        for k in kept
    )
