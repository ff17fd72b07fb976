"""Re-run benchmark: `polybius code` over a folder it has already coded, against the first run.

    .venv/bin/python bench/rerun.py [--shared ../shared/data] [--workers 2]

Copies the folder of news web pages ../shared/data/corpora/news_html (181 pages, their
ground-truth.json and LICENSE: 183 files) into a temporary folder, then
runs `polybius code FOLDER` twice into a new store, each in a fresh process, timed from start
to exit (Python start-up, the store, the end-of-run aggregation included). The second run
finds every file unchanged (same path, size and mtime) and must not read any: the ratio
second / first is the figure (the bar is under 0.10). Both runs are measured in the same
invocation, on the same machine and moment.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def timed_code(folder: Path, db: Path, report: Path, workers: int, src: Path) -> tuple[float, dict]:
    """Seconds of one `polybius code` process and its --report JSON."""
    env = dict(os.environ, PYTHONPATH=str(src))
    command = [sys.executable, "-m", "polybius", "code", str(folder), "--db", str(db)]
    command += ["--workers", str(workers), "--report", str(report)]
    started = time.perf_counter()
    subprocess.run(command, check=True, env=env, capture_output=True)
    seconds = time.perf_counter() - started
    return seconds, json.loads(report.read_text())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument(
        "--src",
        type=Path,
        default=REPO / "src",
        help="the polybius sources to run (another checkout's src/ measures its behaviour)",
    )
    args = parser.parse_args()
    source = args.shared / "corpora" / "news_html"
    if not source.is_dir():
        print(f"no folder {source}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="polybius-rerun-") as tmp:
        folder = Path(tmp) / "pages"
        shutil.copytree(source, folder)
        files = sum(1 for p in folder.rglob("*") if p.is_file())
        db, report = Path(tmp) / "store.duckdb", Path(tmp) / "report.json"
        load_before = os.getloadavg()[0]
        first, first_report = timed_code(folder, db, report, args.workers, args.src)
        second, second_report = timed_code(folder, db, report, args.workers, args.src)
        load_after = os.getloadavg()[0]
    result = {
        "files": files,
        "workers": args.workers,
        "first_run_seconds": round(first, 2),
        "first_run_documents": first_report["documents"],
        "rerun_seconds": round(second, 2),
        "rerun_documents_read": second_report["documents"],
        "rerun_unchanged_files": second_report.get("unchanged_files", 0),
        "ratio": round(second / first, 3),
        "load_average_1min": [round(load_before, 2), round(load_after, 2)],
    }
    print(json.dumps(result, indent=2))
    return 0 if result["ratio"] < 0.10 and result["rerun_documents_read"] == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
