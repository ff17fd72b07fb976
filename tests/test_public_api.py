"""The public Python API (`polybius.code`, `code_files`, `open`) and the one version source."""

from __future__ import annotations

import doctest
import subprocess
import sys
import tomllib
from datetime import date

import pandas as pd
import pytest

import polybius
import polybius.public
from conftest import REPO
from polybius.coding.coder import Coder
from polybius.store import schema
from polybius.store.db import Store as WritableStore

TEXT = "Turkey condemned Israel on Monday."

ARTICLES = {
    "a.txt": "Russia attacked Ukraine on Tuesday.\nChina met Japan in Beijing.",
    "b.txt": "Turkey condemned Israel on Monday.",
}


def test_code_one_text_gives_the_accuse_event_with_store_names():
    [event] = polybius.code(TEXT, date="2026-10-14")
    assert (event.plover_type, event.source_codes, event.target_codes) == (
        "ACCUSE",
        ["TUR"],
        ["ISR"],
    )
    assert event.doc_id == "text-0"
    assert event.event_date == date(2026, 10, 12)  # "on Monday", from the publication date
    record = event.to_record()
    assert list(record) == list(schema.names("events"))
    assert (record["source_codes"], record["target_codes"]) == (["TUR"], ["ISR"])
    assert (record["source_text"], record["target_text"]) == ("Turkey", "Israel")
    # every other column is the Event attribute of the same name
    for column, value in record.items():
        if column not in {"source_text", "target_text", "cluster_id"}:
            assert getattr(event, column) == value, column


def test_code_accepts_a_date_object_and_a_list_of_texts():
    events = polybius.code(
        ["Russia attacked Ukraine.", TEXT], date=date(2026, 10, 14), ids=["r", "t"]
    )
    assert [(e.doc_id, e.plover_type, e.source_codes) for e in events] == [
        ("r", "ASSAULT", ["RUS"]),
        ("t", "ACCUSE", ["TUR"]),
    ]
    assert events[0].event_date == date(2026, 10, 14)


def test_code_rejects_bad_arguments():
    with pytest.raises(ValueError, match="ISO date"):
        polybius.code(TEXT, date="14/10/2026")
    with pytest.raises(TypeError, match="not a str"):
        polybius.code([TEXT, 3])
    with pytest.raises(ValueError, match="1 ids for 2 texts"):
        polybius.code([TEXT, TEXT], ids=["x"])


def test_the_coder_is_built_once_and_reused(monkeypatch):
    coder = polybius.get_coder()
    polybius.code(TEXT, date="2026-10-14")
    assert polybius.get_coder() is coder

    def no_rebuild(*args, **kwargs):
        raise AssertionError("the coder was built again")

    monkeypatch.setattr(Coder, "__init__", no_rebuild)
    [event] = polybius.code(TEXT, date="2026-10-14")  # uses the cached coder and model
    assert event.plover_type == "ACCUSE"
    assert polybius.get_coder() is coder
    monkeypatch.undo()
    # other options: another coder, itself cached
    other = polybius.get_coder(disabled_rules=["wanting_is_a_request"])
    assert other is not coder
    assert polybius.get_coder(disabled_rules=("wanting_is_a_request",)) is other


def test_the_docstring_examples_run():
    result = doctest.testmod(polybius.public)
    assert result.attempted >= 4
    assert result.failed == 0


@pytest.fixture(scope="module")
def coded_db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("news")
    for name, text in ARTICLES.items():
        (folder / name).write_text(text)
    db = folder / "store.duckdb"
    summary = polybius.code_files(folder, db=db, workers=1)
    return db, summary


def test_code_files_codes_like_the_command(coded_db):
    db, summary = coded_db
    assert (summary.documents, summary.written, summary.coded) == (2, 2, 2)
    assert summary.events >= 3
    again = polybius.code_files([db.parent / "a.txt", db.parent / "b.txt"], db=db, workers=1)
    # the files are unchanged since they were coded: not even read again
    assert (again.written, again.documents, again.unchanged_files) == (0, 0, 2)


def test_open_reads_events_clusters_and_documents_as_dataframes(coded_db):
    db, summary = coded_db
    store = polybius.open(db)
    events = store.events()
    assert isinstance(events, pd.DataFrame)
    assert list(events.columns) == list(schema.names("events"))
    assert len(events) == summary.events
    assert events["cluster_id"].notna().all()  # code_files aggregated, as `polybius code` does
    accuse = store.events(source="tur", type="accuse")
    assert accuse["target_codes"].map(list).tolist() == [["ISR"]]
    assert len(store.events(limit=1)) == 1
    assert store.events(source="TUR", status="denied").empty
    assert store.events(since="2000-01-01").empty  # text files carry no date

    clusters = store.clusters()
    assert list(clusters.columns) == list(schema.names("clusters"))
    assert set(clusters["cluster_id"]) == set(events["cluster_id"])
    assert store.clusters(target="ISR")["source_code"].tolist() == ["TUR"]

    documents = store.documents()
    assert sorted(documents["doc_id"]) == ["a", "b"]
    assert store.documents(doc_id="b")["text"].tolist() == [ARTICLES["b.txt"]]


def test_filters_are_validated(coded_db):
    store = polybius.open(coded_db[0])
    with pytest.raises(TypeError, match="unknown events filter plover.*valid filters: source"):
        store.events(plover="ACCUSE")
    with pytest.raises(TypeError, match="unknown clusters filter doc_id"):
        store.clusters(doc_id="a")
    with pytest.raises(TypeError, match="unknown documents filter source"):
        store.documents(source="TUR")
    with pytest.raises(ValueError, match="type must be one of"):
        store.events(type="CONDEMN")
    with pytest.raises(ValueError, match="status must be one of"):
        store.events(status="confirmed")
    with pytest.raises(ValueError, match="since .* is after until"):
        store.events(since="2026-10-14", until="2026-10-01")


def test_the_reader_does_not_hold_the_store(coded_db):
    db = coded_db[0]
    store = polybius.open(db)
    store.events()
    with WritableStore(db) as writer:  # would wait, then fail, if the reader held the file
        writer.con.execute("SELECT count(*) FROM events").fetchone()
    assert len(store.documents()) == 2


def test_open_a_missing_store(tmp_path):
    with pytest.raises(FileNotFoundError, match="no store at"):
        polybius.open(tmp_path / "none.duckdb")


def test_python_m_polybius_prints_the_package_version():
    proc = subprocess.run(
        [sys.executable, "-m", "polybius", "--version"], capture_output=True, text=True, check=True
    )
    assert proc.stdout.strip() == f"polybius {polybius.__version__}"


def test_the_version_has_one_source():
    """pyproject.toml takes the version from polybius.__version__; it never repeats it."""
    config = tomllib.loads((REPO / "pyproject.toml").read_text())
    assert "version" not in config["project"]
    assert "version" in config["project"]["dynamic"]
    attr = config["tool"]["setuptools"]["dynamic"]["version"]["attr"]
    module, name = attr.rsplit(".", 1)
    assert getattr(sys.modules[module], name) == polybius.__version__
    assert f"polybius-{polybius.__version__}" == polybius.CODER_VERSION


def test_arrow_and_polars_frames(coded_db):
    import pyarrow as pa

    db, summary = coded_db
    store = polybius.open(db)
    table = store.to_arrow("events")
    assert isinstance(table, pa.Table)
    assert table.column_names == list(schema.names("events"))
    assert table.num_rows == summary.events
    assert store.to_arrow("clusters", target="ISR").column("source_code").to_pylist() == ["TUR"]
    assert store.to_arrow("documents", doc_id="a").num_rows == 1
    with pytest.raises(ValueError, match="table must be one of"):
        store.to_arrow("sentences")
    with pytest.raises(TypeError, match="unknown events filter"):
        store.to_arrow("events", actor="TUR")
    polars = pytest.importorskip("polars")
    frame = store.to_polars("events", source="TUR", type="ACCUSE")
    assert isinstance(frame, polars.DataFrame)
    assert frame["target_codes"].to_list() == [["ISR"]]


def test_to_polars_without_polars_says_what_to_install(coded_db, monkeypatch):
    monkeypatch.setitem(sys.modules, "polars", None)  # as if it were not installed
    with pytest.raises(ImportError, match="pip install polars"):
        polybius.open(coded_db[0]).to_polars()
