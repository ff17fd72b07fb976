"""Guardian articles re-fed as altered copies from other outlets (boilerplate paragraphs
added, a few words changed, new ids and URLs): every copy must be linked to its original and
no event may count a copy as an independent source.

Codes the first 40 articles and their copies by default (about 30 s on two cores); set
POLYBIUS_DEDUP_ARTICLES=0 to use all 201.
"""

from __future__ import annotations

import json
import os
from collections import defaultdict

import pytest

from builders import altered_copy
from conftest import shared_path
from polybius.aggregate import rebuild, update
from polybius.engine.runner import run
from polybius.store.db import Store

pytestmark = pytest.mark.slow

ARTICLES = int(os.environ.get("POLYBIUS_DEDUP_ARTICLES", "40"))
FARMS = ["newsmirror.example", "dailyrepost.example", "worldfeed.example"]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    corpus = shared_path("corpora", "guardian_2017_2019.jsonl")
    rows = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines()]
    if ARTICLES:
        rows = rows[:ARTICLES]
    folder = tmp_path_factory.mktemp("guardian")
    originals, copies = folder / "originals.jsonl", folder / "copies.jsonl"
    with open(originals, "w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r) + "\n")
    with open(copies, "w", encoding="utf-8") as fh:
        for i, r in enumerate(rows):
            farm = FARMS[i % len(FARMS)]
            copy = {
                "id": f"copy-{r['id']}",
                "date": r["date"],
                "source": farm,
                "url": f"https://{farm}/story/{i}",
                "text": altered_copy(r["text"], seed=i, changes=4 + i % 4),
            }
            fh.write(json.dumps(copy) + "\n")
    s = Store(folder / "g.duckdb")
    for path in (originals, copies):  # the copies arrive in a later run, as re-fed news
        summary = run([str(path)], s, workers=2)
        assert summary.coded == len(rows)
        update(s)
    yield s, [r["id"] for r in rows]
    s.close()


def links(store: Store) -> dict[str, str | None]:
    return dict(store.con.execute("SELECT doc_id, duplicate_of FROM documents").fetchall())


def test_every_copy_points_to_its_original_and_no_original_is_linked(store):
    s, ids = store
    found = links(s)
    assert {doc: found[doc] for doc in ids} == dict.fromkeys(ids)  # originals: no link
    assert {f"copy-{doc}": found[f"copy-{doc}"] for doc in ids} == {
        f"copy-{doc}": doc for doc in ids
    }


def test_no_event_counts_a_copy_as_an_independent_source(store):
    s, _ = store
    rows = s.con.execute(
        """SELECT c.cluster_id, c.num_sources, c.num_articles, c.num_mentions,
                  count(DISTINCT d.doc_id) FILTER (WHERE d.duplicate_of IS NULL),
                  count(DISTINCT d.doc_id) FILTER (WHERE d.duplicate_of IS NOT NULL)
           FROM clusters c JOIN events e ON e.cluster_id = c.cluster_id
           JOIN documents d ON d.doc_id = e.doc_id GROUP BY ALL"""
    ).fetchall()
    assert rows
    with_copies = 0
    for _, sources, articles, mentions, originals, copies in rows:
        assert sources == 1  # every original is from the Guardian; the copies' outlets never count
        assert articles == originals + copies and mentions >= articles
        with_copies += copies > 0
    assert with_copies > 0.8 * len(rows)


def test_copies_repeat_their_originals_events_in_the_same_clusters(store):
    s, _ = store
    members = s.con.execute(
        """SELECT coalesce(d.duplicate_of, d.doc_id), e.sentence_text, e.plover_type,
                  d.duplicate_of IS NOT NULL, e.cluster_id
           FROM events e JOIN documents d ON d.doc_id = e.doc_id"""
    ).fetchall()
    clusters_of: dict[tuple, dict[bool, set]] = defaultdict(lambda: {True: set(), False: set()})
    for original, sentence, ptype, is_copy, cluster in members:
        clusters_of[(original, sentence, ptype)][is_copy].add(cluster)
    shared = [v for v in clusters_of.values() if v[True] and v[False]]
    together = sum(v[True] <= v[False] for v in shared)
    # a changed word can change a resolution elsewhere in the copy ("the regime" resolved by
    # coreference): on all 201 articles 1 of 1478 repeated mentions lands apart
    assert shared and together >= 0.98 * len(shared)


def test_rebuild_gives_the_same_links_and_events(store):
    s, _ = store
    before = (links(s), s.con.execute("SELECT * FROM clusters ORDER BY 1").fetchall())
    rebuild(s)
    assert (links(s), s.con.execute("SELECT * FROM clusters ORDER BY 1").fetchall()) == before
