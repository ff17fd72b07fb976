"""Readable names for actor codes (RUS -> Russia), from the actor dictionaries."""

from __future__ import annotations

from functools import lru_cache

from polybius.tsv import package_data, read_tsv, split_values


@lru_cache(maxsize=1)
def actor_labels() -> dict[str, str]:
    """Code -> its name in data/code_labels.tsv, else the first name listed for it in the
    actor dictionaries (countries.tsv, igos.tsv, groups.tsv)."""
    labels = {
        r["code"]: r["label"] for r in read_tsv(package_data("api", "data", "code_labels.tsv"))
    }
    for name in ("countries.tsv", "igos.tsv", "groups.tsv"):
        for row in read_tsv(package_data("actors", "data", name)):
            names = split_values(row.get("names", ""))
            if row.get("code") and names:
                labels.setdefault(row["code"], names[0])
    return labels


def label(code: str | None) -> str | None:
    return actor_labels().get(code) if code else None
