"""Guardian sentences the project's readers coded by the gold guide, kept without their text.

`corpora/guardian_2017_2019.jsonl` holds 201 articles; guardian_train annotates the first 24
sentences of 124 of them and guardian_dev the lead sentences of 26. Two more sets were coded
by project readers with `gold/CODING_GUIDE.md` (docs/gold/GUARDIAN_SPANS.md):

- guardian_fresh (`FRESH`): the first 24 sentences (and the next up to 16) of the 51
  articles no gold set had annotated. No rule was ever written from it. It is **blind** as a
  whole (every article in fold 5 of `data/guardian_fresh_folds.tsv`): `polybius evaluate`
  scores it and refuses to show its sentences or errors. It is also the calibration set of
  the confidence model (`polybius train confidence`): how often events are right on news the
  rules were not written from is what a confidence must predict.
- guardian_later (`LATER`): the sentences after the annotated ones (up to 16) of the
  articles of guardian_train's read folds 1-4 and of guardian_dev. A read set, like them.

The repository keeps only each sentence's article, span and events (`data/*_annotations.jsonl`,
triggers as spans); `materialise` joins them with the shared articles.
"""

from __future__ import annotations

import json
from pathlib import Path

from polybius.evaluate.span_gold import SpanGoldError, load_rows, write_gold

DATA = Path(__file__).parent / "data"
FRESH = DATA / "guardian_fresh_annotations.jsonl"
FRESH_FOLDS = DATA / "guardian_fresh_folds.tsv"
LATER = DATA / "guardian_later_annotations.jsonl"
SETS = {"guardian_fresh": FRESH, "guardian_later": LATER}  # set name -> its annotations
ARTICLES = Path("corpora") / "guardian_2017_2019.jsonl"


class GuardianGoldError(SpanGoldError):
    """Annotations that do not fit the shared Guardian articles."""


def load_annotations(path: Path = FRESH) -> list[dict]:
    """The shipped rows: id, article, start, end, events (no text)."""
    return load_rows(path, {"id", "article", "start", "end", "events"}, GuardianGoldError)


def materialise(shared: Path, out: Path, annotations: Path = FRESH) -> int:
    """Write the gold JSONL with each sentence's text cut from the shared articles (doc: the
    article id, date: its publication date); returns the number of sentences."""
    path = shared / ARTICLES
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise GuardianGoldError(
            f"cannot read the Guardian articles {path} ({exc}); "
            "give --shared the folder holding corpora/guardian_2017_2019.jsonl"
        ) from None
    articles = {a["id"]: a for a in (json.loads(line) for line in lines if line.strip())}

    def article(row: dict) -> tuple[str, str, str]:
        found = articles.get(row["article"]) or {}
        return found.get("text") or "", row["article"], (found.get("date") or "")[:10]

    return write_gold(load_annotations(annotations), article, out, str(path), GuardianGoldError)


def load_set(shared: Path, annotations: Path = FRESH) -> list:
    """The set's gold sentences (GoldSentence), cut from the shared articles through a
    temporary file that is gone when this returns."""
    import tempfile

    from polybius.evaluate.gold import load_gold

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / annotations.name
        materialise(shared, path, annotations)
        return load_gold(path)
