"""The one column list (store/data/columns.tsv) and everything made from it agree."""

from __future__ import annotations

from dataclasses import fields
from datetime import date
from pathlib import Path

import pytest

from old_stores import make_store
from polybius.aggregate import rebuild
from polybius.aggregate.cluster import Cluster, Mention, summary
from polybius.aggregate.update import MENTION_COLUMNS
from polybius.api.models import EventDetail, EventSummary
from polybius.api.queries import DETAIL_COLUMNS, SUMMARY_COLUMNS
from polybius.api.state import CLUSTER_COLUMNS
from polybius.models import Actor, Document, DocumentResult, Event, Sentence, content_hash
from polybius.store import schema
from polybius.store.db import DERIVED, EVENT_COLUMNS, SCHEMA_VERSION, Store
from polybius.store.parquet import read_results, write_results

README = Path(__file__).resolve().parents[1] / "README.md"
TRACE = ["patterns/verbs.tsv:12 demand", "rule:keep_request", "source: dictionary RUS"]


def result(doc_id: str, text: str, trace: list[str] | None = None) -> DocumentResult:
    doc = Document(doc_id, text, content_hash(text), status="ok", published=date(2026, 10, 14))
    event = Event(
        event_id=f"{doc_id}-e0",
        doc_id=doc_id,
        sentence_index=0,
        sentence_text=text,
        trigger_text="met",
        trigger_start=7,
        trigger_end=10,
        plover_type="CONSULT",
        plover_mode=None,
        cameo_code="040",
        cameo_root="04",
        quad_class=1,
        goldstein=1.0,
        sources=[Actor("Russia", "RUS", "GOV", None, 0, 6)],
        targets=[Actor("Turkey", "TUR", None, None, 11, 17)],
        event_date=date(2026, 10, 14),
        trace=list(trace or []),
    )
    return DocumentResult(doc, [Sentence(doc_id, 0, text, 0, len(text))], [event])


def described(store: Store, table: str) -> list[tuple[str, str, str]]:
    """(name, type, null) of each column of a stored table, in table order."""
    rows = store.con.execute(f"DESCRIBE {table}").fetchall()
    return [(r[0], r[1], r[2]) for r in rows]


def expected(table: str) -> list[tuple[str, str, str]]:
    return [(c.name, c.duckdb, "YES" if c.nullable else "NO") for c in schema.columns(table)]


# ----------------------------------------------------------------------------- the list


def test_the_list_is_well_formed():
    for table in schema.TABLES:
        cols = schema.columns(table)
        names = [c.name for c in cols]
        assert len(names) == len(set(names)), f"{table} lists a column twice"
        # new columns only at the end (a migrated store adds them there) ...
        assert [c.since for c in cols] == sorted(c.since for c in cols)
        # ... and never keys or NOT NULL columns, which ALTER TABLE cannot add
        assert all(c.since == cols[0].since for c in cols if not c.nullable)
        assert all(c.description for c in cols)
    assert schema.schema_version() == SCHEMA_VERSION == 5


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        ("events\tx\tTEXT\tstr\t1\t\td", "type 'TEXT'"),
        ("events\tx\tVARCHAR\tstr\t1\tindexed\td", "flags ['indexed']"),
        ("people\tx\tVARCHAR\tstr\t1\t\td", "table 'people'"),
        ("events\tx\tVARCHAR\tstr\tone\t\td", "since 'one'"),
        ("events\tx\tVARCHAR\tstr\t1\td", "6 cells"),
    ],
)
def test_a_malformed_row_is_rejected(row, problem):
    with pytest.raises(ValueError, match=problem.replace("[", r"\[")):
        schema.parse("\t".join(schema.HEADER) + "\n" + row)


# ----------------------------------------------------------------------------- the store


def test_a_new_store_has_exactly_the_listed_columns(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        for table in schema.TABLES:
            assert described(store, table) == expected(table)


def test_the_writer_fills_every_column_from_the_event(tmp_path):
    written = [c.name for c in schema.columns("events") if "aggregate" not in c.flags]
    assert written == EVENT_COLUMNS
    assert set(DERIVED) == {c.name for c in schema.columns("events") if "derived" in c.flags}
    event_attributes = {f.name for f in fields(Event)} | {"source_codes", "target_codes"}
    assert set(EVENT_COLUMNS) - set(DERIVED) <= event_attributes
    with Store(tmp_path / "s.duckdb") as store:
        store.write_batch([result("a", "Russia met Turkey.", TRACE)])
        cur = store.query_events()
        row = dict(zip([d[0] for d in cur.description], cur.fetchone(), strict=True))
    assert list(row) == list(schema.names("events"))
    assert row["trace"] == TRACE
    assert (row["source_text"], row["target_codes"], row["cluster_id"]) == ("Russia", ["TUR"], None)


@pytest.mark.parametrize("version", [1, 2])
def test_an_older_store_gains_the_new_columns_and_keeps_its_rows(tmp_path, version):
    path = tmp_path / f"v{version}.duckdb"
    con = make_store(path, version)
    con.execute(
        "INSERT INTO documents (doc_id, content_hash, status, text) VALUES ('old', 'h', 'ok', 'x')"
    )
    con.execute(
        "INSERT INTO events (event_id, doc_id, sentence_index, plover_type, cameo_code, "
        "cameo_root, source_codes) VALUES ('old-e0', 'old', 0, 'AID', '070', '07', ['USA'])"
    )
    con.close()
    with Store(path) as store:
        for table in schema.TABLES:
            assert described(store, table) == expected(table)
        old = store.con.execute("SELECT source_codes, trace FROM events").fetchall()
        assert old == [(["USA"], None)]
        store.write_batch([result("a", "Russia met Turkey.", TRACE)])
        rebuild(store)
        assert store.con.execute("SELECT count(*) FROM clusters").fetchone()[0] == 2
    with Store(path, read_only=True) as store:
        traces = store.con.execute("SELECT event_id, trace FROM events ORDER BY 1").fetchall()
    assert traces == [("a-e0", TRACE), ("old-e0", None)]


def test_the_ray_dataset_keeps_the_trace(tmp_path):
    # a chunk whose events all have an empty trace first: the dataset's schema comes from it
    write_results([result("b", "Russia met Turkey again.")], tmp_path, "part-0")
    write_results([result("a", "Russia met Turkey.", TRACE)], tmp_path, "part-1")
    events = {e.doc_id: e.trace for r in read_results(tmp_path) for e in r.events}
    assert events == {"a": TRACE, "b": []}


def test_a_ray_dataset_from_before_the_trace_still_loads(tmp_path):
    import pyarrow.parquet as pq

    write_results([result("a", "Russia met Turkey.", TRACE)], tmp_path, "part-0")
    files = list((tmp_path / "events").rglob("*.parquet"))
    for f in files:
        pq.write_table(pq.read_table(f).drop_columns(["trace"]), f)
    [loaded] = read_results(tmp_path)
    assert [e.trace for e in loaded.events] == [[]] and loaded.events[0].source_codes == ["RUS"]


# ----------------------------------------------------------------------------- aggregation


def test_cluster_records_have_the_listed_columns():
    mention = Mention(
        **{f.name: None for f in fields(Mention)}
        | {"event_id": "e", "key": "k", "doc_id": "d", "outlet": "o", "is_duplicate": False}
        | {"source_codes": ["RUS"], "target_codes": [], "confidence": 0.5, "status": "occurred"}
    )
    record = summary(Cluster("c", [mention]))
    # the writer adds the actor sectors and names of the representative
    actor_columns = {"source_sector", "target_sector", "source_name", "target_name"}
    assert set(record) | actor_columns == set(schema.names("clusters"))
    assert set(MENTION_COLUMNS) <= set(schema.names("events"))


# ----------------------------------------------------------------------------- API


def test_api_models_and_selects_follow_the_list():
    api = [c.name for c in schema.columns("events") if "api" in c.flags]
    detail = [c.name for c in schema.columns("events") if "detail" in c.flags]
    assert list(EventSummary.model_fields) == api == list(SUMMARY_COLUMNS)
    assert "trace" in api
    assert list(DETAIL_COLUMNS) == detail
    assert [f for f in EventDetail.model_fields if f in schema.names("events")] == detail
    assert list(CLUSTER_COLUMNS) == [c.name for c in schema.columns("clusters") if "api" in c.flags]
    for c in schema.columns("events"):
        if c.name in EventSummary.model_fields:
            assert EventSummary.model_fields[c.name].description == c.description


def test_an_event_summary_types_like_the_list():
    summary_row = {c: None for c in SUMMARY_COLUMNS} | {
        "event_id": "e",
        "doc_id": "d",
        "sentence_index": 0,
        "plover_type": "AID",
        "cameo_code": "070",
        "cameo_root": "07",
        "source_codes": [],
        "target_codes": [],
        "trace": TRACE,
    }
    assert EventSummary(**summary_row).trace == TRACE
    older = {k: v for k, v in summary_row.items() if k not in ("trace", "cluster_id")}
    assert EventSummary(**older).trace == []
    with pytest.raises(ValueError):
        EventSummary(**{**summary_row, "plover_type": None})  # NOT NULL in the list


# ----------------------------------------------------------------------------- README


@pytest.mark.parametrize("table", schema.TABLES)
def test_readme_lists_the_columns(table):
    text = README.read_text("utf-8")
    section = schema.readme_section(text, table)
    assert section is not None, f"README.md has no generated {table} table"
    assert section == schema.markdown_table(table), (
        "README.md and store/data/columns.tsv disagree: run "
        "`python -m polybius.store.schema README.md`"
    )


def test_the_readme_generator_replaces_a_stale_table():
    start, end = schema.marker("events")
    stale = f"intro\n{start}\n| `gone` | VARCHAR | removed |\n{end}\noutro\n"
    fresh = schema.update_readme(stale)
    assert schema.readme_section(fresh, "events") == schema.markdown_table("events")
    assert fresh.startswith("intro\n") and fresh.endswith("\noutro\n")
    assert "`trace`" in fresh and "`gone`" not in fresh


def test_schema_module_main_rewrites_a_file(tmp_path):
    start, end = schema.marker("clusters")
    doc = tmp_path / "doc.md"
    doc.write_text(f"{start}\n{end}\n", "utf-8")
    assert schema.main([str(doc)]) == 0
    assert schema.readme_section(doc.read_text("utf-8"), "clusters") == schema.markdown_table(
        "clusters"
    )
