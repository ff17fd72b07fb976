"""The DuckDB store: schema, idempotent writes, id collisions, queries."""

from __future__ import annotations

from datetime import date

import duckdb
import pytest

from polybius.models import Actor, Document, DocumentResult, Event, Sentence, content_hash
from polybius.store.db import SCHEMA_VERSION, SchemaMismatch, Store


def make_result(doc_id: str, text: str, n_events: int = 1) -> DocumentResult:
    doc = Document(
        doc_id=doc_id,
        text=text,
        content_hash=content_hash(text),
        status="ok",
        published=date(2026, 10, 14),
        language="en",
    )
    sent = Sentence(doc_id, 0, text, 0, len(text))
    events = [
        Event(
            event_id=f"{doc_id}-e{i}",
            doc_id=doc_id,
            sentence_index=0,
            sentence_text=text,
            trigger_text="met",
            trigger_start=0,
            trigger_end=3,
            plover_type="CONSULT",
            plover_mode=None,
            cameo_code="040",
            cameo_root="04",
            quad_class=1,
            goldstein=1.0,
            sources=[Actor("Russia", "RUS", "GOV", None, 0, 6)],
            targets=[Actor("Turkey", "TUR", None, None, 10, 16)],
            event_date=date(2026, 10, 14),
            date_precision="day",
            date_source="publication",
        )
        for i in range(n_events)
    ]
    return DocumentResult(doc, [sent], events)


def test_schema_is_versioned(tmp_path):
    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        assert store.con.execute("SELECT value FROM meta").fetchone()[0] == str(SCHEMA_VERSION)
    con = duckdb.connect(str(db))
    con.execute("UPDATE meta SET value = '999'")
    con.close()
    with pytest.raises(SchemaMismatch):
        Store(db)


def test_writes_are_idempotent_by_content_hash(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        assert store.write_batch([make_result("a", "Russia met Turkey.")]) == 1
        assert store.write_batch([make_result("a", "Russia met Turkey.")]) == 0
        assert store.counts() == {"documents": 1, "sentences": 1, "events": 1}


def test_same_id_different_content_gets_a_suffix(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        store.write_batch([make_result("a", "Russia met Turkey.")])
        store.write_batch([make_result("a", "Russia met Turkey again.")])
        ids = [
            r[0] for r in store.con.execute("SELECT doc_id FROM documents ORDER BY 1").fetchall()
        ]
        assert ids[0] == "a" and ids[1].startswith("a~")
        assert store.counts()["events"] == 2


def test_failed_batch_rolls_back(tmp_path, monkeypatch):
    with Store(tmp_path / "s.duckdb") as store:
        bad = make_result("b", "Russia met Turkey.")
        bad.sentences.append(bad.sentences[0])  # duplicate primary key -> the insert fails
        with pytest.raises(duckdb.Error):
            store.write_batch([make_result("ok", "China met India."), bad])
        assert store.counts()["documents"] == 0


def test_query_filters(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        store.write_batch([make_result("a", "Russia met Turkey.", n_events=2)])
        assert len(store.query_events(source="rus").fetchall()) == 2
        assert len(store.query_events(target="RUS").fetchall()) == 0
        assert (
            len(store.query_events(plover_type="consult", since=date(2026, 10, 1)).fetchall()) == 2
        )
        assert len(store.query_events(until=date(2026, 10, 1)).fetchall()) == 0
        assert store.document("a")["status"] == "ok"


def test_read_only_store_must_exist(tmp_path):
    with pytest.raises(FileNotFoundError, match="polybius code"):
        Store(tmp_path / "missing.duckdb", read_only=True)
