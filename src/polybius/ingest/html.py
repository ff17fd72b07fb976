"""Article extraction from web pages with trafilatura (title, date, body; boilerplate dropped)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date

from polybius.ingest.dates import parse_date
from polybius.ingest.text import clean_text

# trafilatura logs every page it finds no body in; the store records that instead.
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)


@dataclass
class Page:
    text: str
    title: str | None = None
    url: str | None = None
    sitename: str | None = None
    published: date | None = None


# A page whose fast extraction is shorter than this is extracted again with trafilatura's
# fallback extractors (justext, readability). On the 181 benchmark pages this keeps or improves
# body F1 (0.952 -> 0.956) at about 80 % of the CPU time of always running the fallbacks.
MIN_FAST_CHARS = 300


def extract_html(html: str, url: str | None = None) -> Page:
    """Main article text and metadata; comments, link lists and tables are dropped."""
    result = _extract(html, url, fast=True)
    if len(_body(result)) < MIN_FAST_CHARS:
        result = _extract(html, url, fast=False)
    if result is None:
        return Page(text="")
    meta = _meta(result)
    text = clean_text(meta.get("text") or "")
    title = (meta.get("title") or "").strip() or None
    if title and text.startswith(title):
        text = text[len(title) :].lstrip()
    return Page(
        text=text,
        title=title,
        url=meta.get("url") or url,
        sitename=meta.get("sitename") or meta.get("hostname"),
        published=parse_date(meta.get("date")),
    )


def _extract(html: str, url: str | None, fast: bool):
    import trafilatura

    return trafilatura.bare_extraction(
        html,
        url=url,
        fast=fast,
        with_metadata=True,
        include_comments=False,
        include_links=False,
        include_tables=False,
        include_images=False,
        favor_precision=True,
        date_extraction_params={"extensive_search": True, "original_date": True},
    )


def _meta(result) -> dict:
    return result.as_dict() if hasattr(result, "as_dict") else dict(result)


def _body(result) -> str:
    return (_meta(result).get("text") or "") if result is not None else ""
