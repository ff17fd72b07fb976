"""A word index of the event sentences, so that text search need not read every sentence.

Text search (`q` in the API) means `sentence_text ILIKE '%q%'`: q anywhere in the sentence,
any case, `%` and `_` literal. Over a million sentences that scan is the slowest call of the
API, so the store keeps (schema version 5) the words of every mention's sentence:

- `search_tokens`: every word ever seen, once, with a number;
- `event_tokens`: (mention, word number, the mention's date) for each distinct word of the
  mention's sentence. The date makes the index answer the events list of a one-word search
  alone (which mentions, how many, the newest first) without reading the events table.

A word is a maximal run of ASCII letters and digits in the sentence lowercased by DuckDB
(TOKEN_PATTERN). The index answers a q that is one such run (`ceasefire`, `G7`, `talk`), and
gives exactly the scan's answer: wherever q occurs in a sentence (in any case) its letters and
digits, bounded by nothing else, lie inside one word of the sentence, so the sentences that
hold q are those with a word containing q lowercased (`talk` finds `talks`, `cease` finds
`ceasefire`). The vocabulary is far smaller than the sentences, so finding the words that
contain q is cheap, and the mentions come from their rows. Any other q (several words,
punctuation, `%`, non-ASCII) is scanned with ILIKE as before: measured on a million
mentions, narrowing by the index and then checking the candidates' sentences was no faster
than the scan.

The writer indexes the mentions of each batch in the batch's transaction (`index_events`);
opening an older store for writing indexes all its mentions once (`rebuild`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

import duckdb
import pyarrow as pa

SINCE = 5  # the schema version that added these tables
TOKEN_PATTERN = "[0-9a-z]+"  # a word: in the sentence as DuckDB's lower() gives it
_WORD = re.compile(r"[0-9A-Za-z]+")

TABLES = [
    """CREATE TABLE IF NOT EXISTS search_tokens (
        token_id INTEGER PRIMARY KEY,
        token VARCHAR NOT NULL UNIQUE
    )""",
    """CREATE TABLE IF NOT EXISTS event_tokens (
        event_id VARCHAR NOT NULL,
        token_id INTEGER NOT NULL,
        event_date DATE
    )""",
]


def word(q: str) -> str | None:
    """q lowercased when it is one run of ASCII letters and digits (the index answers it),
    else None (the scan)."""
    return q.lower() if _WORD.fullmatch(q) else None


def candidates_sql(alias: str = "") -> str:
    """`event_id IN (...)`: the mentions with a word containing the parameter (a word)."""
    p = f"{alias}." if alias else ""
    return (
        f"{p}event_id IN (SELECT event_id FROM event_tokens WHERE token_id IN "
        "(SELECT token_id FROM search_tokens WHERE contains(token, ?)))"
    )


def matches_sql(alias: str = "") -> str:
    """The (event_id, event_date) of the mentions with a word containing the parameter, from
    the index alone: exactly the mentions whose sentence holds it."""
    p = f"{alias}." if alias else ""
    return (
        f"SELECT DISTINCT {p}event_id, {p}event_date FROM event_tokens {alias} WHERE "
        f"{p}token_id IN (SELECT token_id FROM search_tokens WHERE contains(token, ?))"
    )


def index_events(
    con: duckdb.DuckDBPyConnection,
    mentions: Sequence[tuple[str, date | None, str | None]],
    replacing: bool = True,
) -> None:
    """Index these mentions, (event_id, event_date, sentence_text) each, inside the caller's
    transaction. With `replacing` (some may be indexed already) their old rows go first:
    that scans the whole index, so the writer asks for it only when a mention is rewritten."""
    if not mentions:
        return
    ids, dates, texts = (list(column) for column in zip(*mentions, strict=True))
    if replacing:
        con.execute("DELETE FROM event_tokens WHERE event_id IN (SELECT unnest(?))", [ids])
    rows = pa.table(
        {
            "event_id": pa.array(ids, pa.string()),
            "event_date": pa.array(dates, pa.date32()),
            "sentence_text": pa.array(texts, pa.string()),
        }
    )
    con.register("_search_mentions", rows)
    try:
        _index(con, "_search_mentions")
    finally:
        con.unregister("_search_mentions")


def rebuild(con: duckdb.DuckDBPyConnection) -> None:
    """Index every mention again (inside the caller's transaction)."""
    con.execute("DELETE FROM event_tokens")
    _index(con, "events")


def _index(con: duckdb.DuckDBPyConnection, source: str) -> None:
    """Add the words of the mentions of `source` (a table with event_id, event_date and
    sentence_text)."""
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE _new_tokens AS
        SELECT DISTINCT event_id, event_date, token FROM (
            SELECT event_id, event_date,
                   unnest(regexp_extract_all(lower(sentence_text), '{TOKEN_PATTERN}')) AS token
            FROM {source})"""
    )
    try:
        con.execute(
            """INSERT INTO search_tokens
            SELECT (SELECT coalesce(max(token_id), 0) FROM search_tokens)
                   + row_number() OVER (ORDER BY token), token
            FROM (SELECT DISTINCT token FROM _new_tokens
                  WHERE token NOT IN (SELECT token FROM search_tokens))"""
        )
        # ordered by word: a word's rows sit together and the scan skips the rest
        con.execute(
            """INSERT INTO event_tokens
            SELECT n.event_id, s.token_id, n.event_date
            FROM _new_tokens n JOIN search_tokens s USING (token)
            ORDER BY s.token_id"""
        )
    finally:
        con.execute("DROP TABLE IF EXISTS _new_tokens")
