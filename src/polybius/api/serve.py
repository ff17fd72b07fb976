"""`polybius serve`: check the options, open the store, run uvicorn."""

from __future__ import annotations

import ipaddress
import sys
from collections.abc import Iterable
from pathlib import Path

from polybius.api.auth import configured_tokens
from polybius.api.guard import DEFAULT_ALLOWED_HOSTS, host_of
from polybius.api.limits import ServerLimits

WILDCARD_ADDRESSES = frozenset({"0.0.0.0", "::", ""})


class ServeError(RuntimeError):
    """A problem the user fixes by changing the command (printed without a traceback)."""


def is_loopback(host: str) -> bool:
    """Whether binding to `host` only reaches this machine."""
    name = host_of(host) if host.startswith("[") else host.strip().lower()
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def allowed_hosts_for(host: str, extra: Iterable[str]) -> list[str]:
    """The Host names the server answers to: the loopback names, the address it is bound to
    (unless a wildcard) and the names given with --allowed-host."""
    hosts = [*DEFAULT_ALLOWED_HOSTS, *extra]
    if host.strip().lower() not in WILDCARD_ADDRESSES:
        hosts.append(host)
    return list(dict.fromkeys(hosts))


def exposure_warning(host: str, tokens: Iterable[str]) -> str | None:
    """The warning for a server reachable from other machines that needs no token to read."""
    if is_loopback(host) or tuple(tokens):
        return None
    return (
        f"warning: listening on {host} without any API token: every stored text, event and "
        "document is readable by anyone who can reach this port (reading never needs a "
        "token). Bind to 127.0.0.1 or put an authenticating proxy in front."
    )


def serve(
    db: Path,
    host: str,
    port: int,
    tokens: list[str],
    token_file: Path | None,
    log_level: str = "info",
    allowed_hosts: Iterable[str] = (),
    limits: ServerLimits | None = None,
) -> None:
    import duckdb
    import uvicorn

    from polybius.api.app import close_app, create_app
    from polybius.store.db import SchemaMismatch

    found = configured_tokens(tokens, token_file)
    if not found and not Path(db).exists():
        raise ServeError(
            f"no store at {db}; run `polybius code PATH --db {db}` first, or start with a "
            "--token to accept documents through POST /api/documents into a new store"
        )
    hosts = allowed_hosts_for(host, allowed_hosts)
    try:
        app = create_app(db, tokens=found, allowed_hosts=hosts, limits=limits)
    except SchemaMismatch as exc:
        raise ServeError(
            f"{exc}; with a token the server opens the store for writing, which upgrades it"
        ) from None
    except (OSError, duckdb.IOException) as exc:  # e.g. locked by another process
        raise ServeError(
            f"cannot open {db}: {exc}. If another polybius command is writing to it, wait for "
            "it to finish (a read-only server, without --token, can share the store with "
            "other readers)"
        ) from None
    if warning := exposure_warning(host, found):
        print(warning, file=sys.stderr)
    mode = "accepting documents (token required)" if found else "read-only"
    print(f"Polybius dashboard: http://{host}:{port}/   API docs: http://{host}:{port}/docs")
    print(f"store {db}, {mode}; answering to host names {', '.join(hosts)}; press Ctrl-C to stop")
    try:
        uvicorn.run(app, host=host, port=port, log_level=log_level)
    finally:
        close_app(app)
