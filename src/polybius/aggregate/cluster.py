"""Grouping event mentions into aggregated events (clusters), and what a cluster says.

Clustering key: two mentions can describe the same event only when they have the same
PLOVER type, the same CAMEO root code, the same set of source actor codes and the same set
of target actor codes (the *key*; codes compared as sets, so "Russia and China" equals
"China and Russia").

Within one key, mentions are taken in date order and join the first open cluster whose
earliest event date is at most `WINDOW_DAYS` (2) days before theirs and whose location is
compatible (either has no location country, or both countries are the same); otherwise they
start a new cluster. Mentions dated only to a week, month or year join only mentions with
the same date and precision.

Counting (GDELT's definitions, made duplicate-aware):
- num_mentions: mentions in the cluster (duplicates included);
- num_articles: distinct documents (duplicates included);
- num_sources: distinct outlets among the *independent* documents: a duplicate counts as its
  original, so a syndicated or copied story never adds a source. A document's outlet is its
  `source`, else the host of its URL, else the document itself.

Confidence:
    confidence = status_factor * (1 - prod_over_outlets(1 - c_outlet))
where c_outlet is the highest coder confidence among the cluster's mentions from that outlet
(duplicates counted under their original's outlet), so each further independent outlet
raises it; status_factor is 1.0 when some mention reports the event as having occurred,
0.7 when the strongest status is claimed, 0.6 intended and 0.5 denied.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from polybius.codesets import join_codes

WINDOW_DAYS = 2
STATUS_RANK = {"occurred": 3, "claimed": 2, "intended": 1, "denied": 0}
STATUS_FACTOR = {"occurred": 1.0, "claimed": 0.7, "intended": 0.6, "denied": 0.5}


@dataclass
class Mention:
    """One coded event mention with what aggregation needs of its document."""

    event_id: str
    key: str  # the clustering key (see module docstring)
    doc_id: str
    outlet: str  # outlet of the document, or of its original when it is a duplicate
    is_duplicate: bool
    plover_type: str
    plover_mode: str | None
    cameo_code: str
    cameo_root: str
    quad_class: int | None
    goldstein: float | None
    source_codes: list[str]
    target_codes: list[str]
    status: str | None
    event_date: date | None
    date_precision: str | None
    location_name: str | None
    location_country: str | None
    lat: float | None
    lon: float | None
    confidence: float | None
    seen: date | None  # publication date of the document (else when it was coded)
    tone: float | None  # tone of the document
    location_admin1: str | None = None
    geo_precision: str | None = None
    feature_class: str | None = None
    fatalities: int | None = None


@dataclass
class Cluster:
    cluster_id: str
    mentions: list[Mention] = field(default_factory=list)
    country: str | None = None

    @property
    def first_date(self) -> date | None:
        return self.mentions[0].event_date


def _day_precise(m: Mention) -> bool:
    return m.event_date is not None and m.date_precision in (None, "day")


def _compatible(cluster: Cluster, m: Mention) -> bool:
    return not cluster.country or not m.location_country or cluster.country == m.location_country


def _cluster_id(key: str, first: Mention) -> str:
    return hashlib.sha1(f"{key}\x1f{first.event_id}".encode()).hexdigest()[:16]


def cluster_mentions(mentions: Iterable[Mention]) -> list[Cluster]:
    """Clusters of mentions (any keys); deterministic for the same set of mentions."""
    by_key: dict[str, list[Mention]] = {}
    for m in mentions:
        by_key.setdefault(m.key, []).append(m)
    clusters: list[Cluster] = []
    for key in sorted(by_key):
        clusters.extend(_cluster_key(key, by_key[key]))
    return clusters


def _cluster_key(key: str, mentions: list[Mention]) -> list[Cluster]:
    ordered = sorted(
        mentions, key=lambda m: (m.event_date or date.max, m.date_precision or "", m.event_id)
    )
    done: list[Cluster] = []
    open_: list[Cluster] = []  # day-precise clusters still inside the window
    coarse: dict[tuple, list[Cluster]] = {}  # (precision, date) -> clusters
    for m in ordered:
        if _day_precise(m):
            open_ = [
                c for c in open_ if (m.event_date - c.first_date).days <= WINDOW_DAYS
            ]  # mentions come in date order: clusters out of the window stay closed
            candidates = open_
        else:
            candidates = coarse.setdefault((m.date_precision, m.event_date), [])
        target = next((c for c in candidates if _compatible(c, m)), None)
        if target is None:
            target = Cluster(_cluster_id(key, m))
            candidates.append(target)
            done.append(target)
        target.mentions.append(m)
        if target.country is None and m.location_country:
            target.country = m.location_country
    return done


# ----------------------------------------------------------------------------- summaries


def representative(cluster: Cluster) -> Mention:
    """The mention that speaks for the cluster: from an independent document, strongest
    status, highest confidence, earliest date, then lowest event id."""
    return min(
        cluster.mentions,
        key=lambda m: (
            m.is_duplicate,
            -STATUS_RANK.get(m.status or "", -1),
            -(m.confidence or 0.0),
            m.event_date or date.max,
            m.event_id,
        ),
    )


def strongest_status(cluster: Cluster) -> str | None:
    statuses = [m.status for m in cluster.mentions if m.status]
    return max(statuses, key=lambda s: STATUS_RANK.get(s, -1)) if statuses else None


def confidence(cluster: Cluster) -> float:
    best: dict[str, float] = {}
    for m in cluster.mentions:
        best[m.outlet] = max(best.get(m.outlet, 0.0), m.confidence or 0.0)
    miss = 1.0
    for c in best.values():
        miss *= 1.0 - c
    factor = STATUS_FACTOR.get(strongest_status(cluster) or "", 0.5)
    return round(factor * (1.0 - miss), 4)


def summary(cluster: Cluster) -> dict:
    """The cluster's row of the `clusters` table, except the actor sector/name columns."""
    ms = cluster.mentions
    rep = representative(cluster)
    dated = [m for m in ms if m.event_date is not None]
    first = min(dated, key=lambda m: (m.event_date, m.event_id)) if dated else rep
    located = next((m for m in [rep, *ms] if m.location_name or m.location_country), None)
    seen = [m.seen for m in ms if m.seen is not None]
    tones: dict[str, float] = {m.doc_id: m.tone for m in ms if m.tone is not None}
    return {
        "cluster_id": cluster.cluster_id,
        "plover_type": rep.plover_type,
        "plover_mode": rep.plover_mode,
        "cameo_code": rep.cameo_code,
        "cameo_root": rep.cameo_root,
        "quad_class": rep.quad_class,
        "goldstein": rep.goldstein,
        "source_code": join_codes(sorted(set(rep.source_codes))) or None,
        "target_code": join_codes(sorted(set(rep.target_codes))) or None,
        "event_date": first.event_date,
        "date_precision": first.date_precision,
        "location_name": located.location_name if located else None,
        "location_country": located.location_country if located else None,
        "lat": located.lat if located else None,
        "lon": located.lon if located else None,
        "location_admin1": located.location_admin1 if located else None,
        "geo_precision": located.geo_precision if located else None,
        "feature_class": located.feature_class if located else None,
        "fatalities": max((m.fatalities for m in ms if m.fatalities is not None), default=None),
        "status": strongest_status(cluster),
        "num_mentions": len(ms),
        "num_sources": len({m.outlet for m in ms}),
        "num_articles": len({m.doc_id for m in ms}),
        "first_seen": min(seen) if seen else None,
        "last_seen": max(seen) if seen else None,
        "confidence": confidence(cluster),
        "avg_tone": round(sum(tones.values()) / len(tones), 4) if tones else None,
        "representative_event_id": rep.event_id,
    }
