"""The records the coder's stages pass along: a trigger, its draft event, the sentence."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from polybius.actors.resolver import SentenceMentions
from polybius.coding.lemmas import token_lemma
from polybius.events.ontology import CameoCode, Ontology
from polybius.events.patterns import Pattern
from polybius.models import Actor


@dataclass
class Trigger:
    token: object  # spaCy Token
    pattern: Pattern
    object_token: object | None = None


@dataclass
class Modality:
    status: str = "occurred"
    situation: str | None = None  # intended | prepared | threatened | refused | conditioned
    negated: bool = False
    attributed_to: str | None = None
    # the verbs and nouns the trigger is embedded under ("agreed to meet": agreed)
    governors: list = field(default_factory=list)
    # prepositions climbed through on the way up ("after volunteering to fight": after)
    climbed_preps: list = field(default_factory=list)
    # the trigger and its governors, in order up to the clause head
    chain: list = field(default_factory=list)
    # the clauses above the chain: (clause head, the verb it is the complement of, or None)
    clauses: list = field(default_factory=list)
    # for an event noun, the clauses above the verb of its own clause ("said five were
    # killed in an airstrike": said); None for a verb, whose clauses are `clauses`
    noun_clauses: list | None = None
    # the party accused of the act ("accused X of attacking Y": X), its doer
    accused: object | None = None

    @property
    def told_in(self) -> list:
        """The clauses a statement of the act is told in (read by the speech and denial rule)."""
        return self.clauses if self.noun_clauses is None else self.noun_clauses


@dataclass(frozen=True)
class Location:
    """Where an event happened: a name in the sentence, its state, and coordinates if known."""

    name: str
    code: str
    start: int
    end: int
    lat: float | None = None
    lon: float | None = None
    admin1: str | None = None  # the first-level unit (province, governorate, state)
    geo_precision: str | None = None  # country | admin1 | city | exact, as ACLED's
    feature_class: str | None = None  # GeoNames class: A (country, unit), P (populated place)

    def actor(self, rule: str) -> Actor:
        return Actor(self.name, self.code, None, None, self.start, self.end, rule)


@dataclass
class SentenceContext:
    """One parsed sentence and what every stage may read about it."""

    sent: object  # spaCy Span
    sm: SentenceMentions
    doc_id: str
    sentence_index: int
    published: date | None
    ontology: Ontology
    # drafts that made no event: (trigger token index, pattern origin, why), for explanations
    dropped: list[tuple[int, str, str]] = field(default_factory=list)
    # the PLOVER type each dropped draft had (by trigger token index), for document rules
    dropped_types: dict[int, str] = field(default_factory=dict)
    # the side model to use instead of the shipped one (training records its choices)
    side_model: object | None = None
    # tokens a parse rule moved while the sentence is coded -> that rule's trace line
    repairs: dict[int, str] = field(default_factory=dict)
    # the tokens a trigger pattern matched (set before the sentence rules run)
    triggered: frozenset[int] = frozenset()
    # the lemma of each of the sentence's tokens, read once (tokens_with_lemma)
    _lemmas: list[str] | None = field(default=None, repr=False)

    def tokens_with_lemma(self, lemmas: frozenset[str]) -> list:
        """The sentence's tokens whose lemma (lemmas.token_lemma) is one of `lemmas`, in
        order. Sentence rules scan for their cue words so: a Span makes every token anew on
        every pass, and a dozen rules each passing over every token was a tenth of the coder."""
        if self._lemmas is None:
            self._lemmas = [token_lemma(t) for t in self.sent]
        doc, start = self.sent.doc, self.sent.start
        return [doc[start + k] for k, low in enumerate(self._lemmas) if low in lemmas]

    def drop(self, d: EventDraft, why: str) -> None:
        """Note a draft that made no event, and why."""
        self.dropped.append((d.token.i, d.trigger.pattern.origin, why))
        if d.plover_type is not None:
            self.dropped_types.setdefault(d.token.i, d.plover_type)


@dataclass
class EventDraft:
    """An event on its way through the stages; rules keep, drop, re-type or re-target it.

    `preset` drafts come from sentence rules that already know the parties (an obligation
    ascribed by a speaker): they skip the trigger-side stages (gates, modality, roles).
    """

    trigger: Trigger
    entry: CameoCode
    modality: Modality = field(default_factory=Modality)
    sources: list[Actor] = field(default_factory=list)
    targets: list[Actor] = field(default_factory=list)
    reciprocal: bool = False
    preset: bool = False
    location: Location | None = None  # named anywhere in the event's phrase
    on_act: Location | None = None  # named on the trigger or its object itself
    trace: list[str] = field(default_factory=list)
    # the CAMEO code the event id is made from: the pattern's, or the recoded one
    id_code: str = ""

    @property
    def token(self):
        return self.trigger.token

    @property
    def plover_type(self) -> str | None:
        return self.entry.plover_type

    def note(self, step: str) -> None:
        self.trace.append(step)
