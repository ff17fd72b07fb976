"""Repairs of the parser's tree (coding/rules/parse_repairs.py): what they read differently,
and that the Doc leaves the coder as the parser made it."""

from __future__ import annotations

from datetime import date

from polybius.coding.rules.parse_repairs import semicolon_ends_a_clause

SEMICOLON = "Kenyan police arrested dozens of protesters; the EU urged their release."


def tree(doc) -> list[tuple[int, str]]:
    return [(t.head.i, t.dep_) for t in doc]


def test_the_clause_before_a_semicolon_becomes_the_main_one(nlp):
    doc = nlp(SEMICOLON)
    sent = next(iter(doc.sents))
    assert sent.root.text == "urged"  # the model's misreading: the arrests are what was urged
    moved = list(semicolon_ends_a_clause(sent))
    assert [doc[i].text for i, _, _ in moved] == ["urged", "arrested"]
    assert sent.root.text == "arrested" and doc[moved[0][0]].dep_ == "parataxis"
    assert len(list(doc.sents)) == 1


def test_coding_leaves_heads_and_labels_as_parsed(nlp, coder):
    doc = nlp(SEMICOLON)
    before = tree(doc)
    events = coder.code_sentence(next(iter(doc.sents)), "doc", 0, date(2026, 10, 14))
    assert {e.plover_type for e in events} == {"COERCE", "REQUEST"}
    assert tree(doc) == before
