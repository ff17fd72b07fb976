"""Whom a subject "it" of a coordinated clause stands for: the named body that is the subject
of the clause it is joined to ("Russia denies the charge, but it has vetoed every
resolution"; "Turkey called a ceasefire and it pressed for talks"). A person is never "it"."""

from __future__ import annotations

from collections.abc import Callable

from polybius.models import Actor

SUBJECT_DEPS = ("nsubj", "nsubjpass")


def coordinated_body(pronoun, peek: Callable[[object], list[Actor]]) -> list[Actor]:
    """The one actor `peek` finds for the named singular subject of the clause the pronoun's
    own clause is coordinated with, when it comes before the pronoun; else []. (The resolver
    leaves out a person: "it" is never one.)"""
    if pronoun.lower_ != "it" or pronoun.dep_ not in SUBJECT_DEPS:
        return []
    clause = pronoun.head
    if clause.dep_ != "conj":
        return []
    subj = next((c for c in clause.head.children if c.dep_ in SUBJECT_DEPS), None)
    if subj is None or subj.pos_ == "PRON" or subj.i > pronoun.i:
        return []
    if subj.tag_ not in ("NN", "NNP") or any(c.dep_ == "conj" for c in subj.children):
        return []
    found = [a for a in peek(subj) if a.code]
    return found if len(found) == 1 else []
