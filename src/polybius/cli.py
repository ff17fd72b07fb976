"""The `polybius` command line: options, their validation, and calls.

What each command does lives in polybius.commands (one module per command or group), the
SQL behind the reports in polybius.store.queries.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn

import click
import typer
from rich.console import Console
from typer.core import TyperGroup

from polybius import __version__
from polybius.api.limits import ServerLimits
from polybius.commands import CommandError, say_error
from polybius.commands.listing import OutputFormat
from polybius.commands.patterns import app as patterns_app
from polybius.commands.train import app as train_app
from polybius.store.db import DEFAULT_DB, SchemaMismatch, Store, StoreBusy
from polybius.store.versions import StoreNeedsNewerDuckDB

# exit code of a command that found its store locked by another process (EX_TEMPFAIL: retry)
EXIT_STORE_BUSY = 75


class _Commands(TyperGroup):
    """Every command: a store locked by another process is one line on stderr, not a
    traceback, whichever command (or helper) opened it."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except StoreBusy as exc:
            _fail(exc, EXIT_STORE_BUSY)
        except StoreNeedsNewerDuckDB as exc:
            _fail(exc)


app = typer.Typer(
    cls=_Commands,
    help="Polybius: turn news into political event data (CAMEO and PLOVER) with evidence.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.add_typer(patterns_app, name="patterns")
app.add_typer(train_app, name="train")
console = Console(stderr=True)
out = Console()

DbOption = Annotated[Path, typer.Option("--db", help="DuckDB store file.", envvar="POLYBIUS_DB")]
# the coder's options, shared by `code` and `evaluate`
PetrarchOption = Annotated[
    list[Path] | None,
    typer.Option("--petrarch-verbs", help="PETRARCH2 verb dictionary to add as patterns."),
]
DisableRuleOption = Annotated[
    list[str] | None,
    typer.Option(
        "--disable-rule", help="Switch a coder rule off (repeatable; `polybius rules` lists them)."
    ),
]
ActorsOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--actors",
        help="User actor dictionary TSV (repeatable), in the format of a shipped file "
        "(countries, regions, igos, groups, parties, agents, people or peoples: told by the "
        "header); "
        "adds entries and overrides shipped ones with the same name.",
    ),
]


def _actor_files(actors: list[Path] | None) -> tuple[str, ...]:
    return tuple(str(p) for p in actors or ())


class Engine(StrEnum):
    local = "local"
    ray = "ray"


def _fail(problem: object, code: int = 2) -> NoReturn:
    """Print a user error (what to do next) and exit with `code`."""
    say_error(console, problem)
    raise typer.Exit(code) from None


def _version(value: bool) -> None:
    if value:
        out.print(f"polybius {__version__}")
        raise typer.Exit()


def _load_config(ctx: typer.Context, explicit: Path | None) -> None:
    """Take option defaults from polybius.toml (see polybius/config.py)."""
    from polybius.config import ConfigError, default_map, find_config, read_config

    try:
        path = find_config(explicit)
        if path is not None:
            ctx.default_map = default_map(ctx.command, read_config(path), path)
    except ConfigError as exc:
        _fail(exc)


@app.callback()
def main(
    ctx: typer.Context,
    config: Annotated[
        Path | None,
        typer.Option(
            "--config",
            help="Option defaults from this TOML file (default: $POLYBIUS_CONFIG, "
            "./polybius.toml, then ~/.config/polybius/polybius.toml). Keys are option names; "
            "a [COMMAND] table holds one command's options.",
        ),
    ] = None,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Log progress per batch.")
    ] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")
    ] = False,
) -> None:
    _load_config(ctx, config)
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )


# --------------------------------------------------------------------------- code


@app.command()
def code(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Files, folders (read recursively), globs, or '-' for stdin. Formats: .html/.htm "
            "(.gz), .txt, .jsonl (fields text, id, title, date, url, source), .json, .warc(.gz). "
            "Also web pages, feeds and sitemaps by URL (http(s)://, feed:URL, sitemap:URL, "
            "page:URL) and urls:FILE (one URL a line), fetched politely (see `polybius watch`).",
        ),
    ],
    db: DbOption = Path(DEFAULT_DB),
    batch_size: Annotated[
        int, typer.Option(help="Documents per transaction (a crash loses at most one batch).")
    ] = 32,
    max_bytes: Annotated[
        int,
        typer.Option(
            help="Largest document accepted, in bytes; larger ones are recorded as errors."
        ),
    ] = 10 * 1024 * 1024,
    patterns: Annotated[
        list[Path] | None,
        typer.Option(
            "--patterns", help="Extra trigger-pattern TSV file(s) to use with the built-in ones."
        ),
    ] = None,
    petrarch_verbs: PetrarchOption = None,
    disable_rule: DisableRuleOption = None,
    actors: ActorsOption = None,
    workers: Annotated[
        int,
        typer.Option(
            "--workers", "-w", help="Worker processes (default: all cores; 1 codes in-process)."
        ),
    ] = 0,
    no_prefilter: Annotated[
        bool,
        typer.Option("--no-prefilter", help="Parse every sentence (slower; same events)."),
    ] = False,
    engine: Annotated[
        Engine, typer.Option("--engine", help="local: worker processes here; ray: Ray Data.")
    ] = Engine.local,
    address: Annotated[
        str | None,
        typer.Option(
            "--address", help="Ray cluster to join (auto, ray://HOST:PORT); default: a local Ray."
        ),
    ] = None,
    parquet: Annotated[
        Path,
        typer.Option("--parquet", help="With --engine ray: where to write the Parquet dataset."),
    ] = Path("polybius-parquet"),
    report: Annotated[
        Path | None,
        typer.Option(
            "--report", help="Also write the run summary (counts, seconds per stage) as JSON."
        ),
    ] = None,
) -> None:
    """Read news, code political events and store them in DuckDB.

    Re-running the same input changes nothing, and files whose path, size and modification
    time are unchanged since they were coded are not read again; an interrupted run (Ctrl-C, a
    crash) resumes where it stopped. Documents are read and coded in parallel worker processes.
    """
    from polybius.coding.coder import CoderSpec
    from polybius.commands import coding
    from polybius.commands.patterns import extra_pattern_specs

    spec = CoderSpec(
        extra_pattern_specs(patterns, petrarch_verbs),
        tuple(disable_rule or ()),
        _actor_files(actors),
    )
    options = coding.CodeOptions(
        batch_size=batch_size,
        max_bytes=max_bytes,
        workers=workers or os.cpu_count() or 1,
        prefilter=not no_prefilter,
        spec=spec,
        ray=engine == Engine.ray,
        address=address,
        parquet=parquet,
    )
    try:
        files, remote = coding.split_inputs(paths)  # the coder is checked once there is work
        with Store(db, publish=True) as store:  # readers read its snapshot meanwhile
            summary, checker = coding.code_into_store(store, files, options, console, remote)
            totals = store.counts()
    except CommandError as exc:
        _fail(exc)
    coding.print_summary(out, summary, totals, db)
    coding.aggregate_after_writes(db, console, out, checker)
    if report:
        coding.write_run_report(report, summary, totals)
    status = coding.exit_status(summary, console)
    if status:
        raise typer.Exit(status)


# --------------------------------------------------------------------------- watch


class LogFormat(StrEnum):
    text = "text"
    json = "json"


@app.command()
def watch(
    sources: Annotated[
        list[str],
        typer.Argument(
            help="What to poll: feed, sitemap or page URLs (http(s)://, told apart by content; "
            "or say feed:URL, sitemap:URL, page:URL), urls:FILE (one URL a line), folders and "
            "files (new and changed files only).",
        ),
    ],
    db: DbOption = Path(DEFAULT_DB),
    every: Annotated[str, typer.Option(help="Time between rounds: 30s, 15m, 2h, 1d.")] = "15m",
    once: Annotated[bool, typer.Option("--once", help="One round, then exit (for cron).")] = False,
    workers: Annotated[
        int, typer.Option("--workers", "-w", help="Coding processes (default: all cores).")
    ] = 0,
    batch_size: Annotated[int, typer.Option(help="Documents per transaction.")] = 32,
    max_bytes: Annotated[int, typer.Option(help="Largest page or file accepted, in bytes.")] = 10
    * 1024
    * 1024,
    archive: Annotated[
        Path | None,
        typer.Option(
            help="Folder to keep every response in, as WARC (replay: `polybius code FILE.warc.gz`)."
        ),
    ] = None,
    user_agent: Annotated[
        str | None, typer.Option(help="User-Agent header (default: Polybius/VERSION ...).")
    ] = None,
    host_interval: Annotated[
        float, typer.Option(help="Seconds between two requests to one host.", min=0)
    ] = 1.0,
    host_concurrency: Annotated[int, typer.Option(help="Requests at once to one host.", min=1)] = 2,
    concurrency: Annotated[int, typer.Option(help="Requests at once in all.", min=1)] = 8,
    timeout: Annotated[float, typer.Option(help="Seconds to wait for a server.", min=0.1)] = 20.0,
    retries: Annotated[
        int, typer.Option(help="Retries of a failed request (network errors, 429, 5xx).", min=0)
    ] = 2,
    log_format: Annotated[
        LogFormat, typer.Option(help="Logs on stderr: text, or json (one object a line).")
    ] = LogFormat.text,
    patterns: Annotated[
        list[Path] | None, typer.Option("--patterns", help="Extra trigger-pattern TSV file(s).")
    ] = None,
    disable_rule: DisableRuleOption = None,
    actors: ActorsOption = None,
) -> None:
    """Poll news sources and code what is new, every --every (or --once).

    Fetching is polite: robots.txt is honoured, each host gets at most --host-concurrency
    requests at once and one every --host-interval seconds, feeds and sitemaps are asked
    for with ETag / Last-Modified (an unchanged one costs a 304), and pages already coded
    are never fetched again. What was fetched is kept in the store (`source_state`), so a
    restarted watch resumes; `polybius serve` shows it at /api/sources. Ctrl-C or SIGTERM
    stops after committing the batch in hand. Logs: one line per fetch, batch and round.
    """
    from polybius.coding.coder import CoderSpec
    from polybius.commands import coding, watching
    from polybius.commands.patterns import extra_pattern_specs
    from polybius.sources.fetch import USER_AGENT, FetchPolicy

    watching.setup_logging(log_format.value)
    spec = CoderSpec(
        extra_pattern_specs(patterns, None), tuple(disable_rule or ()), _actor_files(actors)
    )
    policy = FetchPolicy(
        user_agent=user_agent or USER_AGENT,
        timeout=timeout,
        retries=retries,
        max_bytes=max_bytes,
        host_interval=host_interval,
        host_concurrency=host_concurrency,
        concurrency=concurrency,
    )
    try:
        options = watching.WatchOptions(
            sources=sources,
            db=db,
            every=watching.parse_every(every),
            once=once,
            code=coding.CodeOptions(
                batch_size=batch_size,
                max_bytes=max_bytes,
                workers=workers or os.cpu_count() or 1,
                prefilter=True,
                spec=spec,
            ),
            policy=policy,
            archive=archive,
            quiet=log_format == LogFormat.json,
        )
        status = watching.watch(options, console)
    except CommandError as exc:
        _fail(exc)
    if status:
        raise typer.Exit(status)


# --------------------------------------------------------------------------- load


@app.command()
def load(
    parquet_dir: Annotated[
        Path, typer.Argument(help="A Parquet dataset written by `polybius code --engine ray`.")
    ],
    db: DbOption = Path(DEFAULT_DB),
) -> None:
    """Bring a Parquet dataset of coded documents into the DuckDB store (skipping duplicates)."""
    from polybius.commands import coding

    try:
        read, written, totals = coding.load_parquet(db, parquet_dir)
    except CommandError as exc:
        _fail(exc)
    out.print(
        f"{read} documents in {parquet_dir}, {written} new; {db} now holds "
        f"{totals['documents']} documents and {totals['events']} events"
    )
    coding.aggregate_after_writes(db, console, out)


# --------------------------------------------------------------------------- events


def _parse_day(value: str | None, name: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{name} must be a date like 2021-12-01, got {value!r}") from None


def _open(db: Path) -> Store:
    try:
        return Store(db, read_only=True)
    except (FileNotFoundError, SchemaMismatch) as exc:
        _fail(exc)


@app.command()
def events(
    db: DbOption = Path(DEFAULT_DB),
    source: Annotated[str | None, typer.Option(help="Source actor code, e.g. RUS.")] = None,
    target: Annotated[str | None, typer.Option(help="Target actor code, e.g. NATO.")] = None,
    type: Annotated[str | None, typer.Option("--type", help="PLOVER type, e.g. REQUEST.")] = None,
    status: Annotated[
        str | None, typer.Option(help="occurred, intended, claimed or denied.")
    ] = None,
    since: Annotated[str | None, typer.Option(help="First event date, YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Last event date, YYYY-MM-DD.")] = None,
    doc: Annotated[str | None, typer.Option(help="Only events of this document id.")] = None,
    format: Annotated[
        OutputFormat, typer.Option("--format", help="Output format.")
    ] = OutputFormat.table,
    out_file: Annotated[
        Path | None, typer.Option("--out", help="Write to this file instead of the terminal.")
    ] = None,
    limit: Annotated[int | None, typer.Option(help="At most this many events.")] = None,
    aggregated: Annotated[
        bool,
        typer.Option(
            "--aggregated",
            help="List aggregated events (one row per real-world event, with its counts of "
            "mentions, articles and outlets) instead of mentions.",
        ),
    ] = False,
) -> None:
    """List coded events with their evidence, filtered by actor, type and date.

    Two kinds of rows. A mention (the default) is one event as one sentence of one
    article reports it, with that sentence as evidence: ten articles on one summit give ten
    mentions. An aggregated event (`--aggregated`, the clusters table, what GDELT calls an
    event) merges the mentions of the same type, CAMEO root and actors dated within two days
    of each other into one row, with num_mentions, num_articles and num_sources; `polybius
    export` writes these. Code sets read `CHN+RUS` in tables and CSV, lists in JSON lines.
    """
    from polybius.commands import filters as checks
    from polybius.commands.listing import EventFilter, list_clusters, list_events

    if format == OutputFormat.parquet and out_file is None:
        raise typer.BadParameter("--format parquet needs --out FILE")
    if aggregated and doc:
        raise typer.BadParameter("--doc lists mentions; it does not go with --aggregated")
    first, last = _since_until(since, until)
    filters = EventFilter(
        source=source,
        target=target,
        plover_type=type,
        since=first,
        until=last,
        doc_id=doc,
        status=status,
        limit=limit,
    )
    try:
        checks.check_type(type)
        checks.check_status(status)
    except CommandError as exc:
        _fail(exc)
    with _open(db) as store:
        try:
            checks.check_actor_codes(store, source=source, target=target)
        except CommandError as exc:
            _fail(exc)
        if aggregated:
            list_clusters(store, filters, format, out_file, out, console)
        else:
            list_events(store, filters, format, out_file, out, console)


# --------------------------------------------------------------------------- show


@app.command()
def show(
    doc_id: Annotated[str, typer.Argument(help="Document id (see `polybius events` or `stats`).")],
    db: DbOption = Path(DEFAULT_DB),
    why: Annotated[
        bool,
        typer.Option(
            "--why",
            help="Under each event, print why it was coded: the trigger pattern "
            "(pattern:FILE:LINE), each rule that kept, re-typed or re-targeted it "
            "(rule:NAME — reason) and how each actor was found (source:CODE via RULE). "
            "Events coded by an older Polybius have no stored trace; re-code to see it.",
        ),
    ] = False,
) -> None:
    """Print a document with its events; the evidence in each sentence is highlighted.

    With --why, each event is followed by its trace: the pattern, rules and actor lookups
    that made it, as stored by `polybius code`.
    """
    from polybius.commands.showing import show_document

    with _open(db) as store:
        try:
            show_document(store, doc_id, out, why=why)
        except CommandError as exc:
            _fail(exc)


# --------------------------------------------------------------------------- stats


@app.command()
def stats(db: DbOption = Path(DEFAULT_DB), top: int = 15) -> None:
    """Counts of documents by status and of events by type, dyad and day."""
    from polybius.commands.stats import print_stats

    with _open(db) as store:
        print_stats(store, db, top, out)


# --------------------------------------------------------------------------- serve


@app.command()
def serve(
    db: DbOption = Path(DEFAULT_DB),
    host: Annotated[
        str, typer.Option(help="Address to listen on (0.0.0.0 for every interface).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000,
    token: Annotated[
        list[str] | None,
        typer.Option(
            "--token",
            help="API token allowing POST /api/documents (repeatable; 16+ characters). Also "
            "read from POLYBIUS_API_TOKENS (comma-separated). Without any token the server "
            "is read-only.",
        ),
    ] = None,
    token_file: Annotated[
        Path | None,
        typer.Option(
            "--token-file",
            help="File with API tokens, one per line (also POLYBIUS_API_TOKEN_FILE).",
        ),
    ] = None,
    allowed_host: Annotated[
        list[str] | None,
        typer.Option(
            "--allowed-host",
            help="Host name clients use to reach the server (repeatable; '*' for any). "
            "Default: localhost, 127.0.0.1, ::1 and the --host address; other Host headers "
            "are refused (DNS rebinding).",
        ),
    ] = None,
    max_request_bytes: Annotated[
        int, typer.Option(help="Largest request body in bytes (larger: 413).", min=1024)
    ] = ServerLimits.max_request_bytes,
    max_text_bytes: Annotated[
        int,
        typer.Option(help="Most bytes of text in one submission (more: 413).", min=1),
    ] = ServerLimits.max_text_bytes,
    submit_queue: Annotated[
        int,
        typer.Option(help="Submissions that may wait while one is coded (more: 429).", min=0),
    ] = ServerLimits.queue_size,
    max_download_rows: Annotated[
        int,
        typer.Option(help="Most rows in one download (/api/events.csv; more: 413).", min=1),
    ] = ServerLimits.max_download_rows,
) -> None:
    """Serve the HTTP API and the dashboard over a store.

    Open http://HOST:PORT/ for the dashboard (overview, events with their evidence, dyads,
    network, map, documents) and /docs for the API. Read-only unless tokens are configured;
    then POST /api/documents codes submitted articles into the store.
    """
    from polybius.api.auth import TokenError
    from polybius.api.serve import ServeError
    from polybius.api.serve import serve as run_server

    try:
        limits = ServerLimits(
            max_request_bytes=max_request_bytes,
            max_text_bytes=max_text_bytes,
            queue_size=submit_queue,
            max_download_rows=max_download_rows,
        )
        run_server(
            db, host, port, token or [], token_file, allowed_hosts=allowed_host or (), limits=limits
        )
    except (ServeError, TokenError) as exc:
        _fail(exc)


# --------------------------------------------------------------------------- actors


@app.command()
def actors(
    text: Annotated[
        str | None, typer.Argument(help="Text whose actors to resolve ('-' reads stdin).")
    ] = None,
    when: Annotated[
        str | None,
        typer.Option("--date", help="Date of the text, YYYY-MM-DD: decides who held which office."),
    ] = None,
    coverage: Annotated[
        bool, typer.Option("--coverage", help="Print dictionary counts by kind instead.")
    ] = False,
    user_actors: ActorsOption = None,
) -> None:
    """Show how each actor in a text is resolved (code, sector, name) and which rule decided it.

    With --actors, also list the dictionary entries the text matched and where each was read
    (shipped:FILE:LINE or user:FILE:LINE).
    """
    from polybius.actors.userfiles import ActorFileError
    from polybius.commands import actors as report

    files = _actor_files(user_actors)
    try:
        if coverage:
            report.print_coverage(out, files)
            return
        if text is None:
            raise typer.BadParameter("give a TEXT (or --coverage)")
        if text == "-":
            text = sys.stdin.read()
        report.print_resolution(text, _parse_day(when, "--date"), out, files)
    except ActorFileError as exc:
        _fail(CommandError(f"in --actors:\n{exc}"))


# --------------------------------------------------------------------------- evaluate


@app.command("evaluate-places")
def evaluate_places(
    train: Annotated[
        Path,
        typer.Argument(help="The guardian_train.jsonl gold the place/date gold annotates."),
    ] = Path("../shared/data/gold/guardian_train.jsonl"),
    gold: Annotated[
        Path | None,
        typer.Option(
            "--gold",
            help="Place/date gold TSV (default: the one shipped in polybius/evaluate/data).",
        ),
    ] = None,
    json_out: Annotated[
        Path | None,
        typer.Option(
            "--json",
            help="Write the report as JSON, with each matched event beside its gold place, date.",
        ),
    ] = None,
) -> None:
    """Score where and when: the place and date of each gold event (docs/gold/PLACE_DATE_GUIDE.md).

    Place precision and recall at country and at city/admin-1 level, the share of events with
    a place, date exact and within-precision rates, and occurred events dated after their
    publication. Events are paired with the gold's by type; missed events are not judged.
    """
    from polybius.commands import evaluating_places
    from polybius.evaluate.places_dates import DEFAULT_GOLD

    try:
        evaluating_places.run(train, gold or DEFAULT_GOLD, console, out, json_out)
    except CommandError as exc:
        _fail(exc)


@app.command()
def evaluate(
    gold: Annotated[
        Path | None,
        typer.Argument(help="Gold file: PLOVER gold-standard JSON(L) or Polybius gold JSONL."),
    ] = None,
    petrarch_xml: Annotated[
        Path | None,
        typer.Option(
            "--petrarch-xml", help="Score CAMEO codes on PETRARCH validation XML instead."
        ),
    ] = None,
    by_type: Annotated[bool, typer.Option("--by-type", help="Per PLOVER type figures.")] = False,
    confusion: Annotated[bool, typer.Option("--confusion", help="Type confusion table.")] = False,
    errors: Annotated[
        int, typer.Option("--errors", help="Print this many misses and false alarms.")
    ] = 0,
    json_out: Annotated[
        Path | None, typer.Option("--json", help="Write the report as JSON (stable format).")
    ] = None,
    compare_with: Annotated[
        Path | None, typer.Option("--compare", help="An earlier --json report to compare with.")
    ] = None,
    predictions: Annotated[
        Path | None,
        typer.Option("--predictions", help="Write the coder's events per gold id as JSONL."),
    ] = None,
    patterns: Annotated[
        list[Path] | None, typer.Option("--patterns", help="Extra trigger-pattern TSV file(s).")
    ] = None,
    petrarch_verbs: PetrarchOption = None,
    disable_rule: DisableRuleOption = None,
    actors: ActorsOption = None,
    no_prefilter: Annotated[
        bool,
        typer.Option("--no-prefilter", help="Parse every sentence (the figures must not change)."),
    ] = False,
    fold: Annotated[
        int | None, typer.Option("--fold", help="Score only this fold (5 is blind).")
    ] = None,
    folds: Annotated[
        str | None,
        typer.Option("--folds", help="Score only these folds, e.g. 1,2,3,4 or 1-4 (5 is blind)."),
    ] = None,
    folds_file: Annotated[
        Path | None,
        typer.Option("--folds-file", help="doc<TAB>fold file (default: guardian_train folds)."),
    ] = None,
) -> None:
    """Score the coder against a gold standard: precision, recall and F1 per sentence.

    Type level: the PLOVER type matches. Full event: type, and source and target code sets
    intersect the gold ones. PLOVER gold-standard records annotate one event per sentence, so
    only recall is meaningful on them.
    """
    from polybius.coding.coder import CoderSpec
    from polybius.commands import evaluating
    from polybius.commands.patterns import extra_pattern_specs
    from polybius.evaluate.folds import FoldError, plan_evaluation
    from polybius.evaluate.gold import GoldFormatError

    if (gold is None) == (petrarch_xml is None):
        raise typer.BadParameter("give a GOLD file or --petrarch-xml FILE (one of them)")
    path = gold or petrarch_xml
    if not path.exists():
        _fail(f"no such file {path}")
    try:  # blind folds: aggregate figures only, no sentence-level detail
        selection = plan_evaluation(
            gold,
            petrarch_xml,
            fold,
            folds,
            folds_file,
            {"--errors": errors > 0, "--predictions": predictions is not None},
        )
    except (FoldError, GoldFormatError) as exc:
        _fail(exc)
    spec = CoderSpec(
        extra_pattern_specs(patterns, petrarch_verbs),
        tuple(disable_rule or ()),
        _actor_files(actors),
    )
    try:
        report, details = evaluating.run_evaluation(
            path, petrarch_xml is not None, spec, not no_prefilter, console, selection
        )
    except CommandError as exc:
        _fail(exc)
    evaluating.print_report(out, report, by_type, confusion)
    if errors:
        evaluating.print_errors(out, details, errors)
    evaluating.write_outputs(report, details, predictions, json_out, console)
    if compare_with:
        evaluating.print_comparison(out, report, compare_with)


# --------------------------------------------------------------------- aggregation and exports


@app.command()
def rules(
    stage: Annotated[
        str | None,
        typer.Option(
            "--stage",
            help="Only this stage: parse, sentence, gate, modality, recode, actors or merge.",
        ),
    ] = None,
) -> None:
    """List the coder's named rules in the order they run, with their reasons.

    Any rule can be switched off with `polybius code --disable-rule NAME` (or `evaluate`);
    `polybius show DOC --why` prints the rules that made each event.
    """
    from polybius.coding.rules.registry import STAGES
    from polybius.commands.rules import print_rules

    if stage is not None and stage not in STAGES:
        raise typer.BadParameter(f"unknown stage {stage!r}; one of {', '.join(STAGES)}")
    print_rules(out, stage)


@app.command()
def aggregate(db: DbOption = Path(DEFAULT_DB)) -> None:
    """Recompute duplicate links, document tone and aggregated events from scratch.

    `polybius code` already does this incrementally after every run; use this command after
    changing the store by other means, or to upgrade a store of an older schema version.
    Duplicates: MinHash LSH over 5-word shingles, exact Jaccard >= 0.5. Events: mentions with
    the same PLOVER type, CAMEO root, source and target code sets, dated within 2 days and in
    a compatible place (see README).
    """
    from polybius.commands.aggregation import aggregate_store, summary_line
    from polybius.store.queries import aggregation_totals

    with Store(db, publish=True) as store:  # readers read its snapshot meanwhile
        result = aggregate_store(store, console, full=True)
        totals = aggregation_totals(store)
    out.print(summary_line(result))
    out.print(
        f"{db}: {totals['documents']} documents ({totals['duplicates']} duplicates), "
        f"{totals['mentions']} mentions, {totals['events']} aggregated events "
        f"({totals['multi_source_events']} reported by more than one source)"
    )


def _since_until(since: str | None, until: str | None) -> tuple[date | None, date | None]:
    """The parsed dates; `--since` after `--until` is an error (exit 2), not an empty answer."""
    from polybius.commands.filters import check_dates

    first, last = _parse_day(since, "--since"), _parse_day(until, "--until")
    try:
        check_dates(first, last)
    except CommandError as exc:
        _fail(exc)
    return first, last


SinceOption = Annotated[str | None, typer.Option(help="First event date, YYYY-MM-DD.")]
UntilOption = Annotated[str | None, typer.Option(help="Last event date, YYYY-MM-DD.")]


@app.command()
def export(
    format: Annotated[
        str,
        typer.Option(
            "--format",
            help="gdelt (GDELT 2.0 Events, 61 tab-separated columns), gdelt-mentions (GDELT 2.0 "
            "Mentions, 16 columns), gdelt-dates (each event's date precision and period, the "
            "companion of gdelt: no fake day is written there), polecat (PLOVER JSON lines), "
            "parquet (folder partitioned "
            "by event date), csv or jsonl (the aggregated events table).",
        ),
    ],
    db: DbOption = Path(DEFAULT_DB),
    since: SinceOption = None,
    until: UntilOption = None,
    out_file: Annotated[
        Path | None,
        typer.Option("--out", help="File (folder for parquet) to write; default: stdout."),
    ] = None,
) -> None:
    """Export the aggregated events (one record per event, with mention counts)."""
    from polybius.commands.exporting import ExportFormat
    from polybius.commands.exporting import export as run_export

    try:
        kind = ExportFormat(format)
    except ValueError:
        raise typer.BadParameter(
            f"--format must be one of {', '.join(f.value for f in ExportFormat)}"
        ) from None
    first, last = _since_until(since, until)
    with _open(db) as store:
        try:
            n = run_export(store, kind, out_file, first, last)
        except CommandError as exc:
            _fail(exc)
    console.print(f"wrote {n} events" + (f" to {out_file}" if out_file else ""))


@app.command("import-gdelt")
def import_gdelt(
    files: Annotated[
        list[Path],
        typer.Argument(help="GDELT 2.0 Events files (.export.CSV, also .zip or .gz)."),
    ],
    db: DbOption = Path(DEFAULT_DB),
) -> None:
    """Read GDELT 2.0 Events files into the table gdelt_events, for `polybius compare-gdelt`.

    The rows are kept apart from Polybius's own events; importing a file again replaces them.
    """
    from polybius.commands.exporting import import_gdelt as run_import
    from polybius.store.queries import gdelt_event_count

    with Store(db) as store:
        try:
            done = run_import(store, files)
        except CommandError as exc:
            _fail(exc)
        total = gdelt_event_count(store)
    for path, n in done:
        out.print(f"{path}: {n} GDELT events")
    out.print(f"{db}: {total} GDELT events in gdelt_events")


@app.command("compare-gdelt")
def compare_gdelt(
    db: DbOption = Path(DEFAULT_DB),
    since: SinceOption = None,
    until: UntilOption = None,
    top: Annotated[int, typer.Option(help="Dyads and root codes to list.")] = 20,
    json_out: Annotated[
        Path | None, typer.Option("--json", help="Also write the overlap figures as JSON.")
    ] = None,
) -> None:
    """Compare Polybius's events with imported GDELT events over the days both cover.

    Events are counted per dyad and CAMEO root code (actor 1 country or group, actor 2, root);
    the overlap figures say how many dyad-roots and events the two have in common.
    """
    from polybius.commands.exporting import compare_gdelt as run_compare

    first, last = _since_until(since, until)
    with _open(db) as store:
        try:
            figures = run_compare(store, first, last, top, out)
        except CommandError as exc:
            _fail(exc)
    if json_out:
        json_out.write_text(json.dumps(figures, indent=2) + "\n")


@app.command()
def trend(
    source: Annotated[str | None, typer.Option(help="Source actor code, e.g. RUS.")] = None,
    target: Annotated[str | None, typer.Option(help="Target actor code, e.g. NATO.")] = None,
    by: Annotated[str, typer.Option(help="Period: day, week, month or year.")] = "week",
    both_directions: Annotated[
        bool,
        typer.Option(
            "--both-directions", "--reciprocal", help="Count target -> source events too."
        ),
    ] = False,
    spread: Annotated[
        bool,
        typer.Option(
            "--spread",
            help="Share events dated less precisely than the period (a month, a year) evenly "
            "among the periods they cover, instead of counting them apart as not placed "
            "in time.",
        ),
    ] = False,
    db: DbOption = Path(DEFAULT_DB),
    since: SinceOption = None,
    until: UntilOption = None,
    plot_file: Annotated[
        Path | None, typer.Option("--plot", help="Also draw the chart into this PNG file.")
    ] = None,
    json_out: Annotated[Path | None, typer.Option("--json", help="Also write JSON.")] = None,
    csv_out: Annotated[Path | None, typer.Option("--csv", help="Also write CSV.")] = None,
) -> None:
    """Events of a dyad per period: counts per QuadClass and mean Goldstein score."""
    from polybius.commands.exporting import trend as run_trend
    from polybius.trend import PERIODS

    if by not in PERIODS:
        raise typer.BadParameter(f"--by must be one of {', '.join(PERIODS)}")
    from polybius.commands.filters import check_actor_codes

    first, last = _since_until(since, until)
    with _open(db) as store:
        try:
            check_actor_codes(store, source=source, target=target)
            n = run_trend(
                store,
                source,
                target,
                by,
                both_directions,
                first,
                last,
                plot_file,
                json_out,
                csv_out,
                out,
                spread,
            )
        except CommandError as exc:
            _fail(exc)
    if plot_file and n:
        console.print(f"chart written to {plot_file}")


if __name__ == "__main__":
    app()
