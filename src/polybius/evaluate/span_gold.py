"""Gold sets kept without their text: each sentence is a character span of a shared document.

The shared data (real pages and articles) is read from `../shared/data` and never committed;
the project's own annotations name, for every sentence, the document it was cut from, its
span there and its events (a trigger may be kept as its [start, end] in the sentence, so no
words of the shared text are stored at all). `write_gold` joins the two into an ordinary gold
JSONL that `polybius evaluate` scores (evaluate/webnews.py and evaluate/guardian_spans.py use it).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

STATUSES = ("occurred", "intended", "reported_claim")  # the gold guide's event statuses


class SpanGoldError(ValueError):
    """Annotations that do not fit the shared documents they were made on."""


def load_rows(path: Path, keys: set[str], error: type[SpanGoldError]) -> list[dict]:
    """The shipped annotation rows, each with at least `keys` (never a text)."""
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        row = json.loads(line)
        missing = keys - set(row)
        if missing:
            raise error(f"{path.name}:{n}: missing {', '.join(sorted(missing))}")
        rows.append(row)
    return rows


def problems(rows: list[dict], document_key: str) -> list[str]:
    """What is wrong with shipped annotation rows ("id: reason"; empty when nothing is): each
    row has exactly its fields and a span, ids are unique, events have a PLOVER type,
    upper-case codes, a status of the guide and, when kept as a span, a trigger inside the
    sentence."""
    from polybius.events.ontology import load_ontology

    types = set(load_ontology().plover)
    found, seen = [], set()
    for row in rows:
        rid = row["id"]
        if set(row) != {"id", document_key, "start", "end", "events"}:
            found.append(f"{rid}: fields {sorted(row)}")
        if not 0 <= row["start"] < row["end"]:
            found.append(f"{rid}: span {row['start']}-{row['end']}")
        if rid in seen:
            found.append(f"{rid}: repeated id")
        seen.add(rid)
        for e in row["events"]:
            codes = e["source"] + e["target"]
            if e["event"] not in types:
                found.append(f"{rid}: type {e['event']}")
            if not all(isinstance(c, str) and c == c.upper() for c in codes):
                found.append(f"{rid}: codes {codes}")
            if e["status"] not in STATUSES:
                found.append(f"{rid}: status {e['status']}")
            span = e.get("trigger")
            if isinstance(span, list) and not 0 <= span[0] < span[1] <= row["end"] - row["start"]:
                found.append(f"{rid}: trigger span {span}")
    return found


def _with_trigger_text(event: dict, text: str) -> dict:
    """An event whose trigger is kept as [start, end] in its sentence gets the words there."""
    span = event.get("trigger")
    if isinstance(span, list):
        return {**event, "trigger": text[span[0] : span[1]]}
    return event


def write_gold(
    rows: list[dict],
    document: Callable[[dict], tuple[str, str, str]],
    out: Path,
    where: str,
    error: type[SpanGoldError],
) -> int:
    """Write one gold record per row; `document(row)` gives (the shared document's text, the
    record's doc id, its date). Returns the number of sentences."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as f:
        for row in rows:
            body, doc, day = document(row)
            text = body[row["start"] : row["end"]]
            if not text.strip() or row["end"] > len(body):
                raise error(
                    f"{row['id']}: no text at {row['start']}-{row['end']} of {doc} in {where}: "
                    "not the documents it was annotated on"
                )
            events = [_with_trigger_text(e, text) for e in row["events"]]
            record = {"id": row["id"], "doc": doc, "date": day, "text": text, "events": events}
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
    return len(rows)
