"""What one request may ask of the server (kept free of heavy imports: the CLI reads the
defaults for its --help)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ServerLimits:
    """What one request may ask of the server."""

    max_request_bytes: int = 4 * 1024 * 1024  # a whole request body
    max_documents: int = 50  # documents in one submission (the schema's own cap is 50)
    max_text_bytes: int = 2 * 1024 * 1024  # UTF-8 bytes of all texts of one submission
    queue_size: int = 4  # submissions waiting while one is coded; beyond: 429
    max_download_rows: int = 1_000_000  # rows of one /api/events.csv (or .parquet, .json)
