"""Duplicate detection on small texts: exact, near, distinct, chains, order."""

from __future__ import annotations

from builders import altered_copy, article
from polybius.dedup import (
    NEAR_DUPLICATE_JACCARD,
    DuplicateIndex,
    jaccard,
    minhash,
    minhash_from_bytes,
    shingles,
    signature_bytes,
    text_key,
)


def index_over(texts: dict[str, str]) -> DuplicateIndex:
    return DuplicateIndex(lambda ids: {i: texts[i] for i in ids if i in texts})


def check_all(texts: dict[str, str]) -> dict[str, str | None]:
    index = index_over(texts)
    return {doc_id: index.check(doc_id, text)[0] for doc_id, text in texts.items()}


def test_exact_duplicates_ignore_case_punctuation_and_spacing():
    a = "Russia and Turkey agreed a ceasefire in Idlib on Monday."
    b = "RUSSIA and turkey agreed   a ceasefire, in Idlib on Monday!"
    assert text_key(a) == text_key(b)
    assert check_all({"a": a, "b": b}) == {"a": None, "b": "a"}


def test_an_altered_copy_is_linked_to_its_original():
    original = article(1)
    copy = altered_copy(original, seed=7)
    assert copy != original
    assert jaccard(shingles(original), shingles(copy)) >= NEAR_DUPLICATE_JACCARD
    assert check_all({"orig": original, "copy": copy}) == {"orig": None, "copy": "orig"}


def test_distinct_articles_on_the_same_vocabulary_are_not_linked():
    texts = {f"d{i}": article(100 + i) for i in range(20)}
    assert all(v is None for v in check_all(texts).values())


def test_copies_point_to_the_original_never_to_another_copy():
    original = article(3)
    first_copy = altered_copy(original, seed=1)
    copy_of_copy = altered_copy(first_copy, seed=2, changes=2)
    links = check_all({"orig": original, "c1": first_copy, "c2": copy_of_copy})
    assert links == {"orig": None, "c1": "orig", "c2": "orig"}


def test_stored_links_are_respected_when_checking_new_documents():
    original, copy = article(4), altered_copy(article(4), seed=3)
    texts = {"orig": original, "c1": copy}
    first = index_over(texts)
    _, sig_orig = first.check("orig", original)
    _, sig_c1 = first.check("c1", copy)
    # a later run: the index is rebuilt from stored signatures and links
    later = index_over({**texts, "c2": altered_copy(copy, seed=9, changes=1)})
    later.add_stored(sig_orig, None)
    later.add_stored(sig_c1, "orig")
    assert later.check("c2", altered_copy(copy, seed=9, changes=1))[0] == "orig"


def test_signature_survives_storage():
    m = minhash(shingles(article(5)))
    again = minhash_from_bytes(signature_bytes(m))
    assert again.jaccard(m) == 1.0


def test_short_and_empty_texts():
    assert shingles("") == set()
    assert shingles("Russia met Turkey") == {"russia met turkey"}
    assert check_all({"a": "", "b": ""}) == {"a": None, "b": "a"}  # same (empty) text
