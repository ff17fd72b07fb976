"""Source and target of an event-noun trigger ("X's invasion of Y", "talks between X and Y")."""

from __future__ import annotations

from polybius.actors.resolver import SentenceMentions
from polybius.coding.actor_labels import LOCATION_TARGET
from polybius.coding.draft import Trigger
from polybius.coding.lexicon import load_cues, words
from polybius.coding.places import place_in
from polybius.coding.subject import claimant, subject
from polybius.coding.syntax import (
    affirmed_agent,
    blame_copula,
    child,
    codes,
    counted_by,
    engaged_verb,
    event_host,
    is_light_verb,
    lemma,
    occurrence_host,
    same_span,
)
from polybius.coding.verb_roles import held_by, modifier_actors, prep_objects
from polybius.events.ontology import Ontology
from polybius.models import Actor


def _prep(tok, word: str):
    return next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == word), None)


def noun_sources(tok, trigger_token, sm: SentenceMentions) -> tuple[list[Actor], object]:
    """(sources, doer token): the noun's modifiers ("X's invasion"), its "by" phrase, or for
    withdrawal-type nouns its "of" phrase ("the resignation of the minister")."""
    sources = modifier_actors(tok, sm)
    if tok is not trigger_token:
        own = codes(sources)
        sources += [a for a in modifier_actors(trigger_token, sm) if a.code not in own]
    if not sources:  # "Turkey said its offensive ...": the owner the pronoun stands for
        sources = next((sm.owner(c) for c in tok.children if c.dep_ == "poss"), [])
    count = counted_by(tok)
    by = _prep(tok, "by") or (_prep(count, "by") if count is not None else None)
    of_object = child(of, "pobj") if (of := _prep(tok, "of")) is not None else None
    if by is None and of_object is not None:
        # "the arrest of X by Y": the parser hangs the noun's "by" phrase on its "of" object
        by = _prep(of_object, "by")
    if by is not None and not sources:
        pobj = child(by, "pobj")
        if pobj is not None:
            sources = sm.resolve(pobj)
    doer = None
    if of is not None and not sources and load_cues().has("doer_of", lemma(tok)):
        doer = child(of, "pobj")
        if doer is not None:
            sources = sm.resolve(doer)
    return sources, doer


def noun_targets(tok, doer, trig: Trigger, sm: SentenceMentions) -> list[Actor]:
    targets: list[Actor] = []
    heads = [tok] if doer is None else [tok, doer]  # "withdrawal of troops from X"
    if (count := counted_by(tok)) is not None:
        heads.append(count)  # "dozens of airstrikes on X"
    if (host := occurrence_host(tok)) is not None:
        heads.append(host)
    carried = count or tok
    if carried.dep_ == "dobj" and is_light_verb(carried.head):
        heads.append(carried.head)  # "began a peace effort last week between X and Y"
    for name in trig.pattern.targets:
        if name.startswith("prep:"):
            targets = prep_objects(heads, set(name[5:].split("|")), sm)
        if targets:
            return targets
    noun = carried  # "the majority of X's attacks have targeted"
    hit = noun.head
    if noun.dep_ == "nsubj" and lemma(hit) in words("hit_verbs"):
        # "X's raids hit districts under the control of Y", "the offensive took Kunduz"
        obj = child(hit, "dobj")
        if obj is None or lemma(obj) == "place":  # "the clash took place in X"
            return held_by(hit, sm)
        return held_by(hit, sm) or sm.resolve(obj) or struck_place(hit, obj, sm)
    return targets


def struck_place(hit, obj, sm: SentenceMentions) -> list[Actor]:
    """The state of the place an attack named as subject took or hit ("the offensive took
    Kunduz", "airstrikes drove villagers from their homes in Helmand province")."""
    where = [c for c in hit.children if c.dep_ == "prep" and c.lower_ in ("in", "on", "across")]
    place = place_in([*obj.subtree, *(t for c in where for t in c.subtree)], sm)
    return [place.actor(LOCATION_TARGET)] if place is not None else []


# acts a subject can be "under": "under fire from X", "under siege by Y", "under investigation
# by Z", "under pressure from W"
UNDERGONE_TYPES = frozenset({"ASSAULT", "COERCE", "ACCUSE", "REQUEST"})


def noun_roles(
    trig: Trigger, sm: SentenceMentions, ontology: Ontology
) -> tuple[list[Actor], list[Actor], bool]:
    """(sources, targets, reciprocal) of a noun trigger; no doer found means no event,
    except force whose target is named ("the convoy came under fire")."""
    tok = event_host(trig.token)  # "a mediation effort between X and Y": the effort's
    sources, doer = noun_sources(tok, trig.token, sm)
    between = _prep(tok, "between")
    if between is None and (host := occurrence_host(tok)) is not None:
        between = _prep(host, "between")
    if between is not None and not sources and "recip" in trig.pattern.targets:
        pobj = child(between, "pobj")
        if pobj is not None:
            both = sm.resolve(pobj)
            sides = 1 + len(pobj.conjuncts)
            # two sides named, at least one known: "clashes between X and unnamed gunmen"
            if len({a.code for a in both}) >= 2 or (both and sides >= 2):
                return both, [], True
    targets = noun_targets(tok, doer, trig, sm)
    kind = ontology.code(trig.pattern.cameo).plover_type
    if (
        not sources
        and kind in UNDERGONE_TYPES
        and tok.dep_ == "pobj"
        and tok.head.lower_ == "under"
    ):
        # "the convoy came under fire from militants", "X is under siege by Y": the subject
        # undergoes the act, the "from"/"by" phrase does it ("under threat from X" is a risk)
        doers = prep_objects([tok, tok.head.head], words("undergoer_doer_prepositions"), sm)
        if doers:
            undergone = attacked_subject(tok, sm)
            return doers, [t for t in undergone if not same_span(t, doers)], False
    if lemma(tok) in words("undergone_only_nouns"):
        return [], [], False  # "Chinese military pressure": a request only when undergone
    if kind == "ASSAULT" and not targets:
        targets = died_in(tok, sm)
    if doer is not None and targets:
        sources = [a for a in sources if a.code not in codes(targets)]
    if not sources:
        sources = light_verb_doer(tok, sm)
    if not sources:
        return [], _targets_without_doer(kind, tok, targets, sm), False
    return sources, [t for t in targets if not same_span(t, sources)], False


def _targets_without_doer(
    kind: str | None, noun, targets: list[Actor], sm: SentenceMentions
) -> list[Actor]:
    """The parties of a noun event whose doer is not named. Force keeps its target ("the
    battle against X", "came under fire"); a protest going on keeps whom it is against
    ("protests against the government spread", "the third night of protests against X"),
    the actor rules saying whose people protest; any other act needs its doer."""
    if kind == "ASSAULT":
        return targets or attacked_subject(noun, sm) or struck_party(noun, sm)
    if kind == "PROTEST" and _reported_protest(noun):
        return targets
    return []


def _reported_protest(noun) -> bool:
    """A protest the sentence reports as going on: the subject of a verb of going on
    ("protests spread"), or what a span of days is of ("the third night of protests");
    not one named as background ("the museum remembers the protests against X")."""
    head = noun.head
    if noun.dep_ == "nsubj" and lemma(head) in words("ongoing_verbs"):
        return True
    return (
        noun.dep_ == "pobj" and head.lower_ == "of" and lemma(head.head) in words("time_span_nouns")
    )


def struck_party(noun, sm: SentenceMentions) -> list[Actor]:
    """ "the strikes delivered on X's war machine": who a participle of the attack says it
    hit, its doer unnamed."""
    for c in noun.children:
        if c.dep_ == "acl" and c.tag_ == "VBN" and is_light_verb(c):
            found = prep_objects([c], words("struck_prepositions"), sm)
            if found:
                return found
    return []


def attacked_subject(noun, sm: SentenceMentions) -> list[Actor]:
    """What is "under" the force a noun names is its target: "the convoy came under fire",
    "towns under bombardment" (a place in the phrase stands for its state)."""
    if noun.dep_ != "pobj" or noun.head.lower_ != "under" or noun.head.dep_ != "prep":
        return []
    host = noun.head.head  # "came under", "shrank under" (tagged ADJ), "towns under"
    subj = host if host.pos_ in ("NOUN", "PROPN") else subject(host)
    if subj is None:
        return []
    found = sm.resolve(subj)
    if found:
        return found
    place = place_in(list(subj.subtree), sm)
    return [place.actor(LOCATION_TARGET)] if place is not None else []


def died_in(noun, sm: SentenceMentions) -> list[Actor]:
    """Who died "in" or "during" the force a noun names is what it struck: "two Kenyan
    soldiers died in an al-Shabaab ambush" (the dying is not coded apart: not_events.tsv)."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ not in ("in", "during") or prep.dep_ != "prep":
        return []
    verb = prep.head
    if lemma(verb) not in words("dying_verbs"):
        return []
    subj = subject(verb)
    return sm.resolve(subj) if subj is not None else []


def light_verb_doer(noun, sm: SentenceMentions) -> list[Actor]:
    """Who carries out an event noun, or the count of it ("X launched dozens of airstrikes"),
    through a verb."""
    if (blamed := blamed_for(noun)) is not None:
        return sm.resolve(blamed)  # "Iran was behind the attack"
    if (done := manner_verb(noun)) is not None:
        # "farmers blocked the roads in protest at the cuts": the protest is the subject's act
        subj = subject(done)
        return sm.resolve(subj) if subj is not None else []
    found = carrier(noun, sm)
    count = counted_by(noun)
    return found if found or count is None else carrier(count, sm)


def blamed_for(noun):
    """Who the sentence says caused the harm the noun names: the blamed copula's subject, or
    what a relative clause of blame is about ("a cell which was behind the killings")."""
    copula = blame_copula(noun)
    if copula is None:
        return None
    if copula.dep_ == "relcl" and copula.head.pos_ in ("NOUN", "PROPN"):
        return copula.head
    return subject(copula)


def manner_verb(noun):
    """The verb an event noun bare after "in" says the spirit of ("blocked the roads in
    protest", "in protest at X"; lexicon manner_event_nouns), climbing from an object the
    phrase hangs from ("parked lorries across the bridges in protest"); else None."""
    head = noun.head
    if (
        noun.dep_ != "pobj"
        or head.lower_ != "in"
        or head.dep_ != "prep"
        or lemma(noun) not in words("manner_event_nouns")
        or any(c.dep_ in ("det", "poss", "amod") for c in noun.children)
    ):
        return None
    verb = head.head
    while verb.pos_ in ("NOUN", "PROPN", "ADP") and verb.dep_ in ("dobj", "pobj", "prep"):
        verb = verb.head
    return verb if verb.pos_ in ("VERB", "AUX") else None


def _readying_for(verb, noun) -> bool:
    """ "negotiators returned to X for talks", "Turkey was preparing for an offensive": the
    verb's subject goes or readies for what the noun names (who readies for an assault makes
    it; police preparing for protests do not protest)."""
    if lemma(verb) in words("motion_verbs"):
        return True
    return load_cues().has("preparation", lemma(verb)) and lemma(noun) in words("assault_nouns")


def carrier(noun, sm: SentenceMentions) -> list[Actor]:
    """Who carries out an event noun through a verb: "X waged a battle against Y",
    "airstrikes launched by X", "negotiators returned to X for talks"."""
    head = noun.head
    verb = head.head
    claimed_by = claimant(noun)  # "X claimed responsibility for the bombing"
    if claimed_by is not None:
        return sm.resolve(claimed_by)
    if noun.dep_ == "pobj" and head.lower_ == "for" and _readying_for(verb, noun):
        subj = subject(verb)
        return sm.resolve(subj) if subj is not None else []
    if noun.dep_ == "pobj" and head.lower_ == "in" and engaged_verb(verb, noun):
        # "troops bogged down in a war with X", "forces engaged in battles", "jets took part
        # in the strikes"
        if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
            who = verb.head
        else:
            who = subject(verb) or child(verb, "nsubjpass")
        return sm.resolve(who) if who is not None else []
    if (
        noun.dep_ == "pobj"
        and head.lower_ in ("for", "to")
        and lemma(verb) in words("readiness_adjectives")
    ):
        # "the government was ready for talks", "remained open to talks with X"
        holder = subject(verb.head) if verb.dep_ in ("acomp", "oprd") else None
        return sm.resolve(holder) if holder is not None else []
    doing = is_light_verb(head) or load_cues().has("preparation", lemma(head))
    if noun.dep_ == "dobj" and head.pos_ == "VERB" and doing:
        subj = subject(head)
        if subj is not None:
            return sm.resolve(subj)
    carried = [c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN"]
    if noun.dep_ == "nsubjpass":
        carried.append(head)  # "the massacre was perpetrated by X"
    for c in carried:  # "airstrikes (that were) launched by X"
        if is_light_verb(c):
            agent = affirmed_agent(c)  # "launched not by X but by Y": the affirmed agent
            pobj = child(agent, "pobj") if agent is not None else None
            if pobj is not None:
                return sm.resolve(pobj)
    return []
