"""A small news site on 127.0.0.1 for the fetching tests: the fixtures of tests/data/web.

Serves feeds, sitemaps, pages and robots.txt with ETag and Last-Modified (answering 304 to
a matching conditional request), counts the requests of every path with the status sent,
records the User-Agent, and can be told to make a path slow, failing or different.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

WEB = Path(__file__).parent / "data" / "web"
LAST_MODIFIED = "Mon, 04 Mar 2024 12:00:00 GMT"
TYPES = {".xml": "application/xml", ".html": "text/html; charset=utf-8", ".txt": "text/plain"}


class Site:
    """The fixture site; `start()` returns its base URL (http://127.0.0.1:PORT)."""

    def __init__(self) -> None:
        self.base = ""
        self.routes: dict[str, tuple[bytes, str]] = {}
        self.hits: Counter = Counter()  # (path, status) -> requests
        self.arrivals: list[tuple[float, str]] = []  # (time.monotonic(), path) of each request
        self.agents: set[str] = set()
        self.slow: dict[str, float] = {}  # path -> seconds to wait before answering
        self.failing: set[str] = set()  # paths answered with 500
        self.plain: set[str] = set()  # paths served without ETag and Last-Modified
        self._server: ThreadingHTTPServer | None = None

    def start(self) -> str:
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802  (http.server's name)
                site.handle(self)

            def log_message(self, *args) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self._server.server_port}"
        for path in sorted(WEB.rglob("*")):
            if path.is_file():
                self.put("/" + path.relative_to(WEB).as_posix(), path.read_text("utf-8"))
        self.put("/private/news/private.html", (WEB / "news" / "private.html").read_text())
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self.base

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    def put(self, path: str, text: str, content_type: str | None = None) -> None:
        """Serve `text` at `path` ({base} in it becomes the site's base URL)."""
        kind = content_type or TYPES.get(Path(path).suffix, "application/octet-stream")
        self.routes[path] = (text.replace("{base}", self.base).encode(), kind)

    def fetched(self, path: str, status: int | None = None) -> int:
        """Requests of `path` (answered with `status`, or any)."""
        return sum(n for (p, s), n in self.hits.items() if p == path and status in (None, s))

    def handle(self, request: BaseHTTPRequestHandler) -> None:
        path = request.path.split("?")[0]
        self.arrivals.append((time.monotonic(), path))
        self.agents.add(request.headers.get("User-Agent", ""))
        if path in self.slow:
            time.sleep(self.slow[path])
        if path in self.failing:
            return self._answer(request, path, 500, b"server error", "text/plain")
        if path not in self.routes:
            return self._answer(request, path, 404, b"not found", "text/plain")
        body, kind = self.routes[path]
        etag = None if path in self.plain else '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        if etag and request.headers.get("If-None-Match") == etag:
            return self._answer(request, path, 304, b"", kind, etag)
        self._answer(request, path, 200, body, kind, etag)

    def _answer(self, request, path, status, body, kind, etag=None) -> None:
        self.hits[path, status] += 1
        try:
            request.send_response(status)
            request.send_header("Content-Type", kind)
            request.send_header("Content-Length", str(len(body)))
            if etag:
                request.send_header("ETag", etag)
                request.send_header("Last-Modified", LAST_MODIFIED)
            request.end_headers()
            if status != 304:
                request.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a timeout test)
