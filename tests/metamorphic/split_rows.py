"""A letter printed with an annex row broken over a page, as Word and browsers print one by
default: the row's first words stay at the foot of page N, the rest of each cell goes on at the
top of page N+1, with or without a rule on either side of the break, the header repeated or not.
`samples/render_layouts.py` never breaks inside a row, so nothing else draws this.
"""

from __future__ import annotations

from dataclasses import dataclass

from chiso.extractors.model import Cell, Document, Line, Table
from metamorphic.containers import _pdf_renderer


@dataclass(frozen=True, slots=True)
class Break:
    """Where the rules are at the break inside the row, and whether the header repeats."""

    rule_at_break: bool
    repeat_header: bool


BREAKS: dict[str, Break] = {
    "ruled_break": Break(rule_at_break=True, repeat_header=False),
    "open_break": Break(rule_at_break=False, repeat_header=False),
    "ruled_break_header": Break(rule_at_break=True, repeat_header=True),
    "open_break_header": Break(rule_at_break=False, repeat_header=True),
}


def render_split_row(doc: Document, brk: Break, split_row: bool = True) -> bytes:
    """The letter as a ruled text PDF whose every annex of eight rows or more breaks over a page
    inside its middle row (`split_row`), or between that row and the one before it."""
    module = _pdf_renderer()
    pdf = module._new_pdf()
    pdf.add_page()
    for block in doc.blocks:
        if isinstance(block, Line):
            module._draw_line(pdf, block.text, module.LAYOUTS["ruled_grid"])
        elif block.header_rows() == 0:
            module._draw_layout_table(pdf, block)
        else:
            _draw_grid(pdf, block, brk, split_row)
    return bytes(pdf.output())


def _halves(text: str) -> tuple[str, str]:
    """A cell's words before and after the break: a one-word cell stays on page N whole."""
    words = text.split()
    cut = (len(words) + 1) // 2 if len(words) > 1 else len(words)
    return " ".join(words[:cut]), " ".join(words[cut:])


def _header_heights(pdf, head: list[Cell], xs: list[float], line_h: float, padding: float, n_head: int) -> list[float]:  # type: ignore[no-untyped-def]
    """Each header row's height: a merged cell's wrapped lines stretch the last row it spans."""
    pdf.set_font("DejaVu", "B", _pdf_renderer().TABLE_SIZE)
    heights = [line_h + 2.0] * n_head
    for cell in sorted(head, key=lambda c: c.row_span):
        lines = _pdf_renderer()._wrap(pdf, xs[cell.col + cell.col_span] - xs[cell.col], cell.text, padding)
        heights[cell.row + cell.row_span - 1] += max(0.0, len(lines) * line_h + 2.0 - sum(heights[cell.row:cell.row + cell.row_span]))
    return heights


def _draw_grid(pdf, table: Table, brk: Break, split_row: bool) -> None:  # type: ignore[no-untyped-def]
    module = _pdf_renderer()
    padding, line_h = 1.2, module.TABLE_SIZE * module.PT * 1.3
    widths = module._column_widths(pdf, table, padding, module._usable(pdf))
    xs = [module.MARGIN_L + sum(widths[:c]) for c in range(table.n_cols + 1)]
    head = [c for c in table.cells if c.row < table.header_rows()]
    pdf.set_auto_page_break(False)

    heights = _header_heights(pdf, head, xs, line_h, padding, table.header_rows())

    def draw_header(top: float) -> float:
        pdf.set_font("DejaVu", "B", module.TABLE_SIZE)
        for cell in head:
            y0 = top + sum(heights[:cell.row])
            h = sum(heights[cell.row:cell.row + cell.row_span])
            module._draw_cell(pdf, cell, xs[cell.col], y0, xs[cell.col + cell.col_span] - xs[cell.col], h, line_h, True, padding, True)
        return top + sum(heights)

    def height(row: list[Cell]) -> float:
        pdf.set_font("DejaVu", "", module.TABLE_SIZE)
        return max(1, *(len(module._wrap(pdf, xs[c + 1] - xs[c], cell.text, padding)) for c, cell in enumerate(row))) * line_h + 2.0

    def draw_row(row: list[Cell], y: float, top_rule: bool, bottom_rule: bool) -> float:
        h = height(row)
        for c, cell in enumerate(row):
            module._draw_cell(pdf, cell, xs[c], y, xs[c + 1] - xs[c], h, line_h, False, padding, False)
            pdf.line(xs[c], y, xs[c], y + h)
        pdf.line(xs[-1], y, xs[-1], y + h)
        if top_rule:
            pdf.line(xs[0], y, xs[-1], y)
        if bottom_rule:
            pdf.line(xs[0], y + h, xs[-1], y + h)
        return y + h

    y = draw_header(pdf.get_y() + 1)
    rows = module._body_rows(table)
    split = len(rows) // 2 if len(rows) >= 8 else None
    for i, row in enumerate(rows):
        if y + height(row) > pdf.h - module.MARGIN_B or (i == split and not split_row):
            pdf.add_page(orientation=pdf.cur_orientation)
            y = draw_header(module.MARGIN_T) if brk.repeat_header else module.MARGIN_T
        if i == split and split_row:
            parts = [_halves(cell.text) for cell in row]
            y = draw_row([Cell(first, cell.row, cell.col) for cell, (first, _) in zip(row, parts)], y, True, brk.rule_at_break)
            pdf.add_page(orientation=pdf.cur_orientation)
            y = draw_header(module.MARGIN_T) if brk.repeat_header else module.MARGIN_T
            row = [Cell(rest, cell.row, cell.col) for cell, (_, rest) in zip(row, parts)]
            y = draw_row(row, y, brk.rule_at_break or brk.repeat_header, True)
            continue
        y = draw_row(row, y, True, True)
    pdf.set_auto_page_break(True, module.MARGIN_B)
    pdf.set_xy(module.MARGIN_L, y + 4)
