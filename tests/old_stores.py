"""Stores as older versions of Polybius wrote them, to test the migration in place.

The statements are the schema of version 2 as it was released, frozen here: the migration
must keep working for stores written by that code, whatever the column list says today.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

VERSION_2_SCHEMA = [
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
    """CREATE TABLE IF NOT EXISTS events (
        event_id VARCHAR PRIMARY KEY,
        doc_id VARCHAR NOT NULL,
        sentence_index INTEGER NOT NULL,
        sentence_text VARCHAR,
        trigger_text VARCHAR,
        trigger_start INTEGER,
        trigger_end INTEGER,
        plover_type VARCHAR NOT NULL,
        plover_mode VARCHAR,
        cameo_code VARCHAR NOT NULL,
        cameo_root VARCHAR NOT NULL,
        quad_class INTEGER,
        goldstein DOUBLE,
        source_codes VARCHAR[],
        target_codes VARCHAR[],
        source_text VARCHAR,
        target_text VARCHAR,
        reciprocal BOOLEAN,
        status VARCHAR,
        negated BOOLEAN,
        attributed_to VARCHAR,
        event_date DATE,
        date_precision VARCHAR,
        date_source VARCHAR,
        location_name VARCHAR,
        location_country VARCHAR,
        lat DOUBLE,
        lon DOUBLE,
        confidence DOUBLE,
        coder_version VARCHAR,
        cluster_id VARCHAR
    )""",
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
    """CREATE TABLE IF NOT EXISTS clusters (
        cluster_id VARCHAR PRIMARY KEY,
        plover_type VARCHAR,
        plover_mode VARCHAR,
        cameo_code VARCHAR,
        cameo_root VARCHAR,
        quad_class INTEGER,
        goldstein DOUBLE,
        source_code VARCHAR,
        target_code VARCHAR,
        source_sector VARCHAR,
        target_sector VARCHAR,
        source_name VARCHAR,
        target_name VARCHAR,
        event_date DATE,
        date_precision VARCHAR,
        location_name VARCHAR,
        location_country VARCHAR,
        lat DOUBLE,
        lon DOUBLE,
        status VARCHAR,
        num_mentions INTEGER,
        num_sources INTEGER,
        num_articles INTEGER,
        first_seen DATE,
        last_seen DATE,
        confidence DOUBLE,
        avg_tone DOUBLE,
        representative_event_id VARCHAR
    )""",
    # MinHash signatures of stored documents: new documents are checked against them
    """CREATE TABLE IF NOT EXISTS document_minhash (
        doc_id VARCHAR PRIMARY KEY,
        text_key VARCHAR,
        n_shingles INTEGER,
        signature BLOB
    )""",
    "CREATE INDEX IF NOT EXISTS events_doc ON events (doc_id)",
    "CREATE INDEX IF NOT EXISTS events_date ON events (event_date)",
    "CREATE INDEX IF NOT EXISTS events_type ON events (plover_type)",
]

# what version 1 lacked: these columns and tables came with version 2
VERSION_2_COLUMNS = {"documents": ("duplicate_of", "tone"), "events": ("cluster_id",)}
VERSION_2_TABLES = ("clusters", "document_minhash")


def make_store(path: Path, version: int) -> duckdb.DuckDBPyConnection:
    """An empty store of schema `version` (1 or 2), left open for the test to fill."""
    con = duckdb.connect(str(path))
    tables = [s for s in VERSION_2_SCHEMA if not s.startswith("CREATE INDEX")]
    for stmt in tables:
        if version == 1 and any(f"EXISTS {t} (" in stmt for t in VERSION_2_TABLES):
            continue
        con.execute(stmt)
    if version == 1:
        for table, added in VERSION_2_COLUMNS.items():
            for column in added:
                con.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    for stmt in VERSION_2_SCHEMA:
        if stmt.startswith("CREATE INDEX"):
            con.execute(stmt)
    con.execute("INSERT INTO meta VALUES ('schema_version', ?)", [str(version)])
    return con
