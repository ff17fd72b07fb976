"""Rules from the command line: `polybius rules`, `--disable-rule` on code and evaluate, and
the trace `show --why` prints."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from polybius.coding.rules.registry import rule_names

POLYBIUS = [sys.executable, "-m", "polybius.cli"]
pytestmark = pytest.mark.slow
TEXT = "Summit plans\n\nThe French president will visit Algeria next week.\n"


def run(*args, check: bool = True) -> subprocess.CompletedProcess:
    proc = subprocess.run(
        [*POLYBIUS, *map(str, args)],
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "COLUMNS": "200"},
    )
    if check:
        assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc


def events(db: Path) -> list[dict]:
    out = run("events", "--db", db, "--format", "jsonl").stdout
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def test_rules_lists_every_registered_rule():
    out = run("rules").stdout
    assert all(name in out for name in rule_names())
    assert run("rules", "--stage", "nonsense", check=False).returncode == 2


@pytest.mark.heavy  # ~20-40 s of subprocesses: `make test-all`
def test_disable_rule_reaches_the_workers_and_the_trace(tmp_path):
    news = tmp_path / "news"
    news.mkdir()
    (news / "a.txt").write_text(TEXT)
    (news / "b.txt").write_text(TEXT.replace("Algeria", "Morocco"))
    on, off = tmp_path / "on.duckdb", tmp_path / "off.duckdb"
    run("code", news, "--db", on, "--workers", "2")
    run("code", news, "--db", off, "--workers", "2", "--disable-rule", "future_is_intended")
    with_rule, without = events(on), events(off)
    assert {e["status"] for e in with_rule} == {"intended"}
    assert {e["plover_type"] for e in with_rule} == {"AGREE"}
    assert "intended" not in {e["status"] for e in without}
    assert any("rule:future_is_intended" in step for e in with_rule for step in e["trace"])
    assert not any("future_is_intended" in step for e in without for step in e["trace"])
    doc = with_rule[0]["doc_id"]
    why = run("show", doc, "--db", on, "--why").stdout
    assert "pattern:" in why and "rule:future_is_intended" in why


def test_unknown_rule_is_an_error_that_names_the_listing(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT)
    proc = run(
        "code",
        tmp_path / "a.txt",
        "--db",
        tmp_path / "x.duckdb",
        "--disable-rule",
        "nope",
        check=False,
    )
    assert proc.returncode != 0 and "polybius rules" in proc.stdout + proc.stderr
