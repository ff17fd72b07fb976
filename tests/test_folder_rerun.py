"""Re-running `polybius code` over a folder reads only the files that are new or changed."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from rich.console import Console

from polybius.coding.coder import CoderSpec
from polybius.commands.coding import CodeOptions, code_into_store, exit_status
from polybius.store.db import Store

OPTIONS = CodeOptions(batch_size=2, max_bytes=1 << 20, workers=1, prefilter=True, spec=CoderSpec())
TEXTS = {
    "a.txt": "Peru recalled its ambassador from Chile on Monday after a row over fishing rights.",
    "b.txt": "Egypt hosted talks between the two factions in Cairo on Tuesday.",
    "notes/c.jsonl": '{"id": "c1", "text": "Canada sent aid to Haiti after the storm."}\n'
    '{"id": "c2", "text": "Ghana signed a trade deal with Togo on Friday."}\n',
}


def code(db: Path, folder: Path):
    console = Console(file=io.StringIO())
    with Store(db) as store:
        summary, _ = code_into_store(store, [str(folder)], OPTIONS, console)
    return summary


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "news"
    for name, text in TEXTS.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    return root


def test_unchanged_files_are_not_read_again(folder, tmp_path, monkeypatch):
    db = tmp_path / "s.duckdb"
    first = code(db, folder)
    assert first.documents == 4 and first.written == 4 and first.unchanged_files == 0

    import polybius.ingest.tasks as tasks

    def no_reading(*args, **kwargs):
        raise AssertionError("an unchanged file was read")

    monkeypatch.setattr(tasks, "read_path", no_reading)
    monkeypatch.setattr(tasks, "open_binary", no_reading)
    again = code(db, folder)
    assert again.documents == 0 and again.unchanged_files == 3
    assert exit_status(again, Console(file=io.StringIO())) == 0
    monkeypatch.undo()

    # one file changed (new size and mtime), one added: only those two are read
    (folder / "b.txt").write_text(TEXTS["b.txt"] + " Both sides agreed to meet again.")
    (folder / "d.txt").write_text("Brazil expelled two diplomats from Venezuela on Sunday.")
    third = code(db, folder)
    assert third.documents == 2 and third.written == 2 and third.unchanged_files == 2


def test_a_touched_file_with_the_same_text_is_read_but_not_stored_twice(folder, tmp_path):
    db = tmp_path / "s.duckdb"
    code(db, folder)
    path = folder / "a.txt"
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    again = code(db, folder)
    assert again.documents == 1 and again.written == 0 and again.unchanged == 1


def test_files_are_recorded_only_once_committed(folder, tmp_path, monkeypatch):
    """A file enters file_state only after its documents are stored: when a commit fails
    (a crash), its files are read again by the next run."""
    db = tmp_path / "s.duckdb"
    real_write = Store.write_batch
    calls = []

    def fail_second(self, results):
        calls.append(len(results))
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return real_write(self, results)

    monkeypatch.setattr(Store, "write_batch", fail_second)
    with pytest.raises(RuntimeError):
        code(db, folder)  # batch 1: a.txt and b.txt; batch 2 (the JSONL file) fails
    monkeypatch.undo()
    with Store(db) as store:
        recorded = {r[0] for r in store.con.execute("SELECT path FROM file_state").fetchall()}
    assert recorded == {os.path.realpath(folder / n) for n in ("a.txt", "b.txt")}
    again = code(db, folder)
    assert again.unchanged_files == 2 and again.written == 2  # the JSONL file's two lines
