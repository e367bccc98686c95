"""Reading on a Dask cluster, for backfills and reprocessing bigger than one machine: years of
scanned letters at ~40 pages a minute per machine would take a day.

The flow that reads (`read_on_dask_flow`) runs its per-letter tasks through Prefect's Dask
task runner on the cluster at `address` (`tcp://HOST:8786`). A task is one archived document:
the worker reads it from the raw archive and keeps OCR'd pages in the OCR cache, both on a
path every worker sees (the same absolute paths as on the machine that runs the flow), and
sends back the letter resolved, or its rejection. The results come back to the flow in the
order of the tasks, and the one loader writes them, so the warehouse is the same as after an
in-process run. Each worker loads the registry once and keeps one unit matcher for its life.

A document has the run's time limit (`doc_timeout_s`) there as at home. Neither Dask nor
Prefect stops one: cancelling a Dask future leaves its thread running, and Prefect's own
`timeout_seconds` is not enforced on a Dask worker (PrefectHQ/prefect#13004). So the flow,
while it gathers, asks the scheduler every half second how long each document has been
executing (what each worker reports in its heartbeat, plus the time since); a document over the
limit is recorded rejected as at home ("stopped after N s; over the limit ..."), its Prefect
task run is marked Crashed with that reason, its future is cancelled and its worker restarted
by its nanny, which kills the process that no thread can leave. The documents waiting on that
worker are cancelled with it and submitted again, rather than left to Dask, which would count
the restart against each of them and give up one counted more than three times (KilledWorker);
only a document the scheduler hands that worker during its restart's seconds is left to Dask. A
worker over its memory is restarted by its nanny and its task retried elsewhere, as Dask does.
"""

# No `from __future__ import annotations`: Prefect validates the flow's parameters from its
# annotations, which must then be real types.

import logging
import time
from collections.abc import Callable
from dataclasses import replace
from functools import cache
from pathlib import Path

from distributed import Client
from distributed.scheduler import Scheduler
from prefect import flow, task
from prefect.cache_policies import NO_CACHE
from prefect.client.orchestration import get_client
from prefect.exceptions import ObjectNotFound
from prefect.states import Crashed
from prefect_dask import DaskTaskRunner
from prefect_dask.task_runners import PrefectDaskFuture

from chiso.extractors.read.limits import ReadLimits
from chiso.flows.limits import RunLimits
from chiso.flows.reading import Outcome, Task, read_task, rejected
from chiso.normalize.matching import UnitMatcher
from chiso.normalize.registry import load_registry

log = logging.getLogger(__name__)
# How often the flow asks the scheduler how long its documents have run: as often as workers
# report it (every 0.5 s on a cluster of up to 10 workers, less often on bigger ones).
_POLL_S = 0.5

_Reading = dict[int, tuple[Task, PrefectDaskFuture[Outcome]]]  # the documents on the cluster, by their place in the run


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
                 ocr_cache: Path | None, doc_timeout_s: float = RunLimits().doc_timeout_s) -> list[Outcome]:
    """An outcome per item, in order: Tasks are read on the cluster at `address`, each stopped
    after `doc_timeout_s`; an Outcome (a document missing from the archive) passes through.
    Unless told otherwise, a worker OCRs one page at a time: the cluster's parallelism is its
    workers, one per core."""
    if limits.ocr_workers is None:
        limits = replace(limits, ocr_workers=1)
    runner = DaskTaskRunner(address=address)
    return read_on_dask_flow.with_options(task_runner=runner)(
        items, tuple(p.resolve() for p in alias_files), limits, ocr_cache.resolve() if ocr_cache else None, doc_timeout_s)


@flow(name="chiso-read-on-dask")
def read_on_dask_flow(items: list, alias_files: tuple[Path, ...], limits: ReadLimits, ocr_cache: Path | None,
                      doc_timeout_s: float) -> list:
    """Submit every document to the cluster, then gather the outcomes in the order given,
    stopping each document that runs over `doc_timeout_s`."""
    def submit(item: Task) -> PrefectDaskFuture[Outcome]:
        # No quote() here: prefect-dask hands a quoted argument to the task as a bare tuple.
        return read_letter_task.submit(item, alias_files, limits, ocr_cache)  # type: ignore[return-value]

    outcomes = {index: item for index, item in enumerate(items) if isinstance(item, Outcome)}
    reading: _Reading = {index: (item, submit(item)) for index, item in enumerate(items) if isinstance(item, Task)}
    while reading:
        reading[min(reading)][1].wait(_POLL_S)
        for index in [index for index, (_, future) in reading.items() if future.wrapped_future.done()]:
            outcomes[index] = _gathered(*reading.pop(index))
        if reading:
            outcomes.update(_stopped_over_time(reading, doc_timeout_s, submit))
    return [outcomes[index] for index in range(len(items))]


def _gathered(item: Task, future: PrefectDaskFuture[Outcome]) -> Outcome:
    """The task's outcome, or the document's rejection when the cluster lost it (workers that
    died reading it more than three times: Dask's KilledWorker, which the future raises), so
    one letter never fails the run."""
    try:
        result = future.result(raise_on_failure=False)
    except Exception as error:  # noqa: BLE001 - the cluster's failure is this letter's rejection
        result = error
    if isinstance(result, Outcome):
        return result
    return rejected(item.source_name, item.doc_id, f"not read on the Dask cluster: {type(result).__name__}: {result}")


def _stopped_over_time(reading: _Reading, timeout_s: float, submit: Callable[[Task], PrefectDaskFuture[Outcome]]) -> dict[int, Outcome]:
    """The rejections of the documents executing longer than `timeout_s`, taken out of
    `reading`; their workers are restarted, and the other documents those workers held are
    submitted again (in `reading`, at their places)."""
    client: Client = next(iter(reading.values()))[1].wrapped_future.client
    place = {future.wrapped_future.key: index for index, (_, future) in reading.items()}
    over = {place[key]: (worker, seconds) for key, (worker, seconds) in client.run_on_scheduler(_executing_seconds).items()
            if key in place and seconds > timeout_s}
    if not over:
        return {}
    workers = sorted({worker for worker, _ in over.values()})
    held = [place[key] for keys in client.processing(workers).values() for key in keys if key in place and place[key] not in over]
    client.cancel([reading[index][1].wrapped_future for index in [*over, *held]], force=True)
    restarted = client.restart_workers(workers, raise_for_error=False)
    if any(status != "OK" for status in restarted.values()):
        log.warning("restarting Dask workers over doc_timeout_s: %s", restarted)
    for index in held:
        reading[index] = (reading[index][0], submit(reading[index][0]))
    stopped = {}
    for index, (_, seconds) in over.items():
        item, future = reading.pop(index)
        reason = f"stopped after {seconds:.0f} s; over the limit doc_timeout_s = {timeout_s:g}"
        stopped[index] = rejected(item.source_name, item.doc_id, reason, seconds)
        _record_crashed(future, reason)
    return stopped


def _record_crashed(future: PrefectDaskFuture[Outcome], reason: str) -> None:
    """Tell Prefect what became of the task, which its killed worker never will: without this
    the stopped letter's task run shows as running forever in the Prefect UI."""
    with get_client(sync_client=True) as client:
        try:
            client.set_task_run_state(future.task_run_id, Crashed(message=reason), force=True)
        except ObjectNotFound:  # the API has not yet heard of the run (it learns of it from events)
            log.warning("task run %s of a letter stopped on Dask is unknown to the Prefect API", future.task_run_id)


def _executing_seconds(dask_scheduler: Scheduler) -> dict[str, tuple[str, float]]:
    """Run on the scheduler (which imports this module: it runs chiso's environment): each
    executing task's key → its worker and how long it has run, as the worker said in its last
    heartbeat plus the time since, so a worker too busy to answer (a regex holding the GIL) is
    not taken for a quick one."""
    now = time.time()
    return {ts.key: (worker.address, seconds + now - worker.last_seen) for worker in dask_scheduler.workers.values()
            for ts, seconds in worker.executing.items() if ts in worker.processing}
