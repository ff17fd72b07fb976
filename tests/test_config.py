"""polybius.toml (issue 18, item 5): every command-line option can take its default from a
config file (working directory, ~/.config/polybius/, --config or $POLYBIUS_CONFIG)."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest
import typer.main
from typer.testing import CliRunner

from polybius.cli import app
from polybius.config import ConfigError, default_map

PEOPLE = (
    "name\taliases\tcode\tsector\trole\tstart\tend\n"
    "Jane Roe\tRoe\tARG\tGOV\tforeign minister\t2020-01-01\t\n"
)


@pytest.fixture
def isolated(tmp_path, monkeypatch):
    """A working directory and a home without any config file."""
    home = tmp_path / "home"
    work = tmp_path / "work"
    work.mkdir(parents=True)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.delenv("POLYBIUS_CONFIG", raising=False)
    monkeypatch.delenv("POLYBIUS_DB", raising=False)
    monkeypatch.chdir(work)
    return work


def invoke(*args: str, code: int = 0) -> str:
    result = CliRunner().invoke(app, list(args), env={"COLUMNS": "250"})
    assert result.exit_code == code, result.output
    return result.output


def csv_rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def test_the_working_directory_config_gives_db_and_limits(isolated, sample_store):
    shutil.copy(sample_store, isolated / "mine.duckdb")
    (isolated / "polybius.toml").write_text('db = "mine.duckdb"\n\n[events]\nlimit = 2\n')
    assert len(csv_rows(invoke("events", "--format", "csv"))) == 2
    # the command line wins over the file
    assert len(csv_rows(invoke("events", "--format", "csv", "--limit", "3"))) == 3


def test_the_user_config_and_relative_paths(isolated, sample_store):
    folder = isolated.parent / "home" / ".config" / "polybius"
    folder.mkdir(parents=True)
    shutil.copy(sample_store, folder / "kept.duckdb")
    (folder / "polybius.toml").write_text('db = "kept.duckdb"\n')  # relative to the file
    assert "documents" in invoke("stats")
    # a polybius.toml in the working directory comes first
    (isolated / "polybius.toml").write_text('db = "absent.duckdb"\n')
    assert "no store at" in invoke("stats", code=2)


def test_config_option_and_environment(isolated, sample_store, monkeypatch):
    other = isolated.parent / "elsewhere"
    other.mkdir()
    shutil.copy(sample_store, other / "s.duckdb")
    (other / "team.toml").write_text('db = "s.duckdb"\n[events]\nlimit = 1\n')
    assert (
        len(csv_rows(invoke("--config", str(other / "team.toml"), "events", "--format", "csv")))
        == 1
    )
    monkeypatch.setenv("POLYBIUS_CONFIG", str(other / "team.toml"))
    assert len(csv_rows(invoke("events", "--format", "csv"))) == 1
    assert "no config file" in invoke("--config", "missing.toml", "stats", code=2)


@pytest.mark.slow
def test_dictionaries_come_from_the_config(isolated):
    (isolated / "people.tsv").write_text(PEOPLE)
    (isolated / "polybius.toml").write_text('actors = ["people.tsv"]\n')
    shown = invoke("actors", "Jane Roe condemned Chile.", "--date", "2024-03-01")
    assert "user:people.tsv:2" in shown


def test_server_options_come_from_the_config(isolated, monkeypatch):
    import polybius.api.serve

    seen = {}

    def fake_serve(db, host, port, tokens, token_file, **kwargs):
        seen.update(db=db, host=host, port=port, token_file=token_file)

    monkeypatch.setattr(polybius.api.serve, "serve", fake_serve)
    (isolated / "polybius.toml").write_text(
        'db = "news.duckdb"\n[serve]\nhost = "0.0.0.0"\nport = 8123\ntoken-file = "tokens.txt"\n'
    )
    invoke("serve")
    assert seen == {
        "db": isolated / "news.duckdb",
        "host": "0.0.0.0",
        "port": 8123,
        "token_file": isolated / "tokens.txt",
    }


@pytest.mark.parametrize(
    "text, message",
    [
        ("worker = 2\n", "unknown option 'worker' (did you mean workers?)"),
        ("[evnts]\nlimit = 2\n", "unknown option '[evnts]' (did you mean [events]?)"),
        ("[events]\nworkers = 2\n", "[events]: unknown option 'workers'"),
        ("db = [\n", "not valid TOML"),
        ("[serve]\nport = [1, 2]\n", "takes one value"),
    ],
)
def test_a_bad_config_is_one_clear_error(isolated, text, message):
    (isolated / "polybius.toml").write_text(text)
    output = invoke("stats", code=2)
    assert "polybius.toml" in output and message in output
    assert "Traceback" not in output


def _every_option():
    """(command path, option) for every option of every command."""
    found = []

    def walk(command, path):
        for name, sub in (getattr(command, "commands", None) or {}).items():
            for p in sub.params:
                if p.param_type_name == "option" and not p.is_eager and p.name != "help":
                    found.append(((*path, name), p))
            walk(sub, (*path, name))

    walk(typer.main.get_command(app), ())
    return found


def test_every_option_can_come_from_the_config(tmp_path):
    """Each option of each command is accepted in its command's table and lands in the
    default_map under its parameter name (what click reads defaults from)."""
    group = typer.main.get_command(app)
    options = _every_option()
    assert len(options) > 60
    for path, param in options:
        flag = next(o for o in param.opts if o.startswith("--"))[2:]
        value = ["x"] if param.multiple else "x"
        data: dict = {flag: value}
        for name in reversed(path):
            data = {name: data}
        mapping = default_map(group, data, tmp_path / "polybius.toml")
        for name in path:
            mapping = mapping[name]
        assert param.name in mapping, (path, flag)


def test_unknown_tables_in_groups_are_refused(tmp_path):
    group = typer.main.get_command(app)
    with pytest.raises(ConfigError, match=r"\[patterns\]: unknown option '\[chek\]'"):
        default_map(group, {"patterns": {"chek": {"x": 1}}}, Path("polybius.toml"))
