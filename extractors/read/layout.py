"""Words with boxes → Lines and Tables: the page layout shared by text PDFs and scans.

A text PDF (pdfplumber) and a scan (tesseract) both give words with boxes, top-left origin.
This module turns one page of words into blocks in reading order, and a letter's pages into
one block sequence:

- ruled tables arrive as cell rectangles (pdfplumber's lines strategy, or the rulings found on
  a scan); the grid comes from the distinct cell edges, so a merged header cell keeps its
  row/column span (seed 000's PHỤ LỤC 3: `Tổng số hồ sơ quá hạn đang xử lý` over three columns);
- unruled tables (seed 004 printed from the web) are rows whose words fall into aligned
  columns, at least three rows with a row code or a number beside a label;
- everything else is a Line; a row is split where a wide gap separates two columns of a
  letter head (`ỦY BAN NHÂN DÂN` beside `CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM`);
- a table that ends one page and starts the next with the same columns is one Table, its
  repeated header rows dropped, each row keeping its own page.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from statistics import median

from extractors.model import BBox, Block, Cell, Line, Provenance, Table
from extractors.phrases import ANNEX_HEADING, ATTACHED_TO, HEADER_START, NUMERIC_CELL
from extractors.read.tables import TextLine, recover_tables
from extractors.rows import count_header_rows, is_row_code
from normalize.text import fold, normalize_text

Rect = tuple[float, float, float, float]
# A row is split into separate Lines at a gap wider than this many word heights.
_LINE_SPLIT_GAP = 2.0
# Words whose vertical centres are closer than this share a row (in word heights).
_ROW_JOIN = 0.4
_MIN_UNRULED_ROWS = 3
_MIN_UNRULED_COLUMNS = 3
# Lines closer than this (in word heights) are one cell's wrapped lines: a label wrapped in a
# narrow column runs over any number of them (`Tiếp nhận, xử lý phản ánh, | kiến nghị (PAKN)
# của cá nhân, | tổ chức ...`), while rows are set apart by the cell padding.
_WRAP_GAP = 0.5


@dataclass(frozen=True, slots=True)
class Word:
    """One word with its box (same units and origin as the page)."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def centre(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass(frozen=True, slots=True)
class PageWords:
    """One page as a reader found it: text rows (top to bottom, words left to right) and the
    cell rectangles of each ruled table."""

    page: int
    width: float
    rows: tuple[tuple[Word, ...], ...]
    ruled_tables: tuple[tuple[Rect, ...], ...] = ()


@dataclass(slots=True)
class PageGrid:
    """A table as found on one page, before a continuation on the next page is joined."""

    page: int
    cells: list[Cell]
    n_rows: int
    n_cols: int
    n_header: int
    col_edges: tuple[float, ...]
    row_boxes: list[BBox]
    top: float
    row_pages: list[int] = field(default_factory=list)
    row_line_nos: list[int] = field(default_factory=list)

    def header_texts(self) -> list[str]:
        return [fold(c.text) for c in sorted(self.cells, key=lambda c: (c.row, c.col)) if c.row < self.n_header]


PageBlock = Line | PageGrid


def group_rows(words: Iterable[Word]) -> tuple[tuple[Word, ...], ...]:
    """Words into rows: a word joins the row whose vertical centre is within 0.4 typical word
    heights of its own (a vertically centred `STT` beside a two-line header stays apart from
    both lines), rows top to bottom, words left to right."""
    ordered = sorted(words, key=lambda w: (w.middle, w.x0))
    if not ordered:
        return ()
    height = median(w.bottom - w.top for w in ordered)
    rows: list[list[Word]] = []
    for word in ordered:
        if rows and abs(word.middle - median(w.middle for w in rows[-1])) <= _ROW_JOIN * height:
            rows[-1].append(word)
        else:
            rows.append([word])
    return tuple(tuple(sorted(row, key=lambda w: w.x0)) for row in rows)


def read_page_blocks(page: PageWords) -> list[PageBlock]:
    """One page's Lines and table grids in reading order (top to bottom), with line numbers:
    every Line and every table row takes the next number on the page."""
    words = [w for row in page.rows for w in row]
    if not words:
        return []
    height = median(w.bottom - w.top for w in words)
    placed: list[tuple[float, float, PageBlock | list[Word]]] = []
    free_rows = [list(row) for row in page.rows]
    row_of = {id(w): i for i, row in enumerate(page.rows) for w in row}
    for rects in page.ruled_tables:
        inside = [w for row in free_rows for w in row if _inside_any(w, rects)]
        grid = _grid_from_cells(page.page, rects, inside, height, row_of)
        if grid is None:
            continue
        taken = {id(w) for w in inside}
        free_rows = [[w for w in row if id(w) not in taken] for row in free_rows]
        placed.append((grid.top, 0.0, grid))
    free_rows = [row for row in free_rows if row]
    grids, free_rows = _find_unruled(page.page, free_rows, height)
    placed += [(g.top, 0.0, g) for g in grids]
    for row in free_rows:
        for segment in _split(row, _LINE_SPLIT_GAP * height):
            placed.append((min(w.top for w in segment), segment[0].x0, segment))
    placed.sort(key=lambda p: (p[0], p[1]))
    blocks: list[PageBlock] = []
    line_no = 0
    for _, _, item in placed:
        if isinstance(item, PageGrid):
            item.row_line_nos = list(range(line_no + 1, line_no + 1 + item.n_rows))
            line_no += item.n_rows
            blocks.append(item)
        else:
            line_no += 1
            raw = " ".join(w.text for w in item)
            box = BBox(min(w.x0 for w in item), min(w.top for w in item), max(w.x1 for w in item), max(w.bottom for w in item))
            blocks.append(Line(normalize_text(raw), raw, Provenance(page=page.page, line_no=line_no, bbox=box)))
    return blocks


def join_pages(pages: Sequence[Sequence[PageBlock]], page_widths: dict[int, float]) -> tuple[Block, ...]:
    """All pages' blocks as one sequence; a table continued at the top of the next page with
    the same columns joins the table that ended the previous page."""
    out: list[PageBlock] = []
    for blocks in pages:
        for i, block in enumerate(blocks):
            if isinstance(block, PageGrid) and _only_folios(blocks[:i]):
                previous = _last_grid_before(out, block.page)
                if previous is not None and _continues(previous, block, page_widths.get(block.page, 600.0)):
                    _append_rows(previous, block)
                    continue
            out.append(block)
    return tuple(_recover_from_lines([_to_table(b) if isinstance(b, PageGrid) else b for b in out]))


def _recover_from_lines(blocks: list[Block]) -> list[Block]:
    """The lines no geometry made a table of go through the shared table stage: a table
    printed as text (one cell per line, cells joined by single spaces) has no columns to see."""
    out: list[Block] = []
    run: list[Line] = []
    for block in [*blocks, None]:
        if isinstance(block, Line):
            run.append(block)
            continue
        if run:
            out += recover_tables([TextLine(line.raw, line.prov) for line in run])
            run = []
        if block is not None:
            out.append(block)
    return out


def _is_folio(block: PageBlock) -> bool:
    """A page number or running footer line (`2`, `- 2 -`, `Trang 2`) that may sit between the
    two parts of a table split by a page break."""
    if not isinstance(block, Line):
        return False
    text = fold(block.text).replace("trang", "").strip(" -–—.")
    return len(text) <= 4 and text.isdigit()


def _only_folios(blocks: Sequence[PageBlock]) -> bool:
    return all(_is_folio(b) for b in blocks)


def _last_grid_before(out: list[PageBlock], page: int) -> PageGrid | None:
    for block in reversed(out):
        if _is_folio(block):
            continue
        if isinstance(block, PageGrid) and block.row_pages[-1] == page - 1:
            return block
        return None
    return None


def _continues(first: PageGrid, second: PageGrid, page_width: float) -> bool:
    """Same number of columns, and either the first table's header repeated or no header
    and the columns at the same places (2.5 % of the page width)."""
    if first.n_cols != second.n_cols:
        return False
    if second.n_header and second.n_header == first.n_header and _similar(first.header_texts(), second.header_texts()):
        # The header repeated: the same table, even where unruled columns, found from each
        # page's own values, sit a little apart.
        return True
    tolerance = 0.025 * page_width
    return second.n_header == 0 and all(abs(a - b) <= tolerance for a, b in zip(first.col_edges, second.col_edges))


def _similar(a: list[str], b: list[str]) -> bool:
    """Header texts equal up to OCR noise: most words in common."""
    wa, wb = " ".join(a).split(), " ".join(b).split()
    if not wa or not wb:
        return not wa and not wb
    common = len(set(wa) & set(wb))
    return common >= 0.6 * max(len(set(wa)), len(set(wb)))


def _append_rows(first: PageGrid, second: PageGrid) -> None:
    """Rows of the continuation below the first part; its repeated header rows are dropped."""
    skip = second.n_header
    offset = first.n_rows - skip
    first.cells += [Cell(c.text, c.row + offset, c.col, c.row_span, c.col_span, c.is_header) for c in second.cells if c.row >= skip]
    first.row_boxes += second.row_boxes[skip:]
    first.row_pages += second.row_pages[skip:]
    first.row_line_nos += second.row_line_nos[skip:]
    first.n_rows += second.n_rows - skip


def _to_table(grid: PageGrid) -> Table:
    provs = tuple(
        Provenance(page=page, line_no=line_no, row_no=r + 1, bbox=box)
        for r, (page, line_no, box) in enumerate(zip(grid.row_pages, grid.row_line_nos, grid.row_boxes))
    )
    cells = tuple(sorted(grid.cells, key=lambda c: (c.row, c.col)))
    return Table(cells, grid.n_rows, grid.n_cols, provs)


def _inside_any(word: Word, rects: Sequence[Rect]) -> bool:
    return any(r[0] <= word.centre <= r[2] and r[1] <= word.middle <= r[3] for r in rects)


def _cluster(values: Iterable[float], tolerance: float) -> list[float]:
    """Distinct coordinates: values closer than `tolerance` are one edge."""
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= tolerance:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(group) / len(group) for group in out]


def _nearest(edges: list[float], value: float) -> int:
    return min(range(len(edges)), key=lambda i: abs(edges[i] - value))


def _cell_text(words: list[Word], row_of: dict[int, int]) -> str:
    """A cell's words in reading order: by the page row each word was read on, then x."""
    return normalize_text(" ".join(w.text for w in sorted(words, key=lambda w: (row_of.get(id(w), 0), w.x0))))


def _grid_from_cells(page: int, rects: Sequence[Rect], words: list[Word], height: float, row_of: dict[int, int]) -> PageGrid | None:
    """A ruled table from its cell rectangles: distinct x and y edges make the grid, and a
    rectangle covering several grid slots is a merged cell with its spans."""
    tolerance = max(1.5, 0.25 * height)
    xs = _cluster([v for r in rects for v in (r[0], r[2])], tolerance)
    ys = _cluster([v for r in rects for v in (r[1], r[3])], tolerance)
    n_cols, n_rows = len(xs) - 1, len(ys) - 1
    if n_cols < 2 or n_rows < 2:
        return None
    slots: list[tuple[int, int, int, int, str]] = []
    for rect in rects:
        c0, c1 = _nearest(xs, rect[0]), _nearest(xs, rect[2])
        r0, r1 = _nearest(ys, rect[1]), _nearest(ys, rect[3])
        if c1 <= c0 or r1 <= r0:
            continue
        inside = [w for w in words if rect[0] <= w.centre <= rect[2] and rect[1] <= w.middle <= rect[3]]
        slots.append((r0, c0, r1 - r0, c1 - c0, _cell_text(inside, row_of)))
    grid_rows = [["" for _ in range(n_cols)] for _ in range(n_rows)]
    for r, c, _, _, text in slots:
        grid_rows[r][c] = text
    n_header = count_header_rows(grid_rows)
    cells = [Cell(text, r, c, rs, cs, is_header=r < n_header) for r, c, rs, cs, text in sorted(slots) if text]
    boxes = [BBox(xs[0], ys[r], xs[-1], ys[r + 1]) for r in range(n_rows)]
    return PageGrid(page, cells, n_rows, n_cols, n_header, tuple(xs), boxes, ys[0], row_pages=[page] * n_rows)


def _split(row: Sequence[Word], gap: float) -> list[list[Word]]:
    """A row cut at every gap wider than `gap`."""
    out: list[list[Word]] = [[row[0]]]
    for word in row[1:]:
        if word.x0 - out[-1][-1].x1 > gap:
            out.append([word])
        else:
            out[-1].append(word)
    return out


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


def _find_unruled(page: int, rows: list[list[Word]], height: float) -> tuple[list[PageGrid], list[list[Word]]]:
    """Unruled tables among the free rows: runs of data rows (with their wrapped
    continuation rows and the header rows above) whose cells line up in columns."""
    gaps = [b.x0 - a.x1 for row in rows for a, b in zip(row, row[1:]) if 0 < b.x0 - a.x1 < height]
    space = median(gaps) if gaps else 0.3 * height
    cut = max(2.0 * space, 0.6 * height)
    parsed = [_Row(i, _split(row, cut), min(w.top for w in row), max(w.bottom for w in row)) for i, row in enumerate(rows)]
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
