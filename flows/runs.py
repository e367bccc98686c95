"""Nightly, backfill and reprocess as plain functions; the Prefect flows and the CLI call these.

- nightly: every source is collected into the raw archive (in parallel, a failing source is
  recorded), documents not yet loaded by this parser version are read by worker processes
  under the run's limits (`flows.isolation`), and the run is published in one rename.
- backfill: the letters of one month are read again from the archive (never the network) and
  replace exactly their facts.
- reprocess: every archived document is read again, after a parser change.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

from chiso.flows.archive import ArchivedDoc, RawArchive
from chiso.flows.collect import Collected, collect_source
from chiso.flows.fetch import Fetcher
from chiso.flows.isolation import read_isolated
from chiso.flows.limits import RunLimits
from chiso.flows.pipeline import Outcome, Summary, publish_run
from chiso.flows.reading import Task
from chiso.flows.sources import Source, SourcesConfig
from chiso.normalize.fact import Rejection
from chiso.normalize.registry import Registry
from chiso.normalize.resolve import PARSER_VERSION
from chiso.warehouse.lookup import documents_of_month, settled_documents

Progress = Callable[[Outcome], None]
MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")
log = logging.getLogger(__name__)


def source_name_of(doc: ArchivedDoc) -> str:
    """A fetched letter is known by its URL; a file from an inbox by its file name."""
    return doc.url if urlsplit(doc.url).scheme in ("http", "https") else doc.name


def collect_safely(source: Source, fetcher: Fetcher, archive: RawArchive) -> list[Collected]:
    """One source's documents; a source that breaks in an unexpected way is one failed entry."""
    try:
        return collect_source(source, fetcher, archive)
    except Exception as error:  # noqa: BLE001 - recorded, the other sources go on
        log.exception("collecting %s failed", source.name)
        return [Collected(source.name, source.url or source.name, "failed", None, f"internal error: {type(error).__name__}: {error}")]


def collect_all(config: SourcesConfig, archive: RawArchive, workers: int | None = None) -> list[Collected]:
    """Every source's documents, archived; sources run in parallel, each one polite per host."""
    with Fetcher(config.fetch, archive) as fetcher, ThreadPoolExecutor(max_workers=workers or 4) as pool:
        batches = pool.map(lambda source: collect_safely(source, fetcher, archive), config.sources)
        return [item for batch in batches for item in batch]


def plan_nightly(collected: Iterable[Collected], db_path: Path, summary: Summary) -> list[tuple[str, str]]:
    """The (doc_id, source_name) to read: collected, not settled by this parser version, each
    once. Failures and skipped documents are counted in `summary`."""
    settled = settled_documents(db_path, PARSER_VERSION)
    todo: dict[str, str] = {}
    for item in collected:
        if item.doc is None:
            summary.failed += 1
            summary.rejected.append(Rejection(item.url, None, "fetch", item.reason or "failed"))
        elif item.doc.sha256 in settled or item.doc.sha256 in todo:
            summary.unchanged += 1
        else:
            todo[item.doc.sha256] = source_name_of(item.doc)
    return list(todo.items())


def archived_tasks(todo: list[tuple[str, str]], archive: RawArchive) -> Iterator[Task | Outcome]:
    """A task per (doc_id, source_name) to reread from the archive, or its rejection when the
    archive lacks it."""
    fetched = {doc.sha256: doc.fetched_on for doc in archive.documents()}
    return (Task(archive.path(doc_id), name, doc_id, fetched.get(doc_id)) if archive.has(doc_id)
            else Outcome(name, doc_id, None, Rejection(name, doc_id, "read", "not in the raw archive"), 0.0) for doc_id, name in todo)


def read_in_parallel(todo: list[tuple[str, str]], archive: RawArchive, registry: Registry, ocr_cache: Path | None,
                     limits: RunLimits | None = None) -> Iterator[Outcome]:
    """Outcomes in order, read by worker processes under the run's limits."""
    return read_isolated(archived_tasks(todo, archive), registry, limits or RunLimits(), ocr_cache)


def nightly(config: SourcesConfig, db_path: Path, archive_root: Path, registry: Registry, *,
            ocr_cache: Path | None = None, on_progress: Progress | None = None, limits: RunLimits | None = None) -> Summary:
    archive = RawArchive(archive_root)
    summary = Summary("nightly")
    todo = plan_nightly(collect_all(config, archive), db_path, summary)
    return publish_run(db_path, registry, read_in_parallel(todo, archive, registry, ocr_cache, limits), summary,
                       on_progress=on_progress, archive=archive)


def backfill(month: str, db_path: Path, archive_root: Path, registry: Registry, *,
             ocr_cache: Path | None = None, on_progress: Progress | None = None, limits: RunLimits | None = None) -> Summary:
    """Reread the month's letters from the archive; no fetcher exists in this function."""
    if not MONTH.fullmatch(month):
        raise ValueError(f"month must be YYYY-MM, not {month!r}")
    todo, archive = documents_of_month(db_path, month), RawArchive(archive_root)
    return publish_run(db_path, registry, read_in_parallel(todo, archive, registry, ocr_cache, limits),
                       Summary("backfill"), on_progress=on_progress, archive=archive)


def reprocess(db_path: Path, archive_root: Path, registry: Registry, *,
              ocr_cache: Path | None = None, on_progress: Progress | None = None, limits: RunLimits | None = None) -> Summary:
    """Reread every archived document (after a parser change)."""
    archive = RawArchive(archive_root)
    todo = [(doc.sha256, source_name_of(doc)) for doc in archive.documents()]
    return publish_run(db_path, registry, read_in_parallel(todo, archive, registry, ocr_cache, limits),
                       Summary("reprocess"), on_progress=on_progress, archive=archive)
