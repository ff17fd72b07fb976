"""Actor rules: after the roles are read from the parse, who did it to whom when the parse
alone does not say (forces, places, protests; orders are in orders.py)."""

from __future__ import annotations

from dataclasses import replace

from polybius.actors.resolver import PRONOUN_RULE
from polybius.coding.actor_labels import LOCATION_TARGET, STORY_TARGET, TOWNS_TARGET
from polybius.coding.draft import EventDraft, SentenceContext
from polybius.coding.lexicon import cameo, words
from polybius.coding.noun_roles import noun_targets
from polybius.coding.places import (
    place_in,
    place_left_or_entered,
    sentence_place,
    town_a_place_noun_names,
)
from polybius.coding.rules.registry import rule
from polybius.coding.syntax import (
    child,
    clause_subject,
    codes,
    event_host,
    far_by_phrase,
    lemma,
    prep_children,
    purpose_clause,
    read_from,
)
from polybius.coding.verb_roles import modifier_actors, prep_objects
from polybius.coding.voice import is_passive
from polybius.models import Actor


def _other_parties(tok, ctx: SentenceContext, own: set[str]) -> list[Actor]:
    """The coded actors the phrase of `tok` names, other than the doers' (`own`)."""
    if tok is None:
        return []
    return [a for a in ctx.sm.resolve(tok) if a.code and a.code not in own]


def _make_doers(d: EventDraft, doers: list[Actor]) -> None:
    """Make `doers` the draft's sources (if any), and no longer its targets."""
    if doers:
        d.sources = doers
        d.targets = [t for t in d.targets if t.code not in codes(doers)]


def _is(d: EventDraft, lexicon: str) -> bool:
    return d.plover_type in words(lexicon)


@rule("doer_in_a_far_by_phrase", "actors")
def doer_in_a_far_by_phrase(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "The reporter was seized early last year by the militia": a passive verb's doer is its
    "by" phrase, also when the parser attached it to a phrase of the verb."""
    tok = d.token
    if d.sources or d.trigger.pattern.pos != "v" or not is_passive(tok):
        return d
    if child(tok, "agent") is not None or (tok.dep_ == "conj" and child(tok.head, "agent")):
        return d  # the parse named the doer (or said it was not named: "not by X")
    phrase = far_by_phrase(tok)
    if phrase is not None:
        _make_doers(d, ctx.sm.resolve(phrase))
    return d


@rule("the_accused_is_the_doer", "actors")
def the_accused_is_the_doer(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "X accused Y of attacking Z": Y did the attack (a claim of X's), not X."""
    accused = d.modality.accused
    if accused is None:
        return d
    doers = ctx.sm.resolve(accused)  # "accused Russia and its ally Iran of ...": both
    doers += [a for c in accused.conjuncts for a in ctx.sm.resolve(c) if a.code not in codes(doers)]
    _make_doers(d, doers)
    return d


@rule("private_travel_is_no_visit", "actors")
def private_travel_is_no_visit(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """PLOVER consults are between political actors: a private person's journey or meeting
    ("the schoolgirl travelled to X") is not one."""
    if d.plover_type != "CONSULT":
        return d
    if d.sources and all(_private(a) for a in d.sources):
        return None
    traveller = child(d.token, "nsubj")  # "three pupils travelled to X to join Y"
    m = ctx.sm.by_token.get(traveller.i) if traveller is not None and not d.sources else None
    if m is not None and not m.entry.has_code and m.entry.sector in words("private_sectors"):
        return None
    return d


def _private(actor: Actor) -> bool:
    """A private person or group: a private sector, or a person known only by name (named
    earlier with no office: "Hall travelled to X", "he travelled to X")."""
    if actor.sector in words("private_sectors"):
        return True
    if actor.sector is not None or actor.name is None:
        return False
    rule = (actor.rule or "").lower()
    person_pronoun = rule.startswith("coref:pronoun") and rule.split("'")[1:2] in (["he"], ["she"])
    return rule.startswith(("coref:name", "introduced")) or person_pronoun


@rule("abduction_by_armed_group", "actors")
def abduction_by_armed_group(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """PLOVER: "captured by X" (an armed group) is an abduction (ASSAULT), not an arrest;
    combatants it captures ("the SDF captured two Isis fighters") are detained (COERCE)."""
    armed = words("armed_sectors")
    arrest = d.entry.code.startswith(cameo("arrest_prefix"))
    combatants = d.targets and all(a.sector in words("combatant_sectors") for a in d.targets)
    if arrest and d.sources and all(a.sector in armed for a in d.sources) and not combatants:
        d.entry = ctx.ontology.code(cameo("abduction"))
    return d


@rule("forces_moved_in_a_passive_are_the_doer", "actors")
def forces_moved_in_a_passive_are_the_doer(
    d: EventDraft, ctx: SentenceContext
) -> EventDraft | None:
    """ "X troops were deployed to Y", "the X army was put on alert": forces readied or moved
    by no named party are their own state's doing."""
    if not (_is(d, "own_force_types") and not d.sources and is_passive(d.token)):
        return d
    moved_phrase, base = child(d.token, "nsubjpass"), ctx.sent.start_char
    if d.targets and all(_forces(t) and read_from(t, moved_phrase, base) for t in d.targets):
        d.sources, d.targets = d.targets, []  # not forces a thing was handed "to"
        return d
    if moved_phrase is not None:
        _make_doers(d, [a for a in ctx.sm.resolve(moved_phrase) if _forces(a)])
    return d


def _forces(actor: Actor) -> bool:
    """Armed forces, not one person of them ("he", a soldier named earlier)."""
    return actor.sector == "MIL" and not actor.rule.startswith(PRONOUN_RULE)


@rule("own_forces_target_the_place", "actors")
def own_forces_target_the_place(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "pulled X troops out of Y": the source's own forces are what moves; the place they
    leave or enter is the other party."""
    if _is(d, "own_force_types") and d.targets and d.sources:
        own = set(codes(d.sources))
        if all(t.code in own and t.sector == "MIL" for t in d.targets):
            d.targets = place_left_or_entered(d.trigger, ctx.sm) or []
    return d


@rule("repatriation_is_of_ones_own", "actors")
def repatriation_is_of_ones_own(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "Kazakhstan repatriated 98 women and children", "Belgium brought home six orphans":
    a state bringing people home brings its own citizens (aid to them), whatever the words
    say of the group they were held with or the place they leave."""
    # the pattern's type, not the event's ("will repatriate" is AGREE by now); repatriating
    # the fishermen one held is a release (a RETREAT pattern)
    pattern = d.trigger.pattern
    phrase = " ".join((pattern.lemma, *pattern.words))
    aid = ctx.ontology.code(pattern.cameo).plover_type == "AID"
    if aid and phrase in words("repatriation_verbs") and d.sources:
        d.targets = [
            replace(s, sector="CVL", rule="own citizens brought home") for s in d.sources if s.code
        ]
    return d


@rule("force_purpose_object", "actors")
def force_purpose_object(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "police opened fire to disperse demonstrators": whom the force was used on."""
    if d.plover_type in ("ASSAULT", "COERCE") and d.sources and not d.targets:
        for clause in (c for c in d.token.children if c.dep_ == "advcl"):
            if purpose_clause(clause) and (obj := child(clause, "dobj")) is not None:
                d.targets = ctx.sm.resolve(obj)
                break
    return d


@rule("forces_at_a_border_face_the_neighbour", "actors")
def forces_at_a_border_face_the_neighbour(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "massed troops near its border with Ukraine", "put units on alert along the frontier
    with Israel": forces readied at a border face the state on its other side, rather than
    the place they stand in."""
    placed = all(a.rule == LOCATION_TARGET for a in d.targets)
    if d.plover_type != "MOBILIZE" or not d.sources or not placed:
        return d
    own = set(codes(d.sources))
    for tok in d.token.subtree:
        if lemma(tok) in words("frontier_nouns"):
            facing = [a for a in prep_objects([tok], {"with"}, ctx.sm) if a.code not in own]
            if facing:
                d.targets = facing
                break
    return d


@rule("place_authorities_jail", "actors")
def place_authorities_jail(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "a soldier jailed in X", "arrested in X": by that state's authorities."""
    tok, on_act = d.token, d.on_act
    passive = is_passive(tok) or (tok.dep_ == "acl" and tok.tag_ == "VBN")
    if (
        not d.sources
        and passive
        and d.plover_type in ("COERCE", "SANCTION")
        and on_act is not None
        and on_act.code not in codes(d.targets)
    ):
        d.sources = [replace(on_act.actor("authorities of the place"), sector="GOV")]
    return d


@rule("place_noun_names_the_town", "actors")
def place_noun_names_the_town(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """Force on "the town of X", "the outskirts of X", or "launched an attack on X": X is
    where it happened (and, with no party hit named, its state the target: the next rule),
    as a town named bare as the object already is ("shelled X")."""
    if d.location is None and _is(d, "force_types"):
        d.location = town_a_place_noun_names(d.trigger, ctx.sm)
    return d


@rule("place_of_force_is_target", "actors")
def place_of_force_is_target(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "shelled an enclave inside X", "airstrikes in X": the state where force is used is
    the target when no other party is named (other acts: only a place on the act itself)."""
    force = _is(d, "force_types")
    near = d.location if force else d.on_act
    if (
        not d.targets
        and not d.reciprocal
        and near is not None
        and _is(d, "place_target_types")
        and (d.sources or force)
        and (near.code not in codes(d.sources) or _is(d, "domestic_types"))
    ):
        d.targets = [near.actor(LOCATION_TARGET)]
    return d


def untargeted_force(d: EventDraft) -> bool:
    """Force with doers but no target, reciprocity or place named."""
    return (
        not d.targets
        and not d.reciprocal
        and d.location is None
        and bool(d.sources)
        and d.plover_type == "ASSAULT"
    )


@rule("force_in_the_sentence_place", "actors")
def force_in_the_sentence_place(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """Force with no target or place: in the one place the sentence names."""
    if untargeted_force(d):
        place = sentence_place(ctx.sent, ctx.sm, codes(d.sources))
        if place is not None:
            d.targets = [place.actor(LOCATION_TARGET)]
    return d


@rule("accused_with_no_accuser", "actors")
def accused_with_no_accuser(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "Allegations that X is shifting the population", "criticism of X grew": an accusation
    noun whose accuser is not named still names the accused (the guide keeps source [])."""
    if d.plover_type != "ACCUSE" or d.trigger.pattern.pos != "n" or d.sources or d.targets:
        return d
    noun = event_host(d.token)
    d.targets = noun_targets(noun, None, d.trigger, ctx.sm)
    accused = clause_subject(noun)
    if not d.targets and accused is not None:
        d.targets = ctx.sm.resolve(accused)
    return d


@rule("force_in_the_story_towns", "actors")
def force_in_the_story_towns(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """Force with no target or place named in the sentence: in the country of the towns the
    story names, the doer's own included ("Syrian warplanes carried out airstrikes" in a story
    of Aleppo and Idlib hit Syria, not the other state the story names most)."""
    if untargeted_force(d):
        state = ctx.sm.context.town_state()
        if state is not None:
            d.targets = [Actor(state, state, None, None, 0, 0, TOWNS_TARGET)]
    return d


@rule("force_in_the_story_state", "actors")
def force_in_the_story_state(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """Force with no target or place named in the sentence: in the state the story is about."""
    if untargeted_force(d):
        story = ctx.sm.context.dominant_state(excluding=codes(d.sources))
        if story is not None:
            d.targets = [Actor(story, story, None, None, 0, 0, STORY_TARGET)]
    return d


@rule("protest_purpose_party", "actors")
def protest_purpose_party(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "marched to voice their anger at X's policies": the party the purpose names."""
    if d.plover_type != "PROTEST" or not d.sources or d.targets:
        return d
    own = set(codes(d.sources))
    clauses = [c for c in d.token.children if c.dep_ == "advcl"]
    clauses += [c for o in d.token.children if o.dep_ == "dobj" for c in o.children]
    for clause in (c for c in clauses if purpose_clause(c)):
        for t in clause.subtree:
            m = ctx.sm.by_token.get(t.i)
            found = _other_parties(t, ctx, own) if m is not None and m.entry.has_code else []
            if found:
                d.targets = found
                return d
    return d


@rule("called_off_dissent", "actors")
def called_off_dissent(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "the union called off its strike": a concession to its own authorities."""
    if d.entry.code == cameo("called_off_dissent") and d.sources and not d.targets:
        d.targets = [
            replace(d.sources[0], sector="GOV", rule="dissent ended before own authorities")
        ]
    return d


@rule("an_act_needs_its_doer", "actors")
def an_act_needs_its_doer(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "Travelled to Syria", "agreed to the plan" with no doer found, even by the side model:
    a choice one party makes towards another tells nothing without the party. Force, coercion
    and accusations are events for whoever undergoes them (the guide keeps their source []);
    a reciprocal event names its parties as targets."""
    if _is(d, "doer_needed_types") and not d.sources and not d.reciprocal:
        return None
    return d


@rule("rejection_targets_the_asker", "actors")
def rejection_targets_the_asker(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "X rejected a call by Y to ...", "X refused to step down despite calls from Y", "a
    Malian appeal was rejected by X": a refusal answers whoever asked, named by the "by" or
    "from" phrase of the request (lexicon request_nouns) or before it, when no target is."""
    if d.plover_type != "REJECT" or d.targets or d.reciprocal:
        return d
    own = set(codes(d.sources))
    for noun in _requests_answered(d.token):
        askers = prep_objects([noun], {"by", "from"}, ctx.sm) or modifier_actors(noun, ctx.sm)
        askers = [a for a in askers if a.code and a.code not in own]
        if askers:
            d.targets = askers
            break
    return d


def _requests_answered(tok) -> list:
    """The requests a refusal answers: its object or passive subject, the "of" phrase of a
    refusal noun, or what it was "despite" or "amid" (also on the refused act's verb)."""
    asks = words("request_nouns")
    hosts = [tok, *(c for c in tok.children if c.dep_ == "xcomp")]
    found = [c for h in hosts for c in h.children if c.dep_ in ("dobj", "nsubjpass")]
    found += prep_children(tok, {"of"}) if tok.pos_ == "NOUN" else []
    found += [p for h in hosts for p in prep_children(h, {"despite", "amid"})]
    return [n for n in found if lemma(n) in asks]


@rule("release_is_asked_of_the_holder", "actors")
def release_is_asked_of_the_holder(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "X demanded the release of a journalist held in Russia", "called for the release of
    activists detained by the militia": a call for someone's release is addressed to whoever
    holds them, when the sentence names the holder."""
    obj = d.trigger.object_token
    if d.plover_type != "REQUEST" or obj is None or lemma(obj) not in words("release_nouns"):
        return d
    own = set(codes(d.sources))
    for held in prep_children(obj, {"of"}):
        holders = [a for a in _holders(held, ctx) if a.code and a.code not in own]
        if holders:
            d.targets = holders
            break
    return d


def _holders(person, ctx: SentenceContext) -> list[Actor]:
    """Who holds a person: the "by" phrase, else the state of the "in" place, of a holding
    participle or relative clause on them ("held in Russia", "who are detained by X")."""
    for verb in (c for c in person.children if c.dep_ in ("acl", "relcl")):
        if lemma(verb) not in words("holding_verbs"):
            continue
        by = prep_objects([verb], {"by"}, ctx.sm)
        if by:
            return by
        place = place_in(prep_children(verb, {"in"}), ctx.sm)
        if place is not None:
            return [place.actor("holder's state")]
    return []
