"""DuckDB storage and queries."""

from polybius.store.db import DEFAULT_DB, Store

__all__ = ["DEFAULT_DB", "Store"]
