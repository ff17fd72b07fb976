"""guardian_fresh: the Guardian articles no gold set had annotated, coded by the gold guide.

`corpora/guardian_2017_2019.jsonl` holds 201 articles; guardian_train annotates 124 of them
and guardian_dev 26. The other 51 (their first 24 sentences, 1,215 sentences) were coded by
project readers with `gold/CODING_GUIDE.md` (docs/gold/GUARDIAN_FRESH.md). The set is the
same newspaper, years and topics as guardian_train, and no rule was ever written from it.

It is **blind** as a whole (every article in fold 5 of `data/guardian_fresh_folds.tsv`):
`polybius evaluate` scores it and refuses to show its sentences or errors. It is also the
calibration set of the confidence model (`polybius train confidence`): the share of events
that are right on news the rules were not written from is what a confidence must predict.

The repository keeps only each sentence's article, span and events
(`data/guardian_fresh_annotations.jsonl`); `materialise` joins them with the shared articles.
"""

from __future__ import annotations

import json
from pathlib import Path

from polybius.evaluate.span_gold import SpanGoldError, load_rows, write_gold

DATA = Path(__file__).parent / "data"
ANNOTATIONS = DATA / "guardian_fresh_annotations.jsonl"
FOLDS = DATA / "guardian_fresh_folds.tsv"
ARTICLES = Path("corpora") / "guardian_2017_2019.jsonl"


class FreshGoldError(SpanGoldError):
    """Annotations that do not fit the shared Guardian articles."""


def load_annotations(path: Path = ANNOTATIONS) -> list[dict]:
    """The shipped rows: id, article, start, end, events (no text)."""
    return load_rows(path, {"id", "article", "start", "end", "events"}, FreshGoldError)


def materialise(shared: Path, out: Path, annotations: Path = ANNOTATIONS) -> int:
    """Write the gold JSONL with each sentence's text cut from the shared articles (doc: the
    article id, date: its publication date); returns the number of sentences."""
    path = shared / ARTICLES
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise FreshGoldError(
            f"cannot read the Guardian articles {path} ({exc}); "
            "give --shared the folder holding corpora/guardian_2017_2019.jsonl"
        ) from None
    articles = {a["id"]: a for a in (json.loads(line) for line in lines if line.strip())}

    def article(row: dict) -> tuple[str, str, str]:
        found = articles.get(row["article"]) or {}
        return found.get("text") or "", row["article"], (found.get("date") or "")[:10]

    return write_gold(load_annotations(annotations), article, out, str(path), FreshGoldError)
