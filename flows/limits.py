"""The limits of a run: how many worker processes read documents, what one document may cost
them (wall time, address space) and the readers' own caps (`extractors.read.limits`).

Set with `--workers`, `--doc-timeout`, `--max-memory-mb` and `--limit NAME=VALUE` on the command
line, or a `[limits]` table in the sources file; a value of the wrong type, out of bounds or
with an unknown name is a clear error before anything runs, never a traceback at 2 a.m.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace

from chiso.extractors.read.limits import ReadLimits


class LimitsError(ValueError):
    """A limit setting is unknown, of the wrong type or out of bounds; the message says which."""


@dataclass(frozen=True, slots=True)
class RunLimits:
    """`workers`: reading processes (None: one per core; 0: read in this process, without
    isolation, for debugging). `doc_timeout_s`: wall time to read, parse and resolve one
    document. `max_memory_mb`: address space of a worker process (RLIMIT_AS), which its
    tesseract processes inherit. A worker reading seed 000's eight-page 200 dpi A4 scan peaks
    at about 470 MB; a page near `max_page_pixels` may need more than the default 1,536 MB and
    is then refused naming this limit."""

    workers: int | None = None
    doc_timeout_s: float = 180.0
    max_memory_mb: int = 1536
    read: ReadLimits = field(default_factory=ReadLimits)

    def worker_count(self) -> int:
        return (os.cpu_count() or 1) if self.workers is None else self.workers

    def for_workers(self) -> ReadLimits:
        """Reading limits as a worker applies them: the cores shared among the workers'
        tesseract processes, so N workers never start N x cores of them."""
        if self.read.ocr_workers is not None:
            return self.read
        return replace(self.read, ocr_workers=max(1, (os.cpu_count() or 1) // max(1, self.worker_count())))

    def with_settings(self, settings: Mapping[str, object]) -> RunLimits:
        """These limits with `settings` (name → value, from TOML or `NAME=VALUE` text) applied."""
        run: dict[str, object] = {}
        read: dict[str, object] = {}
        for name, value in settings.items():
            if name in _RUN_BOUNDS:
                run[name] = _checked(name, value, *_RUN_BOUNDS[name])
            elif name in _READ_BOUNDS:
                read[name] = _checked(name, value, *_READ_BOUNDS[name])
            else:
                raise LimitsError(f"unknown limit {name!r}; known: {', '.join(sorted([*_RUN_BOUNDS, *_READ_BOUNDS]))}")
        return replace(self, **run, read=replace(self.read, **read))  # type: ignore[arg-type]


def parse_limit_options(options: list[str]) -> dict[str, str]:
    """`NAME=VALUE` command-line options to a mapping."""
    out: dict[str, str] = {}
    for option in options:
        name, sep, value = option.partition("=")
        if not sep or not name.strip():
            raise LimitsError(f"a limit is NAME=VALUE, not {option!r}")
        out[name.strip()] = value.strip()
    return out


# name → (type, lowest, highest): highest keeps a typo (1e9) from switching a limit off.
_RUN_BOUNDS: dict[str, tuple[type, float, float]] = {
    "workers": (int, 0, 256), "doc_timeout_s": (float, 1, 86_400), "max_memory_mb": (int, 256, 1_048_576),
}
_READ_BOUNDS: dict[str, tuple[type, float, float]] = {
    f.name: ((float, 1, 86_400) if f.name.endswith("_s") else (int, 1, 10**12)) for f in fields(ReadLimits)
}


def _checked(name: str, value: object, kind: type, low: float, high: float) -> object:
    if isinstance(value, bool):
        raise LimitsError(f"limit {name} must be a number, not {value!r}")
    if isinstance(value, str):
        try:
            value = float(value) if kind is float else int(value.replace("_", ""))
        except ValueError as error:
            raise LimitsError(f"limit {name} must be {'a number' if kind is float else 'a whole number'}, not {value!r}") from error
    if kind is int and not isinstance(value, int) or kind is float and not isinstance(value, (int, float)):
        raise LimitsError(f"limit {name} must be {'a number' if kind is float else 'a whole number'}, not {value!r}")
    if not low <= value <= high:  # type: ignore[operator]
        raise LimitsError(f"limit {name} must be between {low:g} and {high:g}, not {value!r}")
    return kind(value)
