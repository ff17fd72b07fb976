"""Downloads of the filtered events, the aggregated events and the charts' numbers."""

from __future__ import annotations

import csv
import io
import json

import duckdb
import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient

from polybius.api.app import close_app, create_app
from polybius.api.limits import ServerLimits

LOCAL = "http://127.0.0.1"
FILTER = {"actor": "RUS"}


@pytest.fixture(scope="module")
def client(sample_store):
    app = create_app(sample_store)
    with TestClient(app, base_url=LOCAL) as c:
        yield c
    close_app(app)


def all_pages(client, **params) -> list[dict]:
    """Every event of GET /api/events for the filters, page by page."""
    events, offset = [], 0
    while True:
        page = client.get("/api/events", params={**params, "limit": 40, "offset": offset}).json()
        events += page["events"]
        offset += 40
        if offset >= page["total"]:
            return events


def csv_rows(response) -> list[dict]:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.text)))


def test_csv_has_exactly_the_rows_of_the_json_pages(client):
    expected = all_pages(client, **FILTER)
    assert len(expected) > 5  # enough rows to compare
    response = client.get("/api/events.csv", params=FILTER)
    rows = csv_rows(response)
    assert [r["event_id"] for r in rows] == [e["event_id"] for e in expected]
    assert response.headers["x-total-count"] == str(len(expected))
    assert "attachment" in response.headers["content-disposition"]
    for row, event in zip(rows, expected, strict=True):
        assert row["plover_type"] == event["plover_type"]
        assert row["event_date"] == (event["event_date"] or "")
        assert row["source_codes"] == "+".join(event["source_codes"])
        assert "doc_source" in row and "date_precision" in row  # every column, and the document's


def test_format_parameter_parquet_and_json_give_the_same_events(client):
    ids = [e["event_id"] for e in all_pages(client, **FILTER)]
    as_param = csv_rows(client.get("/api/events", params={**FILTER, "format": "csv"}))
    assert [r["event_id"] for r in as_param] == ids
    parquet = client.get("/api/events.parquet", params=FILTER)
    assert parquet.status_code == 200
    table = pq.read_table(io.BytesIO(parquet.content))
    assert table.column("event_id").to_pylist() == ids
    assert isinstance(table.column("source_codes").to_pylist()[0], list)  # lists stay lists
    body = client.get("/api/events.json", params=FILTER)
    records = json.loads(body.text)
    assert [r["event_id"] for r in records] == ids
    assert all("RUS" in r["source_codes"] + r["target_codes"] for r in records)


def test_no_match_gives_a_header_only_csv_and_an_empty_json_array(client):
    rows = client.get("/api/events.csv", params={"actor": "ZZQX"})
    assert rows.status_code == 200 and rows.text.startswith('"event_id"')
    assert csv_rows(rows) == []
    assert client.get("/api/events.json", params={"actor": "ZZQX"}).json() == []


def test_bad_format_and_bad_filters_are_refused(client):
    assert client.get("/api/events.xlsx").status_code == 422
    assert client.get("/api/events.csv", params={"date_from": "yesterday"}).status_code == 422


def test_over_the_cap_is_413_with_what_to_do(sample_store):
    small_filter = {"actor": "RUS", "type": "ACCUSE"}
    with duckdb.connect(str(sample_store), read_only=True) as con:
        every = con.execute("SELECT count(*) FROM events").fetchall()[0][0]
    plain = create_app(sample_store)
    with TestClient(plain, base_url=LOCAL) as c:
        cap = len(csv_rows(c.get("/api/events.csv", params=small_filter)))
    close_app(plain)
    assert 0 < cap < every
    app = create_app(sample_store, limits=ServerLimits(max_download_rows=cap))
    with TestClient(app, base_url=LOCAL) as c:
        refused = c.get("/api/events.csv")
        assert refused.status_code == 413
        message = refused.json()["error"]
        assert f"at most {cap} rows" in message and "Narrow the filters" in message
        small = c.get("/api/events.csv", params=small_filter)
        assert small.status_code == 200 and len(csv_rows(small)) == cap
    close_app(app)


def test_clusters_download_holds_the_clusters_of_the_matching_mentions(client, sample_store):
    with duckdb.connect(str(sample_store), read_only=True) as con:
        expected = {
            r[0]
            for r in con.execute(
                "SELECT DISTINCT cluster_id FROM events WHERE cluster_id IS NOT NULL AND "
                "(list_contains(source_codes, 'RUS') OR list_contains(target_codes, 'RUS'))"
            ).fetchall()
        }
        every = con.execute("SELECT count(*) FROM clusters").fetchall()[0][0]
    rows = csv_rows(client.get("/api/clusters.csv", params=FILTER))
    assert {r["cluster_id"] for r in rows} == expected
    assert len(expected) < every
    assert {"num_mentions", "num_sources", "confidence"} <= set(rows[0])
    assert len(csv_rows(client.get("/api/clusters.csv"))) == every


@pytest.mark.parametrize(
    ("path", "params", "key"),
    [
        ("/api/timeline", {"by": "month"}, "points"),
        ("/api/dyads", {"limit": 5}, "dyads"),
        ("/api/network", {"limit": 10}, "edges"),
        ("/api/map", {}, "points"),
    ],
)
def test_chart_numbers_download_as_their_json(client, path, params, key):
    shown = client.get(path, params=params).json()[key]
    rows = csv_rows(client.get(f"{path}.csv", params=params))
    assert len(rows) == len(shown) > 0
    first = next(iter(shown[0]))
    assert [r[first] for r in rows] == [str(s[first]) for s in shown]
    assert json.loads(client.get(f"{path}.json", params=params).text) == json.loads(
        json.dumps(shown)
    )


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("/api/events?date_from=yesterday", "'yesterday' is not a date; write it as YYYY-MM-DD"),
        ("/api/events?actor=R", "is not an actor code"),
        ("/api/events?limit=5000", "too large; the most is 1000"),
        ("/api/events?type=fight", "'fight' is not one of"),
    ],
)
def test_rejected_parameters_are_explained_in_plain_words(client, url, words):
    response = client.get(url)
    assert response.status_code == 422
    assert words in response.json()["error"]
    assert "Input should be" not in response.json()["error"]


def test_code_book_labels_every_cameo_code_and_plover_type(client):
    book = client.get("/api/codes").json()
    assert len(book["plover"]) == 16
    assert book["cameo"]["190"]["plover_type"] == "ASSAULT" and book["cameo"]["190"]["label"]
    assert book["plover"]["REJECT"]["quad_class"] == 3


def test_a_stored_script_url_is_not_downloaded(sample_store, tmp_path):
    import shutil

    db = tmp_path / "store.duckdb"
    shutil.copy(sample_store, db)
    with duckdb.connect(str(db)) as con:
        doc_id = con.execute("SELECT min(doc_id) FROM events").fetchall()[0][0]
        con.execute("UPDATE documents SET url = 'javascript:alert(1)' WHERE doc_id = ?", [doc_id])
    app = create_app(db)
    with TestClient(app, base_url=LOCAL) as c:
        rows = csv_rows(c.get("/api/events.csv", params={"doc_id": doc_id}))
    close_app(app)
    assert rows and all(r["doc_url"] == "" for r in rows)


@pytest.mark.parametrize("fmt", ["csv", "parquet", "json"])
def test_the_cap_is_exact_in_every_format(sample_store, fmt):
    """Just at the cap the file streams with its count; one above it the answer is 413
    naming how many match, before any byte of the file."""
    params = {"actor": "RUS"}
    with duckdb.connect(str(sample_store), read_only=True) as con:
        n = con.execute(
            "SELECT count(*) FROM events "
            "WHERE list_contains(source_codes, 'RUS') OR list_contains(target_codes, 'RUS')"
        ).fetchall()[0][0]
    assert n > 1
    for cap, status in ((n, 200), (n - 1, 413)):
        app = create_app(sample_store, limits=ServerLimits(max_download_rows=cap))
        with TestClient(app, base_url=LOCAL) as c:
            r = c.get(f"/api/events.{fmt}", params=params)
            assert r.status_code == status
            if status == 200:
                assert r.headers["x-total-count"] == str(n)
            else:
                assert r.json()["error"].startswith(f"{n:,} event mentions match")
        close_app(app)
