"""Peak memory of a worker coding one large document (issue 16: bounded memory).

    .venv/bin/python bench/memory.py --sizes 100K,1M,5M,10M --json out/memory.json

Each document is made from the bundled sample news (examples/news) by repetition with
variation (numbers shifted, stories in a rotating order), written as one JSONL record, and coded
in a fresh process exactly as a worker does (`runner.process_task`: read, split, parse, code,
tone, fingerprint). The peak resident set of that process is reported, with its ratio to the
first (smallest) document's in the same run, and the resident set after loading the model and
tables (as a worker starts: before reading anything).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "news"
UNITS = {"K": 1000, "M": 1000 * 1000}

CHILD = """
import json, resource, sys, time
from polybius.coding.coder import DEFAULT_SPEC
from polybius.engine import runner
from polybius.ingest.tasks import plan_tasks
runner._preload(DEFAULT_SPEC)  # what a worker inherits from the main process
runner.init_worker(frozenset(), DEFAULT_SPEC, 11 * 1000 * 1000, True, False)
loaded = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t0 = time.perf_counter()
results = [r for task in plan_tasks([sys.argv[1]]) for r in runner.process_task(task).results]
seconds = time.perf_counter() - t0
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
r = results[0]
r.unpack()  # what the writer does in the main process (after the peak above was taken)
print(json.dumps({
    "loaded_kb": loaded, "peak_kb": peak, "seconds": seconds, "status": r.document.status,
    "sentences": len(r.sentences), "events": len(r.events), "notes": dict(r.notes),
}))
"""


def sample_stories() -> list[str]:
    """The texts of the bundled sample news (wire stories and the briefing)."""
    stories = [(EXAMPLES / "briefing.txt").read_text(encoding="utf-8")]
    for line in (EXAMPLES / "wire_stories.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            stories.append(json.loads(line)["text"])
    return stories


def make_text(size: int) -> str:
    """About `size` bytes of news text: the samples repeated, numbers shifted by the round and
    the stories' order rotated, so no two rounds are the same text."""
    stories = sample_stories()
    parts: list[str] = []
    total, round_ = 0, 0
    while total < size:
        for i in range(len(stories)):
            story = stories[(i + round_) % len(stories)]
            text = re.sub(r"\d+", lambda m, r=round_: str(int(m.group()) + r), story)
            parts.append(text)
            total += len(text.encode("utf-8")) + 2
            if total >= size:
                break
        round_ += 1
    return "\n\n".join(parts)[:size]


def parse_size(label: str) -> int:
    label = label.strip().upper()
    return int(float(label[:-1]) * UNITS[label[-1]]) if label[-1] in UNITS else int(label)


def measure(label: str, folder: Path) -> dict:
    path = folder / f"doc-{label}.jsonl"
    text = make_text(parse_size(label))
    record = {"id": f"big-{label}", "date": "2026-11-16", "text": text}
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-c", CHILD, str(path)], capture_output=True, text=True, check=True
    )
    row = json.loads(proc.stdout.strip().splitlines()[-1])
    row.update(size=label, bytes=path.stat().st_size)
    path.unlink()
    return row


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--sizes", default="100K,1M,5M,10M", help="document sizes, smallest first")
    ap.add_argument("--json", help="also write the rows as JSON here")
    args = ap.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="polybius-memory-") as tmp:
        for label in args.sizes.split(","):
            rows.append(measure(label, Path(tmp)))
            print(f"{label}: {json.dumps(rows[-1])}", file=sys.stderr, flush=True)
    base = rows[0]["peak_kb"]
    print(
        "| document | bytes | status | sentences | events | seconds | RSS after load MB "
        "| peak RSS MB | ratio to first |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(
            f"| {r['size']} | {r['bytes']:,} | {r['status']} | {r['sentences']:,} "
            f"| {r['events']:,} | {r['seconds']:.1f} | {r['loaded_kb'] / 1024:.0f} "
            f"| {r['peak_kb'] / 1024:.0f} | {r['peak_kb'] / base:.2f} |"
        )
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=2) + "\n")


if __name__ == "__main__":
    main()
