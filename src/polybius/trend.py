"""How a relationship moves over time: aggregated events of a dyad per day, week or month.

An aggregated event belongs to the dyad when its source codes include the source and its
target codes include the target (either may be left out to mean any actor); with
`both_directions` the reverse dyad counts too. Each event counts once, whatever its number
of mentions. Periods without events are kept (zero counts, no Goldstein mean) so the time
axis is continuous. Weeks start on Monday.

Each event counts at its own date precision (when/precision.py): an event dated only to a
month or a year is left out of finer bins and counted apart as "not placed in time"
(`unplaced`); with `spread` it is shared evenly among the bins its period covers instead
(fractional counts).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from polybius.codesets import sql_has_code
from polybius.store.db import Store
from polybius.when.precision import ORDER, covered_bins, fits_sql, next_bin

PERIODS = ORDER
QUAD_LABELS = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}
QUAD_COLOURS = {1: "#74add1", 2: "#2c7bb6", 3: "#fdae61", 4: "#d7191c"}


@dataclass
class TrendRow:
    period: date  # first day of the period
    counts: dict[int, float]  # QuadClass -> events (fractions only with `spread`)
    mean_goldstein: float | None

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def as_dict(self) -> dict:
        return {
            "period": self.period.isoformat(),
            "events": self.total,
            **{f"quad{q}": self.counts.get(q, 0) for q in QUAD_LABELS},
            "mean_goldstein": self.mean_goldstein,
        }


def _side(column: str, code: str | None) -> tuple[str, list]:
    if not code:
        return "TRUE", []
    return sql_has_code(column), [code.upper()]


def _where(
    source: str | None,
    target: str | None,
    both_directions: bool,
    since: date | None,
    until: date | None,
) -> tuple[list[str], list]:
    s_sql, s_params = _side("source_code", source)
    t_sql, t_params = _side("target_code", target)
    dyad, params = f"({s_sql} AND {t_sql})", s_params + t_params
    if both_directions:
        rs_sql, rs_params = _side("source_code", target)
        rt_sql, rt_params = _side("target_code", source)
        dyad = f"({dyad} OR ({rs_sql} AND {rt_sql}))"
        params += rs_params + rt_params
    where = [dyad, "event_date IS NOT NULL"]
    if since:
        where.append("event_date >= ?")
        params.append(since)
    if until:
        where.append("event_date <= ?")
        params.append(until)
    return where, params


def trend(
    store: Store,
    source: str | None,
    target: str | None,
    by: str = "week",
    both_directions: bool = False,
    since: date | None = None,
    until: date | None = None,
    spread: bool = False,
) -> list[TrendRow]:
    if by not in PERIODS:
        raise ValueError(f"period must be one of {', '.join(PERIODS)}")
    where, params = _where(source, target, both_directions, since, until)
    rows = store.con.execute(
        f"""SELECT CAST(date_trunc('{by}', event_date) AS DATE) AS period, quad_class,
                   count(*), sum(goldstein), count(goldstein)
            FROM clusters WHERE {" AND ".join([*where, fits_sql(by)])}
            GROUP BY 1, 2 ORDER BY 1, 2""",
        params,
    ).fetchall()
    if spread:
        rows = rows + _spread_rows(store, where, params, by)
    by_period: dict[date, dict] = {}
    for period, quad, n, g_sum, g_n in rows:
        entry = by_period.setdefault(period, {"counts": {}, "g_sum": 0.0, "g_n": 0.0})
        entry["counts"][quad] = entry["counts"].get(quad, 0) + n
        entry["g_sum"] += g_sum or 0.0
        entry["g_n"] += g_n
    if not by_period:
        return []
    out = []
    for period in _periods(min(by_period), max(by_period), by):
        entry = by_period.get(period)
        if entry is None:
            out.append(TrendRow(period, {}, None))
        else:
            mean = round(entry["g_sum"] / entry["g_n"], 3) if entry["g_n"] else None
            out.append(TrendRow(period, entry["counts"], mean))
    return out


def _spread_rows(store: Store, where: list[str], params: list, by: str) -> list[tuple]:
    """(period, quad, share, Goldstein share, weight) of each coarser event, shared evenly
    among the bins its period covers."""
    coarse = store.con.execute(
        f"""SELECT event_date, date_precision, quad_class, goldstein FROM clusters
            WHERE {" AND ".join([*where, f"NOT {fits_sql(by)}"])}""",
        params,
    ).fetchall()
    out = []
    for day, precision, quad, goldstein in coarse:
        bins = covered_bins(day, precision, by)
        share = 1.0 / len(bins)
        for b in bins:
            g = (goldstein * share, share) if goldstein is not None else (0.0, 0.0)
            out.append((b, quad, share, *g))
    return out


def unplaced(
    store: Store,
    source: str | None,
    target: str | None,
    by: str = "week",
    both_directions: bool = False,
    since: date | None = None,
    until: date | None = None,
) -> dict[str, int]:
    """Events of the dyad "not placed in time" at `by`: their precision -> count."""
    where, params = _where(source, target, both_directions, since, until)
    rows = store.con.execute(
        f"""SELECT date_precision, count(*) FROM clusters
            WHERE {" AND ".join([*where, f"NOT {fits_sql(by)}"])} GROUP BY 1 ORDER BY 1""",
        params,
    ).fetchall()
    return dict(rows)


def _periods(first: date, last: date, by: str) -> list[date]:
    out, current = [], first
    while current <= last:
        out.append(current)
        current = next_bin(current, by)
    return out


def plot(rows: list[TrendRow], path: Path, title: str, by: str) -> None:
    """Stacked bars of events per QuadClass and the mean Goldstein score per period."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    periods = [r.period for r in rows]
    width = {"day": 0.8, "week": 5.6, "month": 24, "year": 300}[by]
    fig, ax = plt.subplots(figsize=(11, 5.5), dpi=110)
    bottom = [0] * len(rows)
    for quad, label in QUAD_LABELS.items():
        values = [r.counts.get(quad, 0) for r in rows]
        if not any(values):
            continue
        ax.bar(
            periods,
            values,
            width=width,
            bottom=bottom,
            label=label,
            color=QUAD_COLOURS[quad],
            align="edge",
            linewidth=0,
        )
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    ax.set_ylabel(f"events per {by}")
    ax.set_ylim(0, max(max(bottom, default=0), 1) * 1.08)
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.grid(axis="y", alpha=0.3)
    ax.set_axisbelow(True)

    g_ax = ax.twinx()
    half = timedelta(days=width / 2)
    # periods without events are gaps in the line (NaN), not interpolated
    goldstein = [float("nan") if r.mean_goldstein is None else r.mean_goldstein for r in rows]
    if any(r.mean_goldstein is not None for r in rows):
        g_ax.plot(
            [r.period + half for r in rows],
            goldstein,
            color="black",
            marker="o",
            markersize=3.5,
            linewidth=1.2,
            label="mean Goldstein",
        )
    g_ax.axhline(0, color="grey", linewidth=0.8, linestyle=":")
    g_ax.set_ylim(-10.5, 10.5)
    g_ax.set_ylabel("mean Goldstein (-10 conflict .. +10 cooperation)")

    locator = mdates.AutoDateLocator(minticks=4, maxticks=12)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    if periods:
        ax.set_xlim(periods[0] - half, periods[-1] + timedelta(days=width) + half)
    handles, labels = ax.get_legend_handles_labels()
    g_handles, g_labels = g_ax.get_legend_handles_labels()
    ax.legend(  # below the plot, where it cannot hide a bar
        handles + g_handles,
        labels + g_labels,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.09),
        fontsize=8,
        ncol=5,
        frameon=False,
    )
    ax.set_title(title)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
