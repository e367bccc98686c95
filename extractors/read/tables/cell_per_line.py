"""One cell per line after a `STT` line (seed 004, and a table printed as text): header cells
until the first row code, then rows. Empty cells are NBSP-only lines in text, and vanish in a
PDF, so a row also ends where the next row's code starts (a code that follows the previous
one, before a label). Printed without its empty cells, a merged header is one run of texts
longer than a row (`_flat_header`)."""

from __future__ import annotations

from chiso.extractors.model import Provenance, Table
from chiso.extractors.phrases import ANNEX_HEADING, ATTACHED_TO, DELTA_SAME, HEADER_START, NOTE_COLUMN, NUMBERING_CELL, NUMERIC_CELL
from chiso.extractors.read.tables.grid import build_table
from chiso.extractors.read.tables.wrapped import wrapping_lines
from chiso.extractors.rows import count_lead_columns, follows_code, is_numbering_row, is_row_code
from chiso.normalize.text import fold, normalize_text

# A line ending this close to the right edge of the text (share of its width) wrapped.
_WRAP_MARGIN = 0.1


def starts_cell_per_line_table(raw_lines: list[str], i: int) -> bool:
    """A line that is a header's first cell (`STT`)."""
    return bool(HEADER_START.pattern.match(fold(normalize_text(raw_lines[i]))))


def read_cell_per_line_table(raw_lines: list[str], start: int, provs: list[Provenance]) -> tuple[Table, int] | None:
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
    return build_table(grid, [provs[n - 1] for n in [*head_lines, *row_lines]], n_header=len(head_rows)), end_line


def _flat_cells(raw_lines: list[str], start: int, provs: list[Provenance]) -> list[tuple[str, int]]:
    """The cells from `start` on, with their line index; a wrapped cell's lines (`wrapped`)
    are one cell."""
    cells: list[tuple[str, int]] = []
    wraps = wrapping_lines(provs, start, _WRAP_MARGIN)
    joined = False
    for i in range(start, len(raw_lines)):
        if raw_lines[i].strip() == "" and "\u00a0" not in raw_lines[i]:
            continue
        text = normalize_text(raw_lines[i])
        if joined and cells and not is_row_code(text):
            cells[-1] = (f"{cells[-1][0]} {text}", cells[-1][1])
        else:
            cells.append((text, i))
        joined = wraps[i - start]
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
    if len(rejoined := _rejoined(texts)) == width and not is_numbering_row(texts[-2:]):
        return [rejoined]
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


def _rejoined(texts: list[str]) -> list[str]:
    """A web page's header cells broken over lines (`HUYỆN, THỊ XÃ,` / `THÀNH PHỐ`, `Điểm` /
    `thẩm định` / `(65)`, `Tổng điểm` / `(100)`): a text opening in lower case or in
    parentheses, or after a comma, goes on with the cell before it."""
    out: list[str] = []
    for text in texts:
        if out and (text[:1].islower() or text.startswith("(") and text.endswith(")") or out[-1].endswith((",", "-"))):
            out[-1] = f"{out[-1]} {text}"
        else:
            out.append(text)
    return out


def _starts_codeless_row(cells: list[tuple[str, int]], pos: int, width: int) -> bool:
    """An empty STT cell followed by a label: a row like `| Còn lại | 697 TTHC (48.24%) |`."""
    if pos + width > len(cells):
        return False
    label = cells[pos + 1][0]
    return bool(label) and not is_row_code(label) and not ANNEX_HEADING.pattern.match(fold(label)) and not NUMERIC_CELL.pattern.match(fold(label))
