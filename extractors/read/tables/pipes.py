"""Pipe rows: `1 | UBND quận Tây Hồ | 89 | Tăng 0.92 |`, from portals that export tables cell
by cell. A lone `|` line carries the previous row's empty trailing cell."""

from __future__ import annotations

from chiso.extractors.model import Provenance, Table
from chiso.extractors.phrases import HEADER_START
from chiso.extractors.read.tables.grid import build_table
from chiso.normalize.text import fold, normalize_text


def starts_pipe_table(raw_lines: list[str], i: int) -> bool:
    """Two pipe rows in a row."""
    return _is_pipe_line(raw_lines[i]) and i + 1 < len(raw_lines) and _is_pipe_line(raw_lines[i + 1])


def read_pipe_table(raw_lines: list[str], start: int, provs: list[Provenance]) -> tuple[Table, int]:
    """The table of pipe rows from `start`, and the index of the first line after it; a new
    `STT` row starts the next table."""
    rows: list[list[str]] = []
    row_lines: list[int] = []
    i = start
    while i < len(raw_lines) and _is_pipe_line(raw_lines[i]):
        cells = _split_pipes(raw_lines[i])
        if rows and cells and HEADER_START.pattern.match(fold(cells[0])):
            break
        if rows and raw_lines[i].strip().strip("|") == "" and raw_lines[i].strip():
            rows[-1].extend([""] * max(1, raw_lines[i].strip().count("|")))
        else:
            rows.append(cells)
            row_lines.append(i + 1)
        i += 1
    return build_table(rows, [provs[n - 1] for n in row_lines]), i


def _is_pipe_line(raw: str) -> bool:
    stripped = raw.strip()
    return stripped.startswith("|") or stripped.endswith("|") or " | " in stripped


def _split_pipes(raw: str) -> list[str]:
    parts = raw.strip().split("|")
    if raw.strip().endswith("|"):
        parts = parts[:-1]
    return [normalize_text(p) for p in parts]
