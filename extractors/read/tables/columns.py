"""Tab-separated and fixed-width rows under a `STT<gap>Tên đơn vị<gap>Số điểm` header, as a
text file keeps them: a field goes to the header column it sits under."""

from __future__ import annotations

from chiso.extractors.model import Provenance, Table
from chiso.extractors.phrases import COLUMN_GAP, HEADER_START
from chiso.extractors.read.tables.grid import build_table
from chiso.normalize.text import fold, normalize_text


def starts_column_table(raw_lines: list[str], i: int) -> bool:
    """A header line `STT<gap>Tên đơn vị<gap>Số điểm` followed by a row of as many fields."""
    fields = _fields(raw_lines[i])
    if len(fields) < 3 or not HEADER_START.pattern.match(fold(fields[0][1])):
        return False
    following = next((line for line in raw_lines[i + 1:i + 4] if line.strip()), "")
    return len(_fields(following)) >= 2


def read_column_table(raw_lines: list[str], start: int, provs: list[Provenance]) -> tuple[Table, int]:
    """Tab-separated or fixed-width rows; a field goes to the header column it sits under
    (numbers are often right-aligned, so the nearest column start wins)."""
    starts = [offset for offset, _ in _fields(raw_lines[start])]
    tabbed = "\t" in raw_lines[start]
    rows: list[list[str]] = [[text for _, text in _fields(raw_lines[start])]]
    row_lines = [start + 1]
    i = start + 1
    while i < len(raw_lines) and raw_lines[i].strip() and len(_fields(raw_lines[i])) >= 2:
        fields = _fields(raw_lines[i])
        row = [""] * len(starts)
        if tabbed:
            for c, part in enumerate(raw_lines[i].rstrip().split("\t")[:len(starts)]):
                row[c] = normalize_text(part)
        else:
            for offset, text in fields:
                column = min(range(len(starts)), key=lambda c: abs(starts[c] - offset) if row[c] == "" else 10**6)
                row[column] = normalize_text(text)
        rows.append(row)
        row_lines.append(i + 1)
        i += 1
    return build_table(rows, [provs[n - 1] for n in row_lines]), i


def _fields(raw: str) -> list[tuple[int, str]]:
    """Fields of a tab-separated or fixed-width line with their start offsets."""
    out, pos = [], 0
    for part in COLUMN_GAP.split(raw.rstrip()):
        start = raw.index(part, pos) if part else pos
        if part.strip():
            out.append((start, part.strip()))
        pos = start + len(part)
    return out
