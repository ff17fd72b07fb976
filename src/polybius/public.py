"""The public Python API: code texts, code files into a store, read a store into pandas.

Everything here is re-exported by `polybius` itself (`polybius.code`, `polybius.code_files`,
`polybius.open`, `polybius.Store`); use it from there. The heavy modules (spaCy, the coder,
DuckDB, pandas) are imported inside the functions, so `import polybius` stays fast.

    >>> import polybius
    >>> [event] = polybius.code("Turkey condemned Israel on Monday.", date="2026-10-14")
    >>> event.to_record()["source_codes"]
    ['TUR']
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas
    import polars
    import pyarrow

    from polybius.coding.coder import Coder, CoderSpec
    from polybius.engine.runner import RunSummary
    from polybius.models import Event
    from polybius.store import db as store_db

PathLike = str | os.PathLike[str]
DateLike = date | str | None

DEFAULT_DB = "polybius.duckdb"


# --------------------------------------------------------------------------- coding texts


def _spec(patterns: Iterable[PathLike], disabled_rules: Iterable[str]) -> CoderSpec:
    from polybius.coding.coder import CoderSpec
    from polybius.commands.patterns import extra_pattern_specs

    return CoderSpec(
        extra_pattern_specs([Path(p) for p in patterns], None),
        tuple(sorted(disabled_rules)),
    )


@lru_cache(maxsize=8)
def _cached_coder(spec: CoderSpec) -> Coder:
    return spec.build()


def get_coder(patterns: Iterable[PathLike] = (), disabled_rules: Iterable[str] = ()) -> Coder:
    """The coder for these extra pattern files and switched-off rules, built once per process
    and then reused (the same object) for the same arguments.

    Raises `polybius.events.patterns.PatternError` or `OSError` for a bad pattern file and
    `polybius.coding.rules.registry.RuleError` for an unknown rule name.
    """
    return _cached_coder(_spec(patterns, disabled_rules))


def _as_date(value: DateLike, name: str = "date") -> date | None:
    """A `datetime.date` from a date, a datetime or an ISO string (YYYY-MM-DD)."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(f"{name} must be an ISO date (YYYY-MM-DD), got {value!r}") from None
    raise TypeError(f"{name} must be a datetime.date or an ISO string, got {type(value).__name__}")


def code(
    text_or_texts: str | Sequence[str],
    date: DateLike = None,
    *,
    disabled_rules: Iterable[str] = (),
    patterns: Iterable[PathLike] = (),
    ids: Sequence[str] | None = None,
) -> list[Event]:
    """Code one text, or a list of texts, into event records.

    Each text is one document (an article); `date` is its publication date (a `datetime.date`
    or an ISO string), from which relative dates ("on Monday") are resolved. The spaCy model
    and the coder are loaded on the first call and reused afterwards (one coder per
    `patterns` and `disabled_rules`). Documents are named `text-0`, `text-1`, ... unless
    `ids` gives their ids. `patterns` are extra trigger-pattern TSV files (as `polybius code
    --patterns`), `disabled_rules` rule names to switch off (as `--disable-rule`).

    Returns `polybius.models.Event` records, in document then sentence order. Their scalar
    fields have the names and values of the store's `events` columns; `Event.to_record()`
    gives the whole row as the store holds it (`source_codes`, `target_codes`,
    `source_text`, `target_text`).

    Example:

        >>> import polybius
        >>> [e] = polybius.code("Turkey condemned Israel on Monday.", date="2026-10-14")
        >>> e.plover_type, e.cameo_code, e.source_codes, e.target_codes
        ('ACCUSE', '111', ['TUR'], ['ISR'])
        >>> e.event_date.isoformat()
        '2026-10-12'
    """
    from polybius.engine.stages import code_text
    from polybius.nlp.pipeline import load_nlp

    texts = [text_or_texts] if isinstance(text_or_texts, str) else list(text_or_texts)
    for i, text in enumerate(texts):
        if not isinstance(text, str):
            raise TypeError(f"text {i} is a {type(text).__name__}, not a str")
    if ids is None:
        ids = [f"text-{i}" for i in range(len(texts))]
    elif len(ids) != len(texts):
        raise ValueError(f"{len(ids)} ids for {len(texts)} texts")
    published = _as_date(date)
    coder = get_coder(patterns, disabled_rules)
    nlp = load_nlp()
    events: list[Event] = []
    for doc_id, text in zip(ids, texts, strict=True):
        _, found = code_text(text, doc_id, published, coder, nlp=nlp)
        events.extend(found)
    return events


# --------------------------------------------------------------------------- coding files


def code_files(
    paths: PathLike | Sequence[PathLike],
    db: PathLike = DEFAULT_DB,
    workers: int | None = None,
    *,
    patterns: Iterable[PathLike] = (),
    disabled_rules: Iterable[str] = (),
    batch_size: int = 32,
    progress: bool = False,
) -> RunSummary:
    """Code files into a store, as `polybius code PATHS --db DB` does, then aggregate.

    `paths` are files, folders (read recursively) or globs, in the formats `polybius code`
    reads (.html, .txt, .jsonl, .json, .warc). Documents already in the store are skipped,
    so running it again changes nothing. `workers`: worker processes (default: all cores;
    1 codes in this process). With `progress`, the progress bar is shown on stderr.

    Returns the run's `polybius.engine.runner.RunSummary` (documents read and written,
    events, statuses, errors). Raises `polybius.commands.CommandError` when no input is
    found or a pattern file or rule name is wrong, and `polybius.store.locking.StoreBusy`
    when another process holds the store for too long.

    Example:

        >>> import polybius
        >>> summary = polybius.code_files("examples/news", db="news.duckdb")  # doctest: +SKIP
        >>> summary.events  # doctest: +SKIP
        42
    """
    import io

    from rich.console import Console

    from polybius.commands import coding
    from polybius.store.db import Store as WritableStore

    paths = [paths] if isinstance(paths, str | os.PathLike) else list(paths)
    spec = _spec(patterns, disabled_rules)
    options = coding.CodeOptions(
        batch_size=batch_size,
        max_bytes=10 * 1024 * 1024,
        workers=workers or os.cpu_count() or 1,
        prefilter=True,
        spec=spec,
    )
    quiet = Console(file=io.StringIO(), force_jupyter=False)  # silent in notebooks too
    console = Console(stderr=True) if progress else quiet
    files = coding.find_inputs([str(p) for p in paths])
    coding.check_coder(spec)
    with WritableStore(db, publish=True) as store:
        summary, checker = coding.code_into_store(store, files, options, console)
    coding.aggregate_after_writes(Path(db), console, console, checker)
    return summary


# --------------------------------------------------------------------------- reading a store


def _one_of(allowed: Sequence[str], name: str) -> Callable[[Any], str]:
    def check(value: Any) -> str:
        text = str(value).strip()
        for candidate in allowed:
            if text.lower() == candidate.lower():
                return candidate
        raise ValueError(f"{name} must be one of {', '.join(allowed)}, got {value!r}")

    return check


def _code(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"an actor code must be a non-empty string, got {value!r}")
    return value.strip().upper()


def _text(value: Any) -> str:
    return str(value)


def _limit(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"limit must be a positive int, got {value!r}")
    return value


# a filter: its checker, and its SQL condition (None: not a condition, e.g. limit)
Filter = tuple[Callable[[Any], Any], str | None]


def _statuses() -> tuple[str, ...]:
    from polybius.models import EVENT_STATUSES

    return EVENT_STATUSES


def _event_filters() -> dict[str, Filter]:
    from polybius.events.ontology import PLOVER_TYPES

    return {
        "source": (_code, "list_contains(source_codes, ?)"),
        "target": (_code, "list_contains(target_codes, ?)"),
        "type": (_one_of(tuple(PLOVER_TYPES), "type"), "plover_type = ?"),
        "status": (_one_of(_statuses(), "status"), "status = ?"),
        "since": (lambda v: _as_date(v, "since"), "event_date >= ?"),
        "until": (lambda v: _as_date(v, "until"), "event_date <= ?"),
        "doc_id": (_text, "doc_id = ?"),
        "cluster_id": (_text, "cluster_id = ?"),
        "limit": (_limit, None),
    }


def _cluster_filters() -> dict[str, Filter]:
    from polybius.codesets import sql_has_code

    events = _event_filters()
    return {
        "source": (_code, sql_has_code("source_code")),
        "target": (_code, sql_has_code("target_code")),
        "type": events["type"],
        "status": events["status"],
        "since": events["since"],
        "until": events["until"],
        "limit": (_limit, None),
    }


def _document_filters() -> dict[str, Filter]:
    return {
        "status": (_text, "status = ?"),
        "since": (lambda v: _as_date(v, "since"), "published >= ?"),
        "until": (lambda v: _as_date(v, "until"), "published <= ?"),
        "doc_id": (_text, "doc_id = ?"),
        "limit": (_limit, None),
    }


def _where(what: str, filters: dict[str, Filter], given: dict[str, Any]) -> tuple[str, list, str]:
    """The WHERE clause, its parameters and the LIMIT clause for validated `given` filters."""
    unknown = sorted(set(given) - set(filters))
    if unknown:
        raise TypeError(
            f"unknown {what} filter{'s' if len(unknown) > 1 else ''} {', '.join(unknown)}; "
            f"valid filters: {', '.join(filters)}"
        )
    where, params, limit = [], [], ""
    for name, value in given.items():
        if value is None:
            continue
        check, condition = filters[name]
        value = check(value)
        if condition is None:
            limit = f" LIMIT {int(value)}"
        else:
            where.append(condition)
            params.append(value)
    if given.get("since") and given.get("until"):
        since, until = _as_date(given["since"]), _as_date(given["until"])
        if since and until and since > until:
            raise ValueError(f"since ({since}) is after until ({until})")
    return (" WHERE " + " AND ".join(where) if where else ""), params, limit


class Store:
    """A read-only view of a Polybius store (a DuckDB file) that returns pandas DataFrames.

    It does not hold the file: every call opens it read-only, reads, and closes it again.
    While `polybius code` (or `polybius.code_files`, `polybius aggregate`) writes the store,
    a call reads the writer's read snapshot instead (`<db>.snapshot`, refreshed after
    committed batches): it gets the rows committed so far, without waiting and without
    holding up the writer. Only a store held by a writer that keeps no snapshot (`serve
    --token`, a raw DuckDB connection) makes a call wait, then raise
    `polybius.store.locking.StoreBusy` after `POLYBIUS_STORE_WAIT` seconds (default 10).
    A store written by a newer DuckDB than the installed one raises
    `polybius.store.versions.StoreNeedsNewerDuckDB`, naming the DuckDB to install.

    Example:

        >>> import polybius
        >>> store = polybius.open("news.duckdb")  # doctest: +SKIP
        >>> store.events(source="TUR", type="ACCUSE", since="2026-10-01")  # doctest: +SKIP
    """

    def __init__(self, path: PathLike):
        self.path = Path(path)
        with self._open():  # fails now for a missing store or one of a newer schema
            pass

    def __repr__(self) -> str:
        return f"polybius.Store({str(self.path)!r})"

    def _open(self) -> store_db.Store:
        from polybius.store.db import Store as DbStore

        return DbStore(self.path, read_only=True)

    def _frame(self, sql: str, params: list) -> pandas.DataFrame:
        with self._open() as store:
            return store.con.execute(sql, params).df()

    def _arrow(self, sql: str, params: list) -> pyarrow.Table:
        with self._open() as store:
            cursor = store.con.cursor()  # a fresh cursor: no earlier result left unfinished
            try:
                return cursor.sql(sql, params=params).to_arrow_table()
            finally:
                cursor.close()

    def to_arrow(self, table: str = "events", **filters: Any) -> pyarrow.Table:
        """A table as a `pyarrow.Table` instead of pandas: `table` is "events", "clusters"
        or "documents", with the filters of the method of that name.

            >>> store.to_arrow("clusters", type="ACCUSE")  # doctest: +SKIP
        """
        sql, params = self._query(table, filters)
        return self._arrow(sql, params)

    def to_polars(self, table: str = "events", **filters: Any) -> polars.DataFrame:
        """A table as a polars DataFrame (needs the optional `polars` package: `pip install
        polars` or `pip install 'polybius[polars]'`); arguments as `to_arrow`.

            >>> store.to_polars("events", source="TUR")  # doctest: +SKIP
        """
        try:
            import polars
        except ImportError:
            raise ImportError(
                "Store.to_polars needs polars, which is not installed: `pip install polars` "
                "(or use to_arrow() or the pandas methods)"
            ) from None
        return polars.from_arrow(self.to_arrow(table, **filters))

    def _query(self, table: str, filters: dict[str, Any]) -> tuple[str, list]:
        queries = {"events": _events_sql, "clusters": _clusters_sql, "documents": _documents_sql}
        if table not in queries:
            raise ValueError(f"table must be one of {', '.join(queries)}, got {table!r}")
        return queries[table](filters)

    def events(self, **filters: Any) -> pandas.DataFrame:
        """Event mentions (one row per coded sentence event), columns as the `events` table.

        Filters: `source`, `target` (an actor code among the sources or targets), `type`
        (PLOVER type), `status` (occurred, intended, claimed, denied), `since`, `until`
        (event date, a date or ISO string), `doc_id`, `cluster_id`, `limit`. An unknown
        filter raises TypeError, a bad value ValueError.
        """
        return self._frame(*_events_sql(filters))

    def clusters(self, **filters: Any) -> pandas.DataFrame:
        """Aggregated events (one row per real-world event, its mentions merged), columns as
        the `clusters` table; actor codes are joined with `+` (`CHN+RUS`).

        Filters: `source`, `target` (an actor code among the joined codes), `type`, `status`,
        `since`, `until` (the cluster's event date), `limit`. An unknown filter raises
        TypeError, a bad value ValueError.
        """
        return self._frame(*_clusters_sql(filters))

    def documents(self, **filters: Any) -> pandas.DataFrame:
        """The stored documents (text, metadata, status, counts), one row each.

        Filters: `status` (ok, error:..., skipped:...), `since`, `until` (publication date),
        `doc_id`, `limit`. An unknown filter raises TypeError.
        """
        return self._frame(*_documents_sql(filters))


def _events_sql(filters: dict[str, Any]) -> tuple[str, list]:
    from polybius.store import schema

    where, params, limit = _where("events", _event_filters(), filters)
    sql = (
        f"SELECT {', '.join(schema.names('events'))} FROM events{where} "
        "ORDER BY event_date NULLS LAST, doc_id, sentence_index, trigger_start" + limit
    )
    return sql, params


def _clusters_sql(filters: dict[str, Any]) -> tuple[str, list]:
    from polybius.store import schema

    where, params, limit = _where("clusters", _cluster_filters(), filters)
    sql = (
        f"SELECT {', '.join(schema.names('clusters'))} FROM clusters{where} "
        "ORDER BY event_date NULLS LAST, cluster_id" + limit
    )
    return sql, params


def _documents_sql(filters: dict[str, Any]) -> tuple[str, list]:
    where, params, limit = _where("documents", _document_filters(), filters)
    return f"SELECT * FROM documents{where} ORDER BY doc_id" + limit, params


def open_store(db: PathLike = DEFAULT_DB) -> Store:
    """Open a store for reading (`polybius.open`); FileNotFoundError when there is none."""
    return Store(db)
