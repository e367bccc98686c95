"""Plain-text letters to a Document: body lines plus the tables hidden in them.

Two table shapes occur in published text. Pipe rows (`1 | UBND quận Tây Hồ | 89 | Tăng 0.92 |`)
come from portals that export tables cell by cell; a lone `|` line carries the previous row's
empty trailing cell. Flattened tables (seed 004) put one cell per line after a `STT` line,
empty cells as NBSP-only lines; the grid is recovered from the number of header cells.
"""

from __future__ import annotations

from extractors.read.decode import decode_text
from extractors.read.limits import ReadLimits, split_long_line
from extractors.headers import rebuild_header
from extractors.model import Block, Cell, Document, Extractor, Line, Provenance, Table
from extractors.phrases import ANNEX_HEADING, COLUMN_GAP, HEADER_START, NUMERIC_CELL
from extractors.rows import count_header_rows, count_lead_columns, is_row_code
from normalize.text import fold, normalize_text


def read_text(data: bytes, doc_id: str, source_name: str, max_line_chars: int = ReadLimits().max_line_chars) -> Document:
    """Read a plain-text letter (any of the encodings of `decode_text`); a line longer than
    `max_line_chars` is cut after its sentences (`limits.split_long_line`)."""
    raw_lines = [piece for line in decode_text(data).splitlines() for piece in split_long_line(line, max_line_chars)]
    return Document(doc_id, source_name, Extractor.TEXT, tuple(split_blocks(raw_lines)))


def split_blocks(raw_lines: list[str], page: int | None = None) -> list[Block]:
    """Lines and tables in reading order; line numbers are 1-based positions in `raw_lines`."""
    blocks: list[Block] = []
    i = 0
    while i < len(raw_lines):
        raw = raw_lines[i]
        if _is_pipe_line(raw):
            table, i = _read_pipe_table(raw_lines, i, page)
            blocks.append(table)
            continue
        if _starts_column_table(raw_lines, i):
            table, i = _read_column_table(raw_lines, i, page)
            blocks.append(table)
            continue
        if HEADER_START.pattern.match(fold(normalize_text(raw))):
            found = _read_flat_table(raw_lines, i, page)
            if found is not None:
                table, i = found
                blocks.append(table)
                continue
        text = normalize_text(raw)
        if text:
            blocks.append(Line(text, raw, Provenance(page=page, line_no=i + 1)))
        i += 1
    return blocks


def _is_pipe_line(raw: str) -> bool:
    stripped = raw.strip()
    return stripped.startswith("|") or stripped.endswith("|") or " | " in stripped


def _split_pipes(raw: str) -> list[str]:
    parts = raw.strip().split("|")
    if raw.strip().endswith("|"):
        parts = parts[:-1]
    return [normalize_text(p) for p in parts]


def _read_pipe_table(raw_lines: list[str], start: int, page: int | None) -> tuple[Table, int]:
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
    return _build_table(rows, row_lines, page), i


def _fields(raw: str) -> list[tuple[int, str]]:
    """Fields of a tab-separated or fixed-width line with their start offsets."""
    out, pos = [], 0
    for part in COLUMN_GAP.split(raw.rstrip()):
        start = raw.index(part, pos) if part else pos
        if part.strip():
            out.append((start, part.strip()))
        pos = start + len(part)
    return out


def _starts_column_table(raw_lines: list[str], i: int) -> bool:
    """A header line `STT<gap>Tên đơn vị<gap>Số điểm` followed by a row of as many fields."""
    fields = _fields(raw_lines[i])
    if len(fields) < 3 or not HEADER_START.pattern.match(fold(fields[0][1])):
        return False
    following = next((line for line in raw_lines[i + 1:i + 4] if line.strip()), "")
    return len(_fields(following)) >= 2


def _read_column_table(raw_lines: list[str], start: int, page: int | None) -> tuple[Table, int]:
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
    return _build_table(rows, row_lines, page), i


def _read_flat_table(raw_lines: list[str], start: int, page: int | None) -> tuple[Table, int] | None:
    """One cell per line: header cells until the first row code, then rows of that width."""
    cells: list[tuple[str, int]] = []
    for i in range(start, len(raw_lines)):
        if raw_lines[i].strip() == "" and "\u00a0" not in raw_lines[i]:
            continue
        cells.append((normalize_text(raw_lines[i]), i))
    header: list[tuple[str, int]] = []
    pos = 0
    while pos < len(cells) and not (header and is_row_code(cells[pos][0])):
        header.append(cells[pos])
        pos += 1
        if len(header) > 12:
            return None
    width = len(header)
    if width < 2 or pos >= len(cells):
        return None
    rows = [[t for t, _ in header]]
    row_lines = [header[0][1] + 1]
    end_line = header[-1][1] + 1
    while pos < len(cells):
        text, line = cells[pos]
        if is_row_code(text) or (text == "" and _starts_codeless_row(cells, pos, width)):
            chunk = cells[pos:pos + width]
            rows.append([t for t, _ in chunk] + [""] * (width - len(chunk)))
            row_lines.append(line + 1)
            pos += width
            end_line = chunk[-1][1] + 1
        elif text == "":
            pos += 1
            end_line = line + 1
        else:
            break
    if len(rows) < 2:
        return None
    return _build_table(rows, row_lines, page), end_line


def _starts_codeless_row(cells: list[tuple[str, int]], pos: int, width: int) -> bool:
    """An empty STT cell followed by a label: a row like `| Còn lại | 697 TTHC (48.24%) |`."""
    if pos + width > len(cells):
        return False
    label = cells[pos + 1][0]
    return bool(label) and not is_row_code(label) and not ANNEX_HEADING.pattern.match(fold(label)) and not NUMERIC_CELL.pattern.match(fold(label))


def _build_table(rows: list[list[str]], row_lines: list[int], page: int | None) -> Table:
    """A Table from published rows; leading rows before the first data row are the header."""
    n_header = count_header_rows(rows)
    n_cols = max(len(r) for r in rows)
    cells: list[Cell] = []
    if n_header:
        n_lead = count_lead_columns(rows[n_header:])
        cells += rebuild_header(rows[:n_header], n_cols, n_lead)
    for r, row in enumerate(rows[n_header:], start=n_header):
        cells += [Cell(text, r, c) for c, text in enumerate(row) if text]
    provs = tuple(Provenance(page=page, line_no=line, row_no=r + 1) for r, line in enumerate(row_lines))
    return Table(tuple(cells), len(rows), n_cols, provs)
