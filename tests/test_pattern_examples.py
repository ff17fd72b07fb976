"""Every trigger pattern's example sentence is found by the coder as an event of its type.

The examples document the patterns (`src/polybius/events/data/patterns/*.tsv`); if one stops
triggering, either the pattern is shadowed by another one, its words no longer match the
parse, or the example no longer shows it.
"""

from __future__ import annotations

from polybius.events.patterns import pattern_files
from polybius.tsv import read_tsv


def test_each_pattern_example_triggers_its_type(nlp, coder):
    rows = [
        (path.name, row) for path in pattern_files() for row in read_tsv(path) if row.get("example")
    ]
    assert len(rows) > 1500
    failures = []
    for name, row in rows:
        expected = coder.ontology.code(row["cameo"]).plover_type
        found = {
            coder.ontology.code(t.pattern.cameo).plover_type
            for sent in nlp(row["example"]).sents
            for t in coder.find_triggers(sent)
        }
        if expected not in found:
            failures.append(f"{name} {row['trigger']}: {row['example']} -> {sorted(found)}")
    assert failures == []
