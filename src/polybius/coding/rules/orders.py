"""Orders: a command is a request only when it tells another party to act; an order to the
orderer's own side, or to no one, is the orderer's decision (actor-stage rules); an order of
what is to be done to a party ("ordered the diplomats expelled") is the orderer's act."""

from __future__ import annotations

from polybius.coding.actor_labels import LOCATION_TARGET
from polybius.coding.draft import EventDraft, SentenceContext
from polybius.coding.lexicon import load_cues, load_recoding, words
from polybius.coding.rules.registry import rule
from polybius.coding.subject import subject
from polybius.coding.syntax import bare_participle, child, codes, lemma
from polybius.events.patterns import load_patterns


@rule("an_order_of_what_is_done_is_the_orderers_act", "modality")
def an_order_of_what_is_done_is_the_orderers_act(
    d: EventDraft, ctx: SentenceContext
) -> EventDraft | None:
    """ "Putin ordered the diplomats expelled", "the minister ordered that the imam be
    deported", "ordered the journalist to be released": an order whose clause tells what is to
    be done to a party, telling no one to act, is the orderer's decision of that act: the act
    is the orderer's, done to that party, and not a request or a wish. "Ordered the army to
    withdraw" tells a party to act and stays an order."""
    if not d.modality.clauses:
        return d
    clause, order = d.modality.clauses[0]
    if order is None or not load_cues().has("command", lemma(order)) or _addressed(order):
        return d
    undergoer, orderer = done_to(clause), subject(order)
    if undergoer is None or orderer is None:
        return d
    sources = ctx.sm.resolve(orderer)
    if not sources:
        return d
    own = codes(sources)
    d.sources = sources
    d.targets = [t for t in ctx.sm.resolve(undergoer) if t.code not in own] or [
        t for t in ctx.sm.resolve(undergoer) if t.sector not in words("own_force_sectors")
    ]
    d.preset = True  # the roles are the order's, not the clause's
    d.modality.clauses = d.modality.clauses[1:]
    return d


def done_to(clause):
    """The party an ordered clause tells something is done to: its passive subject ("that X
    be expelled", "X to be released") or the subject of a bare participle ("ordered X
    expelled", which the parser reads as X expelling); None for a clause where a party acts."""
    if clause.dep_ not in ("ccomp", "xcomp", "oprd") or clause.i < clause.head.i:
        return None  # "upset by the photos, he ordered a strike": no clause of the order
    passive = child(clause, "nsubjpass")
    if passive is not None:
        return passive
    subj = child(clause, "nsubj")
    return subj if bare_participle(clause) and subj is not None and subj.i < clause.i else None


@rule("order_to_own_side_is_a_decision", "actors")
def order_to_own_side_is_a_decision(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "X ordered a withdrawal of X's troops (from Y)": a decision of the orderer's state.
    A court's order to its own state's government or agencies is a demand (the guide's
    orders are REQUEST): a court is not the side it orders."""
    if not (
        d.plover_type == "REQUEST"
        and not _by_a_court(d)
        and load_cues().has("command", lemma(d.token))
        and d.sources
        and d.targets
        and set(codes(d.targets)) & set(codes(d.sources))
    ):
        return d
    own = load_recoding().get(("self_ordered", d.entry.code))
    if own is None:
        return d
    d.entry, d.targets = ctx.ontology.code(own), []
    d.modality.situation = d.modality.situation or "self_ordered"
    if d.modality.status == "occurred":
        d.modality.status = "intended"
    if d.location is not None and d.location.code not in codes(d.sources):
        d.targets = [d.location.actor(LOCATION_TARGET)]
    return d


@rule("an_order_to_no_other_party_is_no_request", "actors")
def an_order_to_no_other_party_is_no_request(
    d: EventDraft, ctx: SentenceContext
) -> EventDraft | None:
    """ "The minister ordered the group's assets frozen", "X ordered his generals to ...": an
    order that names no other party as its addressee, or only the orderer's own forces, is
    the orderer's decision about its own acts, not a request to anyone (CAMEO codes requests
    between parties; a court ordering a government is one, between two sectors). So is an
    order of an act the patterns code as a noun ("ordered a missile strike on X"), and one of
    what is to be done to a party ("ordered the diplomats expelled")."""
    if d.plover_type != "REQUEST" or not load_cues().has("command", lemma(d.token)):
        return d
    own, forces = set(codes(d.sources)), words("own_force_sectors")
    if (
        d.targets
        and not _by_a_court(d)
        and all(t.code in own and t.sector in forces for t in d.targets)
    ):
        return None  # the orderer's own forces
    obj = child(d.token, "dobj")
    if not _addressed(d.token):
        if not d.targets:
            return None  # "ordered her assets frozen", "ordered that X be arrested"
        if any(done_to(c) is not None for c in d.token.children):
            return None  # "ordered the diplomats expelled": the expulsion is the orderer's act
        noun_act = obj is not None and lemma(obj) in load_patterns().noun_lemmas
        if noun_act and not d.trigger.pattern.objects:
            return None  # "ordered a missile strike on X": the strike is coded, the orderer's
    if not d.targets and _own_forces(obj, ctx):
        return None  # "ordered his military to ...", "ordered troops to ..."
    return d


def _own_forces(obj, ctx: SentenceContext) -> bool:
    """An addressee that is armed forces no party is named for ("his military", "the
    troops"): the orderer's own."""
    if obj is None or ctx.sm.resolve(obj):
        return False
    m = ctx.sm.by_token.get(obj.i)
    return lemma(obj) in words("armed_force_nouns") or (
        m is not None and m.entry.sector in words("own_force_sectors")
    )


def _by_a_court(d: EventDraft) -> bool:
    """A court's order: the police or ministry it orders are not its own side."""
    return any(a.sector == "JUD" for a in d.sources)


def _addressed(order) -> bool:
    """The order names someone told to act ("ordered the judge to step down": an object
    with an active "to" clause, or a dative), known to the dictionary or not."""
    if child(order, "dative") is not None:
        return True
    obj, clause = child(order, "dobj"), child(order, "xcomp")
    if obj is None or clause is None:
        return False
    return not any(c.dep_ == "auxpass" for c in clause.children)  # "ordered X to be freed"
