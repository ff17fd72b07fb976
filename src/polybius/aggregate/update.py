"""Deduplication, tone and event aggregation over the store, incremental or from scratch.

`update(store)` runs after every `polybius code` run: documents without a MinHash signature
are checked against the stored ones (in the order they were stored), documents without a
tone get one, and every clustering key that has a mention without a cluster is clustered
again from all its mentions. Clustering within a key depends only on that key's mentions,
so the incremental result equals a full recomputation, and re-running changes nothing.

`rebuild(store)` (`polybius aggregate`) forgets every link, tone and cluster and computes
them again, in one transaction.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, fields
from urllib.parse import urlparse

import pyarrow as pa

from polybius.aggregate.cluster import Cluster, Mention, cluster_mentions, representative, summary
from polybius.dedup import SIGNATURE_SCHEME, DuplicateIndex, Fingerprint, Signature
from polybius.store import schema
from polybius.store.db import Store
from polybius.tone import document_tone

# the clustering key of an events row (alias e); see aggregate/cluster.py
KEY_SQL = (
    "e.plover_type || '|' || e.cameo_root || '|' || "
    "array_to_string(list_sort(coalesce(e.source_codes, []::VARCHAR[])), '+') || '|' || "
    "array_to_string(list_sort(coalesce(e.target_codes, []::VARCHAR[])), '+')"
)
CHUNK = 500

ProgressFn = Callable[[str, int, int], None]  # (stage, done, total)

CLUSTER_SCHEMA = schema.arrow_schema("clusters")
# the Mention fields that are events columns, read as stored (see aggregate/cluster.py)
MENTION_COLUMNS = tuple(f.name for f in fields(Mention) if f.name in schema.names("events"))


@dataclass
class AggregateSummary:
    documents_checked: int = 0  # documents compared with the stored ones
    duplicates: int = 0  # of which duplicates of an earlier document
    tones: int = 0  # documents given a tone
    mentions: int = 0  # mentions (re)clustered
    clusters: int = 0  # clusters written
    seconds: float = 0.0


def update(
    store: Store,
    progress: ProgressFn | None = None,
    deduplicator: Deduplicator | None = None,
) -> AggregateSummary:
    """Bring duplicates, tones and clusters up to date after new documents were stored.

    `deduplicator`: the one that checked batches during the run, with its index loaded.
    """
    return _run(store, progress, from_scratch=False, deduplicator=deduplicator)


def rebuild(store: Store, progress: ProgressFn | None = None) -> AggregateSummary:
    """Recompute every duplicate link, tone and cluster from the stored documents."""
    return _run(store, progress, from_scratch=True)


def _run(
    store: Store,
    progress: ProgressFn | None,
    from_scratch: bool,
    deduplicator: Deduplicator | None = None,
) -> AggregateSummary:
    """One transaction: (forget everything,) then link duplicates, tone, cluster."""
    started = time.perf_counter()
    con = store.con
    result = AggregateSummary()
    deduplicator = deduplicator or Deduplicator()
    con.execute("BEGIN TRANSACTION")
    try:
        if from_scratch:
            con.execute("DELETE FROM clusters")
            con.execute("UPDATE events SET cluster_id = NULL WHERE cluster_id IS NOT NULL")
            con.execute("DELETE FROM document_minhash")
            con.execute(
                "UPDATE documents SET duplicate_of = NULL, tone = NULL "
                "WHERE duplicate_of IS NOT NULL OR tone IS NOT NULL"
            )
        deduplicator.check(store, progress)
        result.documents_checked = deduplicator.checked
        result.duplicates = deduplicator.duplicates
        _tone(store, result, progress)
        _cluster(store, result, progress)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        deduplicator.index = None
        raise
    result.seconds = time.perf_counter() - started
    return result


# ----------------------------------------------------------------------------- duplicates


def _text_loader(con) -> Callable[[list[str]], dict[str, str]]:
    def load_text(doc_ids: list[str]) -> dict[str, str]:
        rows = con.execute(
            "SELECT doc_id, text FROM documents WHERE doc_id IN (SELECT unnest(?))", [doc_ids]
        ).fetchall()
        return dict(rows)

    return load_text


class Deduplicator:
    """Checks stored documents that have no signature yet against those that have.

    The index of stored signatures is built on first use and kept, so a long `polybius code`
    run can check each batch as it is written (in the writer, while the workers code the next
    batches) and leave only clustering for the end; `update` then finds nothing left to check.
    """

    def __init__(self) -> None:
        self.index: DuplicateIndex | None = None
        self.checked = 0  # documents checked by this deduplicator, over all its calls
        self.duplicates = 0  # of which duplicates

    def _load_index(self, con) -> DuplicateIndex:
        index = DuplicateIndex(_text_loader(con))
        stored = con.execute(
            """SELECT m.doc_id, m.text_key, m.n_shingles, m.signature, d.duplicate_of
               FROM document_minhash m JOIN documents d USING (doc_id)
               ORDER BY d.coded_at, d.rowid"""
        ).fetchall()
        for doc_id, key, n, signature, duplicate_of in stored:
            index.add_stored(Signature(doc_id, key, n, signature), duplicate_of)
        return index

    def check_batch(self, store: Store, known: dict[str, Fingerprint] | None = None) -> None:
        """Check the documents stored since the last call, in a transaction of its own.

        `known`: fingerprints the coding workers computed, by content hash."""
        store.con.execute("BEGIN TRANSACTION")
        try:
            self.check(store, None, known)
            store.con.execute("COMMIT")
        except BaseException:
            store.con.execute("ROLLBACK")
            self.index = None  # what it holds may not be in the store: rebuild on next use
            raise

    def check(
        self,
        store: Store,
        progress: ProgressFn | None,
        known: dict[str, Fingerprint] | None = None,
    ) -> None:
        con = store.con
        if self.index is None:
            _forget_other_signatures(con)
        new_docs = con.execute(
            """SELECT d.doc_id, d.content_hash FROM documents d
               WHERE d.status = 'ok'
                 AND NOT EXISTS (SELECT 1 FROM document_minhash m WHERE m.doc_id = d.doc_id)
               ORDER BY d.coded_at, d.rowid"""
        ).fetchall()
        if not new_docs:
            return
        if self.index is None:
            self.index = self._load_index(con)
        index = self.index
        index.load_text = _text_loader(con)  # the store may have been reopened since
        known = known or {}
        links: list[tuple[str, str]] = []
        signatures: list[Signature] = []
        for start in range(0, len(new_docs), CHUNK):
            chunk = new_docs[start : start + CHUNK]
            texts = index.load_text([d for d, h in chunk if h not in known])
            for doc_id, content_hash in chunk:
                fp = known.get(content_hash)
                text = None if fp else texts.get(doc_id) or ""
                original, sig = index.check(doc_id, text, fp)
                signatures.append(sig)
                if original is not None:
                    links.append((doc_id, original))
            if progress:
                progress("duplicates", min(start + CHUNK, len(new_docs)), len(new_docs))
        _register_and_run(
            con,
            "_new_signatures",
            pa.table(
                {
                    "doc_id": [s.doc_id for s in signatures],
                    "text_key": [s.text_key for s in signatures],
                    "n_shingles": pa.array([s.n_shingles for s in signatures], pa.int32()),
                    "signature": pa.array([s.signature for s in signatures], pa.binary()),
                }
            ),
            "INSERT OR REPLACE INTO document_minhash SELECT * FROM _new_signatures",
        )
        _set_document_column(con, "duplicate_of", links)
        self.checked += len(new_docs)
        self.duplicates += len(links)


def _forget_other_signatures(con) -> None:
    """Signatures made by another scheme (an older Polybius) cannot be compared with new ones:
    drop them and the links they made, so every document is checked again, in stored order."""
    row = con.execute("SELECT value FROM meta WHERE key = 'signature_scheme'").fetchone()
    if row is not None and row[0] == SIGNATURE_SCHEME:
        return
    if con.execute("SELECT count(*) FROM document_minhash").fetchone()[0]:
        con.execute("DELETE FROM document_minhash")
        con.execute("UPDATE documents SET duplicate_of = NULL WHERE duplicate_of IS NOT NULL")
    con.execute("INSERT OR REPLACE INTO meta VALUES ('signature_scheme', ?)", [SIGNATURE_SCHEME])


def _set_document_column(con, column: str, values: list[tuple[str, object]]) -> None:
    """documents.<column> = value for each (doc_id, value), in one statement."""
    if not values:
        return
    _register_and_run(
        con,
        "_new_values",
        pa.table({"doc_id": [d for d, _ in values], "value": [v for _, v in values]}),
        f"""UPDATE documents SET {column} = v.value FROM _new_values v
            WHERE documents.doc_id = v.doc_id""",
    )


# ----------------------------------------------------------------------------- tone


def _tone(store: Store, result: AggregateSummary, progress: ProgressFn | None) -> None:
    con = store.con
    ids = [
        r[0]
        for r in con.execute(
            "SELECT doc_id FROM documents WHERE status = 'ok' AND tone IS NULL ORDER BY doc_id"
        ).fetchall()
    ]
    tones: list[tuple[str, float]] = []
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        sentences: dict[str, list[str]] = {doc_id: [] for doc_id in chunk}
        rows = con.execute(
            """SELECT doc_id, text FROM sentences WHERE doc_id IN (SELECT unnest(?))
               ORDER BY doc_id, sentence_index""",
            [chunk],
        ).fetchall()
        for doc_id, text in rows:
            sentences[doc_id].append(text)
        tones.extend((doc_id, document_tone(sentences[doc_id])) for doc_id in chunk)
        if progress:
            progress("tone", min(start + CHUNK, len(ids)), len(ids))
    _set_document_column(con, "tone", tones)
    result.tones += len(tones)


# ----------------------------------------------------------------------------- clusters


def outlet_of(source: str | None, url: str | None, doc_id: str) -> str:
    """Who published a document: its source name, else its URL's host, else itself."""
    if source and source.strip():
        return source.strip().lower()
    if url:
        host = urlparse(url).hostname or ""
        if host:
            return host.removeprefix("www.")
    return f"doc:{doc_id}"


def _cluster(store: Store, result: AggregateSummary, progress: ProgressFn | None) -> None:
    con = store.con
    cur = con.execute(
        f"""WITH keys AS (SELECT DISTINCT {KEY_SQL} AS key FROM events e
                          WHERE e.cluster_id IS NULL)
            SELECT {KEY_SQL} AS key, d.duplicate_of IS NOT NULL AS is_duplicate,
                   o.source AS _source, o.url AS _url, o.doc_id AS _original,
                   coalesce(d.published, CAST(d.coded_at AS DATE)) AS seen, d.tone AS tone,
                   e.cluster_id AS _old_cluster, {", ".join("e." + c for c in MENTION_COLUMNS)}
            FROM events e
            JOIN documents d ON d.doc_id = e.doc_id
            JOIN documents o ON o.doc_id = coalesce(d.duplicate_of, d.doc_id)
            WHERE {KEY_SQL} IN (SELECT key FROM keys)"""
    )
    names = [d[0] for d in cur.description]
    rows = [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
    if not rows:
        return
    old_ids = {r["_old_cluster"] for r in rows if r["_old_cluster"] is not None}
    mentions = [_mention(r) for r in rows]
    clusters = cluster_mentions(mentions)
    records = _cluster_records(store, clusters)
    if progress:
        progress("clusters", len(mentions), len(mentions))
    if old_ids:
        con.execute(
            "DELETE FROM clusters WHERE cluster_id IN (SELECT unnest(?))", [sorted(old_ids)]
        )
    _register_and_run(
        con,
        "_new_clusters",
        pa.Table.from_pylist(records, schema=CLUSTER_SCHEMA),
        "INSERT INTO clusters BY NAME SELECT * FROM _new_clusters",
    )
    _register_and_run(
        con,
        "_new_members",
        pa.table(
            {
                "event_id": [m.event_id for c in clusters for m in c.mentions],
                "cluster_id": [c.cluster_id for c in clusters for _ in c.mentions],
            }
        ),
        """UPDATE events SET cluster_id = m.cluster_id FROM _new_members m
           WHERE events.event_id = m.event_id""",
    )
    result.mentions += len(mentions)
    result.clusters += len(clusters)


def _mention(row: dict) -> Mention:
    """The Mention of one row of the query in `_cluster`."""
    row["outlet"] = outlet_of(row.pop("_source"), row.pop("_url"), row.pop("_original"))
    row.pop("_old_cluster")
    row["is_duplicate"] = bool(row["is_duplicate"])
    row["source_codes"] = list(row["source_codes"] or [])
    row["target_codes"] = list(row["target_codes"] or [])
    return Mention(**row)


def _cluster_records(store: Store, clusters: list[Cluster]) -> list[dict]:
    """Summaries of the clusters plus the sector and name of their representative's actors."""
    reps = {c.cluster_id: representative(c).event_id for c in clusters}
    actors: dict[tuple[str, str], tuple[str | None, str | None]] = {}
    rep_ids = sorted(set(reps.values()))
    for start in range(0, len(rep_ids), CHUNK):
        rows = store.con.execute(
            """SELECT event_id, role, sector, coalesce(name, text) FROM event_actors
               WHERE event_id IN (SELECT unnest(?)) AND code IS NOT NULL
               ORDER BY event_id, role, position""",
            [rep_ids[start : start + CHUNK]],
        ).fetchall()
        for event_id, role, sector, name in rows:
            actors.setdefault((event_id, role), (sector, name))  # the first coded actor
    records = []
    for c in clusters:
        record = summary(c)
        rep = reps[c.cluster_id]
        record["source_sector"], record["source_name"] = actors.get((rep, "source"), (None, None))
        record["target_sector"], record["target_name"] = actors.get((rep, "target"), (None, None))
        records.append(record)
    return records


def _register_and_run(con, name: str, table: pa.Table, sql: str) -> None:
    con.register(name, table)
    try:
        con.execute(sql)
    finally:
        con.unregister(name)
