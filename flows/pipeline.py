"""The ingest pipeline as plain functions: read → parse → resolve → load, one letter at a time.

Prefect flows and the CLI call these; nothing here computes what the stages compute. A letter
that cannot be read becomes a rejection row and the run goes on; a letter is loaded in one
transaction, so a failure never leaves it half-written and a re-run replaces it exactly.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb

from extractors.errors import UnreadableDocument
from extractors.parse.parse import parse_letter
from extractors.read.readers import SUPPORTED_SUFFIXES, read_document
from flows.archive import RawArchive
from flows.collect import archive_file
from normalize.fact import Rejection
from normalize.indicators import catalogue
from normalize.lineage import build_lineage, commune_parents
from normalize.matching import UnitMatcher
from normalize.registry import Registry
from normalize.resolve import ResolvedLetter, resolve_letter
from warehouse.load import (RunRecord, load_dimensions, load_indicators, load_letter, load_lineage, load_units, new_load_id,
                            open_warehouse, record_rejection, record_run)
from warehouse.post_load import SourceOfLetter, refresh_after_load
from warehouse.publish import building


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one input file."""

    source_name: str
    doc_id: str | None
    resolved: ResolvedLetter | None
    rejection: Rejection | None
    seconds: float


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
    rejected: list[Rejection] = field(default_factory=list)
    notes: list[Rejection] = field(default_factory=list)

    def record(self, prefect_flow_run_id: str | None = None) -> RunRecord:
        return RunRecord(self.flow, self.started_at, self.documents, self.unchanged, self.failed, self.facts,
                         self.facts_replaced, tuple(self.rejected), prefect_flow_run_id)


def iter_inputs(paths: Iterable[Path]) -> Iterator[Path]:
    """Files given, and supported files under folders given, in a stable order."""
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES)
        else:
            yield path


def default_ocr_cache(db_path: Path) -> Path:
    """OCR'd pages are kept beside the warehouse, so every run against it shares them."""
    return db_path.parent / ".chiso-cache" / "ocr"


def default_archive(db_path: Path) -> Path:
    """The raw archive beside the warehouse: the documents its facts were read from."""
    return db_path.parent / "chiso-archive"


def process_bytes(data: bytes, source_name: str, registry: Registry, ocr_cache: Path | None = None,
                  matcher: UnitMatcher | None = None) -> Outcome:
    """Read, parse and resolve one letter; unreadable input becomes a rejection. A run passes
    one `matcher`, so the names its letters share are matched once."""
    started = time.perf_counter()
    doc_id = hashlib.sha256(data).hexdigest() if data else None
    try:
        doc = read_document(data, doc_id or "", source_name, ocr_cache=ocr_cache)
    except UnreadableDocument as err:
        return Outcome(source_name, doc_id, None, Rejection(source_name, doc_id, "read", err.reason), time.perf_counter() - started)
    header, raw_facts = parse_letter(doc)
    resolved = resolve_letter(doc.doc_id, source_name, doc.extractor.value, doc.n_pages, header, raw_facts, registry, matcher=matcher)
    if not raw_facts:
        note = Rejection(source_name, doc.doc_id, "parse", "no score statements or annex tables found")
        resolved = ResolvedLetter(resolved.letter, (), (), (note, *resolved.rejections), ())
    return Outcome(source_name, doc.doc_id, resolved, None, time.perf_counter() - started)


def process_file(path: Path, registry: Registry, ocr_cache: Path | None = None, matcher: UnitMatcher | None = None) -> Outcome:
    try:
        data = path.read_bytes()
    except OSError as err:
        return Outcome(str(path), None, None, Rejection(path.name, None, "read", f"cannot read file: {err.strerror}"), 0.0)
    return process_bytes(data, path.name, registry, ocr_cache, matcher)


def prepare_warehouse(db_path: Path, registry: Registry) -> duckdb.DuckDBPyConnection:
    """Open (or create) the warehouse and refresh the dimensions: units and their lineage,
    indicators, measures, the PAR INDEX / SIPAS structures."""
    con = open_warehouse(db_path)
    lineage = build_lineage(registry)
    load_units(con, registry.units(), commune_parents(lineage, registry))
    load_lineage(con, lineage)
    load_indicators(con, catalogue())
    load_dimensions(con)
    return con


def load_outcome(con: duckdb.DuckDBPyConnection, outcome: Outcome, load_id: str, summary: Summary) -> None:
    """Load one letter (or record its rejection) and add it to the run's summary."""
    if outcome.resolved is None:
        assert outcome.rejection is not None
        record_rejection(con, outcome.rejection, load_id)
        summary.rejected.append(outcome.rejection)
        summary.failed += 1
        return
    resolved = outcome.resolved
    result = load_letter(con, resolved.letter, resolved.facts, resolved.review, resolved.rejections, load_id,
                         extra_indicators=resolved.new_indicators)
    summary.documents += 1
    summary.facts += len(resolved.facts)
    summary.facts_replaced += result.facts_replaced
    summary.unresolved_units += len(resolved.review)
    summary.notes.extend(resolved.rejections)


def publish_run(db_path: Path, registry: Registry, outcomes: Iterable[Outcome], summary: Summary, *,
                on_progress: Callable[[Outcome], None] | None = None, prefect_flow_run_id: str | None = None,
                archive: RawArchive | None = None) -> Summary:
    """Load outcomes (one transaction per letter) into a copy of the warehouse, rebuild figures
    and checks, record the run, and publish the copy; readers never see a half-loaded run, a
    failure publishes nothing."""
    with building(db_path) as staging:
        con = prepare_warehouse(staging, registry)
        try:
            load_id = new_load_id(summary.started_at)
            for rejection in summary.rejected:  # found before reading (fetch failures)
                record_rejection(con, rejection, load_id)
            for outcome in outcomes:
                load_outcome(con, outcome, load_id, summary)
                if on_progress is not None:
                    on_progress(outcome)
            summary.checks_failed = refresh_after_load(con, _sources(archive)).checks_failed
            record_run(con, load_id, summary.record(prefect_flow_run_id))
        finally:
            con.close()
    return summary


def ingest(paths: Iterable[Path], db_path: Path, registry: Registry, *, ocr_cache: Path | None = None,
           archive: RawArchive | None = None, on_progress: Callable[[Outcome], None] | None = None) -> Summary:
    """Ingest files and folders into the warehouse, one letter per transaction; with an
    archive, each file is archived first so `backfill` and `reprocess` can reread it."""
    matcher = UnitMatcher(registry)
    outcomes = (read_input(path, registry, ocr_cache, archive, matcher) for path in iter_inputs(paths))
    return publish_run(db_path, registry, outcomes, Summary("ingest"), on_progress=on_progress, archive=archive)


def _sources(archive: RawArchive | None) -> list[SourceOfLetter]:
    """Each archived document's first URL and fetch day, for the letters view."""
    if archive is None:
        return []
    return [SourceOfLetter(doc.sha256, doc.url, datetime.fromisoformat(doc.fetched_at).date()) for doc in archive.documents()]


def read_input(path: Path, registry: Registry, ocr_cache: Path | None, archive: RawArchive | None,
               matcher: UnitMatcher | None = None) -> Outcome:
    """One input file, archived first (when there is an archive) so backfills can reread it."""
    if archive is not None:
        archive_file(path, "ingest", archive)
    return process_file(path, registry, ocr_cache, matcher)
