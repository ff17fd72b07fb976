"""`trend` and the dashboard timeline count each event at its own date precision, exactly as
a plain SQL query that honours the precision does."""

from __future__ import annotations

from datetime import date

import duckdb
import pytest
from fastapi.testclient import TestClient

from builders import article, document, event
from polybius.aggregate import update
from polybius.api.app import close_app, create_app
from polybius.store.db import Store
from polybius.trend import PERIODS, trend, unplaced
from polybius.when.precision import covered_bins

# (date, precision, quad class): a day-, week-, month- and year-precision mix
SPECS = [
    (date(2026, 3, 2), "day", 1),
    (date(2026, 3, 4), "day", 4),
    (date(2026, 3, 9), "week", 3),
    (date(2026, 3, 1), "month", 4),
    (date(2026, 2, 1), "month", 1),
    (date(2026, 1, 1), "year", 4),
    (date(2025, 12, 30), "day", 2),
    (date(2026, 4, 20), None, 3),  # a store written before precision was recorded
]
TYPES = {1: ("CONSULT", "040"), 2: ("AID", "070"), 3: ("ACCUSE", "112"), 4: ("ASSAULT", "190")}
# what may be counted in a bin of each size, written out independently of the code
ALLOWED = {
    "day": "('day')",
    "week": "('day', 'week')",
    "month": "('day', 'week', 'month')",
    "year": "('day', 'week', 'month', 'year')",
}


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("precision") / "p.duckdb"
    s = Store(path)
    results = []
    for i, (day, precision, quad) in enumerate(SPECS):
        ptype, cameo = TYPES[quad]
        e = event(
            f"p{i}",
            plover_type=ptype,
            cameo=cameo,
            quad_class=quad,
            sources=("RUS",),
            targets=("UKR",),
            day=day,
        )
        e.date_precision = precision
        results.append(document(f"p{i}", article(500 + i), [e], source=f"s{i}", published=day))
    s.write_batch(results)
    update(s)
    s.close()
    return path


def sql_counts(con, table: str, by: str) -> dict[date, int]:
    rows = con.execute(
        f"""SELECT CAST(date_trunc('{by}', event_date) AS DATE), count(*) FROM {table}
            WHERE event_date IS NOT NULL AND coalesce(date_precision, 'day') IN {ALLOWED[by]}
            GROUP BY 1"""
    ).fetchall()
    return dict(rows)


def test_trend_counts_equal_sql_honouring_precision(store_path):
    s = Store(store_path)
    try:
        for by in PERIODS:
            rows = trend(s, "RUS", "UKR", by)
            counted = {r.period: r.total for r in rows if r.total}
            assert counted == sql_counts(s.con, "clusters", by), by
            left_out = sum(unplaced(s, "RUS", "UKR", by).values())
            assert sum(counted.values()) + left_out == len(SPECS)
        weekly = trend(s, "RUS", "UKR", "week")
        assert sum(r.total for r in weekly) == 5  # 3 days, the week and the one without precision
        assert unplaced(s, "RUS", "UKR", "week") == {"month": 2, "year": 1}
        assert sum(r.total for r in trend(s, "RUS", "UKR", "year")) == len(SPECS)
    finally:
        s.close()


def test_spread_shares_coarse_events_among_their_periods(store_path):
    s = Store(store_path)
    try:
        monthly = trend(s, "RUS", "UKR", "month", spread=True)
        assert sum(r.total for r in monthly) == pytest.approx(len(SPECS))
        january = next(r for r in monthly if r.period == date(2026, 1, 1))
        assert january.total == pytest.approx(1 / 12)  # the year-precision event's share
        assert not any(
            r.period.year == 2026 and r.period.month > 4 and r.total > 0.5 for r in monthly
        )
    finally:
        s.close()


def test_covered_bins():
    assert covered_bins(date(2026, 3, 1), "month", "month") == [date(2026, 3, 1)]
    assert len(covered_bins(date(2026, 1, 1), "year", "month")) == 12
    weeks = covered_bins(date(2026, 3, 1), "month", "week")
    assert weeks[0] == date(2026, 2, 23) and weeks[-1] == date(2026, 3, 30)
    assert covered_bins(date(2026, 3, 9), "week", "day")[-1] == date(2026, 3, 15)


def test_dashboard_timeline_counts_equal_sql_honouring_precision(store_path):
    app = create_app(store_path)
    try:
        with TestClient(app, base_url="http://127.0.0.1") as client:
            answers = {
                by: client.get("/api/timeline", params={"by": by}).json()
                for by in ("day", "week", "month")
            }
    finally:
        close_app(app)
    con = duckdb.connect(str(store_path), read_only=True)
    try:
        for by, answer in answers.items():
            got = {date.fromisoformat(p["period"]): p["events"] for p in answer["points"]}
            assert got == sql_counts(con, "events", by), by
            assert sum(got.values()) + answer["unplaced"] == len(SPECS)
    finally:
        con.close()
