"""Text search through the word index (store/search.py) finds exactly what the scan found.

The old search was `sentence_text ILIKE '%q%'` (q literal) over every sentence; the index
must only make it faster. Each test compares the two on the same store.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date

import duckdb
import pytest

from polybius.api import queries
from polybius.api.filters import EventFilters, and_where, escape_like, ilike_contains
from polybius.api.state import detect_capabilities
from polybius.store import search
from polybius.store.db import SCHEMA_VERSION, Store

# invented sentences: punctuation, case, digits, non-ASCII letters, LIKE's wildcards, repeats
SENTENCES = [
    "The ministers agreed to a ceasefire on Monday.",
    "CEASEFIRE talks collapsed; the convoy turned back.",
    "Rebels shelled the town (again), officials said.",
    "A 50% cut in aid was announced by the donor_group.",
    "The mayor of Zürich met envoys from São Paulo.",
    "Troops crossed the border at 05:30, the army said.",
    "Police fired tear-gas at protesters near the G7 summit.",
    "Talks on the pipe-line treaty resume next week.",
    "The ceasefires held for three days in the north.",
    "Officials said \\ the back-slash was a typo.",
    "ΚΑΛΗΜΕΡΑ said the Greek envoy to the Turkish delegation.",
    "The İstanbul talks ended without a communique.",
    "Drone strikes hit the depot; no casualties were reported.",
    "",
]
QUERIES = [
    "ceasefire",  # one word, in the middle of words too (ceasefires)
    "CeaseFire",  # case
    "cease",  # a prefix
    "fire",  # a suffix (ceasefire, fired)
    "eas",  # inside a word
    "the",  # almost everywhere
    "talks collapsed",  # several words
    "talks collapsed;",  # with punctuation
    "; the",  # punctuation first
    "(again),",  # punctuation around
    "tear-gas",
    "pipe-line",
    "pipeline",  # no match: the sentence has pipe-line
    "50%",  # LIKE's wildcards are literal
    "%",
    "_",
    "donor_group",
    "r_g",  # _ is no wildcard: no match in "donor group"-like text
    "\\",
    "\\ the",
    "05:30",
    "G7",
    "g7 summit",
    "Zürich",  # non-ASCII letters
    "zürich",
    "ürich",
    "São",
    "καλημερα",  # no ASCII at all: the scan
    "İstanbul",
    "stanbul",
    "  ",
    "s.",
    "nothing like this",  # no match
    "xyzzy",
]


def _store(path, sentences: list[str]) -> Store:
    store = Store(path)
    store.con.execute(
        "INSERT INTO events (event_id, doc_id, sentence_index, sentence_text, plover_type, "
        "cameo_code, cameo_root, event_date) SELECT 'e' || i, 'd', i, s, 'AID', '070', '07', "
        "CASE WHEN i % 4 > 0 THEN DATE '2024-03-01' + (i * 37 % 20)::INT END "
        "FROM (SELECT unnest(?) AS s, unnest(range(len(?))) AS i)",
        [sentences, sentences],
    )
    search.rebuild(store.con)
    return store


def scan(con: duckdb.DuckDBPyConnection, q: str) -> set[str]:
    """What the search found before the index: every sentence, ILIKE."""
    rows = con.execute(
        f"SELECT event_id FROM events WHERE sentence_text {ilike_contains(q)}",
        [f"%{escape_like(q)}%"],
    ).fetchall()
    return {r[0] for r in rows}


def indexed(con: duckdb.DuckDBPyConnection, q: str) -> set[str]:
    where, params = EventFilters(q=q).where("e")
    assert ("event_tokens" in where) == (search.word(q) is not None)
    return {r[0] for r in con.execute(f"SELECT e.event_id FROM events e{where}", params).fetchall()}


@pytest.mark.parametrize("q", QUERIES)
def test_the_index_finds_what_the_scan_found(tmp_path, q):
    with _store(tmp_path / "s.duckdb", SENTENCES) as store:
        assert indexed(store.con, q) == scan(store.con, q)


@pytest.mark.parametrize("sort", ["newest", "oldest"])
def test_the_events_list_of_a_search_is_the_scans(tmp_path, sort):
    """GET /api/events?q=...: the same page, order and total as the scan, with and without
    dates (a one-word q is answered by the index alone)."""
    dates = [{}, {"date_from": date(2024, 3, 5)}, {"date_to": date(2024, 3, 12)}]
    with _store(tmp_path / "s.duckdb", SENTENCES) as store:
        con = store.con
        caps = detect_capabilities(con)
        for q in QUERIES:
            for extra in dates:
                f = EventFilters(q=q, **extra)
                assert (f.index_only() is not None) == (search.word(q) is not None)
                where, params = replace(f, q=None).where()
                where = and_where(where, f"sentence_text {ilike_contains(q)}")
                expected = con.execute(
                    f"SELECT event_id FROM events{where} ORDER BY {queries.ORDER[sort]}",
                    [*params, f"%{escape_like(q)}%"],
                ).fetchall()
                for offset in (0, 2):
                    page = queries.list_events(con, caps, f, 3, offset, sort)
                    assert page["total"] == len(expected), (q, extra)
                    ids = [e["event_id"] for e in page["events"]]
                    assert ids == [r[0] for r in expected[offset : offset + 3]], (q, extra)


def test_the_queries_cover_matches_and_misses(tmp_path):
    """The list above is no test of nothing: some queries match several, some none."""
    with _store(tmp_path / "s.duckdb", SENTENCES) as store:
        found = [len(scan(store.con, q)) for q in QUERIES]
    assert min(found) == 0 and max(found) >= 5 and sum(n > 0 for n in found) >= 20


def test_random_pieces_of_the_sentences(tmp_path):
    """Any piece of any sentence (any start, any length) is found as the scan finds it."""
    rng = random.Random(5)
    with _store(tmp_path / "s.duckdb", SENTENCES) as store:
        for _ in range(300):
            s = rng.choice([s for s in SENTENCES if s])
            i = rng.randrange(len(s))
            q = s[i : i + rng.randint(1, 14)]
            q = q.upper() if rng.random() < 0.3 else q
            assert indexed(store.con, q) == scan(store.con, q), q


def test_the_writer_keeps_the_index(sample_store, tmp_path):
    """A store coded by `polybius code` (the writer, batch by batch) searches as the scan."""
    con = duckdb.connect(str(sample_store), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM event_tokens").fetchone()[0] > 0
        sentences = [r[0] for r in con.execute("SELECT sentence_text FROM events").fetchall()]
        rng = random.Random(9)
        words = [w for s in sentences for w in s.split()]
        queries = rng.sample(words, 40) + [" ".join(rng.sample(words, 2)) for _ in range(10)]
        queries += [s[5:25] for s in rng.sample(sentences, 20)]
        assert any(scan(con, q) for q in queries)
        for q in queries:
            assert indexed(con, q) == scan(con, q), q
    finally:
        con.close()


def test_a_rewritten_mention_is_indexed_again(tmp_path):
    """A mention written again (the writer's INSERT OR REPLACE) loses its old words."""
    with _store(tmp_path / "t.duckdb", SENTENCES[:2]) as store:
        store.con.execute("UPDATE events SET sentence_text = 'Envoys met in Oslo.'")
        rows = store.con.execute("SELECT event_id, event_date, sentence_text FROM events")
        search.index_events(store.con, rows.fetchall())
        assert indexed(store.con, "oslo") == {"e0", "e1"}
        assert indexed(store.con, "ceasefire") == set()
        n = store.con.execute("SELECT count(*) FROM event_tokens").fetchone()[0]
        assert n == 2 * 4  # envoys, met, in, oslo: the old words are gone


def test_an_older_store_is_indexed_when_migrated(tmp_path):
    path = tmp_path / "old.duckdb"
    with _store(path, SENTENCES) as store:
        store.con.execute("DROP TABLE event_tokens")
        store.con.execute("DROP TABLE search_tokens")
        store.con.execute("UPDATE meta SET value = '4' WHERE key = 'schema_version'")
    with Store(path) as store:
        version = store.con.execute("SELECT value FROM meta WHERE key = 'schema_version'")
        assert version.fetchone()[0] == str(SCHEMA_VERSION) == str(search.SINCE)
        for q in ("ceasefire", "talks collapsed", "G7"):
            assert indexed(store.con, q) == scan(store.con, q) != set()
