"""Property-based run of the API against its own OpenAPI schema: no input makes a 5xx.

Schemathesis generates requests for every operation from the schema (valid and invalid
parameters, odd strings, huge numbers) and sends them to the app in-process.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from polybius.api.app import close_app, create_app
from polybius.api.guard import DEFAULT_ALLOWED_HOSTS

TOKEN = "schema-token-0123456789"
OPERATIONS = [
    ("GET", "/api/events"),
    ("GET", "/api/events/{event_id}"),
    ("GET", "/api/documents"),
    ("GET", "/api/documents/{doc_id}"),
    ("POST", "/api/documents"),
    ("GET", "/api/actors"),
    ("GET", "/api/dyads"),
    ("GET", "/api/dyads/series"),
    ("GET", "/api/timeline"),
    ("GET", "/api/network"),
    ("GET", "/api/map"),
    ("GET", "/api/stats"),
    ("GET", "/api/health"),
    ("GET", "/api/sources"),
    ("GET", "/api/codes"),
    ("GET", "/api/events.{fmt}"),
    ("GET", "/api/clusters.{fmt}"),
    ("GET", "/api/timeline.{fmt}"),
    ("GET", "/api/dyads.{fmt}"),
    ("GET", "/api/dyads/series.{fmt}"),
    ("GET", "/api/network.{fmt}"),
    ("GET", "/api/map.{fmt}"),
    ("GET", "/api/actors.{fmt}"),
]
# coding a generated article loads spaCy and parses it: fewer examples for the POST
EXAMPLES = {"POST": 12, "GET": 60}
FILE_EXAMPLES = 20  # the file twins of the JSON endpoints share their parameters and queries


@pytest.fixture(scope="module")
def schema(tmp_path_factory, sample_store):
    import shutil

    db = tmp_path_factory.mktemp("schema") / "store.duckdb"
    shutil.copy(sample_store, db)
    # schemathesis sends "Host: testserver"
    app = create_app(db, tokens=[TOKEN], allowed_hosts=[*DEFAULT_ALLOWED_HOSTS, "testserver"])
    yield schemathesis.openapi.from_asgi("/openapi.json", app)
    close_app(app)


def test_every_operation_is_exercised(schema):
    listed = {(r.ok().method.upper(), r.ok().path) for r in schema.get_all_operations()}
    assert listed == set(OPERATIONS)


@pytest.mark.slow  # generated requests for every operation: ~10 s in all
@pytest.mark.parametrize(("method", "path"), OPERATIONS)
def test_no_request_makes_a_server_error(schema, method, path):
    operation = schema[path][method]

    @given(case=operation.as_strategy())
    @settings(
        max_examples=FILE_EXAMPLES if path.endswith(".{fmt}") else EXAMPLES[method],
        deadline=None,
        suppress_health_check=list(HealthCheck),
        derandomize=True,
        database=None,
    )
    def check(case):
        if method == "POST":  # authorised, so that generated bodies reach the coder
            case.headers = {**(case.headers or {}), "Authorization": f"Bearer {TOKEN}"}
        case.call_and_validate(checks=[not_a_server_error])

    check()
