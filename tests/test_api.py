"""The HTTP API over the sample store: every endpoint, filters, errors, tokens, clusters."""

from __future__ import annotations

import duckdb
import pytest
from fastapi.testclient import TestClient

from polybius.api.app import close_app, create_app
from polybius.api.auth import TOKENS_ENV, TokenError, configured_tokens

TOKEN = "test-token-0123456789abcdef"
LOCAL = "http://127.0.0.1"  # the server answers to loopback host names only


@pytest.fixture(scope="module")
def client(sample_store):
    app = create_app(sample_store)
    with TestClient(app, base_url=LOCAL) as c:
        yield c
    close_app(app)


def get_ok(client, url: str, **params) -> dict:
    r = client.get(url, params=params)
    assert r.status_code == 200, r.text
    return r.json()


def error_of(response, status: int) -> str:
    assert response.status_code == status, response.text
    body = response.json()
    assert isinstance(body["error"], str) and body["error"]
    return body["error"]


def con_of(path):
    return duckdb.connect(str(path), read_only=True)


# ---------------------------------------------------------------------------- events


def test_events_page_counts_and_orders(client, sample_store):
    con = con_of(sample_store)
    total = con.execute("SELECT count(*) FROM events").fetchall()[0][0]
    con.close()
    page = get_ok(client, "/api/events", limit=10)
    assert page["total"] == total and page["limit"] == 10 and len(page["events"]) == 10
    dates = [e["event_date"] for e in page["events"]]
    assert dates == sorted(dates, reverse=True)
    oldest = get_ok(client, "/api/events", limit=5, sort="oldest")["events"]
    assert oldest[0]["event_date"] <= dates[-1]
    # paging walks every event exactly once
    seen = []
    for offset in range(0, total, 40):
        seen += [
            e["event_id"] for e in get_ok(client, "/api/events", limit=40, offset=offset)["events"]
        ]
    assert len(seen) == len(set(seen)) == total
    past = get_ok(client, "/api/events", offset=total + 5)
    assert past["events"] == [] and past["total"] == total


@pytest.mark.parametrize(
    ("params", "check"),
    [
        ({"actor": "rus"}, lambda e: "RUS" in e["source_codes"] + e["target_codes"]),
        ({"source": "RUS"}, lambda e: "RUS" in e["source_codes"]),
        ({"target": "UKR"}, lambda e: "UKR" in e["target_codes"]),
        ({"type": "ASSAULT"}, lambda e: e["plover_type"] == "ASSAULT"),
        ({"cameo_root": "19"}, lambda e: e["cameo_root"] == "19"),
        ({"status": "claimed"}, lambda e: e["status"] == "claimed"),
        ({"quad_class": 4}, lambda e: e["quad_class"] == 4),
        ({"q": "CEASEFIRE"}, lambda e: "ceasefire" in e["sentence_text"].lower()),
        ({"doc_id": "sample-001"}, lambda e: e["doc_id"] == "sample-001"),
        ({"country": "GEO"}, lambda e: e["location_country"] == "GEO"),
        (
            {"date_from": "2026-10-01", "date_to": "2026-10-31"},
            lambda e: "2026-10-01" <= e["event_date"] <= "2026-10-31",
        ),
        (
            {"actor": "PAK", "with_actor": "AFG"},
            lambda e: {"PAK", "AFG"} <= set(e["source_codes"] + e["target_codes"]),
        ),
    ],
)
def test_event_filters(client, params, check):
    page = get_ok(client, "/api/events", limit=1000, **params)
    assert page["events"], f"the sample has events for {params}"
    assert page["total"] == len(page["events"])
    assert all(check(e) for e in page["events"])
    everything = get_ok(client, "/api/events", limit=1000)["total"]
    assert page["total"] < everything


def test_text_search_is_literal(client):
    assert get_ok(client, "/api/events", q="%")["total"] == 0
    assert get_ok(client, "/api/events", q="_")["total"] == 0


def test_event_detail_has_evidence_spans_and_document(client):
    # an event whose target is named in its sentence (a target inferred from the story has
    # no span there, and gets no highlight)
    details = [
        (e, get_ok(client, f"/api/events/{e['event_id']}"))
        for e in get_ok(client, "/api/events", actor="UKR", target="RUS", limit=20)["events"]
    ]
    event, d = next(
        (e, d) for e, d in details if any(h["role"] == "target" for h in d["highlights"])
    )
    assert d["event"]["event_id"] == event["event_id"]
    sentence = d["event"]["sentence_text"]
    roles = {h["role"] for h in d["highlights"]}
    assert {"source", "target", "trigger"} <= roles
    for h in d["highlights"]:
        assert sentence[h["start"] : h["end"]] == h["text"]
    trigger = next(h for h in d["highlights"] if h["role"] == "trigger")
    assert trigger["text"] == d["event"]["trigger_text"]
    assert {a["code"] for a in d["actors"] if a["role"] == "target"} == {"RUS"}
    assert next(a for a in d["actors"] if a["code"] == "RUS")["label"] == "Russia"
    assert d["document"]["doc_id"] == event["doc_id"] and d["document"]["title"]
    # `polybius code` aggregates: the mention belongs to an event listing all its mentions
    assert event["event_id"] in {m["event_id"] for m in d["cluster"]["mentions"]}


def test_events_carry_their_trace(store_copy):
    trace = ["patterns/verbs.tsv:12 demand", "rule:keep_request kept", "source: dictionary"]
    con = duckdb.connect(str(store_copy))
    event_id, doc_id = con.execute("SELECT event_id, doc_id FROM events LIMIT 1").fetchone()
    con.execute("UPDATE events SET trace = ? WHERE event_id = ?", [trace, event_id])
    con.execute("UPDATE events SET trace = NULL WHERE event_id <> ?", [event_id])
    con.close()
    app = create_app(store_copy)
    with TestClient(app, base_url=LOCAL) as c:
        listed = get_ok(c, "/api/events", doc_id=doc_id, limit=1000)["events"]
        detail = get_ok(c, f"/api/events/{event_id}")["event"]
        document = get_ok(c, f"/api/documents/{doc_id}")["events"]
    close_app(app)
    for events in (listed, document):
        assert {e["event_id"]: e["trace"] for e in events if e["trace"]} == {event_id: trace}
        assert all(e["trace"] == [] for e in events if e["event_id"] != event_id)
    assert detail["trace"] == trace


def test_unknown_event_and_document_are_404(client):
    assert "no event" in error_of(client.get("/api/events/nope"), 404)
    assert "no document" in error_of(client.get("/api/documents/nope"), 404)
    assert "/docs" in error_of(client.get("/api/nothing-here"), 404)


# ---------------------------------------------------------------------------- documents


def test_documents_list_and_search(client):
    page = get_ok(client, "/api/documents", limit=5)
    assert page["total"] == 12 and len(page["documents"]) == 5
    assert all(d["status"] == "ok" for d in page["documents"])
    found = get_ok(client, "/api/documents", q="prisoners")["documents"]
    assert [d["doc_id"] for d in found] == ["sample-001"]
    dated = get_ok(client, "/api/documents", date_from="2026-10-01", date_to="2026-10-31")
    assert dated["total"] and all(
        "2026-10-01" <= d["published"] <= "2026-10-31" for d in dated["documents"]
    )
    assert get_ok(client, "/api/documents", status="error:decode")["total"] == 0


def test_document_detail_sentences_and_highlights(client):
    d = get_ok(client, "/api/documents/sample-001")
    assert d["document"]["title"].startswith("Russia and Ukraine swap")
    assert d["text"] and len(d["sentences"]) == d["document"]["n_sentences"]
    assert len(d["events"]) == d["document"]["n_events"] > 0
    with_spans = [s for s in d["sentences"] if s["highlights"]]
    assert with_spans
    for s in with_spans:
        for h in s["highlights"]:
            assert s["text"][h["start"] : h["end"]] == h["text"]
    indexes = {e["sentence_index"] for e in d["events"]}
    assert indexes == {s["index"] for s in with_spans}
    assert d["duplicates"] == []


# ---------------------------------------------------------------------------- aggregates


def test_actors_counts_and_labels(client):
    body = get_ok(client, "/api/actors", limit=500)
    rus = next(a for a in body["actors"] if a["code"] == "RUS")
    assert rus["label"] == "Russia"
    assert rus["as_source"] + rus["as_target"] == rus["events"]
    as_source = get_ok(client, "/api/events", source="RUS", limit=1)["total"]
    assert rus["as_source"] == as_source
    counts = [a["events"] for a in body["actors"]]
    assert counts == sorted(counts, reverse=True)
    assert [a["code"] for a in get_ok(client, "/api/actors", q="russ")["actors"]] == ["RUS"]


def test_dyads_and_series_agree_with_events(client):
    dyads = get_ok(client, "/api/dyads", limit=5)["dyads"]
    top = dyads[0]
    assert [d["events"] for d in dyads] == sorted((d["events"] for d in dyads), reverse=True)
    assert top["cooperation"] + top["conflict"] <= top["events"]
    one_way = get_ok(client, "/api/events", source=top["source"], target=top["target"])
    assert one_way["total"] == top["events"]
    series = get_ok(
        client,
        "/api/dyads/series",
        source=top["source"],
        target=top["target"],
        by="month",
        both_directions="false",
    )
    assert series["source_label"] and series["by"] == "month"
    assert sum(p["events"] for p in series["points"]) == top["events"]
    both = get_ok(client, "/api/dyads/series", source=top["source"], target=top["target"])
    between = get_ok(client, "/api/events", actor=top["source"], with_actor=top["target"])
    placed = sum(p["events"] for p in both["points"])
    assert placed + both["unplaced"] == between["total"] >= top["events"]


def test_timeline_by_period(client):
    total = get_ok(client, "/api/events", limit=1)["total"]
    for by in ("day", "week", "month"):
        answer = get_ok(client, "/api/timeline", by=by)
        points = answer["points"]
        # every sample event is dated: in a period, or not placed in time at this period
        assert sum(p["events"] for p in points) + answer["unplaced"] == total
        for p in points:
            quads = (
                p["verbal_cooperation"]
                + p["material_cooperation"]
                + p["verbal_conflict"]
                + p["material_conflict"]
            )
            assert quads == p["events"]
    weeks = get_ok(client, "/api/timeline", by="week")["points"]
    from datetime import date

    assert all(date.fromisoformat(p["period"]).weekday() == 0 for p in weeks)
    conflict = get_ok(client, "/api/timeline", by="month", quad_class=4)["points"]
    assert all(p["material_conflict"] == p["events"] for p in conflict)


def test_network_edges_are_undirected_pairs(client):
    net = get_ok(client, "/api/network", limit=200)
    assert net["edges"] and net["nodes"]
    codes = {n["code"] for n in net["nodes"]}
    for e in net["edges"]:
        assert e["a"] < e["b"] and {e["a"], e["b"]} <= codes
        between = get_ok(client, "/api/events", actor=e["a"], with_actor=e["b"])["total"]
        assert e["events"] <= between
    strong = get_ok(client, "/api/network", min_events=2)["edges"]
    assert all(e["events"] >= 2 for e in strong)


def test_map_places_located_events(client, sample_store):
    con = con_of(sample_store)
    located = con.execute(
        "SELECT count(*) FROM events WHERE location_country IS NOT NULL"
    ).fetchall()[0][0]
    total = con.execute("SELECT count(*) FROM events").fetchall()[0][0]
    con.close()
    body = get_ok(client, "/api/map")
    assert body["located"] == located and body["unlocated"] == total - located
    by_place = {p: pt for pt in body["points"] for p in pt["places"]}
    # the coder's own coordinates for the capital, else the dashboard's place table
    assert by_place["Moscow"]["precision"] in ("coordinates", "place")
    assert by_place["Moscow"]["lat"] == pytest.approx(55.75, abs=0.5)
    georgia = next(pt for pt in body["points"] if pt["country"] == "GEO")
    assert georgia["precision"] in ("country", "place")
    for pt in body["points"]:
        assert -90 <= pt["lat"] <= 90 and -180 <= pt["lon"] <= 180
    assert get_ok(client, "/api/map", quad_class=1, type="ASSAULT")["located"] == 0


def test_stats(client, sample_store):
    s = get_ok(client, "/api/stats")
    assert s["documents"] == 12 and s["events"] > 20 and s["sentences"] > s["documents"]
    assert sum(r["count"] for r in s["events_by_type"]) == s["events"]
    assert sum(r["count"] for r in s["events_by_quad_class"]) == s["events"]
    assert sum(r["count"] for r in s["events_by_status"]) == s["events"]
    assert s["documents_by_status"] == [{"key": "ok", "count": 12, "mean_goldstein": None}]
    assert s["first_event_date"] <= s["last_event_date"]
    assert s["accepts_documents"] is False


# ---------------------------------------------------------------------------- bad requests


@pytest.mark.parametrize(
    ("url", "fragment"),
    [
        ("/api/events?limit=0", "query.limit"),
        ("/api/events?limit=1001", "query.limit"),
        ("/api/events?offset=-1", "query.offset"),
        ("/api/events?offset=100001", "query.offset"),
        ("/api/events?type=fight", "query.type"),
        ("/api/events?status=maybe", "query.status"),
        ("/api/events?quad_class=5", "query.quad_class"),
        ("/api/events?date_from=yesterday", "query.date_from"),
        ("/api/events?actor=R", "query.actor"),
        ("/api/events?actor=RUS;DROP", "query.actor"),
        ("/api/events?cameo_root=1a", "query.cameo_root"),
        ("/api/events?sort=random", "query.sort"),
        ("/api/events?date_from=2026-02-01&date_to=2026-01-01", "swap them"),
        ("/api/events?with_actor=RUS", "with_actor needs actor"),
        ("/api/dyads/series?source=RUS", "query.target"),
        ("/api/dyads/series?source=RUS&target=UKR&by=year", "query.by"),
        ("/api/network?limit=501", "query.limit"),
        ("/api/documents?limit=abc", "query.limit"),
        ("/api/timeline?by=hour", "query.by"),
    ],
)
def test_bad_parameters_are_clear_422s(client, url, fragment):
    message = error_of(client.get(url), 422)
    assert fragment in message


def test_method_not_allowed_is_json(client):
    assert "not allowed" in error_of(client.delete("/api/events"), 405)


# ---------------------------------------------------------------------------- pages and docs


def test_dashboard_docs_and_schema_are_served_locally(client):
    page = client.get("/")
    assert page.status_code == 200 and "<main" in page.text
    assert "default-src 'self'" in page.headers["content-security-policy"]
    for asset in ("/static/js/main.js", "/static/css/app.css", "/static/world.json"):
        assert client.get(asset).status_code == 200, asset
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/docs-assets/swagger-ui-bundle.js" in docs.text
    assert "cdn" not in docs.text.lower()
    assert client.get("/docs-assets/swagger-ui-bundle.js").status_code == 200
    spec = client.get("/openapi.json").json()
    paths = set(spec["paths"])
    assert {
        "/api/events",
        "/api/events/{event_id}",
        "/api/documents",
        "/api/documents/{doc_id}",
        "/api/actors",
        "/api/dyads",
        "/api/dyads/series",
        "/api/timeline",
        "/api/network",
        "/api/map",
        "/api/stats",
    } <= paths
    assert "post" in spec["paths"]["/api/documents"]
    bad = spec["paths"]["/api/events"]["get"]["responses"]["422"]
    assert bad["content"]["application/json"]["schema"]["$ref"].endswith("/ErrorResponse")


# ---------------------------------------------------------------------------- submitting


ARTICLE = {
    "id": "api-test-1",
    "title": "Test wire",
    "date": "2026-11-20",
    "source": "Test desk",
    "text": "Russian forces shelled the Ukrainian city of Kharkiv on Thursday, officials said. "
    "Ukraine's foreign minister condemned Russia for the attack.",
}


def test_post_without_configured_tokens_is_403_with_instructions(client):
    r = client.post("/api/documents", json={"documents": [ARTICLE]})
    message = error_of(r, 403)
    assert "--token" in message and TOKENS_ENV in message


@pytest.fixture(scope="module")
def writable(tmp_path_factory, sample_store):
    import shutil

    db = tmp_path_factory.mktemp("writable") / "store.duckdb"
    shutil.copy(sample_store, db)
    app = create_app(db, tokens=[TOKEN])
    with TestClient(app, base_url=LOCAL) as c:
        yield c
    close_app(app)


def test_post_needs_the_right_token(writable):
    body = {"documents": [ARTICLE]}
    assert "Authorization" in error_of(writable.post("/api/documents", json=body), 401)
    wrong = writable.post("/api/documents", json=body, headers={"Authorization": "Bearer nope"})
    assert "not valid" in error_of(wrong, 401)
    # the token is checked before the body
    assert error_of(writable.post("/api/documents", json={}), 401)


@pytest.mark.slow
def test_post_codes_and_stores_documents(writable):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    before = writable.get("/api/stats").json()
    r = writable.post("/api/documents", json={"documents": [ARTICLE]}, headers=auth)
    assert r.status_code == 200, r.text
    (result,) = r.json()["documents"]
    assert result["doc_id"] == "api-test-1" and result["stored"] and result["status"] == "ok"
    assert result["n_events"] >= 1 and len(result["event_ids"]) == result["n_events"]
    after = writable.get("/api/stats").json()
    assert after["documents"] == before["documents"] + 1
    assert after["events"] == before["events"] + result["n_events"]
    assert after["accepts_documents"] is True
    doc = writable.get("/api/documents/api-test-1").json()
    assert doc["document"]["published"] == "2026-11-20" and doc["document"]["source"] == "Test desk"
    event = writable.get(f"/api/events/{result['event_ids'][0]}").json()
    assert event["document"]["doc_id"] == "api-test-1"
    # submitted documents are aggregated like coded ones: the event belongs to a cluster
    cluster = event["cluster"]
    assert cluster is not None and cluster["fields"]["num_mentions"] >= 1
    assert result["event_ids"][0] in {m["event_id"] for m in cluster["mentions"]}
    # the same text again is not coded twice, even under another id
    again = writable.post(
        "/api/documents", json={"documents": [{**ARTICLE, "id": "other-id"}]}, headers=auth
    ).json()["documents"][0]
    assert again["stored"] is False and again["doc_id"] == "api-test-1"
    assert set(again["event_ids"]) == set(result["event_ids"])
    assert writable.get("/api/stats").json()["documents"] == after["documents"]


def test_post_rejects_bad_bodies(writable):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    for body, fragment in [
        ({"documents": []}, "body.documents"),
        ({"documents": [{"text": ""}]}, "body.documents.0.text"),
        ({"documents": [{"title": "no text"}]}, "body.documents.0.text"),
        ({"documents": [{**ARTICLE, "date": "not a date at all"}]}, "documents[0].date"),
        ({"docs": []}, "body.documents"),
    ]:
        assert fragment in error_of(writable.post("/api/documents", json=body, headers=auth), 422)
    raw = writable.post(
        "/api/documents", content=b"{not json", headers={**auth, "content-type": "application/json"}
    )
    assert error_of(raw, 422)


# ---------------------------------------------------------------------------- tokens


def test_tokens_from_options_environment_and_file(tmp_path):
    f = tmp_path / "tokens.txt"
    f.write_text("# analysts\nfile-token-0123456789\n\n", encoding="utf-8")
    env = {TOKENS_ENV: "env-token-0123456789a, env-token-0123456789b"}
    tokens = configured_tokens(["cli-token-0123456789"], f, environ=env)
    assert tokens == (
        "cli-token-0123456789",
        "env-token-0123456789a",
        "env-token-0123456789b",
        "file-token-0123456789",
    )
    assert configured_tokens(environ={}) == ()
    with pytest.raises(TokenError, match="at least 16"):
        configured_tokens(["short"], environ={})
    with pytest.raises(TokenError, match="cannot read"):
        configured_tokens(token_file=tmp_path / "missing.txt", environ={})


# ---------------------------------------------------------------------------- clusters


def test_event_detail_lists_the_other_mentions_of_its_cluster(store_copy):
    """The detail view shows every mention of the same aggregated event; two mentions are
    put into one event here by hand, on a copy of the (aggregated) sample store."""
    con = duckdb.connect(str(store_copy))
    con.execute("ALTER TABLE events ADD COLUMN IF NOT EXISTS cluster_id VARCHAR")
    con.execute("ALTER TABLE documents ADD COLUMN IF NOT EXISTS duplicate_of VARCHAR")
    con.execute("ALTER TABLE documents ADD COLUMN IF NOT EXISTS tone DOUBLE")
    con.execute(
        """CREATE TABLE IF NOT EXISTS clusters (cluster_id VARCHAR PRIMARY KEY,
           plover_type VARCHAR, quad_class INTEGER, goldstein DOUBLE, source_code VARCHAR,
           target_code VARCHAR, event_date DATE, status VARCHAR, num_mentions INTEGER,
           num_sources INTEGER, num_articles INTEGER, representative_event_id VARCHAR)"""
    )
    ids = [
        r[0]
        for r in con.execute(
            "SELECT event_id FROM events WHERE plover_type = 'ASSAULT' ORDER BY event_id LIMIT 2"
        ).fetchall()
    ]
    con.execute("UPDATE events SET cluster_id = 'c-1' WHERE event_id IN (SELECT unnest(?))", [ids])
    con.execute(
        "INSERT INTO clusters (cluster_id, plover_type, num_mentions, num_sources, num_articles, "
        "representative_event_id) VALUES ('c-1', 'ASSAULT', 2, 2, 2, ?)",
        [ids[0]],
    )
    con.execute(
        "UPDATE documents SET tone = -3.5, duplicate_of = 'sample-001' WHERE doc_id = 'sample-002'"
    )
    n_clusters = con.execute("SELECT count(*) FROM clusters").fetchone()[0]
    con.close()
    app = create_app(store_copy)
    with TestClient(app, base_url=LOCAL) as c:
        d = c.get(f"/api/events/{ids[1]}").json()
        assert d["event"]["cluster_id"] == "c-1"
        assert d["cluster"]["fields"]["num_mentions"] == 2
        assert {m["event_id"] for m in d["cluster"]["mentions"]} == set(ids)
        assert c.get("/api/stats").json()["clusters"] == n_clusters
        doc = c.get("/api/documents/sample-002").json()["document"]
        assert doc["tone"] == -3.5 and doc["duplicate_of"] == "sample-001"
        assert c.get("/api/documents/sample-001").json()["duplicates"] == ["sample-002"]
    close_app(app)


# ---------------------------------------------------------------------------- the command


@pytest.mark.slow  # starts the CLI in a subprocess several times (~3 s)
def test_serve_command_explains_what_to_fix(tmp_path):
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith("POLYBIUS")}

    def serve(*args):
        return subprocess.run(
            [sys.executable, "-m", "polybius.cli", "serve", *map(str, args)],
            capture_output=True,
            text=True,
            timeout=120,
            env={**env, "COLUMNS": "200"},
        )

    missing = serve("--db", tmp_path / "none.duckdb")
    assert missing.returncode == 2 and "polybius code PATH" in missing.stderr
    assert not (tmp_path / "none.duckdb").exists()
    short = serve("--db", tmp_path / "none.duckdb", "--token", "short")
    assert short.returncode == 2 and "at least 16" in short.stderr
    assert "--token-file" in serve("--help").stdout


def test_a_network_edge_counts_each_event_once():
    """An event whose two sides share both codes (sources A, B; targets B, A) is one event
    between A and B, not two."""
    import duckdb

    from polybius.api.filters import EventFilters
    from polybius.api.queries import network

    con = duckdb.connect()
    con.execute(
        "CREATE TABLE events (event_id VARCHAR, source_codes VARCHAR[], target_codes VARCHAR[],"
        " goldstein DOUBLE, quad_class INTEGER)"
    )
    con.execute(
        "INSERT INTO events VALUES ('e1', ['TGO', 'GHA'], ['GHA', 'TGO'], 3.0, 1),"
        " ('e2', ['TGO'], ['GHA'], -2.0, 3)"
    )
    edges = network(con.cursor(), EventFilters(), limit=10, min_events=1)["edges"]
    assert [(e["a"], e["b"], e["events"]) for e in edges] == [("GHA", "TGO", 2)]
