"""Rules of the `parse` stage: repairs of the parser's tree that every later stage reads.

A `parse` rule takes the sentence Span, changes heads (and labels) in place and yields
(token index, its former head's index) for every token it moves. The coder notes the rule in the trace of an
event at a moved token, and puts every head back once the sentence is coded: the Doc leaves
the coder as the parser made it, so coding the same parse again (with other rules switched
off, as the ablation and the evaluation harness do) starts from the same tree (the labels of
moved tokens are put back too).
"""

from __future__ import annotations

from collections.abc import Iterator

from polybius.coding.lexicon import load_cues, words
from polybius.coding.rules.registry import rule

_OWN_CLAUSE = ("nsubj", "nsubjpass", "csubj", "aux", "auxpass", "expl")
_FINITE = ("VBD", "VBZ", "VBP")


def _reporter_conjunct(tok):
    """The reporting verb a conjunct was wrongly joined under, or None.

    "X said the talks had failed and urged Y to return": the small English model joins
    "urged" to "failed", inside what X said, so the talks would be urging Y. The conjunct is
    the speaker's own act when it is an act of speech (lexicon speaker_acts), has no subject or
    auxiliary of its own, has the reporting verb's tense, follows the reported clause, and
    the reported clause cannot share its subject with it: that clause has an auxiliary the
    conjunct lacks ("had failed ... and urged") or its subject is not a name ("the situation
    was dire and called on")."""
    clause = tok.head
    if tok.dep_ != "conj" or clause.dep_ != "ccomp" or clause.i > tok.i:
        return None
    reporter = clause.head
    if reporter.i > clause.i or not load_cues().has("speech", reporter.lemma_.lower()):
        return None
    if tok.tag_ not in _FINITE or tok.tag_ != reporter.tag_:
        return None
    if tok.lemma_.lower() not in words("speaker_acts"):
        return None
    if any(c.dep_ in _OWN_CLAUSE for c in tok.children):
        return None
    helped = any(c.dep_ in ("aux", "auxpass") for c in clause.children)
    subj = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if helped or subj is None or subj.pos_ != "PROPN":
        return reporter
    return None


@rule("speaker_act_after_reported_clause", "parse")
def speaker_act_after_reported_clause(sent) -> Iterator[tuple[int, int]]:
    """Rejoin a speaker's own act to the reporting verb (see _reporter_conjunct), with the
    conjunction before it."""
    for tok in sent:
        reporter = _reporter_conjunct(tok)
        if reporter is None:
            continue
        clause = tok.head
        joiner = [c for c in clause.children if c.dep_ == "cc" and c.i < tok.i]
        tok.head = reporter
        yield tok.i, clause.i
        if joiner:
            joiner[-1].head = reporter
            yield joiner[-1].i, clause.i


def _subject_read_as_apposition(verb):
    """ "At a news conference in Abuja, the party chairman said ...": the subject of a main
    verb that has none, read by the parser as an apposition to the last noun of the fronted
    phrase before the comma; None when the verb has a subject or no such apposition."""
    if verb.pos_ != "VERB" or verb.tag_ not in _FINITE:
        return None
    if any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") for c in verb.children):
        return None
    fronted = [c for c in verb.children if c.dep_ in ("prep", "advcl") and c.i < verb.i]
    for phrase in fronted:
        for tok in phrase.subtree:
            comma = tok.doc[tok.left_edge.i - 1] if tok.left_edge.i > 0 else None
            if (
                tok.dep_ == "appos"
                and tok.pos_ in ("NOUN", "PROPN")
                and tok.right_edge.i == verb.i - 1
                and comma is not None
                and comma.text == ","
            ):
                return tok
    return None


@rule("fronted_phrase_keeps_its_subject", "parse")
def fronted_phrase_keeps_its_subject(sent) -> Iterator[tuple[int, int]]:
    """Make the noun phrase between a fronted phrase's comma and the main verb that verb's
    subject (see _subject_read_as_apposition)."""
    verb = sent.root
    subj = _subject_read_as_apposition(verb)
    if subj is not None:
        former = subj.head.i
        subj.head = verb
        subj.dep_ = "nsubj"
        yield subj.i, former
