"""Gate rules for what laws, rulings and orders say: a restriction a law provides, what it
provides that someone can or must do, and the kinds of act it limits or bans are no acts;
passing, signing, issuing or enforcing them is."""

from __future__ import annotations

from polybius.coding.draft import EventDraft, SentenceContext
from polybius.coding.lexicon import words
from polybius.coding.rules.registry import rule
from polybius.coding.syntax import child, lemma


@rule("a_standing_rule_is_no_act", "gate")
def a_standing_rule_is_no_act(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "a law that bars teachers from going on strike", "the injunction bans protests near
    the site": a restriction a law, a ruling or an order provides, told in the present,
    describes a standing rule, not an act done (lexicon rule_documents); its passing, signing
    or issuing is the act ("the court issued an injunction", "a decree banned rallies on
    Monday"). A resolution that "calls on" or "demands" speaks for the body that adopts it,
    and stays its request."""
    tok = d.token
    if d.trigger.pattern.pos != "v" or tok.tag_ not in ("VBZ", "VBP"):
        return d
    if d.plover_type not in ("COERCE", "SANCTION"):
        return d
    subj = child(tok, "nsubj")
    if subj is not None and subj.lower_ in ("that", "which") and tok.dep_ == "relcl":
        subj = tok.head  # "a law that bars ..."
    return None if subj is not None and lemma(subj) in words("rule_documents") else d


@rule("a_regulated_kind_of_act_is_no_act", "gate")
def a_regulated_kind_of_act_is_no_act(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "a bill to curb police raids", "voted to limit arrests of journalists", "a ban on
    protests": an act noun that a law or a rule limits, bans or allows names a kind of act,
    not one done (lexicon regulating_words); the regulating is the act, if any. An act owned
    by its party is one act ("limited their inquiry to the scandal")."""
    tok = d.token
    if d.trigger.pattern.pos != "n" or child(tok, "poss") is not None:
        return d
    head = tok.head
    if tok.dep_ == "pobj" and head.lower_ in ("on", "against"):
        head = head.head  # "a ban on protests", "curbs on rallies"
    elif tok.dep_ not in ("dobj", "nsubjpass"):
        return d
    return None if head.i != tok.i and lemma(head) in words("regulating_words") else d


@rule("a_provision_of_a_law_is_no_act", "gate")
def a_provision_of_a_law_is_no_act(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "Under the law, sheriffs who refuse such requests can be removed from office", "under
    the measures, banks may freeze accounts": what a law provides that someone can, may, must
    or will do, told in a sentence whose main clause says it is under that law, is a provision,
    no act (lexicon provision_documents; a deal's or a plan's terms are its parties' pledges and
    stay coded)."""
    root = d.token
    while root.head.i != root.i:  # the main clause's verb
        root = root.head
    laws = words("provision_documents")
    under = [
        c
        for p in root.children
        if p.dep_ == "prep" and p.lower_ == "under"
        for c in p.children
        if c.dep_ == "pobj" and lemma(c) in laws
    ]
    if not under:
        return d
    modal = any(c.dep_ == "aux" and c.tag_ == "MD" for c in root.children)
    generic = root.tag_ in ("VBZ", "VBP") or any(
        c.dep_ == "auxpass" and c.tag_ in ("VBZ", "VBP") for c in root.children
    )
    return None if modal or generic else d
