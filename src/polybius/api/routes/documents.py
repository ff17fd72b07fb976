"""Documents: list, one document with its sentences and events, and submitting new ones."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from polybius.api import queries
from polybius.api.auth import token_refusal
from polybius.api.deps import Api, Cursor, Limit, Offset, check_dates
from polybius.api.limits import ServerLimits
from polybius.api.models import (
    DocumentDetail,
    DocumentPage,
    ErrorResponse,
    SubmitRequest,
    SubmitResponse,
)
from polybius.api.queue import QueueFull
from polybius.api.submit import InvalidSubmission

router = APIRouter(prefix="/api/documents", tags=["documents"])
bearer = HTTPBearer(auto_error=False, description="An API token configured on the server.")


@router.get("", response_model=DocumentPage, summary="List documents")
def list_documents(
    ctx: Api,
    cur: Cursor,
    q: Annotated[
        str | None,
        Query(min_length=1, max_length=200, description="Text in the title or document id."),
    ] = None,
    status: Annotated[
        str | None,
        Query(min_length=1, max_length=50, description="Document status, e.g. ok, error:decode."),
    ] = None,
    source: Annotated[
        str | None, Query(min_length=1, max_length=200, description="Publisher / feed name.")
    ] = None,
    date_from: Annotated[date | None, Query(description="First publication date.")] = None,
    date_to: Annotated[date | None, Query(description="Last publication date.")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict:
    """Stored documents, most recently published first."""
    check_dates(date_from, date_to)
    return queries.list_documents(
        cur, ctx.caps, q, status, source, date_from, date_to, limit, offset
    )


@router.get("/{doc_id}", response_model=DocumentDetail, summary="One document")
def get_document(
    ctx: Api, cur: Cursor, doc_id: Annotated[str, Path(min_length=1, max_length=300)]
) -> dict:
    """The text, its sentences with the spans of every event's source, target and trigger,
    and the events coded from it."""
    detail = queries.document_detail(cur, ctx.caps, doc_id)
    if detail is None:
        raise HTTPException(404, f"no document {doc_id!r}; list documents with GET /api/documents")
    return detail


def require_token(
    ctx: Api,
    request: Request,
    _: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> None:
    """403 when the server takes no submissions, 401 without a valid token. The guard
    middleware already refused such requests before reading their body; this repeats the check
    for an app mounted without it and declares the bearer scheme in the OpenAPI schema."""
    refusal = token_refusal(ctx.tokens, ctx.coder is not None, request.headers.get("authorization"))
    if refusal is not None:
        status, message, headers = refusal
        raise HTTPException(status, message, headers=headers or None)


def check_limits(body: SubmitRequest, limits: ServerLimits) -> None:
    """413 for a submission over the per-request document or text limits."""
    if len(body.documents) > limits.max_documents:
        raise HTTPException(
            413,
            f"{len(body.documents)} documents in one request; at most {limits.max_documents}, "
            "send the rest in further requests",
        )
    size = sum(len(d.text.encode("utf-8", "surrogatepass")) for d in body.documents)
    if size > limits.max_text_bytes:
        raise HTTPException(
            413,
            f"the texts of this request are {size:,} bytes; at most {limits.max_text_bytes:,} "
            "per request (--max-text-bytes), send fewer or shorter documents per request",
        )


@router.post(
    "",
    response_model=SubmitResponse,
    summary="Code and store articles (needs a token)",
    responses={
        401: {"model": ErrorResponse, "description": "Missing or wrong token."},
        403: {"model": ErrorResponse, "description": "The server has no tokens (read-only)."},
        413: {"model": ErrorResponse, "description": "Too many documents or bytes at once."},
        429: {"model": ErrorResponse, "description": "Too many submissions waiting; retry."},
    },
)
async def submit_documents(
    ctx: Api, body: SubmitRequest, _: Annotated[None, Depends(require_token)]
) -> dict:
    """Code the submitted texts like `polybius code` does and store them. A text that is
    already stored is not coded twice (`stored` is false). Send `Authorization: Bearer TOKEN`.
    Submissions are coded one at a time; when too many wait, the answer is 429 (retry later).
    A `url` other than an http(s) URL is stored as null."""
    check_limits(body, ctx.limits)
    try:
        return {"documents": await ctx.queue.run(ctx.coder.submit, body)}
    except QueueFull as exc:
        raise HTTPException(429, str(exc), headers={"Retry-After": "5"}) from None
    except InvalidSubmission as exc:
        raise HTTPException(422, str(exc)) from None
