"""Exports honour the date precision: no made-up day in the GDELT files, the precision in
the companion `gdelt-dates` file."""

from __future__ import annotations

from datetime import date

import pytest

from builders import article, document, event
from polybius.aggregate import update
from polybius.commands.exporting import ExportFormat, export
from polybius.export import gdelt
from polybius.store.db import Store


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    s = Store(tmp_path_factory.mktemp("gdates") / "g.duckdb")
    specs = [
        ("day", date(2026, 3, 4), "CONSULT", "040"),
        ("month", date(2026, 2, 1), "ASSAULT", "190"),
        ("year", date(2025, 1, 1), "ACCUSE", "112"),
    ]
    results = []
    for i, (precision, day, ptype, cameo) in enumerate(specs):
        e = event(f"g{i}", plover_type=ptype, cameo=cameo, day=day)
        e.date_precision = precision
        results.append(document(f"g{i}", article(700 + i), [e], published=date(2026, 3, 5)))
    s.write_batch(results)
    update(s)
    yield s
    s.close()


def test_gdelt_dates_never_invent_a_day(store, tmp_path):
    path = tmp_path / "events.tsv"
    export(store, ExportFormat.gdelt, path, None, None)
    cols = gdelt.columns("events")
    rows = [
        {c.name: gdelt.parse_value(f, c.type) for f, c in zip(line.split("\t"), cols, strict=True)}
        for line in path.read_text().splitlines()
    ]
    by_year = {r["Year"]: r for r in rows}
    assert by_year[2025]["Day"] is None and by_year[2025]["MonthYear"] is None
    month = next(r for r in rows if r["MonthYear"] == 202602)
    assert month["Day"] is None and month["FractionDate"] is None
    assert any(r["Day"] == 20260304 for r in rows)


def test_gdelt_dates_companion_file(store, tmp_path):
    path = tmp_path / "dates.tsv"
    n = export(store, ExportFormat.gdelt_dates, path, None, None)
    lines = [line.split("\t") for line in path.read_text().splitlines()]
    assert lines[0] == list(gdelt.DATE_COLUMNS) and n == 3 == len(lines) - 1
    periods = {(p, start, end) for _, p, start, end in lines[1:]}
    assert periods == {
        ("day", "2026-03-04", "2026-03-04"),
        ("month", "2026-02-01", "2026-02-28"),
        ("year", "2025-01-01", "2025-12-31"),
    }


def test_fatalities_are_the_highest_figure_and_places_carry_their_precision(tmp_path):
    from polybius.export import polecat

    s = Store(tmp_path / "f.duckdb")
    try:
        results = []
        for i, (dead, published) in enumerate([(12, date(2026, 3, 4)), (30, date(2026, 3, 5))]):
            e = event(
                f"f{i}", plover_type="ASSAULT", cameo="190", quad_class=4, day=date(2026, 3, 4)
            )
            e.fatalities, e.geo_precision, e.location_admin1 = dead, "city", "Halab"
            e.location_name, e.location_country, e.feature_class = "Manbij", "SYR", "P"
            results.append(
                document(f"f{i}", article(800 + i), [e], source=f"o{i}", published=published)
            )
        s.write_batch(results)
        update(s)
        [(n, dead)] = s.con.execute("SELECT num_mentions, fatalities FROM clusters").fetchall()
        assert (n, dead) == (2, 30)  # the same deaths reported twice are not added up
        [record] = list(polecat.records(s))
        assert record["fatalities"] == 30 and record["geo_precision"] == "city"
        assert (record["admin1"], record["feature_class"]) == ("Halab", "P")
    finally:
        s.close()
