"""`polybius serve`: check the options, open the store, run uvicorn."""

from __future__ import annotations

from pathlib import Path

from polybius.api.auth import configured_tokens


class ServeError(RuntimeError):
    """A problem the user fixes by changing the command (printed without a traceback)."""


def serve(
    db: Path,
    host: str,
    port: int,
    tokens: list[str],
    token_file: Path | None,
    log_level: str = "info",
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
    try:
        app = create_app(db, tokens=found)
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
    mode = "accepting documents (token required)" if found else "read-only"
    print(f"Polybius dashboard: http://{host}:{port}/   API docs: http://{host}:{port}/docs")
    print(f"store {db}, {mode}; press Ctrl-C to stop")
    try:
        uvicorn.run(app, host=host, port=port, log_level=log_level)
    finally:
        close_app(app)
