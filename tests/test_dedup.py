"""Duplicate detection on small texts: exact, near, distinct, chains, order."""

from __future__ import annotations

from builders import altered_copy, article
from polybius.dedup import (
    NEAR_DUPLICATE_JACCARD,
    DuplicateIndex,
    LshBands,
    Signature,
    estimated_jaccard,
    fingerprint,
    jaccard,
    shingles,
    signature,
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


def overlapping_sets(name: str, size: int, shared: int) -> tuple[set[str], set[str]]:
    """Two shingle sets of `size` members with `shared` in common."""
    a = {f"{name} shingle {i}" for i in range(size)}
    b = {f"{name} shingle {i}" for i in range(size - shared, 2 * size - shared)}
    return a, b


def test_signature_agreement_estimates_jaccard():
    for shared, expected in ((900, 900 / 1100), (667, 667 / 1333), (200, 200 / 1800), (0, 0.0)):
        a, b = overlapping_sets(f"pair{shared}", 1000, shared)
        assert abs(jaccard(a, b) - expected) < 1e-3
        sa, sb = (signature(x).astype("<u4").tobytes() for x in (a, b))
        assert abs(estimated_jaccard(sa, sb) - expected) < 0.12


def test_banded_lsh_finds_pairs_at_the_threshold_and_rarely_distant_ones():
    found_near = found_far = 0
    for k in range(100):
        bands = LshBands()
        a, b = overlapping_sets(f"near{k}", 600, 400)  # Jaccard 0.5
        bands.insert("a", signature(a).astype("<u4").tobytes())
        found_near += "a" in bands.query(signature(b).astype("<u4").tobytes())
        c, d = overlapping_sets(f"far{k}", 600, 60)  # Jaccard 0.05
        bands.insert("c", signature(c).astype("<u4").tobytes())
        found_far += "c" in bands.query(signature(d).astype("<u4").tobytes())
    assert found_near >= 95  # 1 - (1 - 0.5^3)^42 = 0.996 expected
    assert found_far <= 10  # 1 - (1 - 0.05^3)^42 = 0.005 expected


def test_a_fingerprint_from_the_worker_gives_the_same_links_and_loads_text_only_to_compare():
    original = article(6)
    texts = {"orig": original, "copy": altered_copy(original, seed=4), "other": article(60)}
    loaded: list[str] = []

    def load(ids):
        loaded.extend(ids)
        return {i: texts[i] for i in ids}

    index = DuplicateIndex(load)
    links = {d: index.check(d, known=fingerprint(t))[0] for d, t in texts.items()}
    assert links == check_all(texts) == {"orig": None, "copy": "orig", "other": None}
    assert sorted(loaded) == ["copy", "orig"]  # only the candidate pair was read


def test_signature_survives_storage():
    fp = fingerprint(article(5))
    stored = Signature("d", fp.text_key, fp.n_shingles, bytes(fp.signature))
    index = index_over({"d": article(5), "e": article(5) + " Updated."})
    index.add_stored(stored, None)
    assert index.check("e", article(5) + " Updated.")[0] == "d"
    assert estimated_jaccard(stored.signature, fp.signature) == 1.0


def test_short_and_empty_texts():
    assert shingles("") == set()
    assert shingles("Russia met Turkey") == {"russia met turkey"}
    assert check_all({"a": "", "b": ""}) == {"a": None, "b": "a"}  # same (empty) text
