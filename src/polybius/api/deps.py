"""Request dependencies: the store cursor, validated event filters and paging."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Annotated

import duckdb
from fastapi import Depends, HTTPException, Query, Request

from polybius.api.filters import EventFilters
from polybius.api.limits import ServerLimits
from polybius.api.models import EventStatus, PloverType
from polybius.api.queue import SubmissionQueue
from polybius.api.state import ApiStore, Capabilities

CODE_PATTERN = r"^[A-Za-z][A-Za-z0-9]{1,11}$"
MAX_OFFSET = 100_000


@dataclass
class ApiContext:
    """What every request may need; one per app, kept in app.state.api."""

    store: ApiStore
    tokens: tuple[str, ...]
    coder: object  # polybius.api.submit.DocumentCoder, or None when read-only
    limits: ServerLimits = field(default_factory=ServerLimits)
    queue: SubmissionQueue | None = None  # None when read-only

    @property
    def caps(self) -> Capabilities:
        return self.store.capabilities


def api(request: Request) -> ApiContext:
    return request.app.state.api


def cursor(ctx: Annotated[ApiContext, Depends(api)]) -> Iterator[duckdb.DuckDBPyConnection]:
    with ctx.store.cursor() as cur:
        yield cur


Api = Annotated[ApiContext, Depends(api)]
Cursor = Annotated[duckdb.DuckDBPyConnection, Depends(cursor)]


def code_query(description: str):
    return Query(
        pattern=CODE_PATTERN,
        description=description + " Actor code, e.g. RUS, NATO, UN (case-insensitive).",
    )


TypeParam = Annotated[PloverType | None, Query(description="PLOVER event type.")]
CameoRootParam = Annotated[
    str | None, Query(pattern=r"^\d{2}$", description="Two-digit CAMEO root, e.g. 19.")
]
StatusParam = Annotated[EventStatus | None, Query(description="Event status.")]
QuadClassParam = Annotated[
    int | None,
    Query(
        ge=1,
        le=4,
        description="QuadClass: 1 verbal cooperation, 2 material cooperation, "
        "3 verbal conflict, 4 material conflict.",
    ),
]
DateFromParam = Annotated[date | None, Query(description="First event date, YYYY-MM-DD.")]
DateToParam = Annotated[date | None, Query(description="Last event date, YYYY-MM-DD.")]
TextParam = Annotated[
    str | None,
    Query(
        min_length=1,
        max_length=200,
        description=(
            "Text that the evidence sentence contains anywhere, in any case, `%` and `_` "
            "literal (`talk` also finds `talks`; `cease-fire` only the hyphenated form). "
            "One word of letters and digits is answered from the store's word index; "
            "anything else (several words, punctuation) by reading the sentences."
        ),
    ),
]
CountryParam = Annotated[
    str | None,
    Query(pattern=CODE_PATTERN, description="Events that took place in this country code."),
]


def what_filters(
    type: TypeParam = None,
    cameo_root: CameoRootParam = None,
    status: StatusParam = None,
    quad_class: QuadClassParam = None,
    date_from: DateFromParam = None,
    date_to: DateToParam = None,
    q: TextParam = None,
    country: CountryParam = None,
) -> EventFilters:
    """The filters on what happened, when and where (not on who): for the dyad series,
    whose own parameters say who."""
    check_dates(date_from, date_to)
    return EventFilters(
        plover_type=type.value if type else None,
        cameo_root=cameo_root,
        status=status.value if status else None,
        quad_class=quad_class,
        date_from=date_from,
        date_to=date_to,
        q=(q.strip() or None) if q else None,
        country=_upper(country),
    )


def event_filters(
    what: Annotated[EventFilters, Depends(what_filters)],
    actor: Annotated[str | None, code_query("Events with this actor as source or target.")] = None,
    with_actor: Annotated[
        str | None,
        code_query("With `actor`: only events between the two actors, in either direction."),
    ] = None,
    source: Annotated[str | None, code_query("Events with this source actor.")] = None,
    target: Annotated[str | None, code_query("Events with this target actor.")] = None,
    doc_id: Annotated[
        str | None, Query(min_length=1, max_length=300, description="Events of one document.")
    ] = None,
    place: Annotated[
        str | None,
        Query(min_length=1, max_length=200, description="Events at this place name (any case)."),
    ] = None,
) -> EventFilters:
    if with_actor and not actor:
        raise HTTPException(422, "with_actor needs actor: give both actors of the pair")
    return replace(
        what,
        actor=_upper(actor),
        with_actor=_upper(with_actor),
        source=_upper(source),
        target=_upper(target),
        doc_id=doc_id,
        place=place.strip() or None if place else None,
    )


def check_dates(date_from: date | None, date_to: date | None) -> None:
    if date_from and date_to and date_from > date_to:
        raise HTTPException(422, f"date_from ({date_from}) is after date_to ({date_to}); swap them")


def _upper(code: str | None) -> str | None:
    return code.upper() if code else None


Filters = Annotated[EventFilters, Depends(event_filters)]
WhatFilters = Annotated[EventFilters, Depends(what_filters)]
Limit = Annotated[int, Query(ge=1, le=1000, description="Rows per page (1 to 1000).")]
Offset = Annotated[
    int,
    Query(
        ge=0,
        le=MAX_OFFSET,
        description=f"Rows to skip (at most {MAX_OFFSET:,}; narrow the filters to go further).",
    ),
]
