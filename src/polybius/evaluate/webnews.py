"""The web-news gold: general news web pages coded by the gold guide, stored without their text.

The Guardian sets are international news; the news an analyst also feeds the coder (domestic
politics, courts, police, companies and governments) reads differently. This gold annotates
the first sentences (up to 25) of every English page of `corpora/news_html` (the article
bodies of its `ground-truth.json`) by `gold/CODING_GUIDE.md`, read by independent readers who
never saw the coder's output (docs/gold/WEBNEWS_GOLD.md).

The repository keeps only each sentence's page, character span in the page's article body
and its events (`data/webnews_annotations.jsonl`); `materialise` joins them with the shared
bodies into an ordinary gold JSONL, which `polybius evaluate` scores. Pages are in two folds
(`data/webnews_folds.tsv`): fold 1 is read, fold 5 is blind like guardian_train's fold 5.
"""

from __future__ import annotations

import json
from pathlib import Path

from polybius.evaluate.folds import BLIND_FOLDS, load_folds
from polybius.evaluate.span_gold import SpanGoldError, load_rows, write_gold

DATA = Path(__file__).parent / "data"
ANNOTATIONS = DATA / "webnews_annotations.jsonl"
FOLDS = DATA / "webnews_folds.tsv"
BODIES = Path("corpora") / "news_html" / "ground-truth.json"


class WebnewsGoldError(SpanGoldError):
    """Annotations that do not fit the shared article bodies."""


def load_annotations(path: Path = ANNOTATIONS) -> list[dict]:
    """The shipped rows: id, page, start, end, events (no text)."""
    return load_rows(path, {"id", "page", "start", "end", "events"}, WebnewsGoldError)


def materialise(shared: Path, out: Path, annotations: Path = ANNOTATIONS) -> int:
    """Write the gold JSONL with each sentence's text cut from the shared bodies; returns
    the number of sentences. The document of a sentence is its page (`w` + 8 hex digits),
    as the folds file names it."""
    bodies_path = shared / BODIES
    try:
        bodies = json.loads(bodies_path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise WebnewsGoldError(
            f"cannot read the article bodies {bodies_path} ({exc}); "
            "give --shared the folder holding corpora/news_html"
        ) from None

    def page(row: dict) -> tuple[str, str, str]:
        body = (bodies.get(row["page"]) or {}).get("articleBody") or ""
        return body, document_of(row["page"]), ""

    rows = load_annotations(annotations)
    return write_gold(rows, page, out, str(bodies_path), WebnewsGoldError)


def document_of(page: str) -> str:
    """The document id of a page (its hash's first 8 hex digits, prefixed)."""
    return "w" + page[:8]


def blind_pages(folds_file: Path = FOLDS) -> set[str]:
    """The document ids (`w` + 8 hex digits) of the blind fold's pages (fold 5): never read,
    never mined for coverage."""
    return {doc for doc, fold in load_folds(folds_file).items() if fold in BLIND_FOLDS}
