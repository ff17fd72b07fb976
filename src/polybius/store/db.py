"""The DuckDB store: schema, transactional batch writes and the queries behind the CLI.

Re-running the same input changes nothing: a document whose content hash is already stored
is skipped. Each batch is written in one transaction, so a crash loses at most the batch
in flight and the next run resumes where the last committed batch ended.

Schema versions: 1 (documents, sentences, events = mentions, event_actors); 2 adds
deduplication and aggregation (documents.duplicate_of and .tone, events.cluster_id, the
clusters table of aggregated events, document_minhash signatures); 3 adds events.trace;
4 adds events.location_admin1, geo_precision, feature_class and fatalities; 5 adds the word
index of text search (search_tokens, event_tokens: store/search.py), built for an older
store's mentions when it is migrated and kept by the writer, batch by batch. The columns of
events and clusters come from one list, `store/data/columns.tsv` (see
`polybius.store.schema`). A store of an older version is migrated in place when it is opened
for writing: the columns it lacks are added, no data is lost.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import pyarrow as pa

from polybius.models import DocumentResult, Event
from polybius.store import locking, schema, search, state
from polybius.store.locking import StoreBusy  # noqa: F401  (re-exported for the commands)
from polybius.store.snapshot import Publisher

SCHEMA_VERSION = schema.schema_version()
DEFAULT_DB = "polybius.duckdb"

SCHEMA = [
    """CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS documents (
        doc_id VARCHAR PRIMARY KEY,
        url VARCHAR,
        title VARCHAR,
        source VARCHAR,
        published DATE,
        language VARCHAR,
        content_hash VARCHAR NOT NULL UNIQUE,
        status VARCHAR NOT NULL,
        error VARCHAR,
        input_path VARCHAR,
        text VARCHAR,
        n_sentences INTEGER,
        n_events INTEGER,
        coder_version VARCHAR,
        coded_at TIMESTAMP,
        duplicate_of VARCHAR,
        tone DOUBLE
    )""",
    """CREATE TABLE IF NOT EXISTS sentences (
        doc_id VARCHAR NOT NULL,
        sentence_index INTEGER NOT NULL,
        text VARCHAR NOT NULL,
        start_char INTEGER,
        end_char INTEGER,
        PRIMARY KEY (doc_id, sentence_index)
    )""",
    schema.create_table("events"),
    """CREATE TABLE IF NOT EXISTS event_actors (
        event_id VARCHAR NOT NULL,
        role VARCHAR NOT NULL,
        position INTEGER NOT NULL,
        text VARCHAR,
        code VARCHAR,
        sector VARCHAR,
        name VARCHAR,
        start_char INTEGER,
        end_char INTEGER,
        rule VARCHAR,
        PRIMARY KEY (event_id, role, position)
    )""",
    # one row per aggregated event: the mentions that report the same event (see aggregate/)
    schema.create_table("clusters"),
    # MinHash signatures of stored documents: new documents are checked against them
    """CREATE TABLE IF NOT EXISTS document_minhash (
        doc_id VARCHAR PRIMARY KEY,
        text_key VARCHAR,
        n_shingles INTEGER,
        signature BLOB
    )""",
    # what was read already: files by size and mtime, URLs by fetch (see store/state.py)
    *state.TABLES,
    # the words of each mention's sentence, for text search (store/search.py)
    *search.TABLES,
    "CREATE INDEX IF NOT EXISTS events_doc ON events (doc_id)",
    "CREATE INDEX IF NOT EXISTS events_date ON events (event_date)",
    "CREATE INDEX IF NOT EXISTS events_type ON events (plover_type)",
]

# Columns of documents added by schema version 2 (events and clusters: see store/schema.py).
ADDED_DOCUMENT_COLUMNS = [("duplicate_of", "VARCHAR"), ("tone", "DOUBLE")]
EVENT_COLUMNS = [c.name for c in schema.written_event_columns()]
_EVENT_ID, _EVENT_DATE, _SENTENCE = (
    EVENT_COLUMNS.index(c) for c in ("event_id", "event_date", "sentence_text")
)

_S, _I, _F = pa.string(), pa.int64(), pa.float64()
TABLE_COLUMNS: dict[str, list[tuple[str, pa.DataType]]] = {
    "documents": [
        ("doc_id", _S),
        ("url", _S),
        ("title", _S),
        ("source", _S),
        ("published", pa.date32()),
        ("language", _S),
        ("content_hash", _S),
        ("status", _S),
        ("error", _S),
        ("input_path", _S),
        ("text", _S),
        ("n_sentences", _I),
        ("n_events", _I),
        ("coder_version", _S),
        ("coded_at", pa.timestamp("us")),
        ("tone", _F),
    ],
    "sentences": [
        ("doc_id", _S),
        ("sentence_index", _I),
        ("text", _S),
        ("start_char", _I),
        ("end_char", _I),
    ],
    "events": [(c.name, c.arrow) for c in schema.written_event_columns()],
    "event_actors": [
        ("event_id", _S),
        ("role", _S),
        ("position", _I),
        ("text", _S),
        ("code", _S),
        ("sector", _S),
        ("name", _S),
        ("start_char", _I),
        ("end_char", _I),
        ("rule", _S),
    ],
}


class SchemaMismatch(RuntimeError):
    pass


class Store:
    """One DuckDB file. Use as a context manager; only one process writes at a time.

    Opening waits a while for a store locked by another process (see store/locking.py) and
    raises StoreBusy after that. `release()` lets go of the file between units of work (so a
    read-only `serve` can read it); the next use of `con` opens it again.

    With `publish`, a writing store keeps a read snapshot beside the file for readers
    (store/snapshot.py): published on opening, refreshed by `publish_snapshot()` (throttled),
    deleted by `close()`. Readers open it while this session holds the file.
    """

    def __init__(
        self, path: str | Path = DEFAULT_DB, read_only: bool = False, publish: bool = False
    ):
        self.path = str(path)
        self.read_only = read_only
        self._publisher: Publisher | None = None
        if read_only and not Path(self.path).exists():
            raise FileNotFoundError(
                f"no store at {self.path}; run `polybius code PATH --db {self.path}` first"
            )
        self._con: duckdb.DuckDBPyConnection | None = locking.connect(self.path, read_only)
        if not read_only:
            self._migrate()
            if publish:
                self._publisher = Publisher(self.path)
                self._publisher.publish(self.con, force=True)
        else:
            self._check_version()

    def publish_snapshot(self, force: bool = False) -> bool:
        """Refresh the read snapshot of a publishing store (when due, or `force`)."""
        if self._publisher is None:
            return False
        return self._publisher.publish(self.con, force)

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        """The connection, opened again (waiting for the lock) after `release()`."""
        if self._con is None:
            self._con = locking.connect(self.path, self.read_only)
        return self._con

    def release(self) -> None:
        """Close the file until the next use (another process may open it meanwhile)."""
        if self._con is not None:
            self._con.close()
            self._con = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.release()
        if self._publisher is not None:
            self._publisher.discard()
            self._publisher = None

    # ---------------------------------------------------------------- schema

    def _migrate(self) -> None:
        self.con.execute(SCHEMA[0])  # meta
        row = self.con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        if row is not None and int(row[0]) > SCHEMA_VERSION:
            raise SchemaMismatch(
                f"{self.path} has schema version {row[0]}, this Polybius expects "
                f"{SCHEMA_VERSION}; upgrade Polybius or code into a new --db file"
            )
        self.con.execute("BEGIN TRANSACTION")
        try:
            for stmt in SCHEMA[1:]:
                self.con.execute(stmt)
            self._add_missing_columns()
            if row is not None and int(row[0]) < search.SINCE:
                search.rebuild(self.con)  # a store from before the index: its mentions
            self.con.execute(
                "INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)]
            )
            self.con.execute("COMMIT")
        except Exception:
            self.con.execute("ROLLBACK")
            raise

    def _add_missing_columns(self) -> None:
        """Give the tables of an older store the columns added since (values stay null)."""
        rows = self.con.execute(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = 'main'"
        ).fetchall()
        existing: dict[str, set[str]] = {}
        for table, column in rows:
            existing.setdefault(table, set()).add(column)
        for column, kind in ADDED_DOCUMENT_COLUMNS:
            if column not in existing["documents"]:
                self.con.execute(f"ALTER TABLE documents ADD COLUMN {column} {kind}")
        for table in schema.TABLES:
            for stmt in schema.add_missing_columns(table, existing[table]):
                self.con.execute(stmt)

    def _check_version(self) -> None:
        try:
            row = self.con.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        except duckdb.CatalogException:
            raise SchemaMismatch(f"{self.path} is not a Polybius store") from None
        if row is not None and int(row[0]) < SCHEMA_VERSION:
            raise SchemaMismatch(
                f"{self.path} has schema version {row[0]}; run `polybius aggregate --db "
                f"{self.path}` once to upgrade it to version {SCHEMA_VERSION}"
            )
        if row is None or int(row[0]) != SCHEMA_VERSION:
            raise SchemaMismatch(f"{self.path} has an unknown schema version")

    # ---------------------------------------------------------------- writing

    def known_hashes(self, hashes: Iterable[str]) -> set[str]:
        """Which of these content hashes the store already has."""
        return self._stored("content_hash", hashes)

    def all_hashes(self) -> frozenset[str]:
        """Content hashes of every stored document (workers skip these documents)."""
        return frozenset(
            r[0] for r in self.con.execute("SELECT content_hash FROM documents").fetchall()
        )

    def stored_doc_ids(self, doc_ids: Iterable[str]) -> set[str]:
        """Which of these document ids the store already has (one query for a batch)."""
        return self._stored("doc_id", doc_ids)

    def _stored(self, column: str, values: Iterable[str]) -> set[str]:
        wanted = list(set(values))
        if not wanted:
            return set()
        rows = self.con.execute(
            f"SELECT {column} FROM documents WHERE {column} IN (SELECT unnest(?))", [wanted]
        ).fetchall()
        return {r[0] for r in rows}

    def write_batch(self, results: Sequence[DocumentResult]) -> int:
        """Write documents, sentences and events in one transaction; returns documents written.

        Documents already stored (same content hash) are skipped.
        """
        if not results:
            return 0
        known = self.known_hashes(r.document.content_hash for r in results)
        now = datetime.now(UTC).replace(tzinfo=None)
        doc_rows, sent_rows, event_rows, actor_rows = [], [], [], []
        # ids already used, in the store or earlier in this batch: a document whose id is taken
        # is stored under its id suffixed with its hash
        taken = self.stored_doc_ids(r.document.doc_id for r in results)
        seen_hashes: set[str] = set()
        for r in results:
            d = r.document
            if d.content_hash in known or d.content_hash in seen_hashes:
                continue
            seen_hashes.add(d.content_hash)
            if d.doc_id in taken:
                _rename(r, f"{d.doc_id}~{d.content_hash[:8]}")
            taken.add(d.doc_id)
            doc_rows.append(_document_row(r, now))
            sent_rows.extend((s.doc_id, s.index, s.text, s.start, s.end) for s in r.sentences)
            for e in r.events:
                event_rows.append(_event_row(e))
                actor_rows.extend(_actor_rows(e))
        if not doc_rows:
            return 0
        con = self.con
        event_ids = [row[_EVENT_ID] for row in event_rows]
        con.execute("BEGIN TRANSACTION")
        try:
            # a mention written again (INSERT OR REPLACE below) must lose its old words
            rewritten = bool(event_ids) and bool(
                con.execute(
                    "SELECT 1 FROM events WHERE event_id IN (SELECT unnest(?)) LIMIT 1", [event_ids]
                ).fetchall()
            )
            # bulk inserts through Arrow: executemany inserts row by row and is far slower
            for table, rows, or_replace in (
                ("documents", doc_rows, False),
                ("sentences", sent_rows, False),
                ("events", event_rows, True),
                ("event_actors", actor_rows, True),
            ):
                if rows:
                    self._insert(table, rows, or_replace)
            search.index_events(
                con,
                [(row[_EVENT_ID], row[_EVENT_DATE], row[_SENTENCE]) for row in event_rows],
                replacing=rewritten,
            )
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        return len(doc_rows)

    def _insert(self, table: str, rows: list[tuple], or_replace: bool) -> None:
        columns = TABLE_COLUMNS[table]
        arrays = [
            pa.array(list(values), type=kind)
            for values, (_, kind) in zip(zip(*rows, strict=True), columns, strict=True)
        ]
        batch = pa.Table.from_arrays(arrays, names=[name for name, _ in columns])
        name = f"_batch_{table}"
        self.con.register(name, batch)
        try:
            verb = "INSERT OR REPLACE" if or_replace else "INSERT"
            names = ", ".join(n for n, _ in columns)
            self.con.execute(f"{verb} INTO {table} ({names}) SELECT {names} FROM {name}")
        finally:
            with contextlib.suppress(duckdb.Error):  # keep the real error of an aborted insert
                self.con.unregister(name)

    # ---------------------------------------------------------------- reading

    def query_events(
        self,
        source: str | None = None,
        target: str | None = None,
        plover_type: str | None = None,
        since: date | None = None,
        until: date | None = None,
        doc_id: str | None = None,
        status: str | None = None,
        limit: int | None = None,
    ):
        """Events matching the filters as a DuckDB relation (call .fetchall(), .df(), ...)."""
        where, params = [], []
        if source:
            where.append("list_contains(source_codes, ?)")
            params.append(source.upper())
        if target:
            where.append("list_contains(target_codes, ?)")
            params.append(target.upper())
        if plover_type:
            where.append("plover_type = ?")
            params.append(plover_type.upper())
        if since:
            where.append("event_date >= ?")
            params.append(since)
        if until:
            where.append("event_date <= ?")
            params.append(until)
        if doc_id:
            where.append("doc_id = ?")
            params.append(doc_id)
        if status:
            where.append("status = ?")
            params.append(status)
        sql = f"SELECT {', '.join(schema.names('events'))} FROM events"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY event_date NULLS LAST, doc_id, sentence_index, trigger_start"
        if limit:
            sql += f" LIMIT {int(limit)}"
        return self.con.execute(sql, params)

    def document(self, doc_id: str) -> dict | None:
        cur = self.con.execute("SELECT * FROM documents WHERE doc_id = ?", [doc_id])
        row = cur.fetchone()
        if row is None:
            return None
        return dict(zip([d[0] for d in cur.description], row, strict=True))

    def counts(self) -> dict[str, int]:
        c = self.con
        return {
            "documents": c.execute("SELECT count(*) FROM documents").fetchone()[0],
            "sentences": c.execute("SELECT count(*) FROM sentences").fetchone()[0],
            "events": c.execute("SELECT count(*) FROM events").fetchone()[0],
        }


def _rename(result: DocumentResult, new_id: str) -> None:
    result.document.doc_id = new_id
    for s in result.sentences:
        s.doc_id = new_id
    for e in result.events:
        e.doc_id = new_id
        e.event_id = hashlib.sha1(f"{new_id}\x1f{e.event_id}".encode()).hexdigest()[:20]


# Document attributes in the order of the documents columns; the writer adds the counts,
# the coder version, the time and the tone after them
DOCUMENT_FIELDS = (
    *("doc_id", "url", "title", "source", "published", "language", "content_hash"),
    *("status", "error", "input_path", "text"),
)
ACTOR_FIELDS = ("text", "code", "sector", "name", "start", "end", "rule")


def _document_row(r: DocumentResult, now: datetime) -> tuple:
    coder_version = r.events[0].coder_version if r.events else None
    fields = (getattr(r.document, k) for k in DOCUMENT_FIELDS)
    return (*fields, len(r.sentences), len(r.events), coder_version, now, r.tone)


def _actor_rows(e: Event) -> list[tuple]:
    return [
        (e.event_id, role, position, *(getattr(a, k) for k in ACTOR_FIELDS))
        for role, actors in (("source", e.sources), ("target", e.targets))
        for position, a in enumerate(actors)
    ]


# events columns the writer computes (flag `derived` in columns.tsv); the others are attributes
DERIVED: dict[str, Callable[[Event], object]] = {
    "source_text": lambda e: e.source_text,
    "target_text": lambda e: e.target_text,
}


def _event_row(e: Event) -> tuple:
    """The events row of an Event, in the order of EVENT_COLUMNS."""
    return tuple(DERIVED[c](e) if c in DERIVED else getattr(e, c) for c in EVENT_COLUMNS)


def event_record(columns: Sequence[str], row: Sequence) -> dict:
    """A JSON-ready dict for one events row."""
    out = {}
    for k, v in zip(columns, row, strict=True):
        if isinstance(v, date):
            v = v.isoformat()
        out[k] = v
    return out


def dumps(record: dict) -> str:
    return json.dumps(record, ensure_ascii=False, default=str)
