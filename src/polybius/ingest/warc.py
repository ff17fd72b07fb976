"""WARC archives (.warc, .warc.gz): one document per HTML response record."""

from __future__ import annotations

import os
import zlib
from collections.abc import Iterator
from pathlib import Path

from polybius.ingest.sources import (
    DEFAULT_MAX_BYTES,
    ReadItem,
    failed_document,
    html_document,
    read_limited,
    too_large_document,
)
from polybius.models import STATUS_ERROR_PARSE, STATUS_ERROR_READ, content_hash


def read_warc(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[ReadItem]:
    """The HTML responses of a WARC file; a truncated file or record gives `error:read`.

    warcio stops quietly at a cut-off record, so the end is checked here: a record whose
    payload ended early, or compressed bytes left unread after the last record, is reported
    with the byte offset where the damage starts.
    """
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    size = os.path.getsize(path)
    with open(path, "rb") as fh:
        records = ArchiveIterator(fh)
        try:
            for n, record in enumerate(records, start=1):
                item = _warc_item(path, n, record, records, max_bytes)
                if item is not None:
                    yield item
        except ArchiveLoadFailed as exc:
            yield ReadItem(
                failed_document(path, STATUS_ERROR_PARSE, f"not a readable WARC file: {exc}"),
                size,
            )
            return
        except Exception as exc:  # warcio fails in many ways on damaged input
            yield _warc_damage(path, records.offset, f"{type(exc).__name__}: {exc}")
            return
        cut = _incomplete_gzip_member(path) if path.lower().endswith(".gz") else None
        if records.offset < size or cut is not None:
            offset = records.offset if cut is None else min(cut, records.offset)
            yield _warc_damage(path, offset, "the file ends inside a record")


def _warc_item(path: str, n: int, record, records, max_bytes: int) -> ReadItem | None:
    """The document of one WARC record (None for records that are not HTML responses)."""
    url = record.rec_headers.get_header("WARC-Target-URI") or ""
    if record.rec_type is None or (
        record.rec_type == "response" and record.http_headers is None and url.startswith("http")
    ):  # warcio's record of a cut-off header
        return _warc_damage(path, records.get_record_offset(), "the file ends inside a record")
    ctype = (record.http_headers.get_header("Content-Type") or "") if record.http_headers else ""
    if record.rec_type != "response" or "html" not in ctype.lower():
        while record.raw_stream.read(1 << 16):  # skipped, but was it whole?
            pass
        if getattr(record.raw_stream, "limit", 0):
            return _warc_damage(path, records.get_record_offset(), "the record is cut off")
        return None
    where = f"{path}#{n}"
    data = read_limited(record.content_stream(), max_bytes)
    if data is None:
        return ReadItem(too_large_document(where, max_bytes + 1, max_bytes), 0)
    missing = getattr(record.raw_stream, "limit", 0)
    if missing:
        offset = records.get_record_offset()  # after the read: it reads the record to its end
        doc = failed_document(
            where,
            STATUS_ERROR_READ,
            f"WARC record at byte {offset} is truncated ({missing:,} bytes missing); the file "
            "was cut off (an interrupted download?)",
            raw=data,
        )
        doc.doc_id, doc.url = f"{Path(path).name.split('.')[0]}@{offset}", url
        return ReadItem(doc, len(data))
    doc = html_document(where, data, url=url, doc_id=f"warc-{content_hash(data)[:12]}")
    return ReadItem(doc, len(data))


def _incomplete_gzip_member(path: str) -> int | None:
    """Where the gzip member that the file ends inside starts (None: every member is whole).

    warcio reads a cut-off member without complaint, so this decompresses the file once more
    (cheap beside coding it) to tell a complete archive from a cut one.
    """
    start = position = 0  # compressed offsets: the current member's start, bytes used
    inflater = zlib.decompressobj(wbits=31)
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            while chunk:
                try:
                    inflater.decompress(chunk, 1 << 22)  # bounded output: a bomb stays cheap
                except zlib.error:
                    return start  # not gzip from here on
                if inflater.eof:  # a member ends in this chunk; the next starts after it
                    position += len(chunk) - len(inflater.unused_data)
                    start, chunk = position, inflater.unused_data
                    inflater = zlib.decompressobj(wbits=31)
                else:
                    rest = inflater.unconsumed_tail
                    position += len(chunk) - len(rest)
                    chunk = rest
    return start if position > start else None


def _warc_damage(path: str, offset: int, reason: str) -> ReadItem:
    doc = failed_document(
        f"{path}#@{offset}",
        STATUS_ERROR_READ,
        f"WARC read error at byte {offset}: {reason}; the records from there on are lost "
        "(a truncated or damaged file?)",
    )
    doc.doc_id = f"{Path(path).name.split('.')[0]}@{offset}"
    return ReadItem(doc, max(os.path.getsize(path) - offset, 0))
