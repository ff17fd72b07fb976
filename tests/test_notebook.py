"""examples/quickstart.ipynb runs end to end (issue 18, item 2): it codes the sample news,
reads the store into pandas, plots a dyad's trend and exports GDELT rows."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import polybius
from conftest import REPO

pytestmark = pytest.mark.slow


def test_the_quickstart_notebook_runs(tmp_path):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    shutil.copy(REPO / "examples" / "quickstart.ipynb", tmp_path)
    shutil.copytree(REPO / "examples" / "news", tmp_path / "news")
    notebook = nbformat.read(tmp_path / "quickstart.ipynb", as_version=4)
    client = nbclient.NotebookClient(
        notebook, timeout=600, kernel_name="python3", resources={"metadata": {"path": tmp_path}}
    )
    # the kernel imports the polybius under test (PYTHONPATH may be relative to the repo)
    src = str(Path(polybius.__file__).resolve().parents[1])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([src, os.environ.get("PYTHONPATH", "")])}
    client.execute(env=env)  # raises CellExecutionError on the first failing cell

    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
    text = "\n".join(
        str(o.get("text", "")) + str(o.get("data", {}).get("text/plain", "")) for o in outputs
    )
    assert "'plover_type': 'ACCUSE'" in text
    assert "'source_codes': ['TUR']" in text
    assert not [o for o in outputs if o.output_type == "error"]
    assert any("image/png" in o.get("data", {}) for o in outputs), "the trend plot is drawn"
    assert "GlobalEventID" in text
    rows = (tmp_path / "quickstart.gdelt.tsv").read_text().splitlines()
    assert rows and all(len(row.split("\t")) == 61 for row in rows)
    assert (tmp_path / "quickstart.duckdb").exists()
    assert "ipywidgets" not in text  # no progress bar noise in the notebook
