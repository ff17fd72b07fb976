"""A store filled with synthetic events, generated in DuckDB SQL (not through the coder).

Used by bench/api_latency.py to measure the API on a million events. Every CAMEO code used is a
real one from the ontology, so types, QuadClass and Goldstein agree as in a coded store; actors,
dates and places are drawn with skew (a few big dyads, many small ones) like real news.

    .venv/bin/python bench/synthetic.py out/synthetic.duckdb --events 1000000
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import pyarrow as pa

from polybius.events.ontology import load_ontology
from polybius.store import search
from polybius.store.db import Store

# fmt: off
ACTORS = [
    "USA", "RUS", "UKR", "CHN", "ISR", "PSE", "IRN", "SYR", "TUR", "GBR", "FRA", "DEU", "POL",
    "IND", "PAK", "AFG", "SDN", "ETH", "NGA", "BRA", "VEN", "MEX", "JPN", "KOR", "PRK", "SAU",
    "YEM", "IRQ", "EGY", "LBY", "UN", "NATO", "EU", "AU", "IAEA", "ICC", "NGO", "ISIS", "GEO",
    "ARM",
]
PLACES = [  # name|country
    "Kyiv|UKR", "Moscow|RUS", "Gaza|PSE", "Damascus|SYR", "Tehran|IRN", "Beijing|CHN",
    "Khartoum|SDN", "Kabul|AFG", "Brussels|BEL", "Geneva|CHE", "Tbilisi|GEO", "Caracas|VEN",
    "Sanaa|YEM", "Baghdad|IRQ",
]
WORDS = [
    "ceasefire", "talks", "border", "troops", "sanctions", "aid", "convoy", "summit", "election",
    "protest", "drone", "missile", "refugees", "pipeline", "treaty",
]
# fmt: on
DOCS_PER_EVENT = 20  # events per synthetic document
DAYS = 3 * 365


def cameo_table() -> pa.Table:
    """One typical 3-digit CAMEO code per PLOVER type and mode, from the ontology."""
    rows = [c for c in load_ontology().cameo.values() if len(c.code) == 3 and c.plover_type]
    return pa.table(
        {
            "k": list(range(len(rows))),
            "cameo_code": [c.code for c in rows],
            "cameo_root": [c.root for c in rows],
            "plover_type": [c.plover_type for c in rows],
            "plover_mode": [c.plover_mode for c in rows],
            "quad_class": [c.quad_class for c in rows],
            "goldstein": [c.goldstein for c in rows],
            "verb": [c.label.split(",")[0].lower()[:40] for c in rows],
        }
    )


def build(path: Path, n_events: int, seed: int = 7) -> dict[str, float]:
    """Create (or replace) a store at `path` holding `n_events` synthetic events."""
    path = Path(path)
    for stale in (path, path.with_name(path.name + ".wal")):
        stale.unlink(missing_ok=True)
    t0 = time.perf_counter()
    with Store(path) as store:
        con = store.con
        con.execute(f"SELECT setseed({1 / (seed + 1)})").fetchall()
        con.register("cameo_src", cameo_table())
        con.register("actor_src", pa.table({"a": list(range(len(ACTORS))), "code": ACTORS}))
        places = [p.split("|") for p in PLACES]
        con.register(
            "place_src",
            pa.table(
                {
                    "p": list(range(len(places))),
                    "name": [p[0] for p in places],
                    "country": [p[1] for p in places],
                }
            ),
        )
        con.register("word_src", pa.table({"w": list(range(len(WORDS))), "word": WORDS}))
        n_cameo = con.execute("SELECT count(*) FROM cameo_src").fetchone()[0]
        # skewed draws: floor(n * r^2) favours small indexes (the big actors, the first places)
        con.execute(
            f"""CREATE TEMP TABLE draws AS
            SELECT i,
                   floor({len(ACTORS)} * pow(random(), 2))::INT AS s,
                   floor({len(ACTORS)} * pow(random(), 2))::INT AS t,
                   floor({n_cameo} * random())::INT AS k,
                   floor({len(PLACES)} * pow(random(), 1.5))::INT AS p,
                   floor({len(WORDS)} * random())::INT AS w,
                   random() AS r
            FROM range({n_events}) r(i)"""
        )
        con.execute(
            f"""CREATE TEMP TABLE syn AS
            SELECT d.i,
                   printf('syn%08d', d.i) AS event_id,
                   printf('syn-doc-%06d', d.i // {DOCS_PER_EVENT}) AS doc_id,
                   (d.i % {DOCS_PER_EVENT})::INT AS sentence_index,
                   sa.code AS s_code,
                   CASE WHEN d.s = d.t THEN ta2.code ELSE ta.code END AS t_code,
                   c.*, pl.name AS place, pl.country AS place_country, wd.word, d.r,
                   DATE '2023-01-01' + ((d.i * 7919) % {DAYS})::INT AS event_date
            FROM draws d
            JOIN actor_src sa ON sa.a = d.s
            JOIN actor_src ta ON ta.a = d.t
            JOIN actor_src ta2 ON ta2.a = (d.t + 1) % {len(ACTORS)}
            JOIN cameo_src c ON c.k = d.k
            JOIN place_src pl ON pl.p = d.p
            JOIN word_src wd ON wd.w = d.w"""
        )
        con.execute(
            """CREATE TEMP TABLE syn_text AS
            SELECT *,
                   s_code || ' officials ' || verb || ' ' || t_code || ' over the ' || word ||
                   ' in ' || place || ', the agency reported.' AS sentence_text,
                   length(s_code) + 11 AS trigger_start,
                   length(s_code) + 11 + length(verb) AS trigger_end,
                   length(s_code) + 11 + length(verb) + 1 AS target_start
            FROM syn"""
        )
        con.execute("BEGIN TRANSACTION")
        con.execute(
            """INSERT INTO events (event_id, doc_id, sentence_index, sentence_text, trigger_text,
                   trigger_start, trigger_end, plover_type, plover_mode, cameo_code, cameo_root,
                   quad_class, goldstein, source_codes, target_codes, source_text, target_text,
                   reciprocal, status, negated, attributed_to, event_date, date_precision,
                   date_source, location_name, location_country, confidence, coder_version)
            SELECT event_id, doc_id, sentence_index, sentence_text, verb, trigger_start,
                   trigger_end, plover_type, plover_mode, cameo_code, cameo_root, quad_class,
                   goldstein, [s_code], [t_code], s_code || ' officials', t_code, false,
                   CASE WHEN r < 0.8 THEN 'occurred' WHEN r < 0.9 THEN 'claimed'
                        WHEN r < 0.97 THEN 'intended' ELSE 'denied' END,
                   r >= 0.97, NULL, event_date, 'day', 'synthetic',
                   CASE WHEN r < 0.4 THEN place END, CASE WHEN r < 0.4 THEN place_country END,
                   round(0.5 + r / 2, 2), 'synthetic'
            FROM syn_text"""
        )
        con.execute(
            """INSERT INTO event_actors
            SELECT event_id, 'source', 0, s_code || ' officials', s_code, 'GOV', NULL, 0,
                   length(s_code) + 10, 'synthetic' FROM syn_text
            UNION ALL
            SELECT event_id, 'target', 0, t_code, t_code, NULL, NULL, target_start,
                   target_start + length(t_code), 'synthetic' FROM syn_text"""
        )
        con.execute(
            """CREATE TEMP TABLE syn_sent AS
            SELECT doc_id, sentence_index, sentence_text AS text,
                   coalesce(sum(length(sentence_text) + 1) OVER (
                       PARTITION BY doc_id ORDER BY sentence_index
                       ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)::INT AS start_char,
                   event_date
            FROM syn_text"""
        )
        con.execute(
            """INSERT INTO sentences
            SELECT doc_id, sentence_index, text, start_char, start_char + length(text)
            FROM syn_sent"""
        )
        con.execute(
            """INSERT INTO documents (doc_id, url, title, source, published, language,
                   content_hash, status, error, input_path, text, n_sentences, n_events,
                   coder_version, coded_at)
            SELECT doc_id, 'https://example.org/' || doc_id, 'Synthetic report ' || doc_id,
                   'Synthetic wire', min(event_date), 'en', sha256(doc_id), 'ok', NULL,
                   'synthetic', string_agg(text, ' ' ORDER BY sentence_index), count(*),
                   count(*), 'synthetic', now()::TIMESTAMP
            FROM syn_sent GROUP BY doc_id"""
        )
        search.rebuild(con)  # the word index of text search, as the writer keeps it
        con.execute("COMMIT")
        con.execute("CHECKPOINT")
    return {"events": n_events, "seconds": round(time.perf_counter() - t0, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("db", type=Path, help="store to create (replaced if it exists)")
    parser.add_argument("--events", type=int, default=1_000_000)
    args = parser.parse_args()
    print(build(args.db, args.events))


if __name__ == "__main__":
    main()
