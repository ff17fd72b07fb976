"""Response and request bodies of the HTTP API (they make the OpenAPI schema at /docs)."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, Field, create_model

from polybius.events.ontology import PLOVER_TYPES
from polybius.store import schema
from polybius.store.schema import Column

PloverType = StrEnum("PloverType", {t: t for t in PLOVER_TYPES})


class EventStatus(StrEnum):
    occurred = "occurred"
    intended = "intended"
    claimed = "claimed"
    denied = "denied"


class Period(StrEnum):
    day = "day"
    week = "week"
    month = "month"


class ErrorResponse(BaseModel):
    error: str = Field(description="What went wrong and what to do about it.")
    details: list[dict] | None = Field(
        default=None, description="Per-parameter problems of a rejected request."
    )


# ---------------------------------------------------------------------------- events


def _column_field(column: Column) -> tuple[Any, Any]:
    """The pydantic field of an events column: (type, FieldInfo).

    Keys and NOT NULL columns are never null, nor lists (null reads as an empty list);
    columns added after the first schema version have a default, so that the model also
    describes what an older store returns.
    """
    kind: Any = column.python_type
    info = {"description": column.description}
    if column.since > 1:
        info["default_factory" if column.is_list else "default"] = list if column.is_list else None
    if column.nullable and not column.is_list:
        kind = kind | None
    return kind, Field(**info)


def _column_fields(flag: str) -> dict[str, tuple[Any, Any]]:
    return {c.name: _column_field(c) for c in schema.api_columns("events", flag)}


EventSummary = create_model(
    "EventSummary",
    __doc__="One coded event mention: who did what to whom, with its evidence sentence.",
    **_column_fields("api"),
)


class EventPage(BaseModel):
    total: int = Field(description="Events matching the filters.")
    limit: int
    offset: int
    events: list[EventSummary]


class ActorMention(BaseModel):
    role: Literal["source", "target"]
    position: int
    text: str | None
    code: str | None
    label: str | None = Field(description="Name of the actor code (RUS: Russia).")
    sector: str | None
    name: str | None
    start_char: int | None
    end_char: int | None
    rule: str | None = Field(description="Which resolution rule gave the code.")


class Highlight(BaseModel):
    """A span of the evidence sentence to highlight (character offsets into the sentence)."""

    role: Literal["source", "target", "trigger"]
    start: int
    end: int
    text: str
    event_id: str | None = None


class DocumentRef(BaseModel):
    doc_id: str
    title: str | None
    url: str | None
    source: str | None
    published: date | None


class ClusterMention(BaseModel):
    event_id: str
    doc_id: str
    title: str | None
    source: str | None
    published: date | None
    event_date: date | None
    status: str | None
    sentence_text: str | None


class Cluster(BaseModel):
    """The aggregated event this mention belongs to (after `polybius aggregate`)."""

    cluster_id: str
    fields: dict = Field(description="The clusters row (counts of mentions, sources, ...).")
    mentions: list[ClusterMention]


EventDetail = create_model(
    "EventDetail",
    __doc__="One event mention with its actors, evidence spans, document and cluster.",
    event=(EventSummary, ...),
    **_column_fields("detail"),
    actors=(list[ActorMention], ...),
    highlights=(list[Highlight], ...),
    document=(DocumentRef | None, ...),
    cluster=(Cluster | None, None),
)


# ---------------------------------------------------------------------------- documents


class DocumentSummary(BaseModel):
    doc_id: str
    title: str | None
    url: str | None
    source: str | None
    published: date | None
    language: str | None
    status: str
    error: str | None
    n_sentences: int | None
    n_events: int | None
    coded_at: datetime | None
    duplicate_of: str | None = None
    tone: float | None = None


class DocumentListed(DocumentSummary):
    first_sentence: str | None = Field(
        default=None, description="The document's first sentence (a title for untitled ones)."
    )


class DocumentPage(BaseModel):
    total: int
    limit: int
    offset: int
    documents: list[DocumentListed]


class SentenceOut(BaseModel):
    index: int
    text: str
    start_char: int | None
    end_char: int | None
    highlights: list[Highlight]


class DocumentDetail(BaseModel):
    document: DocumentSummary
    text: str | None
    sentences: list[SentenceOut]
    events: list[EventSummary]
    duplicates: list[str] = Field(description="Documents stored as duplicates of this one.")


# ---------------------------------------------------------------------------- actors, dyads


class ActorCount(BaseModel):
    code: str
    label: str | None
    events: int
    as_source: int
    as_target: int
    mean_goldstein: float | None


class ActorList(BaseModel):
    total: int
    actors: list[ActorCount]


class Dyad(BaseModel):
    source: str
    target: str
    source_label: str | None
    target_label: str | None
    events: int
    cooperation: int = Field(description="Events of QuadClass 1 and 2.")
    conflict: int = Field(description="Events of QuadClass 3 and 4.")
    mean_goldstein: float | None


class DyadList(BaseModel):
    dyads: list[Dyad]


class PeriodCounts(BaseModel):
    period: date = Field(description="First day of the day, week (Monday) or month.")
    events: int
    verbal_cooperation: int = Field(description="QuadClass 1")
    material_cooperation: int = Field(description="QuadClass 2")
    verbal_conflict: int = Field(description="QuadClass 3")
    material_conflict: int = Field(description="QuadClass 4")
    mean_goldstein: float | None


class Timeline(BaseModel):
    by: Period
    points: list[PeriodCounts]
    unplaced: int = Field(
        0, description="dated events left out: dated less precisely than the period"
    )


class DyadSeries(BaseModel):
    source: str
    target: str
    source_label: str | None
    target_label: str | None
    both_directions: bool
    by: Period
    points: list[PeriodCounts]
    unplaced: int = Field(
        0, description="dated events left out: dated less precisely than the period"
    )


class NetworkNode(BaseModel):
    code: str
    label: str | None
    events: int


class NetworkEdge(BaseModel):
    a: str
    b: str
    events: int
    mean_goldstein: float | None


class Network(BaseModel):
    nodes: list[NetworkNode]
    edges: list[NetworkEdge]


class MapPoint(BaseModel):
    lat: float
    lon: float
    precision: Literal["coordinates", "place", "country"]
    places: list[str] = Field(description="Place names of the events drawn here.")
    country: str | None
    events: int
    conflict: int
    cooperation: int
    mean_goldstein: float | None


class MapData(BaseModel):
    located: int
    unlocated: int = Field(description="Events whose place could not be put on the map.")
    points: list[MapPoint]


class CountRow(BaseModel):
    key: str | None
    count: int
    mean_goldstein: float | None = None


class Stats(BaseModel):
    documents: int
    sentences: int
    events: int
    first_event_date: date | None
    last_event_date: date | None
    documents_by_status: list[CountRow]
    events_by_type: list[CountRow]
    events_by_quad_class: list[CountRow]
    events_by_status: list[CountRow]
    clusters: int | None = Field(description="Aggregated events, when aggregation has run.")
    schema_version: int
    accepts_documents: bool = Field(description="Whether POST /api/documents is enabled.")


# ---------------------------------------------------------------------------- submitting


class SubmittedDocument(BaseModel):
    text: str = Field(min_length=1, max_length=1_000_000, description="The article text.")
    id: str | None = Field(
        default=None, min_length=1, max_length=200, description="Document id (default: hash)."
    )
    title: str | None = Field(default=None, max_length=1000)
    date: str | None = Field(
        default=None, max_length=100, description="Publication date, e.g. 2026-10-14."
    )
    url: str | None = Field(
        default=None, max_length=2000, description="http(s) URL; any other is stored as null."
    )
    source: str | None = Field(default=None, max_length=200)


class SubmitRequest(BaseModel):
    documents: list[SubmittedDocument] = Field(min_length=1, max_length=50)


class SubmitResult(BaseModel):
    doc_id: str
    status: str
    error: str | None
    stored: bool = Field(description="False when the same text was already in the store.")
    n_sentences: int
    n_events: int
    event_ids: list[str]


class SubmitResponse(BaseModel):
    documents: list[SubmitResult]
