"""Run `polybius evaluate` on every dev set and print the ACCURACY.md rows.

    .venv/bin/python bench/accuracy.py [--shared ../shared/data] [--out-dir out/accuracy]

The per-set JSON reports are kept in --out-dir so a later run can `--compare` against them.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

SETS = [
    ("PLOVER gsr_dev (recall only)", ["plover/gsr_dev.jsonl"], "gsr_dev"),
    ("Guardian dev", ["gold/guardian_dev.jsonl"], "guardian_dev"),
    ("PETR2 validation", ["--petrarch-xml", "petrarch2/text/PETR2_GSR_validation.xml"], "petr2"),
]
HEADER = (
    "| set | sentences | type P | type R | type F1 | full P | full R | full F1 | source acc | "
    "target acc |\n|---|---|---|---|---|---|---|---|---|---|"
)


def row(name: str, section: dict, recall_only: bool) -> str:
    t, f, a = section["type_level"], section["full_event"], section["actors"]
    if recall_only:
        cells = ["–", f"{t['recall']:.3f}", "–", "–", f"{f['recall']:.3f}", "–"]
    else:
        cells = [
            f"{t['precision']:.3f}",
            f"{t['recall']:.3f}",
            f"{t['f1']:.3f}",
            f"{f['precision']:.3f}",
            f"{f['recall']:.3f}",
            f"{f['f1']:.3f}",
        ]
    cells += [f"{a['source_accuracy']:.3f}", f"{a['target_accuracy']:.3f}"]
    return f"| {name} | {section['sentences']} | " + " | ".join(cells) + " |"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument(
        "--shared", default=str(Path(__file__).resolve().parents[2] / "shared" / "data")
    )
    ap.add_argument("--out-dir", default="out/accuracy")
    args = ap.parse_args()
    shared, out_dir = Path(args.shared), Path(args.out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    rows = []
    for name, gold_args, stem in SETS:
        gold_args = [str(shared / a) if not a.startswith("--") else a for a in gold_args]
        report_path = out_dir / f"{stem}.json"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "polybius.cli",
                "evaluate",
                *gold_args,
                "--json",
                str(report_path),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        report = json.loads(report_path.read_text())
        rows.append(
            row(
                name + (", PLOVER types" if "cameo_root" in report else ""),
                report["overall"],
                report["recall_only"],
            )
        )
        if "cameo_root" in report:
            rows.append(row(name + ", CAMEO root", report["cameo_root"], False))
            rows.append(row(name + ", CAMEO full code", report["cameo_code"], False))
        coder = report["coder_version"]
    print(f"coder {coder}\n\n{HEADER}")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
