"""Prefect flow around the pipeline: one task per document, loading kept in the flow.

Reading and parsing run as concurrent tasks (one per letter; local reads need no retries,
the fetch tasks of the nightly flow will carry them);
DuckDB has one writer, so the flow loads each finished letter itself, one transaction each.
The CLI's `ingest` calls the same pipeline functions without Prefect, which keeps one-off runs
free of Prefect's start-up cost.
"""

from __future__ import annotations

from pathlib import Path

from prefect import flow, task
from prefect.context import get_run_context
from prefect.utilities.annotations import quote

from flows.pipeline import Outcome, Summary, iter_inputs, process_file, publish_run
from normalize.registry import Registry, load_registry


@task
def read_letter(path: Path, registry: Registry) -> Outcome:
    """Read, parse and resolve one letter; unreadable files come back as rejections."""
    return process_file(path, registry)


@flow(name="chiso-ingest")
def ingest_flow(paths: list[Path], db_path: Path, alias_files: tuple[Path, ...] = ()) -> Summary:
    """Ingest files and folders; a failing letter is recorded and the others load."""
    registry = load_registry(alias_files)
    futures = [read_letter.submit(path, quote(registry)) for path in iter_inputs(paths)]
    run_id = flow_run.id if (flow_run := get_run_context().flow_run) else None
    return publish_run(db_path, registry, (future.result() for future in futures), Summary("ingest"),
                       prefect_flow_run_id=str(run_id) if run_id else None)
