"""Sentence rule for a refusal told as a negated future: "the minister said he would not step
down", "Serbia will never recognise Kosovo's independence" with a verb no pattern names ("would
not reopen the pay deal", "will not obey the order")."""

from __future__ import annotations

from collections.abc import Iterator

from polybius.coding.draft import EventDraft, SentenceContext, Trigger
from polybius.coding.lexicon import load_cues, words
from polybius.coding.rules.registry import rule
from polybius.coding.rules.sentence import preset_draft, rule_pattern
from polybius.coding.subject import subject
from polybius.coding.syntax import child, codes, lemma
from polybius.coding.verb_roles import modifier_actors


@rule("a_refusal_told_as_will_not", "sentence")
def a_refusal_told_as_will_not(ctx: SentenceContext) -> Iterator[EventDraft]:
    """ "The governor said he would not obey the order", "the union will not call off the
    strike": a party saying what it will not do refuses to do it (REJECT, CAMEO 12), for a
    verb no trigger pattern matched (those are coded as their act, refused). Not a
    conditional ("would not attack if ...", "would not have"), not what a thing or an event
    will not do ("the strike will not stop the reforms" names no party's act), and not
    declining to speak ("would not comment": lexicon not_refusal_verbs); the refuser says it
    of itself (`_refuser`)."""
    for negation in ctx.tokens_with_lemma(words("negation_words")):
        verb = negation.head
        if verb.pos_ != "VERB" or verb.i in ctx.triggered or not _negated_future(verb):
            continue
        if lemma(verb) in words("not_refusal_verbs") or _conditioned(verb):
            continue
        doer = child(verb, "nsubj")
        sources = _refuser(verb, doer, ctx) if doer is not None else []
        if not sources:
            continue
        obj = child(verb, "dobj")
        targets = []
        if obj is not None:
            targets = ctx.sm.resolve(obj) or modifier_actors(obj, ctx.sm)
        targets = [t for t in targets if t.code not in codes(sources)] or targets
        trig = Trigger(verb, rule_pattern(lemma(verb), "a_refusal_told_as_will_not", "refusal"))
        yield preset_draft(ctx, trig, sources, targets)


def _refuser(verb, doer, ctx: SentenceContext) -> list:
    """Who refuses: the subject of a main clause ("Serbia will never recognise ..."), or of a
    clause a speaker says of itself ("the ministry said it would not ...", "Ruto said Kenya
    would not ..."); not a party another says, hopes or insists will not act ("Turkey insisted
    that the Kurds would not use the chaos": a prediction, not their refusal)."""
    if verb.dep_ == "ROOT":
        return ctx.sm.resolve(doer)
    if verb.dep_ != "ccomp" or lemma(verb.head) not in load_cues().words["speech"]:
        return []
    speaker = subject(verb.head)
    said_by = ctx.sm.resolve(speaker) if speaker is not None else []  # in reading order
    if not said_by:
        return []
    if doer.lower_ in words("speaker_pronouns"):
        return said_by  # "the ministry said it would not ...": the speaker itself
    sources = ctx.sm.resolve(doer)
    return sources if set(codes(sources)) <= set(codes(said_by)) else []


def _negated_future(verb) -> bool:
    """ "will not", "would never", "won't": a future or conditional modal and a negation."""
    kids = list(verb.children)
    modal = any(c.dep_ == "aux" and c.lower_ in words("refusal_modals") for c in kids)
    return modal and any(c.dep_ == "neg" for c in kids)


def _conditioned(verb) -> bool:
    """ "would not attack if provoked", "would not have acted": a condition or a past
    unreal, not a refusal."""
    kids = list(verb.children)
    if any(c.dep_ == "aux" and lemma(c) == "have" for c in kids):
        return True
    return any(
        c.dep_ == "advcl"
        and any(m.dep_ == "mark" and load_cues().has("condition", m.lower_) for m in c.children)
        for c in kids
    )
