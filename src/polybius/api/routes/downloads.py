"""Downloads: the filtered mentions and aggregated events, and the numbers behind each chart.

`/api/events.csv` (or `.parquet`, `.json`) is every event mention the filters of
GET /api/events select, streamed, with no page size; `/api/clusters.csv` the aggregated events
with a matching mention. Above `ServerLimits.max_download_rows` rows the answer is 413 with
what to do instead. The chart endpoints (`/api/timeline.csv`, ...) take the parameters of
their JSON twin.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Query
from fastapi.responses import Response, StreamingResponse

from polybius.api import downloads, queries
from polybius.api.deps import CODE_PATTERN, Api, Cursor, Filters, WhatFilters
from polybius.api.downloads import DownloadFormat, TooManyRows
from polybius.api.filters import EventFilters
from polybius.api.models import ErrorResponse, Period

router = APIRouter(prefix="/api", tags=["downloads"])

Format = Annotated[DownloadFormat, Path(description="csv, parquet or json.")]
TOO_MANY = {413: {"model": ErrorResponse, "description": "More rows than one download holds."}}
FILE = {200: {"content": {m: {} for m in downloads.MEDIA_TYPES.values()}, "description": "A file"}}


def event_download(
    ctx: Api, cur: Cursor, filters: EventFilters, fmt: DownloadFormat, clusters: bool = False
) -> StreamingResponse:
    """The streamed file of the mentions (or aggregated events) the filters select."""
    if clusters and not ctx.caps.clusters:
        raise HTTPException(
            404, "this store has no aggregated events yet; run `polybius aggregate` on it"
        )
    make = downloads.clusters_sql if clusters else downloads.mentions_sql
    query = make(ctx.caps, filters, fmt)
    what = "aggregated events" if clusters else "event mentions"
    try:
        n = downloads.check_size(cur, query, ctx.limits.max_download_rows, what)
    except TooManyRows as exc:
        raise HTTPException(413, str(exc)) from None
    name = "clusters" if clusters else "events"
    return StreamingResponse(
        downloads.stream(ctx.store, query, fmt),
        media_type=downloads.MEDIA_TYPES[fmt],
        headers={
            "Content-Disposition": f'attachment; filename="polybius-{name}.{fmt.value}"',
            "X-Total-Count": str(n),
        },
    )


def table_download(rows: list[dict], name: str, fmt: DownloadFormat) -> Response:
    return Response(
        downloads.table_bytes(rows, fmt),
        media_type=downloads.MEDIA_TYPES[fmt],
        headers={"Content-Disposition": f'attachment; filename="polybius-{name}.{fmt.value}"'},
    )


@router.get("/events.{fmt}", summary="Download the filtered events", responses={**FILE, **TOO_MANY})
def events_file(ctx: Api, cur: Cursor, filters: Filters, fmt: Format) -> StreamingResponse:
    """Every event mention matching the filters (those of GET /api/events), newest first, with
    all its columns and its document's title, source and URL. Streamed; no page size. In CSV,
    code sets are joined with `+` and the trace's steps with `;`. Above the server's download
    cap (1,000,000 rows unless `--max-download-rows` says otherwise) the answer is 413: narrow
    the filters."""
    return event_download(ctx, cur, filters, fmt)


@router.get(
    "/clusters.{fmt}",
    summary="Download the aggregated events",
    responses={**FILE, **TOO_MANY, 404: {"model": ErrorResponse, "description": "No clusters."}},
)
def clusters_file(ctx: Api, cur: Cursor, filters: Filters, fmt: Format) -> StreamingResponse:
    """The aggregated events (after `polybius aggregate`) with at least one mention matching
    the filters: one row per real-world event, with its numbers of mentions, articles and
    sources. Streamed, capped like /api/events.csv."""
    return event_download(ctx, cur, filters, fmt, clusters=True)


@router.get("/timeline.{fmt}", summary="Download the timeline", responses=FILE)
def timeline_file(cur: Cursor, filters: Filters, fmt: Format, by: Period = Period.day) -> Response:
    """The numbers of GET /api/timeline as a file."""
    return table_download(queries.timeline(cur, filters, by.value), "timeline", fmt)


@router.get("/dyads.{fmt}", summary="Download the top dyads", responses=FILE)
def dyads_file(
    cur: Cursor,
    filters: Filters,
    fmt: Format,
    limit: Annotated[int, Query(ge=1, le=10_000, description="Number of dyads.")] = 500,
) -> Response:
    """The rows of GET /api/dyads as a file (up to 10,000 dyads)."""
    return table_download(queries.top_dyads(cur, filters, limit), "dyads", fmt)


@router.get("/dyads/series.{fmt}", summary="Download a dyad over time", responses=FILE)
def dyad_series_file(
    cur: Cursor,
    filters: WhatFilters,
    fmt: Format,
    source: Annotated[str, Query(pattern=CODE_PATTERN, description="First actor code.")],
    target: Annotated[str, Query(pattern=CODE_PATTERN, description="Second actor code.")],
    by: Period = Period.week,
    both_directions: bool = True,
) -> Response:
    """The points of GET /api/dyads/series as a file."""
    source, target = source.upper(), target.upper()
    points = queries.dyad_series(cur, filters, source, target, both_directions, by.value)
    rows = [{"source": source, "target": target, **p} for p in points]
    return table_download(rows, f"dyad-{source}-{target}", fmt)


@router.get("/network.{fmt}", summary="Download the network's edges", responses=FILE)
def network_file(
    cur: Cursor,
    filters: Filters,
    fmt: Format,
    limit: Annotated[int, Query(ge=1, le=10_000, description="Most edges.")] = 500,
    min_events: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
) -> Response:
    """The edges of GET /api/network as a file."""
    return table_download(queries.network(cur, filters, limit, min_events)["edges"], "network", fmt)


@router.get("/map.{fmt}", summary="Download the map's places", responses=FILE)
def map_file(cur: Cursor, filters: Filters, fmt: Format) -> Response:
    """The points of GET /api/map as a file."""
    return table_download(queries.map_points(cur, filters)["points"], "map", fmt)


@router.get("/actors.{fmt}", summary="Download the actors", responses=FILE)
def actors_file(cur: Cursor, filters: Filters, fmt: Format) -> Response:
    """Every actor code of the (filtered) events with its counts, as a file."""
    rows = queries.list_actors(cur, filters, None, 1_000_000, 0)["actors"]
    return table_download(rows, "actors", fmt)
