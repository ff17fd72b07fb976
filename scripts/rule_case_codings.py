"""Print how sentences code, with and without one coder rule, to write tests/data/rule_cases.tsv.

    .venv/bin/python scripts/rule_case_codings.py RULE "sentence" ["sentence" ...]
    .venv/bin/python scripts/rule_case_codings.py RULE - < sentences.txt

For each sentence: the compact coding with every rule on, the coding with RULE off, and
whether RULE is in the trace of an event (a contrast row must not carry it).
"""

from __future__ import annotations

import argparse
import sys
from datetime import date

from polybius.coding.coder import Coder
from polybius.coding.compact import compact as summary
from polybius.engine.stages import code_text
from polybius.nlp.pipeline import load_nlp

PUBLISHED = date(2026, 10, 14)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("rule")
    ap.add_argument("texts", nargs="+", help="sentences, or - to read one a line from stdin")
    ap.add_argument("--parse", action="store_true", help="print the dependency parse too")
    args = ap.parse_args()
    texts = args.texts
    if texts == ["-"]:
        texts = [t.strip() for t in sys.stdin if t.strip() and not t.startswith("#")]
    nlp, on, off = load_nlp(), Coder(), Coder(disabled_rules=(args.rule,))
    for text in texts:
        events = code_text(text, "case", PUBLISHED, on, True, nlp)[1]
        got = summary(events)
        without = summary(code_text(text, "case", PUBLISHED, off, True, nlp)[1])
        fired = any(s.startswith(f"rule:{args.rule} ") for e in events for s in e.trace)
        flag = "CHANGES" if got != without else "same"
        print(f"{text}\n  on:  {got}\n  off: {without}\n  {flag}; in trace: {fired}")
        if args.parse:
            for t in nlp(text):
                cells = f"{t.text:<14} {t.lemma_:<12} {t.pos_:<6} {t.dep_:<10}"
                print(f"    {t.i:>2} {cells} {t.head.i}")


if __name__ == "__main__":
    main()
