"""Every coder rule is guarded by cases (tests/data/rule_cases.tsv): sentences written for the
project on which the rule decides the events, and contrast sentences without its cue.

The mutation check switches each registered rule off in turn: at least one of its cases must
then come out differently, or the rule is not tested (or does nothing).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from pathlib import Path

import pytest

from polybius.coding.coder import Coder
from polybius.coding.compact import compact as summary
from polybius.coding.rules.registry import rule_names
from polybius.engine.stages import code_text
from polybius.tsv import read_tsv

CASES = Path(__file__).parent / "data" / "rule_cases.tsv"
PUBLISHED = date(2026, 10, 14)
pytestmark = pytest.mark.slow


def _cases() -> list[dict[str, str]]:
    return list(read_tsv(CASES))


def _coded(text: str, coder: Coder, nlp):
    return code_text(text, "case", PUBLISHED, coder, True, nlp)[1]


def test_every_rule_has_cases_and_a_contrast():
    kinds: dict[str, set[str]] = defaultdict(set)
    for row in _cases():
        assert row["rule"] in rule_names(), f"rule_cases.tsv:{row['_line']}: unknown rule"
        assert row["kind"] in ("case", "contrast"), f"rule_cases.tsv:{row['_line']}: kind"
        kinds[row["rule"]].add(row["kind"])
    missing = [n for n in rule_names() if kinds[n] != {"case", "contrast"}]
    assert missing == [], f"rules without a case and a contrast: {missing}"


def test_cases_code_as_expected(nlp, coder):
    wrong = []
    for row in _cases():
        events = _coded(row["text"], coder, nlp)
        got = summary(events)
        if got != row["expected"]:
            wrong.append(f"{row['_line']} {row['rule']}: {row['text']!r} -> {got}")
        elif row["kind"] == "contrast" and any(
            step.startswith(f"rule:{row['rule']} ") for e in events for step in e.trace
        ):
            wrong.append(f"{row['_line']} {row['rule']}: the rule fired on its contrast")
    assert wrong == []


# learned rules that can stand in for a switched-off rule (the side model fills a target a
# rule would have named): the mutation check compares each rule on and off without them
FALLBACKS = ("learned_side_filler",)


def _coding(text: str, coder: Coder, nlp) -> tuple[str, list[tuple[str, str]]]:
    """The compact summary, and the events' countries and dates (place and date rules change
    only those)."""
    events = _coded(text, coder, nlp)
    return summary(events), sorted((e.location_country or "-", str(e.event_date)) for e in events)


def test_every_rule_is_caught_when_switched_off(nlp):
    """The mutation check over the registry: in the coder without the learned fallbacks,
    switching a rule off changes the coding of at least one of its cases."""
    by_rule: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in _cases():
        if row["kind"] == "case":
            by_rule[row["rule"]].append(row)
    uncaught = []
    for name in rule_names():
        fallbacks = tuple(f for f in FALLBACKS if f != name)
        on, off = Coder(disabled_rules=fallbacks), Coder(disabled_rules=(name, *fallbacks))
        if not any(
            _coding(r["text"], on, nlp) != _coding(r["text"], off, nlp) for r in by_rule[name]
        ):
            uncaught.append(name)
    assert uncaught == [], f"switching these rules off fails none of their cases: {uncaught}"
