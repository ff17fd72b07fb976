"""Readers that turn files, folders, globs and stdin into Documents."""

__all__ = ["iter_documents"]


def __getattr__(name: str):
    # imported on first use: listing input paths (ingest.paths) must not load the readers
    if name == "iter_documents":
        from polybius.ingest.sources import iter_documents

        return iter_documents
    raise AttributeError(f"module 'polybius.ingest' has no attribute {name!r}")
