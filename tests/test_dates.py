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
    assert resolve_event_date("next Monday", PUB, "intended")[0] == date(2026, 10, 19)


def test_a_weekday_before_a_full_date_is_that_date():
    text = "It was a cold night on Tuesday 12 March 2019 when the convoy left Aleppo."
    assert resolve_event_date(text, PUB)[:2] == (date(2019, 3, 12), "day")
    assert resolve_event_date("Police said on Monday 2 people died.", PUB)[0] == date(2026, 10, 12)


def test_relative_words():
    assert resolve_event_date("yesterday", PUB)[:2] == (date(2026, 10, 13), "day")
    assert resolve_event_date("last week", PUB)[1] == "week"
    assert resolve_event_date("next month", PUB, "intended")[:2] == (date(2026, 11, 1), "month")
    assert resolve_event_date("next year", PUB, "intended")[:2] == (date(2027, 1, 1), "year")


def test_month_names():
    assert resolve_event_date("clashes in February", PUB)[:2] == (date(2026, 2, 1), "month")
    assert resolve_event_date("early December", PUB)[:2] == (date(2025, 12, 1), "month")
    assert resolve_event_date("a summit in December", PUB, "intended")[:2] == (
        date(2026, 12, 1),
        "month",
    )
    assert resolve_event_date("talks on March 3", PUB)[:2] == (date(2026, 3, 3), "day")
    assert resolve_event_date("May God help us", PUB)[2] == "publication"


def test_last_looks_back_whatever_the_status():
    pub = date(2019, 2, 12)
    for status in ("occurred", "intended", "claimed"):
        assert resolve_event_date("the raid last December", pub, status)[:2] == (
            date(2018, 12, 1),
            "month",
        )
    assert resolve_event_date("a vote last February", pub)[0] == date(2018, 2, 1)
    assert resolve_event_date("the talks next March", pub, "intended")[0] == date(2019, 3, 1)


def test_relative_periods_are_calendar_periods():
    pub = date(2019, 2, 12)  # a Tuesday
    assert resolve_event_date("they met last year", pub)[:2] == (date(2018, 1, 1), "year")
    assert resolve_event_date("earlier this year", pub)[:2] == (date(2019, 1, 1), "year")
    assert resolve_event_date("last month", pub)[:2] == (date(2019, 1, 1), "month")
    assert resolve_event_date("last week", pub)[:2] == (date(2019, 2, 4), "week")
    assert resolve_event_date("three weeks ago", pub)[:2] == (date(2019, 1, 21), "week")
    assert resolve_event_date("two years ago", pub)[:2] == (date(2017, 1, 1), "year")
    assert resolve_event_date("last night", pub)[:2] == (date(2019, 2, 11), "day")
    # "four years since X happened": X's date, told from the "since" that opens its clause
    assert resolve_event_date("it is four years since", pub)[:2] == (date(2015, 1, 1), "year")


def test_years_since_an_act_date_the_act_not_the_sentence():
    from polybius import code

    text = "It has been six months since Chad and Sudan signed the border accord."
    (e,) = code(text, date="2018-03-04")
    assert (str(e.event_date), e.date_precision) == ("2017-09-01", "month")


def test_explicit_days_months_and_years():
    pub = date(2019, 2, 12)
    assert resolve_event_date("on 3 March 2014", pub)[:2] == (date(2014, 3, 3), "day")
    assert resolve_event_date("on 28 January", pub)[:2] == (date(2019, 1, 28), "day")
    assert resolve_event_date("in March 2011", pub)[:2] == (date(2011, 3, 1), "month")
    assert resolve_event_date("the war in 2014", pub)[:2] == (date(2014, 1, 1), "year")
    assert resolve_event_date("fighting since 2011", pub)[:2] == (date(2011, 1, 1), "year")
    assert resolve_event_date("they march on", pub)[2] == "publication"


def test_an_occurred_event_is_never_after_publication():
    pub = date(2019, 2, 12)
    assert resolve_event_date("troops withdrew next week", pub)[:3] == (
        pub,
        "day",
        "publication-not-after",
    )
    assert resolve_event_date("they will meet next week", pub, "intended")[0] == date(2019, 2, 18)
    # another expression of the sentence that fits is taken instead
    text = "Having attacked on Monday, they plan to withdraw next month."
    assert resolve_event_date(text, pub, "occurred", anchor=text.index("attacked"))[0] == date(
        2019, 2, 11
    )


def test_the_expression_nearest_the_trigger_wins():
    pub = date(2019, 2, 12)
    text = "After the clash on Sunday, the ministers met in Paris last month."
    assert resolve_event_date(text, pub, anchor=text.index("met"))[:2] == (
        date(2019, 1, 1),
        "month",
    )
    assert resolve_event_date(text, pub, anchor=text.index("clash"))[0] == date(2019, 2, 10)


def test_the_events_own_clause_dates_it_first():
    import polybius

    text = "The Egyptian envoy, who had moved to Cairo in 2009, condemned Israel on Monday."
    [e] = [e for e in polybius.code(text, "2019-02-12") if e.plover_type == "ACCUSE"]
    assert (e.event_date, e.date_precision) == (date(2019, 2, 11), "day")


def test_a_recent_stretch_is_dated_by_the_period_most_of_it_is_in():
    """ "In recent months" (about three months back): the year most of those days are in."""
    late_winter, new_year = date(2019, 2, 20), date(2019, 1, 10)
    assert resolve_event_date("in recent months", late_winter)[:2] == (date(2019, 1, 1), "year")
    assert resolve_event_date("in recent months", new_year)[:2] == (date(2018, 1, 1), "year")
    # a Wednesday: five of the past week's days are in the week before
    assert resolve_event_date("over the past week", PUB)[:2] == (date(2026, 10, 5), "week")
