"""Shared fixtures. Tests that need ../shared/data skip with the reason when it is absent."""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples" / "news"
SHARED = Path(os.environ.get("POLYBIUS_SHARED_DATA", REPO.parent / "shared" / "data"))


def bench_module(name: str):
    """A script of bench/ imported as a module, the one way tests reach them: bench/ is on
    the import path while it loads (the scripts import each other by name)."""
    bench = str(REPO / "bench")
    sys.path.insert(0, bench)
    try:
        return importlib.import_module(name)
    finally:
        sys.path.remove(bench)


def shared_path(*parts: str) -> Path:
    """A file under ../shared/data, or skip the test when the shared data is not there."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"needs shared data file {path} (not present on this machine)")
    return path


@pytest.fixture(scope="session")
def nlp():
    from polybius.nlp.pipeline import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def coder():
    from polybius.coding.coder import Coder

    return Coder()


@pytest.fixture
def code_text(nlp, coder):
    """Code one sentence (or a few) and return the events."""
    from datetime import date

    def _code(text: str, published: date | None = date(2026, 10, 14)):
        events = []
        for i, sent in enumerate(nlp(text).sents):
            events.extend(coder.code_sentence(sent, "test", i, published))
        return events

    return _code


@pytest.fixture(scope="session")
def sample_store(tmp_path_factory) -> Path:
    """A store coded from examples/news once per session (read it; copy it to change it)."""
    import subprocess
    import sys

    db = tmp_path_factory.mktemp("sample-store") / "sample.duckdb"
    proc = subprocess.run(
        [sys.executable, "-m", "polybius.cli", "code", str(EXAMPLES), "--db", str(db)],
        capture_output=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr.decode()
    return db


@pytest.fixture
def store_copy(sample_store, tmp_path) -> Path:
    """A private copy of the sample store, for tests that write to it."""
    import shutil

    copy = tmp_path / "copy.duckdb"
    shutil.copy(sample_store, copy)
    return copy


def events_of(text: str, day: str = "2019-02-12") -> list:
    """The events `polybius.code` makes of a text published on `day` (place and date tests)."""
    import polybius

    return polybius.code(text, day)


def event_of(text: str, trigger: str, day: str = "2019-02-12"):
    """The first event of a text whose trigger words contain `trigger` (fails, listing the
    triggers found, when there is none)."""
    found = [e for e in events_of(text, day) if trigger in e.trigger_text]
    assert found, [e.trigger_text for e in events_of(text, day)]
    return found[0]
