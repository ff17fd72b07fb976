"""The event coder: from one dependency-parsed sentence to coded events.

The coder only runs the stages, each a small module over plain records:

  triggers (patterns)  ->  gate rules  ->  embedding + modality rules  ->  recode rules
  ->  roles (verb_roles / noun_roles)  ->  places  ->  actor rules  ->  build  ->  merge rules

Sentence rules add drafts no pattern names (an obligation ascribed by a speaker). Rules are
named, ordered and explained by `coding/data/rules.tsv`; any can be switched off, and every
event's `trace` lists the pattern and the rules that changed it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from polybius.actors.dictionary import ActorDictionary, load_dictionary
from polybius.actors.matcher import find_mentions
from polybius.actors.resolver import DocumentContext, SentenceMentions
from polybius.actors.story_priming import prime_story
from polybius.coding.build import build_event
from polybius.coding.draft import EventDraft, SentenceContext, Trigger
from polybius.coding.embedding import embedding
from polybius.coding.lexicon import load_cues, words
from polybius.coding.noun_roles import noun_roles
from polybius.coding.places import location
from polybius.coding.prefilter import Prefilter, load_prefilter
from polybius.coding.quotes import note_speakers, note_surface_speakers
from polybius.coding.rules.gates import sport_word_count
from polybius.coding.rules.merging import Coded
from polybius.coding.rules.pronouns import note_surface_subject
from polybius.coding.rules.registry import RuleSet, check_names, load_rules
from polybius.coding.story_place import unparsed_scenes
from polybius.coding.syntax import lemma, refusal_verb
from polybius.coding.triggers import find_triggers
from polybius.coding.verb_roles import verb_roles
from polybius.events.ontology import Ontology, load_ontology
from polybius.events.patterns import PatternSet, load_patterns
from polybius.models import Event
from polybius.when.dates import may_name_a_time

# governing verbs an embedded event stands for ("agreed to meet"), not coded again
STANDING_CUES = ("intent", "refusal", "threat")


def _signature(d: EventDraft) -> tuple:
    """What a rule may change on a draft (a change is noted in the trace). Taken after every
    rule, so kept flat and built from lists (compared only for equality)."""
    m = d.modality
    return (
        d.entry.code,
        [(a.code, a.sector, a.start) for a in d.sources],
        [(a.code, a.sector, a.start) for a in d.targets],
        d.reciprocal,
        m.status,
        m.situation,
        m.negated,
        m.attributed_to,
        [g.i for g in m.governors],
    )


@dataclass(frozen=True)
class CoderSpec:
    """How to build a coder: what travels to worker processes and Ray actors (picklable)."""

    extra_patterns: tuple[str, ...] = ()  # user pattern files (`--patterns`, `--petrarch-verbs`)
    disabled_rules: tuple[str, ...] = ()  # rules switched off (`--disable-rule`)
    extra_actors: tuple[str, ...] = ()  # user actor dictionary files (`--actors`)

    def build(self) -> Coder:
        return Coder(
            extra_patterns=self.extra_patterns,
            disabled_rules=self.disabled_rules,
            extra_actors=self.extra_actors,
        )


DEFAULT_SPEC = CoderSpec()  # the shipped patterns, every rule on


class Coder:
    """Codes parsed sentences; one instance per process (it holds the dictionaries).

    `disabled_rules`: names of rules (coding/data/rules.tsv) to switch off, for ablation or
    when a rule does not fit a corpus; an unknown name is an error.
    """

    def __init__(
        self,
        extra_patterns: tuple[str, ...] = (),
        dictionary: ActorDictionary | None = None,
        patterns: PatternSet | None = None,
        ontology: Ontology | None = None,
        disabled_rules: tuple[str, ...] | frozenset[str] = (),
        extra_actors: tuple[str, ...] = (),
    ):
        self.extra_actors = tuple(str(p) for p in extra_actors)
        self.dictionary = dictionary or load_dictionary(self.extra_actors)
        self.patterns = patterns or load_patterns(tuple(extra_patterns))
        self.ontology = ontology or load_ontology()
        self.extra_patterns = tuple(extra_patterns)
        self.disabled_rules = check_names(frozenset(disabled_rules))
        self.rules: RuleSet = load_rules(self.disabled_rules)
        self.side_model = None  # None: the shipped side model (training sets a recorder)

    @property
    def prefilter(self) -> Prefilter:
        return load_prefilter(self.extra_patterns, self.disabled_rules, self.extra_actors)

    def could_hold_event(self, text: str, words: list[str]) -> bool:
        """The prefilter's test; the coder applies it too, so prefiltering changes nothing."""
        return self.prefilter.could_hold_event(text, words)

    def prime_story(self, text: str, context: DocumentContext) -> None:
        """Before a story's first sentence is coded: the places the whole story names and its
        dateline, so the lead is set where the story is (actors/story_priming.py)."""
        prime_story(text, context, self.dictionary)

    def note_unparsed(
        self, text: str, context: DocumentContext, published: date | None = None
    ) -> None:
        """What a sentence that can hold no event still tells later ones: the states named,
        the people introduced with their nationality, the time it names."""
        mentions = find_mentions(text, self.dictionary)
        context.note_states(text, mentions)
        context.sport_words += sport_word_count(text)
        context.note_people(text, mentions)
        context.note_homes(text, mentions)
        if "place_from_story" not in self.disabled_rules:
            context.scenes.update(set(unparsed_scenes(text, mentions)))
        self.note_story_time(text, published, context)
        note_surface_speakers(text, mentions, context)
        if "pronoun_is_the_previous_subject" not in self.disabled_rules:
            note_surface_subject(text, mentions, context)
        context.sentences += 1

    def note_story_time(self, text: str, published: date | None, context: DocumentContext) -> None:
        """A sentence that dated no event may still name the story's time ("In October,
        Turkey released a pastor." coded nothing): a later "that month" is told against it
        (rule date_from_story)."""
        live = published is not None and "date_from_story" not in self.disabled_rules
        if live and may_name_a_time(text):
            context.pending_time = text

    def code_sentence(
        self,
        sent,
        doc_id: str,
        sentence_index: int,
        published: date | None = None,
        context: DocumentContext | None = None,
        dropped: list[tuple[int, str, str]] | None = None,
        prefiltered: bool = False,
    ) -> list[Event]:
        """Events of one spaCy sentence; `context` carries actors across a document's sentences.

        `dropped`, if given, receives the triggers that made no event: (token index, pattern,
        the rule that dropped it or "no party found"). `prefiltered`: the caller kept the
        sentence by this coder's prefilter already (the engine), so it is not tested again."""
        text = sent.text
        if context is None:
            context = DocumentContext()
        parsed = False  # an unparsed sentence is counted by note_unparsed
        moved: list[tuple[int, int, str]] = []  # a parse rule's moves: (token, head, label)
        repairs: dict[int, str] = {}  # moved token -> the trace line of the rule that moved it
        try:
            if not prefiltered and not self.could_hold_event(text, [t.text for t in sent]):
                self.note_unparsed(text, context, published)
                return []
            parsed = True
            for r in self.rules.stage("parse"):
                for i, head, label in r.func(sent):
                    moved.append((i, head, label))
                    repairs[i] = f"rule:{r.name} — {r.reason}"
            mentions = find_mentions(text, self.dictionary)
            context.note_homes(text, mentions)
            sm = SentenceMentions(sent, mentions, published, context)
            ctx = SentenceContext(sent, sm, doc_id, sentence_index, published, self.ontology)
            ctx.side_model = self.side_model
            ctx.repairs = repairs
            if dropped is not None:
                ctx.dropped = dropped
            dated = context.last_date
            events = self.code_events(ctx)
            if context.last_date is dated:  # no event of the sentence dated the story
                self.note_story_time(text, published, context)
            context.note_people(text, mentions)  # for the sentences after this one
            context.note_acts(events)
            context.sport_words += sport_word_count(text)
            note_speakers(sent, sm, context)
            return events
        finally:
            doc = sent.doc
            for i, head, label in reversed(moved):  # the parse as the parser made it
                doc[i].head = doc[head]
                doc[i].dep_ = label
            context.text = (context.text + " " + text)[-5000:]
            context.sentences += parsed

    def code_events(self, ctx: SentenceContext) -> list[Event]:
        """Triggers and sentence rules make drafts; each runs the stages; merge rules last."""
        coded: list[Coded] = []
        triggers = self.find_triggers(ctx.sent)
        ctx.triggered = frozenset(t.token.i for t in triggers)
        for d in [self.draft(t) for t in triggers]:
            self._add(coded, self.run_draft(d, ctx))
        for r in self.rules.stage("sentence"):
            for d in r.func(ctx):  # lazily: actors are resolved in reading order
                self._add(coded, self.run_draft(d, ctx))
        for r in self.rules.stage("merge"):
            coded = r.func(coded, ctx)
        return [event for event, _ in coded]

    @staticmethod
    def _add(coded: list[Coded], result: Coded | None) -> None:
        if result is not None:
            coded.append(result)

    def find_triggers(self, sent) -> list[Trigger]:
        """The sentence's triggers: tokens a pattern matches, in sentence order."""
        return find_triggers(sent, self.patterns, self.prefilter.exceptions)

    def draft(self, trigger: Trigger) -> EventDraft:
        return EventDraft(trigger, self.ontology.code(trigger.pattern.cameo))

    def run_stage(self, stage: str, d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
        """The stage's rules in table order; None as soon as one drops the draft."""
        before = _signature(d)
        for r in self.rules.stage(stage):
            result = r.func(d, ctx)
            if result is None:
                ctx.drop(d, f"rule:{r.name}")
                return None
            after = _signature(result)  # one signature per rule: the last one's is "before"
            if after != before:
                result.note(f"rule:{r.name} — {r.reason}")
            d, before = result, after
        return d

    def run_draft(self, d: EventDraft, ctx: SentenceContext) -> Coded | None:
        """One draft through the stages to an event and the cue verbs it stands for."""
        p = d.trigger.pattern
        d.note(f"pattern:{p.origin} {p.pos}:{p.lemma} -> CAMEO {p.cameo}")
        d.id_code = d.id_code or d.entry.code
        repair = ctx.repairs.get(d.token.i)
        if repair is not None:
            d.note(repair)
        if not d.preset:
            d = self.run_stage("gate", d, ctx)
            if d is None:
                return None
            d.modality = embedding(d.token, load_cues())
            d = self.run_stage("modality", d, ctx)
        if d is None or d.plover_type is None:
            return None
        d = self.run_stage("recode", d, ctx)
        if d is None or d.plover_type is None:
            return None  # recoded to no PLOVER type
        if not d.preset:
            roles = verb_roles if p.pos == "v" else self._noun_roles
            d.sources, d.targets, d.reciprocal = roles(d.trigger, ctx.sm)
        d.location = location(d.trigger, ctx.sm, force=d.plover_type in words("force_types"))
        d.on_act = location(d.trigger, ctx.sm, shallow=True)
        d = self.run_stage("actors", d, ctx)
        if d is None:
            return None
        if not d.sources and not d.targets:
            ctx.drop(d, "no party found")
            return None
        if d.reciprocal:
            d.targets = []
        cues = load_cues()
        standing = [
            g.i
            for g in d.modality.governors
            if cues.any(STANDING_CUES, lemma(g)) or refusal_verb(g)  # "ruled out X"
        ]
        return build_event(d, ctx), standing

    def _noun_roles(self, trigger: Trigger, sm: SentenceMentions):
        return noun_roles(trigger, sm, self.ontology)
