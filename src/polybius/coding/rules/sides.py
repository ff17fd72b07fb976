"""Gates on taking a side: a participle of backing on a party names its side (a standing
relation, not an event), unless the backing is by armed force (military aid)."""

from __future__ import annotations

from polybius.coding.draft import EventDraft, SentenceContext
from polybius.coding.lexicon import words
from polybius.coding.rules.registry import rule
from polybius.coding.syntax import child, lemma

MILITARY_AID = "072"  # CAMEO: give military aid


def _side_taking(d: EventDraft) -> bool:
    """A verb of taking a side ("back", "support"), matched as a verb."""
    return d.trigger.pattern.pos == "v" and lemma(d.token) in words("side_taking_verbs")


@rule("backing_by_force_is_military_aid", "gate")
def backing_by_force_is_military_aid(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "Kurdish units, backed by US air power", "rebels supported by 2,000 US troops": a
    participle of backing whose "by" phrase names armed force says the backer's forces
    fight for the backed, military aid (CAMEO 072), not only the side it is on."""
    tok = d.token
    if not _side_taking(d) or tok.tag_ != "VBN" or tok.dep_ not in ("acl", "advcl"):
        return d
    agent = child(tok, "agent")
    phrase = list(agent.subtree) if agent is not None else []
    if any(lemma(t) in words("armed_force_nouns") for t in phrase):
        d.entry = ctx.ontology.code(MILITARY_AID)
    return d


@rule("backing_a_fight_is_military_aid", "gate")
def backing_a_fight_is_military_aid(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "500 US troops are supporting the militias", "the UN has been supporting the
    government in its fight against the rebels", "backing the training of an army", "backed
    the militia with tanks and rockets": backing done by armed forces, given to a fight or to
    forces, or given in arms, is military aid (CAMEO 072)."""
    tok = d.token
    if not _side_taking(d) or tok.tag_ == "VBN":
        return d  # a participle of backing: backing_by_force_is_military_aid's
    force, fight = words("armed_force_nouns"), words("fight_nouns")
    doer = child(tok, "nsubj")
    by_forces = doer is not None and lemma(doer) in force
    in_a_fight = any(
        lemma(g) in fight
        for p in tok.children
        if p.dep_ == "prep" and p.lower_ == "in"
        for g in p.children
        if g.dep_ == "pobj"
    )
    obj = child(tok, "dobj")
    to_forces = obj is not None and any(lemma(t) in fight for t in obj.subtree)
    # "backed the militia with tanks and rockets": the backing is given in arms
    with_arms = any(
        lemma(g) in force | words("arms_nouns")
        for p in tok.children
        if p.dep_ == "prep" and p.lower_ == "with"
        for o in p.children
        if o.dep_ == "pobj"
        for g in (o, *o.conjuncts)
    )
    if by_forces or in_a_fight or to_forces or with_arms:
        d.entry = ctx.ontology.code(MILITARY_AID)
    return d


@rule("backing_names_a_side", "gate")
def backing_names_a_side(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "Militias backed by Iran", "the Turkish-backed rebels", "citizens backing the group",
    "Backed by Iran, the militias advanced":
    a participle of taking a side on the noun of a party describes the party (which side it
    is on, as the guide's convention on ongoing states has it); "Iran backed the plan" is an
    act and stays."""
    tok = d.token
    if not _side_taking(d):
        return d
    if d.entry.code == MILITARY_AID and d.trigger.pattern.cameo != MILITARY_AID:
        return d  # backing by force: military aid (rule backing_by_force_is_military_aid)
    participle = (tok.tag_ in ("VBN", "VBG") and tok.dep_ in ("acl", "amod", "compound")) or (
        tok.dep_ == "amod" and tok.head.i > tok.i  # "the Turkish backed rebels" (read VBD)
    )
    if participle and tok.head.pos_ in ("NOUN", "PROPN"):
        return None
    # "Backed by Russian air power, government forces swept south": the participle clause
    # (no subject or auxiliary of its own) describes the main clause's subject
    describes_subject = (
        tok.tag_ == "VBN"
        and tok.dep_ == "advcl"
        and not any(
            c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "mark") for c in tok.children
        )
    )
    return None if describes_subject else d
