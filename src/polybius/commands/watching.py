"""`polybius watch`: poll feeds, sitemaps, URL lists and folders, code what is new, repeat.

Each round goes through the same engine as `polybius code` (workers, batches, content-hash
idempotence, per-document errors in the store), then updates the aggregation incrementally.
The store's `source_state` table (store/state.py) is what makes a restart resume: nothing
committed is fetched or coded again. SIGTERM stops like Ctrl-C: the batch in hand is
committed, then the command exits.
"""

from __future__ import annotations

import json
import logging
import re
import signal
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console

from polybius.commands import CommandError
from polybius.commands.coding import CodeOptions, code_round
from polybius.store.db import Store

if TYPE_CHECKING:
    from polybius.engine.runner import RunSummary
    from polybius.sources.fetch import FetchPolicy

log = logging.getLogger("polybius.watch")

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
# the standard attributes of a log record: anything else on it came from `extra=`
_RECORD_FIELDS = frozenset(vars(logging.makeLogRecord({}))) | {"message", "asctime"}


def parse_every(text: str) -> float:
    """Seconds of an interval such as 15m, 30s, 2h, 1d or a bare number of seconds."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*", text.lower())
    if not match or float(match.group(1)) <= 0:
        raise CommandError(f"--every {text!r}: give a duration such as 30s, 15m, 2h or 1d")
    return float(match.group(1)) * _UNITS[match.group(2) or "s"]


class JsonLogFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message and the record's extra fields."""

    def format(self, record: logging.LogRecord) -> str:
        data = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        data.update({k: v for k, v in vars(record).items() if k not in _RECORD_FIELDS})
        if record.exc_info:
            data["exception"] = self.formatException(record.exc_info)
        return json.dumps(data, ensure_ascii=False, default=str)


def setup_logging(log_format: str) -> None:
    """Logs on stderr at INFO (one line per fetch, batch and round), as text or JSON lines."""
    handler = logging.StreamHandler()
    if log_format == "json":
        handler.setFormatter(JsonLogFormatter())
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=logging.WARNING, handlers=[handler], force=True)
    logging.getLogger("polybius").setLevel(logging.INFO)
    logging.getLogger("httpx").setLevel(logging.WARNING)  # our own line per fetch says more


@dataclass
class WatchOptions:
    sources: list[str]
    db: Path
    every: float
    once: bool
    code: CodeOptions
    policy: FetchPolicy
    archive: Path | None = None
    quiet: bool = False  # no progress bars (JSON logs)


class _Stop:
    """SIGTERM (and Ctrl-C between rounds): stop after the batch in hand, as Ctrl-C does."""

    def __init__(self) -> None:
        self.event = threading.Event()
        self.fetch_stopping: threading.Event | None = None

    def __call__(self, signum, frame) -> None:
        first = not self.event.is_set()
        self.event.set()
        if self.fetch_stopping is not None:
            self.fetch_stopping.set()
        handler = signal.getsignal(signal.SIGINT)
        if signum == signal.SIGTERM and callable(handler) and handler is not self:
            handler(signal.SIGINT, frame)  # the engine's Ctrl-C handler: commit, then stop
        elif first:
            log.warning("stopping (signal %d)", signum)


def watch(options: WatchOptions, console: Console) -> int:
    """Run rounds until stopped (or once); the exit status."""
    from polybius.sources.poll import Poller
    from polybius.sources.spec import SourceError, parse_source

    try:
        sources = [parse_source(s) for s in options.sources]
    except SourceError as exc:
        raise CommandError(str(exc)) from None
    stop = _Stop()
    previous = {s: signal.signal(s, stop) for s in (signal.SIGINT, signal.SIGTERM)}
    quiet = Console(stderr=True, quiet=True) if options.quiet else console
    archive = _archive(options.archive)
    try:
        with Store(options.db, publish=True) as store:  # readers read its snapshot meanwhile
            poller = Poller(store, sources, options.code.max_bytes)
            fetcher = _fetcher(options.policy, archive) if poller.remote else None
            stop.fetch_stopping = fetcher.stopping if fetcher else None
            rounds, interrupted = 0, False
            while not stop.event.is_set():
                rounds += 1
                summary = _one_round(store, poller, fetcher, options, quiet, rounds)
                interrupted = summary.interrupted
                if interrupted or options.once:
                    break
                if stop.event.wait(options.every):
                    break
            if fetcher is not None:
                fetcher.close()
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        if archive is not None:
            archive.close()
    log.info("stopped", extra={"event": "stop", "sources": [s.name for s in sources]})
    # stopped between rounds, nothing was cut short: a normal end (as under a service manager)
    return 130 if interrupted else 0


def _one_round(store, poller, fetcher, options: WatchOptions, console: Console, n: int):
    """Code what is new in every source, then update the aggregation."""
    started = time.perf_counter()
    poller.counts.clear()
    if fetcher is not None:
        fetcher.new_round()
    try:
        summary, checker = code_round(store, poller, fetcher, options.code, console)
    except FileNotFoundError as exc:  # a watched folder removed: say so, keep watching
        log.error("round %d: %s", n, exc)
        from polybius.engine.runner import RunSummary

        return RunSummary()
    if summary.written:
        from polybius.commands.aggregation import aggregate_store, summary_line

        log.info(summary_line(aggregate_store(store, console, deduplicator=checker)))
        store.publish_snapshot(force=True)  # readers see the round's aggregated events
    store.release()  # a `serve` may read the store until the next round
    _log_round(n, summary, dict(poller.counts), time.perf_counter() - started)
    return summary


def _log_round(n: int, summary: RunSummary, fetches: dict, seconds: float) -> None:
    log.info(
        "round %d: %d documents read, %d new, %d events, %d files unchanged, fetches %s (%.1f s)",
        n,
        summary.documents,
        summary.written,
        summary.events,
        summary.unchanged_files,
        fetches or "none",
        seconds,
        extra={
            "event": "round",
            "round": n,
            "documents": summary.documents,
            "new": summary.written,
            "events": summary.events,
            "errors": len(summary.errors),
            "unchanged_files": summary.unchanged_files,
            "fetches": fetches,
            "seconds": round(seconds, 3),
        },
    )


def _fetcher(policy: FetchPolicy, archive):
    from polybius.sources.fetch import Fetcher

    return Fetcher(policy, archive=archive)


def _archive(folder: Path | None):
    if folder is None:
        return None
    from polybius.sources.archive import WarcArchive

    archive = WarcArchive(folder)
    log.info("archiving responses to %s", archive.path)
    return archive
