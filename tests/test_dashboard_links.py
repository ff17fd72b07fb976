"""No stored URL becomes a script link, on any HTML route (Playwright, headless Chromium).

The store is the sample one with its documents' URLs replaced by hostile ones (as a store
written before readers checked URLs could hold). Every HTML route (`/`, `/static/index.html`,
`/docs`) is loaded and every link on the pages that show documents is checked; one document
keeps an https URL, which must stay a link. A second test feeds the dashboard a javascript: URL
past the server's own check, so the dashboard's check is tested on its own.
"""

from __future__ import annotations

import re
import shutil
import threading
import time

import duckdb
import pytest

from test_dashboard import CHROMIUM_ARGS, chromium_path, free_port, settle

playwright_api = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.slow

HOSTILE = [
    "javascript:alert(document.domain)",
    "JaVaScRiPt:alert(1)",
    "  javascript:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
]
GOOD_URL = "https://example.org/article"
NOT_A_WEB_LINK = re.compile(r"^(?![#/]|https?://)", re.IGNORECASE)
# the same page under its two addresses; the second is checked by `make test-all` only
HTML_ROUTES = ["/", pytest.param("/static/index.html", marks=pytest.mark.heavy)]
ALL_HREFS = """() => [...document.querySelectorAll('a, area, [href], [src], [action]')]
    .flatMap(el => ['href', 'xlink:href', 'src', 'action']
        .map(name => el.getAttribute(name)).filter(v => v !== null))"""


@pytest.fixture(scope="module")
def hostile(sample_store, tmp_path_factory):
    """A server over a store whose documents link to script URLs (and one to the web)."""
    import uvicorn

    from polybius.api.app import close_app, create_app

    db = tmp_path_factory.mktemp("hostile") / "store.duckdb"
    shutil.copy(sample_store, db)
    con = duckdb.connect(str(db))
    rows = con.execute(
        "SELECT d.doc_id, min(e.event_id) FROM documents d JOIN events e USING (doc_id) "
        "GROUP BY d.doc_id ORDER BY d.doc_id"
    ).fetchall()
    assert len(rows) > len(HOSTILE)
    for (doc_id, _), url in zip(rows, [*HOSTILE, GOOD_URL], strict=False):
        con.execute("UPDATE documents SET url = ? WHERE doc_id = ?", [url, doc_id])
    con.close()
    app = create_app(db)
    port = free_port()
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", rows[: len(HOSTILE) + 1]
    srv.should_exit = True
    thread.join(timeout=10)
    close_app(app)


@pytest.fixture
def page(hostile):
    path = chromium_path()
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        context = browser.new_context()
        pg = context.new_page()
        problems: list[str] = []
        pg.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
        pg.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        pg.on("dialog", lambda d: (problems.append(f"a script ran: {d.message}"), d.dismiss()))
        yield pg
        browser.close()
        assert problems == [], f"browser errors: {problems}"


def links_on(pg) -> list[str]:
    return pg.evaluate(ALL_HREFS)


def open_route(pg, url: str) -> None:
    """Load the page afresh (a change of the #fragment alone would not be a navigation)."""
    pg.goto("about:blank")
    response = pg.goto(url)
    assert response is not None and response.status == 200
    csp = response.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in csp and response.headers["x-frame-options"] == "DENY"
    assert response.headers["x-content-type-options"] == "nosniff"
    settle(pg, 0)


@pytest.mark.parametrize("route", HTML_ROUTES)
def test_stored_script_urls_are_never_links(page, hostile, route):
    base, docs = hostile
    views = ["#/overview", "#/documents", "#/events"]
    views += [f"#/document/{doc_id}" for doc_id, _ in docs]
    views += [f"#/events?event={event_id}" for _, event_id in docs]
    for view in views:
        open_route(page, f"{base}{route}{view}")
        bad = [h for h in links_on(page) if NOT_A_WEB_LINK.match(h)]
        assert bad == [], f"{route}{view}: {bad}"
    # the document with an https URL keeps its link (so the check above can see links)
    good_doc = docs[len(HOSTILE)][0]
    open_route(page, f"{base}{route}#/document/{good_doc}")
    link = page.get_by_role("link", name="Original article")
    assert link.get_attribute("href") == GOOD_URL
    for doc_id, _ in docs[: len(HOSTILE)]:
        open_route(page, f"{base}{route}#/document/{doc_id}")
        assert page.get_by_role("link", name="Original article").count() == 0


@pytest.mark.parametrize("route", HTML_ROUTES)
def test_the_dashboard_itself_refuses_script_urls(page, hostile, route):
    """Even when the API answered with a javascript: URL, no link is made of it."""
    base, docs = hostile
    doc_id = docs[len(HOSTILE)][0]  # the document whose stored URL is a good one

    def with_script_url(api_route):
        response = api_route.fetch()
        body = response.json()
        body["document"]["url"] = "javascript:alert('from the API')"
        api_route.fulfill(response=response, json=body)

    page.route(re.compile(r"/api/documents/[^?]+$"), with_script_url)
    open_route(page, f"{base}{route}#/document/{doc_id}")
    assert page.get_by_role("link", name="Original article").count() == 0
    assert [h for h in links_on(page) if NOT_A_WEB_LINK.match(h)] == []


def test_the_docs_page_has_no_script_links(page, hostile):
    base, _ = hostile
    response = page.goto(f"{base}/docs")
    assert (
        response is not None
        and "frame-ancestors 'none'" in response.headers["content-security-policy"]
    )
    page.wait_for_selector(".opblock", timeout=20000)
    assert [h for h in links_on(page) if re.match(r"\s*(javascript|data|vbscript):", h, re.I)] == []
