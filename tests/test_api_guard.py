"""The server refuses before it reads: Host allow-list, token before body, size caps, the
submission queue, security headers on every HTML answer, and links only for http(s) URLs."""

from __future__ import annotations

import asyncio
import json
import shutil
import threading
from pathlib import Path

import duckdb
import httpx
import pytest
from fastapi.testclient import TestClient

from polybius.api import app as app_module
from polybius.api.app import close_app, create_app
from polybius.api.guard import host_allowed, host_of, normalise_hosts
from polybius.api.limits import ServerLimits
from polybius.api.serve import allowed_hosts_for, exposure_warning, is_loopback
from polybius.ingest.sources import read_path
from polybius.urls import web_url

TOKEN = "guard-token-0123456789abcdef"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
LOCAL = "http://127.0.0.1"
SMALL = ServerLimits(max_request_bytes=64 * 1024, max_documents=3, max_text_bytes=1000)
ARTICLE = {"text": "Russian forces shelled Kharkiv on Thursday, officials said."}
SECURITY = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
}


class FakeCoder:
    """Stands in for DocumentCoder: the guard is under test, not spaCy."""

    def __init__(self, gate: threading.Event | None = None) -> None:
        self.gate = gate
        self.calls = 0

    def submit(self, request) -> list[dict]:
        self.calls += 1
        if self.gate is not None:
            assert self.gate.wait(30), "the test never opened the gate"
        return [
            {
                "doc_id": f"fake-{i}",
                "status": "ok",
                "error": None,
                "stored": True,
                "n_sentences": 1,
                "n_events": 0,
                "event_ids": [],
            }
            for i, _ in enumerate(request.documents)
        ]


@pytest.fixture
def writable(store_copy):
    app = create_app(store_copy, tokens=[TOKEN], limits=SMALL)
    app.state.api.coder = FakeCoder()
    yield app
    close_app(app)


@pytest.fixture(scope="module")
def readonly(sample_store):
    app = create_app(sample_store)
    yield app
    close_app(app)


async def call_without_reading(app, method: str, headers: dict[str, str]) -> tuple[int, dict]:
    """Send a request to the ASGI app whose body may not be read: receive() fails the test."""

    async def receive():
        raise AssertionError("the app read the body of a request it should have refused")

    sent: list[dict] = []

    async def send(message):
        sent.append(message)

    scope = {
        "type": "http",
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": "/api/documents",
        "raw_path": b"/api/documents",
        "query_string": b"",
        "root_path": "",
        "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()],
        "client": ("127.0.0.1", 5000),
        "server": ("127.0.0.1", 8000),
        "app": app,
    }
    await app(scope, receive, send)
    start = next(m for m in sent if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return start["status"], json.loads(body)


# ---------------------------------------------------------------------------- Host header


def test_host_names_are_parsed_and_checked():
    allowed = normalise_hosts(["localhost", "127.0.0.1", "[::1]", "*.example.org"])
    assert host_of("Example.ORG:8000") == "example.org" and host_of("[::1]:80") == "::1"
    for ok in ("localhost", "localhost:8000", "127.0.0.1:1", "[::1]:8000", "news.example.org"):
        assert host_allowed(ok, allowed), ok
    for bad in (None, "", "evil.test", "evil.test:8000", "localhost.evil.test", "example.org"):
        assert not host_allowed(bad, allowed), bad
    assert host_allowed("anything", normalise_hosts(["*"]))


def test_a_foreign_host_header_is_refused(readonly):
    with TestClient(readonly, base_url="http://rebound.attacker.test") as c:
        r = c.get("/api/stats")
        assert r.status_code == 400 and "--allowed-host" in r.json()["error"]
        assert r.headers["x-content-type-options"] == "nosniff"
    with TestClient(readonly, base_url="http://localhost:8000") as c:
        assert c.get("/api/stats").status_code == 200


# ---------------------------------------------------------------------------- token first


def test_no_body_is_read_before_the_token_is_checked(writable, readonly):
    json_body = {"content-type": "application/json", "content-length": "104857600"}
    cases = [
        (writable, {**json_body, "host": "localhost"}, 401),
        (writable, {**json_body, "host": "localhost", "authorization": "Bearer wrong"}, 401),
        (writable, {"host": "localhost", "transfer-encoding": "chunked"}, 401),
        (readonly, {**json_body, "host": "localhost", "authorization": f"Bearer {TOKEN}"}, 403),
        (
            writable,
            {**json_body, "host": "localhost", **{k.lower(): v for k, v in AUTH.items()}},
            413,
        ),
    ]
    for app, headers, status in cases:
        got, body = asyncio.run(call_without_reading(app, "POST", headers))
        assert got == status, (headers, body)
        assert body["error"]


def test_a_non_json_body_without_a_token_is_401_not_422(writable):
    with TestClient(writable, base_url=LOCAL) as c:
        for content_type in ("application/json", "text/plain", "application/x-www-form-urlencoded"):
            r = c.post(
                "/api/documents", content=b"{not json", headers={"content-type": content_type}
            )
            assert r.status_code == 401, r.text
            assert r.headers["www-authenticate"] == "Bearer"
        # with the token the same body is a clear 422
        r = c.post(
            "/api/documents",
            content=b"{not json",
            headers={**AUTH, "content-type": "application/json"},
        )
        assert r.status_code == 422
        assert writable.state.api.coder.calls == 0


# ---------------------------------------------------------------------------- size caps


def test_bodies_over_the_cap_are_413_by_length_and_by_streamed_bytes(writable):
    cap = SMALL.max_request_bytes
    sent: list[int] = []

    def chunks(n: int):  # no Content-Length: the server counts what it reads
        for _ in range(n):
            sent.append(1)
            yield b"x" * 8192

    with TestClient(writable, base_url=LOCAL) as c:
        r = c.post("/api/documents", content=b"x" * (cap + 1), headers=AUTH)
        assert r.status_code == 413 and f"{cap:,}" in r.json()["error"]
        r = c.post("/api/documents", content=chunks(4 * cap // 8192), headers=AUTH)
        assert r.status_code == 413, r.text
        under = c.post("/api/documents", content=chunks(2), headers=AUTH)
        assert under.status_code == 422  # read whole, then found not to be JSON


def test_per_request_document_and_text_limits(writable):
    with TestClient(writable, base_url=LOCAL) as c:
        many = {"documents": [{"text": f"Text number {i}."} for i in range(4)]}
        r = c.post("/api/documents", json=many, headers=AUTH)
        assert r.status_code == 413 and "at most 3" in r.json()["error"]
        long = {"documents": [{"text": "é" * 501}]}  # 1002 UTF-8 bytes
        r = c.post("/api/documents", json=long, headers=AUTH)
        assert r.status_code == 413 and "1,002 bytes" in r.json()["error"]
        ok = c.post("/api/documents", json={"documents": [ARTICLE] * 3}, headers=AUTH)
        assert ok.status_code == 200 and len(ok.json()["documents"]) == 3
        assert writable.state.api.coder.calls == 1


# ---------------------------------------------------------------------------- the queue


def test_submissions_wait_in_a_bounded_queue_off_the_event_loop(store_copy):
    gate = threading.Event()
    app = create_app(store_copy, tokens=[TOKEN], limits=ServerLimits(queue_size=1))
    app.state.api.coder = FakeCoder(gate)

    async def scenario() -> tuple[list[int], int, list[str]]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url=LOCAL) as client:
            post = {"json": {"documents": [ARTICLE]}, "headers": AUTH}
            first = asyncio.create_task(client.post("/api/documents", **post))
            second = asyncio.create_task(client.post("/api/documents", **post))
            while app.state.api.queue.pending < 2:
                await asyncio.sleep(0.01)
            refused = await client.post("/api/documents", **post)  # one coding, one waiting
            # the event loop is free while the worker thread is busy: reads are answered
            stats = await asyncio.wait_for(client.get("/api/stats"), timeout=10)
            assert stats.status_code == 200
            gate.set()
            done = await asyncio.gather(first, second)
            return (
                [r.status_code for r in done],
                refused.status_code,
                [
                    refused.headers.get("retry-after", ""),
                    refused.json()["error"],
                ],
            )

    try:
        statuses, refused, (retry_after, message) = asyncio.run(scenario())
    finally:
        gate.set()
        close_app(app)
    assert statuses == [200, 200]
    assert refused == 429 and retry_after and "busy" in message


# ---------------------------------------------------------------------------- headers


def html_routes(app) -> list[str]:
    """Every path that answers with HTML: the app's page routes and the HTML static files."""
    static = [
        f"/static/{p.relative_to(app_module.STATIC)}" for p in app_module.STATIC.rglob("*.html")
    ]
    return ["/", "/docs", *static]


def test_every_html_answer_carries_the_csp_and_security_headers(readonly):
    routes = html_routes(readonly)
    assert "/static/index.html" in routes
    with TestClient(readonly, base_url=LOCAL) as c:
        for path in routes:
            r = c.get(path)
            assert r.status_code == 200 and r.headers["content-type"].startswith("text/html"), path
            csp = r.headers["content-security-policy"]
            assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp, path
            script_src = next(d for d in csp.split(";") if d.strip().startswith("script-src"))
            assert "unsafe-inline" not in script_src and "unsafe-eval" not in script_src, path
            for name, value in SECURITY.items():
                assert r.headers[name] == value, (path, name)
        # other answers: nosniff and no framing too, and no HTML pages of Swagger UI
        for path in ("/api/stats", "/static/js/main.js", "/openapi.json", "/api/nothing"):
            r = c.get(path)
            assert r.headers["x-content-type-options"] == "nosniff", path
            assert "frame-ancestors 'none'" in r.headers["content-security-policy"], path
        for page in ("index.html", "oauth2-redirect.html", "swagger-editor.js"):
            assert c.get(f"/docs-assets/{page}").status_code == 404
        assert c.get("/docs-assets/swagger-ui-bundle.js").status_code == 200


def test_the_docs_page_allows_only_its_own_inline_script():
    html = "<script src='/a.js'></script><script>start()</script>"
    csp = app_module.docs_csp(html)
    assert "'sha256-" in csp and csp.count("'sha256-") == 1
    assert "'unsafe-inline'" not in csp.split("script-src")[1].split(";")[0]


# ---------------------------------------------------------------------------- links


@pytest.mark.parametrize(
    ("url", "kept"),
    [
        ("https://example.org/a?b=1#c", True),
        ("HTTP://EXAMPLE.ORG", True),
        ("  https://example.org/  ", True),
        ("javascript:alert(1)", False),
        ("JaVaScRiPt:alert(1)", False),
        (" javascript:alert(1)", False),
        ("java\tscript:alert(1)", False),
        ("\x01javascript:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("vbscript:msgbox", False),
        ("file:///etc/passwd", False),
        ("//example.org/x", False),
        ("/relative", False),
        ("http:\\\\example.org", False),
        ("https://", False),
        ("https://[::1", False),
        ("https://exa mple.org", False),
        ("", False),
        (None, False),
        (42, False),
    ],
)
def test_only_http_urls_are_links(url, kept):
    assert (web_url(url) is not None) == kept
    if kept:
        assert web_url(url) == url.strip()


def test_a_jsonl_url_that_is_not_http_is_stored_as_null(tmp_path):
    lines = [
        {"id": "bad", "text": "Russian forces shelled Kharkiv on Thursday.", "url": "javascript:x"},
        {"id": "good", "text": "Ukraine condemned Russia.", "url": "https://example.org/a"},
    ]
    path = tmp_path / "docs.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines), encoding="utf-8")
    docs = {item.document.doc_id: item.document for item in read_path(str(path))}
    assert docs["bad"].url is None and docs["bad"].status == "ok"  # the document is kept
    assert docs["good"].url == "https://example.org/a"


def test_a_submitted_url_that_is_not_http_is_stored_as_null():
    from polybius.api.models import SubmittedDocument
    from polybius.api.submit import DocumentCoder

    doc = DocumentCoder.to_document(SubmittedDocument(**ARTICLE, url="javascript:alert(1)"), 0)
    assert doc.url is None and doc.text.startswith("Russian")


def test_stored_links_that_are_not_http_never_leave_the_api(store_copy):
    con = duckdb.connect(str(store_copy))
    con.execute("UPDATE documents SET url = 'javascript:alert(document.domain)'")
    doc_id, event_id = con.execute("SELECT doc_id, event_id FROM events LIMIT 1").fetchone()
    con.close()
    app = create_app(store_copy)
    try:
        with TestClient(app, base_url=LOCAL) as c:
            listed = c.get("/api/documents").json()["documents"]
            assert listed and all(d["url"] is None for d in listed)
            assert c.get(f"/api/documents/{doc_id}").json()["document"]["url"] is None
            assert c.get(f"/api/events/{event_id}").json()["document"]["url"] is None
    finally:
        close_app(app)


# ---------------------------------------------------------------------------- serve


def test_binding_beyond_loopback_without_a_token_warns():
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert is_loopback("127.0.0.2") and is_loopback("[::1]")
    assert not is_loopback("0.0.0.0") and not is_loopback("::") and not is_loopback("myhost")
    assert exposure_warning("127.0.0.1", ()) is None
    assert exposure_warning("0.0.0.0", ["t" * 16]) is None
    warning = exposure_warning("0.0.0.0", ())
    assert warning and "without any API token" in warning
    assert allowed_hosts_for("0.0.0.0", ["news.example.org"]) == [
        "localhost",
        "127.0.0.1",
        "::1",
        "news.example.org",
    ]
    assert "10.0.0.5" in allowed_hosts_for("10.0.0.5", [])


def test_serve_prints_the_warning(monkeypatch, capsys, sample_store, tmp_path: Path):
    import uvicorn

    from polybius.api.serve import serve

    db = tmp_path / "store.duckdb"
    shutil.copy(sample_store, db)
    seen: list[object] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.append(kw))
    monkeypatch.delenv("POLYBIUS_API_TOKENS", raising=False)
    monkeypatch.delenv("POLYBIUS_API_TOKEN_FILE", raising=False)
    serve(db, "0.0.0.0", 8123, [], None, allowed_hosts=["news.example.org"])
    out = capsys.readouterr()
    assert "without any API token" in out.err and "news.example.org" in out.out
    assert seen == [{"host": "0.0.0.0", "port": 8123, "log_level": "info"}]
    serve(db, "127.0.0.1", 8123, [], None)
    assert "without any API token" not in capsys.readouterr().err
