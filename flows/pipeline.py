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
from pathlib import Path

import duckdb

from extractors.errors import UnreadableDocument
from extractors.parse import parse_letter
from extractors.readers import SUPPORTED_SUFFIXES, read_document
from normalize.fact import Rejection
from normalize.indicators import catalogue
from normalize.registry import Registry
from normalize.resolve import ResolvedLetter, resolve_letter
from warehouse.load import finish_load, load_indicators, load_letter, load_units, open_warehouse, record_rejection, start_load


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
    documents: int = 0
    facts: int = 0
    facts_replaced: int = 0
    unresolved_units: int = 0
    rejected: list[Rejection] = field(default_factory=list)
    notes: list[Rejection] = field(default_factory=list)


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


def process_bytes(data: bytes, source_name: str, registry: Registry, ocr_cache: Path | None = None) -> Outcome:
    """Read, parse and resolve one letter; unreadable input becomes a rejection."""
    started = time.perf_counter()
    doc_id = hashlib.sha256(data).hexdigest() if data else None
    try:
        doc = read_document(data, doc_id or "", source_name, ocr_cache=ocr_cache)
    except UnreadableDocument as err:
        return Outcome(source_name, doc_id, None, Rejection(source_name, doc_id, "read", err.reason), time.perf_counter() - started)
    header, raw_facts = parse_letter(doc)
    resolved = resolve_letter(doc.doc_id, source_name, doc.extractor.value, doc.n_pages, header, raw_facts, registry)
    if not raw_facts:
        note = Rejection(source_name, doc.doc_id, "parse", "no score statements or annex tables found")
        resolved = ResolvedLetter(resolved.letter, (), (), (note, *resolved.rejections), ())
    return Outcome(source_name, doc.doc_id, resolved, None, time.perf_counter() - started)


def process_file(path: Path, registry: Registry, ocr_cache: Path | None = None) -> Outcome:
    try:
        data = path.read_bytes()
    except OSError as err:
        return Outcome(str(path), None, None, Rejection(path.name, None, "read", f"cannot read file: {err.strerror}"), 0.0)
    return process_bytes(data, path.name, registry, ocr_cache)


def prepare_warehouse(db_path: Path, registry: Registry) -> duckdb.DuckDBPyConnection:
    """Open (or create) the warehouse and refresh the unit and indicator dimensions."""
    con = open_warehouse(db_path)
    load_units(con, registry.units())
    load_indicators(con, catalogue())
    return con


def load_outcome(con: duckdb.DuckDBPyConnection, outcome: Outcome, load_id: str, summary: Summary) -> None:
    """Load one letter (or record its rejection) and add it to the run's summary."""
    if outcome.resolved is None:
        assert outcome.rejection is not None
        record_rejection(con, outcome.rejection, load_id)
        summary.rejected.append(outcome.rejection)
        return
    resolved = outcome.resolved
    result = load_letter(con, resolved.letter, resolved.facts, resolved.review, resolved.rejections, load_id,
                         extra_indicators=resolved.new_indicators)
    summary.documents += 1
    summary.facts += len(resolved.facts)
    summary.facts_replaced += result.facts_replaced
    summary.unresolved_units += len(resolved.review)
    summary.notes.extend(resolved.rejections)


def ingest(paths: Iterable[Path], db_path: Path, registry: Registry, *, ocr_cache: Path | None = None,
           on_progress: Callable[[Outcome], None] | None = None) -> Summary:
    """Ingest files and folders into the warehouse, one letter per transaction."""
    inputs = list(iter_inputs(paths))
    summary = Summary()
    con = prepare_warehouse(db_path, registry)
    try:
        load_id = start_load(con)
        for path in inputs:
            outcome = process_file(path, registry, ocr_cache)
            load_outcome(con, outcome, load_id, summary)
            if on_progress is not None:
                on_progress(outcome)
        finish_load(con, load_id, {"documents": summary.documents, "facts": summary.facts,
                                   "rejected": len(summary.rejected)})
    finally:
        con.close()
    return summary
