"""Sources → archived documents: inbox folders, HTTP index pages and URL lists.

Everything a run will read is first stored in the raw archive (content-addressed), so parsing
never touches the network and a backfill or a new parser version reads from the archive alone.
A source that fails is recorded and the others go on.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from chiso.flows.archive import ArchivedDoc, RawArchive
from chiso.flows.sources import Source, inbox_files

if TYPE_CHECKING:  # httpx and bs4 load only in runs that fetch: `chiso ingest` archives local files
    from chiso.flows.fetch import Fetcher, FetchResult


@dataclass(frozen=True, slots=True)
class Collected:
    """One document a source offered: `new` content, `unchanged` (not modified at the source,
    or bytes already archived), or `failed` with the reason."""

    source: str
    url: str
    status: str
    doc: ArchivedDoc | None
    reason: str | None = None


def collect_source(source: Source, fetcher: Fetcher, archive: RawArchive) -> list[Collected]:
    """Every document of one source, archived; network errors become `failed` entries."""
    if source.kind == "inbox":
        assert source.path is not None
        if not source.path.is_dir():
            return [Collected(source.name, source.path.as_uri(), "failed", None, f"inbox folder missing: {source.path}")]
        root = source.path.resolve()
        return [archive_file(path, source.name, archive) if path.resolve().is_relative_to(root)
                else Collected(source.name, path.absolute().as_uri(), "failed", None,
                               f"link to {path.resolve()}, outside the inbox: not followed")
                for path in inbox_files(source)]
    if source.kind == "index":
        discovery = fetcher.discover(source)
        if discovery.result.status == "failed":
            return [_collected(discovery.result)]
        urls = discovery.links
    else:
        urls = source.urls
    return [_fetch_one(fetcher, url, source.name) for url in urls]


def _fetch_one(fetcher: Fetcher, url: str, source: str) -> Collected:
    """One link; a link that breaks in an unexpected way (`http://host:abc/x`) loses only itself."""
    try:
        return _collected(fetcher.fetch(url, source))
    except Exception as error:  # noqa: BLE001 - recorded with its class, the source's other links go on
        return Collected(source, url, "failed", None, f"internal error: {type(error).__name__}: {error}")


def _collected(result: FetchResult) -> Collected:
    return Collected(result.source, result.url, result.status, result.doc, result.reason)


def archive_file(path: Path, source: str, archive: RawArchive) -> Collected:
    """A local file into the archive under its file:// URL, so backfills can reread it."""
    url = path.resolve().as_uri()
    try:
        data = path.read_bytes()
    except OSError as error:
        return Collected(source, url, "failed", None, f"cannot read file: {error.strerror}")
    known = archive.has(hashlib.sha256(data).hexdigest())
    doc = archive.put(data, url=url, source=source, fetched_at=datetime.now(timezone.utc), headers={}, status=200)
    return Collected(source, url, "unchanged" if known else "new", doc)
