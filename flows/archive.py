"""The raw archive: every fetched document, content-addressed, stored before anything parses it.

`objects/<sha[:2]>/<sha256>` holds the bytes (written to a temporary name and renamed, so a
crash never leaves half a document; the same bytes are stored once). `fetches.jsonl` holds one
line per fetch: URL, source, sha256, size, time, HTTP status and the validators a conditional
request needs (ETag, Last-Modified). Backfills and reprocessing read from here, never the network.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit

_KEPT_HEADERS = ("etag", "last-modified", "content-type", "content-length")
_EXTENSIONS = {"application/pdf": ".pdf", "text/html": ".html", "text/plain": ".txt", "image/png": ".png",
               "image/jpeg": ".jpg", "image/tiff": ".tiff"}


@dataclass(frozen=True, slots=True)
class FetchRecord:
    url: str
    source: str
    sha256: str
    size: int
    fetched_at: str
    status: int
    headers: dict[str, str]

    @property
    def etag(self) -> str | None:
        return self.headers.get("etag")

    @property
    def last_modified(self) -> str | None:
        return self.headers.get("last-modified")


@dataclass(frozen=True, slots=True)
class ArchivedDoc:
    """A stored document as first fetched."""

    sha256: str
    url: str
    source: str
    fetched_at: str
    size: int
    content_type: str | None

    @property
    def fetched_on(self) -> date | None:
        """The day a web page was downloaded: the last source of a year for its dates printed
        without one (CONTRACT.md). None for a file picked up from a folder, whose pickup day
        says nothing of when it was written."""
        if not self.url.startswith(("http://", "https://")):
            return None
        return datetime.fromisoformat(self.fetched_at).date()

    @property
    def name(self) -> str:
        """The URL's last path segment, or the hash with an extension from the content type."""
        segment = unquote(urlsplit(self.url).path.rsplit("/", 1)[-1])
        if segment:
            return segment
        kind = (self.content_type or "").split(";")[0].strip().lower()
        return f"{self.sha256[:12]}{_EXTENSIONS.get(kind, '')}"


class RawArchive:
    """A folder of documents and their fetch history; safe to share between threads. The
    history is read once and kept in memory, indexed by URL and by content."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._lock = threading.Lock()
        self._latest: dict[str, FetchRecord] | None = None
        self._first: dict[str, ArchivedDoc] = {}

    @property
    def _log(self) -> Path:
        return self.root / "fetches.jsonl"

    def path(self, sha256: str) -> Path:
        return self.root / "objects" / sha256[:2] / sha256

    def has(self, sha256: str) -> bool:
        return self.path(sha256).is_file()

    def get(self, sha256: str) -> bytes:
        return self.path(sha256).read_bytes()

    def put(self, data: bytes, *, url: str, source: str, fetched_at: datetime, headers: Mapping[str, str], status: int) -> ArchivedDoc:
        """Store the bytes (once) and record the fetch."""
        sha = hashlib.sha256(data).hexdigest()
        target = self.path(sha)
        if not target.is_file():
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(f"{sha}.{os.getpid()}.{threading.get_ident()}.tmp")
            try:
                with tmp.open("wb") as handle:
                    handle.write(data)
                    handle.flush()
                    os.fsync(handle.fileno())
                os.replace(tmp, target)
            except BaseException:  # disk full, interrupted: no half-written object is left behind
                tmp.unlink(missing_ok=True)
                raise
        kept = {k: v for k, v in ((k.lower(), v) for k, v in headers.items()) if k in _KEPT_HEADERS}
        return self._append(FetchRecord(url, source, sha, len(data), fetched_at.isoformat(), status, kept))

    def record_not_modified(self, url: str, source: str, fetched_at: datetime) -> ArchivedDoc | None:
        """The server said 304: note the check against the content fetched before."""
        previous = self.latest(url)
        if previous is None:
            return None
        return self._append(FetchRecord(url, source, previous.sha256, previous.size, fetched_at.isoformat(), 304, previous.headers))

    def latest(self, url: str) -> FetchRecord | None:
        """The last fetch of a URL (its validators make the next request conditional)."""
        with self._lock:
            return self._index().get(url)

    def records(self) -> list[FetchRecord]:
        """Every fetch, oldest first; a torn last line (a crash mid-append) is skipped."""
        try:
            lines = self._log.read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            return []
        out = []
        for line in lines:
            try:
                out.append(FetchRecord(**json.loads(line)))
            except (ValueError, TypeError):
                continue
        return out

    def documents(self) -> list[ArchivedDoc]:
        """Every stored document once, with its first fetch, in order of first fetch."""
        with self._lock:
            self._index()
            return [doc for doc in self._first.values() if self.has(doc.sha256)]

    def _index(self) -> dict[str, FetchRecord]:
        if self._latest is None:
            self._latest = {}
            for record in self.records():
                self._remember(record)
        return self._latest

    def _remember(self, record: FetchRecord) -> ArchivedDoc:
        assert self._latest is not None
        self._latest[record.url] = record
        return self._first.setdefault(record.sha256, ArchivedDoc(record.sha256, record.url, record.source, record.fetched_at,
                                                                  record.size, record.headers.get("content-type")))

    def _append(self, record: FetchRecord) -> ArchivedDoc:
        line = json.dumps({name: getattr(record, name) for name in record.__slots__}, ensure_ascii=False) + "\n"  # type: ignore[attr-defined]
        with self._lock:
            self._index()
            self.root.mkdir(parents=True, exist_ok=True)
            with self._log.open("a", encoding="utf-8") as handle:
                handle.write(line)
                handle.flush()
                os.fsync(handle.fileno())
            return self._remember(record)
