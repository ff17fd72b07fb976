"""Read-only queries behind the CLI's reports (`show`, `stats`, `aggregate`, `export`...).

Each function takes an open Store and returns plain rows; formatting is the caller's job.
"""

from __future__ import annotations

import json

from polybius.store.db import Store


def has_column(store: Store, table: str, column: str) -> bool:
    """Whether the store's `table` has `column` (stores written by older versions may not)."""
    return bool(
        store.con.execute(
            "SELECT count(*) FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND table_name = ? AND column_name = ?",
            [table, column],
        ).fetchone()[0]
    )


def document_sentences(store: Store, doc_id: str) -> list[tuple[int, str]]:
    """(sentence_index, text) of a document, in order."""
    return store.con.execute(
        "SELECT sentence_index, text FROM sentences WHERE doc_id = ? ORDER BY sentence_index",
        [doc_id],
    ).fetchall()


def document_actor_spans(store: Store, doc_id: str) -> list[tuple[int, str, int, int]]:
    """(sentence_index, role, start_char, end_char) of every actor of a document's events."""
    return store.con.execute(
        "SELECT e.sentence_index, a.role, a.start_char, a.end_char FROM event_actors a "
        "JOIN events e USING (event_id) WHERE e.doc_id = ?",
        [doc_id],
    ).fetchall()


def document_events(store: Store, doc_id: str) -> list[dict]:
    """A document's events as dicts of the events table's columns, in `query_events` order."""
    cur = store.query_events(doc_id=doc_id)
    columns = [d[0] for d in cur.description]
    return [dict(zip(columns, row, strict=True)) for row in cur.fetchall()]


def event_traces(store: Store, doc_id: str) -> dict[str, list[str]]:
    """event_id -> trace lines (pattern, rules, actors) of a document's events.

    Empty when the store has no `trace` column (coded by a version that kept no trace). The
    column may hold a list of strings or JSON text of one; both are read.
    """
    if not has_column(store, "events", "trace"):
        return {}
    rows = store.con.execute(
        "SELECT event_id, trace FROM events WHERE doc_id = ?", [doc_id]
    ).fetchall()
    return {event_id: trace_lines(value) for event_id, value in rows}


def trace_lines(value: object) -> list[str]:
    """A stored trace (a list, JSON text of a list, plain text or NULL) as a list of lines."""
    if value is None:
        return []
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except json.JSONDecodeError:
            return [line for line in value.splitlines() if line.strip()]
        if isinstance(value, str):
            return [value] if value.strip() else []
    if isinstance(value, list):
        return [str(line) for line in value if line is not None and str(line).strip()]
    return [str(value)]


def documents_by_status(store: Store) -> list[tuple]:
    """(status, documents), most frequent first."""
    return store.con.execute(
        "SELECT status, count(*) FROM documents GROUP BY 1 ORDER BY 2 DESC"
    ).fetchall()


def events_by_type(store: Store) -> list[tuple]:
    """(PLOVER type, events, mean Goldstein), most frequent first."""
    return store.con.execute(
        "SELECT plover_type, count(*), round(avg(goldstein), 2) FROM events "
        "GROUP BY 1 ORDER BY 2 DESC"
    ).fetchall()


def top_dyads(store: Store, top: int) -> list[tuple]:
    """(source codes, target codes, events, mean Goldstein) of the `top` most frequent dyads;
    codes joined with '+', '-' for none."""
    return store.con.execute(
        """SELECT coalesce(nullif(array_to_string(source_codes, '+'), ''), '-'),
                  coalesce(nullif(array_to_string(target_codes, '+'), ''), '-'),
                  count(*), round(avg(goldstein), 2)
           FROM events GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2 LIMIT ?""",
        [top],
    ).fetchall()


def latest_days(store: Store, top: int) -> list[tuple]:
    """(event date, events, cooperation, conflict) of the `top` latest dated days."""
    return store.con.execute(
        """SELECT event_date, count(*),
                  count(*) FILTER (WHERE quad_class IN (1, 2)),
                  count(*) FILTER (WHERE quad_class IN (3, 4))
           FROM events WHERE event_date IS NOT NULL GROUP BY 1 ORDER BY 1 DESC LIMIT ?""",
        [top],
    ).fetchall()


def gdelt_event_count(store: Store) -> int:
    """Rows imported into gdelt_events."""
    return store.con.execute("SELECT count(*) FROM gdelt_events").fetchone()[0]


def aggregation_totals(store: Store) -> dict[str, int]:
    """Documents (and duplicates among them), mentions, aggregated events (and those reported
    by more than one source)."""
    con = store.con
    return {
        "documents": con.execute("SELECT count(*) FROM documents").fetchone()[0],
        "duplicates": con.execute(
            "SELECT count(*) FROM documents WHERE duplicate_of IS NOT NULL"
        ).fetchone()[0],
        "mentions": con.execute("SELECT count(*) FROM events").fetchone()[0],
        "events": con.execute("SELECT count(*) FROM clusters").fetchone()[0],
        "multi_source_events": con.execute(
            "SELECT count(*) FROM clusters WHERE num_sources > 1"
        ).fetchone()[0],
    }
