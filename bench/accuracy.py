"""Run `polybius evaluate` on every evaluation set and print the ACCURACY.md rows (issue 15).

    .venv/bin/python bench/accuracy.py [--shared ../shared/data] [--out-dir out/accuracy]
    .venv/bin/python bench/accuracy.py -- --disable-rule NAME   # extra args to every evaluate

Rows: guardian_train folds 1-4 (the sentences we read), guardian_train fold 5 (blind: scored,
aggregate figures only), guardian_dev, gsr_dev (recall only), the PETR-2 validation records,
guardian_later and guardian_fresh (evaluate/guardian_spans.py: the later sentences of the read
Guardian articles; the 51 Guardian articles no other set annotates, blind as a whole), the
web-news gold (evaluate/webnews.py: fold 1 read, fold 5 blind; the text of these three is cut
from the shared corpora into --out-dir first) and the invented probes of bench/data
(PROBES: ontology, genre, world and wire, docs/gold/*_PROBE.md: fold 1 read, fold 5 blind); then the
gap between what we read and the blind fold (read F1 minus blind F1), for each of them.
Arguments after `--` are passed to every `polybius evaluate` run, so an ablation reuses this
script.

The per-set JSON reports are kept in --out-dir so a later run can `--compare` against them; the
blind fold's report holds aggregate figures only (`polybius evaluate --fold 5` refuses to write
anything else).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from polybius.commands.evaluating import interval_text
from polybius.evaluate import guardian_spans
from polybius.evaluate.webnews import FOLDS, materialise

TRAIN = "gold/guardian_train.jsonl"


@dataclass(frozen=True)
class EvalSet:
    name: str
    args: tuple[str, ...]  # paths relative to --shared; options start with "--"
    stem: str
    blind: bool = False


SETS = [
    EvalSet("guardian_train folds 1–4 (read)", (TRAIN, "--folds", "1,2,3,4"), "train_folds_1-4"),
    EvalSet("guardian_train fold 5 (blind)", (TRAIN, "--fold", "5"), "train_fold_5", blind=True),
    EvalSet("Guardian dev", ("gold/guardian_dev.jsonl",), "guardian_dev"),
    EvalSet("PLOVER gsr_dev (recall only)", ("plover/gsr_dev.jsonl",), "gsr_dev"),
    EvalSet(
        "PETR2 validation",
        ("--petrarch-xml", "petrarch2/text/PETR2_GSR_validation.xml"),
        "petr2",
    ),
]
WEBNEWS = "webnews_gold.jsonl"  # materialised into --out-dir (absolute path at run time)
WEBNEWS_SETS = [
    EvalSet("web news fold 1 (read)", (WEBNEWS, "--folds", "1"), "webnews_fold_1"),
    EvalSet("web news fold 5 (blind)", (WEBNEWS, "--folds", "5"), "webnews_fold_5", blind=True),
]
FRESH = "guardian_fresh.jsonl"  # materialised into --out-dir, like the web-news gold
LATER = "guardian_later.jsonl"  # the later sentences of the read Guardian articles
REPO = Path(__file__).resolve().parents[1]
PROBES = [  # invented sets written here: (name, bench/data stem); docs/gold/*_PROBE.md
    ("ontology probe", "ontology_probe"),
    ("genre probe", "genre_probe"),
    ("world probe", "world_probe"),
    ("wire probe", "wire_probe"),
]


def probe_files(stem: str) -> tuple[Path, Path]:
    """A probe's gzipped gold file and its folds file (1 read, 5 blind) under bench/data."""
    data = REPO / "bench" / "data"
    return data / f"{stem}.jsonl.gz", data / f"{stem}_folds.tsv"


def probe_sets(name: str, stem: str) -> list[EvalSet]:
    """A probe's read fold 1 and blind fold 5."""
    gold_file, folds_file = probe_files(stem)
    gold, folds = str(gold_file), ("--folds-file", str(folds_file))
    return [
        EvalSet(f"{name} fold 1 (read)", (gold, "--folds", "1", *folds), f"{stem}_1"),
        EvalSet(f"{name} fold 5 (blind)", (gold, "--fold", "5", *folds), f"{stem}_5", True),
    ]


OPTION_VALUES = {"--folds", "--fold"}  # options whose value is not a path
HEADER = (
    "| set | sentences | type P | type R | type F1 | full P | full R | full F1 | source acc | "
    "target acc | status acc |\n|---|---|---|---|---|---|---|---|---|---|---|"
)


SPREAD_HEADER = (
    "How far each row could move by chance (PLOVER types; 95 % bootstrap intervals over the\n"
    "set's documents, polybius.evaluate.intervals):\n\n| set | intervals |\n|---|---|"
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
    status = a.get("status_accuracy")
    cells.append("–" if status is None else f"{status:.3f}")
    return f"| {name} | {section['sentences']} | " + " | ".join(cells) + " |"


def command(s: EvalSet, shared: Path, report: Path, extra: list[str]) -> list[str]:
    args, previous = [], ""
    for a in s.args:
        is_value = previous in OPTION_VALUES
        args.append(a if a.startswith("--") or is_value else str(shared / a))
        previous = a
    return [sys.executable, "-m", "polybius.cli", "evaluate", *args, "--json", str(report), *extra]


def check_blind(report: dict, path: Path) -> None:
    """The blind fold's report: aggregate figures of a blind selection, nothing per sentence."""
    selection = report.get("selection") or {}
    if not selection.get("blind"):
        raise SystemExit(f"{path}: the blind fold was not scored in blind mode")
    # "intervals" holds aggregate figures of resampled documents: no document is named
    allowed = {"report_version", "coder_version", "gold", "format", "recall_only"}
    allowed |= {"overall", "intervals", "selection"}
    extra = set(report) - allowed
    if extra:
        raise SystemExit(f"{path}: unexpected sections in a blind report: {sorted(extra)}")


def gap(read: dict, blind: dict) -> str:
    t = read["type_level"]["f1"] - blind["type_level"]["f1"]
    f = read["full_event"]["f1"] - blind["full_event"]["f1"]
    return f"gap (guardian_train folds 1–4 F1 minus fold 5 F1): type {t:+.3f}, full event {f:+.3f}"


def split_argv(argv: list[str]) -> tuple[list[str], list[str]]:
    """(own arguments, arguments after `--` for `polybius evaluate`)."""
    if "--" in argv:
        i = argv.index("--")
        return argv[:i], argv[i + 1 :]
    return argv, []


def main(argv: list[str] | None = None) -> None:
    own, extra = split_argv(sys.argv[1:] if argv is None else argv)
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument(
        "--shared", default=str(Path(__file__).resolve().parents[2] / "shared" / "data")
    )
    ap.add_argument("--out-dir", default="out/accuracy")
    args = ap.parse_args(own)
    shared, out_dir = Path(args.shared), Path(args.out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    rows, reports, spreads = [], {}, []
    coder = "?"
    webnews = (out_dir / WEBNEWS).resolve()
    materialise(shared, webnews)
    folds = ("--folds-file", str(FOLDS))
    sets = SETS + [
        EvalSet(w.name, (str(webnews), *w.args[1:], *folds), w.stem, w.blind) for w in WEBNEWS_SETS
    ]
    fresh, later = (out_dir / FRESH).resolve(), (out_dir / LATER).resolve()
    guardian_spans.materialise(shared, fresh, guardian_spans.FRESH)
    guardian_spans.materialise(shared, later, guardian_spans.LATER)
    fresh_args = (str(fresh), "--fold", "5", "--folds-file", str(guardian_spans.FRESH_FOLDS))
    sets.insert(1, EvalSet("guardian_later (read)", (str(later),), "guardian_later"))
    sets.insert(3, EvalSet("guardian_fresh (blind)", fresh_args, "guardian_fresh", blind=True))
    sets += [s for name, stem in PROBES for s in probe_sets(name, stem)]
    for s in sets:
        report_path = out_dir / f"{s.stem}.json"
        report_path.unlink(missing_ok=True)  # never read a stale report
        cmd = command(s, shared, report_path, extra)
        rc = subprocess.run(cmd, stdout=subprocess.DEVNULL).returncode
        if rc:
            raise SystemExit(f"exit code {rc} from: {' '.join(cmd[2:])}")
        report = json.loads(report_path.read_text())
        if s.blind:
            check_blind(report, report_path)
        reports[s.stem] = report
        petr = "cameo_root" in report
        rows.append(
            row(
                s.name + (", PLOVER types" if petr else ""),
                report["overall"],
                report["recall_only"],
            )
        )
        if "intervals" in report:
            spreads.append(
                f"| {s.name} | {interval_text(report['intervals'], report['recall_only'])} |"
            )
        if petr:
            rows.append(row(s.name + ", CAMEO root", report["cameo_root"], False))
            rows.append(row(s.name + ", CAMEO full code", report["cameo_code"], False))
        coder = report["coder_version"]
    suffix = f" (evaluate {' '.join(extra)})" if extra else ""
    print(f"coder {coder}{suffix}\n\n{HEADER}")
    print("\n".join(rows))
    print(f"\n{SPREAD_HEADER}")
    print("\n".join(spreads))
    print()
    print(gap(reports["train_folds_1-4"]["overall"], reports["train_fold_5"]["overall"]))
    fresh_gap = gap(reports["train_folds_1-4"]["overall"], reports["guardian_fresh"]["overall"])
    print(fresh_gap.replace("fold 5", "guardian_fresh"))
    w1, w5 = reports["webnews_fold_1"]["overall"], reports["webnews_fold_5"]["overall"]
    print(gap(w1, w5).replace("guardian_train folds 1–4", "web news fold 1"))
    for name, stem in PROBES:
        p1, p5 = reports[f"{stem}_1"]["overall"], reports[f"{stem}_5"]["overall"]
        print(gap(p1, p5).replace("guardian_train folds 1–4", f"{name} fold 1"))


if __name__ == "__main__":
    main()
