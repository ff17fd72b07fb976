"""The place/date scorer (evaluate/places_dates.py) on made-up gold and predictions."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from builders import event
from polybius.evaluate.gold import GoldEvent, GoldSentence
from polybius.evaluate.places_dates import (
    HEADER,
    GoldPlaceDate,
    PlaceDateGoldError,
    compare_dates,
    load_place_date_gold,
    same_place,
    score_places_dates,
)

PUB = date(2019, 2, 12)


def gold(place="", country="", admin1="", geo="", day="2019-02-12", precision="reported"):
    return GoldPlaceDate("s1", 0, place, country, admin1, geo, day, precision)


def predicted(country=None, name=None, geo=None, admin1=None, day=PUB, precision="day", how=None):
    e = event("d", day=day, country=country, location=name)
    e.geo_precision, e.location_admin1 = geo, admin1
    e.date_precision, e.date_source = precision, how or "weekday"
    return e


def test_dates_exact_and_within_precision():
    assert compare_dates(gold(), predicted(how="publication"), PUB) == (True, True)
    on_monday = gold(day="2019-02-11", precision="day")
    assert compare_dates(on_monday, predicted(day=date(2019, 2, 11)), PUB) == (True, True)
    assert compare_dates(on_monday, predicted(day=date(2019, 2, 4)), PUB) == (False, False)
    last_month = gold(day="2019-01", precision="month")
    month = predicted(day=date(2019, 1, 1), precision="month")
    assert compare_dates(last_month, month, PUB) == (True, True)
    a_day_in_it = predicted(day=date(2019, 1, 20))
    assert compare_dates(last_month, a_day_in_it, PUB) == (False, True)
    the_year = predicted(day=date(2019, 1, 1), precision="year")
    assert compare_dates(last_month, the_year, PUB) == (False, True)
    assert compare_dates(gold(day="2014", precision="year"), the_year, PUB) == (False, False)


def test_an_undated_event_is_its_publication_day():
    """Either side undated stands for the publication day: exact only against another undated
    event, within precision when the other side's period holds that day."""
    undated = predicted(how="publication")
    assert compare_dates(gold(day="2019-02", precision="month"), undated, PUB) == (False, True)
    assert compare_dates(gold(day="2019-01", precision="month"), undated, PUB) == (False, False)
    assert compare_dates(gold(day="2019-02-12", precision="day"), undated, PUB) == (False, True)
    this_month = predicted(day=date(2019, 2, 1), precision="month")
    assert compare_dates(gold(), this_month, PUB) == (False, True)
    assert compare_dates(gold(), predicted(day=date(2019, 2, 11)), PUB) == (False, False)


def test_places_by_name_unit_or_gazetteer_spelling():
    raqqa = gold("Raqqa", "SYR", "Ar Raqqah", "city")
    assert same_place(raqqa, predicted("SYR", "Ar-Raqqah", "city"))
    assert not same_place(raqqa, predicted("SYR", "Aleppo", "city"))
    assert not same_place(raqqa, predicted("IRQ", "Raqqa", "city"))
    province = gold("Idlib province", "SYR", "Idlib", "admin1")
    assert same_place(province, predicted("SYR", "Idlib", "admin1", "Idlib"))
    site = gold("Manchester airport", "GBR", "England", "exact")
    assert same_place(site, predicted("GBR", "Manchester", "city"))


def test_report_counts_matched_events_only():
    sentence = GoldSentence(
        "s1", "made up", PUB, [GoldEvent("ASSAULT"), GoldEvent("CONSULT")], doc="d"
    )
    annotations = {
        ("s1", 0): gold("Aleppo", "SYR", "Halab", "city"),
        ("s1", 1): gold("Geneva", "CHE", "Geneve", "city"),
    }
    attack = predicted("SYR", "Aleppo", "city")
    attack.plover_type = "ASSAULT"
    late = predicted(day=date(2019, 3, 1))
    late.plover_type = "AID"  # matches nothing, but is dated after publication
    report = score_places_dates([sentence], {"s1": [attack, late]}, annotations)
    assert report.gold_events == 2 and report.matched == 1
    assert report.country_precision.value == report.country_recall.value == 1.0
    assert report.fine_precision.hits == 1 and report.after_publication == 1
    # the JSON report lists each matched event beside its gold, for reading the misses
    (row,) = report.as_dict()["events"]
    assert (row["id"], row["n"], row["gold_place"], row["place"]) == ("s1", 0, "Aleppo", "Aleppo")
    assert row["country_right"] is True


def test_a_malformed_gold_file_is_refused(tmp_path):
    path = tmp_path / "g.tsv"
    path.write_text("id\tplace\n")
    with pytest.raises(PlaceDateGoldError):
        load_place_date_gold(path)
    path.write_text("\t".join(HEADER) + "\ns1\tx\t\t\t\t\t\t\t\n")
    with pytest.raises(PlaceDateGoldError):
        load_place_date_gold(path)
    path.write_text("\t".join(HEADER) + "\ns1\t0\tAleppo\tSYR\t\tcity\t\t2019-02\tmonth\n")
    assert load_place_date_gold(path)[("s1", 0)].date_precision == "month"


def test_the_shipped_gold_holds_no_blind_sentence():
    from polybius.evaluate.folds import load_folds

    folds = load_folds()
    rows = load_place_date_gold()
    assert len(rows) >= 300
    docs = {f"guardian-{sid[2:5]}" for sid, _ in rows}
    assert all(folds.get(d) in (1, 3) for d in docs)


TRAIN = Path(__file__).resolve().parents[2] / "shared/data/gold/guardian_train.jsonl"


@pytest.mark.slow  # codes one article (~5 s)
@pytest.mark.skipif(not TRAIN.exists(), reason="the shared gold is not here")
def test_the_command_scores_a_gold_file(tmp_path):
    from typer.testing import CliRunner

    from polybius.cli import app

    rows = [r for r in load_place_date_gold().values() if r.id.startswith("gt009-")]
    gold_file = tmp_path / "gold.tsv"
    lines = ["\t".join(HEADER)]
    for r in rows:
        lines.append(
            "\t".join(
                [
                    r.id,
                    str(r.n),
                    r.place,
                    r.country,
                    r.admin1,
                    r.geo_precision,
                    "",
                    r.date,
                    r.date_precision,
                ]
            )  # fmt: skip
        )
    gold_file.write_text("\n".join(lines) + "\n")
    report = tmp_path / "report.json"
    result = CliRunner().invoke(
        app, ["evaluate-places", str(TRAIN), "--gold", str(gold_file), "--json", str(report)]
    )
    assert result.exit_code == 0, result.output
    figures = json.loads(report.read_text())
    assert figures["gold_events"] == len(rows) and figures["articles"] == 1
    assert figures["occurred_after_publication"] == 0
    bad = CliRunner().invoke(app, ["evaluate-places", str(TRAIN), "--gold", str(tmp_path)])
    assert bad.exit_code == 2 and "no such file" in bad.output
