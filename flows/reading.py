"""One document from bytes to a resolved letter, or to the reason it was not: the work a
reading worker does (`flows.isolation`), and what an in-process run does the same way.

Every way a document can fail ends here as its `Outcome` with a `Rejection`: unreadable
(corrupt, encrypted, over a limit), an input that is not a regular file (a FIFO would block
the reader forever), or a bug a strange letter finds in a parser (recorded with its class and
message, the run goes on). Only MemoryError passes through: the worker that hit its address
space limit names the limit and is replaced.
"""

from __future__ import annotations

import hashlib
import logging
import os
import stat
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from typing import TYPE_CHECKING

from chiso.extractors.errors import UnreadableDocument
from chiso.extractors.read.limits import ReadLimits
from chiso.extractors.read.readers import HEAD_BYTES, check_size, read_document, sniff_format
from chiso.normalize.fact import Rejection
from chiso.normalize.registry import Registry

if TYPE_CHECKING:
    from chiso.normalize.matching import UnitMatcher
    from chiso.normalize.resolve import ResolvedLetter

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one input file."""

    source_name: str
    doc_id: str | None
    resolved: ResolvedLetter | None
    rejection: Rejection | None
    seconds: float


@dataclass(frozen=True, slots=True)
class Task:
    """One document to read: the file holding its bytes (an input file, or its copy in the raw
    archive), the name its facts and rejections are known by, and its sha256 when known."""

    path: Path
    source_name: str
    doc_id: str | None = None
    fetched_on: date | None = None  # when a web page was downloaded (ArchivedDoc.fetched_on)


def rejected(source_name: str, doc_id: str | None, reason: str, seconds: float = 0.0, stage: str = "read") -> Outcome:
    return Outcome(source_name, doc_id, None, Rejection(source_name, doc_id, stage, reason), seconds)


def process_bytes(data: bytes, source_name: str, registry: Registry, ocr_cache: Path | None = None,
                  limits: ReadLimits | None = None, fetched_on: date | None = None,
                  matcher: UnitMatcher | None = None) -> Outcome:
    """Read, parse and resolve one letter; unreadable input becomes a rejection. A run passes
    one `matcher` (per worker), so the names its letters share are matched once."""
    # Imported where letters are parsed: a run whose workers read its letters never parses one
    # itself, and these imports were 30 ms of its start (a one-letter run's critical path).
    from chiso.extractors.parse.parse import parse_letter
    from chiso.normalize.resolve import ResolvedLetter, resolve_letter

    started = time.perf_counter()
    doc_id = hashlib.sha256(data).hexdigest() if data else None
    try:
        doc = read_document(data, doc_id or "", source_name, ocr_cache=ocr_cache, limits=limits)
    except UnreadableDocument as err:
        return rejected(source_name, doc_id, err.reason, time.perf_counter() - started)
    header, raw_facts = parse_letter(doc)
    resolved = resolve_letter(doc.doc_id, source_name, doc.extractor.value, doc.n_pages, header, raw_facts, registry, fetched_on,
                              matcher)
    if not raw_facts:
        note = Rejection(source_name, doc.doc_id, "parse", "no score statements or annex tables found")
        resolved = ResolvedLetter(resolved.letter, (), (), (note, *resolved.rejections), ())
    return Outcome(source_name, doc.doc_id, resolved, None, time.perf_counter() - started)


def check_input(path: Path, source_name: str, limits: ReadLimits) -> None:
    """Raise UnreadableDocument when the file is not a regular file or is over its format's
    size limit, reading no more than its first kilobyte."""
    try:
        info = os.stat(path)
    except OSError as error:
        raise UnreadableDocument(f"cannot read file: {error.strerror}") from error
    if not stat.S_ISREG(info.st_mode):
        raise UnreadableDocument("not a regular file (a pipe, device or socket is never read)")
    try:
        with open(path, "rb") as handle:
            head = handle.read(HEAD_BYTES)
    except OSError as error:
        raise UnreadableDocument(f"cannot read file: {error.strerror}") from error
    if head:
        check_size(info.st_size, sniff_format(head, source_name), limits)


def read_task(task: Task, registry: Registry, limits: ReadLimits, ocr_cache: Path | None,
              matcher: UnitMatcher | None = None) -> Outcome:
    """Check, read, parse and resolve one document; anything but MemoryError that goes wrong
    becomes its rejection."""
    started = time.perf_counter()
    try:
        check_input(task.path, task.source_name, limits)
        data = task.path.read_bytes()
        return process_bytes(data, task.source_name, registry, ocr_cache, limits, task.fetched_on, matcher)
    except UnreadableDocument as error:
        return rejected(task.source_name, task.doc_id, error.reason, time.perf_counter() - started)
    except OSError as error:
        return rejected(task.source_name, task.doc_id, f"cannot read file: {error.strerror}", time.perf_counter() - started)
    except MemoryError:
        raise
    except Exception as error:  # noqa: BLE001 - a parser bug costs this letter only; recorded with its class
        log.exception("reading %s failed", task.source_name)
        return rejected(task.source_name, task.doc_id, f"internal error: {type(error).__name__}: {error}",
                        time.perf_counter() - started)
