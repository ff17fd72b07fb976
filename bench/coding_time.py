"""Coding time alone, on parses cached by bench/dev_errors.py (out/dev/cache): the time the
coder spends on guardian_train folds 1-4, synthetic_train and web-news fold 1, after a warm-up.

    .venv/bin/python bench/coding_time.py [--repeat 3]

Compare two builds by running this with `PYTHONPATH=<worktree>/src` for each, alternating:
parsing, reading and storing are left out, so a change in the coder's cost shows even on a
loaded machine where bench/throughput.py's ratios move by more than the change.
"""

from __future__ import annotations

import argparse
import statistics
import time

from ablation import predict  # bench/: the coding of the ablation, sentence by sentence
from dev_errors import SHARED, load_set

from polybius.coding.coder import Coder
from polybius.nlp.pipeline import load_nlp


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    nlp, coder = load_nlp(), Coder()
    sets = [load_set(name, SHARED, nlp) for name in ("train", "synthetic", "web1")]
    predict(sets[-1], coder)  # warm-up: lexicons, models, caches
    times = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        for data in sets:
            predict(data, coder)
        times.append(time.perf_counter() - start)
    sentences = sum(len(d.sentences) for d in sets)
    print(
        f"{sentences} gold sentences; coding s: {', '.join(f'{t:.2f}' for t in times)}; "
        f"median {statistics.median(times):.2f}"
    )


if __name__ == "__main__":
    main()
