"""One round over the sources: the read tasks for the engine, and the state kept once committed.

A round lists the files that changed, then for each fetched source reads its listing (a feed or
sitemap, fetched conditionally) and fetches the pages it names that were never coded, a few
at a time per host. The pages travel to the workers as `ReadTask`s (extraction and coding
happen there, as for files). What was fetched is written to `source_state` only when the
batch holding its documents is committed (`commit`, called by the engine), and a listing's new
ETag only after all its pages: a crash or a kill loses at most the batch in flight, and the
next round fetches the listing again and completes it. One source failing (an error, a
timeout, a malformed feed) is recorded and logged; the other sources go on.
"""

from __future__ import annotations

import hashlib
import logging
from collections import Counter, deque
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING

from polybius.ingest.paths import expand_inputs
from polybius.sources import listings
from polybius.sources.folder import FileTracker
from polybius.sources.spec import AUTO, FILES, URLS, Source, read_url_list
from polybius.store import state
from polybius.store.db import Store
from polybius.store.state import UrlState

if TYPE_CHECKING:  # the readers and httpx are imported once there is something to read
    from polybius.ingest.tasks import Page, ReadTask
    from polybius.sources.fetch import Fetched, Fetcher

log = logging.getLogger("polybius.sources")

PAGES_PER_TASK = 8
MAX_SITEMAP_DEPTH = 2  # an index of sitemaps of sitemaps, no deeper
FINISHED = (state.DONE, state.UNCHANGED, state.BLOCKED, state.REFUSED)


def _digest(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


class Poller:
    """Plans rounds over `sources` and records their outcome in the store."""

    def __init__(self, store: Store, sources: list[Source], max_bytes: int):
        self.store = store
        self.files = [s.target for s in sources if s.kind == FILES]
        self.remote = [s for s in sources if s.kind != FILES]
        self.max_bytes = max_bytes
        self.tracker = FileTracker(store)
        self.pending: dict[str, list[UrlState]] = {}  # commit key -> rows to record then
        self.unchanged_files = 0
        self.counts: Counter = Counter()  # outcomes of this poller's fetches

    # ------------------------------------------------------------------ planning

    def changed_files(self) -> list[str]:
        """The input files new or changed since they were last coded (raises InputNotFound)."""
        files = expand_inputs(self.files) if self.files else []
        todo, self.unchanged_files = self.tracker.changed(files)
        return todo

    def tasks(self, files: list[str], fetcher: Fetcher | None) -> Iterator[ReadTask]:
        """The read tasks of one round: the changed files, then each fetched source's pages."""
        from polybius.ingest.tasks import plan_tasks

        if files:
            yield from plan_tasks(files, self.max_bytes)
        if fetcher is None:
            return
        for source in self.remote:
            try:
                yield from self._source_tasks(source, fetcher)
            except Exception as exc:  # a bug or a strange listing must not stop the others
                log.exception("source %s failed: %s", source.name, exc)
                failed = UrlState(source.name, source.target, source.kind, state.now())
                failed.status, failed.error = state.ERROR, f"{type(exc).__name__}: {exc}"
                self._record([failed])

    def commit(self, keys: list[str]) -> None:
        """Record the files and URLs whose documents are now committed (the engine's hook)."""
        self.tracker.commit(keys)
        self._record([row for key in keys for row in self.pending.pop(key, [])])

    def _record(self, rows: list[UrlState]) -> None:
        state.record_urls(self.store.con, rows)

    # ------------------------------------------------------------------ one source

    def _source_tasks(self, source: Source, fetcher: Fetcher) -> Iterator[ReadTask]:
        known = state.url_states(self.store.con, source.name)
        if source.kind == URLS:
            items, rows = read_url_list(source.target), []
        else:
            kind = source.kind if source.kind != AUTO else None
            items, rows, page = self._listing(source, source.target, kind, known, fetcher, 0)
            if page is not None:  # the source is a page itself
                from polybius.ingest.tasks import page_task

                self.pending[page.url] = rows
                yield page_task([page])
                return
        yield from self._pages(source, self._new(source, items, known), fetcher, rows)

    def _listing(
        self,
        source: Source,
        url: str,
        kind: str | None,
        known: dict[str, UrlState],
        fetcher: Fetcher,
        depth: int,
    ) -> tuple[list[str], list[UrlState], Page | None]:
        """A listing's article URLs, the rows to record once they are committed, and the page
        when the URL turned out to be one. An unchanged listing (304, same body) lists none."""
        from polybius.ingest.tasks import Page
        from polybius.sources.fetch import LISTING_TYPES, PAGE_TYPES

        prior = known.get(url)
        fetched = fetcher.get(
            url,
            etag=prior.etag if prior else None,
            last_modified=prior.last_modified if prior else None,
            types=PAGE_TYPES + LISTING_TYPES,
        )
        self.counts[fetched.outcome] += 1
        row = self._row(source, fetched, prior, kind or listings.PAGE)
        if not fetched.ok:
            self._record([row])
            return self._children(source, [], known, fetcher, depth) if prior else ([], [], None)
        body = listings.unpack(fetched.body, self.max_bytes)
        row.kind = kind or listings.kind_of(body)
        row.content_hash = _digest(body)
        if (
            prior is not None
            and prior.content_hash == row.content_hash
            and prior.status in FINISHED
        ):
            row.status = state.UNCHANGED
            self._record([row])
            return self._children(source, [], known, fetcher, depth)
        if row.kind == listings.PAGE:
            return [], [row], Page(url, fetched.body)
        found = listings.read_listing(body, row.kind)
        items, rows, _ = self._children(source, found.sitemaps, known, fetcher, depth)
        return [*found.articles, *items], [row, *rows], None

    def _children(
        self,
        source: Source,
        sitemaps: list[str],
        known: dict[str, UrlState],
        fetcher: Fetcher,
        depth: int,
    ) -> tuple[list[str], list[UrlState], None]:
        """The articles of the sitemaps an index lists. When the root listing is unchanged or
        unreachable, the sitemaps it listed before are checked (conditionally) instead: an
        index often stays the same while its newest sitemap grows."""
        if depth == 0 and not sitemaps:
            sitemaps = [
                u for u, s in known.items() if s.kind == listings.SITEMAP and u != source.target
            ]
        items: list[str] = []
        rows: list[UrlState] = []
        for child in sitemaps if depth < MAX_SITEMAP_DEPTH else []:
            more, child_rows, _ = self._listing(
                source, child, listings.SITEMAP, known, fetcher, depth + 1
            )
            items.extend(more)
            rows.extend(child_rows)
        return items, rows, None

    def _new(self, source: Source, items: list[str], known: dict[str, UrlState]) -> list[str]:
        """Pages to fetch: listed and never finished by any source, or failed last time."""
        retry = [
            u
            for u, s in known.items()
            if s.kind == listings.PAGE and s.status == state.ERROR and u != source.target
        ]
        candidates = list(dict.fromkeys([*items, *retry]))
        finished = state.finished_urls(self.store.con, candidates, FINISHED)
        return [u for u in candidates if u not in finished and u not in self.pending]

    def _pages(
        self, source: Source, urls: list[str], fetcher: Fetcher, listing_rows: list[UrlState]
    ) -> Iterator[ReadTask]:
        """Fetch `urls` (a window at a time) and yield their pages in tasks; the listing's rows
        ride on the last task, so they are recorded after every page before them."""
        from polybius.ingest.tasks import Page, page_task

        held: ReadTask | None = None
        group: list[Page] = []
        for fetched in self._fetch_all(urls, fetcher):
            row = self._row(source, fetched, None, listings.PAGE)
            if not fetched.ok:
                self._record([row])
                continue
            row.content_hash = _digest(fetched.body)
            self.pending[fetched.url] = [row]
            group.append(Page(fetched.url, fetched.body))
            if len(group) >= PAGES_PER_TASK:
                if held is not None:
                    yield held
                held, group = page_task(group), []
        if group:
            if held is not None:
                yield held
            held = page_task(group)
        if held is None:
            self._record(listing_rows)
            return
        key = f"listing\x1f{source.name}"
        self.pending[key] = listing_rows
        held.completes = (*held.completes, key)
        yield held

    def _fetch_all(self, urls: list[str], fetcher: Fetcher) -> Iterator[Fetched]:
        """Fetched pages in `urls` order, at most `concurrency` requests at once and a bounded
        number of bodies waiting; closing the iterator cancels what has not started."""
        if not urls:
            return
        width = max(1, fetcher.policy.concurrency)
        pool = ThreadPoolExecutor(width, thread_name_prefix="fetch")
        window: deque[Future] = deque()
        todo = iter(urls)
        try:
            for url in todo:
                window.append(pool.submit(fetcher.get, url))
                if len(window) >= 2 * width:
                    yield self._counted(window.popleft().result())
            while window:
                yield self._counted(window.popleft().result())
        finally:
            pool.shutdown(wait=True, cancel_futures=True)

    def _counted(self, fetched: Fetched) -> Fetched:
        self.counts[fetched.outcome] += 1
        return fetched

    @staticmethod
    def _row(source: Source, fetched: Fetched, prior: UrlState | None, kind: str) -> UrlState:
        row = UrlState(
            source.name,
            fetched.url,
            kind,
            state.now(),
            etag=fetched.etag,
            last_modified=fetched.last_modified,
            http_status=fetched.http_status or None,
            status=fetched.outcome,
            error=fetched.error,
        )
        # a 304 repeats nothing, and a failed fetch must not lose what the last good one said
        if fetched.outcome in (state.UNCHANGED, state.ERROR) and prior is not None:
            row.etag = fetched.etag or prior.etag
            row.last_modified = fetched.last_modified or prior.last_modified
            row.content_hash, row.kind = prior.content_hash, prior.kind
        return row
