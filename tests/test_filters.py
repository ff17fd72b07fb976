"""Filters of the read commands are checked: a value no event can have is an error (exit 2)
with a "did you mean", not an empty "no events match"."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from polybius.commands import CommandError
from polybius.commands import filters as checks
from polybius.store.db import Store

POLYBIUS = [sys.executable, "-m", "polybius.cli"]


def run(*args) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*POLYBIUS, *map(str, args)],
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "COLUMNS": "250"},
    )


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("filters")
    doc = folder / "doc.jsonl"
    doc.write_text(
        '{"id": "a", "date": "2026-10-14", "text": "Turkey condemned Israel on Monday."}\n'
    )
    path = folder / "f.duckdb"
    proc = run("code", doc, "--db", path, "--workers", "1")
    assert proc.returncode == 0, proc.stderr
    return path


def test_status_and_type_checks():
    checks.check_status("occurred")
    checks.check_type("accuse")
    with pytest.raises(CommandError, match=r"--status 'confirmed'.*did you mean"):
        checks.check_status("confirmed")
    with pytest.raises(CommandError, match=r"did you mean claimed\?"):
        checks.check_status("claimd")
    with pytest.raises(CommandError, match=r"--type 'ACCUSED'.*did you mean ACCUSE"):
        checks.check_type("ACCUSED")
    checks.check_dates(date(2026, 1, 1), date(2026, 1, 1))
    with pytest.raises(CommandError, match="--since 2026-02-01 is after --until 2026-01-01"):
        checks.check_dates(date(2026, 2, 1), date(2026, 1, 1))


def test_actor_codes_come_from_the_store_and_the_dictionaries(db):
    with Store(db, read_only=True) as store:
        assert {"TUR", "ISR"} <= checks.store_codes(store)
        checks.check_actor_codes(store, source="tur", target="NATO")  # NATO: dictionary only
        with pytest.raises(CommandError, match=r"--source 'Russia'.*did you mean RUS"):
            checks.check_actor_codes(store, source="Russia")
        with pytest.raises(CommandError, match=r"--target 'ISRL'.*did you mean ISR"):
            checks.check_actor_codes(store, source="TUR", target="ISRL")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["events", "--status", "confirmed"], "--status 'confirmed' is not one of"),
        (["events", "--type", "ACCUSED"], "did you mean ACCUSE"),
        (["events", "--source", "Russia"], "did you mean RUS"),
        (["events", "--target", "ISRL"], "did you mean ISR"),
        (["events", "--since", "2026-11-01", "--until", "2026-10-01"], "is after --until"),
        (["export", "--format", "csv", "--since", "2026-11-01", "--until", "2026-10-01"], "after"),
        (["trend", "--source", "TURK"], "did you mean TUR"),
    ],
)
def test_bad_filters_exit_2_with_a_hint(db, args, message):
    proc = run(*args, "--db", db)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert message in proc.stderr
    assert "no events match" not in proc.stdout


@pytest.mark.slow
def test_good_filters_still_list(db):
    proc = run(
        "events",
        "--db",
        db,
        "--source",
        "tur",
        "--status",
        "occurred",
        "--type",
        "accuse",
        "--format",
        "csv",
    )
    assert proc.returncode == 0, proc.stderr
    assert "Turkey condemned Israel" in proc.stdout
    none = run("events", "--db", db, "--source", "NATO")  # a real code, just no events
    assert none.returncode == 0, none.stderr
