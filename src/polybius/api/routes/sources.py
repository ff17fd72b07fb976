"""Operations: is the server up and the store readable, and how are the watched sources doing."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel, Field

from polybius import __version__
from polybius.api.deps import Cursor
from polybius.store.state import source_summary

router = APIRouter(prefix="/api", tags=["operations"])


class SourceStatus(BaseModel):
    """One watched source (a feed, sitemap, URL list or page), from the store's source_state."""

    source: str = Field(description="The source as given to `polybius watch` or `code`.")
    urls: int = Field(description="URLs recorded for it: its listing(s) and the pages fetched.")
    last_fetched: str | None = Field(description="UTC time of its latest fetch (ISO 8601).")
    done: int = Field(description="URLs fetched and coded.")
    errors: int = Field(description="URLs whose latest fetch failed (tried again next round).")
    refused: int = Field(description="URLs not fetched: robots.txt, content type, size, 4xx.")
    last_error: str | None = Field(description="The latest error, if any URL is failing.")
    last_error_at: str | None = Field(description="When that error happened (UTC, ISO 8601).")


class SourceList(BaseModel):
    sources: list[SourceStatus]


class Health(BaseModel):
    status: str = Field(description="`ok` when the store can be read.")
    version: str
    documents: int = Field(description="Documents in the store.")
    sources: int = Field(description="Sources with fetch state in the store.")
    sources_failing: int = Field(description="Sources with at least one URL in error.")
    last_fetched: str | None = Field(description="UTC time of the latest fetch of any source.")


@router.get("/health", response_model=Health, summary="Server and store health")
def health(cur: Cursor) -> dict:
    """Answers when the store is readable: counts, and the latest fetch of the watched sources
    (for a monitor or a load balancer)."""
    documents = cur.execute("SELECT count(*) FROM documents").fetchone()[0]
    sources = source_summary(cur)
    fetched = [s["last_fetched"] for s in sources if s["last_fetched"]]
    return {
        "status": "ok",
        "version": __version__,
        "documents": documents,
        "sources": len(sources),
        "sources_failing": sum(1 for s in sources if s["errors"]),
        "last_fetched": max(fetched) if fetched else None,
    }


@router.get("/sources", response_model=SourceList, summary="Watched sources")
def sources(cur: Cursor) -> dict:
    """Every source `polybius watch` (or `code URL`) fetched: URLs known, last fetch, URLs
    coded, failing and refused, and the latest error."""
    return {"sources": source_summary(cur)}
