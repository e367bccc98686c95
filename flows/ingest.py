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

from flows.pipeline import Outcome, Summary, iter_inputs, load_outcome, prepare_warehouse, process_file
from normalize.registry import Registry, load_registry
from warehouse.load import finish_load, start_load


@task
def read_letter(path: Path, registry: Registry) -> Outcome:
    """Read, parse and resolve one letter; unreadable files come back as rejections."""
    return process_file(path, registry)


@flow(name="chiso-ingest")
def ingest_flow(paths: list[Path], db_path: Path, alias_files: tuple[Path, ...] = ()) -> Summary:
    """Ingest files and folders; a failing letter is recorded and the others load."""
    registry = load_registry(alias_files)
    futures = [read_letter.submit(path, registry) for path in iter_inputs(paths)]
    summary = Summary()
    con = prepare_warehouse(db_path, registry)
    try:
        load_id = start_load(con)
        for future in futures:
            load_outcome(con, future.result(), load_id, summary)
        finish_load(con, load_id, {"documents": summary.documents, "facts": summary.facts, "rejected": len(summary.rejected)})
    finally:
        con.close()
    return summary
