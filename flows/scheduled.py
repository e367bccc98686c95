"""Prefect flows for the scheduled nightly run, month backfills, reprocessing and ingests.

Tasks are per source (collect) and per batch of documents (read): a batch is read by the
worker processes of `flows.isolation`, each document under the run's time and memory limits,
which Prefect's own task runner cannot impose. Loading stays in the flow, since the run's copy
of the warehouse has one writer, and is published at the end (`publish_run`). The
flows call the same functions as the CLI (`flows/runs.py`, `flows/pipeline.py`); `chiso serve`
serves the nightly deployment on a cron schedule.
"""

# No `from __future__ import annotations` here: Prefect validates flow parameters from the
# annotations of a flow it loads by entrypoint, which must then be real types.

import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
from prefect import flow, serve, task
from prefect.deployments.runner import RunnerDeployment
from prefect.cache_policies import NO_CACHE
from prefect.context import get_run_context
from prefect.schedules import Cron
from prefect.settings import PREFECT_API_URL, temporary_settings
from prefect.utilities.annotations import quote

from chiso.flows.archive import RawArchive
from chiso.flows.collect import Collected
from chiso.flows.fetch import Fetcher
from chiso.flows.inputs import read_inputs
from chiso.flows.limits import RunLimits
from chiso.flows.pipeline import Outcome, Summary, publish_run
from chiso.flows.runs import MONTH, archived_tasks, collect_safely, plan_nightly, read_in_parallel, source_name_of
from chiso.flows.sources import Source, load_sources
from chiso.normalize.registry import Registry, load_registry
from chiso.warehouse.lookup import documents_of_month
from chiso.warehouse.report import Report, write_report

DEFAULT_CRON = "0 2 * * *"
DEFAULT_TIMEZONE = "Asia/Ho_Chi_Minh"


@task(cache_policy=NO_CACHE)
def collect_task(source: Source, fetcher: Fetcher, archive: RawArchive) -> list[Collected]:
    """Fetch (or pick up) one source's documents into the archive."""
    return collect_safely(source, fetcher, archive)


@task(cache_policy=NO_CACHE)
def read_batch_task(todo: list[tuple[str, str]], archive: RawArchive, registry: Registry, ocr_cache: Path | None,
                    limits: RunLimits) -> list[Outcome]:
    """Read, parse and resolve archived documents, each in a worker process under the limits."""
    return list(read_in_parallel(todo, archive, registry, ocr_cache, limits))


@task(cache_policy=NO_CACHE)
def read_files_task(paths: list[Path], registry: Registry, ocr_cache: Path | None, archive: RawArchive | None,
                    limits: RunLimits) -> list[Outcome]:
    """Archive, read, parse and resolve local files, each in a worker process under the limits."""
    return list(read_inputs(paths, registry, limits, ocr_cache, archive))


def _flow_run_id() -> str | None:
    run = get_run_context().flow_run  # type: ignore[union-attr]
    return str(run.id) if run is not None else None


def _read_and_publish(todo: list[tuple[str, str]], db_path: Path, archive: RawArchive, registry: Registry,
                      ocr_cache: Path | None, summary: Summary, limits: RunLimits | None = None,
                      dask_address: str | None = None, alias_files: tuple[Path, ...] = ()) -> Summary:
    """Read on this machine's worker processes, or on the Dask cluster at `dask_address`; load
    here, the warehouse's one writer."""
    limits = limits or RunLimits()
    if dask_address:
        from chiso.flows.on_dask import read_on_dask  # distributed costs a second of import; only Dask runs pay it

        outcomes = read_on_dask(list(archived_tasks(todo, archive)), dask_address, alias_files, limits.read, ocr_cache,
                                limits.doc_timeout_s)
    else:
        # quote(): Prefect would otherwise walk the registry's thousands of units.
        outcomes = read_batch_task(quote(todo), quote(archive), quote(registry), ocr_cache, quote(limits))
    return publish_run(db_path, registry, outcomes, summary, prefect_flow_run_id=_flow_run_id(), archive=archive)


@task(cache_policy=NO_CACHE)
def report_task(db_path: Path, report_path: Path, province: str) -> Report:
    """Write the province's HTML report from the warehouse just published."""
    return write_report(db_path, report_path, province)


@flow(name="chiso-nightly")
def nightly_flow(config_path: Path, db_path: Path, archive_dir: Path, ocr_cache: Path | None = None,
                 alias_files: tuple[Path, ...] = (), report_path: Path | None = None, report_province: str | None = None) -> Summary:
    """Discover, fetch, read, normalise and load; sources and documents in parallel. With
    report_path (and report_province), the province's report is rewritten after the run."""
    if report_path is not None and not report_province:
        raise ValueError("a report needs its province (report_province)")
    config = load_sources(config_path)
    archive = RawArchive(archive_dir)
    registry = load_registry(alias_files)
    summary = Summary("nightly")
    with Fetcher(config.fetch, archive) as fetcher:
        batches = [collect_task.submit(source, quote(fetcher), quote(archive)) for source in config.sources]
        collected = [item for future in batches for item in future.result()]
    todo = plan_nightly(collected, db_path, summary)
    summary = _read_and_publish(todo, db_path, archive, registry, ocr_cache, summary, config.limits)
    if report_path is not None and report_province:
        report_task(db_path, report_path, report_province)
    return summary


@flow(name="chiso-backfill")
def backfill_flow(month: str, db_path: Path, archive_dir: Path, ocr_cache: Path | None = None,
                  alias_files: tuple[Path, ...] = (), dask_address: str | None = None, limits: RunLimits | None = None) -> Summary:
    """Reread one month's letters from the archive, never the network, under `limits`; with
    `dask_address` (`tcp://HOST:8786`), on that Dask cluster."""
    if not MONTH.fullmatch(month):
        raise ValueError(f"month must be YYYY-MM, not {month!r}")
    return _read_and_publish(documents_of_month(db_path, month), db_path, RawArchive(archive_dir.resolve()),
                             load_registry(alias_files), ocr_cache, Summary("backfill"), limits, dask_address, alias_files)


@flow(name="chiso-reprocess")
def reprocess_flow(db_path: Path, archive_dir: Path, ocr_cache: Path | None = None, alias_files: tuple[Path, ...] = (),
                   dask_address: str | None = None, limits: RunLimits | None = None) -> Summary:
    """Reread every archived document after a parser change, under `limits`; with
    `dask_address`, on that Dask cluster."""
    archive = RawArchive(archive_dir.resolve())
    todo = [(doc.sha256, source_name_of(doc)) for doc in archive.documents()]
    return _read_and_publish(todo, db_path, archive, load_registry(alias_files), ocr_cache, Summary("reprocess"), limits,
                             dask_address, alias_files)


@flow(name="chiso-ingest")
def ingest_flow(paths: list[Path], db_path: Path, archive_dir: Path | None = None, ocr_cache: Path | None = None,
                alias_files: tuple[Path, ...] = ()) -> Summary:
    """Ingest files and folders, each archived first when there is an archive; letters in parallel."""
    registry = load_registry(alias_files)
    archive = RawArchive(archive_dir) if archive_dir is not None else None
    outcomes = read_files_task(quote(list(paths)), quote(registry), ocr_cache, quote(archive), quote(RunLimits()))
    return publish_run(db_path, registry, outcomes, Summary("ingest"), prefect_flow_run_id=_flow_run_id(), archive=archive)


def serve_nightly(config_path: Path, db_path: Path, archive_dir: Path, ocr_cache: Path | None, *,
                  cron: str = DEFAULT_CRON, timezone: str = DEFAULT_TIMEZONE, port: int = 4200,
                  report_path: Path | None = None, report_province: str | None = None) -> None:
    """Serve the nightly deployment until interrupted; Prefect starts a run at each cron tick."""
    with prefect_api(port):
        serve(nightly_deployment(config_path, db_path, archive_dir, ocr_cache, cron=cron, timezone=timezone,
                                 report_path=report_path, report_province=report_province))


def nightly_deployment(config_path: Path, db_path: Path, archive_dir: Path, ocr_cache: Path | None, *,
                       cron: str = DEFAULT_CRON, timezone: str = DEFAULT_TIMEZONE,
                       report_path: Path | None = None, report_province: str | None = None) -> RunnerDeployment:
    """The nightly flow with absolute paths as parameters (runs start in another directory)."""
    parameters = {"config_path": str(config_path.resolve()), "db_path": str(db_path.resolve()),
                  "archive_dir": str(archive_dir.resolve()), "ocr_cache": str(ocr_cache.resolve()) if ocr_cache else None,
                  "report_path": str(report_path.resolve()) if report_path else None, "report_province": report_province}
    return nightly_flow.to_deployment(name="chiso-nightly", schedules=[Cron(cron, timezone=timezone)], parameters=parameters)


@contextmanager
def prefect_api(port: int) -> Iterator[str]:
    """The Prefect API that schedules runs: PREFECT_API_URL when set, otherwise a local
    `prefect server` started for as long as this block runs (Prefect's temporary in-process
    server does not schedule)."""
    configured = PREFECT_API_URL.value()
    if configured:
        yield configured
        return
    url = f"http://127.0.0.1:{port}/api"
    log_path = Path(tempfile.gettempdir()) / f"chiso-prefect-server-{port}.log"
    with log_path.open("ab") as log_file:
        server = subprocess.Popen([str(Path(sys.executable).with_name("prefect")), "server", "start", "--host", "127.0.0.1",
                                   "--port", str(port), "--analytics-off"], stdout=log_file, stderr=subprocess.STDOUT)
    try:
        _wait_healthy(url, server, log_path)
        with temporary_settings(updates={PREFECT_API_URL: url}):
            yield url
    finally:
        server.terminate()
        server.wait(30)


def _wait_healthy(url: str, server: subprocess.Popen[bytes], log_path: Path, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"prefect server exited with {server.returncode}; see {log_path}")
        try:
            if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"prefect server did not answer on {url} within {seconds:.0f} s; see {log_path}")
