"""Unruled aligned columns: a table printed without rulings (seed 004 printed from the web) is
a run of rows whose words fall into aligned columns, at least three rows with a row code or a
number beside a label, with the header lines above and the wrapped lines of its cells."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from statistics import median

from chiso.extractors.model import BBox, Cell
from chiso.extractors.phrases import ANNEX_HEADING, ATTACHED_TO, HEADER_START, NUMERIC_CELL
from chiso.extractors.read.tables.grid import PageGrid
from chiso.extractors.read.tables.positioned import Word, split_at_gaps
from chiso.extractors.rows import is_row_code
from chiso.normalize.text import fold, normalize_text

_MIN_UNRULED_ROWS = 3
_MIN_UNRULED_COLUMNS = 3
# Lines closer than this (in word heights) are one cell's wrapped lines: a label wrapped in a
# narrow column runs over any number of them (`Tiếp nhận, xử lý phản ánh, | kiến nghị (PAKN)
# của cá nhân, | tổ chức ...`), while rows are set apart by the cell padding.
_WRAP_GAP = 0.5


def _is_number(text: str) -> bool:
    return bool(NUMERIC_CELL.pattern.match(fold(text)))


@dataclass(slots=True)
class _Row:
    """A text row cut into segments at column gaps."""

    index: int
    segments: list[list[Word]]
    top: float
    bottom: float

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2

    def texts(self) -> list[str]:
        return [" ".join(w.text for w in s) for s in self.segments]

    def is_data(self) -> bool:
        """Two or more cells, the first a row code or a later one a number."""
        texts = self.texts()
        return len(texts) >= 2 and (is_row_code(texts[0]) or any(_is_number(t) for t in texts[1:]))


def aligned_grids(page: int, rows: list[list[Word]], height: float) -> tuple[list[PageGrid], list[list[Word]]]:
    """Unruled tables among the free rows: runs of data rows (with their wrapped
    continuation rows and the header rows above) whose cells line up in columns."""
    gaps = [b.x0 - a.x1 for row in rows for a, b in zip(row, row[1:]) if 0 < b.x0 - a.x1 < height]
    space = median(gaps) if gaps else 0.3 * height
    cut = max(2.0 * space, 0.6 * height)
    parsed = [_Row(i, split_at_gaps(row, cut), min(w.top for w in row), max(w.bottom for w in row)) for i, row in enumerate(rows)]
    grids: list[PageGrid] = []
    used: set[int] = set()
    start = 0
    while start < len(parsed):
        run = _data_run(parsed, start, height)
        if run is None:
            break
        first, last = run
        grid = _grid_from_run(page, parsed, first, last, height, max(used, default=-1) + 1)
        if grid is not None:
            table, members = grid
            grids.append(table)
            used.update(members)
        start = last + 1
    return grids, [row for i, row in enumerate(rows) if i not in used]


def _data_run(parsed: list[_Row], start: int, height: float) -> tuple[int, int] | None:
    """The next stretch of rows holding at least three data rows, with at most three
    non-data rows between two data rows and no vertical gap over 2.5 word heights."""
    i = start
    while i < len(parsed):
        if not parsed[i].is_data():
            i += 1
            continue
        first = last = i
        n_data = 1
        j = i + 1
        while j < len(parsed) and parsed[j].top - parsed[j - 1].bottom <= 2.5 * height:
            if parsed[j].is_data():
                last, n_data = j, n_data + 1
            elif j - last > 3 and parsed[j].top - parsed[j - 1].bottom > _WRAP_GAP * height:
                break
            j += 1
        if n_data >= _MIN_UNRULED_ROWS or _under_header(parsed, first, height):
            return first, last
        i = last + 1
    return None


def _under_header(parsed: list[_Row], first: int, height: float) -> bool:
    """Whether a header line (`STT | Tiêu chí | Tỷ trọng`) sits just above row `first`: then
    even one row is a table, such as the last row of an annex carried over to a new page
    under its repeated header, or the first row left at the foot of a page."""
    return any(HEADER_START.pattern.match(fold(parsed[j].texts()[0]))
               for j in range(first - 1, -1, -1) if parsed[first].top - parsed[j].top <= 10 * height)


def _columns(rows: Iterable[_Row]) -> list[tuple[float, float]]:
    """Column extents: the union of the data rows' cell boxes, split where no cell reaches."""
    return _union([(s[0].x0, s[-1].x1) for row in rows for s in row.segments])


def _union(spans: Iterable[tuple[float, float]]) -> list[tuple[float, float]]:
    """Overlapping extents merged, left to right."""
    out: list[list[float]] = []
    for x0, x1 in sorted(spans):
        if out and x0 <= out[-1][1]:
            out[-1][1] = max(out[-1][1], x1)
        else:
            out.append([x0, x1])
    return [(a, b) for a, b in out]


def _column_of(segment: list[Word], columns: list[tuple[float, float]]) -> int | None:
    """The column a segment overlaps most; None when it straddles two columns' gap widely
    (a centred caption, not a cell)."""
    x0, x1 = segment[0].x0, segment[-1].x1
    overlaps = [max(0.0, min(x1, b) - max(x0, a)) for a, b in columns]
    best = max(range(len(columns)), key=lambda k: overlaps[k])
    if overlaps[best] <= 0:
        centre = (x0 + x1) / 2
        return min(range(len(columns)), key=lambda k: abs((columns[k][0] + columns[k][1]) / 2 - centre))
    if sum(1 for o in overlaps if o > 0) > 1 and overlaps[best] < 0.7 * (x1 - x0):
        return None
    return best


def _grid_from_run(page: int, parsed: list[_Row], first: int, last: int, height: float, floor: int = 0) -> tuple[PageGrid, set[int]] | None:
    """The table of the data rows `first..last`, with the wrapped lines below its last row
    and the header lines above its first (none above `floor`, the rows a table above took)."""
    data = [r for r in parsed[first:last + 1] if r.is_data()]
    # A stacked header's last lines may hold numbers (`đa | 2021`); where rows are coded, the
    # columns are those of the rows from the first coded one on.
    coded_at = next((k for k, r in enumerate(data) if is_row_code(r.texts()[0])), 0)
    columns = _columns(data[coded_at:])
    if len(columns) < _MIN_UNRULED_COLUMNS:
        return None
    left, right = columns[0][0] - height, columns[-1][1] + height
    members = list(range(first, last + 1))
    # wrapped text of the last row
    j = last + 1
    while j < len(parsed) and parsed[j].middle - parsed[j - 1].middle <= 1.6 * height and _fits(parsed[j], columns, left, right) \
            and not parsed[j].is_data():
        members.append(j)
        j += 1
    header: list[int] = []
    j = first - 1
    # A header is at most about ten lines tall; its last line may sit further above the first
    # row (a rule and its padding). A scan's header cells come as one row per cell line.
    while j >= floor and parsed[first].top - parsed[j].top <= 14 * height and parsed[j + 1].top - parsed[j].bottom <= (1.2 if header else 1.6) * height \
            and _fits_header(parsed[j], columns):
        low = fold(" ".join(parsed[j].texts()))
        if ANNEX_HEADING.pattern.match(low) or ATTACHED_TO.pattern.match(low):
            break
        header.insert(0, j)
        j -= 1
    # A header cell right (or left) of every value names a column empty on this page (`Chủ
    # trì tham mưu` over rows without a department, `TT` over an uncoded row): the column is
    # the table's all the same.
    outside = [(s[0].x0, s[-1].x1) for k in header for s in parsed[k].segments]
    columns = [*_union(o for o in outside if o[1] < columns[0][0]), *columns, *_union(o for o in outside if o[0] > columns[-1][1])]
    body = [parsed[k] for k in members]
    # Rows are anchored on their code (`1`, `2.1`, `I`) when the first column holds codes;
    # a wrapped row's second line (`Huế | 7 | %`) may look like data but has no code.
    coded = sum(1 for r in data if _column_of(r.segments[0], columns) == 0 and is_row_code(r.texts()[0]))
    code_column = coded >= _MIN_UNRULED_ROWS and coded >= 0.4 * len(data)
    anchors = [r for r in body
               if (code_column and (_column_of(r.segments[0], columns) == 0 or _is_uncoded_row(r, parsed[r.index - 1] if r.index else None, columns, height)))
               or (not code_column and r.is_data())]
    # A stacked header's last lines (`đa | 2021 | 2022` under `Điểm tối | Điểm năm`) sit below
    # its other lines and above the first row, coded or a label with its values: they
    # belong to the header.
    first_row = anchors[0] if code_column and anchors else next(
        (r for r in body if _is_uncoded_row(r, parsed[r.index - 1] if r.index else None, columns, height)), None)
    if first_row is not None:
        opening = [k for k in members if parsed[k].top < first_row.top]
        header += opening
        members = [k for k in members if k not in opening]
        body = [parsed[k] for k in members]
        anchors = [r for r in anchors if r.top >= first_row.top]
    n_cols = len(columns)
    texts: list[list[list[tuple[float, float, str]]]] = [[[] for _ in range(n_cols)] for _ in range(len(anchors) + 1)]
    boxes: list[list[float]] = [[columns[0][0], r.top, columns[-1][1], r.bottom] for r in anchors]
    for row in [parsed[k] for k in header]:
        for segment, text in zip(row.segments, row.texts()):
            texts[0][_header_column(segment, columns)].append((row.top, segment[0].x0, text))
    if not anchors:
        return None
    for row, target in zip(body, _assign_rows(body, anchors)):
        boxes[target][1] = min(boxes[target][1], row.top)
        boxes[target][3] = max(boxes[target][3], row.bottom)
        for segment, text in zip(row.segments, row.texts()):
            col = _column_of(segment, columns)
            texts[target + 1][col if col is not None else 0].append((row.top, segment[0].x0, text))
    has_header = bool(header)
    grid_rows = texts if has_header else texts[1:]
    cells = [
        Cell(normalize_text(" ".join(t for _, _, t in sorted(parts))), r, c, is_header=has_header and r == 0)
        for r, row in enumerate(grid_rows) for c, parts in enumerate(row) if parts
    ]
    row_boxes = [BBox(*b) for b in boxes]
    if has_header:
        head = [parsed[k] for k in header]
        row_boxes.insert(0, BBox(columns[0][0], min(r.top for r in head), columns[-1][1], max(r.bottom for r in head)))
    edges = (columns[0][0], *((a[1] + b[0]) / 2 for a, b in zip(columns, columns[1:])), columns[-1][1])
    n_rows = len(grid_rows)
    grid = PageGrid(page, cells, n_rows, n_cols, int(has_header), edges, row_boxes, row_boxes[0].top, row_pages=[page] * n_rows)
    return grid, {parsed[k].index for k in [*header, *members]}


def _is_uncoded_row(row: _Row, above: _Row | None, columns: list[tuple[float, float]], height: float) -> bool:
    """A row printed without its code (`CHỈ SỐ CHUNG | 87.11 | >88.00`, `Còn lại | 697 TTHC
    (48.24%)`): a label and a number in a value column, set apart from the line above by a
    row's padding; a wrapped cell's next line (`Huế | 7 | %`) follows its line closely."""
    if above is not None and row.top - above.bottom <= _WRAP_GAP * height:
        return False
    places = [(_column_of(s, columns), t) for s, t in zip(row.segments, row.texts())]
    labelled = any(c == 1 and not _is_number(t) for c, t in places)
    return labelled and any(c is not None and c >= 2 and _is_number(t) for c, t in places)


def _assign_rows(body: list[_Row], anchors: list[_Row]) -> list[int]:
    """The grid row of every body row. Rows between two anchors split at the widest step
    between centres: a top-aligned cell's wrapped lines follow their anchor closely and the
    next row starts after the cell padding; a label wrapped around a vertically centred
    code starts half a line above its anchor, after the padding."""
    anchor_ids = {id(a): k for k, a in enumerate(anchors)}
    out: list[int] = []
    k = -1
    pending: list[int] = []
    for i, row in enumerate(body):
        if id(row) in anchor_ids:
            new = anchor_ids[id(row)]
            if pending and k >= 0:
                chain = [anchors[k], *(body[p] for p in pending), row]
                steps = [b.middle - a.middle for a, b in zip(chain, chain[1:])]
                split = max(range(len(steps)), key=lambda s: steps[s])
                for n, p in enumerate(pending):
                    out[p] = k if n < split else new
            elif pending:
                for p in pending:
                    out[p] = new
            pending = []
            out.append(new)
            k = new
        else:
            out.append(k)
            pending.append(i)
    for p in pending:
        out[p] = max(k, 0)
    return out


def _fits_header(row: _Row, columns: list[tuple[float, float]]) -> bool:
    """Every segment of a header row lies over at most two columns: a header cell may be
    wider than its column's values (`Chủ trì tham mưu` over `Sở Nội vụ`, `So với tháng` over
    `Tăng 6.566`), sit between narrow values (`tối` over `1` and `0.793`) or name a column
    empty on this page; a caption centred over the table spreads over more."""
    def spread(s: list[Word]) -> int:
        return sum(1 for a, b in columns if min(s[-1].x1, b) > max(s[0].x0, a))
    return all(spread(s) <= 2 for s in row.segments)


def _header_column(segment: list[Word], columns: list[tuple[float, float]]) -> int:
    """The column a header segment names: the one it overlaps most, or, when it spreads over
    two, the one its centre is over (header cells are centred on their column)."""
    col = _column_of(segment, columns)
    if col is not None:
        return col
    centre = (segment[0].x0 + segment[-1].x1) / 2
    return min(range(len(columns)), key=lambda k: 0 if columns[k][0] <= centre <= columns[k][1] else
               min(abs(columns[k][0] - centre), abs(columns[k][1] - centre)))


def _fits(row: _Row, columns: list[tuple[float, float]], left: float, right: float) -> bool:
    """Every segment of the row lies within the table and inside one column."""
    return all(s[0].x0 >= left and s[-1].x1 <= right and _column_of(s, columns) is not None for s in row.segments)
