"""API tokens for the write endpoint: from --token, POLYBIUS_API_TOKENS or a token file.

Reading needs no token. Without any configured token the server is read-only and
POST /api/documents answers 403 saying how to configure one; a missing or wrong token is 401.
"""

from __future__ import annotations

import hmac
import os
from collections.abc import Iterable
from pathlib import Path

TOKENS_ENV = "POLYBIUS_API_TOKENS"
TOKEN_FILE_ENV = "POLYBIUS_API_TOKEN_FILE"
MIN_TOKEN_LENGTH = 16
HOW_TO_CONFIGURE = (
    "this server is read-only: start it with `polybius serve --token TOKEN`, or set "
    f"{TOKENS_ENV}=TOKEN1,TOKEN2, or list tokens one per line in a file given with "
    f"--token-file (or {TOKEN_FILE_ENV}); then send `Authorization: Bearer TOKEN`"
)


class TokenError(ValueError):
    pass


def read_token_file(path: str | Path) -> list[str]:
    """Tokens of a file, one per line; blank lines and lines starting with '#' are skipped."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise TokenError(f"cannot read the token file {path}: {exc.strerror or exc}") from None
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def configured_tokens(
    tokens: Iterable[str] = (), token_file: str | Path | None = None, environ=None
) -> tuple[str, ...]:
    """All tokens from the options, the environment and the token file, checked."""
    environ = os.environ if environ is None else environ
    found = [t.strip() for t in tokens if t.strip()]
    found += [t.strip() for t in environ.get(TOKENS_ENV, "").split(",") if t.strip()]
    token_file = token_file or environ.get(TOKEN_FILE_ENV)
    if token_file:
        found += read_token_file(token_file)
    for t in found:
        if len(t) < MIN_TOKEN_LENGTH:
            raise TokenError(
                f"API tokens must be at least {MIN_TOKEN_LENGTH} characters long; make one with "
                "`python -c 'import secrets; print(secrets.token_urlsafe(24))'`"
            )
    return tuple(dict.fromkeys(found))


def token_refusal(
    tokens: tuple[str, ...], accepts_documents: bool, authorization: str | None
) -> tuple[int, str, dict[str, str]] | None:
    """Why a request with this Authorization header may not write: (status, message, headers),
    or None when it may. 403 when the server takes no submissions, 401 without a valid token."""
    if not tokens or not accepts_documents:
        return 403, HOW_TO_CONFIGURE, {}
    challenge = {"WWW-Authenticate": "Bearer"}
    scheme, _, given = (authorization or "").strip().partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        return (
            401,
            "this endpoint needs a token: send the header `Authorization: Bearer TOKEN`",
            (challenge),
        )
    if not token_matches(given.strip(), tokens):
        return 401, "the token is not valid for this server", challenge
    return None


def token_matches(given: str, tokens: Iterable[str]) -> bool:
    """Constant-time comparison against every configured token."""
    given_bytes = given.encode()
    return any(hmac.compare_digest(given_bytes, t.encode()) for t in tokens)
