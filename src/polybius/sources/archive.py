"""Keep every fetched response in a WARC file, so a run can be replayed offline.

`polybius watch ... --archive DIR` writes DIR/polybius-<time>.warc.gz (one gzip member per
record, so a file cut short by a crash keeps its earlier records). Replaying is coding the file:
`polybius code DIR/polybius-<time>.warc.gz` reads its HTML responses (feeds and sitemaps
are kept too, for the record, and skipped by the reader).
"""

from __future__ import annotations

import io
import threading
from datetime import UTC, datetime
from pathlib import Path

import httpx

from polybius.sources.fetch import Fetched

# headers that described the bytes on the wire; the archived body is already decoded
_WIRE_HEADERS = frozenset({"content-encoding", "transfer-encoding", "content-length"})


class WarcArchive:
    """Appends response records to one .warc.gz file (thread-safe)."""

    def __init__(self, folder: Path):
        from warcio.warcwriter import WARCWriter

        folder.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
        self.path = folder / f"polybius-{stamp}.warc.gz"
        self._fh = open(self.path, "ab")  # noqa: SIM115  (closed by close())
        self._writer = WARCWriter(self._fh, gzip=True)
        self._lock = threading.Lock()

    def __call__(self, fetched: Fetched, response: httpx.Response) -> None:
        from warcio.statusandheaders import StatusAndHeaders

        headers = [(k, v) for k, v in response.headers.items() if k.lower() not in _WIRE_HEADERS]
        http_headers = StatusAndHeaders(
            f"{response.status_code} {response.reason_phrase}", headers, protocol="HTTP/1.1"
        )
        record = self._writer.create_warc_record(
            str(response.url),
            "response",
            payload=io.BytesIO(fetched.body),
            http_headers=http_headers,
        )
        with self._lock:
            self._writer.write_record(record)
            self._fh.flush()

    def close(self) -> None:
        with self._lock:
            self._fh.close()
