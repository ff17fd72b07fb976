"""Malformed gold files (issue 18): every bad record named by its line, one clear error from
`polybius evaluate` (exit 2, no traceback)."""

from __future__ import annotations

import gzip
import json

import pytest
from typer.testing import CliRunner

from polybius.cli import app
from polybius.evaluate.gold import GoldFormatError, load_gold

GOOD = {
    "id": "ok",
    "date": "2026-10-14",
    "text": "Greece protested to Turkey.",
    "events": [{"event": "ACCUSE", "source": ["GRC"], "target": ["TUR"]}],
}


def _jsonl(path, *records) -> str:
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    return str(path)


def test_a_record_without_events_is_named_by_its_line(tmp_path):
    gold = _jsonl(tmp_path / "g.jsonl", GOOD, {"id": "quiet", "text": "Rain fell in Oslo."})
    with pytest.raises(GoldFormatError) as caught:
        load_gold(gold)
    message = str(caught.value)
    assert message.startswith(f"{gold}:2: record quiet has neither 'events'")
    assert '"events": []' in message  # says how to write a sentence without events


def test_every_bad_record_is_listed(tmp_path):
    path = tmp_path / "g.jsonl"
    path.write_text(
        json.dumps(GOOD)
        + "\n{not json\n"
        + json.dumps({"id": "x", "text": "A.", "events": "ACCUSE"})
        + "\n"
        + json.dumps({"id": "y", "text": "B.", "events": [{"source": ["GRC"]}]})
        + "\n"
        + json.dumps({"id": "z", "events": []})
        + "\n"
    )
    lines = str(pytest.raises(GoldFormatError, load_gold, path).value).splitlines()
    assert [line.split(": ", 1)[0] for line in lines] == [f"{path}:{n}" for n in (2, 3, 4, 5)]
    assert "'events' must be a list" in lines[1]
    assert "no PLOVER type" in lines[2]
    assert "no 'text'" in lines[3]


def test_empty_events_and_plover_records_still_load(tmp_path):
    quiet = {"id": "q", "text": "Rain fell in Oslo.", "events": []}
    plover = {"id": "p", "text": "Greece protested.", "event": "disapprove", "source": "GRC"}
    sentences = load_gold(_jsonl(tmp_path / "g.jsonl", GOOD, quiet, plover))
    assert [len(s.events) for s in sentences] == [1, 0, 1]
    assert sentences[2].events[0].event == "ACCUSE"  # renamed from the older type name
    assert sentences[0].events[0].source == ["GRC"]


def test_evaluate_prints_the_error_and_exits_2(tmp_path):
    gold = _jsonl(tmp_path / "g.jsonl", GOOD, {"id": "quiet", "text": "Rain fell in Oslo."})
    result = CliRunner().invoke(app, ["evaluate", gold], env={"COLUMNS": "300"})
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert f"{gold}:2: record quiet has neither 'events'" in result.output


def test_an_error_naming_a_long_path_keeps_it_on_one_line(tmp_path):
    """A user copies the path out of the error: it is never wrapped, whatever the terminal."""
    deep = tmp_path / ("nested-folder-" * 8)
    deep.mkdir()
    gold = _jsonl(deep / "g.jsonl", GOOD, {"id": "quiet", "text": "Rain fell in Oslo."})
    result = CliRunner().invoke(app, ["evaluate", gold], env={"COLUMNS": "60"})
    assert result.exit_code == 2, result.output
    assert any(f"{gold}:2: record quiet" in line for line in result.output.splitlines())


def test_a_gzip_gold_file_reads_as_its_text(tmp_path):
    """A blind set is stored compressed (bench/data/ontology_probe.jsonl.gz): it loads, and
    `polybius evaluate` scores it, as the plain file would."""
    record = {
        "id": "g1",
        "doc": "g",
        "date": "2021-06-15",
        "text": "Chile expelled two Peruvian diplomats.",
        "events": [{"event": "SANCTION", "source": ["CHL"], "target": ["PER"]}],
    }
    plain = tmp_path / "gold.jsonl"
    plain.write_text(json.dumps(record) + "\n", encoding="utf-8")
    packed = tmp_path / "gold.jsonl.gz"
    packed.write_bytes(gzip.compress(plain.read_bytes()))
    assert load_gold(packed) == load_gold(plain)
    result = CliRunner().invoke(app, ["evaluate", str(packed)])
    assert result.exit_code == 0, result.output
    assert "1 sentences" in result.output


def test_a_broken_gzip_gold_file_is_a_format_error(tmp_path):
    packed = tmp_path / "gold.jsonl.gz"
    packed.write_bytes(b"\x1f\x8b not really gzip")
    with pytest.raises(GoldFormatError, match="not a readable gzip file"):
        load_gold(packed)
