"""`polybius show`: a document sentence by sentence, its events under each, optionally why."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from polybius.commands import CommandError
from polybius.store import queries
from polybius.store.db import Store

NO_TRACE = "(no trace stored: coded by an older Polybius; re-code to see why)"
TRACE_INDENT = "        "  # under the event line ("   -> ...")


def show_document(store: Store, doc_id: str, out: Console, why: bool = False) -> None:
    """Print the document's metadata, each sentence with its evidence highlighted and the
    events coded from it; with `why`, each event's trace (pattern, rules, actors) under it."""
    document = store.document(doc_id)
    if document is None:
        raise CommandError(f"no document {doc_id!r} in {store.path}")
    sentences = queries.document_sentences(store, doc_id)
    actors = queries.document_actor_spans(store, doc_id)
    events = queries.document_events(store, doc_id)
    traces = queries.event_traces(store, doc_id) if why else {}
    _print_header(out, document)
    by_sentence: dict[int, list[dict]] = {}
    for e in events:
        by_sentence.setdefault(e["sentence_index"], []).append(e)
    spans: dict[int, list[tuple[str, int, int]]] = {}
    for idx, role, s, e in actors:
        spans.setdefault(idx, []).append((role, s, e))
    for idx, text in sentences:
        line = Text(text)
        for role, s, e in spans.get(idx, []):
            if 0 <= s < e <= len(text):
                line.stylize("bold cyan" if role == "source" else "bold green", s, e)
        for e in by_sentence.get(idx, []):
            line.stylize("bold magenta underline", e["trigger_start"], e["trigger_end"])
        out.print(line)
        for e in by_sentence.get(idx, []):
            _print_event(out, e)
            if why:
                print_trace(out, traces.get(e["event_id"], []))
    out.print("[dim]legend: [bold cyan]source[/] [bold green]target[/] [bold magenta]trigger[/][/]")


def _print_header(out: Console, document: dict) -> None:
    doc_id = document["doc_id"]
    out.print(f"[bold]{document['title'] or doc_id}[/]")
    meta = [f"id {doc_id}", f"status {document['status']}"]
    for key in ("published", "source", "url"):
        if document[key]:
            meta.append(f"{key} {document[key]}")
    out.print(" · ".join(meta), style="dim")
    if document["error"]:
        out.print(f"[yellow]{document['error']}[/]")


def _print_event(out: Console, e: dict) -> None:
    src = "+".join(e["source_codes"] or []) or "-"
    tgt = "+".join(e["target_codes"] or []) or "-"
    out.print(
        f"   -> [cyan]{src}[/] {e['plover_type']}/{e['cameo_code']} [green]{tgt}[/] "
        f"({e['status']}, {e['event_date'] or 'no date'})",
        highlight=False,
    )


def print_trace(out: Console, lines: list[str]) -> None:
    """An event's trace lines, indented under it, or why there are none.

    Printed as plain Text: trace lines quote patterns and sentences, whose brackets must not
    be read as console markup.
    """
    if not lines:
        out.print(Text(TRACE_INDENT + NO_TRACE, style="dim"))
        return
    for line in lines:
        out.print(Text(TRACE_INDENT + line), highlight=False)
