"""A clause of time under a future main clause ("will close the embassy after the diplomats leave"):
what it tells has not happened, as with "if" (rule condition_is_not_an_event)."""

from __future__ import annotations

from polybius.coding.draft import EventDraft, SentenceContext
from polybius.coding.lexicon import words
from polybius.coding.rules.registry import rule


@rule("future_time_clause_is_not_an_event", "modality")
def future_time_clause_is_not_an_event(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "Britain will close its embassy after its diplomats leave Kabul", "Russia will negotiate
    once Ukraine withdraws": a present tense in a clause of time ("after", "once", "when",
    "until", "before") under a future main clause tells of the future, as an "if" clause does
    (lexicon time_clause_marks): not an event that occurred."""
    marks = words("time_clause_marks")
    for clause in d.modality.chain:
        if clause.dep_ != "advcl" or not _present(clause):
            continue
        if not any(c.dep_ in ("mark", "advmod") and c.lower_ in marks for c in clause.children):
            continue
        if _future(clause.head):
            return None
    return d


def _present(verb) -> bool:
    """A present-tense clause: "leave", "withdraws", "is signed", "has left" (and a base form
    with a subject of its own, which the tagger gives some presents: "once troops withdraw")."""
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if verb.tag_ in ("VBZ", "VBP") or (
        verb.tag_ == "VB" and not aux and any(c.dep_ == "nsubj" for c in verb.children)
    ):
        return True
    return bool(aux) and all(c.tag_ in ("VBZ", "VBP") for c in aux)


def _future(verb) -> bool:
    """A clause in the future: "will keep", "'ll", "shall", "is going to keep"."""
    aux = {c.lower_ for c in verb.children if c.dep_ == "aux"}
    if aux & {"will", "'ll", "shall", "wo"}:
        return True
    return verb.head.lower_ == "going" and "to" in aux
