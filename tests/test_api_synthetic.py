"""The API over a synthetic store (the generator of bench/api_latency.py), small here."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from conftest import bench_module
from polybius.api.app import close_app, create_app

LOCAL = "http://localhost"  # the server answers to loopback host names only


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    synthetic = bench_module("synthetic")
    db = tmp_path_factory.mktemp("synthetic") / "syn.duckdb"
    synthetic.build(db, 6000)
    app = create_app(db)
    with TestClient(app, base_url=LOCAL) as c:
        yield c
    close_app(app)


def test_synthetic_store_is_consistent_through_the_api(client):
    stats = client.get("/api/stats").json()
    assert stats["events"] == 6000 and stats["documents"] == 300
    assert sum(r["count"] for r in stats["events_by_type"]) == 6000
    page = client.get("/api/events", params={"actor": "USA", "limit": 1000}).json()
    assert 0 < page["total"] < 6000
    assert all("USA" in e["source_codes"] + e["target_codes"] for e in page["events"])
    detail = client.get(f"/api/events/{page['events'][0]['event_id']}").json()
    roles = {h["role"] for h in detail["highlights"]}
    assert roles == {"source", "target", "trigger"}
    for h in detail["highlights"]:
        assert detail["event"]["sentence_text"][h["start"] : h["end"]] == h["text"]
    doc = client.get(f"/api/documents/{detail['event']['doc_id']}").json()
    assert len(doc["sentences"]) == 20
    for s in doc["sentences"]:
        assert doc["text"][s["start_char"] : s["end_char"]] == s["text"]


def test_page_order_is_stable_and_complete(client):
    seen = []
    for offset in range(0, 6000, 1000):
        page = client.get("/api/events", params={"limit": 1000, "offset": offset}).json()
        seen += [(e["event_date"], e["event_id"]) for e in page["events"]]
    assert len(set(seen)) == 6000
    assert seen == sorted(seen, reverse=True)
    searched = client.get("/api/events", params={"q": "Ceasefire", "limit": 1000}).json()
    assert 0 < searched["total"] < 6000
    assert all("ceasefire" in e["sentence_text"] for e in searched["events"])
    dyads = client.get("/api/dyads", params={"limit": 3}).json()["dyads"]
    net = client.get("/api/network", params={"limit": 500}).json()
    pairs = {(e["a"], e["b"]): e["events"] for e in net["edges"]}
    top = dyads[0]  # the generator never pairs an actor with itself
    assert pairs[tuple(sorted((top["source"], top["target"])))] >= top["events"]
