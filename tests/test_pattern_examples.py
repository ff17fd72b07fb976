"""Every trigger pattern's example sentence is found by the coder as an event of its type,
and an example that names both parties is coded with each in its role.

The examples document the patterns (`src/polybius/events/data/patterns/*.tsv`); if one stops
triggering, either the pattern is shadowed by another one, its words no longer match the
parse, or the example no longer shows it.

Roles are not written by hand for the examples: they are read off the parse. The source is the
trigger verb's subject (the "by" agent of a passive, whose subject is then the target; the
"from"/"by" phrase of a pattern whose subject undergoes the event, the subject its target) or, for
an event noun, its possessor or modifier ("Russia's", "Russian"); the target is the phrase in
the pattern's first target slot that the sentence fills, else the verb's object. Each phrase is
resolved with the actor resolver; when the source names exactly one actor code and the target
exactly one other, the coder must produce an event of the pattern's type with that source and
that target. Known misses are listed with their reason in tests/data/pattern_role_exceptions.tsv;
an entry that no longer fails, or whose example is gone, fails the test so the list stays true.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from polybius.actors.dictionary import load_dictionary
from polybius.actors.explain import phrase_head
from polybius.actors.matcher import find_mentions
from polybius.actors.resolver import DocumentContext, SentenceMentions
from polybius.events.patterns import pattern_files
from polybius.tsv import read_tsv

ROLE_EXCEPTIONS = Path(__file__).parent / "data" / "pattern_role_exceptions.tsv"


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


def _child(tok, *deps):
    return next((c for c in tok.children if c.dep_ in deps), None)


def _slot_phrase(trigger, slot):
    """The head of the phrase filling one of the pattern's target slots, if the parse has it."""
    tok = trigger.token
    if slot in ("dobj", "dative", "poss"):
        return _child(tok, slot)
    if slot.startswith("prep:"):
        preps = set(slot.removeprefix("prep:").split("|"))
        for host in (tok, trigger.object_token, _child(tok, "dobj")):
            for prep in host.children if host is not None else ():
                if prep.dep_ in ("prep", "dative", "prt") and prep.lower_ in preps:
                    obj = _child(prep, "pobj")
                    if obj is not None:
                        return obj
    return None


def expected_role_phrases(trigger):
    """(source head, target head) read off the parse, or None when the example has not both."""
    tok, pattern = trigger.token, trigger.pattern
    if pattern.pos == "v":
        passive = _child(tok, "nsubjpass")
        if passive is not None:
            agent = _child(tok, "agent")
            by = _child(agent, "pobj") if agent is not None else None
            return (by, passive) if by is not None else None
        source = _child(tok, "nsubj")
    else:
        source = None if "poss" in pattern.targets else _child(tok, "poss")
        source = source if source is not None else _child(tok, "amod", "compound")
    if source is None or "recip" in pattern.targets:  # reciprocal: both parties are both roles
        return None
    if "experiencer" in pattern.targets:  # "X's move angered Y": Y disapproves of X
        felt_by = _child(tok, "dobj")
        return (felt_by, source) if felt_by is not None else None
    if "undergoer" in pattern.targets:  # "X faced criticism from Y": Y acts on X
        doer = next(
            (
                _child(p, "pobj")
                for h in (trigger.object_token, tok)
                if h is not None
                for p in h.children
                if p.dep_ in ("prep", "agent") and p.lower_ in ("from", "by")
            ),
            None,
        )
        return (doer, source) if doer is not None else None
    for slot in pattern.targets:
        target = _slot_phrase(trigger, slot)
        if target is not None:
            return source, target
    target = trigger.object_token if trigger.object_token is not None else _child(tok, "dobj")
    return (source, target) if target is not None else None


def _phrase_codes(head, mentions: SentenceMentions) -> set[str]:
    """Actor codes the resolver gives the names inside the phrase headed by `head`."""
    inside = {t.i for t in head.subtree}
    sent = mentions.sent
    heads = dict.fromkeys(
        phrase_head(sent[i - sent.start]) for i in mentions.by_token if i in inside
    )
    return {a.code for h in heads for a in mentions.resolve(h) if a.code}


def _role_exceptions() -> dict[tuple[str, str], str]:
    rows = list(read_tsv(ROLE_EXCEPTIONS))
    assert all(r["reason"] for r in rows), "every known miss needs its reason"
    return {(r["file"], r["example"]): r["reason"] for r in rows}


@pytest.mark.slow
def test_each_pattern_example_naming_both_parties_codes_them_in_their_roles(nlp, coder):
    dictionary = load_dictionary()
    known = _role_exceptions()
    checked, failures, still_failing = 0, [], set()
    for path in pattern_files():
        for row in read_tsv(path):
            if not row.get("example"):
                continue
            plover_type = coder.ontology.code(row["cameo"]).plover_type
            sent = next(iter(nlp(row["example"]).sents))
            triggers = [
                t
                for t in coder.find_triggers(sent)
                if coder.ontology.code(t.pattern.cameo).plover_type == plover_type
            ]
            # the row's own pattern when it fires, else the one of its type that shadows it
            triggers.sort(key=lambda t: t.pattern.origin != f"{path.name}:{row['_line']}")
            phrases = expected_role_phrases(triggers[0]) if triggers else None
            if phrases is None:
                continue
            mentions = SentenceMentions(
                sent, find_mentions(sent.text, dictionary), None, DocumentContext()
            )
            sources, targets = (_phrase_codes(p, mentions) for p in phrases)
            if len(sources) != 1 or len(targets) != 1 or sources == targets:
                continue
            checked += 1
            (source,), (target,) = sources, targets
            events = [
                e for e in coder.code_sentence(sent, "example", 0) if e.plover_type == plover_type
            ]
            if any(source in e.source_codes and target in e.target_codes for e in events):
                continue
            key = (path.name, row["example"])
            if key in known:
                still_failing.add(key)
                continue
            coded = [(e.source_codes, e.target_codes) for e in events]
            failures.append(
                f"{path.name}:{row['_line']} {row['trigger']}: {row['example']} "
                f"expected {plover_type} {source} -> {target}, coded {coded}"
            )
    assert checked > 250, checked  # the parse-read roles still cover the examples naming both
    stale = sorted(set(known) - still_failing)
    report = []
    if failures:
        report += ["examples coded with a named party out of its role:", *failures]
    if stale:
        report += [f"known misses in {ROLE_EXCEPTIONS.name} that no longer fail (remove them):"]
        report += [f"{name}: {example}" for name, example in stale]
    assert not report, "\n".join(report)
