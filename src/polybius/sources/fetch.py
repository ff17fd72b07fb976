"""A polite HTTP fetcher: what `polybius watch` and `polybius code URL` download pages with.

- a descriptive User-Agent, so a site can tell who reads it and how to reach the project;
- robots.txt honoured (including Crawl-delay when it asks for more than our interval);
- per host: at most `host_concurrency` requests at once and `host_interval` seconds between
  request starts; overall at most `concurrency` requests at once (the caller's thread pool);
- timeouts; retries with exponential backoff on network errors, 429 and 5xx (a Retry-After of
  a few seconds is honoured);
- conditional requests (If-None-Match / If-Modified-Since) from the stored ETag and
  Last-Modified: an unchanged feed costs a 304 and no body;
- a size cap (the body is streamed and dropped past `max_bytes`) and a content-type check;
- optionally every response body kept in a WARC archive (see archive.py), for offline replay.

Nothing here raises for a bad URL or server: every outcome is a `Fetched` with a status.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import httpx

from polybius import __version__
from polybius.sources.robots import RobotsRules
from polybius.store import state

log = logging.getLogger("polybius.fetch")

USER_AGENT = (
    f"Polybius/{__version__} (political event coder; reads news pages once, honours robots.txt)"
)
PAGE_TYPES = ("text/html", "application/xhtml+xml")
LISTING_TYPES = ("xml", "rss", "atom", "text/plain", "application/octet-stream", "gzip")
RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
MAX_RETRY_AFTER = 30.0  # a longer Retry-After is not waited for: the next round tries again


@dataclass(frozen=True)
class FetchPolicy:
    """How politely and how patiently to fetch."""

    user_agent: str = USER_AGENT
    timeout: float = 20.0  # seconds, per connect and per read
    retries: int = 2  # more attempts after the first, on network errors, 429 and 5xx
    backoff: float = 1.0  # seconds before the first retry, doubled for each next one
    max_bytes: int = 10 * 1024 * 1024
    host_interval: float = 1.0  # seconds between two request starts on one host
    host_concurrency: int = 2
    concurrency: int = 8
    robots: bool = True


@dataclass
class Fetched:
    """The outcome of one GET: `outcome` is a store.state status (done, unchanged, ...)."""

    url: str
    outcome: str
    http_status: int = 0
    body: bytes = b""
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None
    error: str | None = None
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.outcome == state.DONE


@dataclass
class _HostGate:
    """The per-host limits: a semaphore and the earliest start of the next request."""

    slots: threading.Semaphore
    lock: threading.Lock = field(default_factory=threading.Lock)
    next_start: float = 0.0


class Fetcher:
    """GETs with the policy's limits; thread-safe (share one between a pool's threads)."""

    def __init__(
        self,
        policy: FetchPolicy = FetchPolicy(),
        archive: Callable[[Fetched, httpx.Response], None] | None = None,
        transport: httpx.BaseTransport | None = None,
    ):
        self.policy = policy
        self.archive = archive
        self.client = httpx.Client(
            headers={"User-Agent": policy.user_agent},
            timeout=policy.timeout,
            follow_redirects=True,
            transport=transport,
        )
        self.robots = RobotsRules(policy.user_agent, self._get_robots) if policy.robots else None
        self._gates: dict[str, _HostGate] = {}
        self._lock = threading.Lock()
        self.stopping = threading.Event()  # set to give up waits and retries

    def close(self) -> None:
        self.client.close()

    def new_round(self) -> None:
        """Forget the robots.txt rules read so far: each round reads them afresh (once per
        site), so a changed robots.txt or a site back from an outage is seen."""
        if self.robots is not None:
            self.robots = RobotsRules(self.policy.user_agent, self._get_robots)

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ------------------------------------------------------------------ public

    def get(
        self,
        url: str,
        etag: str | None = None,
        last_modified: str | None = None,
        types: tuple[str, ...] = PAGE_TYPES,
    ) -> Fetched:
        """GET `url` (conditionally when an ETag or Last-Modified is given)."""
        started = time.monotonic()
        if self.stopping.is_set():  # stopping: no new request (the URL is tried next time)
            result = Fetched(url, state.ERROR, error="not fetched: the command was stopping")
        elif self.robots is not None and not self.robots.allowed(url):
            result = Fetched(url, state.BLOCKED, error="disallowed by the site's robots.txt")
        else:
            headers = {}
            if etag:
                headers["If-None-Match"] = etag
            if last_modified:
                headers["If-Modified-Since"] = last_modified
            result = self._with_retries(url, headers, types)
        result.seconds = time.monotonic() - started
        _log_fetch(result)
        return result

    # ------------------------------------------------------------------ internals

    def _with_retries(self, url: str, headers: dict, types: tuple[str, ...]) -> Fetched:
        delay = self.policy.backoff
        for attempt in range(self.policy.retries + 1):
            result, wait = self._attempt(url, headers, types)
            last = attempt == self.policy.retries
            if result.outcome != state.ERROR or wait is None or last or self.stopping.is_set():
                return result
            log.info("retrying %s in %.1f s (%s)", url, max(wait, delay), result.error)
            if self.stopping.wait(max(wait, delay)):
                return result
            delay *= 2
        return result

    def _attempt(self, url: str, headers: dict, types) -> tuple[Fetched, float | None]:
        """One request: the outcome, and the seconds to wait before a retry (None: don't)."""
        gate = self._gate(url)
        with gate.slots:
            self._wait_turn(gate, self._interval(url))
            try:
                with self.client.stream("GET", url, headers=headers) as response:
                    return self._read(url, response, types)
            except httpx.TimeoutException as exc:
                return Fetched(url, state.ERROR, error=f"timed out: {exc or 'no answer'}"), 0.0
            except httpx.HTTPError as exc:
                return Fetched(url, state.ERROR, error=f"{type(exc).__name__}: {exc}"), 0.0

    def _read(self, url: str, response: httpx.Response, types) -> tuple[Fetched, float | None]:
        status = response.status_code
        result = Fetched(
            str(response.url),
            state.ERROR,
            http_status=status,
            content_type=response.headers.get("content-type", "").split(";")[0].strip().lower(),
            etag=response.headers.get("etag"),
            last_modified=response.headers.get("last-modified"),
        )
        result.url = url  # the state is kept under the URL asked for, not the redirect
        if status == 304:
            result.outcome = state.UNCHANGED
            return result, None
        if status >= 400:
            result.error = f"HTTP {status}"
            if status in RETRY_STATUSES:
                return result, _retry_after(response)
            result.outcome = state.REFUSED  # 404, 410, 403...: not asked again
            return result, None
        if types and result.content_type and not any(t in result.content_type for t in types):
            result.outcome = state.REFUSED
            result.error = f"content type {result.content_type!r} is not one we read"
            return result, None
        body = self._body(response)
        if body is None:
            result.outcome = state.REFUSED
            result.error = f"larger than {self.policy.max_bytes:,} bytes (--max-bytes)"
            return result, None
        result.body, result.outcome = body, state.DONE
        if self.archive is not None:
            self.archive(result, response)
        return result, None

    def _body(self, response: httpx.Response) -> bytes | None:
        """The body, or None past the size cap (checked on Content-Length and while reading)."""
        limit = self.policy.max_bytes
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            return None
        chunks, size = [], 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > limit:
                return None
            chunks.append(chunk)
        return b"".join(chunks)

    def _gate(self, url: str) -> _HostGate:
        host = urlsplit(url).netloc.lower()
        with self._lock:
            if host not in self._gates:
                slots = threading.Semaphore(max(1, self.policy.host_concurrency))
                self._gates[host] = _HostGate(slots)
            return self._gates[host]

    def _interval(self, url: str) -> float:
        """Seconds between requests to the host of `url`: ours, or its Crawl-delay if longer."""
        interval = self.policy.host_interval
        if self.robots is not None:
            interval = max(interval, self.robots.crawl_delay(url))
        return interval

    def _wait_turn(self, gate: _HostGate, interval: float) -> None:
        """Sleep until this host may start another request: `interval` seconds after the
        previous request to it actually started, however late a busy machine woke that one
        (the next start is counted from the real start, not the planned one)."""
        while not self.stopping.is_set():
            with gate.lock:
                now = time.monotonic()
                if now >= gate.next_start:
                    gate.next_start = now + interval
                    return
                wait = gate.next_start - now
            self.stopping.wait(wait)

    def _get_robots(self, url: str) -> tuple[int, bytes]:
        gate = self._gate(url)
        with gate.slots:
            self._wait_turn(gate, self.policy.host_interval)
            try:
                response = self.client.get(url)
            except httpx.HTTPError as exc:
                log.warning("could not read %s: %s", url, exc)
                return 0, b""
        return response.status_code, response.content[: self.policy.max_bytes]


def _retry_after(response: httpx.Response) -> float | None:
    """Seconds the server asks us to wait (0 when it does not say; None when too long)."""
    value = response.headers.get("retry-after", "").strip()
    if not value.isdigit():
        return 0.0
    seconds = float(value)
    return seconds if seconds <= MAX_RETRY_AFTER else None


def _log_fetch(result: Fetched) -> None:
    """One line per fetch; failures and refusals as warnings (shown without -v)."""
    level = logging.INFO if result.outcome in (state.DONE, state.UNCHANGED) else logging.WARNING
    log.log(
        level,
        "fetched %s: %s %s (%d bytes, %.2f s)%s",
        result.url,
        result.http_status or "-",
        result.outcome,
        len(result.body),
        result.seconds,
        f": {result.error}" if result.error else "",
        extra={
            "event": "fetch",
            "url": result.url,
            "http_status": result.http_status,
            "outcome": result.outcome,
            "bytes": len(result.body),
            "seconds": round(result.seconds, 3),
            "error": result.error,
        },
    )
