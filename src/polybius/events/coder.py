"""The event coder: from one dependency-parsed sentence to coded events.

For each token whose lemma is a trigger (verb, phrasal verb, light-verb phrase or event
noun), the coder finds the source and target phrases in the parse, resolves them to
actors, and works out the status: occurred, intended (plans, promises, "will"), claimed
(reported speech) or denied. Refusals of cooperative acts become REJECT events;
hypotheticals, conditionals and questions code nothing.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache

from polybius import CODER_VERSION
from polybius.actors.dictionary import ActorDictionary, load_dictionary
from polybius.actors.matcher import find_mentions
from polybius.actors.resolver import (
    HOLDING_NOUNS,
    DocumentContext,
    SentenceMentions,
    is_sector_word,
)
from polybius.events.ontology import Ontology, load_ontology
from polybius.events.patterns import Pattern, PatternSet, load_patterns
from polybius.models import Actor, Event
from polybius.nlp.prefilter import lemma_guesses, load_prefilter, prefixed_irregular
from polybius.tsv import package_data, read_tsv, split_values
from polybius.when.dates import is_time_word, resolve_event_date
from polybius.where.places import PLACE_PREPOSITIONS, find_place

PLACE_PREPS = PLACE_PREPOSITIONS | {"over"}  # "airstrikes over Syria": where force was used
PLACE_TARGET_TYPES = {
    "ASSAULT",
    "MOBILIZE",
    "COERCE",
    "SANCTION",
    "CONCEDE",
    "THREATEN",
    "RETREAT",
}
FORCE_TYPES = {"ASSAULT", "MOBILIZE", "COERCE"}
# of these, the ones a state does to its own people where it is: "police killed two in Cairo"
DOMESTIC_TYPES = {"ASSAULT", "COERCE", "CONCEDE", "THREATEN"}
# verbs that carry out the event their object names: "waged a battle", "launched strikes"
LIGHT_VERBS = {
    "wage",
    "launch",
    "conduct",
    "carry",
    "mount",
    "stage",
    "begin",
    "start",
    "continue",
    "intensify",
    "escalate",
    "step",
    "lead",
    "deliver",
    "unleash",
    "resume",
    "order",
    "fight",
    "make",
    "hold",
    "issue",
    "impose",
    "announce",
    "declare",
    "press",
    "renew",
    "spearhead",
    "speed",
    "accelerate",
    "complete",
    "finish",
}
ARMED = {"REB", "CRM"}  # non-state armed sectors: their "arrests" are abductions
ABDUCTION = "181"
# the rule of a target taken from the place an attack happened (no target in the sentence)
LOCATION_TARGET = "location of the event"
# the rule of a target taken from the state the story is about (no target or place named)
STORY_TARGET = "state of the story"
CLAUSE_DEPS = {"advcl", "relcl", "ccomp", "xcomp", "conj", "acl", "parataxis", "csubj"}
# an event noun after these sets the scene or is the topic: "after the attack", "angry about
# the killings"
BACKGROUND_PREPS = {
    "since",
    "after",
    "before",
    "during",
    "following",
    "amid",
    "despite",
    "until",
    "about",
}
# verbs whose object event is what is judged, reported elsewhere (not news of the sentence)
CRITICISED = {"criticise", "criticize", "condemn", "denounce", "deplore", "decry", "lament"}
# verbs whose object event did not happen
AVERTED = {"spare", "avert", "avoid", "prevent", "escape", "forestall", "thwart", "foil"}
# an event noun with these modifiers has not happened
HYPOTHETICAL = {
    "possible",
    "potential",
    "imminent",
    "expected",
    "looming",
    "feared",
    "future",
    "prospective",
    "likely",
    "anticipated",
    "impending",
    "would-be",
    "hypothetical",
}
# passive forms that describe the subject's own stance: "is committed to", "is determined to"
STATE_PASSIVES = {"commit", "determine", "dedicate", "resolve"}
# verbs whose "in" names an event their subject takes part in: "bogged down in a fight"
ENGAGED = {"engage", "involve", "bog", "lock", "embroil", "mire", "entangle", "participate"}
# verbs that say whom an attack named as their subject hit: "the strikes targeted X"
HIT_VERBS = {"target", "hit", "strike", "pound", "destroy", "damage", "kill", "wound", "injure"}
# quantity nouns whose "of" phrase is what they count: "the majority of US attacks"
QUANTITIES = {"majority", "most", "many", "some", "half", "dozen", "hundred", "number", "series"}
# verbs of wanting: another party's act they govern is only wished for, and asked of it
WISH_VERBS = {"want", "wish"}
# nouns an event noun may modify and that carry its arguments: "a mediation effort between"
EFFORT_NOUNS = {"effort", "campaign", "operation", "bid", "drive", "initiative", "mission"}
# verbs of travel or gathering: "returned to Geneva for talks" -- the travellers hold them
MOTION_VERBS = {
    "return",
    "travel",
    "go",
    "come",
    "arrive",
    "head",
    "fly",
    "gather",
    "convene",
    "assemble",
    "sit",
}
# passives that raise the reported doer: "X is believed to have fled"
RAISING_VERBS = {"believe", "think", "understand", "know", "expect", "rumour", "rumor", "see"}
REFLEXIVE_PRONOUNS = {"itself", "themselves", "himself", "herself"}
# nouns whose "of" names an event that may happen: "the threat of a Turkish attack"
PROSPECT_NOUNS = {
    "threat",
    "risk",
    "fear",
    "danger",
    "prospect",
    "possibility",
    "spectre",
    "specter",
    "likelihood",
    "chance",
}
# what a sentence or detention runs for: "jailed for seven years", "sentenced to death"
TERMS = {"year", "month", "week", "day", "life", "death", "decade"}
# passives of position: "troops are deployed / stationed in X" says where they are
STATIONED = {"deploy", "station", "base", "garrison", "post", "position"}
# nouns whose "of" event is history or setting: "the cradle of the uprising"
SCENE_NOUNS = {
    "anniversary",
    "cradle",
    "birthplace",
    "history",
    "memory",
    "legacy",
    "aftermath",
    "wake",
    "heyday",
    "lesson",
}
# verbs of feeling whose agent is a cause: "angered by the attack", "shocked by the killings"
EMOTION_VERBS = {
    "anger",
    "shock",
    "outrage",
    "horrify",
    "sadden",
    "alarm",
    "upset",
    "appal",
    "appall",
    "dismay",
    "enrage",
    "inspire",
    "shake",
    "traumatise",
    "traumatize",
    "move",
}
# purposes that are events of their own: "began a hunger strike to protest against X"
PURPOSE_EVENTS = {"protest"}
# verbs whose object does what their "to" clause says: "led the militia to plead"
CAUSATIVE_VERBS = {"lead", "force", "prompt", "cause", "compel", "drive", "push", "persuade"}
# nouns for what someone issues: "a declaration demanding ..." is the issuer's demand
MESSAGE_NOUNS = {
    "statement",
    "declaration",
    "letter",
    "resolution",
    "communique",
    "report",
    "message",
    "note",
    "video",
    "post",
    "tweet",
    "speech",
    "announcement",
    "appeal",
    "petition",
}
OWN_FORCE_TYPES = {"RETREAT", "MOBILIZE", "CONCEDE"}
_OBJECT_PREPS = {"from", "by", "of", "against", "on", "to", "with", "for"}
# prepositions of the verb that introduce the other party (not places: "in", "near", "at")
_TARGET_PREPS = {"to", "with", "against", "on", "upon", "from", "toward", "towards", "into"}
SPEAKER_PRONOUNS = {"it", "they", "he", "she", "we"}
RELATIVE_PRONOUNS = {"who", "that", "which", "whom", "whose"}
# verbs whose object is the subject of their infinitive: "urged Russia to withdraw"
SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")


# "X said Y must/should Z" is coded as a demand (CAMEO 100) without a pattern file entry
_DEMAND_PATTERN = Pattern("100", "v", "must", (), None, ("-",), None, "coder:obligation")
_WISH_PATTERN = Pattern("100", "v", "want", (), None, ("-",), None, "coder:wish")


@dataclass(frozen=True)
class Cues:
    words: dict[str, frozenset[str]]

    def has(self, cue: str, lemma: str) -> bool:
        return lemma in self.words.get(cue, frozenset())


@lru_cache(maxsize=1)
def load_cues() -> Cues:
    words = {
        row["cue"]: frozenset(split_values(row["words"]))
        for row in read_tsv(package_data("events", "data", "cues.tsv"))
    }
    return Cues(words)


@lru_cache(maxsize=1)
def load_recoding() -> dict[tuple[str, str], str]:
    return {
        (row["situation"], row["from_type"]): row["to_cameo"]
        for row in read_tsv(package_data("events", "data", "recode.tsv"))
    }


@dataclass
class Trigger:
    token: object  # spaCy Token
    pattern: Pattern
    object_token: object | None = None


@dataclass
class Modality:
    status: str = "occurred"
    situation: str | None = None  # intended | threatened | refused
    negated: bool = False
    drop: bool = False
    attributed_to: str | None = None
    governors: list = field(default_factory=list)


class Coder:
    """Codes parsed sentences; one instance per process (it holds the dictionaries)."""

    def __init__(
        self,
        extra_patterns: tuple[str, ...] = (),
        dictionary: ActorDictionary | None = None,
        patterns: PatternSet | None = None,
        ontology: Ontology | None = None,
    ):
        self.dictionary = dictionary or load_dictionary()
        self.patterns = patterns or load_patterns(tuple(extra_patterns))
        self.ontology = ontology or load_ontology()
        self.cues = load_cues()
        self.recoding = load_recoding()
        self.extra_patterns = tuple(extra_patterns)

    def could_hold_event(self, text: str, words: list[str]) -> bool:
        """The prefilter's test; the coder applies it too, so prefiltering changes nothing."""
        return load_prefilter(self.extra_patterns).could_hold_event(text, words)

    def note_unparsed(self, text: str, context: DocumentContext) -> None:
        """What a sentence that can hold no event still tells later ones: the states named."""
        context.note_states(find_mentions(text, self.dictionary))

    # ------------------------------------------------------------------ entry point

    def code_sentence(
        self,
        sent,
        doc_id: str,
        sentence_index: int,
        published: date | None = None,
        context: DocumentContext | None = None,
    ) -> list[Event]:
        """Events of one spaCy sentence; `context` carries actors across a document's sentences."""
        text = sent.text
        if context is None:
            context = DocumentContext()
        try:
            if not self.could_hold_event(text, [t.text for t in sent]):
                self.note_unparsed(text, context)
                return []
            mentions = find_mentions(text, self.dictionary)
            sm = SentenceMentions(sent, mentions, published, context)
            return self._code_events(sent, sm, doc_id, sentence_index, published)
        finally:
            context.text = (context.text + " " + text)[-5000:]

    def _code_events(self, sent, sm, doc_id, sentence_index, published) -> list[Event]:
        coded: list[tuple[Event, list[int]]] = []
        for trig in self.find_triggers(sent):
            result = self._code_trigger(trig, sent, sm, doc_id, sentence_index, published)
            if result is not None:
                coded.append(result)
        coded.extend(self._obligation_demands(sent, sm, doc_id, sentence_index, published))
        coded.extend(self._wish_requests(sent, sm, doc_id, sentence_index, published))
        # "agreed to meet", "refused to meet", "threatened to strike": the embedded event,
        # recoded, stands for the governing verb, which is not coded a second time.
        governing = {i for event, governors in coded for i in governors}
        events: list[Event] = []
        for event, _ in coded:
            if event.trigger_token in governing:
                continue
            twin = next((i for i, e in enumerate(events) if _same_event(event, e, sent.doc)), None)
            if twin is None:
                events.append(event)
            elif _argument_targets(event) and not _argument_targets(events[twin]):
                events[twin] = event  # the mention that names the target tells more
        return [e for e in events if not _subsumed_by_force(e, events, sent.doc)]

    # ------------------------------------------------------------------ triggers

    def find_triggers(self, sent) -> list[Trigger]:
        found: list[Trigger] = []
        used_objects: set[int] = set()
        for tok in sent:
            if (
                tok.pos_ in ("VERB", "AUX")
                or (tok.pos_ == "NOUN" and tok.tag_.startswith("VB"))
                or _misread_verb(tok)
            ):
                trig = self._match_verb(tok)
                if trig:
                    found.append(trig)
                    if trig.object_token is not None:
                        used_objects.add(trig.object_token.i)
        for tok in sent:
            if tok.pos_ in ("NOUN", "PROPN") and tok.i not in used_objects:
                cands = self.patterns.candidates("n", tok.lemma_.lower())
                if cands:
                    found.append(Trigger(tok, cands[0]))
        return sorted(found, key=lambda t: t.token.i)

    def _match_verb(self, tok) -> Trigger | None:
        cands = self.patterns.candidates("v", _spelled_lemma(tok.lower_, tok.lemma_.lower()))
        if not cands:
            # the small model mis-lemmatises some verbs ("staged" -> "stag", "retook")
            exceptions = load_prefilter(self.extra_patterns).exceptions
            for guess in [
                *lemma_guesses(tok.lower_),
                *sorted(exceptions.get(tok.lower_, ())),  # "clung" read as a noun
                *prefixed_irregular(tok.lower_, exceptions),
            ]:
                cands = self.patterns.candidates("v", guess)
                if cands:
                    break
        if not cands:
            return None
        attached: set[str] = set()
        for c in tok.children:
            if c.dep_ == "advcl":  # "called for a force to be sent": "for" marks the clause
                attached.update(g.lower_ for g in c.children if g.dep_ == "mark")
            if c.dep_ == "prep" and c.i < tok.i and c.i == tok.sent.start:
                continue  # "With the signing of ..., both sides agreed": not "agree with"
            if c.dep_ in ("prt", "prep", "advmod", "agent", "dative"):
                attached.add(c.lower_)
                # "lash out at": the preposition may hang on the particle
                attached.update(g.lower_ for g in c.children if g.dep_ in ("prep", "prt"))
        # "put the leader on trial", "stripped the activist of her citizenship": the verb's
        # preposition parsed onto its object
        object_preps = [
            p
            for o in tok.children
            if o.dep_ == "dobj"
            for p in o.children
            if p.dep_ == "prep" and p.i > o.i
        ]
        attached.update(p.lower_ for p in object_preps)
        objects = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass", "attr", "oprd")]
        if tok.dep_ == "acl" and tok.tag_ == "VBN":
            objects.append(tok.head)  # "the fighters being held by Kurdish forces"
        if (
            tok.dep_ == "relcl"
            and any(o.lower_ in RELATIVE_PRONOUNS for o in objects)
            and not is_sector_word(tok.head)  # "forces that the US has used as proxies"
        ):
            objects.append(tok.head)  # "the towns that Turkey seized": the towns
        objects += [c for o in list(objects) for c in o.conjuncts]
        # "tons of food aid", "a shipment of weapons": the noun after "of" counts as the object
        objects += [
            g
            for o in list(objects)
            for p in o.children
            if p.dep_ == "prep" and p.lower_ == "of"
            for g in p.children
            if g.dep_ == "pobj"
        ]
        for p in cands:  # most specific first
            if any(w not in attached for w in p.words):
                continue
            if p.objects:
                obj = next((o for o in objects if o.lemma_.lower() in p.objects), None)
                if obj is None:
                    # the noun as object of the pattern's preposition: "fired on protesters"
                    # (or of a preposition hanging on the particle: "pulled out of the accord")
                    obj = next(
                        (
                            gc
                            for c in [
                                *tok.children,
                                *(q for q in object_preps if q.lower_ in p.words),
                            ]
                            if c.dep_ in ("prep", "prt", "agent", "dative", "advmod")
                            for host in (c, *(g for g in c.children if g.dep_ == "prep"))
                            for gc in host.children
                            if gc.dep_ == "pobj" and gc.lemma_.lower() in p.objects
                        ),
                        None,
                    )
                if obj is None:
                    continue
                return Trigger(tok, p, obj)
            return Trigger(tok, p)
        return None

    # ------------------------------------------------------------------ one trigger

    def _code_trigger(self, trig: Trigger, sent, sm, doc_id, sentence_index, published, roles=None):
        tok, pattern = trig.token, trig.pattern
        if pattern.pos == "v" and not roles and _describes_a_state(tok, sm):
            return None  # "the fighters captured in Syria", "troops deployed there"
        if not roles and _party_record(tok, sm):
            return None  # "a group that has fought an insurgency": who the party is
        if not roles and _party_role(tok, sm):
            return None  # "joined a Kurdish group fighting Islamic State": which group
        modality = Modality() if roles else self._modality(tok, sm)
        if modality.drop:
            return None
        base = self.ontology.code(pattern.cameo)
        cameo_code = base.code
        plover_type = base.plover_type
        if plover_type is None:
            return None
        if modality.situation:
            new = self.recoding.get((modality.situation, plover_type), "-")
            if new == "drop":
                return None
            if new != "-":
                cameo_code = new
        entry = self.ontology.code(cameo_code)
        if entry.plover_type is None:
            return None

        if pattern.pos == "n" and not roles and _background_noun(_event_host(tok)):
            return None  # scene-setting, not a report: not even where it happened makes it one
        if roles:
            (sources, targets), reciprocal = roles, False
        elif pattern.pos == "v":
            sources, targets, reciprocal = self._verb_roles(trig, sm)
        else:
            sources, targets, reciprocal = self._noun_roles(trig, sm)
        if entry.code.startswith("173") and sources and all(a.sector in ARMED for a in sources):
            # PLOVER: "captured by Islamic State" is an abduction (ASSAULT), not an arrest
            entry = self.ontology.code(ABDUCTION)
        if (
            entry.plover_type in OWN_FORCE_TYPES
            and not sources
            and targets
            and all(t.sector == "MIL" for t in targets)
            and _is_passive(tok)
        ):
            # "the Syrian army was placed on high alert": forces readied or moved by no named
            # party are their own state's doing
            sources, targets = targets, []
        elif entry.plover_type in OWN_FORCE_TYPES and not sources and _is_passive(tok):
            # "French troops were deployed to Mali": the forces moved are the state's
            patient = _child(tok, "nsubjpass")
            moved = [a for a in sm.resolve(patient) if a.sector == "MIL"] if patient else []
            if moved:
                sources = moved
                targets = [t for t in targets if t.code not in _codes(moved)]
        # where the event happened: named anywhere in its phrase, or on the act itself
        location = self._location(trig, sm)
        on_act = self._location(trig, sm, shallow=True)
        if entry.plover_type in OWN_FORCE_TYPES and targets and sources:
            # "pulled US troops out of Syria": the source's own forces are what moves, the
            # place they leave or enter is the other party
            own = set(_codes(sources))
            if all(t.code in own and t.sector == "MIL" for t in targets):
                targets = self._place_from(trig, sm) or []
        if (
            entry.plover_type == "REQUEST"
            and self.cues.has("command", tok.lemma_.lower())
            and sources
            and targets
            and set(_codes(targets)) <= set(_codes(sources))
            and (own := self.recoding.get(("self_ordered", entry.code))) is not None
        ):
            # "Trump ordered a withdrawal of US troops": a decision of the orderer's state
            entry, targets = self.ontology.code(own), []
            modality.situation = modality.situation or "self_ordered"
            if modality.status == "occurred":
                modality.status = "intended"
            if location is not None and location.code not in _codes(sources):
                targets = [location.actor(LOCATION_TARGET)]
        if entry.plover_type == "THREATEN" and not targets:
            # "threatened to stop talks if the United States deploys missiles": the party
            # the condition names is the one threatened
            targets = self._condition_party(trig, modality, sm, sources)
        if entry.plover_type in ("ASSAULT", "COERCE") and sources and not targets:
            # "police opened fire to disperse demonstrators": whom the force was used on
            targets = self._purpose_object(trig.token, sm)
        if entry.plover_type == "MOBILIZE" and sources and not targets:
            # "mobilized reservists for a possible war against Iraq": whom it is readied for
            hosts = [trig.token, *(o for o in trig.token.children if o.dep_ == "dobj")]
            aims = [
                p
                for h in hosts
                for c in h.children
                if c.dep_ == "prep" and c.lower_ == "for"
                for p in c.children
                if p.dep_ == "pobj"
            ]
            targets = self._prep_objects(aims, {"against", "on", "with"}, sm)
        passive = _is_passive(tok) or (tok.dep_ == "acl" and tok.tag_ == "VBN")
        if (
            not sources
            and passive
            and entry.plover_type in ("COERCE", "SANCTION")
            and on_act is not None
            and on_act.code not in _codes(targets)
        ):
            # "a British soldier jailed in Turkey", "arrested in Iran": by that state's
            # authorities
            sources = [replace(on_act.actor("authorities of the place"), sector="GOV")]
        # force happens where its place is named anywhere in the phrase; other acts only at a
        # place named on the act itself ("eased measures in Montenegro"), and by a named party
        near = location if entry.plover_type in FORCE_TYPES else on_act
        if (
            not targets
            and not reciprocal
            and near is not None
            and entry.plover_type in PLACE_TARGET_TYPES
            and (sources or entry.plover_type in FORCE_TYPES)
            and (near.code not in _codes(sources) or entry.plover_type in DOMESTIC_TYPES)
        ):
            # "shelled a Kurdish enclave inside Syria", "US airstrikes in Syria": the state
            # where force is used is the target when no other party is named
            targets = [near.actor(LOCATION_TARGET)]
        if (
            not targets
            and not reciprocal
            and location is None
            and sources
            and entry.plover_type == "ASSAULT"
        ):
            # force used without a named target or place: in the one place the sentence names
            # ("Yazidis from Sinjar in Iraq ... were kidnapped by Islamic State"), else in the
            # state the story is about ("the Russian-led air blitz" in a story about Syria)
            place = self._sentence_place(sent, sm, _codes(sources))
            if place is not None:
                targets = [place.actor(LOCATION_TARGET)]
            elif (story := sm.context.dominant_state(excluding=_codes(sources))) is not None:
                targets = [Actor(story, story, None, None, 0, 0, STORY_TARGET)]
        if not sources and location is not None and entry.plover_type == "PROTEST":
            # "thousands of people blocked streets in Hong Kong": the protesters are of the place
            sources = [replace(location.actor("protest location"), sector="CVL")]
        if entry.plover_type == "PROTEST" and sources and not targets:
            # "blocked a road to show their disapproval of the United States' policies"
            targets = self._purpose_party(trig.token, sm, sources)
        if entry.code == "082" and sources and not targets:
            # "the union called off its strike": a concession to its own authorities
            own = sources[0]
            targets = [replace(own, sector="GOV", rule="dissent ended before own authorities")]
        if entry.plover_type == "PROTEST" and sources and not targets:
            # PLOVER: a protest with no named addressee is directed at the protesters' own
            # authorities ("Nepal's opposition parties organised a general strike")
            own = sources[0]
            targets = [replace(own, sector="GOV", rule="protest against own authorities")]
        if not sources and not targets:
            return None
        if reciprocal:
            targets = []
        status = modality.status
        event_date, precision, date_source = resolve_event_date(sent.text, published, status)
        trigger_start = tok.idx - sent.start_char
        trigger_end = trigger_start + len(tok.text)
        if trig.object_token is not None:
            o = trig.object_token
            trigger_start = min(trigger_start, o.idx - sent.start_char)
            trigger_end = max(trigger_end, o.idx - sent.start_char + len(o.text))
        event_id = hashlib.sha1(
            f"{doc_id}\x1f{sentence_index}\x1f{tok.i - sent.start}\x1f{cameo_code}".encode()
        ).hexdigest()[:20]
        event = Event(
            event_id=event_id,
            doc_id=doc_id,
            sentence_index=sentence_index,
            sentence_text=sent.text,
            trigger_text=sent.text[trigger_start:trigger_end],
            trigger_start=trigger_start,
            trigger_end=trigger_end,
            plover_type=entry.plover_type,
            plover_mode=entry.plover_mode or pattern.mode,
            cameo_code=entry.code,
            cameo_root=entry.root,
            quad_class=entry.quad_class,
            goldstein=entry.goldstein,
            sources=sources,
            targets=targets,
            reciprocal=reciprocal,
            status=status,
            negated=modality.negated,
            attributed_to=modality.attributed_to,
            event_date=event_date,
            date_precision=precision,
            date_source=date_source,
            location_name=location.name if location else None,
            location_country=location.code if location else None,
            lat=location.lat if location else None,
            lon=location.lon if location else None,
            confidence=_confidence(sources, targets, pattern, status),
            coder_version=CODER_VERSION,
        )
        event.trigger_token = tok.i
        cue_governors = [
            g.i
            for g in modality.governors
            if any(self.cues.has(c, g.lemma_.lower()) for c in ("intent", "refusal", "threat"))
        ]
        return event, cue_governors

    def _obligation_demands(self, sent, sm, doc_id, sentence_index, published):
        """ "Russia said Sudan must return the helicopter": a demand by the speaker."""
        out = []
        for tok in sent:
            if not self.cues.has("speech", tok.lemma_.lower()):
                continue
            for clause in (c for c in tok.children if c.dep_ == "ccomp"):
                modal = next(
                    (
                        c
                        for c in clause.children
                        if c.dep_ == "aux" and c.lower_ in ("must", "should")
                    ),
                    None,
                )
                subj = _child(clause, "nsubj")
                speaker = self._subject(tok)
                if modal is None or subj is None or speaker is None:
                    continue
                sources, targets = sm.resolve(speaker), sm.resolve(subj)
                if not sources or not targets:
                    continue
                trig = Trigger(modal, _DEMAND_PATTERN)
                result = self._code_trigger(
                    trig, sent, sm, doc_id, sentence_index, published, roles=(sources, targets)
                )
                if result is not None:
                    out.append(result)
        return out

    def _wish_requests(self, sent, sm, doc_id, sentence_index, published):
        """ "Turkey wants the US to extradite Gulen", "they wanted to see the west attack":
        wanting another party to act is asking it to (REQUEST), even with the party unnamed."""
        out = []
        for tok in sent:
            if tok.lemma_.lower() not in WISH_VERBS:
                continue
            wished = None
            for c in tok.children:
                if c.dep_ == "ccomp" and _child(c, "nsubj") is not None:
                    wished = _child(c, "nsubj")
                elif c.dep_ == "xcomp" and c.lemma_.lower() == "see":
                    wished = next(
                        (g for g in c.children if g.dep_ in ("dobj", "ccomp", "nsubj")), None
                    )
                    if wished is not None and wished.dep_ == "ccomp":
                        wished = _child(wished, "nsubj")
            subj = self._subject(tok)
            if wished is None or subj is None:
                continue
            sources = sm.resolve(subj)
            if not sources:
                continue
            targets = sm.resolve(wished) or _modifier_actors(wished, sm)
            targets = [t for t in targets if t.code not in _codes(sources)]
            result = self._code_trigger(
                Trigger(tok, _WISH_PATTERN),
                sent,
                sm,
                doc_id,
                sentence_index,
                published,
                roles=(sources, targets),
            )
            if result is not None:
                out.append(result)
        return out

    # ------------------------------------------------------------------ modality

    def _modality(self, tok, sm) -> Modality:
        m = Modality()
        cues = self.cues
        if (
            _purpose_clause(tok)
            and not self._misparsed_complement(tok)
            and tok.lemma_.lower() not in PURPOSE_EVENTS
        ):
            m.drop = True  # "sent troops to protect the border": the sending is the event
            return m
        chain = [tok]
        cur = tok
        # climb through infinitive/gerund complements and coordinated verbs
        while (
            cur.dep_ in ("xcomp", "conj", "pcomp", "acomp", "csubj")
            or self._misparsed_complement(cur)
        ) and cur.head.i != cur.i:
            climbs_prep = cur.dep_ == "pcomp" and cur.head.dep_ == "prep"
            if climbs_prep and cur.head.lower_ in BACKGROUND_PREPS:
                m.drop = True  # "after volunteering to fight": the scene, as for nouns
            if climbs_prep and _instead_of(cur.head):
                m.drop = True  # "instead of retreating": what did not happen
            if climbs_prep and cues.has("charge", cur.head.head.lemma_.lower()):
                m.drop = True  # "accused of fighting with the YPG": the charge's content
            cur = cur.head.head if climbs_prep else cur.head
            chain.append(cur)
            if cur.dep_ == "conj" and cur.pos_ != "VERB":
                break
        infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in cur.children)
        if cur.head.pos_ == "NOUN" and (cur.dep_ == "acl" or (cur.dep_ == "relcl" and infinitive)):
            # "Trump's decision to pull troops out", "a threat to strike"
            chain.append(cur.head)
        m.governors = chain[1:]
        if any(_ruled_out(t) for t in chain[1:]):
            m.situation = "refused"  # "removing the sanctions is out of the question"
        lemmas = [t.lemma_.lower() for t in chain]
        for t in chain:
            for c in t.children:
                low = c.lower_
                if c.dep_ == "neg" or (c.dep_ in ("advmod", "det") and low in ("never", "not")):
                    m.negated = True
                if c.dep_ == "aux" or c.dep_ == "auxpass":
                    if cues.has("hedge", low) and low not in ("would",):
                        m.drop = True
                    if cues.has("future", low) or low == "would" or low == "going":
                        m.situation = m.situation or "intended"
                if c.dep_ == "mark" and cues.has("condition", low):
                    m.drop = True
        if m.situation == "intended" and any(
            c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ == "unless" for g in c.children)
            for t in chain
            for c in t.children
        ):
            # "will withdraw its force from Chad unless a ceasefire is arranged": a threat
            m.situation = "conditioned"
        # the clause head that may be reported speech or a denial
        clause = chain[-1]
        while clause.dep_ in ("ccomp", "advcl", "relcl") and clause.head.i != clause.i:
            for c in clause.children:
                if c.dep_ == "mark" and cues.has("condition", c.lower_):
                    m.drop = True
            if clause.dep_ != "ccomp":
                break
            gov = clause.head
            glemma = gov.lemma_.lower()
            if cues.has("speech", glemma) or cues.has("threat", glemma):
                m.status = "claimed"
                speaker = next((c for c in gov.children if c.dep_ in SUBJECT_DEPS), None)
                if speaker is not None:
                    m.attributed_to = _phrase_text(speaker)
            elif cues.has("denial", glemma):
                m.status = "denied"
            elif cues.has("request", glemma) or _wished(gov) or self._demand_object(gov):
                # asked for or wished for: "wants the US to extradite him", "reiterated its
                # demand today that Israel ease restrictions"
                m.drop = True
            clause = gov
        if tok.dep_ == "dobj" and _wished(tok.head):
            m.drop = True  # "wanted to see the west attack" (parsed as a noun)
        for gov_lemma in lemmas[1:]:
            if cues.has("hedge", gov_lemma):
                m.drop = True  # "most likely to be invaded", "unlikely to attack"
            elif cues.has("request", gov_lemma):
                m.drop = True  # asked for, not done: "urged Russia to withdraw"
            elif cues.has("refusal", gov_lemma):
                m.situation = "refused"
            elif cues.has("threat", gov_lemma) and m.situation != "refused":
                m.situation = "threatened"
            elif cues.has("denial", gov_lemma):
                m.status = "denied"
            elif cues.has("speech", gov_lemma) and m.status == "occurred":
                m.status = "claimed"  # "is reported to have ordered", "claims to have shot"
            elif cues.has("preparation", gov_lemma) and m.situation is None:
                m.situation = "prepared"  # "prepare an offensive": a build-up, not a threat
            elif cues.has("intent", gov_lemma) and m.situation is None:
                m.situation = "intended"
        if (
            tok.pos_ in ("NOUN", "PROPN")
            and tok.dep_ == "dobj"
            and cues.has("preparation", tok.head.lemma_.lower())
            and m.situation is None
        ):
            m.situation = "prepared"  # "Russia is preparing an offensive": the noun's own verb
        if m.negated:
            m.situation = "refused"
        if m.situation in ("intended", "prepared") and m.status == "occurred":
            m.status = "intended"
        return m

    def _misparsed_complement(self, tok) -> bool:
        """ "threatened on Friday to cut ties": an adverbial between the verb and its "to"
        complement makes the parser read it as a purpose clause; for a verb of intent,
        refusal, threat or request it is the complement."""
        if tok.dep_ != "advcl" or any(c.dep_ in ("nsubj", "mark") for c in tok.children):
            return False
        if not any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
            return False
        lemma = tok.head.lemma_.lower()
        return any(self.cues.has(c, lemma) for c in ("intent", "refusal", "threat", "request"))

    # ------------------------------------------------------------------ roles

    def _verb_roles(self, trig: Trigger, sm) -> tuple[list[Actor], list[Actor], bool]:
        tok, pattern = trig.token, trig.pattern
        participle = tok.dep_ == "acl" and tok.tag_ == "VBN"  # "journalist captured by Isis"
        passive = participle or _is_passive(tok)
        sources: list[Actor] = []
        targets: list[Actor] = []
        if passive and _child(tok, "agent") is None and tok.lemma_.lower() in STATE_PASSIVES:
            # "Vietnam is committed to opening up": a state of the subject, who is the doer
            subj = _child(tok, "nsubjpass")
            if subj is not None and subj.lower_ in SPEAKER_PRONOUNS:
                subj = self._speaker(tok) or subj
            if subj is not None:
                sources, passive = sm.resolve(subj), False
        if passive:
            agent = _affirmed_agent(tok)
            if agent is None and tok.dep_ == "conj":  # "were rounded up by police and shot"
                agent = _affirmed_agent(tok.head)
            pobj = _child(agent, "pobj") if agent is not None else None
            if pobj is not None:
                sources = sm.resolve(pobj)
        else:
            subj = self._subject(tok)
            if subj is not None:
                sources = sm.resolve(subj)
        if participle and "dobj" in pattern.targets:
            targets = [a for a in sm.resolve(tok.head) if a.code not in _codes(sources)]
        for slot in pattern.targets:
            if targets:
                break
            targets = self._slot(trig, slot, sm, passive)
        if not targets and "dobj" in pattern.targets and not passive:
            clause = next((c for c in tok.children if c.dep_ == "ccomp"), None)
            subj = _child(clause, "nsubj") if clause is not None else None
            if subj is not None:
                targets = sm.resolve(subj)
        if not targets and trig.object_token is not None:
            # "condemned Israel over the raid": the direct object is the target;
            # "condemned Russia's invasion": the owner of the event noun is.
            # (the object phrase itself may name the party: "freed Palestinian prisoners")
            obj = _patient(tok) if passive else _child(tok, "dobj")
            if obj is not None:
                targets = sm.resolve(obj)
            if not targets:
                targets = _modifier_actors(trig.object_token, sm)
            if not targets and (doer := _noun_agent(trig.object_token)) is not None:
                # "prevented the demonstration staged by students": the demonstrators
                targets = sm.resolve(doer)
            asked = _clause_subject(trig.object_token)
            if asked is None and self._demand_object(tok):
                asked = _clause_subject(tok)  # the clause parsed onto the verb
            if not targets and asked is not None:
                # "reiterated its demand that Israel ease restrictions": Israel
                targets = sm.resolve(asked)
        if not targets and not passive and "-" not in pattern.targets:
            # "demanded guarantees from NATO", "an admission by Moscow"
            obj = trig.object_token or _child(tok, "dobj")
            if obj is not None:
                targets = self._prep_objects([obj], _OBJECT_PREPS, sm)
            if not targets:  # "granted asylum to Panamanian officers", "met with Obama"
                targets = self._prep_objects([tok], _TARGET_PREPS, sm)
        if not targets and not passive:
            targets = self._complement_targets(tok, sm)
        if not targets:  # "struck areas under the control of Hamas": hit what Hamas holds
            targets = self._held_by(tok, sm)
        denied = [  # "launched not by the regime or Russia": neither doer nor target
            (a.idx - sm.sent.start_char, a.idx - sm.sent.start_char + len(_phrase_text(a)))
            for a in tok.children
            if a.dep_ == "agent" and any(n.lower_ == "not" for n in a.children)
        ]
        targets = [t for t in targets if not any(lo <= t.start < hi for lo, hi in denied)]
        reciprocal = False
        if not targets and "recip" in pattern.targets and len({a.code for a in sources}) >= 2:
            reciprocal = True
        targets = [t for t in targets if not _same_span(t, sources)]
        return sources, targets, reciprocal

    def _subject(self, tok):
        subj = next((c for c in tok.children if c.dep_ in ("nsubj", "csubj")), None)
        if subj is not None and subj.tag_ == "VBG" and _child(subj, "nsubj") is not None:
            # "the Red Cross operating in Iraq said": parsed as a clause whose subject is
            # the organisation
            subj = _child(subj, "nsubj")
        if subj is not None and subj.lower_ in SPEAKER_PRONOUNS:
            speaker = self._speaker(tok)
            if speaker is not None:  # "Switzerland said it had expelled two diplomats"
                return speaker
        if subj is not None and subj.lower_ in REFLEXIVE_PRONOUNS and tok.head.i != tok.i:
            # "the opposition finds itself waging a battle": the reflexive's antecedent
            antecedent = self._subject(tok.head)
            if antecedent is not None:
                return antecedent
        if subj is not None and subj.lower_ not in RELATIVE_PRONOUNS:
            return subj
        if tok.dep_ == "relcl" and _purpose_clause(tok) and tok.head.dep_ == "dobj":
            return self._subject(tok.head.head)  # "X began a strike to protest": X protests
        if tok.dep_ == "relcl":
            return tok.head
        controller = _object_controlled(tok)
        if controller is not None:
            return controller
        if subj is not None:
            return subj
        head = tok.head
        if head.i == tok.i:
            return None
        if tok.dep_ == "acomp":  # "it is committed to": the predicate's subject
            return self._subject(head)
        if tok.dep_ == "csubj" and _ruled_out(head):
            # "US officials said lifting sanctions is out of the question": the speakers
            return self._speaker(head)
        if (
            tok.dep_ == "xcomp"
            and _child(head, "nsubjpass") is not None
            and (
                self.cues.has("speech", head.lemma_.lower()) or head.lemma_.lower() in RAISING_VERBS
            )
        ):
            # "Trump is reported to have ordered", "the army is said to have shelled": the
            # reporting verb's passive subject does the reported act
            return _child(head, "nsubjpass")
        if tok.dep_ == "xcomp":
            # object control: "urged Russia to withdraw", "called on Turkey to halt"
            obj = next((c for c in head.children if c.dep_ in ("dobj",)), None)
            if obj is None:
                prep = next(
                    (c for c in head.children if c.dep_ == "prep" and c.lower_ in ("on", "upon")),
                    None,
                )
                obj = _child(prep, "pobj") if prep is not None else None
                if obj is not None and is_time_word(obj.text):  # "threatened on Monday to"
                    obj = None
            if obj is not None and head.lemma_.lower() not in ("promise",):
                return obj
            return self._subject(head)
        if (
            tok.dep_ == "acl"
            and tok.tag_ == "VBG"
            and head.pos_ in ("NOUN", "PROPN")
            and head.lemma_.lower() not in MESSAGE_NOUNS
        ):
            return head  # "a Kurdish delegation touring Washington"
        if tok.dep_ == "acl" and head.pos_ == "NOUN":
            owner = _child(head, "poss")
            if owner is not None:
                return owner
            if head.dep_ == "dobj" and (_is_light_verb(head.head) or head.head.lemma_ == "have"):
                return self._subject(head.head)  # "X made plans to attack", "X has a plan to"
        if tok.dep_ in ("conj", "advcl", "pcomp") and head.pos_ in ("VERB", "AUX"):
            found = self._subject(head)
            if found is None and tok.dep_ == "conj" and not _is_passive(tok):
                # "the premier has been indicted by the court and will resign": the shared
                # subject does the active verb
                found = _child(head, "nsubjpass")
            return found
        if tok.dep_ == "pcomp" and head.dep_ == "prep":
            return self._subject(head.head)
        return None

    def _location(self, trig: Trigger, sm, shallow: bool = False) -> Location | None:
        """The place of the event: a state, capital or town named after a place preposition
        ("in Syria", "into Idlib", "near the town of Samarra", "a Kurdish enclave inside
        Syria"), with coordinates when it is a town the gazetteer knows. `shallow`: only a
        place preposition on the trigger or its object itself."""
        hosts = [trig.token] + ([trig.object_token] if trig.object_token is not None else [])
        for host in hosts:
            # "stormed across the border from Syria": where they came from is not the place
            origin = {
                t.i
                for p in host.subtree
                if p.lower_ == "from" and p.dep_ == "prep"
                for t in p.subtree
            }
            for prep in host.children:
                if prep.dep_ == "prep" and prep.lower_ in PLACE_PREPS:
                    here = [t for t in prep.subtree if t.i not in origin]
                    found = self._place_in(here, sm)
                    if found is not None:
                        return found
            if shallow:
                continue
            for tok in host.subtree:  # "a Kurdish enclave inside Syria"
                if tok.i in origin:
                    continue
                if tok.dep_ == "pobj" and tok.head.lower_ in PLACE_PREPS:
                    found = self._place_in([tok], sm)
                    if found is not None:
                        return found
        return None

    def _sentence_place(self, sent, sm, own: list[str]) -> Location | None:
        """The one state the sentence names as a place ("from Sinjar in Iraq"), other than
        the doers'; None if it names none or several."""
        found = [
            place
            for tok in sent
            if tok.dep_ == "pobj"
            and tok.head.lower_ in PLACE_PREPS
            and (place := self._place_in([tok], sm)) is not None
            and place.code not in own
        ]
        return found[0] if len({p.code for p in found}) == 1 else None

    def _place_in(self, tokens, sm) -> Location | None:
        base = sm.sent.start_char
        state: Location | None = None
        for tok in tokens:
            m = sm.by_token.get(tok.i)
            if m is not None and m.kind in ("state", "capital") and tok.idx - base >= 0:
                code = sm.recoded.get(m.start, (m.code, None))[0]
                place = find_place(m.text) if m.kind == "capital" else None
                lat, lon = (place.lat, place.lon) if place else (None, None)
                state = Location(m.text, code, m.start, m.end, lat, lon)
                break
        for tok in tokens:
            if tok.pos_ != "PROPN" or tok.i in sm.by_token or tok.idx - base < 0:
                continue
            place = find_place(tok.text)
            if place is None or (state is not None and place.country != state.code):
                continue
            start = tok.idx - base
            return Location(
                tok.text, place.country, start, start + len(tok.text), place.lat, place.lon
            )
        return state

    def _purpose_party(self, tok, sm, sources) -> list[Actor]:
        """The first party named in the purpose clause of an action, other than its doers."""
        own = set(_codes(sources))
        clauses = [c for c in tok.children if c.dep_ == "advcl"]
        clauses += [c for o in tok.children if o.dep_ == "dobj" for c in o.children]
        for clause in clauses:
            if not _purpose_clause(clause):
                continue
            for t in clause.subtree:
                m = sm.by_token.get(t.i)
                if m is None or not m.entry.has_code:
                    continue
                found = [a for a in sm.resolve(t) if a.code and a.code not in own]
                if found:
                    return found
        return []

    def _purpose_object(self, tok, sm) -> list[Actor]:
        """Who the purpose clause of an action acts on: "fired tear gas to disperse the
        crowd" -- the crowd."""
        for clause in (c for c in tok.children if c.dep_ == "advcl"):
            if _purpose_clause(clause) and (obj := _child(clause, "dobj")) is not None:
                return sm.resolve(obj)
        return []

    def _place_from(self, trig: Trigger, sm) -> list[Actor]:
        """The state a force leaves or enters: "out of Syria", "from Lebanon", "into Syria"."""
        for c in trig.token.children:
            if c.dep_ in ("prep", "prt", "advmod") and c.lower_ in ("from", "out", "into", "to"):
                for tok in c.subtree:
                    m = sm.by_token.get(tok.i)
                    if m is not None and m.kind in ("state", "capital"):
                        return sm.resolve(tok)
        return []

    def _condition_party(self, trig: Trigger, modality: Modality, sm, sources) -> list[Actor]:
        """The subject of an "if"/"unless" clause on a threat or on its complement."""
        own = set(_codes(sources))
        hosts = [trig.token, *modality.governors]
        hosts += [c for h in list(hosts) for c in h.children if c.dep_ == "xcomp"]
        for host in hosts:  # "threatened to stop talks if the US deploys missiles"
            for clause in host.children:
                if clause.dep_ != "advcl":
                    continue
                if not any(
                    c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in clause.children
                ):
                    continue
                subj = _child(clause, "nsubj")
                if subj is None:
                    continue
                found = [a for a in sm.resolve(subj) if a.code not in own]
                if found:
                    return found
        return []

    def _speaker(self, tok):
        """The subject of the reporting verb whose complement clause holds `tok`."""
        clause = tok
        while clause.dep_ in ("xcomp", "conj") and clause.head.i != clause.i:
            clause = clause.head
        if clause.dep_ != "ccomp" or not self.cues.has("speech", clause.head.lemma_.lower()):
            return None
        reporter = clause.head
        speaker = _child(reporter, "nsubj")
        if speaker is None and reporter.dep_ == "conj":
            # "HTS grew bolder and declared it had forced ...": the conjoined verbs' subject
            speaker = _child(reporter.head, "nsubj")
        if speaker is None or speaker.pos_ == "PRON":
            return None
        return speaker

    def _complement_targets(self, tok, sm, depth: int = 0) -> list[Actor]:
        """Targets inside an infinitive complement: "threatened to break relations with Russia",
        "promised to continue aid to Mozambique", "threatened to ban opposition candidates"."""
        for comp in (c for c in tok.children if c.dep_ == "xcomp"):
            obj = _child(comp, "dobj")
            if obj is not None:
                found = sm.resolve(obj)
                if found:
                    return found
                found = self._prep_objects([obj], _TARGET_PREPS, sm)
                if found:
                    return found
            found = self._prep_objects([comp], _TARGET_PREPS, sm)
            if found:
                return found
            if depth < 2:
                found = self._complement_targets(comp, sm, depth + 1)
                if found:
                    return found
        return []

    def _slot(self, trig: Trigger, slot: str, sm, passive: bool) -> list[Actor]:
        tok = trig.token
        hosts = [tok] + ([trig.object_token] if trig.object_token is not None else [])
        if slot == "dobj":
            obj = _patient(tok) if passive else _child(tok, "dobj")
            if obj is None:
                return []
            return sm.resolve(obj)
        if slot == "dative":
            obj = _child(tok, "dative")
            if obj is not None:
                pobj = _child(obj, "pobj") if obj.pos_ == "ADP" else obj
                return sm.resolve(pobj) if pobj is not None else []
            return self._prep_objects(hosts, {"to"}, sm)
        if slot.startswith("prep:"):
            return self._prep_objects(hosts, set(slot[5:].split("|")), sm)
        if slot == "poss":
            obj = _child(tok, "poss")
            return sm.resolve(obj) if obj is not None else []
        return []

    def _prep_objects(self, hosts, preps: set[str], sm) -> list[Actor]:
        for host in hosts:
            for c in host.children:
                if c.dep_ in ("prep", "prt", "agent", "dative") and c.lower_ in preps:
                    pobj = _child(c, "pobj")
                    if pobj is not None:
                        actors = sm.resolve(pobj)
                        if actors:
                            return actors
        return []

    def _noun_roles(self, trig: Trigger, sm) -> tuple[list[Actor], list[Actor], bool]:
        pattern = trig.pattern
        tok = _event_host(trig.token)  # "a mediation effort between X and Y": the effort's
        sources = _modifier_actors(tok, sm)
        if tok is not trig.token:
            own = _codes(sources)
            sources += [a for a in _modifier_actors(trig.token, sm) if a.code not in own]
        by = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "by"), None)
        if by is not None and not sources:
            pobj = _child(by, "pobj")
            if pobj is not None:
                sources = sm.resolve(pobj)
        doer = None  # "the resignation of the defence secretary"
        of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        if of is not None and not sources and self.cues.has("doer_of", tok.lemma_.lower()):
            doer = _child(of, "pobj")
            if doer is not None:
                sources = sm.resolve(doer)
        between = next(
            (c for c in tok.children if c.dep_ == "prep" and c.lower_ == "between"), None
        )
        if between is not None and not sources and "recip" in pattern.targets:
            pobj = _child(between, "pobj")
            if pobj is not None:
                both = sm.resolve(pobj)
                if len({a.code for a in both}) >= 2:
                    return both, [], True
        targets: list[Actor] = []
        heads = [tok] if doer is None else [tok, doer]  # "withdrawal of troops from Mali"
        if tok.dep_ == "dobj" and _is_light_verb(tok.head):
            heads.append(tok.head)  # "launched a mediation effort on Saturday between X and Y"
        for slot in pattern.targets:
            if slot.startswith("prep:"):
                targets = self._prep_objects(heads, set(slot[5:].split("|")), sm)
            if targets:
                break
        subject = tok
        if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_ in QUANTITIES:
            subject = tok.head.head  # "the majority of US attacks have targeted"
        hit = subject.head
        if not targets and subject.dep_ == "nsubj" and hit.lemma_.lower() in HIT_VERBS:
            # "US attacks have targeted areas under the control of Isis"
            obj = _child(hit, "dobj")
            targets = self._held_by(hit, sm) or (sm.resolve(obj) if obj is not None else [])
        if doer is not None and targets:
            sources = [a for a in sources if a.code not in _codes(targets)]
        if not sources:
            sources = self._light_verb_doer(tok, sm)
        if not sources and self.ontology.code(pattern.cameo).plover_type == "ASSAULT":
            attacked = self._attacked_subject(tok, sm) or self._struck_party(tok, sm)
            if attacked:
                return [], attacked, False
        if not sources:
            # an event noun without a doer is background unless the place it happened is
            # named ("the heaviest barrage anywhere in Syria")
            return [], [], False
        targets = [t for t in targets if not _same_span(t, sources)]
        return sources, targets, False

    def _demand_object(self, verb) -> bool:
        """The verb's object is a demand, call or appeal ("reiterated its demand")."""
        obj = _child(verb, "dobj")
        return obj is not None and self.cues.has("request", obj.lemma_.lower())

    def _held_by(self, verb, sm) -> list[Actor]:
        """The party named by "under the control of X" on a verb ("struck areas under the
        control of Hamas", the phrase parsed onto the verb)."""
        held = next(
            (
                p
                for c in verb.children
                if c.dep_ == "prep" and c.lower_ == "under"
                for p in c.children
                if p.dep_ == "pobj" and p.lemma_.lower() in HOLDING_NOUNS
            ),
            None,
        )
        return sm.resolve(held) if held is not None else []

    def _struck_party(self, noun, sm) -> list[Actor]:
        """ "the strikes delivered on Assad's war machine", "raids carried out against Houthi
        positions": who a participle of the attack says it hit, its doer unnamed."""
        for c in noun.children:
            if c.dep_ == "acl" and c.tag_ == "VBN" and _is_light_verb(c):
                found = self._prep_objects([c], {"on", "against", "upon"}, sm)
                if found:
                    return found
        return []

    def _attacked_subject(self, noun, sm) -> list[Actor]:
        """What is "under" the force a noun names is its target: "the convoy came under
        fire", "the enclave in Daraa shrinks under airstrikes", "towns under bombardment"
        (a place in the phrase stands for its state)."""
        if noun.dep_ != "pobj" or noun.head.lower_ != "under" or noun.head.dep_ != "prep":
            return []
        host = noun.head.head  # "came under", "shrank under" (tagged ADJ), "towns under"
        subj = host if host.pos_ in ("NOUN", "PROPN") else self._subject(host)
        if subj is None:
            return []
        found = sm.resolve(subj)
        if found:
            return found
        place = self._place_in(list(subj.subtree), sm)
        return [place.actor(LOCATION_TARGET)] if place is not None else []

    def _light_verb_doer(self, noun, sm) -> list[Actor]:
        """Who carries out an event noun through a verb: "X waged a battle against Y",
        "airstrikes launched by the US-led coalition"."""
        head = noun.head
        travel = head.head.lemma_.lower() in MOTION_VERBS
        if noun.dep_ == "pobj" and head.lower_ == "for" and travel:
            # "negotiators return to Geneva for talks", "arrived in Cairo for a visit"
            subj = self._subject(head.head)
            return sm.resolve(subj) if subj is not None else []
        verb = head.head
        engaged = {verb.lemma_.lower(), *lemma_guesses(verb.lower_)} & ENGAGED
        if noun.dep_ == "pobj" and head.lower_ == "in" and engaged:
            # "soldiers bogged down in a fight against", "forces engaged in fierce battles"
            if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
                who = verb.head
            else:
                who = self._subject(verb) or _child(verb, "nsubjpass")
            return sm.resolve(who) if who is not None else []
        doing = _is_light_verb(head) or self.cues.has("preparation", head.lemma_.lower())
        if noun.dep_ == "dobj" and head.pos_ == "VERB" and doing:
            subj = self._subject(head)
            if subj is not None:
                return sm.resolve(subj)
        for c in noun.children:  # "airstrikes (that were) launched by X"
            if c.dep_ == "acl" and c.tag_ == "VBN" and _is_light_verb(c):
                # "launched not by the regime but by the coalition": the affirmed agent
                agent = _affirmed_agent(c)
                pobj = _child(agent, "pobj") if agent is not None else None
                if pobj is not None:
                    return sm.resolve(pobj)
        return []


@dataclass(frozen=True)
class Location:
    """Where an event happened: a name in the sentence, its state, and coordinates if known."""

    name: str
    code: str
    start: int
    end: int
    lat: float | None = None
    lon: float | None = None

    def actor(self, rule: str) -> Actor:
        return Actor(self.name, self.code, None, None, self.start, self.end, rule)


def _is_passive(tok) -> bool:
    """Passive voice, also for a conjoined participle: "were rounded up and shot"."""
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children):
        return True
    return (
        tok.dep_ == "conj"
        and tok.tag_ == "VBN"
        and not any(c.dep_ in SUBJECT_DEPS for c in tok.children)
        and any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.head.children)
    )


def _patient(tok):
    """The passive subject, or the one of the verb a conjoined participle shares."""
    own = _child(tok, "nsubjpass")
    if own is None and tok.dep_ == "conj":
        return _child(tok.head, "nsubjpass")
    return own


def _object_controlled(tok):
    """The object of a causative verb that the parser hung a "to" clause on as an adverbial:
    "the attack led the militia to plead with the US" -> "militia" (None if not that case)."""
    if tok.dep_ != "advcl" or tok.head.lemma_.lower() not in CAUSATIVE_VERBS:
        return None
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        return None
    if any(c.dep_ in ("nsubj", "mark") for c in tok.children):
        return None
    obj = _child(tok.head, "dobj")
    return obj if obj is not None and obj.i < tok.i else None


def _purpose_clause(tok) -> bool:
    """An infinitive of purpose or plan: "sent troops to protect", "called for a force to be
    sent", "a force to be deployed"."""
    if tok.dep_ not in ("advcl", "relcl") or any(c.dep_ == "nsubj" for c in tok.children):
        return False
    if _object_controlled(tok) is not None:
        return False
    marks = [c.lower_ for c in tok.children if c.dep_ == "mark"]
    has_to = any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
    return has_to and (not marks or marks == ["for"])


_SHORT_CVC = re.compile(r"^[^aeiou]*[aeiou][bdgklmnprtv]$")


def _spelled_lemma(word: str, lemma: str) -> str:
    """The lemma the spelling allows: a one-syllable verb ending consonant-vowel-consonant
    doubles it ("rap" -> "rapped"), so "raped" and "raping" are of "rape", "staged" of
    "stage" -- the small model gives "rap" and "stag"."""
    if _SHORT_CVC.match(lemma) and word in (lemma + "ed", lemma + "ing"):
        return lemma + "e"
    return lemma


def _party_record(tok, sm) -> bool:
    """A relative clause telling what a named party has done, as a description of it: "the
    PKK, which has fought a decades-long insurgency", "the SDF, which led the battle against
    Isis". The news is elsewhere in the sentence."""
    verb = tok.head if tok.dep_ == "dobj" else tok
    while verb.dep_ in ("xcomp", "pcomp", "prep", "acomp") and verb.head.i != verb.i:
        verb = verb.head  # "which have been responsible for liberating"
    if verb.dep_ != "relcl":
        return False
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.lower_ not in RELATIVE_PRONOUNS:
        return False
    party = verb.head
    named = any(t.i in sm.by_token for t in party.subtree if t.i < verb.i)
    if not (named or is_sector_word(party)):
        return False
    perfect = any(c.dep_ == "aux" and c.lower_ in ("has", "have", "had") for c in verb.children)
    return perfect or (verb.tag_ == "VBD" and not _dated(verb))


def _party_role(tok, sm) -> bool:
    """ "a Kurdish group fighting Islamic State", "rebels battling the regime": a present
    participle of fighting on a party says which side it is on, not that a fight happened."""
    if tok.dep_ != "acl" or tok.tag_ != "VBG" or tok.lemma_.lower() not in ("fight", "battle"):
        return False
    party = tok.head
    return is_sector_word(party) or party.i in sm.by_token


def _dated(verb) -> bool:
    """The clause says when: "which struck the town on Monday"."""
    return any(is_time_word(t.text) for t in verb.subtree)


def _instead_of(prep) -> bool:
    """ "instead of", "rather than": the alternative that was not taken."""
    words = {prep.head.lower_, *(c.lower_ for c in prep.children if c.dep_ == "advmod")}
    return (prep.lower_ == "of" and "instead" in words) or (
        prep.lower_ == "than" and "rather" in words
    )


def _ruled_out(verb) -> bool:
    """A copula saying its subject will not happen: "is out of the question", "is off the
    table"."""
    if verb.lemma_ != "be":
        return False
    for c in verb.children:
        if c.dep_ in ("prep", "advmod") and c.lower_ in ("out", "off"):
            words = {t.lower_ for t in c.subtree}
            if "question" in words or "table" in words:
                return True
    return False


def _affirmed_agent(verb):
    """The verb's "by" phrase, skipping a negated one: "launched not by the regime or Russia,
    but by the coalition" (the affirmed "by" may be parsed as a far conjunct)."""
    agents = [a for a in verb.children if a.dep_ == "agent"]
    affirmed = [a for a in agents if not any(n.lower_ == "not" for n in a.children)]
    if affirmed:
        return affirmed[-1]
    if agents:
        return next(
            (t for t in verb.sent if t.i > agents[0].i and t.lower_ == "by" and t.dep_ == "conj"),
            None,
        )
    return None


def _misread_verb(tok) -> bool:
    """A clause head the small model tags as an adjective or noun though it has a subject:
    "Workers agitated for ...", "The dictator clung to power" (a verb pattern must still
    match it)."""
    if tok.pos_ not in ("ADJ", "NOUN") or tok.dep_ != "ROOT":
        return False
    return any(c.dep_ == "nsubj" for c in tok.children)


def _clause_subject(noun):
    """The subject of a noun's that-clause: "its demand that Israel ease restrictions"."""
    for c in noun.children:
        if c.dep_ in ("acl", "ccomp") and any(g.dep_ == "mark" for g in c.children):
            return _child(c, "nsubj")
    return None


def _noun_agent(noun):
    """Who does what a noun names, by "by": "a rally by students", "the demonstration
    staged by students"."""
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ == "by":
            return _child(c, "pobj")
        if c.dep_ == "acl" and c.tag_ == "VBN" and (agent := _child(c, "agent")) is not None:
            return _child(agent, "pobj")
    return None


def _wished(verb) -> bool:
    """A verb through which another party's act is only wished for: "want" with that party
    as the clause's subject, or "want to see"."""
    low = verb.lemma_.lower()
    if low in WISH_VERBS:
        return True
    return low == "see" and verb.dep_ == "xcomp" and verb.head.lemma_.lower() in WISH_VERBS


def _event_host(noun):
    """The noun an event noun names as a compound: "a mediation effort", "the bombing
    campaign" carry the event's arguments."""
    if noun.dep_ == "compound" and noun.head.lemma_.lower() in EFFORT_NOUNS:
        return noun.head
    return noun


def _background_noun(noun) -> bool:
    """An event noun that sets the scene rather than reports: "since Russia's invasion",
    "after the attack", "an imminent attack", "a possible war"."""
    if any(c.dep_ == "amod" and c.lower_ in HYPOTHETICAL for c in noun.children):
        return True
    head = noun.head
    if noun.dep_ == "dobj" and head.lemma_.lower() in CRITICISED:
        return True  # "criticising Trump's withdrawal from Syria": the topic, not the news
    if noun.dep_ == "dobj" and not AVERTED.isdisjoint(
        {head.lemma_.lower(), *lemma_guesses(head.lower_)}  # "spared" -> "spar" in the model
    ):
        return True  # "Idlib was spared an assault", "the truce averted an offensive"
    if noun.dep_ != "pobj":
        return False
    if head.lower_ == "of" and head.head.lemma_.lower() in PROSPECT_NOUNS:
        return True  # "exposed to the threat of a Turkish attack": it may never happen
    if head.lower_ == "of" and head.head.lemma_.lower() in SCENE_NOUNS:
        return True  # "the cradle of the uprising", "the aftermath of the attack"
    feeling = {head.head.lemma_.lower(), *lemma_guesses(head.head.lower_)}  # "angered" (ADJ)
    if head.dep_ == "agent" and not EMOTION_VERBS.isdisjoint(feeling):
        return True  # "angered by the Manchester attack": what moved someone, not the news
    # "Washington's main proxy in the fight against Isis", "allies in the war": a role in
    # an ongoing conflict, not a report of it
    role = head.lower_ == "in" and head.head.pos_ in ("NOUN", "PROPN") and head.dep_ == "prep"
    return head.lower_ in BACKGROUND_PREPS or role


def _is_light_verb(tok) -> bool:
    # the small model mis-lemmatises some ("waged" -> "wag")
    lemmas = [tok.lemma_.lower(), *lemma_guesses(tok.lower_)]
    return any(lemma in LIGHT_VERBS for lemma in lemmas)


def _modifier_actors(noun, sm) -> list[Actor]:
    """Actors named before a noun: "Russia's invasion", "Israeli air strikes". After an owner,
    a state's name is the topic: "Trump's Syria withdrawal", "Putin's Ukraine war"."""
    actors: list[Actor] = []
    owned = False
    for c in noun.children:
        if c.dep_ not in ("poss", "amod", "compound", "nmod") or c.i > noun.i:
            continue
        if owned and c.dep_ == "compound" and c.pos_ == "PROPN":
            continue
        found = sm.resolve(c)
        owned = owned or (c.dep_ == "poss" and bool(found))
        actors.extend(a for a in found if a.code not in _codes(actors))
    return actors


def _child(tok, dep: str):
    return next((c for c in tok.children if c.dep_ == dep), None)


def _phrase_text(tok) -> str:
    toks = [t for t in tok.subtree if t.dep_ not in ("relcl", "punct")]
    if not toks:
        return tok.text
    return tok.doc[toks[0].i : toks[-1].i + 1].text


def _codes(actors: list[Actor]) -> list[str]:
    return [a.code for a in actors if a.code]


def _same_span(actor: Actor, others: list[Actor]) -> bool:
    return any(
        o.start == actor.start and o.end == actor.end and o.code == actor.code for o in others
    )


def _subsumed_by_force(event: Event, events: list[Event], doc) -> bool:
    """ "were rounded up and shot", "detained and tortured": the repression is a step of the
    violence done to the same people in one breath, coded once, as the force."""
    if event.plover_type != "COERCE":
        return False
    tok = doc[event.trigger_token]
    for other in events:
        if other.plover_type != "ASSAULT" or doc[other.trigger_token] not in tok.conjuncts:
            continue
        ta, tb = set(event.target_codes), set(other.target_codes)
        sa, sb = set(event.source_codes), set(other.source_codes)
        if (ta == tb or not ta or not tb) and (sa == sb or not sa or not sb):
            return True
    return False


def _same_event(a: Event, b: Event, doc) -> bool:
    """Two triggers of one event: "civilians were killed in a US-led airstrike", "a roadside
    bombing killed two soldiers", "troops opened fire, killing one protester" are one ASSAULT
    each, reported by two words, when the parties agree (a missing target, or one only
    inferred from the place, agrees with any)."""
    if a.plover_type != b.plover_type or set(a.source_codes) != set(b.source_codes):
        return False
    if a.trigger_start == b.trigger_start:
        return set(a.target_codes) == set(b.target_codes)
    ta, tb = _argument_targets(a), _argument_targets(b)
    if not (ta == tb or not ta or not tb):
        return False
    ha, hb = doc[a.trigger_token], doc[b.trigger_token]
    return (
        _in_phrase_of(ha, hb)
        or _in_phrase_of(hb, ha)
        or _purpose_of(ha, hb)
        or _purpose_of(hb, ha)
        or _result_of(ha, hb)
        or _result_of(hb, ha)
    )


def _describes_a_state(tok, sm) -> bool:
    """A passive participle that says what a thing is, not what happened: "the fighters
    captured in Syria", "the troops deployed in Afghanistan", "the army, battered by the
    fight". Counted casualties ("ten soldiers killed in Ukraine", "there were ten soldiers
    killed") and participles whose agent names a party ("captured by Isis") report events."""
    if tok.tag_ == "VBN" and tok.lemma_.lower() in STATIONED and _child(tok, "agent") is None:
        aux = _child(tok, "auxpass")
        if aux is not None and aux.tag_ in ("VBP", "VBZ"):
            return True  # "where US troops are deployed": where they are, not a deployment
    if tok.dep_ != "acl" or tok.tag_ != "VBN":
        return False
    agent = _child(tok, "agent")
    if agent is not None and any(t.i in sm.by_token for t in agent.subtree):
        return False
    if any(
        c.dep_ == "prep"
        and c.lower_ in ("for", "to")
        and _child(c, "pobj") is not None
        and _child(c, "pobj").lemma_.lower() in TERMS
        for c in tok.children
    ):
        return False  # "a soldier jailed in Turkey for seven years": the term is news
    noun = tok.head
    definite = any(
        (c.dep_ == "det" and c.lower_ in ("the", "these", "those")) or c.dep_ == "poss"
        for c in noun.children
    )  # "the three jihadists captured in Iraq" are known people, described
    counted = not definite and any(c.dep_ == "nummod" for c in noun.children)
    existential = noun.dep_ == "attr" and any(c.dep_ == "expl" for c in noun.head.children)
    return not counted and not existential


def _argument_targets(event: Event) -> set[str]:
    """Target codes that come from the sentence's arguments, not from where it happened."""
    return {
        t.code for t in event.targets if t.code and t.rule not in (LOCATION_TARGET, STORY_TARGET)
    }


def _result_of(result, action) -> bool:
    """ "troops opened fire, killing one protester": the participle tells the action's result."""
    return result.dep_ == "advcl" and result.tag_ == "VBG" and result.head.i == action.i


def _purpose_of(purpose, action) -> bool:
    """ "began a hunger strike to protest against X": the purpose restates the action."""
    if not _purpose_clause(purpose):
        return False
    # on the action, beside it, or on its object ("a hunger strike to protest")
    return action.i in (purpose.head.i, purpose.head.head.i) or purpose.head.i == action.head.i


def _in_phrase_of(inner, outer) -> bool:
    """`inner` hangs on `outer` through phrases only, not through another clause."""
    tok = inner
    while tok.i != outer.i:
        if tok.dep_ in CLAUSE_DEPS or tok.head.i == tok.i:
            return False
        tok = tok.head
    return True


def _confidence(sources: list[Actor], targets: list[Actor], pattern: Pattern, status: str) -> float:
    score = 0.45
    if sources:
        score += 0.2
    if targets:
        score += 0.15
    if pattern.pos == "v":
        score += 0.1
    if pattern.specificity:
        score += 0.05
    if status in ("claimed", "denied"):
        score -= 0.15
    return round(max(0.05, min(score, 0.95)), 2)
