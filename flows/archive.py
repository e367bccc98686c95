"""The raw archive: every fetched document, content-addressed, stored before anything parses it.

`objects/<sha[:2]>/<sha256>` holds the bytes (written to a temporary name and renamed, so a
crash never leaves half a document; the same bytes are stored once). `fetches.jsonl` holds one
line per fetch: URL, source, sha256, size, time, HTTP status and the validators a conditional
request needs (ETag, Last-Modified). Backfills and reprocessing read from here, never the network.

The log only grows (a nightly adds a line per link it checks, a 304 too, and per inbox file), so
the questions a run asks of it (a URL's last fetch, a document's first, every document) are
answered from `fetches.sqlite`, an index brought up to date from the log's new lines only. It is
derived data: deleted, it is rebuilt from the log. Reading the whole log instead cost a
one-letter run 6.6 s and 560 MB on a log of 500,000 fetches (benchmarks/bench_archive.py).
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import BinaryIO
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


# The index: how many bytes of the log it holds, each URL's last fetch, each document's first
# (`position`: the byte offset of its line, which orders documents by first fetch).
_INDEX_SCHEMA = """
CREATE TABLE IF NOT EXISTS indexed (log_bytes INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS latest (url TEXT PRIMARY KEY, record TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS first (sha256 TEXT PRIMARY KEY, position INTEGER NOT NULL, record TEXT NOT NULL);
"""


class RawArchive:
    """A folder of documents and their fetch history; safe to share between threads."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        self._log_seen = -1  # the log's size when this process last brought the index up to date

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
            row = self._index().execute("SELECT record FROM latest WHERE url = ?", (url,)).fetchone()
        return None if row is None else FetchRecord(**json.loads(row[0]))

    def records(self) -> list[FetchRecord]:
        """Every fetch, oldest first; a torn last line (a crash mid-append) is skipped."""
        try:
            lines = self._log.read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            return []
        return [record for record in map(_record_of, lines) if record is not None]

    def first_fetch(self, sha256: str) -> ArchivedDoc | None:
        """A stored document with its first fetch; None when it was never archived."""
        with self._lock:
            row = self._index().execute("SELECT record FROM first WHERE sha256 = ?", (sha256,)).fetchone()
        return None if row is None else _first_fetch(FetchRecord(**json.loads(row[0])))

    def documents(self) -> list[ArchivedDoc]:
        """Every stored document once, with its first fetch, in order of first fetch."""
        with self._lock:
            rows = self._index().execute("SELECT record FROM first ORDER BY position").fetchall()
        docs = (_first_fetch(FetchRecord(**json.loads(record))) for record, in rows)
        return [doc for doc in docs if self.has(doc.sha256)]

    def _index(self) -> sqlite3.Connection:
        """The index, holding every complete line of the log (the caller holds the lock)."""
        if self._db is None:
            self.root.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.root / "fetches.sqlite", check_same_thread=False, isolation_level=None)
            self._db.executescript(_INDEX_SCHEMA)
        size = self._log.stat().st_size if self._log.exists() else 0
        if size != self._log_seen:
            _catch_up(self._db, self._log, size)
            self._log_seen = size
        return self._db

    def _append(self, record: FetchRecord) -> ArchivedDoc:
        line = json.dumps({name: getattr(record, name) for name in record.__slots__}, ensure_ascii=False) + "\n"  # type: ignore[attr-defined]
        with self._lock:
            self.root.mkdir(parents=True, exist_ok=True)
            with self._log.open("a+b") as handle:
                if _ends_mid_line(handle):  # a crash mid-append: ended here, the torn line costs only itself
                    handle.write(b"\n")
                handle.write(line.encode())
                handle.flush()
                os.fsync(handle.fileno())
        first = self.first_fetch(record.sha256)
        assert first is not None  # the index has caught up with the line just written
        return first


def _record_of(line: str | bytes) -> FetchRecord | None:
    """A line of the log, or None for a line a crash tore (bytes that are not UTF-8 included)."""
    try:
        return FetchRecord(**json.loads(line))
    except (ValueError, TypeError):
        return None


def _first_fetch(record: FetchRecord) -> ArchivedDoc:
    return ArchivedDoc(record.sha256, record.url, record.source, record.fetched_at, record.size, record.headers.get("content-type"))


def _ends_mid_line(handle: BinaryIO) -> bool:
    if handle.seek(0, os.SEEK_END) == 0:
        return False
    handle.seek(-1, os.SEEK_END)
    return handle.read(1) != b"\n"


def _catch_up(db: sqlite3.Connection, log: Path, size: int) -> None:
    """Index the log's complete lines after those the index holds (all of them when the log is
    shorter than what was indexed: it was replaced). One transaction, so a crash leaves the
    index as it was, and a process indexing at the same time waits."""
    db.execute("BEGIN IMMEDIATE")
    try:
        row = db.execute("SELECT log_bytes FROM indexed").fetchone()
        start = 0 if row is None or row[0] > size else row[0]
        if start == 0:
            db.execute("DELETE FROM latest")
            db.execute("DELETE FROM first")
        tail = b""
        if size > start:
            with log.open("rb") as handle:
                handle.seek(start)
                tail = handle.read(size - start)
        complete = tail[:tail.rfind(b"\n") + 1]  # a line still being written (or torn) waits for its end
        latest, first, position = [], [], start
        for line in complete[:-1].split(b"\n") if complete else ():
            record = _record_of(line)
            if record is not None:
                text = line.decode()
                latest.append((record.url, text))
                first.append((record.sha256, position, text))
            position += len(line) + 1
        db.executemany("INSERT OR REPLACE INTO latest VALUES (?, ?)", latest)
        db.executemany("INSERT OR IGNORE INTO first VALUES (?, ?, ?)", first)
        db.execute("DELETE FROM indexed")
        db.execute("INSERT INTO indexed VALUES (?)", (start + len(complete),))
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise
