"""Rules for words of force that here name something else: a general or hunger "strike" is a
protest, and so is what rioters do; a missile "test-fired" is a show of force."""

from __future__ import annotations

from polybius.coding.draft import EventDraft, SentenceContext
from polybius.coding.lexicon import cameo, words
from polybius.coding.rules.registry import rule
from polybius.coding.subject import subject
from polybius.coding.syntax import lemma


@rule("work_stoppage_is_a_protest", "actors")
def work_stoppage_is_a_protest(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "A general strike paralysed transport", "dissidents launched a hunger strike": a
    strike its modifiers call a stoppage of work or of eating (lexicon stoppage_modifiers)
    is a protest (PROTEST; a hunger strike its own CAMEO code), not an airstrike."""
    if d.plover_type != "ASSAULT":
        return d
    strike = d.trigger.object_token if d.trigger.object_token is not None else d.token
    if lemma(strike) != "strike":
        return d
    modifiers = {lemma(m) for m in strike.children if m.dep_ in ("amod", "compound", "nmod")}
    if not modifiers & words("stoppage_modifiers"):
        return d
    stoppage = "hunger_strike" if "hunger" in modifiers else "labour_strike"
    d.entry = ctx.ontology.code(cameo(stoppage))
    return d


@rule("weapons_test_is_a_show_of_force", "actors")
def weapons_test_is_a_show_of_force(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "North Korea test-fired a missile", "Iran test-launched a rocket": a weapon fired in a
    test is readied, not used on anyone (MOBILIZE, the codebook's weapons test)."""
    if d.plover_type != "ASSAULT" or d.targets or d.token.i < d.token.sent.start + 2:
        return d
    hyphen, before = d.token.nbor(-1), d.token.nbor(-2)
    if hyphen.text == "-" and before.lower_ in words("test_prefixes"):
        d.entry = ctx.ontology.code(cameo("weapons_test"))
    return d


@rule("rioting_is_a_protest", "actors")
def rioting_is_a_protest(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "Rioters torched police stations", "rioting crowds stormed the mayor's office": force
    or destruction by rioters (lexicon rioter_words, or a crowd said to be rioting) is a riot,
    the codebook's violent protest (PROTEST), not an armed attack."""
    if d.plover_type not in ("ASSAULT", "COERCE"):
        return d
    doer = subject(d.token)
    if doer is None:
        return d
    rioting = lemma(doer) in words("rioter_words") or any(
        m.dep_ == "amod" and lemma(m) == "riot" for m in doer.children
    )
    if rioting:
        d.entry = ctx.ontology.code(cameo("riot"))
    return d
