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


# ------------------------------------------------------------ the coder stays small (issue 14)

CODER = ROOT / "src" / "polybius" / "coding"
MAX_FILE_LINES, MAX_FUNCTION_LINES, MAX_BRANCHES = 400, 60, 25
BRANCHES = (ast.If, ast.For, ast.While, ast.IfExp, ast.BoolOp, ast.comprehension, ast.Try)


def branches(fn: ast.AST) -> int:
    return sum(isinstance(n, BRANCHES) for n in ast.walk(fn))


def test_coder_modules_and_functions_stay_small():
    too_big = []
    for path in sorted(CODER.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        rel = path.relative_to(ROOT)
        if len(text.splitlines()) > MAX_FILE_LINES:
            too_big.append(f"{rel}: {len(text.splitlines())} lines")
        for fn in ast.walk(ast.parse(text)):
            if not isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            lines = fn.end_lineno - fn.lineno + 1
            if lines > MAX_FUNCTION_LINES or branches(fn) > MAX_BRANCHES:
                too_big.append(
                    f"{rel}:{fn.lineno} {fn.name}: {lines} lines, {branches(fn)} branches"
                )
    assert too_big == []


def package_imports() -> dict[str, set[str]]:
    """Which top-level polybius packages each package imports (module-level or local)."""
    graph: dict[str, set[str]] = {}
    src = ROOT / "src" / "polybius"
    for path in src.rglob("*.py"):
        parts = path.relative_to(src).parts
        package = parts[0] if len(parts) > 1 else parts[0].removesuffix(".py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            for name in names:
                bits = name.split(".")
                if bits[0] == "polybius" and len(bits) > 1 and bits[1] != package:
                    graph.setdefault(package, set()).add(bits[1])
    return graph


def test_no_import_cycle_between_packages():
    """The package graph is acyclic (the coder uses actors, events, when and where; none of
    them imports it back), so each layer can be read and tested on its own."""
    graph = package_imports()

    def reaches(start: str, goal: str) -> bool:
        seen, todo = set(), [start]
        while todo:
            for nxt in graph.get(todo.pop(), ()):
                if nxt == goal:
                    return True
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        return False

    assert [p for p in sorted(graph) if reaches(p, p)] == []
