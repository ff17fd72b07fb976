"""Plain dataclasses that travel between the pipeline stages.

Every stage takes and returns these records, so the same stage functions can run in
one process, a local worker pool or as Ray tasks without change.
"""

from __future__ import annotations

import hashlib
import pickle
import zlib
from collections import Counter
from dataclasses import asdict, dataclass, field, fields
from datetime import date
from typing import TYPE_CHECKING

from polybius.codesets import join_codes

if TYPE_CHECKING:
    from polybius.dedup import Fingerprint

# Document statuses. `ok` documents were coded; the others carry an explanation in `error`.
STATUS_OK = "ok"
STATUS_SKIPPED_LANGUAGE = "skipped:language"
STATUS_SKIPPED_EMPTY = "skipped:empty"
STATUS_SKIPPED_NO_BODY = "skipped:no_body"
STATUS_SKIPPED_SPECIAL = "skipped:special"  # a FIFO, socket, device or broken link in a folder
STATUS_ERROR_BINARY = "error:binary"
STATUS_ERROR_DECODE = "error:decode"
STATUS_ERROR_TOO_LARGE = "error:too_large"
STATUS_ERROR_PARSE = "error:parse"
STATUS_ERROR_READ = "error:read"
STATUS_ERROR_CODING = "error:coding"
STATUS_ERROR_TOO_COMPLEX = "error:too_complex"  # over the per-document time budget
STATUS_PENDING = "pending"


def content_hash(text: str | bytes) -> str:
    """SHA-256 hex digest; the identity used for idempotent re-runs."""
    data = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text
    return hashlib.sha256(data).hexdigest()


@dataclass
class Document:
    """One input document after reading and cleaning (or the record of why it failed)."""

    doc_id: str
    text: str
    content_hash: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: date | None = None
    language: str | None = None
    input_path: str | None = None
    status: str = STATUS_PENDING
    error: str | None = None

    @property
    def ok(self) -> bool:
        return not (self.status.startswith("error") or self.status.startswith("skipped"))


@dataclass
class Sentence:
    doc_id: str
    index: int
    text: str
    start: int  # character offset of the sentence in the document text
    end: int


@dataclass
class Actor:
    """One participant of an event, resolved to a code (state, IGO, group) and a sector."""

    text: str
    code: str | None
    sector: str | None = None
    name: str | None = None
    start: int = -1  # character span inside the sentence
    end: int = -1
    rule: str = ""  # which rule decided the resolution (for explanations)


# an event's `status`, strongest first (see the events columns in store/data/columns.tsv)
EVENT_STATUSES = ("occurred", "claimed", "intended", "denied")


@dataclass
class Event:
    """The event record: the contract between stages and with users (see DESIGN.md)."""

    event_id: str
    doc_id: str
    sentence_index: int
    sentence_text: str
    trigger_text: str
    trigger_start: int
    trigger_end: int
    plover_type: str
    plover_mode: str | None
    cameo_code: str
    cameo_root: str
    quad_class: int
    goldstein: float
    sources: list[Actor] = field(default_factory=list)
    targets: list[Actor] = field(default_factory=list)
    reciprocal: bool = False
    status: str = "occurred"  # occurred | intended | claimed | denied
    negated: bool = False
    attributed_to: str | None = None
    event_date: date | None = None
    date_precision: str | None = None  # day | week | month | year
    date_source: str | None = None  # how the date was derived
    location_name: str | None = None
    location_country: str | None = None
    lat: float | None = None
    lon: float | None = None
    confidence: float = 0.5
    coder_version: str = ""
    # how the event was made, in order: the trigger pattern (file:line), every rule that
    # touched the draft ("rule:NAME reason"), and how each actor was found
    trace: list[str] = field(default_factory=list)
    location_admin1: str | None = None
    geo_precision: str | None = None  # country | admin1 | city
    feature_class: str | None = None  # GeoNames: A (country, unit) | P (populated place)
    fatalities: int | None = None
    trigger_token: int = field(default=-1, repr=False, compare=False)  # coder-internal

    def __repr__(self) -> str:
        """One line a person reads: `Event(ACCUSE 111 TUR → ISR, 2026-10-12, occurred,
        'Turkey condemned ...')`; every field is an attribute (`to_record()` lists them)."""
        source = join_codes(self.source_codes) or "-"
        target = join_codes(self.target_codes) or "-"
        when = self.event_date.isoformat() if self.event_date else "undated"
        return (
            f"Event({self.plover_type} {self.cameo_code} {source} → {target}, {when}, "
            f"{self.status}, {self.sentence_text!r})"
        )

    @property
    def source_codes(self) -> list[str]:
        return _codes(self.sources)

    @property
    def target_codes(self) -> list[str]:
        return _codes(self.targets)

    @property
    def source_text(self) -> str | None:
        """The sources' words in the sentence, joined with "; " (the store's `source_text`)."""
        return _texts(self.sources)

    @property
    def target_text(self) -> str | None:
        """The targets' words in the sentence, joined with "; " (the store's `target_text`)."""
        return _texts(self.targets)

    def to_record(self) -> dict:
        """The event as its row in the store's `events` table: a dict keyed by the table's
        columns, in table order (see store/data/columns.tsv). The actors become
        `source_codes`, `target_codes`, `source_text` and `target_text`; `cluster_id` is None
        (`polybius aggregate` sets it in the store); `event_date` stays a `datetime.date`
        (`to_dict()` is the JSON-ready form, with the actors in full)."""
        record: dict = {}
        for f in fields(self):
            if f.name == "sources":
                record["source_codes"] = self.source_codes
                record["target_codes"] = self.target_codes
                record["source_text"] = self.source_text
                record["target_text"] = self.target_text
            elif f.name == "trace":
                record["cluster_id"] = None
                record["trace"] = list(self.trace)
            elif f.name not in ("targets", "trigger_token"):
                record[f.name] = getattr(self, f.name)
        return record

    def to_dict(self) -> dict:
        d = asdict(self)
        d.pop("trigger_token", None)
        d["event_date"] = self.event_date.isoformat() if self.event_date else None
        d["source_codes"] = self.source_codes
        d["target_codes"] = self.target_codes
        return d


def _texts(actors: list[Actor]) -> str | None:
    return "; ".join(dict.fromkeys(a.text for a in actors)) or None


def _codes(actors: list[Actor]) -> list[str]:
    seen: list[str] = []
    for a in actors:
        if a.code and a.code not in seen:
            seen.append(a.code)
    return seen


@dataclass
class DocumentResult:
    """What the coding stage returns for one document: ready to be written to the store."""

    document: Document
    sentences: list[Sentence] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    tone: float | None = None  # lexicon tone of the document (see polybius.tone)
    fingerprint: Fingerprint | None = None  # for duplicate checking (see polybius.dedup)
    # sentences cut at the length cap or not parsed, by reason (see nlp.pipeline)
    notes: Counter = field(default_factory=Counter)
    # earlier sentences and events, compressed while a long document is coded in a worker so
    # its memory does not grow with the document; `unpack` restores them (in the writer)
    packed: list[bytes] = field(default_factory=list, repr=False)

    def pack(self) -> None:
        """Move the sentences and events so far into a compressed part."""
        if self.sentences or self.events:
            data = pickle.dumps((self.sentences, self.events), pickle.HIGHEST_PROTOCOL)
            self.packed.append(zlib.compress(data, 1))
            self.sentences, self.events = [], []

    def unpack(self) -> None:
        """Restore every packed part in front of the sentences and events in hand."""
        if not self.packed:
            return
        sentences: list[Sentence] = []
        events: list[Event] = []
        for part in self.packed:
            s, e = pickle.loads(zlib.decompress(part))
            sentences.extend(s)
            events.extend(e)
        self.sentences, self.events = sentences + self.sentences, events + self.events
        self.packed = []
