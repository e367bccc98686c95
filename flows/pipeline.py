"""The ingest pipeline as plain functions: read → parse → resolve → load, one letter at a time.

Prefect flows and the CLI call these; nothing here computes what the stages compute. A letter
that cannot be read becomes a rejection row and the run goes on; a letter is loaded in one
transaction, so a failure never leaves it half-written and a re-run replaces it exactly.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb

from chiso.flows.archive import RawArchive
from chiso.flows.inputs import read_inputs
from chiso.flows.limits import RunLimits
from chiso.flows.reading import Outcome
from chiso.normalize.fact import Rejection
from chiso.normalize.indicators import catalogue
from chiso.normalize.registry import Registry, load_registry
from chiso.warehouse.load import (LetterToLoad, RunRecord, load_dimensions, load_indicators, load_letters, load_unit_graph,
                                  new_load_id, open_warehouse, record_rejection, record_run)
from chiso.warehouse.post_load import SourceOfLetter, refresh_after_load
from chiso.warehouse.publish import building


# Letters per transaction of the single writer: enough that a statement's fixed cost is spread
# thin, few enough that the progress bar moves every second or so (~20 letters/s).
LETTERS_PER_BATCH = 16


@dataclass(slots=True)
class Summary:
    """What a run did: the CLI prints it and the warehouse's `runs` view keeps it."""

    flow: str = "ingest"
    started_at: datetime = field(default_factory=datetime.now)
    documents: int = 0
    unchanged: int = 0
    failed: int = 0
    facts: int = 0
    facts_replaced: int = 0
    unresolved_units: int = 0
    checks_failed: int = 0
    post_load_seconds: float | None = None
    rejected: list[Rejection] = field(default_factory=list)
    notes: list[Rejection] = field(default_factory=list)

    def record(self, prefect_flow_run_id: str | None = None) -> RunRecord:
        return RunRecord(self.flow, self.started_at, self.documents, self.unchanged, self.failed, self.facts,
                         self.facts_replaced, tuple(self.rejected), prefect_flow_run_id, self.post_load_seconds)


def prepare_warehouse(db_path: Path, registry: Registry) -> duckdb.DuckDBPyConnection:
    """Open (or create) the warehouse and refresh the dimensions: units and their lineage,
    indicators, measures, the PAR INDEX / SIPAS structures."""
    con = open_warehouse(db_path)
    load_unit_graph(con, registry)
    load_indicators(con, catalogue())
    load_dimensions(con)
    return con


def load_outcomes(con: duckdb.DuckDBPyConnection, outcomes: Iterable[Outcome], load_id: str, summary: Summary,
                  on_progress: Callable[[Outcome], None] | None = None) -> None:
    """Load the letters (or record the rejections) in the order given, adding them to the run's
    summary. Letters are loaded LETTERS_PER_BATCH at a time, one transaction and one insert per
    table for each batch: the single writer shares the cores with the reading workers, and a
    statement costs the same CPU for one letter's rows as for many letters'."""
    batch: list[Outcome] = []

    def flush() -> None:
        letters = [LetterToLoad(o.resolved.letter, o.resolved.facts, o.resolved.review, o.resolved.rejections, o.resolved.new_indicators)
                   for o in batch if o.resolved is not None]
        for outcome, result in zip(batch, load_letters(con, letters, load_id) if letters else []):
            assert outcome.resolved is not None
            summary.documents += 1
            summary.facts += result.facts_added
            summary.facts_replaced += result.facts_replaced
            summary.unresolved_units += len(outcome.resolved.review)
            summary.notes.extend(outcome.resolved.rejections)
            if on_progress is not None:
                on_progress(outcome)
        batch.clear()

    for outcome in outcomes:
        if outcome.resolved is None:  # the letters before it load first: rows land in the order found
            assert outcome.rejection is not None
            flush()
            record_rejection(con, outcome.rejection, load_id)
            summary.rejected.append(outcome.rejection)
            summary.failed += 1
            if on_progress is not None:
                on_progress(outcome)
            continue
        if any(o.resolved is not None and o.resolved.letter.doc_id == outcome.resolved.letter.doc_id for o in batch):
            flush()  # the same bytes given twice: the second replaces the first, as a later run would
        batch.append(outcome)
        if len(batch) >= LETTERS_PER_BATCH:
            flush()
    flush()


def publish_run(db_path: Path, registry: Registry | None, outcomes: Iterable[Outcome], summary: Summary, *,
                on_progress: Callable[[Outcome], None] | None = None, prefect_flow_run_id: str | None = None,
                archive: RawArchive | None = None) -> Summary:
    """Load outcomes (one transaction per letter) into a copy of the warehouse, rebuild figures
    and checks, record the run, and publish the copy; readers never see a half-loaded run, a
    failure publishes nothing. `registry` None is the packaged one."""
    with building(db_path) as staging:
        con = prepare_warehouse(staging, load_registry() if registry is None else registry)
        try:
            load_id = new_load_id(summary.started_at)
            for rejection in summary.rejected:  # found before reading (fetch failures)
                record_rejection(con, rejection, load_id)
            # A letter is a dozen small statements, which DuckDB's threads only slow down (a
            # third of the loading time with two threads on two busy cores); the reading
            # workers have the other cores. The post-load step's are as small, unless it
            # redoes everything, when it takes every thread back itself.
            con.execute("SET threads = 1")
            load_outcomes(con, outcomes, load_id, summary, on_progress)
            post_load = refresh_after_load(con, None if archive is None else _source_in(archive))
            summary.checks_failed, summary.post_load_seconds = post_load.checks_failed, post_load.seconds
            record_run(con, load_id, summary.record(prefect_flow_run_id))
        finally:
            con.close()
    return summary


def ingest(paths: Iterable[Path], db_path: Path, registry: Registry | None = None, *, ocr_cache: Path | None = None,
           archive: RawArchive | None = None, on_progress: Callable[[Outcome], None] | None = None,
           limits: RunLimits | None = None) -> Summary:
    """Ingest files and folders into the warehouse, one letter per transaction; with an
    archive, each file is archived first so `backfill` and `reprocess` can reread it. Files
    are read by worker processes under `limits` and loaded in the order given. `registry`
    None is the packaged one, loaded by each worker as it starts and by this process while
    they do (a one-letter run's first worker starts 0.09 s sooner)."""
    outcomes = read_inputs(paths, registry, limits or RunLimits(), ocr_cache, archive)
    return publish_run(db_path, registry, outcomes, Summary("ingest"), on_progress=on_progress, archive=archive)


def _source_in(archive: RawArchive) -> Callable[[str], SourceOfLetter | None]:
    """A letter's first URL and fetch day in the archive, for the letters view."""
    def source_of(doc_id: str) -> SourceOfLetter | None:
        doc = archive.first_fetch(doc_id)
        return None if doc is None else SourceOfLetter(doc.sha256, doc.url, datetime.fromisoformat(doc.fetched_at).date())

    return source_of
