"""Readers that turn files, folders, globs and stdin into Documents."""

from polybius.ingest.sources import iter_documents

__all__ = ["iter_documents"]
