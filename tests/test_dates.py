"""Event-date expressions relative to the publication date."""

from datetime import date

from polybius.when.dates import resolve_event_date

PUB = date(2026, 10, 14)  # Wednesday


def test_publication_date_by_default():
    assert resolve_event_date("Turkey condemned Israel.", PUB) == (PUB, "day", "publication")


def test_no_publication_date_no_event_date():
    assert resolve_event_date("Turkey condemned Israel on Monday.", None) == (None, None, None)


def test_weekdays_past_and_future():
    assert resolve_event_date("on Monday", PUB)[0] == date(2026, 10, 12)
    assert resolve_event_date("on Wednesday", PUB)[0] == PUB
    assert resolve_event_date("last Wednesday", PUB)[0] == date(2026, 10, 7)
    assert resolve_event_date("will meet on Friday", PUB, "intended")[0] == date(2026, 10, 16)
    assert resolve_event_date("next Monday", PUB)[0] == date(2026, 10, 19)


def test_relative_words():
    assert resolve_event_date("yesterday", PUB)[:2] == (date(2026, 10, 13), "day")
    assert resolve_event_date("last week", PUB)[1] == "week"
    assert resolve_event_date("next month", PUB)[:2] == (date(2026, 11, 1), "month")
    assert resolve_event_date("next year", PUB)[:2] == (date(2027, 1, 1), "year")


def test_month_names():
    assert resolve_event_date("clashes in February", PUB)[:2] == (date(2026, 2, 1), "month")
    assert resolve_event_date("early December", PUB)[:2] == (date(2025, 12, 1), "month")
    assert resolve_event_date("a summit in December", PUB, "intended")[:2] == (
        date(2026, 12, 1),
        "month",
    )
    assert resolve_event_date("talks on March 3", PUB)[:2] == (date(2026, 3, 3), "day")
    assert resolve_event_date("May God help us", PUB)[2] == "publication"
