"""Dyad trends: counts per QuadClass and mean Goldstein per period, and the chart."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from builders import article, document, event
from polybius.aggregate import update
from polybius.store.db import Store
from polybius.trend import plot, trend

MONDAY = date(2026, 10, 5)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    s = Store(tmp_path_factory.mktemp("trend") / "t.duckdb")
    specs = [  # (days after MONDAY, type, cameo, quad, goldstein, source, target)
        (0, "CONSULT", "040", 1, 1.0, "RUS", "NATO"),
        (1, "ACCUSE", "112", 3, -2.0, "RUS", "NATO"),
        (2, "ASSAULT", "190", 4, -10.0, "RUS", "NATO"),
        (3, "ACCUSE", "112", 3, -2.0, "NATO", "RUS"),  # reverse direction
        (15, "AID", "070", 2, 7.0, "RUS", "NATO"),  # two weeks later: week 2 stays empty
        (1, "CONSULT", "040", 1, 1.0, "USA", "NATO"),  # another dyad
    ]
    results = []
    for i, (days, ptype, cameo, quad, goldstein, src, tgt) in enumerate(specs):
        day = MONDAY + timedelta(days=days)
        e = event(
            f"d{i}",
            plover_type=ptype,
            cameo=cameo,
            quad_class=quad,
            goldstein=goldstein,
            sources=(src,),
            targets=(tgt,),
            day=day,
        )
        results.append(document(f"d{i}", article(200 + i), [e], source=f"s{i}", published=day))
    s.write_batch(results)
    update(s)
    yield s
    s.close()


def test_weekly_counts_per_quad_class_and_goldstein(store):
    rows = trend(store, "RUS", "NATO", "week")
    assert [r.period for r in rows] == [MONDAY + timedelta(days=7 * i) for i in range(3)]
    first, empty, third = rows
    assert first.counts == {1: 1, 3: 1, 4: 1} and first.total == 3
    assert first.mean_goldstein == pytest.approx((1.0 - 2.0 - 10.0) / 3, abs=1e-3)
    assert empty.total == 0 and empty.mean_goldstein is None
    assert third.counts == {2: 1} and third.mean_goldstein == 7.0


def test_both_directions_and_filters(store):
    assert trend(store, "RUS", "NATO", "week", both_directions=True)[0].total == 4
    assert sum(r.total for r in trend(store, None, "NATO", "month")) == 5
    assert trend(store, "RUS", "NATO", "day", until=MONDAY)[-1].period == MONDAY
    assert trend(store, "CHN", "NATO", "week") == []
    months = trend(store, "RUS", "NATO", "month")
    assert [r.period for r in months] == [date(2026, 10, 1)]
    with pytest.raises(ValueError):
        trend(store, "RUS", "NATO", "hour")


def test_chart_is_written(store, tmp_path):
    path = tmp_path / "trend.png"
    plot(trend(store, "RUS", "NATO", "week"), path, "RUS -> NATO", "week")
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000
