"""Over the Guardian corpus (the 2017-2019 articles of the readable folds, coded into one
store): no occurred event is dated after its article, and no month, weekday, nationality
adjective or person is ever a place. Fold 5 of guardian_train (blind) is left out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from polybius.actors.dictionary import ADJECTIVE, PERSON, load_dictionary, normalise
from polybius.evaluate.folds import load_folds
from polybius.store.db import Store
from polybius.when.dates import is_calendar_name

CORPUS = Path(__file__).resolve().parents[2] / "shared/data/corpora/guardian_2017_2019.jsonl"

pytestmark = [
    pytest.mark.slow,  # codes ~160 articles (about 40 s in one process, 25 s with two workers)
    pytest.mark.skipif(not CORPUS.exists(), reason="the shared Guardian corpus is not here"),
]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    from polybius.public import code_files

    folds = load_folds()
    tmp = tmp_path_factory.mktemp("guardian")
    readable = tmp / "articles.jsonl"
    with open(CORPUS, encoding="utf-8") as src, open(readable, "w", encoding="utf-8") as out:
        for line in src:
            if line.strip() and folds.get(json.loads(line)["id"]) != 5:
                out.write(line)
    # two workers: the second core is idle while pytest runs (1 and 2 workers write the same
    # store: tests/test_engine.py)
    code_files(readable, tmp / "g.duckdb", workers=2)
    s = Store(tmp / "g.duckdb", read_only=True)
    yield s
    s.close()


def test_no_occurred_event_after_its_publication(store):
    (coded,) = store.con.execute("SELECT count(*) FROM events").fetchone()
    assert coded > 1000
    (late,) = store.con.execute(
        """SELECT count(*) FROM events e JOIN documents d ON d.doc_id = e.doc_id
           WHERE e.status <> 'intended' AND e.event_date > d.published"""
    ).fetchone()
    assert late == 0
    (late_clusters,) = store.con.execute(
        """SELECT count(*) FROM clusters WHERE status <> 'intended' AND event_date > last_seen"""
    ).fetchone()
    assert late_clusters == 0


def test_no_month_weekday_nationality_or_person_is_a_place(store):
    words = {normalise(e.alias) for e in load_dictionary().entries if e.kind in (ADJECTIVE, PERSON)}
    places = store.con.execute(
        "SELECT DISTINCT location_name FROM events WHERE location_name IS NOT NULL"
    ).fetchall()
    assert len(places) > 30
    bad = [
        name
        for (name,) in places
        if any(is_calendar_name(w) for w in name.split()) or normalise(name) in words
    ]
    assert bad == []


def test_places_carry_their_precision(store):
    rows = store.con.execute(
        """SELECT geo_precision, count(*) FROM events WHERE location_country IS NOT NULL
           GROUP BY 1"""
    ).fetchall()
    by = dict(rows)
    assert set(by) <= {"country", "admin1", "city"} and by.get("city", 0) > 0
    (unlocated,) = store.con.execute(
        "SELECT count(*) FROM events WHERE location_country IS NULL AND geo_precision IS NOT NULL"
    ).fetchone()
    assert unlocated == 0
