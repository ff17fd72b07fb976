"""Event filters shared by the list, timeline and aggregate endpoints, turned into SQL.

Values always travel as query parameters; only fixed SQL fragments are put together here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from polybius.store import search


@dataclass(frozen=True)
class EventFilters:
    actor: str | None = None  # source or target
    with_actor: str | None = None  # with `actor`: events between the two, either direction
    source: str | None = None
    target: str | None = None
    plover_type: str | None = None
    cameo_root: str | None = None
    status: str | None = None
    quad_class: int | None = None
    date_from: date | None = None
    date_to: date | None = None
    q: str | None = None  # text in the evidence sentence, case-insensitive (see text_search)
    doc_id: str | None = None
    country: str | None = None  # where the event took place (location_country)
    place: str | None = None  # the place named for the event (location_name), any case

    def index_only(self) -> tuple[str, list] | None:
        """A SELECT of the matching (event_id, event_date) from the word index of text search
        alone, when q is one word and the other filters are only dates (else None)."""
        others = {k: v for k, v in vars(self).items() if k not in ("q", "date_from", "date_to")}
        word = search.word(self.q) if self.q else None
        if word is None or any(v is not None for v in others.values()):
            return None
        sql, params = search.matches_sql("t"), [word]
        for op, value in ((">=", self.date_from), ("<=", self.date_to)):
            if value:
                sql += f" AND t.event_date {op} ?"
                params.append(value)
        return sql, params

    def where(self, alias: str = "") -> tuple[str, list]:
        """A WHERE clause ('' when there is no filter) and its parameters."""
        p = f"{alias}." if alias else ""
        clauses: list[str] = []
        params: list = []
        if self.actor and self.with_actor:
            clauses.append(
                f"((list_contains({p}source_codes, ?) AND list_contains({p}target_codes, ?)) OR "
                f"(list_contains({p}source_codes, ?) AND list_contains({p}target_codes, ?)))"
            )
            params += [self.actor, self.with_actor, self.with_actor, self.actor]
        elif self.actor:
            clauses.append(
                f"(list_contains({p}source_codes, ?) OR list_contains({p}target_codes, ?))"
            )
            params += [self.actor, self.actor]
        if self.source:
            clauses.append(f"list_contains({p}source_codes, ?)")
            params.append(self.source)
        if self.target:
            clauses.append(f"list_contains({p}target_codes, ?)")
            params.append(self.target)
        for column, value in (
            ("plover_type", self.plover_type),
            ("cameo_root", self.cameo_root),
            ("status", self.status),
            ("quad_class", self.quad_class),
            ("doc_id", self.doc_id),
            ("location_country", self.country),
        ):
            if value is not None:
                clauses.append(f"{p}{column} = ?")
                params.append(value)
        if self.date_from:
            clauses.append(f"{p}event_date >= ?")
            params.append(self.date_from)
        if self.date_to:
            clauses.append(f"{p}event_date <= ?")
            params.append(self.date_to)
        if self.place:
            clauses.append(f"lower({p}location_name) = lower(?)")
            params.append(self.place)
        if self.q:
            clause, values = text_search(self.q, alias)
            clauses.append(clause)
            params += values
        if not clauses:
            return "", []
        return " WHERE " + " AND ".join(clauses), params


def text_search(q: str, alias: str = "") -> tuple[str, list]:
    """The events whose sentence holds q (`sentence_text ILIKE '%q%'`, q literal): from the
    word index when q is one word (store/search.py says why that is exact), else the scan."""
    word = search.word(q)
    if word is not None:
        return search.candidates_sql(alias), [word]
    p = f"{alias}." if alias else ""
    return f"{p}sentence_text {ilike_contains(q)}", [f"%{escape_like(q)}%"]


def ilike_contains(text: str) -> str:
    """`ILIKE ?` for a parameter made by escape_like; ESCAPE only when the text needs it
    (DuckDB takes about twice as long over a LIKE with an ESCAPE clause)."""
    return "ILIKE ? ESCAPE '\\'" if any(c in text for c in "%_\\") else "ILIKE ?"


def escape_like(text: str) -> str:
    """The text matched literally by LIKE/ILIKE (its % and _ are not wildcards)."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def and_where(where: str, clause: str) -> str:
    """Add one more condition to a WHERE clause made by EventFilters.where."""
    return f"{where} AND {clause}" if where else f" WHERE {clause}"
