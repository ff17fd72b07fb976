"""Actor rules for a state's own people and authorities when the sentence does not name
them: the police or courts of an arrest, charge or sentence with no doer named or named with
no state (the state where they act), the unnamed
domestic parties of a story set in one country, protests addressed to one's own government
and repression of one's own people."""

from __future__ import annotations

from dataclasses import replace

from polybius.actors.dictionary import REGION
from polybius.actors.resolver import PERSONAL_PRONOUNS, STORY_GUESSES
from polybius.coding.draft import EventDraft, SentenceContext
from polybius.coding.lexicon import cameo, words
from polybius.coding.places import sentence_place
from polybius.coding.rules.actor_rules import untargeted_force
from polybius.coding.rules.one_state_story import done_to
from polybius.coding.rules.registry import rule
from polybius.coding.subject import doer
from polybius.coding.syntax import child, codes, lemma
from polybius.coding.voice import is_passive, patient
from polybius.models import Actor
from polybius.where.home import home_places
from polybius.where.states import state_names


@rule("authorities_where_they_act", "actors")
def authorities_where_they_act(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "Police arrested three men in Chicago": police, agents, prosecutors or judges named
    with no state (lexicon authority_words), and security forces, are those of the state where
    they act, not the story's, in the acts of police and courts (lexicon authority_types)."""
    guessed = all(a.rule.endswith(STORY_GUESSES) for a in d.sources)
    agent = doer(d.token) if guessed and not d.reciprocal else None
    if agent is None or d.plover_type not in words("authority_types"):
        return d
    if lemma(agent) not in words("authority_words") and not _security_forces(agent):
        return d
    place = d.location or d.on_act or sentence_place(ctx.sent, ctx.sm, [])
    if place is None or place.code not in state_names():
        return d
    mention = ctx.sm.by_token.get(agent.i)
    sector = mention.entry.sector if mention is not None else None
    d.sources = [replace(place.actor("authorities of the place they act in"), sector=sector)]
    return d


def _security_forces(noun) -> bool:
    """ "Security forces fired tear gas": a state's own forces acting at home."""
    return lemma(noun) == "force" and any(
        c.dep_ in ("compound", "amod") and c.lower_ == "security" for c in noun.children
    )


@rule("authorities_of_the_accused", "actors")
def authorities_of_the_accused(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "A British man was charged with ...", "the activist was jailed for five years": an
    arrest, charge or sentence with no doer and no place named, done to someone of one state
    in a story not about another state, is that state's police or courts doing; not a
    deportation, which a state does only to another state's people."""
    sector = _doerless_authority_act(d)
    if sector is None:
        return d
    accused = set(codes(d.targets))
    if len(accused) != 1 or lemma(d.token) in words("acts_on_foreigners"):
        return d  # no state deports its own people
    code = accused.pop()
    story = ctx.sm.context.dominant_state()
    if code not in state_names() or (story is not None and story != code):
        return d
    d.sources = [Actor("", code, sector, None, -1, -1, "authorities of the accused's state")]
    return d


def _doerless_authority_act(d: EventDraft) -> str | None:
    """The sector (COP, JUD) of the authorities behind an arrest, charge, sentence or bail
    told in the passive with no doer, agent or place named ("was jailed"); else None."""
    tok, obj = d.token, d.trigger.object_token
    sector = _authority(d.plover_type) or ("JUD" if d.plover_type == "ACCUSE" else None)
    if obj is not None and lemma(obj) in words("court_grants"):
        sector = "JUD"  # "was granted bail": only a court grants it
    elif lemma(tok) not in words("authority_acts"):
        return None
    if (
        sector is None
        or d.sources
        or d.trigger.pattern.pos != "v"
        or not is_passive(tok)
        or child(tok, "agent") is not None
        or d.location is not None
        or d.on_act is not None
    ):
        return None
    return sector


@rule("authorities_of_the_story_state", "actors")
def authorities_of_the_story_state(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "She got three years in jail", "Jane Doe was jailed in 2016" in a story about one
    state (the one it names most, or the only one it has named): an arrest, charge or
    sentence of someone no party is known for, with no doer and no place named, is that
    state's police or courts doing, to one of its people. The prefilter lets such passives
    through without a party (`Prefilter.authority_acts`)."""
    sector = _doerless_authority_act(d)
    if sector is None or d.targets:
        return d
    story = ctx.sm.context.dominant_state() or ctx.sm.context.sole_state()
    if story is None or story not in state_names():
        return d
    d.sources = [Actor("", story, sector, None, -1, -1, "authorities of the story's state")]
    d.targets = _home_party(patient(d.token), story, ctx, surname=True)
    return d


@rule("domestic_party_of_the_home", "actors")
def domestic_party_of_the_home(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "Police arrested two men" in a story that names one country only, by its name or its
    towns ("Fort Worth", "Houston"): the unnamed police, court, residents, a lone surname or a
    body the dictionary does not know are of that country; "he was arrested" there is an arrest
    by its authorities. The doer is found as for any verb (`subject.doer`): also the
    antecedent of "who" ("Smith, who attacked ...") and the one who does an infinitive or
    gerund ("Smith voted to approve", "admitted to threatening")."""
    home = ctx.sm.context.home_state()
    if home is None or d.trigger.pattern.pos != "v" or d.reciprocal:
        return d
    tok, passive = d.token, is_passive(d.token)
    agent = child(tok, "agent")
    actor = doer(tok)
    done_to = patient(tok) if passive else child(tok, "dobj")
    if "undergoer" in d.trigger.pattern.targets:
        actor, done_to = None, child(tok, "nsubj")  # "Carter faced criticism": done to him
    authority = _authority(d.plover_type)
    if not d.sources:
        d.sources = _home_party(actor, home, ctx, surname=True)
        if not d.sources and passive and agent is None and authority:
            rule = "authorities of the story's home"
            d.sources = [Actor("", home, authority, None, -1, -1, rule)]
    if not d.targets and d.plover_type != "MOBILIZE":  # forces deployed are the doer's own
        d.targets = _home_party(done_to, home, ctx, surname=True)
    return d


def _authority(plover_type: str | None) -> str | None:
    """The sector of the authorities that do an act of this type to someone unnamed."""
    if plover_type in words("police_types"):
        return "COP"
    return "JUD" if plover_type in words("court_types") else None


def _home_party(tok, home: str, ctx: SentenceContext, surname: bool = False) -> list[Actor]:
    """The phrase at `tok` as a party of the home country, when its head word is an unnamed
    domestic group ("police", "a man"), a pronoun no one named earlier stands for, or a
    private person's name the dictionary does not know ("John Carter"; a lone "Carter", and a
    named body such as "the Election Commission", only when `surname`), and nothing in it
    names another party."""
    if tok is None or ctx.sm.resolve(tok):
        return []
    m = ctx.sm.by_token.get(tok.i)
    if m is not None and not m.entry.has_code and m.entry.sector in words("home_sectors"):
        sector = m.entry.sector
    elif m is None and (tok.lower_ in words("person_pronouns") or _private_name(tok, surname)):
        sector = "CVL"
    elif m is None and surname and _unknown_body(tok, ctx):
        sector = None
    elif (owner := child(tok, "poss")) is not None and owner.pos_ != "PRON":
        return _home_party(owner, home, ctx, surname)  # "the governor's office": the governor's
    else:
        return []
    base = ctx.sent.start_char
    start, end = tok.left_edge.idx - base, tok.right_edge.idx + len(tok.right_edge.text) - base
    text = ctx.sent.text[start:end]
    return [Actor(text, home, sector, None, start, end, f"{sector} of the story's home")]


def _unknown_body(tok, ctx: SentenceContext) -> bool:
    """A named body the dictionary does not know ("the Election Commission", "the Marcos
    campaign"): a noun with capitalised compounds before it, none of them an actor or a place."""
    names = [c for c in tok.children if c.dep_ == "compound" and c.i < tok.i]
    if tok.pos_ not in ("NOUN", "PROPN") or not names:
        return False
    if not all(c.text[:1].isupper() and c.i not in ctx.sm.by_token for c in names):
        return False
    return not home_places(" ".join(t.text for t in [*names, tok]))


def _private_name(tok, surname: bool) -> bool:
    """A person's name: capitalised proper nouns, a first name before the head ("John
    Carter", or the head alone when `surname`), none of them a place the gazetteer knows."""
    if tok.pos_ != "PROPN" or not tok.text[:1].isupper():
        return False
    first = [c for c in tok.children if c.dep_ == "compound" and c.i < tok.i]
    if not (first or surname) or not all(c.pos_ == "PROPN" and c.text[:1].isupper() for c in first):
        return False
    name = " ".join(t.text for t in [*first, tok])
    return not home_places(name)


@rule("a_region_addressed_is_its_government", "actors")
def a_region_addressed_is_its_government(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "Morrison urged Queensland to reopen its border", "Trump criticised California": a
    first-level unit named alone as the one a verbal act is done to, or as its doer, stands for
    its government (named alone it is otherwise a place, or a team: "Minnesota beat Buffalo")."""
    if d.reciprocal or d.trigger.pattern.pos != "v":
        return d
    if d.plover_type not in words("addressed_region_types"):
        return d
    tok = d.token
    if not d.targets:
        d.targets = _region_alone(patient(tok) if is_passive(tok) else child(tok, "dobj"), ctx)
    if not d.sources:
        d.sources = _region_alone(doer(tok), ctx)
    return d


def _region_alone(tok, ctx: SentenceContext) -> list[Actor]:
    """The government of the region `tok` names, when the phrase is that name and nothing else."""
    m = ctx.sm.by_token.get(tok.i) if tok is not None else None
    if m is None or m.kind != REGION:
        return []
    if any(ctx.sm.by_token.get(t.i) is not m for t in tok.subtree if not t.is_punct):
        return []  # "the Texas border", "California's farmers"
    code = ctx.sm.code_of(m)
    return [Actor(m.text, code, "GOV", None, m.start, m.end, "government of a region named alone")]


@rule("protesters_of_the_place", "actors")
def protesters_of_the_place(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "thousands blocked streets in X": the protesters are of the place."""
    if not d.sources and d.location is not None and d.plover_type == "PROTEST":
        d.sources = [replace(d.location.actor("protest location"), sector="CVL")]
    return d


@rule("protesters_of_the_addressed_state", "actors")
def protesters_of_the_addressed_state(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "demonstrations against the president's tax reform": a protest with no named
    protester and no place, addressed to one state's authorities, is by that state's
    people (a protest at a foreign state names its place, or its protesters)."""
    if d.sources or d.location is not None or d.plover_type != "PROTEST":
        return d
    states = {a.code for a in d.targets}
    if len(states) != 1 or not states <= state_names().keys():
        return d
    if all(a.sector in words("state_authority_sectors") for a in d.targets):
        d.sources = [replace(d.targets[0], sector="CVL", rule="people of the addressed state")]
    return d


@rule("protest_against_own_authorities", "actors")
def protest_against_own_authorities(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """PLOVER: a protest with no named addressee is directed at the protesters' own
    authorities, when the sentence names authorities ("rallied outside parliament to demand
    the president's resignation", "struck over pay owed by the ministry"). The gold guide
    codes a sentence's own content only: "thousands marched through the capital" names no
    one the protest is against, and its target stays empty (read sets: the rule firing on
    every protest gained 20 full matches on codebook-style sentences, gsr_dev, the ontology
    probe and synthetic_train, and lost 13 on news)."""
    if d.plover_type == "PROTEST" and d.sources and not d.targets and names_authorities(d, ctx):
        d.targets = [replace(d.sources[0], sector="GOV", rule="protest against own authorities")]
    return d


def names_authorities(d: EventDraft, ctx: SentenceContext) -> bool:
    """Whether the sentence names a state's authorities besides the protesters: a government,
    an official, police, a court or a legislature, or a person the dictionary knows (office
    holders)."""
    taken = [(a.start, a.end) for a in d.sources]
    authority = words("state_authority_sectors")
    for m in ctx.sm.mentions:
        if any(s <= m.start < e for s, e in taken):
            continue
        if m.entry.sector in authority or m.kind == "person":
            return True
    return False


@rule("repression_of_its_own_people", "actors")
def repression_of_its_own_people(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "The government imposed a curfew", "police fired tear gas", "police deployed 6,000
    officers": repression, crowd control or a police deployment by one state with no one
    named as its object and no place elsewhere is done to that state's own people (as a
    protest with no addressee is addressed to the protesters' own authorities)."""
    if d.targets or d.reciprocal or not d.sources:
        return d
    states = {a.code for a in d.sources}
    if len(states) != 1 or not states <= state_names().keys():
        return d
    if any(a.sector in words("armed_sectors") or coded_by_a_people(a) for a in d.sources):
        return d  # "captured by Kurdish forces": a people or an armed group is no state's authority
    if d.location is not None and d.location.code not in states:
        return d
    kinds = ("repression", "restriction", "arrest_prefix", "crowd_control")
    repression = d.entry.code.startswith(tuple(cameo(k) for k in kinds))
    policing = d.plover_type == "MOBILIZE" and all(a.sector == "COP" for a in d.sources)
    if repression or policing:
        own = d.sources[0]
        d.targets = [Actor("", own.code, "CVL", None, -1, -1, "people of the repressing state")]
    return d


@rule("rulers_force_at_home", "actors")
def rulers_force_at_home(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "Assad has used chemical weapons", "the attack ordered by the junta": force with no
    target or place named, by the rulers, forces or police of the very state the story is
    about (so force_in_the_story_state found no other), is against that state's own people,
    unless the sentence or most of the story's towns are another state's (a self-loop only
    for a domestic story)."""
    if not untargeted_force(d):
        return d
    home = ctx.sm.context.dominant_state()
    if home is None or set(codes(d.sources)) != {home}:
        return d
    rulers = words("ruling_sectors")
    if not any(a.sector in rulers or a.rule.startswith("person:") for a in d.sources):
        return d
    towns = +ctx.sm.context.homes
    if towns and towns.most_common(1)[0][0] != home:
        return d  # a story whose towns are mostly another state's tells of force there
    taken = [(m.start, m.end) for m in ctx.sm.mentions]
    if any(country != home for _, country in home_places(ctx.sent.text, taken)):
        return d  # "struck checkpoints around Kobani": a town of another state
    d.targets = [Actor("", home, "CVL", None, -1, -1, "people of the story's rulers")]
    return d


@rule("police_and_courts_act_at_home", "actors")
def police_and_courts_act_at_home(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "A magistrate denied them bail", "a police spokesman said the detained would be
    charged": what one state's police or courts do to no one the sentence names (nor in a
    place of another state) is done to that state's own people; the guide codes it with the
    state's code on both sides. Police and courts act abroad only through others."""
    if d.targets or d.reciprocal or not d.sources:
        return d
    states = set(codes(d.sources))
    if len(states) != 1 or not all(a.sector in words("home_only_sectors") for a in d.sources):
        return d
    code = states.pop()
    if code not in state_names() or (d.location is not None and d.location.code != code):
        return d
    obj = done_to(d.token) if d.trigger.pattern.pos == "v" else None
    if obj is not None and obj.lower_ in PERSONAL_PRONOUNS:
        return d  # "he was sentenced by X": a person named before, of whichever state
    if obj is not None and home_places(" ".join(t.text for t in obj.subtree)):
        return d  # "police sealed off Fort Worth": a place, not people
    rule = "people of the state whose police or courts act"
    d.targets = [Actor("", code, "CVL", None, -1, -1, rule)]
    return d


def coded_by_a_people(actor: Actor) -> bool:
    """An actor coded by the people a word names ("Kurdish", "the Kurds"), not by its state."""
    return (actor.rule or "").startswith("people:")
