"""A run's input files: found under the paths given, refused before reading or archived, and
handed to the reading workers (flows.isolation); and where a run keeps its raw archive and OCR
cache beside the warehouse.

Nothing here touches the warehouse, so a run starts its workers before it imports DuckDB and
the warehouse code (0.2 s of a one-letter run, spent while the first worker starts).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from chiso.extractors.errors import UnreadableDocument
from chiso.extractors.read.readers import SUPPORTED_SUFFIXES
from chiso.flows.archive import RawArchive
from chiso.flows.collect import archive_file
from chiso.flows.isolation import read_isolated
from chiso.flows.limits import RunLimits
from chiso.flows.reading import Outcome, Task, check_input, rejected
from chiso.normalize.registry import Registry


def default_ocr_cache(db_path: Path) -> Path:
    """OCR'd pages are kept beside the warehouse, so every run against it shares them."""
    return db_path.parent / ".chiso-cache" / "ocr"


def default_archive(db_path: Path) -> Path:
    """The raw archive beside the warehouse: the documents its facts were read from."""
    return db_path.parent / "chiso-archive"


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


def read_inputs(paths: Iterable[Path], registry: Registry | None, limits: RunLimits, ocr_cache: Path | None,
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
