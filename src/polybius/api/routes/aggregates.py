"""Aggregates computed in the database: actors, dyads, time series, network, map, stats."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from polybius.api import queries
from polybius.api.deps import CODE_PATTERN, Api, Cursor, Filters, Limit, Offset, WhatFilters
from polybius.api.labels import label
from polybius.api.models import (
    ActorList,
    DyadList,
    DyadSeries,
    MapData,
    Network,
    Period,
    Stats,
    Timeline,
)

router = APIRouter(prefix="/api", tags=["aggregates"])

By = Annotated[Period, Query(description="Period of each point: day, week (from Monday), month.")]


@router.get("/actors", response_model=ActorList, summary="Actor codes with event counts")
def actors(
    cur: Cursor,
    filters: Filters,
    q: Annotated[
        str | None,
        Query(min_length=1, max_length=100, description="Part of the code or of its name."),
    ] = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> dict:
    """Every actor code seen in the (filtered) events, most active first."""
    return queries.list_actors(cur, filters, q, limit, offset)


@router.get("/dyads", response_model=DyadList, summary="Top dyads")
def dyads(
    cur: Cursor,
    filters: Filters,
    limit: Annotated[int, Query(ge=1, le=500, description="Number of dyads.")] = 20,
) -> dict:
    """The most frequent source -> target pairs of actor codes in the (filtered) events."""
    return {"dyads": queries.top_dyads(cur, filters, limit)}


@router.get("/dyads/series", response_model=DyadSeries, summary="A dyad over time")
def dyad_series(
    cur: Cursor,
    filters: WhatFilters,
    source: Annotated[str, Query(pattern=CODE_PATTERN, description="First actor code.")],
    target: Annotated[str, Query(pattern=CODE_PATTERN, description="Second actor code.")],
    by: By = Period.week,
    both_directions: Annotated[
        bool, Query(description="Count events from target to source too.")
    ] = True,
) -> dict:
    """Cooperation and conflict between two actors per period: counts per QuadClass and the
    mean Goldstein score. Other event filters (type, status, dates, ...) apply too."""
    source, target = source.upper(), target.upper()
    return {
        "source": source,
        "target": target,
        "source_label": label(source),
        "target_label": label(target),
        "both_directions": both_directions,
        "by": by,
        "points": queries.dyad_series(cur, filters, source, target, both_directions, by.value),
        "unplaced": queries.dyad_unplaced(cur, filters, source, target, both_directions, by.value),
    }


@router.get("/timeline", response_model=Timeline, summary="Events per period by QuadClass")
def timeline(cur: Cursor, filters: Filters, by: By = Period.day) -> dict:
    """Counts of the (filtered) events per day, week or month and QuadClass. Events dated
    less precisely than the period (only a month or a year) are in no period: `unplaced`
    counts them."""
    return {
        "by": by,
        "points": queries.timeline(cur, filters, by.value),
        "unplaced": queries.unplaced(cur, filters, by.value),
    }


@router.get("/network", response_model=Network, summary="Who interacts with whom")
def network(
    cur: Cursor,
    filters: Filters,
    limit: Annotated[int, Query(ge=1, le=500, description="Most edges returned.")] = 80,
    min_events: Annotated[
        int, Query(ge=1, le=1_000_000, description="Leave out pairs with fewer events.")
    ] = 1,
) -> dict:
    """Undirected edges between actor codes (either direction counts), with the number of
    events and their mean Goldstein score; nodes are the actors of the edges returned."""
    return queries.network(cur, filters, limit, min_events)


@router.get("/map", response_model=MapData, summary="Located events")
def map_points(cur: Cursor, filters: Filters) -> dict:
    """The (filtered) events with a place, grouped by map point: their own coordinates, else
    a known city, else the centre of their country."""
    return queries.map_points(cur, filters)


@router.get("/stats", response_model=Stats, summary="Store statistics")
def stats(ctx: Api, cur: Cursor) -> dict:
    """Counts of documents, sentences and events, by status, type and QuadClass."""
    return queries.stats(cur, ctx.caps, accepts_documents=bool(ctx.tokens))
