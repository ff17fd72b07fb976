"""Find, for every coder rule, sentences of our own whose events change when the rule is off.

    .venv/bin/python scripts/harvest_rule_cases.py --out out/rule_case_candidates.tsv

The pool is text written for this project: the trigger patterns' example sentences, the
sentences of tests/test_coder.py and tests/test_actors.py, and the bundled sample news. A rule
with no sentence in the pool needs a case written for it (or is dead weight). The chosen cases
go to tests/data/rule_cases.tsv, which tests/test_rule_cases.py checks.
"""

from __future__ import annotations

import argparse
import ast
import csv
from datetime import date
from pathlib import Path

from rich.progress import track

from polybius.coding.coder import Coder
from polybius.coding.compact import compact as summary
from polybius.coding.rules.registry import rule_names
from polybius.engine.stages import code_text
from polybius.events.patterns import pattern_files
from polybius.nlp.pipeline import load_nlp
from polybius.tsv import read_tsv

REPO = Path(__file__).resolve().parents[1]
PUBLISHED = date(2026, 10, 14)


def _test_sentences(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        n.value
        for n in ast.walk(tree)
        if isinstance(n, ast.Constant)
        and isinstance(n.value, str)
        and len(n.value.split()) >= 5
        and n.value.rstrip().endswith((".", '"', "”"))
    ]


def pool() -> list[str]:
    texts = [row["example"] for p in pattern_files() for row in read_tsv(p) if row.get("example")]
    for name in ("test_coder.py", "test_actors.py"):
        texts += _test_sentences(REPO / "tests" / name)
    return list(dict.fromkeys(t.strip() for t in texts if t.strip()))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--out", default="out/rule_case_candidates.tsv")
    ap.add_argument("--per-rule", type=int, default=3)
    args = ap.parse_args()
    nlp, texts = load_nlp(), pool()
    full = Coder()
    base = {t: summary(code_text(t, "case", PUBLISHED, full, True, nlp)[1]) for t in texts}
    rows = []
    for name in track(rule_names(), description="rules"):
        off = Coder(disabled_rules=(name,))
        found = []
        for t in texts:
            without = summary(code_text(t, "case", PUBLISHED, off, True, nlp)[1])
            if without != base[t]:
                found.append((len(t), t, without))
        found.sort()
        for _, t, without in found[: args.per_rule]:
            rows.append({"rule": name, "text": t, "expected": base[t], "without_rule": without})
        if not found:
            rows.append({"rule": name, "text": "", "expected": "", "without_rule": "NO CASE"})
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, ["rule", "text", "expected", "without_rule"], delimiter="\t")
        w.writeheader()
        w.writerows(rows)
    print(f"{len(rows)} rows; rules without a case:", [r["rule"] for r in rows if not r["text"]])


if __name__ == "__main__":
    main()
