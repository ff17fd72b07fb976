"""Latency of the main API queries on a store of a million synthetic events.

Builds the store with bench/synthetic.py (DuckDB SQL, a few tens of seconds; kept for the
next run), starts `polybius serve` in a subprocess on 127.0.0.1 and a free port, and times
N requests of each query, one at a time over one keep-alive connection, after a warm-up.
Parameters vary between requests (actors, months, words, event ids), so no answer is
simply repeated.

    .venv/bin/python bench/api_latency.py --events 1000000 --requests 40 --json out/api.json
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import duckdb
import httpx
from rich.console import Console
from rich.table import Table

sys.path.insert(0, str(Path(__file__).parent))
import synthetic  # noqa: E402

from polybius.store.db import SCHEMA_VERSION  # noqa: E402

console = Console()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def ensure_store(path: Path, n_events: int, rebuild: bool) -> None:
    if path.exists() and not rebuild:
        with duckdb.connect(str(path), read_only=True) as con:
            n = con.execute("SELECT count(*) FROM events").fetchall()[0][0]
            version = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall()
            if n == n_events and version == [(str(SCHEMA_VERSION),)]:
                console.print(f"reusing {path} ({n_events:,} events)")
                return
    console.print(f"building {path} with {n_events:,} synthetic events ...")
    console.print(synthetic.build(path, n_events))


def start_server(db: Path, port: int) -> subprocess.Popen:
    proc = subprocess.Popen(
        [sys.executable, "-m", "polybius.cli", "serve", "--db", str(db), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={k: v for k, v in os.environ.items() if not k.startswith("POLYBIUS_API_TOKEN")},
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"the server exited: {proc.stderr.read().decode()}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/stats", timeout=30).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.3)
    proc.kill()
    raise SystemExit("the server did not answer within 120 s")


def query_makers(
    rng: random.Random, event_ids: list[str], n_docs: int
) -> dict[str, Callable[[], tuple]]:
    """Name -> a function giving (path, params) for the next request of that query."""
    actors = synthetic.ACTORS[:20]
    words = synthetic.WORDS + [p.split("|")[0] for p in synthetic.PLACES]
    start = date(2023, 1, 1)

    def month() -> tuple[str, str]:
        first = start + timedelta(days=30 * rng.randrange(34))
        return first.isoformat(), (first + timedelta(days=30)).isoformat()

    def pair() -> tuple[str, str]:
        a, b = rng.sample(actors[:10], 2)
        return a, b

    return {
        "events, first page": lambda: ("/api/events", {"limit": 50}),
        "events, page 20": lambda: ("/api/events", {"limit": 50, "offset": 950}),
        "events by actor": lambda: ("/api/events", {"actor": rng.choice(actors), "limit": 50}),
        "events by date range": lambda: (
            "/api/events",
            dict(zip(("date_from", "date_to"), month(), strict=True), limit=50),
        ),
        "events, text search": lambda: ("/api/events", {"q": rng.choice(words), "limit": 50}),
        "events, type + status + actor": lambda: (
            "/api/events",
            {"actor": rng.choice(actors), "type": "ASSAULT", "status": "occurred", "limit": 50},
        ),
        "event detail": lambda: (f"/api/events/{rng.choice(event_ids)}", {}),
        "timeline (day)": lambda: ("/api/timeline", {"by": "day"}),
        "top dyads": lambda: ("/api/dyads", {"limit": 20}),
        "dyad series (week)": lambda: (
            "/api/dyads/series",
            dict(zip(("source", "target"), pair(), strict=True), by="week"),
        ),
        "network": lambda: ("/api/network", {"limit": 80}),
        "map": lambda: ("/api/map", {}),
        "actors": lambda: ("/api/actors", {"limit": 100}),
        "stats": lambda: ("/api/stats", {}),
        "code book (labels)": lambda: ("/api/codes", {}),
        "timeline CSV (month)": lambda: ("/api/timeline.csv", {"by": "month"}),
        "events CSV (an actor, a month)": lambda: (
            "/api/events.csv",
            dict(zip(("date_from", "date_to"), month(), strict=True), actor=rng.choice(actors)),
        ),
        "document detail": lambda: (
            f"/api/documents/syn-doc-{rng.randrange(n_docs):06d}",
            {},
        ),
    }


def download_range(db: Path, rows: int) -> dict[str, str]:
    """A date range holding at least `rows` events: from the first date to the date of the
    `rows`-th event."""
    with duckdb.connect(str(db), read_only=True) as con:
        first, last = con.execute(
            "SELECT min(event_date), (SELECT event_date FROM events WHERE event_date IS NOT NULL "
            "ORDER BY event_date LIMIT 1 OFFSET ?) FROM events",
            [rows - 1],
        ).fetchall()[0]
    return {"date_from": first.isoformat(), "date_to": last.isoformat()}


def time_downloads(base: str, params: dict, repeat: int) -> dict[str, dict]:
    """Seconds to stream the whole file of the events in `params`, per format (best and
    worst of `repeat`), with its rows and megabytes."""
    results = {}
    with httpx.Client(base_url=base, timeout=300) as client:
        for fmt in ("csv", "parquet", "json"):
            times, size, total = [], 0, 0
            for _ in range(repeat):
                t0 = time.perf_counter()
                with client.stream("GET", f"/api/events.{fmt}", params=params) as r:
                    if r.status_code != 200:
                        raise SystemExit(f"/api/events.{fmt} -> {r.status_code} {r.read()!r}")
                    total = int(r.headers["x-total-count"])
                    size = sum(len(chunk) for chunk in r.iter_bytes())
                times.append(time.perf_counter() - t0)
            results[fmt] = {
                "rows": total,
                "mb": round(size / 1e6, 1),
                "best_s": round(min(times), 2),
                "worst_s": round(max(times), 2),
            }
            console.print(f"  download {fmt}: {results[fmt]}")
    return results


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def measure(base: str, makers: dict, n: int, warmup: int) -> dict[str, dict]:
    results = {}
    with httpx.Client(base_url=base, timeout=60) as client:
        for name, make in makers.items():
            for _ in range(warmup):
                path, params = make()
                client.get(path, params=params).raise_for_status()
            times = []
            for _ in range(n):
                path, params = make()
                t0 = time.perf_counter()
                r = client.get(path, params=params)
                times.append((time.perf_counter() - t0) * 1000)
                if r.status_code != 200:
                    raise SystemExit(f"{name}: {path} {params} -> {r.status_code} {r.text}")
            results[name] = {
                "n": n,
                "p50_ms": round(statistics.median(times), 1),
                "p95_ms": round(percentile(times, 0.95), 1),
                "max_ms": round(max(times), 1),
            }
            console.print(f"  {name}: p50 {results[name]['p50_ms']} ms")
    return results


def machine() -> dict:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpus": os.cpu_count(),
        "cpu_model": cpu,
        "python": platform.python_version(),
        "duckdb": duckdb.__version__,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, default=Path("out/api-bench.duckdb"))
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=40, help="timed requests per query")
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--rebuild", action="store_true", help="rebuild the store")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument(
        "--download-rows", type=int, default=100_000, help="rows of the timed downloads"
    )
    args = parser.parse_args()
    args.db.parent.mkdir(parents=True, exist_ok=True)
    ensure_store(args.db, args.events, args.rebuild)
    with duckdb.connect(str(args.db), read_only=True) as con:
        event_ids = [
            r[0]
            for r in con.execute(
                "SELECT event_id FROM events USING SAMPLE 2000 ROWS (reservoir, 7)"
            ).fetchall()
        ]
    port = free_port()
    server = start_server(args.db, port)
    try:
        console.print(f"server on 127.0.0.1:{port}; {args.requests} requests per query")
        n_docs = max(1, args.events // synthetic.DOCS_PER_EVENT)
        makers = query_makers(random.Random(11), event_ids, n_docs)
        results = measure(f"http://127.0.0.1:{port}", makers, args.requests, args.warmup)
        span = download_range(args.db, args.download_rows)
        files = time_downloads(f"http://127.0.0.1:{port}", span, repeat=3)
    finally:
        server.terminate()
        server.wait(timeout=30)
    table = Table(title=f"API latency, {args.events:,} events ({args.requests} requests each)")
    for col in ("query", "p50 ms", "p95 ms", "max ms"):
        table.add_column(col, justify="left" if col == "query" else "right")
    for name, r in results.items():
        table.add_row(name, f"{r['p50_ms']:.1f}", f"{r['p95_ms']:.1f}", f"{r['max_ms']:.1f}")
    console.print(table)
    worst = max(r["p95_ms"] for r in results.values())
    console.print(f"slowest p95: {worst:.1f} ms (target < 300 ms)")
    for fmt, r in files.items():
        console.print(
            f"download {fmt} of {r['rows']:,} events ({span['date_from']} to {span['date_to']}):"
            f" {r['mb']} MB in {r['best_s']}-{r['worst_s']} s (target < 5 s)"
        )
    if args.json:
        out = {"events": args.events, "machine": machine(), "queries": results}
        args.json.write_text(json.dumps({**out, "downloads": files}, indent=2) + "\n")
        console.print(f"wrote {args.json}")


if __name__ == "__main__":
    main()
