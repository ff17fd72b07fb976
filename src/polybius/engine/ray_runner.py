"""The Ray engine: the same stage functions as Ray Data tasks, for corpora beyond one machine.

The driver cuts the input into the same read tasks as the local engine. Ray Data maps them
through a pool of actors (each loads spaCy and the dictionaries once) and the results are
written as a Parquet dataset:

    DIR/documents/      one row per document (status, error, metadata, text)
    DIR/sentences/      one row per sentence
    DIR/events/         the event records, partitioned by event_date (hive style)
    DIR/event_actors/   every source and target actor of every event

`polybius load DIR --db FILE` (or `polybius code --engine ray --db FILE`) brings a dataset into
DuckDB; documents already in the store (same content hash) are skipped.
Ray is an optional dependency: `pip install '.[ray]'`.
"""

from __future__ import annotations

import pickle
import time
import uuid
from collections.abc import Iterable
from pathlib import Path

from polybius.coding.coder import DEFAULT_SPEC, CoderSpec
from polybius.engine.runner import RunSummary, TaskResult, init_worker, process_task
from polybius.ingest.sources import DEFAULT_MAX_BYTES
from polybius.ingest.tasks import plan_tasks
from polybius.models import DocumentResult
from polybius.store.parquet import write_results


class RayNotInstalled(RuntimeError):
    pass


class _CodeActor:
    """A Ray actor: loads the coder once, then reads and codes tasks."""

    def __init__(self, known, spec, max_bytes, prefilter):
        init_worker(known, spec, max_bytes, prefilter, ignore_sigint=False)

    def __call__(self, batch: dict) -> dict:
        out = []
        for blob in batch["task"]:
            out.append(pickle.dumps(process_task(pickle.loads(blob))))
        return {"result": out}


def run_ray(
    paths: Iterable[str],
    parquet_dir: str | Path,
    known_hashes: frozenset[str] = frozenset(),
    workers: int = 2,
    address: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    prefilter: bool = True,
    spec: CoderSpec = DEFAULT_SPEC,
    progress=None,
) -> RunSummary:
    try:
        import ray
    except ImportError:
        raise RayNotInstalled(
            "the Ray engine needs Ray: pip install '.[ray]' (or use the default --engine local)"
        ) from None
    started = time.perf_counter()
    summary = RunSummary(workers=workers)
    if not ray.is_initialized():
        if address:
            ray.init(address=address, log_to_driver=False)
        else:
            ray.init(num_cpus=workers, include_dashboard=False, log_to_driver=False)
    ctx = ray.data.DataContext.get_current()
    ctx.execution_options.preserve_order = True  # same order, same ids as the local engine
    ctx.enable_progress_bars = False
    tasks = [{"task": pickle.dumps(t)} for t in plan_tasks(paths, max_bytes)]
    if not tasks:
        summary.seconds = time.perf_counter() - started
        return summary
    # one task per block, so the actor pool balances work task by task
    ds = ray.data.from_items(tasks, override_num_blocks=len(tasks))
    coded = ds.map_batches(
        _CodeActor,
        fn_constructor_args=(known_hashes, spec, max_bytes, prefilter),
        batch_size=1,
        compute=ray.data.ActorPoolStrategy(size=workers),
        num_cpus=1,
    )
    run_id = uuid.uuid4().hex[:8]
    pending: list[DocumentResult] = []
    part = 0
    for row in coded.iter_rows():
        result: TaskResult = pickle.loads(row["result"])
        summary.timings.update(result.timings)
        summary.unchanged += result.unchanged
        summary.documents += len(result.results) + result.unchanged
        summary.count(result.results)
        pending.extend(result.results)
        if progress:
            progress(result.nbytes, summary)
        if len(pending) >= 256:
            write_results(pending, parquet_dir, f"{run_id}-{part:05d}")
            part += 1
            pending = []
    if pending:
        write_results(pending, parquet_dir, f"{run_id}-{part:05d}")
    summary.seconds = time.perf_counter() - started
    return summary
