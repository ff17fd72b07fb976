"""Modality rules of plans: what is told as going to be done (a future, a present with a time
to come, a planned or announced act) is intended, not a deed."""

from __future__ import annotations

from polybius.coding.draft import EventDraft, SentenceContext
from polybius.coding.lexicon import words
from polybius.coding.rules.modality import chain_children, future_aux
from polybius.coding.rules.registry import rule
from polybius.coding.syntax import lemma, prep_children


@rule("future_is_intended", "modality")
def future_is_intended(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    if any(future_aux(c) for c in chain_children(d)):
        d.modality.situation = d.modality.situation or "intended"
    return d


def _future_time(verb) -> bool:
    """A phrase on the verb naming a time to come: "next week", "later this month",
    "tomorrow", "in the coming days"."""
    spans = words("time_span_nouns")
    for c in verb.children:
        if c.dep_ not in ("npadvmod", "advmod", "prep", "tmod"):
            continue
        if c.lower_ == "tomorrow":
            return True
        for t in c.subtree:
            if t.lower_ in ("next", "coming") and lemma(t.head) in spans:
                return True
            if t.lower_ == "later" and any(g.lower_ == "this" for g in t.head.subtree):
                return True
    return False


@rule("present_with_a_time_to_come_is_intended", "modality")
def present_with_a_time_to_come_is_intended(
    d: EventDraft, ctx: SentenceContext
) -> EventDraft | None:
    """ "The two ministers meet in Beijing next week", "the president travels to Washington
    later this month": a present tense with a time to come tells a plan, not a deed."""
    tok = d.token
    if d.modality.situation is None and tok.tag_ in ("VBP", "VBZ") and _future_time(tok):
        d.modality.situation = "intended"
    return d


@rule("planned_noun_is_intended", "modality")
def planned_noun_is_intended(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "the planned withdrawal of US troops", "a proposed summit": an event noun that a
    word of planning modifies (lexicon plan_modifiers) is a plan, not a deed."""
    tok = d.token
    if tok.pos_ not in ("NOUN", "PROPN") or d.modality.situation is not None:
        return d
    if any(
        c.dep_ in ("amod", "compound") and c.lower_ in words("plan_modifiers") for c in tok.children
    ):
        d.modality.situation = "intended"
    return d


@rule("announced_progressive_is_a_plan", "modality")
def announced_progressive_is_a_plan(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "announced he was withdrawing the troops", "the announcement that it was pulling its
    forces out": a progressive that an announcement tells (lexicon announcing_words) is what
    is going to be done, not a deed."""
    tok = d.token
    if d.modality.situation is not None or tok.tag_ != "VBG":
        return d
    if not any(c.dep_ == "aux" and c.lemma_ == "be" for c in tok.children):
        return d
    announced = tok.dep_ in ("ccomp", "acl") and lemma(tok.head) in words("announcing_words")
    if announced:
        d.modality.situation = "intended"
    return d


@rule("a_withdrawal_named_is_announced", "modality")
def a_withdrawal_named_is_announced(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "Moscow's withdrawal of its troops from Armenia", "hailing the withdrawal": a pullout
    named by its noun is the decision announced (the guide: a withdrawal not yet carried out is
    intended), unless the sentence tells it taking place ("the withdrawal began", "was
    completed": lexicons occurrence_verbs, completion_verbs)."""
    tok = d.token
    if d.modality.situation is not None or lemma(tok) not in words("pullout_nouns"):
        return d
    if tok.pos_ != "NOUN" or d.plover_type != "RETREAT":
        return d
    done = words("occurrence_verbs") | words("completion_verbs")
    if tok.dep_ in ("nsubj", "nsubjpass", "dobj") and lemma(tok.head) in done:
        return d  # "the withdrawal began", "France completed the withdrawal"
    if any(lemma(n) in words("pact_nouns") for n in prep_children(tok, {"from"})):
        return d  # a withdrawal from a treaty or a body is a decision taken
    d.modality.situation = "intended"
    return d


@rule("a_campaign_promise_describes", "modality")
def a_campaign_promise_describes(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "took office in 2015 pledging to lift the curfew", "was elected vowing to
    crack down on crime": a promise told as the manner of taking office is what a party
    campaigned on, the background of its term; neither the promise nor the act promised is
    news of the day."""
    promises = words("campaign_promise_verbs")
    for c in d.modality.chain:
        manner = c.tag_ == "VBG" and c.dep_ == "advcl"
        if manner and lemma(c) in promises and _taking_office(c.head):
            return None
    return d


def _taking_office(verb) -> bool:
    """ "was elected", "ran", "came to power", "took office", "swept to the presidency"."""
    if lemma(verb) in words("office_seeking_verbs"):
        return True
    seats = words("office_nouns")
    named = [c for c in verb.children if c.dep_ == "dobj"]
    named += prep_children(verb, {"to", "into"})
    return any(lemma(o) in seats for o in named)
