"""Expand user inputs (files, folders, globs, stdin) and read them into Documents.

Every input ends up as a Document: bad input (binary, undecodable, empty, too large,
malformed JSON, pages with no article body) becomes a Document with an error status and
message instead of an exception, so a batch never stops on one bad file.
"""

from __future__ import annotations

import gzip
import io
import json
import logging
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from polybius.ingest.dates import parse_date, parse_dateline
from polybius.ingest.html import extract_html
from polybius.ingest.language import english_part
from polybius.ingest.paths import (  # noqa: F401  (re-exported: the readers' public names)
    InputNotFound,
    expand_inputs,
    input_size,
    special_file_reason,
)
from polybius.ingest.text import DecodeError, clean_text, decode_bytes, looks_binary
from polybius.models import (
    STATUS_ERROR_BINARY,
    STATUS_ERROR_DECODE,
    STATUS_ERROR_PARSE,
    STATUS_ERROR_READ,
    STATUS_ERROR_TOO_LARGE,
    STATUS_OK,
    STATUS_SKIPPED_EMPTY,
    STATUS_SKIPPED_LANGUAGE,
    STATUS_SKIPPED_NO_BODY,
    STATUS_SKIPPED_SPECIAL,
    Document,
    content_hash,
)
from polybius.urls import web_url

log = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 10 * 1024 * 1024  # one document larger than this is refused
MIN_BODY_WORDS = 8  # an extracted page body shorter than this is navigation, not an article
HTML_SUFFIXES = (".html", ".htm", ".html.gz", ".htm.gz", ".xhtml")
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz")
JSON_SUFFIXES = (".json",)
WARC_SUFFIXES = (".warc", ".warc.gz")
TEXT_SUFFIXES = (".txt", ".text", ".md", ".txt.gz")


@dataclass
class ReadItem:
    """A document read from the input plus how many input bytes it accounted for."""

    document: Document
    nbytes: int


def iter_documents(paths: Iterable[str], max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[ReadItem]:
    """Read every input file and yield its documents, good or failed."""
    for path in expand_inputs(paths):
        yield from read_path(path, max_bytes=max_bytes)


def read_path(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[ReadItem]:
    """Yield the documents in one file (or stdin for '-'); reader by suffix or content."""
    if path == "-":
        yield from read_stream(sys.stdin.buffer, "<stdin>", max_bytes)
        return
    reason = special_file_reason(path)
    if reason:
        log.warning("skipped %s: %s", path, reason)
        yield ReadItem(skipped_special(path, reason), 0)
        return
    lower = path.lower()
    size = os.path.getsize(path)
    try:
        if lower.endswith(WARC_SUFFIXES):
            from polybius.ingest.warc import read_warc  # imports this module

            yield from read_warc(path, max_bytes)
        elif lower.endswith(JSONL_SUFFIXES):
            yield from read_jsonl(path, max_bytes)
        elif lower.endswith(JSON_SUFFIXES):
            yield from read_json(path, size, max_bytes)
        elif lower.endswith(HTML_SUFFIXES):
            yield _whole_file(path, size, max_bytes, html_document)
        elif lower.endswith(TEXT_SUFFIXES):
            yield _whole_file(path, size, max_bytes, _text_document)
        else:
            yield _whole_file(path, size, max_bytes, _sniffed_document)
    except OSError as exc:
        yield ReadItem(
            failed_document(path, STATUS_ERROR_READ, f"could not read the file: {exc}"), size
        )


# --------------------------------------------------------------------------- whole files


def open_binary(path: str) -> BinaryIO:
    if path.lower().endswith(".gz"):
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return open(path, "rb")


def read_limited(fh: BinaryIO, max_bytes: int) -> bytes | None:
    """Read at most max_bytes; None when the stream is longer (memory stays bounded)."""
    data = fh.read(max_bytes + 1)
    return None if len(data) > max_bytes else data


def _whole_file(path, size, max_bytes, build) -> ReadItem:
    if size > max_bytes and not path.lower().endswith(".gz"):
        return ReadItem(too_large_document(path, size, max_bytes), size)
    try:
        with open_binary(path) as fh:
            data = read_limited(fh, max_bytes)
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        return ReadItem(
            failed_document(path, STATUS_ERROR_READ, f"could not read the file: {exc}"), size
        )
    if data is None:
        return ReadItem(too_large_document(path, size, max_bytes), size)
    return ReadItem(build(path, data), size)


def _sniffed_document(path: str, data: bytes) -> Document:
    head = data[:2048].lstrip().lower()
    if looks_binary(data):
        return _binary(path, data)
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head:
        return html_document(path, data)
    return _text_document(path, data)


def _binary(path: str, data: bytes) -> Document:
    return failed_document(
        path,
        STATUS_ERROR_BINARY,
        "binary file (not text, HTML, JSONL or WARC); remove it from the input or convert it "
        "to text",
        raw=data,
    )


def _decode(path: str, data: bytes, clean: bool = True) -> str | Document:
    if looks_binary(data):
        return _binary(path, data)
    try:
        return decode_bytes(data, clean=clean)
    except DecodeError as exc:
        return failed_document(
            path, STATUS_ERROR_DECODE, f"{exc}; re-save the file as UTF-8", raw=data
        )


def _text_document(path: str, data: bytes, doc_id: str | None = None) -> Document:
    text = _decode(path, data)
    if isinstance(text, Document):
        return text
    title = None
    first, _, rest = text.partition("\n\n")
    if rest and len(first) <= 200 and "\n" not in first:
        title = first
    return finish_document(
        text,
        doc_id=doc_id or Path(path).name.split(".")[0],
        title=title,
        published=parse_dateline(text),
        input_path=path,
    )


def html_document(path: str, data: bytes, url: str | None = None, doc_id: str | None = None):
    decoded = _decode(path, data, clean=False)
    if isinstance(decoded, Document):
        return decoded
    page = extract_html(decoded, url=url)
    stem = doc_id or Path(path).name.split(".")[0]
    if len(page.text.split()) < MIN_BODY_WORDS:
        doc = failed_document(
            path,
            STATUS_SKIPPED_NO_BODY,
            "no article body found in the page (navigation, index or empty page)",
            raw=data,
        )
        doc.doc_id = stem
        doc.title, doc.url = page.title, url or page.url
        return doc
    return finish_document(
        page.text,
        doc_id=stem,
        title=page.title,
        url=url or page.url,
        source=page.sitename,
        published=page.published,
        input_path=path,
    )


def url_document(url: str, body: bytes) -> Document:
    """The document of a web page fetched from `url` (its id: the URL without the scheme)."""
    doc_id = url.split("://", 1)[-1].rstrip("/")[:200] or url
    doc = html_document(url, body, url=url, doc_id=doc_id)
    doc.doc_id = doc_id  # also when the page failed
    return doc


# --------------------------------------------------------------------------- JSONL


def iter_lines(fh: BinaryIO, max_bytes: int) -> Iterator[tuple[bytes | None, int]]:
    """Yield (line, nbytes); line is None when it exceeded max_bytes (it is skipped in chunks)."""
    while True:
        line = fh.readline(max_bytes + 1)
        if not line:
            return
        if len(line) > max_bytes and not line.endswith(b"\n"):
            skipped = len(line)
            while True:
                chunk = fh.readline(1 << 20)
                skipped += len(chunk)
                if not chunk or chunk.endswith(b"\n"):
                    break
            yield None, skipped
        else:
            yield line, len(line)


def read_jsonl(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[ReadItem]:
    with open_binary(path) as fh:
        yield from _read_jsonl_stream(fh, path, max_bytes)


def _read_jsonl_stream(fh: BinaryIO, path: str, max_bytes: int) -> Iterator[ReadItem]:
    stem = Path(path).name.split(".")[0]
    for lineno, (line, nbytes) in enumerate(iter_lines(fh, max_bytes), start=1):
        where = f"{path}:{lineno}"
        if line is None:
            doc = too_large_document(where, nbytes, max_bytes)
            doc.doc_id = f"{stem}:{lineno}"
            yield ReadItem(doc, nbytes)
            continue
        if not line.strip():
            continue
        yield ReadItem(jsonl_record(line, where, f"{stem}:{lineno}"), nbytes)


def jsonl_record(line: bytes, where: str, fallback_id: str) -> Document:
    line = line.replace(b"\x00", b"")  # a stray NUL byte would make the whole line invalid
    try:
        record = json.loads(line)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        doc = failed_document(where, STATUS_ERROR_PARSE, f"line is not valid JSON: {exc}", raw=line)
        doc.doc_id = fallback_id
        return doc
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        doc = failed_document(
            where,
            STATUS_ERROR_PARSE,
            'JSON line has no "text" string field (expected {"text": ..., "id", "title", '
            '"date", "url", "source"})',
            raw=line,
        )
        doc.doc_id = (
            str(record.get("id")) if isinstance(record, dict) and "id" in record else fallback_id
        )
        return doc
    text = clean_text(record["text"])
    return finish_document(
        text,
        doc_id=str(record["id"]) if record.get("id") not in (None, "") else fallback_id,
        title=_opt_str(record.get("title")),
        url=_opt_str(record.get("url")),
        source=_opt_str(record.get("source")),
        published=parse_date(_opt_str(record.get("date"))) or parse_dateline(text),
        input_path=where,
    )


def _opt_str(value) -> str | None:
    if value is None:
        return None
    value = str(value).strip()
    return value or None


def read_json(path: str, size: int, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[ReadItem]:
    """A .json file holding one document object or a list of them."""
    if size > max_bytes:
        yield ReadItem(too_large_document(path, size, max_bytes), size)
        return
    with open(path, "rb") as fh:
        data = fh.read()
    stem = Path(path).name.split(".")[0]
    try:
        parsed = json.loads(data)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        yield ReadItem(
            failed_document(path, STATUS_ERROR_PARSE, f"file is not valid JSON: {exc}", raw=data),
            size,
        )
        return
    records = parsed if isinstance(parsed, list) else [parsed]
    if not all(isinstance(r, dict) and isinstance(r.get("text"), str) for r in records):
        yield ReadItem(
            failed_document(
                path,
                STATUS_ERROR_PARSE,
                'JSON file is neither a document ({"text": ...}) nor a list of documents',
                raw=data,
            ),
            size,
        )
        return
    for n, record in enumerate(records, start=1):
        line = json.dumps(record).encode()
        yield ReadItem(jsonl_record(line, f"{path}#{n}", f"{stem}:{n}"), size // len(records))


# --------------------------------------------------------------------------- stdin


def read_stream(stream: BinaryIO, label: str, max_bytes: int) -> Iterator[ReadItem]:
    """stdin: JSONL when the first byte is '{', HTML when it looks like a page, else text."""
    buffered = io.BufferedReader(stream) if not hasattr(stream, "peek") else stream
    head = buffered.peek(2048)[:2048].lstrip()
    if head.startswith(b"{"):
        yield from _read_jsonl_stream(buffered, label, max_bytes)
        return
    data = read_limited(buffered, max_bytes)
    if data is None:
        yield ReadItem(too_large_document(label, max_bytes + 1, max_bytes), 0)
        return
    doc = _sniffed_document(label, data)
    if doc.doc_id == "<stdin>":
        doc.doc_id = f"stdin-{doc.content_hash[:12]}"
    yield ReadItem(doc, len(data))


# --------------------------------------------------------------------------- helpers


def finish_document(
    text: str,
    doc_id: str,
    title: str | None = None,
    url: str | None = None,
    source: str | None = None,
    published=None,
    input_path: str | None = None,
) -> Document:
    """Give a decoded document its hash, language and status (ok, empty or other language)."""
    doc = Document(
        doc_id=doc_id,
        text=text,
        content_hash=content_hash(text),
        title=title,
        url=web_url(url),  # only http(s) URLs become links
        source=source,
        published=published,
        input_path=input_path,
    )
    if not text.strip():
        doc.status, doc.error = STATUS_SKIPPED_EMPTY, "the document has no text"
        doc.content_hash = content_hash(f"empty:{input_path}")
        return doc
    # the hash stays the whole input's: re-reading the same page finds it stored
    split = english_part(text)
    doc.language = split.language
    if split.language != "en":
        doc.status = STATUS_SKIPPED_LANGUAGE
        doc.error = f"language detected as {doc.language!r}; only English is coded"
    else:
        doc.status = STATUS_OK
        doc.text = split.english  # a mixed page: its English paragraphs only
    return doc


def failed_document(path: str, status: str, message: str, raw: bytes | None = None) -> Document:
    """A Document standing for input that could not be read or coded."""
    digest = content_hash(
        f"{status}:{path}:".encode() + (content_hash(raw).encode() if raw else b"")
    )
    return Document(
        doc_id=Path(path.split("#")[0]).name.split(".")[0] or path,
        text="",
        content_hash=digest,
        input_path=path,
        status=status,
        error=message,
    )


def skipped_special(path: str, reason: str) -> Document:
    """The record of a folder entry that is not a file to read (FIFO, socket, broken link)."""
    doc = failed_document(path, STATUS_SKIPPED_SPECIAL, f"not read: {reason}")
    doc.doc_id = Path(path).name or path
    return doc


def too_large_document(path: str, size: int, max_bytes: int) -> Document:
    return failed_document(
        path,
        STATUS_ERROR_TOO_LARGE,
        f"document is {size:,} bytes, over the {max_bytes:,}-byte limit; split it or raise "
        "--max-bytes",
        raw=str(size).encode(),
    )
