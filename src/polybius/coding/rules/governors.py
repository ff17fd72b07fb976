"""Modality rules that read the verbs an act is embedded under: asked for, wished,
hedged, predicted by someone else, or given a status by its governor ("refused to",
"threatened to", "denied", "is reported to")."""

from __future__ import annotations

from polybius.coding.draft import EventDraft, SentenceContext
from polybius.coding.lexicon import load_cues, words
from polybius.coding.rules.modality import chain_children, demand_object, firm_resolve, future_aux
from polybius.coding.rules.registry import rule
from polybius.coding.subject import subject
from polybius.coding.syntax import child, codes, has_to, lemma, refusal_verb, wished
from polybius.coding.voice import is_passive


@rule("asked_or_wished_clause_not_done", "modality")
def asked_or_wished_clause_not_done(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    cues = load_cues()
    for _, gov in d.modality.clauses:
        if gov is None or cues.any(("speech", "threat", "denial"), lemma(gov)):
            continue
        if cues.has("request", lemma(gov)) or wished(gov) or demand_object(gov):
            return None
    return d


@rule("wished_object_not_event", "modality")
def wished_object_not_event(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    tok = d.token
    return None if tok.dep_ == "dobj" and wished(tok.head) else d


def _obliged(gov) -> bool:
    """ "has to", "have to", "will have to" + an act: a need, not a deed ("had to", past, is
    what was done)."""
    if lemma(gov) != "have" or gov.tag_ == "VBD":
        return False
    return any(
        c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
        for c in gov.children
    )


def _unevidenced(gov) -> bool:
    """ "there is no evidence that X sent troops", "no sign that": a noun of evidence the
    sentence says there is none of (lexicon evidence_nouns)."""
    return lemma(gov) in words("evidence_nouns") and any(
        c.dep_ == "det" and c.lower_ == "no" for c in gov.children
    )


@rule("hedging_governor", "modality")
def hedging_governor(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    cues = load_cues()
    # "claimed responsibility for shooting down": a noun reached through its preposition names
    # what the act is, not a duty or chance to do it ("a responsibility to assist")
    through = {p.head.i for p in d.modality.climbed_preps}
    hedged = any(
        (cues.has("hedge", lemma(g)) and not firm_resolve(g) and g.i not in through)
        or _obliged(g)
        or _unevidenced(g)
        for g in d.modality.governors
    )
    return None if hedged else d


def _permission_verb(d: EventDraft):
    """The verb of permission (lexicon permission_verbs) whose complement the act is, climbing
    the act's chain of governors ("refused to authorise troops to mobilise"), or None."""
    return next(
        (
            t.head
            for t in d.modality.chain or [d.token]
            if t.dep_ in ("ccomp", "xcomp") and lemma(t.head) in words("permission_verbs")
        ),
        None,
    )


@rule("refused_permission_is_not_done", "modality")
def refused_permission_is_not_done(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "the junta refused to let the envoy meet X", "Ghana won't allow the leader to visit":
    an act someone does not permit (a verb of permission, lexicon permission_verbs, negated or
    refused) is not done. Its doer is the one not permitted, not the refuser, so it is not
    recoded as the refusal either: the refusing verb is coded by its own pattern."""
    permission = _permission_verb(d)
    if permission is None:
        return d
    negated = any(c.dep_ == "neg" for c in permission.children)
    refused = permission.dep_ == "xcomp" and refusal_verb(permission.head)
    return None if negated or refused else d


@rule("permitted_act_is_not_done", "modality")
def permitted_act_is_not_done(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "The law allows the minister to revoke a citizenship", "the deal would allow Ankara
    to send troops", "allowing the army to detain suspects": what a party is only permitted
    to do (a verb of permission, lexicon permission_verbs) is a standing or future licence,
    not an act. A permission told in the past ("let the envoy visit", "allowed police to
    arrest thousands", "authorised troops to mobilise") was mostly used, and the act stays."""
    permission = _permission_verb(d)
    if permission is None:
        return d
    past = permission.tag_ in ("VBD", "VBN") and not any(
        future_aux(c) or c.lower_ in ("would", "could") for c in permission.children
    )
    return d if past else None


@rule("prediction_is_not_an_event", "modality")
def prediction_is_not_an_event(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "Officials expect Turkey to attack", "the minister thought the unions would reject the
    deal", "few
    observers believe X will win": what someone expects or predicts another party will do
    is no act and no one's intention. "X expects to sign" (the doer's own plan) and "X is
    expected to sign" (predicted by no one named) stay intentions."""
    m = d.modality
    future = any(future_aux(c) for c in chain_children(d))
    doer = subject(d.token) or child(m.chain[-1], "nsubjpass")
    believing = list(m.governors) + [gov for _, gov in m.clauses if gov is not None]
    for gov in believing:
        word = lemma(gov)
        expecting = word in words("expectation_verbs")
        if not (expecting or (future and word in words("belief_verbs"))):
            continue
        believer = child(gov, "nsubj")
        if believer is not None and doer is not None and not _same_party(doer, believer, ctx):
            return None
    return d


def _same_party(a, b, ctx: SentenceContext) -> bool:
    """The same word, the same phrase text, or phrases naming the same actors: the same states
    and, where both name one, the same sector ("a president thought the unions would ..." are two
    parties of one state; "Turkey believes its forces will ..." one)."""
    if a.i == b.i or a.lower_ == b.lower_:
        return True
    first, second = ctx.sm.resolve(a), ctx.sm.resolve(b)
    named = set(codes(first))
    if not named or named != set(codes(second)):
        return False
    sectors = {x.sector for x in first}, {x.sector for x in second}
    return None in sectors[0] | sectors[1] or sectors[0] == sectors[1]


def asks(gov, cues) -> bool:
    """A verb of request ("urged X to"), or a verb of telling with an object told to act
    ("told Manila to withdraw": lexicon telling_verbs)."""
    if cues.has("request", lemma(gov)):
        return True
    return (
        lemma(gov) in words("telling_verbs")
        and child(gov, "dobj") is not None
        and any(c.dep_ == "xcomp" and has_to(c) for c in gov.children)
    )


@rule("asking_governor", "modality")
def asking_governor(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    cues = load_cues()
    return None if any(asks(g, cues) for g in d.modality.governors) else d


@rule("governing_verb_status", "modality")
def governing_verb_status(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    cues, m = load_cues(), d.modality
    for gov in m.governors:
        word = lemma(gov)
        if firm_resolve(gov):
            m.situation = "intended"  # not the refusal its "not" would make it
            continue
        if cues.has("hedge", word) or asks(gov, cues):
            continue  # the two rules above drop these
        if refusal_verb(gov):  # "refused to", "ruled out ceding"
            m.situation = "refused"
        elif cues.has("threat", word) and m.situation != "refused":
            m.situation = "threatened"
        elif cues.has("denial", word):
            m.status = "denied"
        elif cues.has("speech", word) and m.status == "occurred":
            # "is reported to have ordered", "claims to have shot"; "rejected allegations that
            # its police killed protesters": a report its object's denier rejects is denied
            m.status = "denied" if _rejected_report(gov, cues) else "claimed"
        elif word in words("raised_hedges") and is_passive(gov) and m.status == "occurred":
            m.status = "claimed"  # "is thought to have fired", "are feared to have been killed"
        elif cues.has("preparation", word) and m.situation is None:
            m.situation = "prepared"  # "prepare an offensive": a build-up, not a threat
        elif cues.has("intent", word) and m.situation is None:
            m.situation = "intended"
        elif word in words("readiness_adjectives") and m.situation is None:
            m.situation = "intended"  # "open to dialogue": willing, nothing held yet
    return d


def _rejected_report(gov, cues) -> bool:
    """A noun of report ("allegations", "claims") that a verb of denial or refusal takes as
    its object: "denied reports that", "rejected accusations that"."""
    return (
        gov.pos_ == "NOUN"
        and gov.dep_ == "dobj"
        and cues.any(("denial", "refusal"), lemma(gov.head))
        and not any(c.dep_ == "neg" for c in gov.head.children)
    )


@rule("a_decision_taken_is_done", "modality")
def a_decision_taken_is_done(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "Norway's decision to revoke her passport", "the decision to expel the diplomats",
    "Ankara's decision to lift the embargo": an administrative act a party has decided on is
    reported as done (its own type, occurred), not as a plan or a threat; a decision to
    pull back forces stays an announced concession (the coding guide)."""
    m = d.modality
    if m.situation != "intended" or not any(
        lemma(g) in words("decision_nouns") for g in m.governors
    ):
        return d
    administrative = d.plover_type in words("decided_types") and not any(
        d.entry.code.startswith(p) for p in words("military_deescalation_codes")
    )
    if administrative:
        m.situation = None
    return d
