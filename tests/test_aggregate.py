"""Event aggregation: clustering rules, counts, confidence, the store update and migration."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from builders import DAY, build_store, stored_documents
from old_stores import make_store
from polybius.aggregate import Deduplicator, rebuild, update
from polybius.aggregate.cluster import Mention, cluster_mentions, confidence, summary
from polybius.aggregate.update import outlet_of
from polybius.dedup import SIGNATURE_SCHEME, fingerprint
from polybius.store.db import SCHEMA_VERSION, SchemaMismatch, Store


def mention(i: int, **kw) -> Mention:
    values = dict(
        event_id=f"e{i}",
        key="CONSULT|04|RUS|TUR",
        doc_id=f"d{i}",
        outlet=f"outlet{i}",
        is_duplicate=False,
        plover_type="CONSULT",
        plover_mode=None,
        cameo_code="040",
        cameo_root="04",
        quad_class=1,
        goldstein=1.0,
        source_codes=["RUS"],
        target_codes=["TUR"],
        status="occurred",
        event_date=DAY,
        date_precision="day",
        location_name=None,
        location_country=None,
        lat=None,
        lon=None,
        confidence=0.5,
        seen=DAY,
        tone=-2.0,
    )
    values.update(kw)
    return Mention(**values)


def sizes(mentions) -> list[int]:
    return sorted(len(c.mentions) for c in cluster_mentions(mentions))


# ----------------------------------------------------------------------------- clustering rules


def test_mentions_within_the_window_form_one_event_and_later_ones_a_new_one():
    ms = [
        mention(1, event_date=DAY),
        mention(2, event_date=DAY + timedelta(days=1)),
        mention(3, event_date=DAY + timedelta(days=2)),
        mention(4, event_date=DAY + timedelta(days=3)),  # 3 days after the first: new event
    ]
    assert sizes(ms) == [1, 3]


def test_different_keys_never_merge():
    ms = [mention(1), mention(2, key="CONSULT|04|RUS|UKR", target_codes=["UKR"])]
    assert sizes(ms) == [1, 1]


def test_location_must_be_compatible():
    ms = [
        mention(1, location_country="SYR"),
        mention(2, location_country="SYR"),
        mention(3),  # no location: compatible with anything
        mention(4, location_country="IRQ"),
    ]
    assert sizes(ms) == [1, 3]


def test_coarse_dates_only_join_the_same_date_and_precision():
    ms = [
        mention(1, date_precision="month", event_date=date(2026, 10, 1)),
        mention(2, date_precision="month", event_date=date(2026, 10, 1)),
        mention(3, date_precision="day", event_date=date(2026, 10, 1)),
        mention(4, date_precision="year", event_date=date(2026, 1, 1)),
        mention(5, event_date=None, date_precision=None),
    ]
    assert sizes(ms) == [1, 1, 1, 2]


def test_clustering_is_deterministic_and_order_free():
    ms = [mention(i, event_date=DAY + timedelta(days=i % 5)) for i in range(12)]
    a = {c.cluster_id: sorted(m.event_id for m in c.mentions) for c in cluster_mentions(ms)}
    b = {
        c.cluster_id: sorted(m.event_id for m in c.mentions)
        for c in cluster_mentions(list(reversed(ms)))
    }
    assert a == b


# ----------------------------------------------------------------------------- counts


def test_counts_treat_duplicates_as_mentions_not_sources():
    ms = [
        mention(1, doc_id="orig", outlet="wire"),
        mention(2, doc_id="orig", outlet="wire"),  # a second mention in the same article
        mention(3, doc_id="copy", outlet="wire", is_duplicate=True),  # copy: original's outlet
        mention(4, doc_id="other", outlet="paper"),
    ]
    (cluster,) = cluster_mentions(ms)
    s = summary(cluster)
    assert (s["num_mentions"], s["num_articles"], s["num_sources"]) == (4, 3, 2)
    assert s["representative_event_id"] != "e3"  # never a duplicate when an original exists


def test_confidence_rises_with_independent_sources_and_falls_for_claims():
    one = cluster_mentions([mention(1, confidence=0.6)])[0]
    two = cluster_mentions([mention(1, confidence=0.6), mention(2, confidence=0.6)])[0]
    same_outlet = cluster_mentions(
        [mention(1, confidence=0.6), mention(2, confidence=0.6, outlet="outlet1")]
    )[0]
    claimed = cluster_mentions([mention(1, confidence=0.6, status="claimed")])[0]
    assert confidence(one) == pytest.approx(0.6)
    assert confidence(two) == pytest.approx(1 - 0.4 * 0.4)
    assert confidence(same_outlet) == confidence(one)
    assert confidence(claimed) == pytest.approx(0.7 * 0.6)


def test_status_is_the_strongest_and_dates_span_the_reports():
    ms = [
        mention(1, status="claimed", seen=DAY),
        mention(2, status="occurred", seen=DAY + timedelta(days=3), event_date=DAY),
        mention(3, status="intended", seen=DAY + timedelta(days=1)),
    ]
    s = summary(cluster_mentions(ms)[0])
    assert s["status"] == "occurred"
    assert (s["first_seen"], s["last_seen"]) == (DAY, DAY + timedelta(days=3))
    assert s["avg_tone"] == pytest.approx(-2.0)


def test_outlet_of():
    assert outlet_of("The Guardian ", None, "x") == "the guardian"
    assert outlet_of(None, "https://www.example.org/a/b", "x") == "example.org"
    assert outlet_of(None, None, "x") == "doc:x"


# ----------------------------------------------------------------------------- store


def snapshot(store: Store) -> dict:
    con = store.con
    return {
        "links": con.execute("SELECT doc_id, duplicate_of FROM documents ORDER BY 1").fetchall(),
        "clusters": con.execute("SELECT * FROM clusters ORDER BY cluster_id").fetchall(),
        "members": con.execute("SELECT event_id, cluster_id FROM events ORDER BY 1").fetchall(),
    }


def test_store_update_links_copies_and_counts_sources_once(tmp_path):
    with build_store(tmp_path / "s.duckdb") as store:
        links = dict(store.con.execute("SELECT doc_id, duplicate_of FROM documents").fetchall())
        assert links == {"orig": None, "other": None, "later": None, "copy": "orig"}
        rows = store.con.execute(
            "SELECT num_mentions, num_articles, num_sources, event_date FROM clusters "
            "ORDER BY event_date"
        ).fetchall()
        assert rows == [(4, 3, 2, DAY), (1, 1, 1, DAY + timedelta(days=10))]
        assert (
            store.con.execute("SELECT count(*) FROM events WHERE cluster_id IS NULL").fetchone()[0]
            == 0
        )
        tones = store.con.execute("SELECT count(tone) FROM documents").fetchone()[0]
        assert tones == 4


def test_incremental_equals_rebuild_and_rerun_changes_nothing(tmp_path):
    with build_store(tmp_path / "s.duckdb") as store:
        before = snapshot(store)
        result = update(store)
        assert (result.documents_checked, result.mentions, result.tones) == (0, 0, 0)
        assert snapshot(store) == before
        rebuild(store)
        assert snapshot(store) == before


def test_batches_checked_during_a_run_give_the_result_of_one_update(tmp_path):
    """`polybius code` checks duplicates batch by batch with one Deduplicator (its index
    kept), then clusters at the end on a reopened store: same links and events as building
    the store with plain updates."""
    with build_store(tmp_path / "plain.duckdb") as store:
        expected = snapshot(store)
    path = tmp_path / "batched.duckdb"
    dedup = Deduplicator()
    docs = stored_documents()
    batches = [docs[:1], docs[1:3], docs[3:]]
    with Store(path) as store:
        for i, batch in enumerate(batches):
            store.write_batch(batch)
            # as in a run: fingerprints computed by the workers (not for the first batch, as
            # when results come from elsewhere)
            known = {r.document.content_hash: fingerprint(r.document.text) for r in batch}
            dedup.check_batch(store, known if i else None)
        assert store.con.execute("SELECT count(*) FROM clusters").fetchone()[0] == 0
    with Store(path) as store:  # the run's store is closed before aggregation
        result = update(store, deduplicator=dedup)
        assert (result.documents_checked, result.duplicates) == (4, 1)
        assert snapshot(store) == expected


def test_signatures_of_another_scheme_are_made_again_with_the_same_links(tmp_path):
    with build_store(tmp_path / "s.duckdb") as store:
        expected = snapshot(store)
        con = store.con
        con.execute("UPDATE document_minhash SET signature = repeat('x', 512)::BLOB")
        con.execute("UPDATE meta SET value = 'an-older-scheme' WHERE key = 'signature_scheme'")
        con.execute("UPDATE documents SET duplicate_of = 'other' WHERE doc_id = 'later'")
        result = update(store)
        assert (result.documents_checked, result.duplicates) == (4, 1)
        assert snapshot(store) == expected
        scheme = con.execute("SELECT value FROM meta WHERE key = 'signature_scheme'").fetchone()
        assert scheme == (SIGNATURE_SCHEME,)


def test_a_version_1_store_is_migrated_in_place(tmp_path):
    path = tmp_path / "v1.duckdb"
    con = make_store(path, version=1)
    doc_columns = {r[0] for r in con.execute("DESCRIBE documents").fetchall()}
    event_columns = {r[0] for r in con.execute("DESCRIBE events").fetchall()}
    assert not {"duplicate_of", "tone"} & doc_columns and "cluster_id" not in event_columns
    con.execute(
        "INSERT INTO documents (doc_id, content_hash, status, text) VALUES ('a', 'h', 'ok', 'x')"
    )
    con.close()
    with pytest.raises(SchemaMismatch, match="polybius aggregate"):
        Store(path, read_only=True)
    with Store(path) as store:
        assert store.con.execute("SELECT value FROM meta").fetchone()[0] == str(SCHEMA_VERSION)
        assert store.con.execute("SELECT doc_id, duplicate_of FROM documents").fetchall() == [
            ("a", None)
        ]
        rebuild(store)
        assert store.con.execute("SELECT count(*) FROM clusters").fetchone()[0] == 0
    with Store(path, read_only=True) as store:
        assert store.con.execute("SELECT cluster_id FROM events").fetchall() == []
