"""Coded documents as a Parquet dataset (the Ray engine's output) and back into DuckDB."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pyarrow as pa
import pyarrow.dataset as pads
import pyarrow.parquet as pq

from polybius.models import Actor, Document, DocumentResult, Event, Sentence
from polybius.store.db import Store

DOC_FIELDS = [f.name for f in fields(Document)]
EVENT_SCALARS = [
    f.name for f in fields(Event) if f.name not in ("sources", "targets", "trigger_token")
]
ACTOR_FIELDS = [f.name for f in fields(Actor)]
NO_DATE = "none"  # partition value for events without a date


def write_results(results: list[DocumentResult], root: str | Path, basename: str) -> None:
    """Append one chunk of results to the dataset under `root`."""
    root = Path(root)
    # every row carries its part, so a document coded again in a later run (same doc_id)
    # keeps its own sentences and events apart
    docs = [{"part": basename, **{k: getattr(r.document, k) for k in DOC_FIELDS}} for r in results]
    sents = [
        {
            "part": basename,
            "doc_id": s.doc_id,
            "index": s.index,
            "text": s.text,
            "start": s.start,
            "end": s.end,
        }
        for r in results
        for s in r.sentences
    ]
    events, actors = [], []
    for r in results:
        for e in r.events:
            row = {"part": basename, **{k: getattr(e, k) for k in EVENT_SCALARS}}
            row["event_day"] = e.event_date.isoformat() if e.event_date else NO_DATE
            events.append(row)
            for role, group in (("source", e.sources), ("target", e.targets)):
                for pos, a in enumerate(group):
                    actors.append(
                        {
                            "part": basename,
                            "event_id": e.event_id,
                            "role": role,
                            "position": pos,
                            **{k: getattr(a, k) for k in ACTOR_FIELDS},
                        }
                    )
    _write(docs, root / "documents", basename)
    _write(sents, root / "sentences", basename)
    _write(actors, root / "event_actors", basename)
    if events:
        table = pa.Table.from_pylist(events)
        # typed even when every trace of the chunk is empty (inferred: a list of nulls)
        table = table.set_column(
            table.schema.get_field_index("trace"),
            "trace",
            pa.array([row["trace"] for row in events], pa.list_(pa.string())),
        )
        pads.write_dataset(
            table,
            root / "events",
            format="parquet",
            partitioning=pads.partitioning(pa.schema([("event_day", pa.string())]), flavor="hive"),
            basename_template=f"{basename}-{{i}}.parquet",
            existing_data_behavior="overwrite_or_ignore",
        )


def _write(rows: list[dict], folder: Path, basename: str) -> None:
    if not rows:
        return
    folder.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.Table.from_pylist(rows), folder / f"{basename}.parquet")


def read_results(root: str | Path) -> list[DocumentResult]:
    """Every document of a dataset with its sentences and events, in input order."""
    root = Path(root)
    if not (root / "documents").exists():
        raise FileNotFoundError(f"{root} has no documents/ folder: not a Polybius Parquet dataset")
    docs = _read(root / "documents")
    sents = _read(root / "sentences")
    events = _read(root / "events", partitioned=True)
    actors = _read(root / "event_actors")
    by_event: dict[tuple, dict[str, list[Actor]]] = {}
    for a in sorted(actors, key=lambda a: (a["part"], a["event_id"], a["role"], a["position"])):
        actor = Actor(**{k: a[k] for k in ACTOR_FIELDS})
        key = (a["part"], a["event_id"])
        by_event.setdefault(key, {"source": [], "target": []})[a["role"]].append(actor)
    results: dict[tuple, DocumentResult] = {}
    seen_hashes: set[str] = set()
    for d in sorted(docs, key=lambda d: d["part"]):
        if d["content_hash"] in seen_hashes:
            continue  # the same document from an earlier run
        seen_hashes.add(d["content_hash"])
        results[(d["part"], d["doc_id"])] = DocumentResult(
            Document(**{k: d[k] for k in DOC_FIELDS})
        )
    for s in sorted(sents, key=lambda s: (s["part"], s["doc_id"], s["index"])):
        r = results.get((s["part"], s["doc_id"]))
        if r is not None:
            r.sentences.append(Sentence(s["doc_id"], s["index"], s["text"], s["start"], s["end"]))
    for e in events:
        r = results.get((e["part"], e["doc_id"]))
        if r is None:
            continue
        roles = by_event.get((e["part"], e["event_id"]), {"source": [], "target": []})
        values = {k: e[k] for k in EVENT_SCALARS if k != "trace"}
        trace = list(e.get("trace") or [])  # datasets written before events had a trace lack it
        r.events.append(
            Event(**values, trace=trace, sources=roles["source"], targets=roles["target"])
        )
    for r in results.values():
        r.events.sort(key=lambda e: (e.sentence_index, e.trigger_start, e.event_id))
    return list(results.values())


def _read(folder: Path, partitioned: bool = False) -> list[dict]:
    if not folder.exists():
        return []
    dataset = pads.dataset(
        folder,
        format="parquet",
        partitioning=pads.partitioning(pa.schema([("event_day", pa.string())]), flavor="hive")
        if partitioned
        else None,
    )
    rows = dataset.to_table().to_pylist()
    for row in rows:
        row.pop("event_day", None)
    return rows


def load_dataset(root: str | Path, store: Store, batch_size: int = 500) -> tuple[int, int]:
    """Write a dataset into the store; returns (documents read, documents newly stored)."""
    results = read_results(root)
    written = 0
    for i in range(0, len(results), batch_size):
        written += store.write_batch(results[i : i + batch_size])
    return len(results), written
