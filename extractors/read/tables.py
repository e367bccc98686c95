"""Tables recovered from positioned lines: the one table stage every reader ends in.

Readers differ in what they know about a line's place: the text reader knows its line number,
the PDF and scan readers its page and box. Whatever geometry a reader could use (rulings,
aligned word boxes: `layout.py`) it uses first; the lines left over come here, where a table
is recognised from the text alone, as it must be in a text file and as it can be in a PDF
whose tables lost their geometry (a table pasted as text, a browser printout).

Shapes recognised, each as published:
- pipe rows (`1 | UBND quận Tây Hồ | 89 | Tăng 0.92 |`) from portals that export tables cell
  by cell; a lone `|` line carries the previous row's empty trailing cell;
- tab-separated and fixed-width rows under a `STT<gap>Tên đơn vị<gap>Số điểm` header;
- one cell per line after a `STT` line (seed 004): header cells until the first row code,
  then rows; empty cells are NBSP-only lines in text, and vanish in a PDF, so a row also ends
  where the next row's code starts (a code that follows the previous one, before a label).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from extractors.headers import is_numbering_row, rebuild_header
from extractors.model import Block, Cell, Line, Provenance, Table
from extractors.phrases import ANNEX_HEADING, ATTACHED_TO, COLUMN_GAP, DELTA_SAME, HEADER_START, NOTE_COLUMN, NUMBERING_CELL, NUMERIC_CELL
from extractors.read.spaced import read_spaced_table, starts_spaced_table
from extractors.rows import count_header_rows, count_lead_columns, follows_code, is_row_code
from normalize.text import fold, normalize_text


@dataclass(frozen=True, slots=True)
class TextLine:
    """One line as a reader found it: verbatim text and where it sits (line number for a text
    file; page, line number and box for a PDF or scan)."""

    raw: str
    prov: Provenance


def recover_tables(lines: Sequence[TextLine]) -> list[Block]:
    """Lines and the tables among them, in reading order."""
    raw_lines = [line.raw for line in lines]
    provs = [line.prov for line in lines]
    blocks: list[Block] = []
    i = 0
    while i < len(raw_lines):
        raw = raw_lines[i]
        if _is_pipe_line(raw) and i + 1 < len(raw_lines) and _is_pipe_line(raw_lines[i + 1]):
            table, i = _read_pipe_table(raw_lines, i, provs)
            blocks.append(table)
            continue
        if _starts_column_table(raw_lines, i):
            table, i = _read_column_table(raw_lines, i, provs)
            blocks.append(table)
            continue
        if HEADER_START.pattern.match(fold(normalize_text(raw))):
            found = _read_flat_table(raw_lines, i, provs)
            if found is not None:
                table, i = found
                blocks.append(table)
                continue
        if starts_spaced_table(raw):
            spaced = read_spaced_table(raw_lines, i, provs)
            if spaced is not None:
                blocks.append(_build_table(spaced.rows, [provs[n] for n in spaced.lines], n_header=spaced.n_header))
                i = spaced.end
                continue
        text = normalize_text(raw)
        if text:
            blocks.append(Line(text, raw, provs[i]))
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


def _read_pipe_table(raw_lines: list[str], start: int, provs: list[Provenance]) -> tuple[Table, int]:
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
    return _build_table(rows, [provs[n - 1] for n in row_lines]), i


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


def _read_column_table(raw_lines: list[str], start: int, provs: list[Provenance]) -> tuple[Table, int]:
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
    return _build_table(rows, [provs[n - 1] for n in row_lines]), i


def _read_flat_table(raw_lines: list[str], start: int, provs: list[Provenance]) -> tuple[Table, int] | None:
    """One cell per line: header cells until the first row, then rows. In text the empty
    cells are NBSP lines, so every row is as wide as the header; in a PDF they vanish, so a
    row runs to the next row's code and the header is as wide as its cells, merged or not."""
    cells = _flat_cells(raw_lines, start, provs)
    explicit = any(text == "" for text, _ in cells)
    header_end = next((p for p in range(1, min(len(cells), 40)) if _starts_row(cells, p, None, explicit)
                       or (not explicit and _starts_unnumbered(cells, p, None) and not NUMBERING_CELL.pattern.match(fold(cells[p + 1][0])))), None)
    if header_end is None or header_end > (12 if explicit else 24):
        return None
    header = cells[:header_end]
    width = len(header)
    rows: list[list[str]] = []
    row_lines: list[int] = []
    pos = header_end
    end_line = header[-1][1] + 1
    code: str | None = None
    last_chunk: list[tuple[str, int]] = []
    while pos < len(cells):
        text, line = cells[pos]
        codeless = not explicit and _starts_unnumbered(cells, pos, code)
        if codeless or _starts_row(cells, pos, code, explicit) or (text == "" and _starts_codeless_row(cells, pos, width)):
            stop = pos + 1
            while stop < len(cells) and stop - pos < width - codeless and not _ends_table(cells[stop][0]) and (explicit or not (
                    _starts_row(cells, stop, code if codeless else text, explicit) or (codeless and _starts_unnumbered(cells, stop, code))
                    or (stop - pos >= 3 and _starts_uncoded_after_values(cells, stop, code if codeless else text)))):
                stop += 1
            chunk = last_chunk = cells[pos:stop]
            rows.append([""] * codeless + [t for t, _ in chunk])
            row_lines.append(line + 1)
            code = code if codeless else (text or code)
            pos = stop
            end_line = chunk[-1][1] + 1
        elif text == "":
            pos += 1
            end_line = line + 1
        else:
            break
    if not rows:
        return None
    if not explicit and len(rows) > 1 and len(rows[-1]) > max(len(r) for r in rows[:-1]):
        # The last row has no next row to end it: it is no wider than the rows above, and the
        # text after it (`Công văn 193/UBND-KSTTHC năm 2025 ...`) is no cell of it.
        cap = max(len(r) for r in rows[:-1])
        end_line = last_chunk[cap - (len(rows[-1]) - len(last_chunk)) - 1][1] + 1
        rows[-1] = rows[-1][:cap]
    head_rows = _flat_header([t for t, _ in header], rows, explicit)
    n_cols = max(len(r) for r in [*head_rows, *rows]) if explicit else max(len(r) for r in rows)
    if not explicit and len(head_rows) > 1:
        # A note column (`Ghi chú`) empty on every row printed nothing, yet it is a column.
        n_notes = sum(1 for t in head_rows[0] if NOTE_COLUMN.pattern.match(fold(t)))
        n_cols = max(n_cols, count_lead_columns(rows) + len(head_rows[-1]) + n_notes)
    grid = [*head_rows, *(r + [""] * (n_cols - len(r)) for r in rows)]
    head_lines = [header[0][1] + 1] * len(head_rows)
    return _build_table(grid, [provs[n - 1] for n in [*head_lines, *row_lines]], n_header=len(head_rows)), end_line


def _flat_cells(raw_lines: list[str], start: int, provs: list[Provenance]) -> list[tuple[str, int]]:
    """The cells from `start` on, with their line index. A cell too long for the page wraps
    onto the next line, or the first line of the next page: a line reaching the right edge
    of the text is joined with the next (only a reader with boxes can tell)."""
    cells: list[tuple[str, int]] = []
    boxes = [p.bbox for p in provs[start:] if p.bbox is not None]
    left = min((b.x0 for b in boxes), default=0.0)
    right = max((b.x1 for b in boxes), default=0.0)
    joined = False
    for i in range(start, len(raw_lines)):
        if raw_lines[i].strip() == "" and "\u00a0" not in raw_lines[i]:
            continue
        text = normalize_text(raw_lines[i])
        if joined and cells and not is_row_code(text):
            cells[-1] = (f"{cells[-1][0]} {text}", cells[-1][1])
        else:
            cells.append((text, i))
        box = provs[i].bbox
        nxt = provs[i + 1] if i + 1 < len(provs) else None
        turns = nxt is not None and (nxt.page == provs[i].page or nxt.line_no == 1)
        joined = box is not None and turns and box.x1 >= right - 0.1 * (right - left)
    return cells


def _ends_table(text: str) -> bool:
    """The next annex's heading, attachment line or header (`PHỤ LỤC 4`, `(Kèm theo ...)`,
    `STT`): no row's cell, though a row printed without its empty cells runs on to it."""
    folded = fold(text)
    heading = ANNEX_HEADING.pattern.match(folded) and not DELTA_SAME.pattern.match(folded)  # `Bằng điểm` folds like `Bảng`
    return bool(heading or ATTACHED_TO.pattern.match(folded) or HEADER_START.pattern.match(folded))


def _starts_row(cells: list[tuple[str, int]], pos: int, previous: str | None, explicit: bool) -> bool:
    """A row code; without explicit empty cells, also one that may follow the previous code
    (or repeats it: a list whose numbering printed `1.` on every row) and comes before a
    label (a value `8` or a numbering cell `2` is not a row's code)."""
    text = cells[pos][0]
    if not is_row_code(text):
        return False
    if explicit:
        return True
    following = cells[pos + 1][0] if pos + 1 < len(cells) else ""
    # A label may repeat its code: `2.4.1` then `2.4.1. Tính đồng bộ, thống nhất ...`.
    labelled = _is_label(following) or (following.startswith(text) and _is_label(following[len(text):].lstrip(". )")))
    return labelled and (follows_code(previous, text) or text == previous)


def _is_label(text: str) -> bool:
    return bool(text) and not is_row_code(text) and not NUMERIC_CELL.pattern.match(fold(text))


def _starts_unnumbered(cells: list[tuple[str, int]], pos: int, previous: str | None) -> bool:
    """A row whose code cell is empty (`| Còn lại | 697 TTHC (48.24%)`), printed without it:
    a label, then a number that is not the next row's code."""
    if pos + 1 >= len(cells) or not _is_label(cells[pos][0]) or ANNEX_HEADING.pattern.match(fold(cells[pos][0])):
        return False
    following = cells[pos + 1][0]
    return bool(NUMERIC_CELL.pattern.match(fold(following))) and not _starts_row(cells, pos + 1, previous, False)


def _starts_uncoded_after_values(cells: list[tuple[str, int]], pos: int, code: str | None) -> bool:
    """After a row's code, label and a value, a label followed by a number that starts no
    row starts a row printed without its code: `4.2 | DVC toàn trình | 155 TTHC (10.73%)`
    then `Còn lại | 697 TTHC (48.24%)`, `TỔNG ĐIỂM | 100 | 88.54`; a note (`Sở Nội vụ`) is
    followed by the next row's code and label."""
    return pos + 1 < len(cells) and _is_label(cells[pos][0]) and bool(NUMERIC_CELL.pattern.match(fold(cells[pos + 1][0]))) \
        and not _starts_row(cells, pos + 1, code, False)


def _flat_header(texts: list[str], rows: list[list[str]], explicit: bool) -> list[list[str]]:
    """Header rows of a one-cell-per-line table. Printed without its empty cells, a merged
    header is one list of texts longer than a row: its numbering cells (`1=(2+3) | 2 | 3`) are
    the last row, the last texts the leaves over the value columns, the rest the top row."""
    width = max(len(r) for r in rows)
    if explicit or len(texts) <= width:
        return [texts]
    numbering = 0
    while numbering < len(texts) and is_numbering_row(texts[len(texts) - numbering - 1:]):
        numbering += 1
    named = texts[:len(texts) - numbering]
    n_lead = count_lead_columns(rows)
    n_notes = sum(1 for t in named if NOTE_COLUMN.pattern.match(fold(t)))
    n_leaves = max(1, width - n_lead - n_notes)
    if len(named) <= n_leaves + n_lead:
        out = [named]
    else:
        top, groups = named[:n_lead], named[n_lead:-n_leaves]
        notes_at = next((k for k, t in enumerate(groups) if NOTE_COLUMN.pattern.match(fold(t))), None)
        if notes_at is not None:
            # The top row ends with its note column (`Số PAKN quá hạn | Ghi chú`); the groups
            # after it are a row of their own (`Tổng số | Trong đó`).
            top, groups = top + groups[:notes_at + 1], groups[notes_at + 1:]
            out = [top, *([groups] if groups else []), named[-n_leaves:]]
        elif len(groups) * 2 > n_leaves:
            # Side by side, every group would stand over two leaves at least; fewer leaves
            # mean the groups are stacked, each over all of them (`Tổng số hồ sơ quá hạn đang
            # xử lý` over `Xử lý quá hạn (*)` over `Tổng | Cấp huyện | Cấp xã`).
            out = [top + groups[:1], *([g] for g in groups[1:]), named[-n_leaves:]]
        else:
            out = [top + groups, named[-n_leaves:]]
    return out + ([texts[len(texts) - numbering:]] if numbering else [])


def _starts_codeless_row(cells: list[tuple[str, int]], pos: int, width: int) -> bool:
    """An empty STT cell followed by a label: a row like `| Còn lại | 697 TTHC (48.24%) |`."""
    if pos + width > len(cells):
        return False
    label = cells[pos + 1][0]
    return bool(label) and not is_row_code(label) and not ANNEX_HEADING.pattern.match(fold(label)) and not NUMERIC_CELL.pattern.match(fold(label))


def _build_table(rows: list[list[str]], row_provs: list[Provenance], n_header: int | None = None) -> Table:
    """A Table from published rows; leading rows before the first data row are the header."""
    n_header = count_header_rows(rows) if n_header is None else n_header
    n_cols = max(len(r) for r in rows)
    cells: list[Cell] = []
    if n_header:
        n_lead = count_lead_columns(rows[n_header:])
        cells += rebuild_header(rows[:n_header], n_cols, n_lead)
    for r, row in enumerate(rows[n_header:], start=n_header):
        cells += [Cell(text, r, c) for c, text in enumerate(row) if text]
    provs = tuple(replace(prov, row_no=r + 1) for r, prov in enumerate(row_provs))
    return Table(tuple(cells), len(rows), n_cols, provs)
