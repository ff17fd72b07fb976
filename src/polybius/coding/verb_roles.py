"""Source and target of a verb trigger, from the parse."""

from __future__ import annotations

from polybius.actors.resolver import HOLDING_NOUNS, SentenceMentions
from polybius.coding.draft import Trigger
from polybius.coding.lexicon import load_cues, words
from polybius.coding.rules.modality import demand_object
from polybius.coding.subject import speaker, subject
from polybius.coding.syntax import (
    affirmed_agent,
    child,
    clause_subject,
    codes,
    gerund_as_noun,
    lemma,
    noun_agent,
    occurrence_host,
    phrase_text,
    prep_children,
    same_span,
)
from polybius.coding.voice import is_passive, patient
from polybius.events.ontology import load_ontology
from polybius.models import Actor


def modifier_actors(noun, sm: SentenceMentions) -> list[Actor]:
    """Actors named before a noun: "X's invasion", "Israeli air strikes". After an owner, a
    state's name is the topic: "Trump's Syria withdrawal"."""
    actors: list[Actor] = []
    owned = False
    for c in noun.children:
        if c.dep_ not in ("poss", "amod", "compound", "nmod") or c.i > noun.i:
            continue
        if owned and c.dep_ == "compound" and c.pos_ == "PROPN":
            continue
        found = sm.resolve(c)
        owned = owned or (c.dep_ == "poss" and bool(found))
        actors.extend(a for a in found if a.code not in codes(actors))
    return actors


def prep_objects(hosts, preps, sm: SentenceMentions) -> list[Actor]:
    """Actors named by the first of these prepositions on the hosts that names any."""
    for host in hosts:
        for c in host.children:
            if c.dep_ in ("prep", "prt", "agent", "dative") and c.lower_ in preps:
                pobj = child(c, "pobj")
                # "on behalf of Ankara": for whom it is done, not to whom; "with the help of
                # X": X is on the doer's side
                allied = (
                    c.lower_ == "with" and pobj is not None and lemma(pobj) in words("ally_nouns")
                )
                if (
                    pobj is not None
                    and pobj.lower_ not in words("beneficiary_nouns")
                    and not allied
                ):
                    actors = sm.resolve(pobj)
                    if actors:
                        return actors
    return []


def held_by(verb, sm: SentenceMentions) -> list[Actor]:
    """The party named by "under the control of X" on a verb (the phrase parsed onto it)."""
    held = next(
        (
            p
            for c in verb.children
            if c.dep_ == "prep" and c.lower_ == "under"
            for p in c.children
            if p.dep_ == "pobj" and lemma(p) in HOLDING_NOUNS
        ),
        None,
    )
    return sm.resolve(held) if held is not None else []


def verb_sources(tok, passive: bool, sm: SentenceMentions) -> tuple[list[Actor], bool]:
    """(sources, passive): the agent of a passive, else the subject; a stance passive ("is
    committed to") names its doer as subject and is then read as active."""
    sources: list[Actor] = []
    if passive and child(tok, "agent") is None and lemma(tok) in words("stance_passives"):
        subj = child(tok, "nsubjpass")
        if subj is not None and subj.lower_ in words("speaker_pronouns"):
            subj = speaker(tok) or subj
        if subj is not None:
            sources, passive = sm.resolve(subj), False
    if passive:
        agent = affirmed_agent(tok)
        if agent is None and tok.dep_ == "conj":  # "were rounded up by police and shot"
            agent = affirmed_agent(tok.head)
        pobj = child(agent, "pobj") if agent is not None else None
        if pobj is not None:
            sources = sm.resolve(pobj) or sm.resolve(_operator(pobj))
        return sources, True
    subj = subject(tok)
    if subj is not None:
        sources = sm.resolve(subj) or sm.resolve(_operator(subj))
    return sources, False


def _operator(means):
    """Who worked the means named as the doer: "attacked by drones operated by the RSF",
    "a bomb planted by rebels killed ..." (the means' participle of working it, lexicon
    operating_verbs, and its own "by" phrase); else the means itself."""
    for part in means.children:
        if part.dep_ == "acl" and part.tag_ == "VBN" and lemma(part) in words("operating_verbs"):
            agent = child(part, "agent")
            operator = child(agent, "pobj") if agent is not None else None
            if operator is not None:
                return operator
    return means


def _done_to(trig: Trigger) -> bool:
    """Acts that are events for whoever undergoes them, doer named or not ("Accused of fraud,
    the minister ..."); being asked about something is not."""
    return load_ontology().code(trig.pattern.cameo).plover_type in words("done_to_types")


def slot(trig: Trigger, name: str, sm: SentenceMentions, passive: bool) -> list[Actor]:
    """The actors in one of the pattern's target slots."""
    tok = trig.token
    # the object's prepositions too: "brokered a truce between Israel and Hamas"
    obj = trig.object_token if trig.object_token is not None else child(tok, "dobj")
    hosts = [tok] + ([obj] if obj is not None else [])
    if name == "dobj":
        obj = patient(tok, _done_to(trig)) if passive else child(tok, "dobj")
        return sm.resolve(obj) if obj is not None else []
    if name == "dative":
        obj = child(tok, "dative")
        if obj is not None:
            pobj = child(obj, "pobj") if obj.pos_ == "ADP" else obj
            return sm.resolve(pobj) if pobj is not None else []
        return prep_objects(hosts, {"to"}, sm)
    if name.startswith("prep:"):
        return prep_objects(hosts, set(name[5:].split("|")), sm)
    if name == "poss":
        obj = child(tok, "poss")
        return sm.resolve(obj) if obj is not None else []
    return []


def complement_targets(tok, sm: SentenceMentions, depth: int = 0) -> list[Actor]:
    """Targets inside an infinitive complement: "threatened to break relations with X"; or
    its subject in a "for X to" clause of a request: "called for the prime minister to
    resign"."""
    asking = load_cues().has("request", lemma(tok))
    for comp in (c for c in tok.children if c.dep_ == "advcl" and child(c, "nsubj") is not None):
        if asking and [g.lower_ for g in comp.children if g.dep_ == "mark"] == ["for"]:
            found = sm.resolve(child(comp, "nsubj"))
            if found:
                return found
    for comp in (c for c in tok.children if c.dep_ == "xcomp"):
        obj = child(comp, "dobj")
        if obj is not None:
            found = sm.resolve(obj) or prep_objects([obj], words("target_prepositions"), sm)
            if found:
                return found
        found = prep_objects([comp], words("target_prepositions"), sm)
        if found:
            return found
        if depth < 2:
            found = complement_targets(comp, sm, depth + 1)
            if found:
                return found
    return []


def object_phrase_targets(trig: Trigger, passive: bool, sm: SentenceMentions) -> list[Actor]:
    """The party an object-pattern's object phrase names: its direct object ("condemned X over
    the raid"), the owner or doer of the object noun ("condemned X's invasion"), or the
    subject of its that-clause ("its demand that X ease restrictions")."""
    tok = trig.token
    obj = patient(tok, _done_to(trig)) if passive else child(tok, "dobj")
    targets = sm.resolve(obj) if obj is not None else []
    if not targets:
        targets = modifier_actors(trig.object_token, sm)
    if not targets and (doer := noun_agent(trig.object_token)) is not None:
        targets = sm.resolve(doer)
    asked = clause_subject(trig.object_token)
    if asked is None and demand_object(tok):
        asked = clause_subject(tok)  # the clause parsed onto the verb
    if not targets and asked is not None:
        targets = sm.resolve(asked)
    return targets


def own_forces(actors: list[Actor], doers: list[Actor]) -> bool:
    """The actors are the armed forces of the doers' state, and the doers are that state
    (not rebels or an opposition of it: "the PKK demanded that Turkish forces withdraw")."""
    own = codes(doers)
    rulers = all(d.sector not in ("REB", "OPP") for d in doers)
    return bool(actors) and rulers and all(a.code in own and a.sector == "MIL" for a in actors)


def one_among(noun):
    """ "X was among those killed": who is counted among those a participle describes
    undergoes it (the subject of "be among"); else the noun itself."""
    among = noun.head
    those = noun.lower_ in ("those", "others", "ones")  # not "among the states targeted"
    if those and noun.dep_ == "pobj" and among.lower_ == "among" and lemma(among.head) == "be":
        return child(among.head, "nsubj") or noun
    return noun


def verb_targets(trig: Trigger, passive: bool, sources, sm: SentenceMentions) -> list[Actor]:
    tok, pattern = trig.token, trig.pattern
    targets: list[Actor] = []
    participle = tok.dep_ == "acl" and tok.tag_ == "VBN"  # "journalist captured by X"
    if participle and "dobj" in pattern.targets:
        undergoer = one_among(tok.head)
        targets = [a for a in sm.resolve(undergoer) if a.code not in codes(sources)]
    for name in pattern.targets:
        if targets:
            break
        targets = slot(trig, name, sm, passive)
    if not targets and "dobj" in pattern.targets and not passive:
        clause = child(tok, "ccomp")
        subj = child(clause, "nsubj") if clause is not None else None
        if subj is not None and not load_cues().has("speech", lemma(clause)):
            # "struck what Israel's military said were depots": a speaker is not the target;
            # "warned that Turkish troops would enter X": nor are the doer's own forces
            targets = sm.resolve(subj)
            if own_forces(targets, sources):
                targets = []
    if not targets and trig.object_token is not None:
        targets = object_phrase_targets(trig, passive, sm)
    if not targets and not passive and "-" not in pattern.targets:
        # "demanded guarantees from X", "an admission by X"
        obj = trig.object_token or child(tok, "dobj")
        if obj is not None:
            targets = prep_objects([obj], words("object_prepositions"), sm)
        if not targets:  # "granted asylum to X", "met with X"
            targets = prep_objects([tok], words("target_prepositions"), sm)
    if not targets and not passive:
        targets = complement_targets(tok, sm)
    if not targets:  # "struck areas under the control of X": hit what X holds
        targets = held_by(tok, sm)
    return targets


def verb_roles(trig: Trigger, sm: SentenceMentions) -> tuple[list[Actor], list[Actor], bool]:
    """(sources, targets, reciprocal) of a verb trigger."""
    tok, pattern = trig.token, trig.pattern
    if "undergoer" in pattern.targets:
        return undergoer_roles(trig, sm)
    if "experiencer" in pattern.targets:
        return experiencer_roles(trig, sm)
    participle = tok.dep_ == "acl" and tok.tag_ == "VBN"  # "journalist captured by X"
    sources, passive = verb_sources(tok, participle or is_passive(tok), sm)
    if not sources and "recip" in pattern.targets and gerund_as_noun(tok):
        # "fighting between X and Y continued": a gerund used as a noun names its parties
        # in a "between" phrase, as "clashes between X and Y" does
        between = _between_parties([tok, occurrence_host(tok)], sm)
        if len({a.code for a in between}) >= 2:
            return between, [], True
    if passive and not sources and "recip" in pattern.targets:
        # "talks between X and Y were held": the two did it with each other
        between = _between_parties([child(tok, "nsubjpass"), tok], sm)
        if len({a.code for a in between}) >= 2:
            return between, [], True
    targets = verb_targets(trig, passive, sources, sm)
    denied = [  # "launched not by X or Y": neither doer nor target
        (a.idx - sm.sent.start_char, a.idx - sm.sent.start_char + len(phrase_text(a)))
        for a in tok.children
        if a.dep_ == "agent" and any(n.lower_ == "not" for n in a.children)
    ]
    targets = [t for t in targets if not any(lo <= t.start < hi for lo, hi in denied)]
    reciprocal = False
    if not targets and len({a.code for a in sources}) >= 2:
        # "Armenia and Azerbaijan met" (a pattern of mutual acts), "... blamed each other"
        reciprocal = "recip" in pattern.targets or done_to_each_other(tok)
    targets = [t for t in targets if not same_span(t, sources)]
    return sources, targets, reciprocal


def _between_parties(hosts, sm: SentenceMentions) -> list[Actor]:
    """ "an agreement was reached between X and Y", "a truce was agreed between X and Y": a
    mutual act in the passive names its parties in a "between" phrase (on its subject or on
    the verb, as parsed)."""
    for host in (h for h in hosts if h is not None):
        for pobj in prep_children(host, {"between"}):
            return sm.resolve(pobj)
    return []


def done_to_each_other(verb) -> bool:
    """The verb's object, or its preposition's, is "each other" or "one another" (or owned
    by it: "attacked each other's policies"): the doers did it to one another."""
    for t in verb.subtree:
        mutual = t.lower_ in ("other", "another") and t.i > 0
        if mutual and t.doc[t.i - 1].lower_ in ("each", "one"):
            hops = [t.head, t.head.head, t.head.head.head]
            return any(h.i == verb.i for h in hops[: 3 if t.dep_ == "poss" else 2])
    return False


def undergoer_roles(trig: Trigger, sm: SentenceMentions) -> tuple[list[Actor], list[Actor], bool]:
    """(sources, targets, False) of a pattern whose subject undergoes the event ("the minister
    faced criticism from rights groups", "X came under scrutiny"): the subject is the target;
    the doer, when named, is the object of "from" or "by" on the object noun or the verb, or
    the noun's own owner or modifier ("faced Palestinian criticism", "drew Beijing's ire")."""
    tok = trig.token
    undergoers, _ = verb_sources(tok, False, sm)
    hosts = [h for h in (trig.object_token, tok) if h is not None]
    doers = prep_objects(hosts, words("undergoer_doer_prepositions"), sm)
    if not doers and trig.object_token is not None:
        doers = modifier_actors(trig.object_token, sm)
    return doers, [t for t in undergoers if not same_span(t, doers)], False


def experiencer_roles(trig: Trigger, sm: SentenceMentions) -> tuple[list[Actor], list[Actor], bool]:
    """(sources, targets, False) of a pattern whose object feels the event ("the move angered
    Beijing", "Turkey's leaders, angered by Washington, ..."): the one angered disapproves
    (the source) of the verb's subject, or of its "by" phrase in the passive (the target)."""
    tok = trig.token
    participle = tok.dep_ == "acl" and tok.tag_ == "VBN"  # "leaders, angered by Washington"
    passive = participle or is_passive(tok)
    causes, passive = verb_sources(tok, passive, sm)
    felt_by = child(tok, "nsubjpass") if passive else child(tok, "dobj")
    if participle:
        felt_by = tok.head
    experiencers = sm.resolve(felt_by) if felt_by is not None else []
    return experiencers, [c for c in causes if not same_span(c, experiencers)], False
