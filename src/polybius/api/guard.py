"""Refusing before reading: the Host allow-list, the token before the body, size caps, headers.

FastAPI reads and parses a request body before it runs the route's dependencies, so a token
dependency alone let anyone make the server buffer and parse any body (a 100 MB POST without a
token was read whole before its answer, and a non-JSON one got 422 instead of 401). These ASGI
middlewares run before routing and before a byte of the body is read:

- `RequestGuard`: a Host header outside the allow-list is 400 (a DNS-rebinding page in a
  browser reaches 127.0.0.1 under its own host name); a request that carries a body needs a
  valid token (403 on a read-only server, 401 without a valid token); a declared Content-Length
  over the cap is 413; the body is then read up to the cap, counting streamed bytes so a chunked
  body is capped too (413 beyond it), and handed on to the app in one piece.
- `SecurityHeaders`: `X-Content-Type-Options: nosniff`, `Referrer-Policy`, frame denial on every
  response, and a Content-Security-Policy on every HTML one (the dashboard's, unless the route
  set its own), so `/static/index.html` is as locked down as `/`.

What the client still sends after a refusal is discarded by uvicorn as it arrives (the
connection stays usable and the answer reaches the client), never buffered.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from polybius.api.auth import token_refusal
from polybius.api.limits import ServerLimits

DEFAULT_ALLOWED_HOSTS = ("localhost", "127.0.0.1", "::1")
# the dashboard loads nothing from elsewhere and may not be framed; the browser enforces it
DASHBOARD_CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
# JSON, scripts, styles and images: nothing to run if opened as a page
OTHER_CSP = "default-src 'none'; frame-ancestors 'none'; sandbox"
SECURITY_HEADERS = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
}


def normalise_hosts(hosts: Iterable[str]) -> frozenset[str]:
    """Lower-cased host names; "[::1]" and "::1" are the same host."""
    return frozenset(h.strip().lower().strip("[]").rstrip(".") for h in hosts if h.strip())


def host_of(header: str) -> str:
    """The host name of a Host header: "example.org:8000" -> "example.org", "[::1]:80" -> "::1"."""
    value = header.strip().lower()
    if value.startswith("["):
        end = value.find("]")
        return value[1:end] if end > 0 else ""
    if value.count(":") == 1:
        value = value.split(":", 1)[0]
    return value.rstrip(".")


def host_allowed(header: str | None, allowed: frozenset[str]) -> bool:
    if "*" in allowed:
        return True
    if not header:
        return False
    host = host_of(header)
    if host in allowed:
        return True
    return any(a.startswith("*.") and host.endswith(a[1:]) for a in allowed)


class TooLarge(Exception):
    """The body went over the cap while being read."""


class ClientGone(Exception):
    """The client disconnected before sending the whole body."""


class RequestGuard:
    """Host check, token before body, and the body size cap (see the module docstring)."""

    def __init__(
        self,
        app: ASGIApp,
        tokens: tuple[str, ...],
        accepts_documents: bool,
        limits: ServerLimits,
        allowed_hosts: frozenset[str],
    ) -> None:
        self.app = app
        self.tokens = tokens
        self.accepts_documents = accepts_documents
        self.limits = limits
        self.allowed_hosts = allowed_hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        if not host_allowed(headers.get("host"), self.allowed_hosts):
            message = (
                f"host {headers.get('host', '')!r} is not served here; start the server with "
                "--allowed-host NAME to allow the name clients use"
            )
            await send_error(send, 400, message)
            return
        declared = content_length(headers)
        if declared == -1:
            await send_error(send, 400, "the Content-Length header is not a number")
            return
        if not declared and "transfer-encoding" not in headers:
            await self.app(scope, receive, send)  # no body: nothing to guard
            return
        refusal = token_refusal(self.tokens, self.accepts_documents, headers.get("authorization"))
        if refusal is not None:
            status, message, extra = refusal
            await send_error(send, status, message, extra)
            return
        cap = self.limits.max_request_bytes
        if declared and declared > cap:
            await send_error(send, 413, too_large(declared, cap))
            return
        try:
            body = await read_capped(receive, cap)
        except TooLarge:
            await send_error(send, 413, too_large(None, cap))
            return
        except ClientGone:
            return
        await self.app(scope, replay(body, receive), send)


def content_length(headers: Headers) -> int | None:
    """The declared body length; None when not declared, -1 when not a number."""
    value = headers.get("content-length")
    if value is None:
        return None
    value = value.strip()
    return int(value) if value.isdigit() else -1


def too_large(declared: int | None, cap: int) -> str:
    size = f"{declared:,} bytes" if declared is not None else "the body"
    return (
        f"request too large: {size} is over the limit of {cap:,} bytes "
        "(--max-request-bytes); send fewer or shorter documents per request"
    )


async def read_capped(receive: Receive, cap: int) -> bytes:
    """The whole body, reading no more than `cap` bytes of it (TooLarge past that)."""
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise ClientGone
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > cap:
            raise TooLarge
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks)


def replay(body: bytes, receive: Receive) -> Receive:
    """A receive channel that gives the app the body already read, then the client's events."""
    given = False

    async def receive_again() -> Message:
        nonlocal given
        if not given:
            given = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return receive_again


async def send_error(
    send: Send, status: int, message: str, headers: dict[str, str] | None = None
) -> None:
    """A JSON error answer ({"error": ...}), like the app's own."""
    body = json.dumps({"error": message}).encode()
    raw = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
        *((k.lower().encode(), v.encode()) for k, v in (headers or {}).items()),
    ]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})


class SecurityHeaders:
    """The headers every answer carries, and a CSP on every HTML one."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                html = headers.get("content-type", "").lower().startswith("text/html")
                headers.setdefault("content-security-policy", DASHBOARD_CSP if html else OTHER_CSP)
                for name, value in SECURITY_HEADERS.items():
                    headers.setdefault(name, value)
            await send(message)

        await self.app(scope, receive, send_with_headers)
