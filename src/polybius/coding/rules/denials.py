"""A claim denied in the same breath ("Congo says Rwanda backs the rebels, which Kigali
denies"; "X said Y had armed the gunmen, a charge Y rejects"): the news is a charge and its
denial. The denial is a trigger pattern's (REJECT); the charge has no trigger word of its own
when it is told as what someone says, so this rule makes it."""

from __future__ import annotations

from collections.abc import Iterator

from polybius.coding.draft import EventDraft, SentenceContext, Trigger
from polybius.coding.lexicon import load_cues, words
from polybius.coding.rules.registry import rule
from polybius.coding.rules.sentence import preset_draft, rule_pattern, voiced_by
from polybius.coding.syntax import lemma

_CLIMB = 6  # how far a denial's antecedent may sit below the verb that made the claim


def _denies_a_claim(verb) -> bool:
    """A denial whose object is what was just told: "..., which Kigali denies", "..., a
    charge the Taliban deny", "..., charges Paris called baseless"."""
    if verb.dep_ not in ("relcl", "acl"):
        return False
    if lemma(verb) not in words("denial_verbs"):
        named = [c for c in verb.children if c.dep_ in ("oprd", "xcomp", "acomp", "dobj")]
        calling = lemma(verb) in words("calling_verbs")
        if not calling or not any(lemma(n) in words("dismissive_names") for n in named):
            return False
    which = any(c.lower_ == "which" and c.dep_ in ("dobj", "nsubjpass") for c in verb.children)
    return which or lemma(verb.head) in words("charge_nouns")


def _claimer(verb):
    """The verb that told the claim: the nearest verb of speech or accusation above the
    denial's antecedent ("say" in "X says Y backs the rebels, which Y denies")."""
    cues, node = load_cues(), verb.head
    for _ in range(_CLIMB):
        said = cues.has("speech", lemma(node)) or lemma(node) in words("accusation_verbs")
        if said and node.pos_ in ("VERB", "AUX"):
            return node
        if node.head is node:
            return None
        node = node.head
    return None


@rule("a_denied_claim_is_an_accusation", "sentence")
def a_denied_claim_is_an_accusation(ctx: SentenceContext) -> Iterator[EventDraft]:
    """ "X says Y backs the rebels, which Y denies": a claim its target denies is an
    accusation by the one who made it of the one who denies it."""
    for verb in ctx.tokens_with_lemma(words("denial_verbs") | words("calling_verbs")):
        if not _denies_a_claim(verb):
            continue
        claimer = _claimer(verb)
        said_by, denier = (voiced_by(claimer) if claimer is not None else None), voiced_by(verb)
        if said_by is None or denier is None:
            continue
        sources, targets = ctx.sm.resolve(said_by), ctx.sm.resolve(denier)
        if sources and targets:
            name = "a_denied_claim_is_an_accusation"
            trig = Trigger(claimer, rule_pattern(lemma(claimer), name, "accusation"))
            yield preset_draft(ctx, trig, sources, targets)
