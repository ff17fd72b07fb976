"""The documentation site (issue 18, item 7): pages made from the README, the schema (every
table and column described), the API reference from docstrings; `mkdocs build --strict`
passes offline."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys

import pytest

from conftest import REPO
from polybius.store import schema


def _script():
    spec = importlib.util.spec_from_file_location("build_docs", REPO / "scripts" / "build_docs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_table_and_column_of_a_store_is_described():
    docs = _script()
    columns = docs.new_store_columns()
    page = docs.schema_page(columns)
    for table, cols in columns.items():
        assert f"## `{table}`" in page
        for column, _ in cols:
            assert f"| `{column}` |" in page, f"{table}.{column}"
    assert "## `gdelt_events`" in page and "| `GlobalEventID` |" in page


def test_an_undescribed_column_stops_the_build():
    docs = _script()
    columns = docs.new_store_columns()
    columns["documents"].append(("mystery", "VARCHAR"))
    columns["watch_state"] = [("feed", "VARCHAR")]
    with pytest.raises(SystemExit, match=r"documents\.mystery, watch_state, watch_state\.feed"):
        docs.schema_page(columns)


def test_readme_sections_become_pages_and_links_are_kept_valid():
    docs = _script()
    readme = (
        "# Tool\nintro\n## First part\ntext [the notes](ACCURACY.md#figures)\n"
        "```\n## not a heading\n```\n### Sub\n## Second\n[nb](examples/x.ipynb) "
        "[web](https://example.org/a)\n"
    )
    pages = docs.readme_pages(readme)
    assert list(pages) == ["index.md", "10-first-part.md", "11-second.md"]
    assert pages["10-first-part.md"].startswith("# First part\n")
    assert "[the notes](80-accuracy.md#figures)" in pages["10-first-part.md"]
    assert "## not a heading" in pages["10-first-part.md"]  # inside a fence: untouched
    assert "\n## Sub\n" in pages["10-first-part.md"]
    assert "nb [web](https://example.org/a)" in pages["11-second.md"]


@pytest.mark.slow
def test_make_docs_builds_the_site_without_warnings(tmp_path):
    if shutil.which("mkdocs", path=os.path.dirname(sys.executable)) is None:
        pytest.skip("mkdocs is not installed (pip install -e '.[dev]')")
    pages = tmp_path / "pages"
    site = tmp_path / "site"
    made = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "build_docs.py"), str(pages)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert made.returncode == 0, made.stderr
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"INHERIT: {REPO / 'mkdocs.yml'}\ndocs_dir: {pages}\nsite_dir: {site}\n")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    built = subprocess.run(
        [os.path.join(os.path.dirname(sys.executable), "mkdocs"), "build", "--strict"]
        + ["-f", str(config)],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=REPO,
        env=env,
    )
    assert built.returncode == 0, built.stdout + built.stderr
    assert "WARNING" not in built.stdout + built.stderr
    api = (site / "60-python-api.html").read_text()
    assert "Code one text, or a list of texts" in api  # polybius.code's docstring
    assert "to_polars" in api
    store = (site / "70-store-schema.html").read_text()
    for column in schema.names("events"):
        assert column in store
    assert (site / "80-accuracy.html").exists() and (site / "81-benchmarks.html").exists()
    [configuration] = site.glob("*-configuration-polybius-toml.html")  # a README section
    assert "polybius.toml" in configuration.read_text()
