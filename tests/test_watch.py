"""`polybius watch` and `polybius code URL` against a news site served on 127.0.0.1.

The site (tests/website.py) serves the fixtures of tests/data/web: an RSS feed, an Atom feed,
a sitemap index with a news sitemap, six pages and a robots.txt that keeps one path out.
Rounds run in this process with one worker (the model is loaded once per test session).
"""

from __future__ import annotations

import io
import json
import logging
import os
import signal
import time
from pathlib import Path

import duckdb
import pytest
from rich.console import Console

from polybius.coding.coder import CoderSpec
from polybius.commands import CommandError
from polybius.commands.coding import CodeOptions
from polybius.commands.watching import WatchOptions, parse_every, watch
from polybius.sources.fetch import FetchPolicy
from website import Site

FAST = FetchPolicy(host_interval=0.0, timeout=2.0, retries=0, backoff=0.01)


@pytest.fixture
def site():
    site = Site()
    site.start()
    yield site
    site.stop()


def watch_once(db: Path, sources: list[str], policy: FetchPolicy = FAST, **kw) -> int:
    options = WatchOptions(
        sources=sources,
        db=db,
        every=3600.0,
        once=kw.pop("once", True),
        code=CodeOptions(
            batch_size=4, max_bytes=1 << 20, workers=1, prefilter=True, spec=CoderSpec()
        ),
        policy=policy,
        **kw,
    )
    return watch(options, Console(file=io.StringIO()))


def rows(db: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


def stored_urls(db: Path) -> list[str]:
    return sorted(r[0] for r in rows(db, "SELECT url FROM documents"))


def state_of(db: Path, url: str) -> str:
    return rows(db, f"SELECT status FROM source_state WHERE url = '{url}'")[0][0]


def test_feed_items_are_coded_once_and_unchanged_ones_not_fetched_again(site, tmp_path):
    db = tmp_path / "w.duckdb"
    feed = site.base + "/feed.xml"
    assert watch_once(db, [feed]) == 0
    assert stored_urls(db) == [site.base + "/news/harbour.html", site.base + "/news/sanctions.html"]
    assert rows(db, "SELECT count(*) FROM events")[0][0] > 0
    # robots.txt keeps /private/ out: never asked for, recorded as such
    assert site.fetched("/private/news/private.html") == 0
    assert state_of(db, site.base + "/private/news/private.html") == "robots"
    assert all(agent.startswith("Polybius/") for agent in site.agents)

    # nothing changed: the feed answers 304 and no page is asked for again
    assert watch_once(db, [feed]) == 0
    assert site.fetched("/feed.xml", 304) == 1
    assert site.fetched("/news/harbour.html") == site.fetched("/news/sanctions.html") == 1

    # a new item: only that page is fetched and coded
    text = (Path(__file__).parent / "data/web/feed.xml").read_text()
    extra = "<item><title>Talks</title><link>{base}/news/ceasefire.html</link></item>"
    site.put("/feed.xml", text.replace("</channel>", extra + "</channel>"))
    assert watch_once(db, [feed]) == 0
    assert site.fetched("/news/ceasefire.html") == 1
    assert site.fetched("/news/harbour.html") == 1
    assert len(stored_urls(db)) == 3
    assert rows(db, "SELECT count(DISTINCT content_hash) FROM documents")[0][0] == 3


def test_sitemap_index_with_a_news_sitemap_and_an_atom_feed(site, tmp_path):
    db = tmp_path / "w.duckdb"
    sources = [site.base + "/sitemap_index.xml", "feed:" + site.base + "/atom.xml"]
    assert watch_once(db, sources) == 0
    names = {u.rsplit("/", 1)[1] for u in stored_urls(db)}
    assert names == {"protest.html", "aid.html", "ceasefire.html"}
    kinds = dict(rows(db, "SELECT url, kind FROM source_state"))
    assert kinds[site.base + "/sitemap_index.xml"] == "sitemap"
    assert kinds[site.base + "/news_sitemap.xml"] == "sitemap"
    # the index did not change but its news sitemap is asked again (conditionally)
    assert watch_once(db, sources) == 0
    assert site.fetched("/news_sitemap.xml", 304) == 1
    assert site.fetched("/news/protest.html") == 1


def test_a_failing_and_a_timing_out_feed_do_not_stop_the_others(site, tmp_path):
    db = tmp_path / "w.duckdb"
    site.put("/broken.xml", "<rss/>")
    site.failing.add("/broken.xml")
    site.put("/slow.xml", (Path(__file__).parent / "data/web/atom.xml").read_text())
    site.slow["/slow.xml"] = 1.5
    policy = FetchPolicy(host_interval=0.0, timeout=0.4, retries=1, backoff=0.01)
    sources = [site.base + "/broken.xml", site.base + "/slow.xml", site.base + "/feed.xml"]
    assert watch_once(db, sources, policy) == 0
    assert len(stored_urls(db)) == 2  # the working feed's pages
    assert site.fetched("/broken.xml", 500) == 2  # retried once
    broken = rows(db, f"SELECT status, error FROM source_state WHERE url = '{sources[0]}'")
    assert broken == [("error", "HTTP 500")]
    slow = rows(db, f"SELECT status, error FROM source_state WHERE url = '{sources[1]}'")
    assert slow[0][0] == "error" and "timed out" in slow[0][1]


def test_unchanged_page_without_validators_is_known_by_its_hash(site, tmp_path):
    db = tmp_path / "w.duckdb"
    site.plain.add("/news/aid.html")
    page = "page:" + site.base + "/news/aid.html"
    assert watch_once(db, [page]) == 0
    assert watch_once(db, [page]) == 0
    assert site.fetched("/news/aid.html", 200) == 2  # no ETag: fetched, then seen unchanged
    assert state_of(db, site.base + "/news/aid.html") == "unchanged"
    assert len(stored_urls(db)) == 1


def test_url_list_and_archive_replayed_offline(site, tmp_path):
    from polybius.public import code_files

    urls = tmp_path / "urls.txt"
    urls.write_text(f"# two pages\n{site.base}/news/protest.html\n\n{site.base}/news/aid.html\n")
    db, archive = tmp_path / "w.duckdb", tmp_path / "warc"
    assert watch_once(db, [f"urls:{urls}"], archive=archive) == 0
    warcs = list(archive.glob("*.warc.gz"))
    assert len(warcs) == 1
    site.stop()  # offline from here
    replay = tmp_path / "replay.duckdb"
    code_files(warcs, db=replay, workers=1)
    hashes = "SELECT content_hash FROM documents ORDER BY 1"
    assert rows(replay, hashes) == rows(db, hashes) and len(rows(db, hashes)) == 2


def test_sigterm_between_rounds_stops_cleanly(site, tmp_path):
    """SIGTERM while waiting for the next round ends the watch with status 0."""

    class SendTerm(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if getattr(record, "event", None) == "round":
                os.kill(os.getpid(), signal.SIGTERM)

    handler = SendTerm()
    logger = logging.getLogger("polybius.watch")
    logger.addHandler(handler)
    old_level = logger.level
    logger.setLevel(logging.INFO)
    try:
        status = watch_once(
            tmp_path / "w.duckdb", ["page:" + site.base + "/news/aid.html"], once=False
        )
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)
    assert status == 0
    assert signal.getsignal(signal.SIGTERM) in (signal.SIG_DFL, None)


def test_code_accepts_a_url(site, tmp_path):
    from typer.testing import CliRunner

    from polybius.cli import app

    db = tmp_path / "c.duckdb"
    result = CliRunner().invoke(
        app, ["code", site.base + "/news/harbour.html", "--db", str(db), "--workers", "1"]
    )
    assert result.exit_code == 0, result.output
    assert stored_urls(db) == [site.base + "/news/harbour.html"]


def test_api_health_and_sources(site, tmp_path):
    from fastapi.testclient import TestClient

    from polybius.api.app import close_app, create_app

    db = tmp_path / "w.duckdb"
    site.failing.add("/news/sanctions.html")
    watch_once(db, [site.base + "/feed.xml"])
    app = create_app(db)
    try:
        client = TestClient(app, base_url="http://127.0.0.1")
        health = client.get("/api/health").json()
        assert health["status"] == "ok" and health["documents"] == 1
        assert health["sources"] == 1 and health["sources_failing"] == 1
        (source,) = client.get("/api/sources").json()["sources"]
        assert source["source"] == site.base + "/feed.xml"
        assert source["done"] == 2 and source["errors"] == 1 and source["refused"] == 1
        assert source["last_error"] == "HTTP 500"
    finally:
        close_app(app)


def test_a_store_without_the_state_tables_gains_them(tmp_path):
    from fastapi.testclient import TestClient

    from polybius.api.app import close_app, create_app
    from polybius.store.db import Store

    db = tmp_path / "old.duckdb"
    with Store(db):
        pass
    with duckdb.connect(str(db)) as con:  # as a store of an earlier version
        con.execute("DROP TABLE source_state")
        con.execute("DROP TABLE file_state")
    app = create_app(db)  # read-only: sees no sources
    try:
        assert TestClient(app, base_url="http://127.0.0.1").get("/api/sources").json() == {
            "sources": []
        }
    finally:
        close_app(app)
    with Store(db) as store:  # opened for writing: migrated
        tables = {
            r[0] for r in store.con.execute("SELECT table_name FROM duckdb_tables()").fetchall()
        }
    assert {"source_state", "file_state"} <= tables


def test_every_and_bad_sources_are_user_errors(tmp_path):
    assert parse_every("15m") == 900 and parse_every("30s") == 30 and parse_every("2") == 2
    assert parse_every("1.5h") == 5400
    for bad in ("0", "fast", "10y", "-5m"):
        with pytest.raises(CommandError):
            parse_every(bad)
    with pytest.raises(CommandError, match="http"):
        watch_once(tmp_path / "w.duckdb", ["feed:/etc/passwd"])
    with pytest.raises(CommandError, match="no file"):
        watch_once(tmp_path / "w.duckdb", ["urls:" + str(tmp_path / "missing.txt")])


def test_json_log_lines_carry_the_fields():
    from polybius.commands.watching import JsonLogFormatter

    record = logging.makeLogRecord(
        {"name": "polybius.fetch", "msg": "fetched %s", "args": ("u",), "levelname": "INFO"}
    )
    record.event, record.http_status = "fetch", 304
    line = json.loads(JsonLogFormatter().format(record))
    assert line["message"] == "fetched u" and line["event"] == "fetch"
    assert line["http_status"] == 304 and line["level"] == "info"


# ----------------------------------------------------------------------------- the fetcher


def test_fetcher_refuses_large_bodies_and_other_content_types(site):
    from polybius.sources.fetch import Fetcher

    site.put("/big.html", "<html><body>" + "word " * 5000 + "</body></html>")
    site.put("/logo.png", "not really an image", content_type="image/png")
    with Fetcher(FetchPolicy(host_interval=0.0, max_bytes=2000)) as fetcher:
        big = fetcher.get(site.base + "/big.html")
        image = fetcher.get(site.base + "/logo.png")
        page = fetcher.get(site.base + "/news/aid.html")
        missing = fetcher.get(site.base + "/news/gone.html")
    assert (big.outcome, image.outcome, missing.outcome) == ("refused",) * 3
    assert "2,000 bytes" in big.error and "image/png" in image.error
    assert missing.error == "HTTP 404"
    assert page.ok and page.etag and page.last_modified and b"Japan" in page.body


def test_fetcher_spaces_requests_to_one_host(site):
    from itertools import pairwise

    from polybius.sources.fetch import Fetcher

    with Fetcher(FetchPolicy(host_interval=0.25, host_concurrency=2)) as fetcher:
        sent: list[float] = []  # when the fetcher sends each page request
        stream = fetcher.client.stream

        def timed_stream(method, url, **kwargs):
            if not str(url).endswith("/robots.txt"):
                sent.append(time.monotonic())
            return stream(method, url, **kwargs)

        fetcher.client.stream = timed_stream
        fetcher.get(site.base + "/news/aid.html")  # robots.txt, then the page
        fetcher.get(site.base + "/news/aid.html")
        fetcher.get(site.base + "/news/harbour.html")
    # the page requests leave a quarter second apart, counted from when each really left,
    # however late a busy machine woke the fetcher (where they arrive, a loaded server adds
    # its own jitter, so the host's arrival times are only counted)
    assert len([p for _, p in site.arrivals if p != "/robots.txt"]) == 3
    assert len(sent) == 3
    assert all(b - a >= 0.25 for a, b in pairwise(sent))


def test_unreachable_robots_txt_means_no_fetching(site):
    from polybius.sources.fetch import Fetcher

    site.failing.add("/robots.txt")
    with Fetcher(FAST) as fetcher:
        result = fetcher.get(site.base + "/news/aid.html")
    assert result.outcome == "robots" and site.fetched("/news/aid.html") == 0


def test_a_watched_folder_is_read_incrementally(site, tmp_path, caplog):
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "a.txt").write_text("Chile recalled its ambassador from Peru on Monday.")
    db = tmp_path / "w.duckdb"
    sources = [str(folder), "page:" + site.base + "/news/aid.html"]
    caplog.set_level(logging.INFO, logger="polybius.watch")
    assert watch_once(db, sources) == 0
    (folder / "b.txt").write_text("Chad closed its border with Sudan on Friday.")
    assert watch_once(db, sources) == 0
    rounds = [r for r in caplog.records if getattr(r, "event", None) == "round"]
    assert [(r.documents, r.new, r.unchanged_files) for r in rounds] == [(2, 2, 0), (1, 1, 1)]
