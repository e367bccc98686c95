"""The ingest pipeline as plain functions: read → parse → resolve → load, one letter at a time.

Prefect flows and the CLI call these; nothing here computes what the stages compute. A letter
that cannot be read becomes a rejection row and the run goes on; a letter is loaded in one
transaction, so a failure never leaves it half-written and a re-run replaces it exactly.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb

from chiso.extractors.errors import UnreadableDocument
from chiso.extractors.read.readers import SUPPORTED_SUFFIXES
from chiso.flows.archive import RawArchive
from chiso.flows.collect import archive_file
from chiso.flows.isolation import read_isolated
from chiso.flows.limits import RunLimits
from chiso.flows.reading import Outcome, Task, check_input, rejected
from chiso.normalize.fact import Rejection
from chiso.normalize.indicators import catalogue
from chiso.normalize.registry import Registry
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
    rejected: list[Rejection] = field(default_factory=list)
    notes: list[Rejection] = field(default_factory=list)

    def record(self, prefect_flow_run_id: str | None = None) -> RunRecord:
        return RunRecord(self.flow, self.started_at, self.documents, self.unchanged, self.failed, self.facts,
                         self.facts_replaced, tuple(self.rejected), prefect_flow_run_id)


def iter_inputs(paths: Iterable[Path]) -> Iterator[Path]:
    """Files given, and every file under folders given, in a stable order. Everything found is
    yielded, so that what will not be read is reported, not lost: files of other formats,
    hidden folders (never walked), pipes and other special files, links (to files, outside
    folders or to folders, which are never walked), and folders that could not be listed."""
    for path in paths:
        if not path.is_dir() or path.is_symlink():
            yield path
            continue
        found: list[Path] = []

        def unlisted(error: OSError) -> None:
            found.append(Path(error.filename))

        for folder, folders, files in os.walk(path, onerror=unlisted):
            found += [Path(folder, name) for name in folders if Path(folder, name).is_symlink() or name.startswith(".")]
            folders[:] = [name for name in folders if not name.startswith(".")]
            found += [Path(folder, name) for name in files]
        yield from sorted(found)


def default_ocr_cache(db_path: Path) -> Path:
    """OCR'd pages are kept beside the warehouse, so every run against it shares them."""
    return db_path.parent / ".chiso-cache" / "ocr"


def default_archive(db_path: Path) -> Path:
    """The raw archive beside the warehouse: the documents its facts were read from."""
    return db_path.parent / "chiso-archive"


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
            # A letter is a dozen small statements, which DuckDB's threads only slow down (a
            # third of the loading time with two threads on two busy cores); the reading
            # workers have the other cores. Figures and checks get every thread back.
            con.execute("SET threads = 1")
            load_outcomes(con, outcomes, load_id, summary, on_progress)
            con.execute("RESET threads")
            summary.checks_failed = refresh_after_load(con, _sources(archive)).checks_failed
            record_run(con, load_id, summary.record(prefect_flow_run_id))
        finally:
            con.close()
    return summary


def ingest(paths: Iterable[Path], db_path: Path, registry: Registry, *, ocr_cache: Path | None = None,
           archive: RawArchive | None = None, on_progress: Callable[[Outcome], None] | None = None,
           limits: RunLimits | None = None) -> Summary:
    """Ingest files and folders into the warehouse, one letter per transaction; with an
    archive, each file is archived first so `backfill` and `reprocess` can reread it. Files
    are read by worker processes under `limits` and loaded in the order given."""
    outcomes = read_inputs(paths, registry, limits or RunLimits(), ocr_cache, archive)
    return publish_run(db_path, registry, outcomes, Summary("ingest"), on_progress=on_progress, archive=archive)


def _sources(archive: RawArchive | None) -> list[SourceOfLetter]:
    """Each archived document's first URL and fetch day, for the letters view."""
    if archive is None:
        return []
    return [SourceOfLetter(doc.sha256, doc.url, datetime.fromisoformat(doc.fetched_at).date()) for doc in archive.documents()]


def read_inputs(paths: Iterable[Path], registry: Registry, limits: RunLimits, ocr_cache: Path | None,
                archive: RawArchive | None) -> Iterator[Outcome]:
    """The outcome of every input file under `paths`, in order, read by worker processes."""
    paths = list(paths)
    roots = tuple(p.resolve() for p in paths if p.is_dir())
    tasks = (prepare_input(path, archive, limits, None if path in paths else roots, _input_name(path, paths))
             for path in iter_inputs(paths))
    return read_isolated(tasks, registry, limits, ocr_cache)


def prepare_input(path: Path, archive: RawArchive | None, limits: RunLimits, roots: tuple[Path, ...] | None = None,
                  name: str | None = None) -> Task | Outcome:
    """A file to read, archived first (when there is an archive) so backfills can reread it;
    or its rejection before it is read: a folder that could not be listed, a link found in a
    folder that leads out of the folders given (`roots`) or to a folder, a special file, a
    file over its size limit."""
    name = name or name_of(path)
    if path.is_dir() and not path.is_symlink():
        if path.name.startswith(".") and roots is not None:
            return rejected(name, None, "hidden folder: not walked")
        return rejected(name, None, f"folder could not be listed: {path}")
    if roots is not None and not path.is_symlink() and path.suffix.lower() not in SUPPORTED_SUFFIXES:
        return rejected(name, None, f"not a letter's format ({path.suffix or 'no extension'}): not read; "
                                    "letters are text, HTML, PDF and PNG/JPEG/TIFF scans")
    if roots is not None and path.is_symlink():
        target = path.resolve()
        if target.is_dir():
            return rejected(name, None, f"link to the folder {target}: links to folders are not followed")
        if not any(target.is_relative_to(root) for root in roots):
            return rejected(name, None, f"link to {target}, outside the folders given: not followed")
    try:
        check_input(path, name, limits.read)
    except UnreadableDocument as error:
        return rejected(name, None, error.reason)
    if archive is None:
        return Task(path, name)
    collected = archive_file(path, "ingest", archive)
    if collected.doc is None:
        return rejected(name, None, collected.reason or "cannot archive file")
    return Task(archive.path(collected.doc.sha256), name, collected.doc.sha256)


def _input_name(path: Path, given: list[Path]) -> str:
    """A file given by name is known by its name; a file found in a folder by its path in that
    folder (`a/cong-van.txt` and `b/cong-van.txt` are two letters, and two rejects)."""
    if path in given:
        return name_of(path)
    folder = next((g for g in given if path.is_relative_to(g)), None)
    return name_of(Path(path.relative_to(folder).as_posix())) if folder is not None else name_of(path)


def name_of(path: Path) -> str:
    """A file's name as data: bytes that are not UTF-8 (a name copied raw from a Windows-1258
    disk, `c\xf4ng_v\xe3n.txt`) are kept as backslash escapes, which the warehouse can store."""
    text = path.as_posix() if not path.is_absolute() and len(path.parts) > 1 else path.name
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
