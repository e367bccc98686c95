"""On a Dask cluster a document has the run's time limit, as at home: a scanned letter that
takes longer is stopped and rejected naming the limit, the worker reading it is restarted
(no thread can be stopped), and the letters around it, those waiting on that worker
included, load the facts an in-process run loads. A letter whose workers died under it is
that letter's rejection, not the run's failure."""

from __future__ import annotations

import hashlib
import os
import re
import uuid
from pathlib import Path

import dask
import duckdb
import pytest
from prefect.client.orchestration import get_client

from conftest import SAMPLES, SEEDS
from chiso.extractors.read.limits import ReadLimits
from chiso.flows.limits import RunLimits
from chiso.flows.pipeline import Summary, ingest, publish_run
from chiso.flows.reading import Task

# Eight scanned pages: ~10 s of OCR on one core, three times the limit given below; a seed
# takes 0.1 s (a worker's first, with its imports, under a second).
SLOW = SAMPLES / "scans" / "004_4fe8e530b83874ca.pdf"
LIMIT_S = 3.0


@pytest.fixture(scope="module")
def cluster():
    """Two worker processes of one thread each, which take every task as it is submitted
    (`worker-saturation: inf`) and keep it (no work stealing), so the worker that meets the
    slow letter holds seeds too."""
    from distributed import LocalCluster

    settings = {"distributed.scheduler.worker-saturation": "inf", "distributed.scheduler.work-stealing": False}
    with dask.config.set(settings), \
            LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=":0") as local:
        yield local


def _task(path: Path) -> Task:
    return Task(path, path.name, hashlib.sha256(path.read_bytes()).hexdigest())


def _facts(db: Path) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute("SELECT * EXCLUDE (load_id) FROM core_facts ORDER BY doc_id, seq").fetchall()


def test_a_letter_over_its_time_is_stopped_and_the_letters_around_it_load(prefect, cluster, tmp_path, registry):
    from chiso.flows.on_dask import read_on_dask

    workers_before = set(cluster.scheduler.workers)
    items = [_task(SLOW), *map(_task, SEEDS)]
    outcomes = read_on_dask(items, cluster.scheduler_address, (), ReadLimits(), None, doc_timeout_s=LIMIT_S)

    assert [o.source_name for o in outcomes] == [item.source_name for item in items]
    stopped, *seeds = outcomes
    assert stopped.resolved is None and stopped.doc_id == items[0].doc_id
    assert re.fullmatch(r"stopped after \d+ s; over the limit doc_timeout_s = 3", stopped.rejection.reason)
    assert all(o.rejection is None and o.resolved.facts for o in seeds)
    workers_after = set(cluster.scheduler.workers)
    assert len(workers_after) == 2 and len(workers_after - workers_before) == 1, "the slow letter's worker was restarted"

    with get_client(sync_client=True) as client:
        crashed = [run.state.message for run in client.read_task_runs() if run.state and run.state.is_crashed()]
    assert crashed == [stopped.rejection.reason], "Prefect shows the stopped letter's task run as crashed, with the reason"

    publish_run(tmp_path / "there.duckdb", registry, outcomes, Summary("reprocess"))
    ingest(SEEDS, tmp_path / "here.duckdb", registry, limits=RunLimits(workers=0))
    assert _facts(tmp_path / "there.duckdb") == _facts(tmp_path / "here.duckdb")


def test_a_letter_whose_worker_died_is_rejected_not_raised():
    """Dask gives up a task whose workers died under it (KilledWorker, here at the first death)
    and raises it from the future; the run records the letter instead of failing."""
    from distributed import Client, LocalCluster
    from prefect_dask.task_runners import PrefectDaskFuture

    from chiso.flows.on_dask import _gathered

    with dask.config.set({"distributed.scheduler.allowed-failures": 0}), \
            LocalCluster(n_workers=1, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=":0") as local, \
            Client(local) as client:
        dying = PrefectDaskFuture(wrapped_future=client.submit(os._exit, 1), task_run_id=uuid.uuid4())
        outcome = _gathered(_task(SEEDS[0]), dying)
    assert outcome.resolved is None and outcome.source_name == SEEDS[0].name
    assert outcome.rejection.reason.startswith("not read on the Dask cluster: KilledWorker: ")
