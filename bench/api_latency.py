"""Latency of the main API queries on a store of a million synthetic events.

Builds the store with bench/synthetic.py (DuckDB SQL, a few tens of seconds; kept for the
next run), starts `polybius serve` in a subprocess on 127.0.0.1 and a free port, and times
N requests of each query, one at a time over one keep-alive connection, after a warm-up.
Parameters vary between requests (actors, months, words, event ids), so no answer is
simply repeated.

    .venv/bin/python bench/api_latency.py --events 1000000 --requests 40 --json out/api.json

With `--baseline-src ../main/src` a second server runs another checkout's code (on its own
store, `--baseline-db`, built by that checkout's bench/synthetic.py when missing: its schema
may differ) and every request goes to both servers, alternating which goes first, so that the
ratios to the baseline are measured under the same load on a shared machine.
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

console = Console(width=150)


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


def ensure_baseline_store(path: Path, n_events: int, src: Path) -> None:
    """The baseline's store, built by the baseline checkout's own bench/synthetic.py."""
    if path.exists():
        with duckdb.connect(str(path), read_only=True) as con:
            if con.execute("SELECT count(*) FROM events").fetchall()[0][0] == n_events:
                console.print(f"reusing {path} for the baseline")
                return
    script = src.parent / "bench" / "synthetic.py"
    console.print(f"building {path} with {script} ...")
    env = {**os.environ, "PYTHONPATH": str(src)}
    cmd = [sys.executable, str(script), str(path), "--events", str(n_events)]
    subprocess.run(cmd, check=True, env=env)


def start_server(db: Path, port: int, src: Path | None = None) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith("POLYBIUS_API_TOKEN")}
    if src is not None:
        env["PYTHONPATH"] = str(src)
    proc = subprocess.Popen(
        [sys.executable, "-m", "polybius.cli", "serve", "--db", str(db), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
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


def time_downloads(bases: list[str], params: dict, repeat: int) -> list[dict[str, dict]]:
    """Seconds to stream the whole file of the events in `params`, per format (best and
    worst of `repeat`), with its rows and megabytes; one result per server, the servers
    taking turns."""
    results: list[dict[str, dict]] = [{} for _ in bases]
    clients = [httpx.Client(base_url=b, timeout=300) for b in bases]
    try:
        for fmt in ("csv", "parquet", "json"):
            times: list[list[float]] = [[] for _ in bases]
            size, total = [0] * len(bases), [0] * len(bases)
            for i in range(repeat):
                for k in turns(len(bases), i):
                    t0 = time.perf_counter()
                    with clients[k].stream("GET", f"/api/events.{fmt}", params=params) as r:
                        if r.status_code != 200:
                            raise SystemExit(f"/api/events.{fmt} -> {r.status_code} {r.read()!r}")
                        total[k] = int(r.headers["x-total-count"])
                        size[k] = sum(len(chunk) for chunk in r.iter_bytes())
                    times[k].append(time.perf_counter() - t0)
            for k in range(len(bases)):
                results[k][fmt] = {
                    "rows": total[k],
                    "mb": round(size[k] / 1e6, 1),
                    "best_s": round(min(times[k]), 2),
                    "worst_s": round(max(times[k]), 2),
                }
            console.print(f"  download {fmt}: {[r[fmt] for r in results]}")
    finally:
        for c in clients:
            c.close()
    return results


def turns(n: int, i: int) -> list[int]:
    """The order in which n servers take request i: rotated each time (no server always
    goes first, or always right after another one's request)."""
    return [(i + k) % n for k in range(n)]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def measure(bases: list[str], makers: dict, n: int, warmup: int) -> list[dict[str, dict]]:
    """Per server, per query: p50, p95 and max of n requests. Each request (the same path
    and parameters) goes to every server, in turns."""
    results: list[dict[str, dict]] = [{} for _ in bases]
    clients = [httpx.Client(base_url=b, timeout=60) for b in bases]
    try:
        for name, make in makers.items():
            for _ in range(warmup):
                path, params = make()
                for c in clients:
                    c.get(path, params=params).raise_for_status()
            times: list[list[float]] = [[] for _ in bases]
            for i in range(n):
                path, params = make()
                for k in turns(len(bases), i):
                    t0 = time.perf_counter()
                    r = clients[k].get(path, params=params)
                    times[k].append((time.perf_counter() - t0) * 1000)
                    if r.status_code != 200:
                        raise SystemExit(f"{name}: {path} {params} -> {r.status_code} {r.text}")
            for k, t in enumerate(times):
                results[k][name] = {
                    "n": n,
                    "p50_ms": round(statistics.median(t), 1),
                    "p95_ms": round(percentile(t, 0.95), 1),
                    "max_ms": round(max(t), 1),
                }
            console.print(f"  {name}: p50 {[r[name]['p50_ms'] for r in results]} ms")
    finally:
        for c in clients:
            c.close()
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
    parser.add_argument(
        "--baseline-src",
        type=Path,
        help="the src directory of another checkout (e.g. ../main/src): time its server too, "
        "request by request, for ratios",
    )
    parser.add_argument(
        "--baseline-db",
        type=Path,
        default=Path("out/api-bench-baseline.duckdb"),
        help="the baseline's store (built by its own bench/synthetic.py when missing)",
    )
    args = parser.parse_args()
    args.db.parent.mkdir(parents=True, exist_ok=True)
    ensure_store(args.db, args.events, args.rebuild)
    servers = [("this", args.db, None)]
    if args.baseline_src:
        baseline_src = args.baseline_src.resolve()
        ensure_baseline_store(args.baseline_db, args.events, baseline_src)
        servers.append(("baseline", args.baseline_db, baseline_src))
    with duckdb.connect(str(args.db), read_only=True) as con:
        event_ids = [
            r[0]
            for r in con.execute(
                "SELECT event_id FROM events USING SAMPLE 2000 ROWS (reservoir, 7)"
            ).fetchall()
        ]
    procs, bases = [], []
    try:
        for _, db, src in servers:
            port = free_port()
            procs.append(start_server(db, port, src))
            bases.append(f"http://127.0.0.1:{port}")
        console.print(f"servers {bases}; {args.requests} requests per query")
        n_docs = max(1, args.events // synthetic.DOCS_PER_EVENT)
        makers = query_makers(random.Random(11), event_ids, n_docs)
        load_before = os.getloadavg()
        results = measure(bases, makers, args.requests, args.warmup)
        span = download_range(args.db, args.download_rows)
        files = time_downloads(bases, span, repeat=3)
        load_after = os.getloadavg()
    finally:
        for proc in procs:
            proc.terminate()
            proc.wait(timeout=30)
    report(args, results, files, span)
    console.print(f"load average before {load_before}, after {load_after}")
    if args.json:
        out = {"events": args.events, "machine": machine(), "queries": results[0]}
        out |= {"downloads": files[0], "load_before": load_before, "load_after": load_after}
        if len(results) > 1:
            out |= {"baseline_src": str(args.baseline_src), "baseline_queries": results[1]}
            out |= {"baseline_downloads": files[1]}
        args.json.write_text(json.dumps(out, indent=2) + "\n")
        console.print(f"wrote {args.json}")


def report(args, results: list[dict], files: list[dict], span: dict) -> None:
    ours = results[0]
    base = results[1] if len(results) > 1 else None
    table = Table(title=f"API latency, {args.events:,} events ({args.requests} requests each)")
    cols = ["query", "p50 ms", "p95 ms", "max ms"]
    if base:
        cols += ["base p50", "base p95", "p50 ratio", "p95 ratio"]
    for col in cols:
        table.add_column(col, justify="left" if col == "query" else "right")
    for name, r in ours.items():
        row = [name, f"{r['p50_ms']:.1f}", f"{r['p95_ms']:.1f}", f"{r['max_ms']:.1f}"]
        if base:
            b = base[name]
            row += [f"{b['p50_ms']:.1f}", f"{b['p95_ms']:.1f}"]
            row += [f"{r[k] / b[k]:.2f}" if b[k] else "-" for k in ("p50_ms", "p95_ms")]
        table.add_row(*row)
    console.print(table)
    worst = max(r["p95_ms"] for r in ours.values())
    console.print(f"slowest p95: {worst:.1f} ms (target < 300 ms)")
    for k, label in enumerate(["", "baseline "][: len(files)]):
        for fmt, r in files[k].items():
            console.print(
                f"{label}download {fmt} of {r['rows']:,} events ({span['date_from']} to "
                f"{span['date_to']}): {r['mb']} MB in {r['best_s']}-{r['worst_s']} s "
                "(target < 5 s)"
            )


if __name__ == "__main__":
    main()
