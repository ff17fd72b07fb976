"""The coalition of a story's war: "coalition jets" in a story of the war in Syria that never
named the coalition are the US-led coalition's (data/coalitions.tsv)."""

from __future__ import annotations

from collections import Counter
from datetime import date
from functools import lru_cache

from polybius.actors.dictionary import actor_words
from polybius.tsv import package_data, read_tsv


@lru_cache(maxsize=1)
def _coalitions() -> tuple[tuple[str, str, str, date, date | None], ...]:
    rows = read_tsv(package_data("actors", "data", "coalitions.tsv"))
    return tuple(
        (
            r["theatre"],
            r["code"],
            r["sector"],
            date.fromisoformat(r["start"]),
            date.fromisoformat(r["end"]) if r["end"] else None,
        )
        for r in rows
    )


def is_coalition_force(noun_lemma: str) -> bool:
    """ "coalition jets", "coalition airstrikes": a head that makes "coalition X" the
    coalition's armed force, not a "coalition government" (lexicon coalition_force_heads)."""
    return noun_lemma.lower() in actor_words("coalition_force_heads")


def theatre_coalition(places: Counter, when: date | None) -> tuple[str, str] | None:
    """(code, sector) of the coalition fighting, on `when`, in the state the story names most
    (`places`: state code -> mentions of it and of its towns); None when no such coalition
    or when two of the story's states tie."""
    fighting = {
        theatre: (code, sector)
        for theatre, code, sector, start, end in _coalitions()
        if when is None or (start <= when and (end is None or when <= end))
    }
    ranked = [(n, c) for c, n in places.most_common() if n and c in fighting]
    if not ranked or (len(ranked) > 1 and ranked[0][0] == ranked[1][0]):
        return None
    return fighting[ranked[0][1]]
