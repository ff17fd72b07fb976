"""No module uses another polybius module's private names (a leading underscore).

A private name is free to change with its module; importing it from elsewhere (in src/, bench/,
scripts/ or tests/) silently ties the two together. A helper that is needed elsewhere is made
public or moved where it belongs.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCANNED = ("src", "bench", "scripts", "tests")

# No allow-list: every file is checked, the coder (coding/) and actors/resolver.py included.
# Add an exemption here only with the reason, never to hide a new case.


def is_private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def _polybius_import(node: ast.ImportFrom) -> bool:
    return node.level > 0 or (node.module or "").split(".")[0] == "polybius"


def private_uses(source: str, filename: str = "<string>") -> list[str]:
    """Each private name this module takes from another polybius module, as "LINE: what".

    Two forms: `from polybius.x import _name`, and `_name` read as an attribute of something
    imported from polybius (`import polybius.x as m; m._name`, `from polybius import x; x._name`).
    """
    tree = ast.parse(source, filename)
    imported: set[str] = set()  # local names bound to something from polybius
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and _polybius_import(node):
            for alias in node.names:
                imported.add(alias.asname or alias.name)
                if is_private(alias.name):
                    found.append(f"{node.lineno}: from {node.module or '.'} import {alias.name}")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "polybius":
                    imported.add(alias.asname or alias.name.split(".")[0])
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Attribute) and is_private(node.attr)):
            continue
        root = node.value
        while isinstance(root, ast.Attribute):
            root = root.value
        if isinstance(root, ast.Name) and root.id in imported:
            found.append(f"{node.lineno}: {ast.unparse(node)}")
    return sorted(found, key=lambda s: int(s.split(":")[0]))


def python_files() -> list[Path]:
    return sorted(p for d in SCANNED if (ROOT / d).is_dir() for p in (ROOT / d).rglob("*.py"))


def test_no_private_names_across_modules():
    problems = []
    for path in python_files():
        rel = path.relative_to(ROOT).as_posix()
        problems += [f"{rel}:{use}" for use in private_uses(path.read_text(), rel)]
    assert not problems, "private names used across modules:\n" + "\n".join(problems)


@pytest.mark.parametrize(
    "source",
    [
        "from polybius.ingest.sources import _failed\n",
        "from polybius.ingest.sources import (\n    read_path,\n    _failed as f,\n)\n",
        "from .sources import _failed\n",
        "from polybius.where import places\nplaces._build_places()\n",
        "import polybius.where.places as p\np._build_places()\n",
        "import polybius.where.places\npolybius.where.places._build_places()\n",
    ],
)
def test_checker_catches_private_imports(source):
    assert private_uses(source)


@pytest.mark.parametrize(
    "source",
    [
        "from polybius.ingest.sources import read_path\n",
        "from __future__ import annotations\n",
        "import os\nos._exit(1)\n",
        "from polybius.models import Event\nEvent.__name__\n",
        "class A:\n    def f(self):\n        return self._x\n",
    ],
)
def test_checker_allows_public_and_own_names(source):
    assert private_uses(source) == []
