"""Packaging (issue 18, item 8): the wheel holds every data file, installs into a fresh
virtual environment, and codes a sentence there from the wheel's own code."""

from __future__ import annotations

import os
import shutil
import site
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import polybius
from conftest import REPO

pytestmark = pytest.mark.slow


def _tracked_data_files() -> list[str]:
    """The package's files that are not Python code, as git knows them."""
    listed = subprocess.run(
        ["git", "ls-files", "src/polybius"], cwd=REPO, capture_output=True, text=True
    )
    if listed.returncode != 0:
        pytest.skip("not a git checkout")
    return [f.removeprefix("src/") for f in listed.stdout.split() if not f.endswith(".py")]


def _clean_env() -> dict[str, str]:
    """The environment without PYTHONPATH (which may point at src/)."""
    return {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel, built from a copy of the project's files (pip builds in the tree it is
    given, and its leftovers do not belong in the checkout)."""
    tree = tmp_path_factory.mktemp("tree")
    shutil.copy(REPO / "pyproject.toml", tree)
    shutil.copy(REPO / "README.md", tree)
    shutil.copytree(REPO / "src", tree / "src", ignore=shutil.ignore_patterns("__pycache__"))
    dist = tmp_path_factory.mktemp("dist")
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(tree), "--no-deps", "-w", str(dist)],
        capture_output=True,
        text=True,
        timeout=600,
        env=_clean_env(),
    )
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    [path] = dist.glob("polybius-*.whl")
    return path


def test_the_wheel_holds_every_data_file(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    data = _tracked_data_files()
    kinds = {Path(f).suffix for f in data}
    assert {".tsv", ".json", ".js", ".css", ".html"} <= kinds  # dictionaries, models, dashboard
    assert [f for f in data if f not in names] == []
    assert f"polybius-{polybius.__version__}.dist-info/entry_points.txt" in names


def test_the_wheel_codes_a_sentence_in_a_fresh_venv(wheel, tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    installed = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps"]
        + ["--no-index", str(wheel)],
        capture_output=True,
        text=True,
        timeout=600,
        env=_clean_env(),
    )
    assert installed.returncode == 0, installed.stderr[-3000:]
    # the dependencies come from the project's environment, appended after the venv's own
    # site-packages: polybius itself must come from the wheel
    [own] = (venv / "lib").glob("python3*/site-packages")
    (own / "project_dependencies.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    env = _clean_env()
    script = (
        "import polybius; print(polybius.__file__); "
        "print(polybius.code('Turkey condemned Israel on Monday.', date='2026-10-14'))"
    )
    ran = subprocess.run(
        [str(python), "-c", script], capture_output=True, text=True, cwd=tmp_path, env=env
    )
    assert ran.returncode == 0, ran.stderr[-3000:]
    where, printed = ran.stdout.splitlines()[:2]
    assert Path(where).is_relative_to(own), where  # the wheel's copy, not src/
    assert "ACCUSE" in printed and "TUR → ISR" in printed, printed
    version = subprocess.run(
        [str(python), "-m", "polybius", "--version"], capture_output=True, text=True, env=env
    )
    assert version.stdout.strip() == f"polybius {polybius.__version__}"
