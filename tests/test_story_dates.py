"""Dates told against the story ("later that month") and time words that are not the event's
(a clause describing a noun, a coordinated verb with its own object), on sentences of our own."""

from __future__ import annotations

from datetime import date

import polybius
from polybius.when.story_dates import story_relative

PUB = date(2026, 10, 14)  # Wednesday


def test_that_month_needs_the_story_date():
    assert story_relative("Later that month, the envoys met.", None, PUB) is None
    found = story_relative("Later that month, the envoys met.", (date(2026, 3, 5), "day"), PUB)
    assert found[:2] == (date(2026, 3, 1), "month")


def test_that_day_keeps_the_coarser_precision_of_the_base():
    found = story_relative("That day the army withdrew.", (date(2025, 1, 1), "year"), PUB)
    assert found[:2] == (date(2025, 1, 1), "year")


def test_the_previous_month_falls_back_to_the_publication():
    assert story_relative("He fought there the previous month.", None, PUB)[:2] == (
        date(2026, 9, 1),
        "month",
    )
    found = story_relative("The following day troops left.", (date(2026, 5, 3), "day"), PUB)
    assert found[:2] == (date(2026, 5, 4), "day")


def test_days_earlier_and_later():
    base = (date(2026, 5, 13), "day")
    assert story_relative("Ten days earlier, X attacked.", base, PUB)[:2] == (
        date(2026, 5, 3),
        "day",
    )
    assert story_relative("Two weeks later, X attacked.", base, PUB)[1] == "week"
    assert story_relative("More than a year later, X attacked.", base, PUB) is None


def test_a_story_date_dates_a_later_event():
    text = (
        "Turkish troops shelled Kurdish positions on 3 March 2026. "
        "Later that month, Turkish police arrested Kurdish activists."
    )
    events = polybius.code(text, PUB.isoformat())
    later = [e for e in events if e.sentence_index == 1]
    assert later and all(e.event_date == date(2026, 3, 1) for e in later)
    assert all(e.date_precision == "month" for e in later)


def test_a_plan_is_not_dated_by_the_story():
    text = (
        "Turkish troops shelled Kurdish positions on 3 March 2026. "
        "Later that month, the Turkish government promised to halt the shelling."
    )
    [e] = [e for e in polybius.code(text, PUB.isoformat()) if e.sentence_index == 1]
    assert e.status == "intended" and e.event_date == PUB


def test_an_occurred_event_is_not_dated_after_its_publication():
    text = (
        "Turkish troops shelled Kurdish positions on Monday. "
        "The following day Turkish police arrested Kurdish activists."
    )
    events = polybius.code(text, "2026-10-12")  # a Monday: "the following day" is after
    later = [e for e in events if e.sentence_index == 1]
    assert later and all(e.event_date == date(2026, 10, 12) for e in later)


def test_a_clause_describing_a_noun_does_not_date_the_event():
    text = "Islamic State, which seized Mosul in 2014, attacked British soldiers."
    [e] = [e for e in polybius.code(text, PUB.isoformat()) if "attacked" in e.trigger_text]
    assert (e.event_date, e.date_source) == (PUB, "publication")


def test_an_event_told_in_a_clause_describing_a_noun_is_not_dated_by_the_sentence():
    # the questioning is not dated by the posting ("on Monday" is the posting's)
    text = "A video of Kenyan police beating Somali refugees was posted on Monday."
    [e] = polybius.code(text, PUB.isoformat())
    assert e.plover_type == "ASSAULT" and (e.event_date, e.date_source) == (PUB, "publication")
    # its own time words still date it
    text = "A video of Kenyan police beating Somali refugees in 2019 was posted on Monday."
    [e] = polybius.code(text, PUB.isoformat())
    assert (e.event_date, e.date_precision) == (date(2019, 1, 1), "year")
    # a clause describing a time is dated by it
    text = "Last April, when Kenyan police beat Somali refugees, no one spoke up."
    [e] = polybius.code(text, PUB.isoformat())
    assert (e.event_date, e.date_precision) == (date(2026, 4, 1), "month")


def test_a_sentence_that_codes_no_event_still_names_the_storys_time():
    text = (
        "In March, heavy rains flooded the Kenyan capital. "
        "Later that month, Kenya recalled its ambassador from Somalia."
    )
    [e] = polybius.code(text, PUB.isoformat())
    assert (e.event_date, e.date_precision, e.date_source) == (
        date(2026, 3, 1),
        "month",
        "story-that-month",
    )
    off = polybius.code(text, PUB.isoformat(), disabled_rules=["date_from_story"])
    assert off[0].date_source == "publication"


def test_a_plan_announced_in_the_past_is_dated_by_the_announcement():
    # 2026-10-14 is a Wednesday: "on Monday" is the day the pledge was made
    [e] = polybius.code("Ankara pledged on Monday to buy Russian missiles.", PUB.isoformat())
    assert e.status == "intended" and e.event_date == date(2026, 10, 12)


def test_a_plan_with_its_own_time_words_is_dated_by_them():
    text = "Ankara agreed on Tuesday to meet Russian envoys on Friday."
    [e] = polybius.code(text, PUB.isoformat())
    assert e.status == "intended" and e.event_date == date(2026, 10, 16)
    [e] = polybius.code("Ankara will meet Russian envoys on Friday.", PUB.isoformat())
    assert e.event_date == date(2026, 10, 16)


def test_an_event_compared_with_another_is_not_dated_by_the_others_time_words():
    text = "As in the siege of Homs in 2012, Syrian jets bombed rebel towns."
    [e] = [e for e in polybius.code(text, PUB.isoformat()) if "bombed" in e.trigger_text]
    assert (e.event_date, e.date_source) == (PUB, "publication")
    text = "As in 2012, Syrian jets bombed rebel towns."  # a time compared: the event's
    [e] = [e for e in polybius.code(text, PUB.isoformat()) if "bombed" in e.trigger_text]
    assert (e.event_date, e.date_precision) == (date(2012, 1, 1), "year")


def test_a_distance_shorter_than_the_story_date_stays_in_its_period():
    # the story knows its last event only by its year: ten days earlier is that year
    found = story_relative("Ten days earlier, X attacked.", (date(2017, 1, 1), "year"), PUB)
    assert found[:2] == (date(2017, 1, 1), "year")
    found = story_relative("The previous day X left.", (date(2026, 3, 1), "month"), PUB)
    assert found[:2] == (date(2026, 3, 1), "month")
    found = story_relative("Two years earlier, X attacked.", (date(2017, 1, 1), "year"), PUB)
    assert found[:2] == (date(2015, 1, 1), "year")


def test_an_event_counted_from_a_dated_clause():
    # 2026-10-14 is a Wednesday: Friday is 9 October, two days before it the 7th
    text = (
        "On Friday, two days after the Turkish and Greek ministers met in Geneva, "
        "Brazil recalled its ambassador from Ankara."
    )
    dated = {e.plover_type: e for e in polybius.code(text, PUB.isoformat())}
    assert (dated["CONSULT"].event_date, dated["CONSULT"].date_precision) == (
        date(2026, 10, 7),
        "day",
    )
    assert dated["CONSULT"].date_source == "days-before-clause"
    assert dated["SANCTION"].event_date == date(2026, 10, 9)


def test_the_dated_clause_counted_back_keeps_its_own_date():
    text = "The Egyptian envoy resigned a week before the rebels attacked the Syrian army on 3 May."
    dated = {e.plover_type: e for e in polybius.code(text, PUB.isoformat())}
    assert dated["ASSAULT"].event_date == date(2026, 5, 3)
    # a week before Sunday 3 May: the week starting Monday 20 April
    assert (dated["RETREAT"].event_date, dated["RETREAT"].date_precision) == (
        date(2026, 4, 20),
        "week",
    )


def test_a_distance_within_the_dated_period_changes_nothing():
    text = "Three days after Russian troops shelled Kharkiv in March, Ukraine expelled the envoy."
    for e in polybius.code(text, PUB.isoformat()):
        assert (e.event_date, e.date_precision) == (date(2026, 3, 1), "month")


def test_an_act_in_the_present_perfect_takes_only_its_own_time_words():
    # news of now: the year of another clause is not its date (in the simple past it is the
    # nearest time the sentence gives, as before)
    perfect = "Syrian troops have shelled rebel positions in Idlib, while the rebels said"
    [e] = polybius.code(perfect + " they had held the town since 2015.", PUB.isoformat())
    assert (e.event_date, e.date_source) == (PUB, "publication")
    [e] = polybius.code("Syrian troops have shelled rebel positions since 2015.", PUB.isoformat())
    assert (e.event_date, e.date_precision) == (date(2015, 1, 1), "year")
    # its purpose clause's time words are its own
    text = "Syrian troops have fought to retake the rebel town of Saraqib since May 2015."
    [e] = [e for e in polybius.code(text, PUB.isoformat()) if e.plover_type == "ASSAULT"]
    assert e.event_date == date(2015, 5, 1)


def test_a_plan_reported_in_the_past_is_dated_by_the_report():
    # "On Monday" dates the saying, not the offensive: the day before publication, not the
    # Monday after it (2026-10-14 is a Wednesday)
    text = "On Monday, a Kenyan army spokesman said an offensive on the rebels would be launched."
    [e] = polybius.code(text, PUB.isoformat())
    assert e.status == "intended" and e.event_date == date(2026, 10, 12)
    # time words of the plan's own clause still date it, looking ahead
    text = "On Monday, a Kenyan army spokesman said the army would attack the rebels on Friday."
    [e] = polybius.code(text, PUB.isoformat())
    assert e.status == "intended" and e.event_date == date(2026, 10, 16)
