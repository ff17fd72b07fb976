"""Calibration of the learned event confidence (issue 15, item 4a), for ACCURACY.md.

    .venv/bin/python bench/calibration.py [--shared ../shared/data] [--grid] [--no-blind]

Prints, as Markdown:
  0. guardian_fresh (evaluate/guardian_spans.py: Guardian articles no rule was written from),
     cross-validated by article: the calibration on news like a user's, the figure the
     settings are judged by (reliability table, ECE, log-loss);
  1. guardian_train folds 1-4, cross-validated with the shipped settings (each fold scored by
     a model trained on the other three folds + the extra sets): reliability table, ECE over
     10 equal-width bins, log-loss, and the log-loss of a constant base-rate guess;
  2. with --grid, the settings grid cross-validation chose from (extra sets, L2, Platt,
     vocabulary cut-off, one feature group left out at a time);
  3. guardian_dev (the dev set the rules were first grown on; not used for training), scored
     by the shipped model: a check of how calibration carries to news of another mix;
  4. guardian_train fold 5 (BLIND), scored by the shipped model as `polybius code` scores
     events: aggregate figures only (ECE, log-loss, the reliability table of bin counts,
     mean prediction and observed rate). Nothing about a single sentence or event of the
     blind fold is printed or written, and an error while coding it is reported without its
     message. Do not tune anything after reading it.
"""

from __future__ import annotations

import argparse
import math
import random
from dataclasses import replace
from pathlib import Path

from polybius.commands.train import (
    CHOSEN,
    CHOSEN_EXTRAS,
    EXTRA_SETS,
    TRAIN_FOLDS,
    cross_validate,
    cross_validate_fresh,
    cv_figures,
    label_sentences,
    labelled_data,
)
from polybius.learn.confidence import (
    GROUPS,
    ConfidenceModel,
    Settings,
    ece,
    format_table,
    log_loss,
    reliability,
    shipped_model,
)

DEFAULT_SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"


def base_rate_log_loss(labels: list[int]) -> float:
    """Log-loss of always predicting the observed rate: the bar a useful model must clear."""
    p = sum(labels) / len(labels)
    return -(p * math.log(p) + (1 - p) * math.log(1 - p)) if 0 < p < 1 else 0.0


def summary(name: str, probs: list[float], labels: list[int]) -> str:
    return (
        f"**{name}**: {len(labels)} events, {sum(labels)} right in full "
        f"(observed {sum(labels) / len(labels):.3f}, mean predicted "
        f"{sum(probs) / len(probs):.3f}); ECE {ece(probs, labels):.4f}, log-loss "
        f"{log_loss(probs, labels):.4f} (base-rate guess {base_rate_log_loss(labels):.4f})"
    )


def noise_floor(cv_probs: list[float], n: int, trials: int = 2000) -> tuple[float, float]:
    """(mean, 90th percentile) ECE of a perfectly calibrated model on n events: labels drawn
    from the cross-validated probabilities themselves (fixed seed). ECE on a small set is
    mostly sampling noise; this says how much."""
    rng = random.Random(0)
    sims = []
    for _ in range(trials):
        p = [rng.choice(cv_probs) for _ in range(n)]
        sims.append(ece(p, [int(rng.random() < q) for q in p]))
    sims.sort()
    return sum(sims) / trials, sims[int(0.9 * trials)]


def per_fold(data, probs: list[float], labels: list[int]) -> str:
    """ECE of each held-out fold (cross_validate returns the folds in order)."""
    cells, start = [], 0
    for k in TRAIN_FOLDS:
        n = sum(1 for d in data if d.fold == k)
        cells.append(
            f"fold {k} ({n} events) {ece(probs[start : start + n], labels[start : start + n]):.4f}"
        )
        start += n
    return "per-fold ECE: " + ", ".join(cells)


def grid(data) -> None:
    """The cross-validated grid the shipped settings were chosen from (log-loss first)."""
    print("\n| extra sets | L2 | min count | Platt | groups left out | CV ECE | CV log-loss |")
    print("|---|---|---|---|---|---|---|")
    options = [(), ("synthetic_train",), ("gsr_dev",), ("gsr_dev", "synthetic_train")]
    settings = [
        Settings(l2=l2, min_count=3, platt=platt)
        for l2 in (0.3, 1.0, 3.0, 10.0)
        for platt in (0, 1)
    ]
    runs = [(extras, s) for extras in options for s in settings]
    runs += [(CHOSEN_EXTRAS, replace(CHOSEN, min_count=m)) for m in (2, 5)]
    runs += [
        (CHOSEN_EXTRAS, replace(CHOSEN, groups=tuple(g for g in GROUPS if g != left)))
        for left in GROUPS
    ]
    for extras, s in runs:
        subset = [d for d in data if d.source == "guardian_train" or d.source in extras]
        cv = cv_figures(*cross_validate(subset, s))
        left = ",".join(g for g in GROUPS if g not in s.groups) or "–"
        print(
            f"| {'+'.join(extras) or '–'} | {s.l2:g} | {s.min_count} | {'yes' if s.platt else 'no'}"
            f" | {left} | {cv['ece']:.4f} | {cv['log_loss']:.4f} |"
        )


def scored_by_model(path: Path, model: ConfidenceModel) -> tuple[list[float], list[int]]:
    """(confidences, labels) of every event the coder makes on a gold file."""
    from polybius.coding.coder import Coder
    from polybius.evaluate.gold import load_gold

    rows = label_sentences(load_gold(path), Coder())
    return [model.event_confidence(e) for _, e, _ in rows], [y for _, _, y in rows]


def blind_fold(shared: Path, model: ConfidenceModel) -> tuple[list[float], list[int]]:
    """(confidences, labels) of the blind fold's events, kept in memory only."""
    from polybius.coding.coder import Coder
    from polybius.evaluate.folds import select
    from polybius.evaluate.gold import load_gold

    path = shared / "gold" / "guardian_train.jsonl"
    failure = ""
    try:
        sentences = select(load_gold(path), (5,), gold_name=path.name).sentences
        rows = label_sentences(sentences, Coder())
    except Exception as exc:  # its message could quote a blind sentence: drop it
        failure = type(exc).__name__
    if failure:
        raise SystemExit(f"coding the blind fold failed ({failure}; message withheld)")
    return [model.event_confidence(e) for _, e, _ in rows], [y for _, _, y in rows]


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    ap.add_argument("--grid", action="store_true", help="Also print the settings grid.")
    ap.add_argument("--no-blind", action="store_true", help="Skip the blind fold 5.")
    args = ap.parse_args()
    model = shipped_model()
    if model is None:
        raise SystemExit("no shipped confidence model: run `polybius train confidence` first")
    data = labelled_data(args.shared, tuple(sorted(EXTRA_SETS)))
    chosen = [d for d in data if d.source == "guardian_train" or d.source in CHOSEN_EXTRAS]
    fresh_probs, fresh_labels = cross_validate_fresh(chosen, CHOSEN)
    if fresh_labels:
        print(summary("guardian_fresh, cross-validated by article", fresh_probs, fresh_labels))
        print("\n" + format_table(reliability(fresh_probs, fresh_labels)) + "\n")
        mean, p90 = noise_floor(fresh_probs, len(fresh_labels))
        print(
            f"perfectly calibrated model, {len(fresh_labels)} events: ECE mean {mean:.4f}, "
            f"90th pct {p90:.4f}\n"
        )
    probs, labels = cross_validate(chosen, CHOSEN)
    print(f"settings: {CHOSEN.as_dict()}, extra sets: {', '.join(CHOSEN_EXTRAS) or 'none'}\n")
    print(summary("guardian_train folds 1–4, cross-validated", probs, labels) + "\n")
    print(format_table(reliability(probs, labels)))
    print("\n" + per_fold(chosen, probs, labels))
    cv_probs = probs
    for n in (len(labels) // len(TRAIN_FOLDS), len(labels)):
        mean, p90 = noise_floor(cv_probs, n)
        print(f"perfectly calibrated model, {n} events: ECE mean {mean:.4f}, 90th pct {p90:.4f}")
    if args.grid:
        grid(data)
    probs, labels = scored_by_model(args.shared / "gold" / "guardian_dev.jsonl", model)
    print("\n" + summary("guardian_dev, shipped model", probs, labels))
    print("\n" + format_table(reliability(probs, labels)))
    if not args.no_blind:
        probs, labels = blind_fold(args.shared, model)
        print("\n" + summary("guardian_train fold 5 (blind), shipped model", probs, labels))
        print("\n" + format_table(reliability(probs, labels)))
        mean, p90 = noise_floor(cv_probs, len(labels))
        print(
            f"\nECE of a perfectly calibrated model on {len(labels)} events (from the folds 1–4 "
            f"predictions): mean {mean:.4f}, 90th pct {p90:.4f}"
        )


if __name__ == "__main__":
    main()
