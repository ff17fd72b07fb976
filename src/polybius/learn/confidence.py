"""A calibrated event confidence: the probability that an event is right at full-event level.

"Right" is the project's full-event match (DESIGN.md, `evaluate/score.py`): the PLOVER type
matches a gold event of the sentence and the source and target code sets intersect the gold
ones. The model is an L2-regularised logistic regression over binary features read from the
event record and its `trace` (which pattern fired, which rules changed the event, how each
actor was found, status, shape), optionally followed by a Platt recalibration of its logit.
It is trained by `polybius train confidence` and shipped as `learn/data/confidence.json`;
the coder loads it once and scores every event with a handful of dictionary look-ups.

Calibration is measured with the expected calibration error over 10 equal-width bins of the
predicted probability (`ece`) and shown as a reliability table (`reliability`).
"""

from __future__ import annotations

import json
import logging
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from polybius.models import Actor, Event

log = logging.getLogger(__name__)

SHIPPED = Path(__file__).parent / "data" / "confidence.json"
FORMAT = "polybius-confidence/1"
GROUPS = ("type", "pattern", "lemma", "rules", "actors", "distance", "status", "shape", "origin")
LOWEST, HIGHEST = 0.01, 0.99  # a rounded probability never claims certainty

_PATTERN = re.compile(r"^pattern:(?P<origin>\S+) (?P<pos>\w+):(?P<lemma>\S+) -> CAMEO")
_INFERRED_SECTOR = re.compile(r"^[A-Z]{3} of the (story|sentence)'s state$")


# ------------------------------------------------------------------ features


def pattern_parts(trace: Sequence[str]) -> tuple[str, str, str]:
    """(pattern file stem or 'rule', part of speech, lemma) from the event's pattern line."""
    for line in trace:
        m = _PATTERN.match(line)
        if m:
            origin = m["origin"]
            stem = "rule" if origin.startswith("rule:") else Path(origin.split(":")[0]).stem
            return stem, m["pos"], m["lemma"].lower()
    return "none", "none", "none"


def rule_names(trace: Sequence[str]) -> list[str]:
    """Names of the rules that changed the event, in trace order (each once)."""
    names = [line[5:].split()[0] for line in trace if line.startswith("rule:") and len(line) > 5]
    return list(dict.fromkeys(names))


def actor_kind(rule: str) -> str:
    """How an actor was found, without the name: 'state', 'coref', 'sector of story state'..."""
    if not rule:
        return "dictionary"
    if ":" in rule:
        return rule.split(":", 1)[0]
    m = _INFERRED_SECTOR.match(rule)
    if m:
        return f"sector of {m[1]} state"
    return rule.lower()


def count_bucket(n: int) -> str:
    return "0" if n == 0 else "1" if n == 1 else "2+"


def distance_bucket(event: Event, actors: Sequence[Actor]) -> str:
    """Characters between the trigger and the nearest actor span of one role."""
    spans = [(a.start, a.end) for a in actors if a.start >= 0]
    if not spans:
        return "none"
    gaps = [max(0, s - event.trigger_end, event.trigger_start - e) for s, e in spans]
    gap = min(gaps)
    return "0-19" if gap < 20 else "20-59" if gap < 60 else "60+"


def length_bucket(text: str) -> str:
    words = len(text.split())
    return "<15" if words < 15 else "15-29" if words < 30 else "30-44" if words < 45 else "45+"


def frequency_bucket(n: int) -> str:
    return "0" if n == 0 else "1-4" if n < 5 else "5-19" if n < 20 else "20+"


def _actor_features(role: str, actors: Sequence[Actor]) -> list[str]:
    out = [f"actors:{role}s={count_bucket(len(actors))}"]
    for a in actors:
        out.append(f"actors:{role}={actor_kind(a.rule)}")
        if "+sector:" in a.rule or (a.sector and ":" not in a.rule):
            out.append(f"actors:{role}_sector")
    return out


def event_features(
    event: Event,
    lemma_counts: Mapping[str, int],
    ignored_rules: Iterable[str] = (),
) -> list[str]:
    """The event's binary features, each named 'group:detail' (groups: GROUPS).

    `lemma_counts` (trigger lemma -> events in the training data) gives the lemma frequency
    bucket; `ignored_rules` are rules applied after the confidence is computed (merge rules),
    left out so training sees what the coder sees when it scores an event."""
    stem, pos, lemma = pattern_parts(event.trace)
    ignored = set(ignored_rules)
    feats = [
        f"type:{event.plover_type}",
        f"pattern:file={stem}",
        f"pattern:pos={pos}",
        f"pattern:lemma_freq={frequency_bucket(lemma_counts.get(lemma, 0))}",
        f"lemma:{lemma}",
        f"status:{event.status}",
        f"shape:words={length_bucket(event.sentence_text)}",
        f"distance:source={distance_bucket(event, event.sources)}",
        f"distance:target={distance_bucket(event, event.targets)}",
    ]
    if stem.upper() != event.plover_type and stem != "rule":
        feats.append("pattern:retyped")
    feats += [f"rules:{name}" for name in rule_names(event.trace) if name not in ignored]
    feats += _actor_features("source", event.sources) + _actor_features("target", event.targets)
    if set(event.source_codes) & set(event.target_codes):
        feats.append("actors:self_loop")
    for flag, on in (("reciprocal", event.reciprocal), ("negated", event.negated)):
        if on:
            feats.append(f"status:{flag}")
    if event.attributed_to:
        feats.append("status:attributed")
    return list(dict.fromkeys(feats))


def in_groups(name: str, groups: Iterable[str]) -> bool:
    return name.split(":", 1)[0] in set(groups)


# ------------------------------------------------------------------ the model


@dataclass
class ConfidenceModel:
    """Logistic regression weights by feature name, plus what feature extraction needs."""

    weights: dict[str, float]
    bias: float
    lemma_counts: dict[str, int] = field(default_factory=dict)
    ignored_rules: tuple[str, ...] = ()
    platt: tuple[float, float] | None = None  # p = sigmoid(a * logit + b)
    provenance: dict = field(default_factory=dict)

    def logit(self, features: Iterable[str]) -> float:
        z = self.bias + sum(self.weights.get(f, 0.0) for f in features)
        if self.platt is not None:
            z = self.platt[0] * z + self.platt[1]
        return z

    def probability(self, features: Iterable[str]) -> float:
        return sigmoid(self.logit(features))

    def features(self, event: Event) -> list[str]:
        return event_features(event, self.lemma_counts, self.ignored_rules)

    def event_confidence(self, event: Event) -> float:
        """The probability the event is right, rounded to 2 decimals, within (0, 1)."""
        p = self.probability(self.features(event))
        return round(min(max(p, LOWEST), HIGHEST), 2)

    def to_json(self) -> str:
        doc = {
            "format": FORMAT,
            "provenance": self.provenance,
            "bias": self.bias,
            "platt": list(self.platt) if self.platt is not None else None,
            "ignored_rules": list(self.ignored_rules),
            "weights": dict(sorted(self.weights.items())),
            "lemma_counts": dict(sorted(self.lemma_counts.items())),
        }
        return json.dumps(doc, indent=1, ensure_ascii=False) + "\n"

    @classmethod
    def from_json(cls, text: str) -> ConfidenceModel:
        doc = json.loads(text)
        if doc.get("format") != FORMAT:
            raise ValueError(f"not a {FORMAT} model (format {doc.get('format')!r})")
        platt = doc.get("platt")
        return cls(
            weights={str(k): float(v) for k, v in doc["weights"].items()},
            bias=float(doc["bias"]),
            lemma_counts={str(k): int(v) for k, v in doc.get("lemma_counts", {}).items()},
            ignored_rules=tuple(doc.get("ignored_rules", ())),
            platt=(float(platt[0]), float(platt[1])) if platt else None,
            provenance=doc.get("provenance", {}),
        )

    def save(self, path: str | Path) -> None:
        Path(path).write_text(self.to_json(), encoding="utf-8")

    @classmethod
    def load(cls, path: str | Path) -> ConfidenceModel:
        return cls.from_json(Path(path).read_text(encoding="utf-8"))


def sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


@lru_cache(maxsize=1)
def shipped_model() -> ConfidenceModel | None:
    """The packaged model, loaded once per process; None (with a warning) when missing."""
    try:
        return ConfidenceModel.load(SHIPPED)
    except (OSError, ValueError, KeyError) as exc:
        log.warning(
            "no usable confidence model at %s (%s): falling back to the hand-set score; "
            "rebuild it with `polybius train confidence`",
            SHIPPED,
            exc,
        )
        return None


# ------------------------------------------------------------------ fitting


@dataclass(frozen=True)
class Settings:
    """What cross-validation chooses: regularisation, feature groups, vocabulary cut-off."""

    l2: float = 1.0
    groups: tuple[str, ...] = GROUPS
    min_count: int = 3  # a feature seen in fewer training events is left out
    platt: bool = False  # recalibrate the logit on inner cross-validated predictions

    def as_dict(self) -> dict:
        return {
            "l2": self.l2,
            "groups": list(self.groups),
            "min_count": self.min_count,
            "platt": self.platt,
        }


def fit_logistic(x, y, l2: float, iterations: int = 100) -> tuple:
    """Newton's method for L2-regularised logistic regression (the bias is not penalised).

    x: (n, d) 0/1 array, y: (n,) 0/1 array. Returns (weights (d,), bias). Deterministic: plain
    Newton steps (the problem is convex) until the largest step is below 1e-10."""
    import numpy as np

    n, d = x.shape
    xb = np.hstack([x, np.ones((n, 1))])
    theta = np.zeros(d + 1)
    penalty = np.full(d + 1, l2)
    penalty[-1] = 1e-6  # keeps the Hessian invertible when a class is absent
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-(xb @ theta)))
        grad = xb.T @ (p - y) + penalty * theta
        hess = (xb * (p * (1 - p))[:, None]).T @ xb + np.diag(penalty)
        step = np.linalg.solve(hess, grad)
        theta -= step
        if float(np.max(np.abs(step))) < 1e-10:
            break
    return theta[:-1], float(theta[-1])


def vocabulary(feature_lists: Sequence[Sequence[str]], settings: Settings) -> list[str]:
    counts = Counter(f for fs in feature_lists for f in fs if in_groups(f, settings.groups))
    return sorted(f for f, n in counts.items() if n >= settings.min_count)


def design(feature_lists: Sequence[Sequence[str]], names: Sequence[str]):
    import numpy as np

    index = {f: i for i, f in enumerate(names)}
    x = np.zeros((len(feature_lists), len(names)))
    for row, fs in enumerate(feature_lists):
        for f in fs:
            if f in index:
                x[row, index[f]] = 1.0
    return x


def lemma_counts_of(events: Sequence[Event]) -> dict[str, int]:
    return dict(sorted(Counter(pattern_parts(e.trace)[2] for e in events).items()))


def fit_weights(
    feature_lists: Sequence[Sequence[str]], labels: Sequence[int], settings: Settings
) -> tuple[dict[str, float], float]:
    """Weights by feature name (rounded to 6 decimals, so the JSON is stable) and the bias."""
    import numpy as np

    names = vocabulary(feature_lists, settings)
    w, b = fit_logistic(design(feature_lists, names), np.asarray(labels, float), settings.l2)
    return {n: round(float(v), 6) for n, v in zip(names, w, strict=True)}, round(b, 6)


def fit_platt(logits: Sequence[float], labels: Sequence[int]) -> tuple[float, float]:
    """(a, b) of sigmoid(a * logit + b) fitted on held-out logits (lightly regularised)."""
    import numpy as np

    x = np.asarray(logits, float)[:, None]
    w, b = fit_logistic(x, np.asarray(labels, float), l2=1e-3)
    return round(float(w[0]), 6), round(b, 6)


# ------------------------------------------------------------------ calibration measures


@dataclass(frozen=True)
class Bin:
    low: float
    high: float
    count: int
    mean_predicted: float
    observed: float


def reliability(probs: Sequence[float], labels: Sequence[int], bins: int = 10) -> list[Bin]:
    """Equal-width bins of the predicted probability: count, mean prediction, observed rate."""
    sums = [[0, 0.0, 0] for _ in range(bins)]
    for p, y in zip(probs, labels, strict=True):
        k = min(int(p * bins), bins - 1)
        sums[k][0] += 1
        sums[k][1] += p
        sums[k][2] += int(y)
    return [
        Bin(k / bins, (k + 1) / bins, n, s / n if n else 0.0, pos / n if n else 0.0)
        for k, (n, s, pos) in enumerate(sums)
    ]


def ece(probs: Sequence[float], labels: Sequence[int], bins: int = 10) -> float:
    """Expected calibration error: bin-weighted mean |observed rate - mean prediction|."""
    n = len(probs)
    if n == 0:
        return 0.0
    table = reliability(probs, labels, bins)
    return sum(b.count * abs(b.observed - b.mean_predicted) for b in table) / n


def log_loss(probs: Sequence[float], labels: Sequence[int]) -> float:
    eps = 1e-12
    total = sum(
        -math.log(max(p, eps)) if y else -math.log(max(1 - p, eps))
        for p, y in zip(probs, labels, strict=True)
    )
    return total / len(probs) if probs else 0.0


def format_table(table: Sequence[Bin]) -> str:
    """The reliability table as Markdown rows (for ACCURACY.md)."""
    rows = ["| bin | events | mean predicted | observed |", "|---|---|---|---|"]
    for b in table:
        pred = f"{b.mean_predicted:.3f}" if b.count else "–"
        obs = f"{b.observed:.3f}" if b.count else "–"
        rows.append(f"| {b.low:.1f}–{b.high:.1f} | {b.count} | {pred} | {obs} |")
    return "\n".join(rows)
