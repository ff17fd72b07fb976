"""Input edge cases (issue 16, item 4): wide encodings, NUL bytes, mixed languages, truncated
WARC files, link loops, special files, streamed stdin, repeats in the input, a second Ctrl-C.
Every input is written byte by byte here."""

from __future__ import annotations

import io
import os
import signal
import socket
import threading
import time
from pathlib import Path

import pytest

from polybius.engine import runner
from polybius.ingest.sources import expand_inputs, iter_documents
from polybius.ingest.tasks import plan_tasks, stdin_tasks
from polybius.models import DocumentResult
from polybius.store.db import Store

ARTICLE = (
    "Russia's foreign minister met his Turkish counterpart in Ankara on Wednesday to discuss "
    "the war in Syria, officials from both governments said after the talks ended."
)
ARABIC = (
    "التقى وزير الخارجية الروسي نظيره التركي في أنقرة يوم الأربعاء لبحث الحرب في سوريا، "
    "بحسب ما قاله مسؤولون من الحكومتين بعد انتهاء المحادثات."
)


def docs(*paths, **kw):
    return [item.document for item in iter_documents([str(p) for p in paths], **kw)]


# ----------------------------------------------------------------------------- encodings


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_wide_encodings_with_a_bom_are_decoded(tmp_path, encoding):
    bom = {
        "utf-16-le": b"\xff\xfe",
        "utf-16-be": b"\xfe\xff",
        "utf-32-le": b"\xff\xfe\x00\x00",
        "utf-32-be": b"\x00\x00\xfe\xff",
    }[encoding]
    f = tmp_path / "wide.txt"
    f.write_bytes(bom + f"Talks in Ankara\n\n{ARTICLE}\n".encode(encoding))
    g = tmp_path / "wide.html"
    page = f"<html><head><title>T</title></head><body><article><p>{ARTICLE}</p></article>"
    g.write_bytes(bom + (page + "</body></html>").encode(encoding))
    a, b = docs(f, g)
    assert a.status == "ok", a.error
    assert a.title == "Talks in Ankara" and a.text.endswith("after the talks ended.")
    assert "\x00" not in a.text and "\ufeff" not in a.text
    assert b.status == "ok" and "Turkish counterpart" in b.text


def test_stray_nul_bytes_are_dropped_not_the_document(tmp_path):
    raw = ARTICLE.encode()
    f = tmp_path / "nul.txt"
    f.write_bytes(raw[:40] + b"\x00" + raw[40:] + b"\x00\x00")
    g = tmp_path / "nul.jsonl"
    g.write_bytes(b'{"id": "n1", "text": "' + raw[:30] + b"\x00" + raw[30:] + b'"}\n')
    h = tmp_path / "nul.html"
    h.write_bytes(b"<html><body><article><p>" + raw + b"\x00</p></article></body></html>")
    a, b, c = docs(f, g, h)
    for doc in (a, b, c):
        assert doc.status == "ok", (doc.input_path, doc.status, doc.error)
        assert "\x00" not in doc.text and "Turkish counterpart" in doc.text
    assert b.doc_id == "n1"


def test_many_control_bytes_are_still_binary(tmp_path):
    f = tmp_path / "blob.txt"
    f.write_bytes(b"\x00\x01\x02" * 500 + ARTICLE.encode())
    (doc,) = docs(f)
    assert doc.status == "error:binary"


# ----------------------------------------------------------------------------- languages


def test_english_paragraphs_of_a_mixed_page_are_kept(tmp_path):
    f = tmp_path / "mixed.txt"
    body = "\n\n".join([ARABIC, ARABIC, ARTICLE, ARABIC, ARABIC])
    f.write_bytes(f"{body}\n".encode())
    g = tmp_path / "mixed.html"
    paras = "".join(f"<p>{p}</p>" for p in (ARABIC, ARTICLE, ARABIC, ARTICLE.upper()))
    g.write_bytes(f"<html><body><article>{paras}</article></body></html>".encode())
    a, b = docs(f, g)
    assert a.status == "ok" and a.language == "en", a.error
    assert a.text == ARTICLE  # the Arabic paragraphs are left out
    assert b.status == "ok" and "Turkish counterpart" in b.text
    assert not any("\u0600" <= ch <= "\u06ff" for ch in b.text)


def test_a_text_with_no_english_paragraph_is_still_skipped(tmp_path):
    f = tmp_path / "ar.txt"
    f.write_bytes(f"{ARABIC}\n\n{ARABIC}\n\nReuters\n".encode())
    (doc,) = docs(f)
    assert doc.status == "skipped:language" and doc.language == "ar"


# ----------------------------------------------------------------------------- WARC


def _warc(path: Path, n: int) -> list[int]:
    """A .warc.gz of n HTML responses; returns each record's offset."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    offsets = []
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for i in range(n):
            offsets.append(fh.tell())
            page = f"<html><body><article><p>{ARTICLE} Report {i}.</p></article></body></html>"
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], "HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(
                    f"https://example.org/{i}",
                    "response",
                    payload=io.BytesIO(page.encode()),
                    http_headers=headers,
                )
            )
    return offsets


@pytest.mark.parametrize("where", ["header", "payload"])
def test_truncated_warc_gz_gives_the_lost_record_an_error(tmp_path, where):
    whole = tmp_path / "crawl.warc.gz"
    offsets = _warc(whole, 3)
    data = whole.read_bytes()
    cut = offsets[2] + (40 if where == "header" else (len(data) - offsets[2]) // 2)
    f = tmp_path / "cut.warc.gz"
    f.write_bytes(data[:cut])
    out = docs(f)
    assert [d.status for d in out] == ["ok", "ok", "error:read"], [d.error for d in out]
    assert f"byte {offsets[2]}" in out[2].error and "truncated" in out[2].error
    assert [d.status for d in docs(whole)] == ["ok", "ok", "ok"]


# ----------------------------------------------------------------------------- paths


def test_a_glob_over_a_symlink_loop_visits_each_file_once(tmp_path):
    root = tmp_path / "news"
    (root / "sub").mkdir(parents=True)
    (root / "a.txt").write_bytes(ARTICLE.encode())
    (root / "sub" / "b.txt").write_bytes(ARTICLE.upper().encode())
    (root / "sub" / "loop").symlink_to(root, target_is_directory=True)
    (tmp_path / "alias.txt").symlink_to(root / "a.txt")
    by_glob = expand_inputs([f"{root}/**/*.txt", str(tmp_path / "alias.txt")])
    assert sorted(Path(p).name for p in by_glob) == ["a.txt", "b.txt"]
    by_folder = expand_inputs([str(root), str(root / "sub")])
    assert sorted(Path(p).name for p in by_folder) == ["a.txt", "b.txt"]
    assert len(docs(f"{root}/**/*.txt")) == 2


def test_special_files_in_a_folder_are_listed_with_a_reason(tmp_path):
    root = tmp_path / "in"
    root.mkdir()
    (root / "story.txt").write_bytes(ARTICLE.encode())
    os.mkfifo(root / "pipe.txt")
    (root / "gone.txt").symlink_to(root / "missing.txt")
    (root / "self.txt").symlink_to(root / "self.txt")
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(root / "s.sock"))
    try:
        # a FIFO is never opened (that would wait for a writer): the test would hang
        out = {Path(d.input_path).name: d for d in docs(root)}
        tasks = list(plan_tasks([str(root)]))
    finally:
        sock.close()
    assert out["story.txt"].status == "ok"
    reasons = {n: d.error for n, d in out.items() if n != "story.txt"}
    assert {d.status for n, d in out.items() if n != "story.txt"} == {"skipped:special"}
    assert "FIFO" in reasons["pipe.txt"]
    assert "broken symbolic link" in reasons["gone.txt"]
    assert "socket" in reasons["s.sock"]
    assert "self.txt" in reasons and reasons["self.txt"].startswith("not read: cannot be")
    assert sum(1 + len(t.files) for t in tasks) == 5


# ----------------------------------------------------------------------------- stdin


def test_stdin_lines_become_tasks_as_they_arrive():
    read_fd, write_fd = os.pipe()
    stream = os.fdopen(read_fd, "rb")
    writer = os.fdopen(write_fd, "wb")
    tasks = stdin_tasks(stream)
    got: list = []

    def take() -> None:
        got.append(next(tasks))

    writer.write(b'{"id": "s1", "text": "first"}\n')
    writer.flush()
    t = threading.Thread(target=take, daemon=True)
    t.start()
    t.join(10)  # the stream is still open: reading it whole would block here
    assert got and [n for n, _, _ in got[0].lines] == [1]
    writer.write(b'{"id": "s2", "text": "second"}\n\n{"id": "s3", "text": "third"}\n')
    writer.close()
    rest = list(tasks)
    assert [n for task in rest for n, _, _ in task.lines] == [2, 4]
    assert all(task.path == "<stdin>" for task in rest)


# ----------------------------------------------------------------------------- the run


def _fake_worker(monkeypatch, on_code=None) -> None:
    """Code without the NLP model: every document comes back as it was read."""

    import polybius.nlp.pipeline

    monkeypatch.setattr(polybius.nlp.pipeline, "load_nlp", lambda: None)
    calls = {"n": 0}

    def code(docs, coder, nlp, prefilter=True, **options):
        calls["n"] += 1
        if on_code:
            on_code(calls["n"])
        return [DocumentResult(d) for d in docs]

    monkeypatch.setattr(runner, "code_documents", code)


def _jsonl(path: Path, texts: list[str]) -> Path:
    import json

    path.write_text(
        "".join(json.dumps({"id": f"d{i}", "text": t}) + "\n" for i, t in enumerate(texts))
    )
    return path


def test_repeats_in_the_input_are_not_counted_as_coded(tmp_path, monkeypatch):
    _fake_worker(monkeypatch)
    texts = [f"{ARTICLE} Number {i}." for i in range(3)]
    src = _jsonl(tmp_path / "r.jsonl", [texts[0], texts[1], texts[0], texts[2], texts[0]])
    with Store(tmp_path / "r.duckdb") as store:
        summary = runner.run([str(src)], store, batch_size=2, workers=1)
        assert store.counts()["documents"] == 3
    assert (summary.documents, summary.written, summary.coded) == (5, 3, 3)
    assert summary.duplicates == 2 and summary.unchanged == 0


def test_a_second_ctrl_c_stops_now_and_commits_what_was_coded(tmp_path, monkeypatch):
    def on_code(n: int) -> None:
        if n == 3:  # the third task is "slow": Ctrl-C twice while it runs
            os.kill(os.getpid(), signal.SIGINT)
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(60)

    _fake_worker(monkeypatch, on_code)
    src = _jsonl(tmp_path / "c.jsonl", [f"{ARTICLE} Number {i}." for i in range(100)])
    # the handler the runner must put back: the default one, or SIG_IGN when the suite runs
    # as a background job of a shell (which starts it with Ctrl-C ignored)
    before = signal.getsignal(signal.SIGINT)
    started = time.monotonic()
    with Store(tmp_path / "c.duckdb") as store:
        summary = runner.run([str(src)], store, batch_size=1000, workers=1)
        stored = store.counts()["documents"]
    assert time.monotonic() - started < 30
    assert summary.interrupted
    assert stored == summary.written == 32  # the two tasks coded before, in no batch yet
    assert signal.getsignal(signal.SIGINT) is before


@pytest.mark.slow
def test_code_from_stdin_commits_lines_before_the_stream_ends(tmp_path):
    import subprocess
    import sys

    db = tmp_path / "stdin.duckdb"
    proc = subprocess.Popen(
        [sys.executable, "-m", "polybius.cli", "-v", "code", "-", "--db", str(db)]
        + ["--workers", "1", "--batch-size", "1"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        proc.stdin.write(b'{"id": "live-1", "text": "' + ARTICLE.encode() + b'"}\n')
        proc.stdin.flush()
        committed = threading.Event()

        def watch() -> None:
            for raw in proc.stderr:
                if b"committed batch 1 " in raw:
                    committed.set()

        threading.Thread(target=watch, daemon=True).start()
        # the stream stays open: a reader waiting for its end would never commit the line
        assert committed.wait(300), "the first line was not committed while stdin was open"
        proc.stdin.write(b'{"id": "live-2", "text": "' + ARTICLE.upper().encode() + b'"}\n')
        proc.stdin.close()
        out = proc.stdout.read()
        proc.wait(timeout=300)
    finally:
        proc.kill()
    assert proc.returncode == 0
    assert b"new documents stored" in out
    with Store(db, read_only=True) as store:
        assert store.counts()["documents"] == 2
