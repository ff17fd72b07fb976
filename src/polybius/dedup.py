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

Candidates are found with MinHash LSH (datasketch): 128 permutations, LSH threshold 0.4, so
that pairs at 0.5 are almost never missed; every candidate is then checked with the exact
Jaccard similarity of the two shingle sets, so LSH only decides what is compared.

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

import numpy as np
from datasketch import MinHash, MinHashLSH

SHINGLE_WORDS = 5
NUM_PERM = 128
MINHASH_SEED = 1
MINHASH_SCHEME = "affine32"
LSH_THRESHOLD = 0.4
NEAR_DUPLICATE_JACCARD = 0.5

_WORD = re.compile(r"\w+", re.UNICODE)


def words(text: str) -> list[str]:
    """The lowercased words of a text, punctuation and spacing dropped."""
    return _WORD.findall(text.lower())


def text_key(text: str) -> str:
    """Hash of the normalised text: equal for exact duplicates."""
    return hashlib.sha1(" ".join(words(text)).encode("utf-8")).hexdigest()


def shingles(text: str) -> set[str]:
    """The set of overlapping `SHINGLE_WORDS`-word sequences (the whole text if shorter)."""
    ws = words(text)
    if len(ws) <= SHINGLE_WORDS:
        return {" ".join(ws)} if ws else set()
    return {" ".join(ws[i : i + SHINGLE_WORDS]) for i in range(len(ws) - SHINGLE_WORDS + 1)}


def jaccard(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def minhash(shingle_set: Iterable[str]) -> MinHash:
    m = MinHash(num_perm=NUM_PERM, seed=MINHASH_SEED, scheme=MINHASH_SCHEME)
    m.update_batch([s.encode("utf-8") for s in shingle_set])
    return m


def signature_bytes(m: MinHash) -> bytes:
    return np.asarray(m.hashvalues, dtype=np.uint32).tobytes()


def minhash_from_bytes(data: bytes) -> MinHash:
    values = np.frombuffer(data, dtype=np.uint32)
    return MinHash(num_perm=NUM_PERM, seed=MINHASH_SEED, scheme=MINHASH_SCHEME, hashvalues=values)


@dataclass
class Signature:
    """What is stored per document (table document_minhash) to check later documents."""

    doc_id: str
    text_key: str
    n_shingles: int
    signature: bytes


class DuplicateIndex:
    """Stored documents' signatures; finds the original of a new document.

    `load_text(doc_ids)` returns the stored texts of candidate documents (for the exact
    Jaccard check); `originals` maps each known duplicate to its original.
    """

    def __init__(self, load_text: Callable[[list[str]], dict[str, str]]):
        self.lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
        self.by_key: dict[str, str] = {}  # normalised-text hash -> first document with it
        self.originals: dict[str, str] = {}  # duplicate doc_id -> original doc_id
        self.load_text = load_text

    def add_stored(self, sig: Signature, duplicate_of: str | None) -> None:
        """Add a document that is already in the store (its link already decided)."""
        if duplicate_of:
            self.originals[sig.doc_id] = duplicate_of
        self.by_key.setdefault(sig.text_key, sig.doc_id)
        if sig.doc_id not in self.lsh:
            self.lsh.insert(sig.doc_id, minhash_from_bytes(sig.signature))

    def check(self, doc_id: str, text: str) -> tuple[str | None, Signature]:
        """The original this document duplicates (or None), and its signature; the document
        is added to the index so that later documents are checked against it too."""
        key = text_key(text)
        shingle_set = shingles(text)
        m = minhash(shingle_set)
        sig = Signature(doc_id, key, len(shingle_set), signature_bytes(m))
        original = self.by_key.get(key)
        if original is None and shingle_set:
            original = self._near_duplicate_of(m, shingle_set)
        if original is not None:
            original = self.originals.get(original, original)
            self.originals[doc_id] = original
        self.by_key.setdefault(key, doc_id)
        if doc_id not in self.lsh:
            self.lsh.insert(doc_id, m)
        return original, sig

    def _near_duplicate_of(self, m: MinHash, shingle_set: set[str]) -> str | None:
        candidates = sorted(self.lsh.query(m))
        if not candidates:
            return None
        texts = self.load_text(candidates)
        best, best_score = None, 0.0
        for c in candidates:  # the most similar candidate; ties go to the first id
            score = jaccard(shingle_set, shingles(texts.get(c) or ""))
            if score >= NEAR_DUPLICATE_JACCARD and score > best_score:
                best, best_score = c, score
        return best
