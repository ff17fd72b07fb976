"""A learned filler for an event's empty side: which actor of the sentence is the missing
source or target (issue 15, item 4b).

The rules find both parties of only part of the events they make: on guardian_train folds
1-4 about one type-matched event in three has its source or its target empty while the gold
names one, and the missing party is most often another actor named in the same sentence
that the syntax rules did not attach ("talks on X", a party in a second clause). For an
event with exactly one side empty, every other actor the sentence names is a candidate; a
logistic regression over the candidate's place in the parse (the dependency path to the
trigger, its preposition, its distance and side of the trigger), the event type and the
side scores it, and the best candidate fills the side when its probability reaches the
threshold chosen by cross-validation. The model is trained by `polybius train sides` and
shipped as `learn/data/sides.json`; the coder's rule `learned_side_filler` applies it, and
`--disable-rule learned_side_filler` switches it off.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from polybius.learn.confidence import sigmoid

log = logging.getLogger(__name__)

SHIPPED = Path(__file__).parent / "data" / "sides.json"
FORMAT = "polybius-sides/1"
SIDES = ("source", "target")
OFF = 1.01  # a threshold no probability reaches: the side is never filled
Options = list[tuple[str, list[str]]]  # (candidate's actor code, its features)


# ------------------------------------------------------------------ features


def dependency_path(trigger, candidate) -> tuple[str, str]:
    """(labels climbed from the candidate to the lowest common ancestor, labels climbed from
    the trigger to it), three and two steps at most; ('none', 'none') across sentences."""
    above = [trigger, *trigger.ancestors]
    depth = {t.i: k for k, t in enumerate(above)}
    up: list[str] = []
    tok = candidate
    while tok.i not in depth and tok.head.i != tok.i:
        up.append(tok.dep_)
        tok = tok.head
    if tok.i not in depth:
        return "none", "none"
    down = [t.dep_ for t in above[: depth[tok.i]]]
    return ">".join(up[:3]) or "self", ">".join(down[:2]) or "self"


def distance_bucket(trigger, candidate) -> str:
    """Before or after the trigger, and how many tokens away."""
    gap = candidate.i - trigger.i
    where = "before" if gap < 0 else "after"
    far = abs(gap)
    return f"{where}:{'1-3' if far <= 3 else '4-8' if far <= 8 else '9+'}"


@dataclass(frozen=True)
class Candidate:
    """One actor of the sentence that could fill an event's empty side."""

    root: object  # spaCy Token heading the actor's mention
    code: str
    kind: str  # how the actor was found: 'dictionary', 'state', 'coref' ...
    has_sector: bool


def side_features(
    trigger, candidate: Candidate, event_type: str, side: str, other_codes: set[str], n: int
) -> list[str]:
    """Binary features of one candidate, each named 'group:detail'."""
    up, down = dependency_path(trigger, candidate.root)
    root = candidate.root
    prep = root.head.lemma_.lower() if root.dep_ == "pobj" else "-"
    return [
        f"side:{side}",
        f"type:{event_type}|{side}",
        f"up:{up}|{side}",
        f"down:{down}|{side}",
        f"path:{up}/{down}|{side}",
        f"prep:{prep}|{side}",
        f"prep_type:{prep}|{event_type}|{side}",
        f"distance:{distance_bucket(trigger, root)}|{side}",
        f"other_side:{candidate.code in other_codes}",
        f"candidates:{min(n, 3)}",
        f"kind:{candidate.kind}|{side}",
        f"sector:{candidate.has_sector}",
    ]


# ------------------------------------------------------------------ the model


@dataclass
class SideModel:
    """Logistic regression weights by feature name and the threshold a fill needs, by side."""

    weights: dict[str, float]
    bias: float
    thresholds: dict[str, float]  # side -> the probability a fill needs
    provenance: dict = field(default_factory=dict)

    def probability(self, features: Sequence[str]) -> float:
        return sigmoid(self.bias + sum(self.weights.get(f, 0.0) for f in features))

    def choose(self, key: tuple, side: str, options: Options) -> tuple[int, float] | None:
        """(index, probability) of the best option if it reaches the threshold, else None.
        `key` names the draft (doc, sentence, token): used by training recorders only."""
        del key
        if not options:
            return None
        probs = [self.probability(features) for _, features in options]
        best = max(range(len(probs)), key=lambda i: (probs[i], -i))
        return (best, probs[best]) if probs[best] >= self.thresholds[side] else None

    def to_json(self) -> str:
        doc = {
            "format": FORMAT,
            "provenance": self.provenance,
            "bias": self.bias,
            "thresholds": self.thresholds,
            "weights": dict(sorted(self.weights.items())),
        }
        return json.dumps(doc, indent=1, ensure_ascii=False) + "\n"

    @classmethod
    def from_json(cls, text: str) -> SideModel:
        doc = json.loads(text)
        if doc.get("format") != FORMAT:
            raise ValueError(f"not a {FORMAT} model (format {doc.get('format')!r})")
        return cls(
            weights={str(k): float(v) for k, v in doc["weights"].items()},
            bias=float(doc["bias"]),
            thresholds={str(k): float(v) for k, v in doc["thresholds"].items()},
            provenance=doc.get("provenance", {}),
        )

    def save(self, path: str | Path) -> None:
        Path(path).write_text(self.to_json(), encoding="utf-8")

    @classmethod
    def load(cls, path: str | Path) -> SideModel:
        return cls.from_json(Path(path).read_text(encoding="utf-8"))


@dataclass
class SideRecorder:
    """Stands in for the model while training: records every choice offered, fills nothing."""

    offered: dict[tuple, tuple[str, Options]] = field(default_factory=dict)

    def choose(self, key: tuple, side: str, options: Options) -> None:
        self.offered[key] = (side, options)
        return None


@lru_cache(maxsize=1)
def shipped_side_model() -> SideModel | None:
    """The packaged model, loaded once per process; None (with a warning) when missing."""
    try:
        return SideModel.load(SHIPPED)
    except (OSError, ValueError, KeyError) as exc:
        log.warning(
            "no usable side model at %s (%s): events keep their empty sides; "
            "rebuild it with `polybius train sides`",
            SHIPPED,
            exc,
        )
        return None
