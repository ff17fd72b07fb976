"""States as places: the name to show for a country-level place."""

from __future__ import annotations

from functools import lru_cache

from polybius.tsv import package_data, read_tsv, split_values


@lru_cache(maxsize=1)
def state_names() -> dict[str, str]:
    """ISO-3166 alpha-3 -> the state's usual English name (actors/data/countries.tsv)."""
    rows = read_tsv(package_data("actors", "data", "countries.tsv"))
    return {r["code"]: split_values(r["names"])[0] for r in rows if r["kind"] == "state"}
