"""Exact and near-duplicate documents: syndicated copies, reposts, content-farm rewrites.

A document's *shingles* are the overlapping 5-word sequences of its cleaned text (lowercased,
punctuation removed). Two documents are

- exact duplicates when their normalised texts are equal (same words in the same order,
  whatever the case, punctuation and spacing; byte-identical texts are stored only once
  anyway), and
- near duplicates when the Jaccard similarity of their shingle sets is at least
  `NEAR_DUPLICATE_JACCARD` (0.5). Inserting a few boilerplate paragraphs or changing a
  few words keeps a copy well above it; distinct articles on the same story share few
  5-word sequences and stay far below.

Candidates are found with MinHash and banded locality-sensitive hashing: each shingle is hashed
to 64 bits (BLAKE2b), each of the `NUM_PERM` hash functions is a multiply-add modulo 2^64 whose
top 32 bits are kept, and the signature is the minimum of each over the shingles (the chance
that two documents agree on one value is their Jaccard similarity). Documents that agree on all
`BAND_ROWS` values of any of the `BANDS` bands are candidates: a pair at Jaccard 0.5 becomes one
with probability 1 - (1 - 0.5^3)^42 = 0.996, a pair at 0.1 with 0.04. Every candidate is then
checked with the exact Jaccard similarity of the two shingle sets, so hashing only decides what
is compared.

The signature (a `Fingerprint`) needs only the document's text, so the coding workers compute
it and the writer process only looks it up in the index.

Documents are checked in the order they were stored: the first stored document is the
original, and every later copy points to it (`duplicate_of` is always the original, never
another copy). Checking new documents against the stored ones therefore gives the same
links as checking everything again from scratch.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import islice

import numpy as np

SHINGLE_WORDS = 5
NUM_PERM = 128
BANDS, BAND_ROWS = 42, 3  # 126 of the 128 values take part in the bands
NEAR_DUPLICATE_JACCARD = 0.5
# stored with the signatures: a store whose signatures were made another way recomputes them
SIGNATURE_SCHEME = "blake2b64-multiply-add-top32-v1"

_WORD = re.compile(r"\w+", re.UNICODE)
_EMPTY = np.iinfo(np.uint32).max


def _parameters(name: str) -> np.ndarray:
    """NUM_PERM odd 64-bit multipliers or offsets, derived from fixed strings (no RNG stream
    whose values could change between numpy versions)."""
    values = [
        int.from_bytes(
            hashlib.blake2b(f"polybius:{name}:{k}".encode(), digest_size=8).digest(), "little"
        )
        | 1
        for k in range(NUM_PERM)
    ]
    return np.array(values, dtype=np.uint64)


_MULTIPLIERS = _parameters("a")
_OFFSETS = _parameters("b")


def words(text: str) -> list[str]:
    """The lowercased words of a text, punctuation and spacing dropped."""
    return _WORD.findall(text.lower())


def text_key(text: str) -> str:
    """Hash of the normalised text: equal for exact duplicates."""
    return _key_of(words(text))


def _key_of(ws: list[str]) -> str:
    return hashlib.sha1(" ".join(ws).encode("utf-8")).hexdigest()


def shingles(text: str) -> set[str]:
    """The set of overlapping `SHINGLE_WORDS`-word sequences (the whole text if shorter)."""
    return _shingles_of(words(text))


def _shingles_of(ws: list[str]) -> set[str]:
    if len(ws) <= SHINGLE_WORDS:
        return {" ".join(ws)} if ws else set()
    return {" ".join(ws[i : i + SHINGLE_WORDS]) for i in range(len(ws) - SHINGLE_WORDS + 1)}


def jaccard(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def signature(shingle_set: Iterable[str]) -> np.ndarray:
    """The MinHash signature of a set of shingles: NUM_PERM unsigned 32-bit values."""
    digests = b"".join(
        hashlib.blake2b(s.encode("utf-8"), digest_size=8).digest() for s in shingle_set
    )
    if not digests:
        return np.full(NUM_PERM, _EMPTY, dtype=np.uint32)
    hashes = np.frombuffer(digests, dtype="<u8").reshape(-1, 1)
    permuted = hashes * _MULTIPLIERS + _OFFSETS  # wraps modulo 2^64, as intended
    return (permuted.min(axis=0) >> np.uint64(32)).astype(np.uint32)


def estimated_jaccard(a: bytes, b: bytes) -> float:
    """The share of signature values two documents agree on: an estimate of their Jaccard."""
    return float(np.mean(_values(a) == _values(b)))


def _values(data: bytes) -> np.ndarray:
    return np.frombuffer(data, dtype="<u4")


@dataclass(frozen=True)
class Fingerprint:
    """What duplicate checking needs of a document's text, computed where the text is coded."""

    text_key: str
    n_shingles: int
    signature: bytes  # NUM_PERM little-endian uint32


def fingerprint(text: str) -> Fingerprint:
    """Key, distinct-shingle count and MinHash signature of a text, in memory that does not
    grow with the text beyond its shingles' 8-byte digests (a 10 MB document would need
    gigabytes for the shingle strings and the digests-by-permutations matrix at once).

    The words are taken _BLOCK at a time, each block with the last SHINGLE_WORDS - 1 words of
    the one before: the same key (SHA-1 is fed the same bytes) and the same shingles as
    word by word, with the per-word work done by C loops."""
    key = hashlib.sha1()
    matches = _WORD.finditer(text.lower())
    digests: list[np.ndarray] = []
    tail: list[str] = []  # the previous block's last words, which start its last shingles
    count = 0
    while block := list(map(re.Match.group, islice(matches, _BLOCK))):
        key.update(((" " if count else "") + " ".join(block)).encode("utf-8"))
        count += len(block)
        run = tail + block
        last = len(run) - SHINGLE_WORDS + 1
        shingles = (" ".join(run[i : i + SHINGLE_WORDS]) for i in range(last))
        if count < SHINGLE_WORDS:  # fewer words in all than a shingle: the text is one
            shingles = iter([" ".join(run)])
        digests.append(np.frombuffer(b"".join(map(_digest, shingles)), dtype="<u8"))
        tail = run[-(SHINGLE_WORDS - 1) :]
    digests.append(np.zeros(0, dtype="<u8"))
    unique = np.unique(np.concatenate(digests))
    return Fingerprint(key.hexdigest(), len(unique), _minhash(unique).astype("<u4").tobytes())


_BLOCK = 4096  # words per block of the fingerprint, digests per block of the MinHash


def _digest(shingle: str) -> bytes:
    return hashlib.blake2b(shingle.encode("utf-8"), digest_size=8).digest()


def _minhash(hashes: np.ndarray) -> np.ndarray:
    """`signature` of shingles given by their digests, a block at a time."""
    if not len(hashes):
        return np.full(NUM_PERM, _EMPTY, dtype=np.uint32)
    low = np.full(NUM_PERM, np.iinfo(np.uint64).max, dtype=np.uint64)
    for i in range(0, len(hashes), _BLOCK):
        permuted = hashes[i : i + _BLOCK].reshape(-1, 1) * _MULTIPLIERS + _OFFSETS
        np.minimum(low, permuted.min(axis=0), out=low)
    return (low >> np.uint64(32)).astype(np.uint32)


@dataclass
class Signature:
    """What is stored per document (table document_minhash) to check later documents."""

    doc_id: str
    text_key: str
    n_shingles: int
    signature: bytes


class LshBands:
    """Banded LSH: doc ids bucketed by each band of their signature."""

    def __init__(self) -> None:
        self.tables: list[dict[bytes, list[str]]] = [{} for _ in range(BANDS)]
        self.ids: set[str] = set()

    @staticmethod
    def _keys(data: bytes) -> list[bytes]:
        width = BAND_ROWS * 4
        return [data[i * width : (i + 1) * width] for i in range(BANDS)]

    def insert(self, doc_id: str, data: bytes) -> None:
        if doc_id in self.ids:
            return
        self.ids.add(doc_id)
        for table, key in zip(self.tables, self._keys(data), strict=True):
            table.setdefault(key, []).append(doc_id)

    def query(self, data: bytes) -> set[str]:
        found: set[str] = set()
        for table, key in zip(self.tables, self._keys(data), strict=True):
            found.update(table.get(key, ()))
        return found


class DuplicateIndex:
    """Stored documents' signatures; finds the original of a new document.

    `load_text(doc_ids)` returns the stored texts of documents (for the exact Jaccard check of
    candidates); `originals` maps each known duplicate to its original.
    """

    def __init__(self, load_text: Callable[[list[str]], dict[str, str]]):
        self.bands = LshBands()
        self.by_key: dict[str, str] = {}  # normalised-text hash -> first document with it
        self.originals: dict[str, str] = {}  # duplicate doc_id -> original doc_id
        self.load_text = load_text

    def add_stored(self, sig: Signature, duplicate_of: str | None) -> None:
        """Add a document that is already in the store (its link already decided)."""
        if duplicate_of:
            self.originals[sig.doc_id] = duplicate_of
        self.by_key.setdefault(sig.text_key, sig.doc_id)
        self.bands.insert(sig.doc_id, sig.signature)

    def check(
        self, doc_id: str, text: str | None = None, known: Fingerprint | None = None
    ) -> tuple[str | None, Signature]:
        """The original this document duplicates (or None), and its signature; the document
        is added to the index so that later documents are checked against it too.

        Give the text, or the fingerprint computed earlier (the text is then loaded only if
        there are candidates to compare it with)."""
        if known is None:
            if text is None:
                raise ValueError("check() needs the document's text or its fingerprint")
            known = fingerprint(text)
        sig = Signature(doc_id, known.text_key, known.n_shingles, known.signature)
        original = self.by_key.get(known.text_key)
        if original is None and known.n_shingles:
            original = self._near_duplicate_of(doc_id, text, known.signature)
        if original is not None:
            original = self.originals.get(original, original)
            self.originals[doc_id] = original
        self.by_key.setdefault(known.text_key, doc_id)
        self.bands.insert(doc_id, known.signature)
        return original, sig

    def _near_duplicate_of(self, doc_id: str, text: str | None, data: bytes) -> str | None:
        candidates = sorted(self.bands.query(data) - {doc_id})
        if not candidates:
            return None
        texts = self.load_text(candidates + ([doc_id] if text is None else []))
        shingle_set = shingles(text if text is not None else texts.get(doc_id) or "")
        best, best_score = None, 0.0
        for c in candidates:  # the most similar candidate; ties go to the first id
            score = jaccard(shingle_set, shingles(texts.get(c) or ""))
            if score >= NEAR_DUPLICATE_JACCARD and score > best_score:
                best, best_score = c, score
        return best
