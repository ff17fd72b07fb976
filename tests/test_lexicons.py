"""The coder's and resolver's word lists live in data files: every list the code asks for
exists, and every list in a file is used (no dead knowledge)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from polybius.coding.lexicon import UnknownLexicon, cameo, words
from polybius.tsv import load_lexicons, package_data, read_tsv

SRC = Path(__file__).resolve().parents[1] / "src" / "polybius"
FILES = {
    # words("name"), or a rule's type test _is(draft, "name")
    "coding": (r"\b(?:words\(|_is\(d, )\s*\"([a-z_]+)\"", SRC / "coding"),
    "actors": (r"\bactor_words\(\s*\"([a-z_]+)\"", SRC / "actors"),
}


def asked(pattern: str, folder: Path) -> set[str]:
    text = "\n".join(p.read_text(encoding="utf-8") for p in folder.rglob("*.py"))
    return set(re.findall(pattern, text))


@pytest.mark.parametrize("package", sorted(FILES))
def test_every_lexicon_is_defined_and_used(package):
    pattern, folder = FILES[package]
    defined = set(load_lexicons(package, "data", "lexicons.tsv"))
    used = asked(pattern, folder)
    assert used - defined == set(), "asked for but not in lexicons.tsv"
    assert defined - used == set(), "in lexicons.tsv but never used"


def test_every_named_code_is_used_and_known():
    from polybius.events.ontology import load_ontology

    names = {
        row["name"]: row["cameo"] for row in read_tsv(package_data("coding", "data", "codes.tsv"))
    }
    code = "\n".join(p.read_text(encoding="utf-8") for p in (SRC / "coding").rglob("*.py"))
    unused = [name for name in names if f'"{name}"' not in code]
    assert unused == [], "named in codes.tsv but never asked for"
    known = load_ontology().cameo
    assert all(code in known for name, code in names.items() if name != "arrest_prefix")


def test_unknown_names_say_where_to_add_them():
    with pytest.raises(UnknownLexicon, match="lexicons.tsv"):
        words("no_such_list")
    with pytest.raises(UnknownLexicon, match="codes.tsv"):
        cameo("no_such_code")


def test_a_lexicon_named_twice_is_an_error(tmp_path, monkeypatch):
    # the second row would silently replace the first one's words
    import polybius.tsv as tsv

    table = tmp_path / "lexicons.tsv"
    rows = "name\twords\tmeaning\nverbs\tfind|show\ta\nverbs\thold\tb\n"
    table.write_text(rows, encoding="utf-8")
    monkeypatch.setattr(tsv, "package_data", lambda *parts: table)
    with pytest.raises(ValueError, match="twice/lexicons.tsv:3: lexicon 'verbs' named twice"):
        tsv.load_lexicons("twice", "lexicons.tsv")  # parts no cached call has used
