"""The one table stage: every reader's positioned lines → Lines and Tables in reading order.

Each page first gives up the tables its geometry shows, where its reader saw word boxes:
ruled grids (`ruled`), then unruled aligned columns (`aligned`); its other rows become lines,
split where a wide gap separates two columns of a letter head (`ỦY BAN NHÂN DÂN` beside `CỘNG
HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM`), numbered down the page (a table row takes a number too),
a justified paragraph's wrapped lines joined back into one and a ragged-right one's marked
(`paragraphs`).
Grids continued over a page break are joined (`continued`). Then every run of lines, from a
text file or from a PDF whose tables lost their geometry (a table pasted as text, a browser
printout), goes through the shapes the text alone shows: pipe rows (`pipes`), tab and
fixed-width columns (`columns`), one cell per line (`cell_per_line`), single-space rows
(`spaced`); the marked lines that no table took are joined. Merged headers
(`merged_headers`) and wrapped cells (`wrapped`) are read by the shapes they occur in.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from statistics import median

from chiso.extractors.model import Block, Line, Provenance, Table
from chiso.extractors.phrases import HEADER_INITIALS
from chiso.extractors.read.tables.aligned import aligned_grids
from chiso.extractors.read.tables.cell_per_line import read_cell_per_line_table, starts_cell_per_line_table
from chiso.extractors.read.tables.columns import read_column_table, starts_column_table
from chiso.extractors.read.tables.continued import PageBlock, join_pages
from chiso.extractors.read.tables.grid import PageGrid
from chiso.extractors.read.tables.paragraphs import join_continued_lines, join_wrapped_lines
from chiso.extractors.read.tables.pipes import read_pipe_table, starts_pipe_table
from chiso.extractors.read.tables.positioned import PositionedLine, PositionedPage, Word, split_at_gaps, word_line
from chiso.extractors.read.tables.ruled import ruled_grid, words_inside
from chiso.extractors.read.tables.spaced import read_spaced_table, starts_spaced_table
from chiso.normalize.text import fold, normalize_text

# A row is split into separate lines at a gap wider than this many word heights.
_LINE_SPLIT_GAP = 2.0

Starts = Callable[[list[str], int], bool]
Reads = Callable[[list[str], int, list[Provenance]], "tuple[Table, int] | None"]
# The shapes the text alone shows, tried in this order at every line.
_LINE_SHAPES: tuple[tuple[Starts, Reads], ...] = (
    (starts_pipe_table, read_pipe_table),
    (starts_column_table, read_column_table),
    (starts_cell_per_line_table, read_cell_per_line_table),
    (starts_spaced_table, read_spaced_table),
)


def recover(pages: Sequence[PositionedPage]) -> tuple[Block, ...]:
    """A document's blocks from its pages of positioned lines."""
    laid_out = [_page_blocks(page) if page.rows() else list(page.lines) for page in pages]
    widths = {page.page: page.width for page in pages if page.page is not None}
    return recover_between([b.to_table() if isinstance(b, PageGrid) else b for b in join_pages(laid_out, widths)])


def recover_between(blocks: Sequence[PositionedLine | Table]) -> tuple[Block, ...]:
    """Tables found already (by geometry, or by a reader from markup: HTML's `<table>`) kept,
    and every run of lines between them read for the shapes the text alone shows."""
    out: list[Block] = []
    run: list[PositionedLine] = []
    for block in [*blocks, None]:
        if isinstance(block, PositionedLine):
            run.append(block)
            continue
        out += _line_shapes(run)
        run = []
        if block is not None:
            out.append(block)
    return tuple(out)


def _page_blocks(page: PositionedPage) -> list[PageBlock]:
    """One page's grids and free lines in reading order (top to bottom), with line numbers:
    every line and every grid row takes the next number on the page."""
    rows = page.rows()
    words = [w for row in rows for w in row]
    height = median(w.bottom - w.top for w in words)
    placed: list[tuple[float, float, PageGrid | list[Word]]] = []
    free_rows = [list(row) for row in rows]
    row_of = {id(w): i for i, row in enumerate(rows) for w in row}
    for rects in page.ruled_tables:
        inside = words_inside((w for row in free_rows for w in row), rects)
        grid = ruled_grid(page.page or 0, rects, inside, height, row_of)
        if grid is None:
            continue
        taken = {id(w) for w in inside}
        free_rows = [[w for w in row if id(w) not in taken] for row in free_rows]
        placed.append((grid.top, 0.0, grid))
    free_rows = [row for row in free_rows if row]
    grids, free_rows = aligned_grids(page.page or 0, free_rows, height)
    placed += [(g.top, 0.0, g) for g in grids]
    for row in free_rows:
        for segment in split_at_gaps(row, _LINE_SPLIT_GAP * height):
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
            blocks.append(word_line(item, page.page, line_no))
    return join_wrapped_lines(blocks, height, page.width)


def recover_text(raw_lines: list[str]) -> tuple[Block, ...]:
    """A text file's lines, numbered from 1: what `recover` makes of them as one page without
    geometry, without a positioned line made for each first (a frozen dataclass a line)."""
    return tuple(_shapes(raw_lines, [Provenance(None, i + 1) for i in range(len(raw_lines))]))


def _line_shapes(lines: Sequence[PositionedLine]) -> list[Block]:
    return join_continued_lines(_shapes([line.raw for line in lines], [line.prov for line in lines]), lines)


def _shapes(raw_lines: list[str], provs: list[Provenance]) -> list[Block]:
    """Lines and the tables among them, in reading order: at each line, the first shape that
    starts there and reads a table takes its lines."""
    blocks: list[Block] = []
    i = 0
    while i < len(raw_lines):
        text = normalize_text(raw_lines[i])
        found = _table_at(raw_lines, i, provs) if _may_open_table(raw_lines[i], text) else None
        if found is not None:
            table, i = found
            blocks.append(table)
            continue
        if text:
            blocks.append(Line(text, raw_lines[i], provs[i]))
        i += 1
    return blocks


def _may_open_table(raw: str, text: str) -> bool:
    """Every shape opens at a pipe row or at a header's first cell (`STT`, `Số TT`, `Xếp hạng`),
    whose first letter is one of HEADER_START's: trying the four shapes at every line of a
    letter was most of reading it. The first field of a column row is the raw line's first
    word; the other shapes read the normalised line."""
    first, normalised_first = raw.strip()[:1], text[:1]
    return "|" in raw or fold(first) in HEADER_INITIALS or (normalised_first != first and fold(normalised_first) in HEADER_INITIALS)


def _table_at(raw_lines: list[str], i: int, provs: list[Provenance]) -> tuple[Table, int] | None:
    """The table of the first shape that starts at line `i` and reads one, with the index of
    the line after it."""
    for starts, read in _LINE_SHAPES:
        if starts(raw_lines, i):
            found = read(raw_lines, i, provs)
            if found is not None:
                return found
    return None
