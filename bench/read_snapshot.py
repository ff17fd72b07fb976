"""What the read snapshot costs a writing run (issue 18: reading while writing).

    .venv/bin/python bench/read_snapshot.py --documents 1000,10000,50000

For each size, a store is filled with synthetic documents (3 KB of text each, 5 sentences and
3 event mentions per document, like a coded news store) and a publishing session copies it
to `<db>.snapshot` five times (store/snapshot.py: CHECKPOINT, copy, rename). Reported: the
store's size, the median copy time, and the interval the throttle then keeps between copies
(max(2 s, 20 x the copy time)), i.e. at most ~5 % of a run spent copying.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from polybius.store import snapshot
from polybius.store.db import Store

FILL = """
INSERT INTO documents (doc_id, content_hash, status, text, n_sentences, n_events, published)
SELECT 'd' || i, md5('h' || i), 'ok', repeat(md5(i::VARCHAR) || ' ', 93), 5, 3,
       DATE '2026-01-01' + (i % 300)::INTEGER
FROM range({start}, {stop}) t(i);
INSERT INTO sentences SELECT 'd' || i, s, repeat(md5((i * 7 + s)::VARCHAR) || ' ', 18), 0, 600
FROM range({start}, {stop}) t(i), range(5) u(s);
INSERT INTO events (event_id, doc_id, sentence_index, sentence_text, plover_type, cameo_code,
                    cameo_root, source_codes, target_codes, event_date)
SELECT md5('e' || i || '.' || k), 'd' || i, k, repeat(md5((i + k)::VARCHAR) || ' ', 6),
       'ACCUSE', '111', '11', ['TUR'], ['ISR'], DATE '2026-01-01' + (i % 300)::INTEGER
FROM range({start}, {stop}) t(i), range(3) u(k);
"""


def measure(documents: int, folder: Path, repeats: int = 5) -> dict:
    db = folder / f"bench-{documents}.duckdb"
    with Store(db) as store:
        for start in range(0, documents, 10_000):
            stop = min(documents, start + 10_000)
            store.con.execute(FILL.format(start=start, stop=stop))
    seconds = []
    with Store(db, publish=True) as store:
        for _ in range(repeats):
            t0 = time.perf_counter()
            store.publish_snapshot(force=True)
            seconds.append(time.perf_counter() - t0)
        size = snapshot.snapshot_path(db).stat().st_size
    copy = statistics.median(seconds)
    return {
        "documents": documents,
        "megabytes": size / 1e6,
        "copy_seconds": copy,
        "interval_seconds": max(snapshot.DEFAULT_INTERVAL, snapshot.COST_FACTOR * copy),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", default="1000,10000,50000")
    args = parser.parse_args()
    print("| documents | store (MB) | copy (s, median of 5) | interval between copies (s) |")
    print("|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as scratch:
        for n in (int(x) for x in args.documents.split(",")):
            r = measure(n, Path(scratch))
            print(
                f"| {r['documents']} | {r['megabytes']:.1f} | {r['copy_seconds']:.3f} | "
                f"{r['interval_seconds']:.1f} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
