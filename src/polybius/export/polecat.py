"""POLECAT-style records: one JSON object per aggregated event, in PLOVER terms.

Field names follow the POLECAT event release (PLOVER event type and mode, actor and
recipient with country and sector, place, story ids), in snake_case; the Polybius additions
are marked below. Countries are ISO-3166 alpha-3 codes, as in POLECAT.

    event_id            the cluster id
    event_date          ISO date of the event; date_precision: day, week, month or year
    event_type          PLOVER event type (ASSAULT, AGREE, ...)
    event_mode          PLOVER mode, when the coder set one
    contexts            PLOVER contexts (Polybius codes none yet: always [])
    quad_code           1 verbal cooperation, 2 material cooperation, 3 verbal / 4 material conflict
    actor_name, actor_country, actor_sector          the source actor (Actor1)
    recipient_name, recipient_country, recipient_sector   the target actor (Actor2)
    actor_codes, recipient_codes  every code on each side (Polybius addition)
    placename, country, latitude, longitude          where the event happened, when stated
    admin1, geo_precision, feature_class   the place's first-level unit; how precise the
                        place is (country, admin1, city; as ACLED's); GeoNames class A or P
    fatalities          people killed as the text states it: the highest figure among the
                        event's mentions (ACLED's column)
    story_ids           ids of every document that mentions the event
    story_urls          their URLs where known (Polybius addition)
    num_mentions, num_sources, num_articles, confidence, status, cameo_code, goldstein,
    avg_tone            aggregation figures (Polybius additions; see README)
    evidence            every mention: doc_id, sentence_index, sentence, trigger, status,
                        duplicate_of (Polybius addition: the provenance of the event)
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from itertools import groupby

from polybius.actors.dictionary import state_codes
from polybius.codesets import split_codes
from polybius.export.tables import date_filter
from polybius.store.db import Store


def _country(code: str | None) -> str | None:
    return code if code and code in state_codes() else None


def records(store: Store, since: date | None = None, until: date | None = None) -> Iterator[dict]:
    where, params = date_filter("c", since, until)
    cur = store.con.execute(
        f"""SELECT c.cluster_id, c.event_date, c.date_precision, c.plover_type, c.plover_mode,
                   c.quad_class, c.source_name, c.source_sector, c.source_code,
                   c.target_name, c.target_sector, c.target_code,
                   c.location_name, c.location_country, c.lat, c.lon,
                   c.num_mentions, c.num_sources, c.num_articles, c.confidence, c.status,
                   c.cameo_code, c.goldstein, c.avg_tone,
                   rep.source_codes[1], rep.target_codes[1],
                   e.doc_id, d.url, d.duplicate_of, e.sentence_index, e.sentence_text,
                   e.trigger_text, e.status,
                   c.location_admin1, c.geo_precision, c.feature_class, c.fatalities
            FROM clusters c
            JOIN events rep ON rep.event_id = c.representative_event_id
            JOIN events e ON e.cluster_id = c.cluster_id
            JOIN documents d ON d.doc_id = e.doc_id
            WHERE TRUE {where}
            ORDER BY c.event_date NULLS LAST, c.cluster_id, e.doc_id, e.sentence_index,
                     e.trigger_start""",
        params,
    )

    def rows() -> Iterator[tuple]:
        while batch := cur.fetchmany(1000):
            yield from batch

    for _, group in groupby(rows(), key=lambda r: r[0]):
        members = list(group)
        r = members[0]
        story_ids = list(dict.fromkeys(m[26] for m in members))
        urls = list(dict.fromkeys(m[27] for m in members if m[27]))
        yield {
            "event_id": r[0],
            "event_date": r[1].isoformat() if r[1] else None,
            "date_precision": r[2],
            "event_type": r[3],
            "event_mode": r[4],
            "contexts": [],
            "quad_code": r[5],
            "actor_name": r[6],
            "actor_country": _country(r[24]),
            "actor_sector": r[7],
            "actor_codes": split_codes(r[8]),
            "recipient_name": r[9],
            "recipient_country": _country(r[25]),
            "recipient_sector": r[10],
            "recipient_codes": split_codes(r[11]),
            "placename": r[12],
            "country": r[13],
            "latitude": r[14],
            "longitude": r[15],
            "admin1": r[33],
            "geo_precision": r[34],
            "feature_class": r[35],
            "fatalities": r[36],
            "story_ids": story_ids,
            "story_urls": urls,
            "num_mentions": r[16],
            "num_sources": r[17],
            "num_articles": r[18],
            "confidence": r[19],
            "status": r[20],
            "cameo_code": r[21],
            "goldstein": r[22],
            "avg_tone": r[23],
            "evidence": [
                {
                    "doc_id": m[26],
                    "duplicate_of": m[28],
                    "sentence_index": m[29],
                    "sentence": m[30],
                    "trigger": m[31],
                    "status": m[32],
                }
                for m in members
            ],
        }
