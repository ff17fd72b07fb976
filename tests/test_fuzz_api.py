"""Hypothesis over what reaches the server before any route: oversized, malformed,
wrong-content-type, unauthenticated and foreign-host requests, on a server that takes
submissions and on a read-only one. Whatever is sent, the answer is a JSON 4xx (or a 200 for a
valid authorised submission), never a 5xx, always with the security headers, and a body is
only ever handed to the app when the token is valid and the body is within the cap."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from polybius.api.app import close_app, create_app
from polybius.api.limits import ServerLimits

TOKEN = "fuzz-token-0123456789abcdef"
CAP = 16 * 1024
LIMITS = ServerLimits(max_request_bytes=CAP, max_documents=5, max_text_bytes=4096)
PATHS = ["/api/documents", "/api/documents/", "/api/events", "/api/stats", "/", "/docs", "/x"]
CONTENT_TYPES = [
    None,
    "application/json",
    "application/json; charset=latin-1",
    "text/plain",
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=x",
    "application/octet-stream",
]
AUTHS = [None, f"Bearer {TOKEN}", "Bearer wrong-token-0123456789", "Basic dXNlcjpwYXNz", "Bearer"]
HOSTS = ["localhost", "127.0.0.1:8000", "[::1]:8000", "evil.test", "localhost.evil.test"]
ARTICLE = {"text": "Russian forces shelled Kharkiv on Thursday, officials said."}


class CountingCoder:
    """Records what reached the coder (the guard is under test, not spaCy)."""

    def __init__(self) -> None:
        self.bodies: list[int] = []

    def submit(self, request) -> list[dict]:
        self.bodies.append(len(request.documents))
        return [
            {
                "doc_id": f"fuzz-{i}",
                "status": "ok",
                "error": None,
                "stored": True,
                "n_sentences": 1,
                "n_events": 0,
                "event_ids": [],
            }
            for i in range(len(request.documents))
        ]


@pytest.fixture(scope="module", params=["writable", "read-only"])
def served(request, tmp_path_factory, sample_store):
    import shutil

    db = tmp_path_factory.mktemp("fuzz-api") / "store.duckdb"
    shutil.copy(sample_store, db)
    writable = request.param == "writable"
    app = create_app(db, tokens=[TOKEN] if writable else [], limits=LIMITS)
    coder = CountingCoder()
    if writable:
        app.state.api.coder = coder
    with TestClient(app, base_url="http://localhost", raise_server_exceptions=False) as client:
        yield client, coder, writable
    close_app(app)


def bodies() -> st.SearchStrategy[bytes]:
    valid = st.lists(st.just(ARTICLE), min_size=1, max_size=7).map(
        lambda docs: json.dumps({"documents": docs}).encode()
    )
    return st.one_of(
        st.binary(max_size=300),
        st.text(max_size=300).map(str.encode),
        valid,
        st.integers(CAP - 64, CAP + 64).map(lambda n: b'{"documents": "' + b"x" * n + b'"}'),
        st.integers(CAP + 1, 4 * CAP).map(lambda n: b"x" * n),
    )


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    method=st.sampled_from(["POST", "PUT", "PATCH", "GET", "DELETE"]),
    path=st.sampled_from(PATHS),
    content_type=st.sampled_from(CONTENT_TYPES),
    auth=st.sampled_from(AUTHS),
    host=st.sampled_from(HOSTS),
    body=bodies(),
    chunked=st.booleans(),
)
def test_requests_are_refused_before_they_are_read(
    served, method, path, content_type, auth, host, body, chunked
):
    client, coder, writable = served
    headers = {"host": host}
    if content_type:
        headers["content-type"] = content_type
    if auth:
        headers["authorization"] = auth
    before = len(coder.bodies)
    content = iter([body[i : i + 4096] for i in range(0, len(body), 4096)]) if chunked else body
    r = client.request(method, path, content=content, headers=headers)

    assert r.status_code < 500, r.text
    assert r.headers["x-content-type-options"] == "nosniff"
    assert "frame-ancestors 'none'" in r.headers["content-security-policy"]
    host_ok = "evil" not in host
    authorised = writable and auth == f"Bearer {TOKEN}"
    if not host_ok:
        assert r.status_code == 400
    elif body:
        if not writable:
            assert r.status_code == 403
        elif not authorised:
            assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
        elif len(body) > CAP:
            assert r.status_code == 413
    if r.status_code >= 400:
        assert "error" in r.json()
    reached = len(coder.bodies) > before
    if reached:  # only an authorised, capped, valid submission is ever coded
        assert authorised and len(body) <= CAP and method == "POST" and host_ok
        assert coder.bodies[-1] <= LIMITS.max_documents and r.status_code == 200
