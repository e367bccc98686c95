"""Reading on a Dask cluster, for backfills and reprocessing bigger than one machine: years of
scanned letters at ~40 pages a minute per machine would take a day.

The flow that reads (`read_on_dask_flow`) runs its per-letter tasks through Prefect's Dask
task runner on the cluster at `address` (`tcp://HOST:8786`). A task is one archived document:
the worker reads it from the raw archive and keeps OCR'd pages in the OCR cache, both on a
path every worker sees (the same absolute paths as on the machine that runs the flow), and
sends back the letter resolved, or its rejection. The results come back to the flow in the
order of the tasks, and the one loader writes them, so the warehouse is the same as after an
in-process run. Each worker loads the registry once and keeps one unit matcher for its life.

On the cluster a document has Dask's limits, not ours: a worker over its memory is restarted
by its nanny and the task is retried elsewhere, but no document is stopped for taking long.
"""

# No `from __future__ import annotations`: Prefect validates the flow's parameters from its
# annotations, which must then be real types.

from dataclasses import replace
from functools import cache
from pathlib import Path

from prefect import flow, task
from prefect.cache_policies import NO_CACHE
from prefect.futures import PrefectFuture
from prefect_dask import DaskTaskRunner

from chiso.extractors.read.limits import ReadLimits
from chiso.flows.reading import Outcome, Task, read_task, rejected
from chiso.normalize.matching import UnitMatcher
from chiso.normalize.registry import load_registry


@cache
def _worker_matcher(alias_files: tuple[Path, ...]) -> UnitMatcher:
    """The registry and one run-wide matcher per worker process (a task never ships the
    registry: 5,000 units pickled with every letter would cost more than reading it)."""
    return UnitMatcher(load_registry(alias_files))


@task(cache_policy=NO_CACHE)
def read_letter_task(item: Task, alias_files: tuple[Path, ...], limits: ReadLimits, ocr_cache: Path | None) -> Outcome:
    """Read, parse and resolve one archived document on a Dask worker; a MemoryError is the
    document's rejection here, as a reading worker's is at home."""
    matcher = _worker_matcher(alias_files)
    try:
        return read_task(item, matcher.registry, limits, ocr_cache, matcher)
    except MemoryError:
        return rejected(item.source_name, item.doc_id, "out of memory on a Dask worker")


def read_on_dask(items: list[Task | Outcome], address: str, alias_files: tuple[Path, ...], limits: ReadLimits,
                 ocr_cache: Path | None) -> list[Outcome]:
    """An outcome per item, in order: Tasks are read on the cluster at `address`; an Outcome (a
    document missing from the archive) passes through. Unless told otherwise, a worker OCRs
    one page at a time: the cluster's parallelism is its workers, one per core."""
    if limits.ocr_workers is None:
        limits = replace(limits, ocr_workers=1)
    runner = DaskTaskRunner(address=address)
    return read_on_dask_flow.with_options(task_runner=runner)(
        items, tuple(p.resolve() for p in alias_files), limits, ocr_cache.resolve() if ocr_cache else None)


@flow(name="chiso-read-on-dask")
def read_on_dask_flow(items: list, alias_files: tuple[Path, ...], limits: ReadLimits, ocr_cache: Path | None) -> list:
    """Submit every document to the cluster, then gather the outcomes in the order given."""
    # No quote() here: prefect-dask hands a quoted argument to the task as a bare tuple.
    futures = [(item, read_letter_task.submit(item, alias_files, limits, ocr_cache)) if isinstance(item, Task) else item
               for item in items]
    return [entry if isinstance(entry, Outcome) else _gathered(*entry) for entry in futures]


def _gathered(item: Task, future: PrefectFuture[Outcome]) -> Outcome:
    """The task's outcome, or the document's rejection when the cluster lost it (a worker that
    died reading it three times: Dask's KilledWorker), so one letter never fails the run."""
    result = future.result(raise_on_failure=False)
    if isinstance(result, Outcome):
        return result
    return rejected(item.source_name, item.doc_id, f"not read on the Dask cluster: {type(result).__name__}: {result}")
