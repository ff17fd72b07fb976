"""Bring the readers' place/date annotation into the repository as data:
`src/polybius/evaluate/data/place_date_gold.tsv` (issue 17).

    .venv/bin/python scripts/import_place_date_gold.py FOLD1.tsv FOLD3.tsv

The readers' files follow docs/gold/PLACE_DATE_GUIDE.md. What is kept: sentence ids and the
annotation. `when_text` (the dating words, copied from the sentence) is emptied, so the
repository holds no words of the gold sentences; rows of fold 5 (blind) are refused.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from polybius.evaluate.folds import load_folds  # noqa: E402
from polybius.evaluate.places_dates import DEFAULT_GOLD, HEADER  # noqa: E402


def main(paths: list[str]) -> int:
    folds = load_folds()
    rows: list[list[str]] = []
    seen: set[tuple[str, str]] = set()
    for path in paths:
        with open(path, encoding="utf-8", newline="") as fh:
            lines = list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
        if not lines or lines[0] != HEADER:
            print(f"{path}: the header must be {' '.join(HEADER)}", file=sys.stderr)
            return 2
        for cells in lines[1:]:
            if len(cells) != len(HEADER) or (cells[0], cells[1]) in seen:
                continue  # a half-written last line, or a row given twice
            doc = f"guardian-{cells[0][2:5]}"
            if folds.get(doc) == 5:
                print(f"{path}: {cells[0]} is in the blind fold 5", file=sys.stderr)
                return 2
            seen.add((cells[0], cells[1]))
            rows.append([*cells[:6], "", *cells[7:]])
    with open(DEFAULT_GOLD, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE)
        writer.writerow(HEADER)
        writer.writerows(rows)
    print(f"{len(rows)} gold events written to {DEFAULT_GOLD}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
