"""Each reader, and every kind of bad input: a status per document, never an exception."""

from __future__ import annotations

import gzip
import io
import json
import sys
from pathlib import Path

import pytest

from polybius.ingest.sources import (
    InputNotFound,
    expand_inputs,
    iter_documents,
    read_path,
)

ARTICLE = (
    "Russia's foreign minister met his Turkish counterpart in Ankara on Wednesday to discuss "
    "the war in Syria, officials from both governments said after the talks ended."
)
PAGE = f"""<!DOCTYPE html><html><head><title>Ministers meet in Ankara | Example News</title>
<meta property="article:published_time" content="2026-10-14T09:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>Ministers meet in Ankara</h1><p>{ARTICLE}</p>
<p>The two ministers agreed to hold further talks next month, according to a joint statement
released by the Turkish foreign ministry after the meeting in the capital.</p></article>
<aside><h3>See also</h3><ul><li><a href="/a">Ten recipes for autumn</a></li>
<li><a href="/b">Football results</a></li></ul></aside>
<footer>Copyright 2026 Example News. All rights reserved.</footer></body></html>"""


def docs(*paths, **kw):
    return [item.document for item in iter_documents([str(p) for p in paths], **kw)]


def test_txt_reader_takes_headline_and_dateline(tmp_path):
    f = tmp_path / "story.txt"
    f.write_text(f"Ministers meet in Ankara\n\nANKARA, Oct 14, 2026 (Wire) - {ARTICLE}\n")
    (doc,) = docs(f)
    assert doc.status == "ok"
    assert doc.title == "Ministers meet in Ankara"
    assert doc.published.isoformat() == "2026-10-14"
    assert doc.doc_id == "story"
    assert "Ankara" in doc.text


def test_jsonl_reader_fields_and_bad_lines(tmp_path):
    f = tmp_path / "dump.jsonl"
    lines = [
        json.dumps(
            {
                "id": "a1",
                "text": ARTICLE,
                "title": "T",
                "date": "2026-10-14",
                "url": "https://example.org/a1",
                "source": "Wire",
            }
        ),
        "{not json",
        json.dumps({"id": "a3", "body": "no text field"}),
        "",
        json.dumps({"text": ARTICLE + " Later the ministers left."}),
    ]
    f.write_text("\n".join(lines) + "\n")
    out = docs(f)
    assert [d.status for d in out] == ["ok", "error:parse", "error:parse", "ok"]
    assert out[0].doc_id == "a1" and out[0].url == "https://example.org/a1"
    assert out[0].source == "Wire" and out[0].published.isoformat() == "2026-10-14"
    assert "not valid JSON" in out[1].error
    assert out[2].doc_id == "a3" and '"text"' in out[2].error
    assert out[3].doc_id == "dump:5"


def test_html_reader_drops_boilerplate(tmp_path):
    f = tmp_path / "page.html"
    f.write_text(PAGE)
    (doc,) = docs(f)
    assert doc.status == "ok"
    assert doc.published.isoformat() == "2026-10-14"
    assert "Ministers meet in Ankara" in (doc.title or "")
    assert "met his Turkish counterpart" in doc.text
    for junk in ("Ten recipes", "Football results", "Copyright", "Sport"):
        assert junk not in doc.text


def test_gzipped_html_reader(tmp_path):
    f = tmp_path / "page.html.gz"
    f.write_bytes(gzip.compress(PAGE.encode()))
    (doc,) = docs(f)
    assert doc.status == "ok" and "Turkish counterpart" in doc.text
    assert doc.doc_id == "page"


def test_warc_reader_reads_html_responses(tmp_path):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    f = tmp_path / "crawl.warc.gz"
    with open(f, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for url, body, ctype in [
            ("https://example.org/news/1", PAGE.encode(), "text/html; charset=utf-8"),
            ("https://example.org/logo.png", b"\x89PNG\r\n\x1a\n", "image/png"),
        ]:
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(
                    url, "response", payload=io.BytesIO(body), http_headers=headers
                )
            )
    out = docs(f)
    assert len(out) == 1
    assert out[0].status == "ok" and out[0].url == "https://example.org/news/1"
    assert "Turkish counterpart" in out[0].text


def test_folders_are_read_recursively_and_globs_expand(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "one.txt").write_text(ARTICLE)
    (tmp_path / "a" / "b" / "two.txt").write_text(ARTICLE + " Both sides agreed.")
    (tmp_path / "a" / ".hidden.txt").write_text(ARTICLE)
    files = expand_inputs([str(tmp_path / "a")])
    assert sorted(Path(f).name for f in files) == ["one.txt", "two.txt"]  # hidden file skipped
    assert len(expand_inputs([str(tmp_path / "a" / "**" / "*.txt")])) == 2
    with pytest.raises(InputNotFound):
        expand_inputs([str(tmp_path / "missing*.txt")])


def test_stdin_jsonl_and_text(monkeypatch):
    line = json.dumps({"id": "s1", "text": ARTICLE}) + "\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(line.encode())))
    (item,) = list(read_path("-"))
    assert item.document.doc_id == "s1" and item.document.status == "ok"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ARTICLE.encode())))
    (item,) = list(read_path("-"))
    assert item.document.status == "ok" and item.document.doc_id.startswith("stdin-")


# ----------------------------------------------------------------------------- bad input


def test_binary_file_is_an_error(tmp_path):
    f = tmp_path / "scan.pdf"
    f.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40)
    g = tmp_path / "blob.txt"
    g.write_bytes(bytes(range(256)) * 40)
    a, b = docs(f, g)
    assert a.status == "error:binary" and "binary" in a.error
    assert b.status == "error:binary"


def test_empty_file_is_skipped(tmp_path):
    f = tmp_path / "empty.txt"
    f.write_text("")
    g = tmp_path / "blank.html"
    g.write_text("   \n\n ")
    a, b = docs(f, g)
    assert a.status == "skipped:empty"
    assert b.status in ("skipped:empty", "skipped:no_body")


def test_wrong_encoding_is_repaired(tmp_path):
    latin = "The Élysée said on Monday that France's président will visit Algérie. " * 3
    f = tmp_path / "latin1.txt"
    f.write_bytes(latin.encode("cp1252"))
    mojibake = tmp_path / "mojibake.txt"
    mojibake.write_text(latin.encode("utf-8").decode("cp1252"), encoding="utf-8")
    a, b = docs(f, mojibake)
    assert a.status == "ok" and "Élysée" in a.text
    assert b.status == "ok" and "Élysée" in b.text


def test_undecodable_bytes_never_raise(tmp_path):
    f = tmp_path / "garbage.txt"
    f.write_bytes(b"\x81\x8d\x8f\x90\x9d" * 500)
    (doc,) = docs(f)
    # whatever encoding the detector guesses, the result is not coded as English text
    assert doc.status in ("error:decode", "error:binary", "skipped:language"), doc.status
    assert doc.error


def test_non_english_is_skipped_with_language(tmp_path):
    f = tmp_path / "de.txt"
    f.write_text(
        "Der russische Außenminister hat am Mittwoch in Ankara seinen türkischen Amtskollegen "
        "getroffen, um über den Krieg in Syrien zu sprechen."
    )
    (doc,) = docs(f)
    assert doc.status == "skipped:language" and doc.language == "de"


def test_html_without_article_body(tmp_path):
    f = tmp_path / "index.html"
    f.write_text("<html><body><nav><a href='/'>Home</a><a href='/x'>News</a></nav></body></html>")
    (doc,) = docs(f)
    assert doc.status == "skipped:no_body" and "no article body" in doc.error


def test_fifty_megabyte_file_is_refused_without_reading_it(tmp_path):
    import resource

    f = tmp_path / "huge.txt"
    with open(f, "wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    (doc,) = docs(f)
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    assert doc.status == "error:too_large" and "--max-bytes" in doc.error
    assert after - before < 20 * 1024  # KiB: the file was never loaded


def test_huge_jsonl_line_is_skipped_in_bounded_memory(tmp_path):
    f = tmp_path / "big.jsonl"
    with open(f, "w") as fh:
        fh.write(json.dumps({"id": "small", "text": ARTICLE}) + "\n")
        fh.write(json.dumps({"id": "huge", "text": "x " * 3_000_000}) + "\n")
        fh.write(json.dumps({"id": "after", "text": ARTICLE + " Again."}) + "\n")
    out = docs(f, max_bytes=1_000_000)
    assert [d.status for d in out] == ["ok", "error:too_large", "ok"]
    assert out[2].doc_id == "after"


def test_unreadable_gzip_is_an_error(tmp_path):
    f = tmp_path / "broken.html.gz"
    f.write_bytes(b"\x1f\x8b\x08\x00broken")
    (doc,) = docs(f)
    assert doc.status == "error:read"


def test_json_file_that_is_not_documents(tmp_path):
    f = tmp_path / "config.json"
    f.write_text(json.dumps({"settings": [1, 2, 3]}))
    (doc,) = docs(f)
    assert doc.status == "error:parse"


@pytest.mark.slow
def test_article_bodies_match_the_benchmark_ground_truth():
    """Mean bag-of-words F1 of extracted bodies against the pages' hand-made ground truth."""
    from collections import Counter

    from conftest import shared_path
    from polybius.ingest.html import extract_html

    folder = shared_path("corpora", "news_html")
    truth = json.loads((folder / "ground-truth.json").read_text())
    scores = []
    for path in sorted(folder.glob("*.html.gz")):
        key = path.name.split(".")[0]
        if key not in truth:
            continue
        html = gzip.decompress(path.read_bytes()).decode("utf-8", "replace")
        got = extract_html(html).text.split()
        want = truth[key]["articleBody"].split()
        common = sum((Counter(got) & Counter(want)).values())
        p, r = common / max(len(got), 1), common / max(len(want), 1)
        scores.append(2 * p * r / (p + r) if common else 0.0)
    assert len(scores) > 150
    assert sum(scores) / len(scores) >= 0.95
