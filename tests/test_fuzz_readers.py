"""Property tests: no byte string makes a reader raise; every input gets a status."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from polybius.ingest.sources import iter_documents

SUFFIXES = [".txt", ".html", ".jsonl", ".json", ".warc", ".dat"]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=3000), suffix=st.sampled_from(SUFFIXES))
def test_any_bytes_give_documents_with_status(tmp_path, data, suffix):
    f = tmp_path / f"input{suffix}"
    f.write_bytes(data)
    for item in iter_documents([str(f)]):
        doc = item.document
        assert doc.status
        assert doc.content_hash
        assert doc.ok or doc.error


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(max_size=2000))
def test_any_text_lines_in_jsonl(tmp_path, text):
    f = tmp_path / "input.jsonl"
    f.write_text(text, encoding="utf-8", errors="surrogatepass")
    for item in iter_documents([str(f)]):
        assert item.document.status


def _normalised_char(ch: str) -> str:
    low = ch.lower()
    if len(low) != 1:  # "İ".lower() is two characters: keep the original
        return ch
    return {"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'"}.get(
        low, "-" if low in "\u2010\u2011\u2012\u2013\u2014" else low
    )


@given(st.text(max_size=200))
@settings(max_examples=300, deadline=None)
def test_actor_normalisation_keeps_offsets(text: str):
    from polybius.actors.dictionary import normalise

    out = normalise(text)
    assert len(out) == len(text)  # mention offsets in the normalised text are the text's
    assert out == "".join(_normalised_char(c) for c in text)
