"""Events: the filtered list and one event with its evidence."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Path, Query

from polybius.api import queries
from polybius.api.deps import Api, Cursor, Filters, Limit, Offset
from polybius.api.downloads import DownloadFormat
from polybius.api.models import EventDetail, EventPage

router = APIRouter(prefix="/api/events", tags=["events"])


@router.get("", response_model=EventPage, summary="List events")
def list_events(
    ctx: Api,
    cur: Cursor,
    filters: Filters,
    limit: Limit = 50,
    offset: Offset = 0,
    sort: Annotated[
        Literal["newest", "oldest"], Query(description="Order by event date.")
    ] = "newest",
    format: Annotated[
        DownloadFormat | None,
        Query(
            description="csv, parquet or json: the whole filtered list as a file, as "
            "/api/events.csv does (limit, offset and sort are then ignored)."
        ),
    ] = None,
) -> dict:
    """Event mentions matching the filters, newest first, a page at a time."""
    if format is not None:
        from polybius.api.routes.downloads import event_download

        return event_download(ctx, cur, filters, format)
    return queries.list_events(cur, ctx.caps, filters, limit, offset, sort)


@router.get("/{event_id}", response_model=EventDetail, summary="One event with its evidence")
def get_event(
    ctx: Api, cur: Cursor, event_id: Annotated[str, Path(min_length=1, max_length=300)]
) -> dict:
    """The event, its actors with their spans, the highlights of the evidence sentence, its
    document, and the other mentions of the same aggregated event when aggregation has run."""
    detail = queries.event_detail(cur, ctx.caps, event_id)
    if detail is None:
        raise HTTPException(404, f"no event {event_id!r}; list events with GET /api/events")
    return detail
