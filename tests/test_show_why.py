"""`polybius show DOC --why`: each event's stored trace (pattern, rules, actors) under it.

The stores are built here, with the trace column added when the schema does not have it yet,
so the tests hold whether the column is a list of strings or JSON text.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from builders import document, event
from polybius.cli import app
from polybius.commands.showing import NO_TRACE
from polybius.store.db import Store
from polybius.store.queries import has_column, trace_lines

TEXT = "Russia met Turkey. Talks ended later."
TRACE = [
    "pattern:events/data/patterns/consult.tsv:12 met",
    "rule:keep_meeting — the [met] trigger names both parties",
    "source:RUS via dictionary",
    "target:TUR via dictionary",
]


def build(path: Path, traces: dict[str, object] | None, column_type: str = "VARCHAR[]") -> Path:
    """A store of one document with two events; `traces` (event_id -> stored value) are
    written into a trace column (added as `column_type` if the schema has none); None leaves
    the store without the column."""
    accuse = event("doc1", 1, plover_type="ACCUSE", cameo="112", sentence=TEXT.split(". ")[0])
    with Store(path) as store:
        store.write_batch([document("doc1", TEXT, [event("doc1", 0), accuse])])
        if traces is not None:
            if not has_column(store, "events", "trace"):
                store.con.execute(f"ALTER TABLE events ADD COLUMN trace {column_type}")
            for event_id, value in traces.items():
                store.con.execute(
                    "UPDATE events SET trace = ? WHERE event_id = ?", [value, event_id]
                )
        else:  # a store written before the trace column (indexes block dropping a column)
            indexes = store.con.execute(
                "SELECT index_name FROM duckdb_indexes() WHERE table_name = 'events'"
            ).fetchall()
            for (name,) in indexes:
                store.con.execute(f"DROP INDEX {name}")
            store.con.execute("ALTER TABLE events DROP COLUMN IF EXISTS trace")
    return path


def show(db: Path, *args: str) -> str:
    result = CliRunner().invoke(app, ["show", "doc1", "--db", str(db), *args])
    assert result.exit_code == 0, result.output
    return result.output


def event_blocks(output: str) -> list[list[str]]:
    """The lines under each event line ('   -> ...'), up to the next event or sentence."""
    blocks: list[list[str]] = []
    for line in output.splitlines():
        if line.startswith("   -> "):
            blocks.append([])
        elif blocks and line.startswith("        "):
            blocks[-1].append(line.strip())
        elif blocks:
            break
    return blocks


def test_why_prints_each_events_trace_in_order_under_it(tmp_path):
    db = build(tmp_path / "s.duckdb", {"doc1-e0": TRACE, "doc1-e1": TRACE[:1]})
    output = show(db, "--why")
    blocks = event_blocks(output)
    assert len(blocks) == 2
    by_type = dict(
        zip([line for line in output.splitlines() if "-> " in line], blocks, strict=True)
    )
    consult = next(b for line, b in by_type.items() if "CONSULT/040" in line)
    accuse = next(b for line, b in by_type.items() if "ACCUSE/112" in line)
    assert consult == TRACE  # brackets in a trace line are printed, not read as markup
    assert accuse == TRACE[:1]


def test_without_why_no_trace_is_printed(tmp_path):
    db = build(tmp_path / "s.duckdb", {"doc1-e0": TRACE, "doc1-e1": TRACE})
    output = show(db)
    assert event_blocks(output) == [[], []]
    assert "pattern:" not in output and NO_TRACE not in output


def test_store_written_before_traces_says_so_under_each_event(tmp_path):
    db = build(tmp_path / "s.duckdb", None)
    with Store(db, read_only=True) as store:
        assert not has_column(store, "events", "trace")
    with Store(db) as store:  # opened for writing: migrated, old events have no trace
        assert has_column(store, "events", "trace")
    assert event_blocks(show(db, "--why")) == [[NO_TRACE], [NO_TRACE]]


def test_empty_trace_says_so_and_others_still_print(tmp_path):
    db = build(tmp_path / "s.duckdb", {"doc1-e0": TRACE, "doc1-e1": []})
    blocks = event_blocks(show(db, "--why"))
    assert sorted(blocks, key=len) == [[NO_TRACE], TRACE]


@pytest.mark.parametrize(
    ("stored", "lines"),
    [
        (None, []),
        ([], []),
        (["a", None, " ", "b"], ["a", "b"]),
        ('["a", "b"]', ["a", "b"]),
        ("[]", []),
        ("", []),
        ("a\nb\n", ["a", "b"]),
    ],
)
def test_trace_lines_reads_lists_json_and_text(stored, lines):
    assert trace_lines(stored) == lines


def test_help_explains_why():
    result = CliRunner().invoke(app, ["show", "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "--why" in result.output
    assert "trigger pattern" in result.output and "re-code" in result.output


def test_unknown_document_is_an_error(tmp_path):
    db = build(tmp_path / "s.duckdb", None)
    result = CliRunner().invoke(app, ["show", "nope", "--db", str(db), "--why"])
    assert result.exit_code == 2
