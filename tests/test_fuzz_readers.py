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


# ------------------------------------------------------------- the input edge cases of issue 16

ENGLISH = (
    "Russia's foreign minister met his Turkish counterpart in Ankara on Wednesday to discuss "
    "the war in Syria, officials from both governments said after the talks ended."
)
ARABIC = (
    "التقى وزير الخارجية الروسي نظيره التركي في أنقرة يوم الأربعاء لبحث الحرب في سوريا، "
    "بحسب ما قاله مسؤولون من الحكومتين بعد انتهاء المحادثات."
)
WIDE = ["utf-16", "utf-32", "utf-16-le", "utf-16-be"]  # the first two write their own BOM
BOMS = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}
FUZZ = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@FUZZ
@given(text=st.text(max_size=500), encoding=st.sampled_from(WIDE), suffix=st.sampled_from(SUFFIXES))
def test_any_text_in_a_wide_encoding_with_a_bom(tmp_path, text, encoding, suffix):
    f = tmp_path / f"wide{suffix}"
    raw = text.encode(encoding, errors="surrogatepass")
    f.write_bytes(BOMS.get(encoding, b"") + raw)
    for item in iter_documents([str(f)]):
        assert item.document.status and (item.document.ok or item.document.error)
        assert "\x00" not in item.document.text


@FUZZ
@given(
    english=st.text(alphabet=st.characters(codec="ascii", categories=["L", "Zs"]), max_size=200),
    encoding=st.sampled_from(["utf-8", *WIDE]),
    nuls=st.lists(st.integers(min_value=0, max_value=10_000), max_size=5),
)
def test_english_with_stray_nuls_is_coded(tmp_path, english, encoding, nuls):
    text = ENGLISH + " " + english
    for pos in sorted(nuls, reverse=True):  # NUL characters, so every encoding gets its own
        pos = pos % (len(text) + 1)
        text = text[:pos] + "\x00" + text[pos:]
    f = tmp_path / "nul.txt"
    f.write_bytes(BOMS.get(encoding, b"") + text.encode(encoding))
    (item,) = iter_documents([str(f)])
    assert item.document.status == "ok", item.document.error
    assert "\x00" not in item.document.text


@FUZZ
@given(paragraphs=st.lists(st.sampled_from(["en", "ar", "byline", "blank"]), max_size=8))
def test_mixed_paragraphs_keep_exactly_the_english_ones(tmp_path, paragraphs):
    parts = {"en": ENGLISH, "ar": ARABIC, "byline": "By Jane Roe, Ankara", "blank": ""}
    f = tmp_path / "mixed.txt"
    f.write_text("\n\n".join(parts[p] for p in paragraphs), encoding="utf-8")
    (item,) = iter_documents([str(f)])
    doc = item.document
    if "en" in paragraphs:
        assert doc.status == "ok" and doc.text.count(ENGLISH) == paragraphs.count("en")
        assert ARABIC[:20] not in doc.text
    elif "ar" in paragraphs:
        assert doc.status == "skipped:language"
    else:
        assert doc.status in ("ok", "skipped:empty")


def _warc_bytes(n: int) -> tuple[bytes, list[int]]:
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    offsets = []
    for i in range(n):
        offsets.append(buf.tell())
        page = f"<html><body><article><p>{ENGLISH} Report {i}.</p></article></body></html>"
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], "HTTP/1.1")
        record = writer.create_warc_record(
            f"https://example.org/{i}",
            "response",
            payload=io.BytesIO(page.encode()),
            http_headers=headers,
        )
        writer.write_record(record)
    return buf.getvalue(), offsets


WARC, WARC_OFFSETS = _warc_bytes(4)


@FUZZ
@given(cut=st.one_of(st.integers(min_value=1, max_value=len(WARC)), st.sampled_from(WARC_OFFSETS)))
def test_a_warc_gz_cut_anywhere_loses_no_record_silently(tmp_path, cut):
    f = tmp_path / "cut.warc.gz"
    f.write_bytes(WARC[:cut])
    out = [item.document for item in iter_documents([str(f)])]
    complete = sum(1 for start in [*WARC_OFFSETS[1:], len(WARC)] if start <= cut)
    ok = [d for d in out if d.status == "ok"]
    assert len(ok) >= complete - (cut < len(WARC))  # a record missing only its gzip trailer
    assert all(d.status in ("ok", "error:read", "error:parse") for d in out)
    if cut not in (*WARC_OFFSETS, len(WARC)):  # a cut between records leaves a valid archive
        # every record not read whole is accounted for by an error row
        assert [d for d in out if d.status != "ok"], [d.status for d in out]
