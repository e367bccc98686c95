"""Draw one letter many ways: the layouts and scan damage a new reader meets (issue 9).

`render_samples.py` prints each seed the one way the readers were tuned on. Offices print the
same letter differently: annex tables ruled or not, columns separated by a single space (a
table pasted as text), one cell per line (a web table printed by a browser that lost its
CSS), merged multi-row headers without a single rule, narrow columns whose cells wrap, annexes
on landscape pages, tables broken over pages without their header repeated. And they scan
the printout: 200 or 300 dpi, turned by two degrees, grainy, JPEG at quality 40, half in
shadow, or faxed at one bit per pixel.

`render_layout(doc, layout)` draws a Document (read from a text or HTML letter, so every
table keeps its rows, columns and merged header cells) as a text PDF in one of `LAYOUTS`;
`scan_page(pdf, page, damage)` replaces one page of such a PDF by a damaged scan of it, so a
test OCRs one page yet the letter keeps its head, its periods and its other annexes. Nothing
here is random without a fixed seed: every rendering is the same bytes on every run.

Run by hand to look at them: `.venv/bin/python samples/render_layouts.py OUT_DIR`.
"""

from __future__ import annotations

import io
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from fpdf import FPDF
from PIL import Image, ImageFilter

from chiso.extractors.model import Cell, Document, Line, Table

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
MARGIN_L, MARGIN_R, MARGIN_T, MARGIN_B = 25.0, 18.0, 18.0, 18.0
BODY_SIZE, TABLE_SIZE = 11.0, 9.0
PT = 25.4 / 72


@dataclass(frozen=True, slots=True)
class Layout:
    """How tables are printed. `shape`: `grid` (cells in columns), `single_space` (a row as one
    line, cells joined by one space), `cell_per_line`. `width` is the table's share of the
    printable width; `split` breaks every longer table over a page in its middle."""

    name: str
    shape: str = "grid"
    ruled: bool = True
    header_rule: bool = True
    centre_merged: bool = True
    repeat_header: bool = True
    width: float = 1.0
    landscape_annex: bool = False
    split: bool = False


LAYOUTS: dict[str, Layout] = {layout.name: layout for layout in (
    Layout("ruled_grid"),
    Layout("unruled_columns", ruled=False),
    Layout("single_spaces", shape="single_space", ruled=False),
    Layout("cell_per_line", shape="cell_per_line", ruled=False),
    Layout("merged_header_unruled", ruled=False, header_rule=False, centre_merged=False),
    Layout("narrow_wrapped", ruled=False, width=0.62),
    Layout("landscape_annex", landscape_annex=True),
    Layout("split_over_pages", split=True, repeat_header=False),
)}


def render_layout(doc: Document, layout: Layout) -> bytes:
    """The letter as a text PDF drawn in `layout`; fixed dates, so the bytes are stable."""
    pdf = _new_pdf()
    pdf.add_page()
    for block in doc.blocks:
        if isinstance(block, Line):
            _draw_line(pdf, block.text, layout)
        elif block.header_rows() == 0:
            _draw_layout_table(pdf, block)
        elif layout.shape == "grid":
            _draw_grid(pdf, block, layout)
        else:
            _draw_as_lines(pdf, block, layout)
    return bytes(pdf.output())


def _new_pdf() -> FPDF:
    from datetime import datetime, timezone

    pdf = FPDF(orientation="P", unit="mm", format="A4")
    pdf.set_creation_date(datetime(2025, 1, 17, 8, 0, tzinfo=timezone.utc))
    pdf.set_margins(MARGIN_L, MARGIN_T, MARGIN_R)
    pdf.set_auto_page_break(True, MARGIN_B)
    pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.add_font("DejaVu", "I", str(FONT_DIR / "DejaVuSans-Oblique.ttf"))
    return pdf


def _is_heading(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(text) < 140 and bool(letters) and sum(c.isupper() for c in letters) > 0.8 * len(letters)


def _starts_annex(text: str) -> bool:
    low = text.lower()
    return len(text) < 40 and (low.startswith("phụ lục") or low.startswith("các chỉ tiêu cụ thể"))


def _draw_line(pdf: FPDF, text: str, layout: Layout) -> None:
    if _starts_annex(text) and (pdf.get_y() > MARGIN_T + 5 or layout.landscape_annex):
        pdf.add_page(orientation="L" if layout.landscape_annex else "P")
    height = BODY_SIZE * PT * 1.35
    if _is_heading(text) or _starts_annex(text):
        pdf.set_font("DejaVu", "B", BODY_SIZE)
        pdf.multi_cell(0, height, text, align="C", new_x="LMARGIN", new_y="NEXT")
    elif text.startswith("(Kèm theo") or text.startswith("(Ban hành kèm"):
        pdf.set_font("DejaVu", "I", BODY_SIZE)
        pdf.multi_cell(0, height, text, align="C", new_x="LMARGIN", new_y="NEXT")
    else:
        pdf.set_font("DejaVu", "", BODY_SIZE)
        pdf.multi_cell(0, height, text, align="J", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1.2)


def _usable(pdf: FPDF) -> float:
    return pdf.w - MARGIN_L - MARGIN_R


def _draw_layout_table(pdf: FPDF, table: Table) -> None:
    """Letter head (`ỦY BAN NHÂN DÂN | CỘNG HÒA ...`) and signature block: two unruled columns."""
    usable = _usable(pdf)
    widths = [usable * 0.42, usable * 0.58] if table.n_cols == 2 else [usable / table.n_cols] * table.n_cols
    height = BODY_SIZE * PT * 1.35
    pdf.ln(2)
    for r, row in enumerate(table.grid()):
        pdf.set_font("DejaVu", "B" if r == 0 else "", BODY_SIZE if r else BODY_SIZE - 0.5)
        wrapped = [pdf.multi_cell(w - 2, height, t, dry_run=True, output="LINES") if t else [] for w, t in zip(widths, row)]
        rows_needed = max(1, *(len(w) for w in wrapped))
        if pdf.get_y() + rows_needed * height > pdf.h - MARGIN_B:
            pdf.add_page(orientation=pdf.cur_orientation)
        top = pdf.get_y()
        x = MARGIN_L
        for w, lines in zip(widths, wrapped):
            for i, text in enumerate(lines):
                pdf.set_xy(x, top + i * height)
                pdf.cell(w, height, text, align="C")
            x += w
        pdf.set_xy(MARGIN_L, top + rows_needed * height + 1)
    pdf.ln(3)


def _column_widths(pdf: FPDF, table: Table, padding: float, usable: float) -> list[float]:
    """Every column as wide as its longest word, the rest of `usable` shared out by how much
    longer each column's texts are."""
    floor = [6.0] * table.n_cols
    wanted = [6.0] * table.n_cols
    for cell in table.cells:
        if cell.col_span != 1:
            continue
        pdf.set_font("DejaVu", "B" if cell.is_header else "", TABLE_SIZE)
        longest = max((pdf.get_string_width(w) for w in cell.text.split()), default=0) + 2 * (padding + pdf.c_margin) + 0.5
        floor[cell.col] = max(floor[cell.col], longest)
        if not cell.is_header:
            wanted[cell.col] = max(wanted[cell.col], min(pdf.get_string_width(cell.text) + 2 * (padding + pdf.c_margin), 70.0))
    wanted = [max(w, f) for w, f in zip(wanted, floor)]
    spare = max(0.0, usable - sum(floor))
    extra = [w - f for w, f in zip(wanted, floor)]
    share = min(1.0, spare / sum(extra)) if sum(extra) > 0 else 0.0
    return [f + e * share for f, e in zip(floor, extra)]


def _wrap(pdf: FPDF, width: float, text: str, padding: float) -> list[str]:
    return pdf.multi_cell(width - 2 * padding, 4, text, dry_run=True, output="LINES") if text else []


def _align(cell: Cell) -> str:
    if cell.is_header or cell.col == 0:
        return "C"
    stripped = cell.text.replace(" ", "")
    return "R" if stripped and sum(ch.isdigit() for ch in stripped) >= len(stripped) / 2 else "L"


def _body_rows(table: Table) -> list[list[Cell]]:
    n_head = table.header_rows()
    by_row: dict[int, dict[int, Cell]] = {}
    for cell in table.cells:
        if cell.row >= n_head:
            by_row.setdefault(cell.row, {})[cell.col] = cell
    return [[by_row.get(r, {}).get(c, Cell("", r, c)) for c in range(table.n_cols)] for r in range(n_head, table.n_rows)]


def _split_at(layout: Layout, n_rows: int) -> int | None:
    return n_rows // 2 if layout.split and n_rows >= 8 else None


def _draw_grid(pdf: FPDF, table: Table, layout: Layout) -> None:
    """A table cell by cell: header block (merged cells drawn merged, centred over their
    span or at the top of it), then rows, a page break between rows, never inside one."""
    padding = 1.2 if layout.ruled else 2.5
    widths = _column_widths(pdf, table, padding, _usable(pdf) * layout.width)
    xs = [MARGIN_L + sum(widths[:c]) for c in range(table.n_cols + 1)]
    line_h = TABLE_SIZE * PT * 1.3
    n_head = table.header_rows()
    head = [c for c in table.cells if c.row < n_head]
    pdf.set_font("DejaVu", "B", TABLE_SIZE)
    heights = [line_h + 2.0] * n_head
    for cell in sorted(head, key=lambda c: c.row_span):
        need = len(_wrap(pdf, xs[cell.col + cell.col_span] - xs[cell.col], cell.text, padding)) * line_h + 2.0
        have = sum(heights[cell.row:cell.row + cell.row_span])
        if need > have:
            heights[cell.row + cell.row_span - 1] += need - have
    pdf.set_auto_page_break(False)

    def draw_header(top: float) -> float:
        pdf.set_font("DejaVu", "B", TABLE_SIZE)
        for cell in head:
            x0, x1 = xs[cell.col], xs[cell.col + cell.col_span]
            y0 = top + sum(heights[:cell.row])
            h = sum(heights[cell.row:cell.row + cell.row_span])
            _draw_cell(pdf, cell, x0, y0, x1 - x0, h, line_h, layout.ruled, padding, centre_v=layout.centre_merged)
        bottom = top + sum(heights)
        if not layout.ruled and layout.header_rule:
            pdf.line(xs[0], bottom, xs[-1], bottom)
        return bottom

    y = draw_header(pdf.get_y() + 1)
    rows = _body_rows(table)
    split = _split_at(layout, len(rows))
    for i, row in enumerate(rows):
        pdf.set_font("DejaVu", "", TABLE_SIZE)
        h = max(1, *(len(_wrap(pdf, xs[c + 1] - xs[c], cell.text, padding)) for c, cell in enumerate(row))) * line_h + 2.0
        if y + h > pdf.h - MARGIN_B or i == split:
            pdf.add_page(orientation=pdf.cur_orientation)
            y = draw_header(MARGIN_T) if layout.repeat_header else MARGIN_T
        pdf.set_font("DejaVu", "", TABLE_SIZE)
        for c, cell in enumerate(row):
            _draw_cell(pdf, cell, xs[c], y, xs[c + 1] - xs[c], h, line_h, layout.ruled, padding, centre_v=False)
        y += h
    if not layout.ruled and layout.header_rule:
        pdf.line(xs[0], y, xs[-1], y)
    pdf.set_auto_page_break(True, MARGIN_B)
    pdf.set_xy(MARGIN_L, y + 4)


def _draw_cell(pdf: FPDF, cell: Cell, x: float, y: float, w: float, h: float, line_h: float, ruled: bool,
               padding: float, centre_v: bool) -> None:
    if ruled:
        pdf.rect(x, y, w, h)
    lines = _wrap(pdf, w, cell.text, padding)
    top = y + 1.0 + ((h - 2.0 - len(lines) * line_h) / 2 if centre_v else 0)
    for i, text in enumerate(lines):
        pdf.set_xy(x + padding, top + i * line_h)
        pdf.cell(w - 2 * padding, line_h, text, align=_align(cell))


def _draw_as_lines(pdf: FPDF, table: Table, layout: Layout) -> None:
    """A table printed as text: each header row and each body row one line of its cells joined
    by single spaces (wrapped where the page ends), or every cell on a line of its own. Empty
    cells print nothing, as they do when a table is pasted as text."""
    line_h = TABLE_SIZE * PT * 1.45
    n_head = table.header_rows()
    head_rows = [[c.text for c in sorted((c for c in table.cells if c.row == r), key=lambda c: c.col)] for r in range(n_head)]
    body = [[c.text for c in row] for row in _body_rows(table)]
    split = _split_at(layout, len(body))
    pdf.ln(1)
    for i, texts in enumerate([*head_rows, *body]):
        pdf.set_font("DejaVu", "B" if i < n_head else "", TABLE_SIZE)
        if i - n_head == split:
            pdf.add_page(orientation=pdf.cur_orientation)
        cells = [t for t in texts if t]
        pieces = [" ".join(cells)] if layout.shape == "single_space" else cells
        for text in pieces:
            pdf.multi_cell(_usable(pdf) * layout.width, line_h, text, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)


# --- scans -------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Damage:
    """What a scanner, copier or fax did to a page."""

    name: str
    dpi: int = 200
    angle: float = 0.5
    noise: float = 6.0
    blur: float = 0.6
    quality: int = 60
    shadow: bool = False
    one_bit: bool = False


DAMAGES: dict[str, Damage] = {d.name: d for d in (
    Damage("dpi200"),
    Damage("dpi300", dpi=300),
    Damage("turned_plus2", angle=2.0),
    Damage("turned_minus2", angle=-2.0),
    Damage("noisy", noise=18.0),
    Damage("jpeg40", quality=40),
    Damage("shadowed", shadow=True),
    Damage("fax_1bit", one_bit=True, blur=0.0, noise=0.0),
)}


def scan_page(pdf_bytes: bytes, page: int, damage: Damage, seed: int = 9) -> bytes:
    """The PDF with its 1-based `page` replaced by a scan of that page: text pages stay text,
    so only one page needs OCR, and the letter keeps its head and its other pages."""
    source = pdfium.PdfDocument(pdf_bytes)
    try:
        width, height = source[page - 1].get_size()
        image = _damage(source[page - 1].render(scale=damage.dpi / 72, grayscale=True).to_pil().convert("L"), damage,
                        np.random.default_rng(seed))
        out = pdfium.PdfDocument.new()
        out.import_pages(source)
        out.del_page(page - 1)
        new = out.new_page(width, height, index=page - 1)
        picture = pdfium.PdfImage.new(out)
        if damage.one_bit:
            picture.set_bitmap(pdfium.PdfBitmap.from_pil(image.convert("L")))
        else:
            buffer = io.BytesIO()
            image.save(buffer, "JPEG", quality=damage.quality)
            buffer.seek(0)
            picture.load_jpeg(buffer, inline=True)
        picture.set_matrix(pdfium.PdfMatrix().scale(width, height))
        new.insert_obj(picture)
        new.gen_content()
        saved = io.BytesIO()
        out.save(saved)
        out.close()
        return saved.getvalue()
    finally:
        source.close()


def _damage(page: Image.Image, damage: Damage, rng: np.random.Generator) -> Image.Image:
    turned = page.rotate(damage.angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
    soft = turned.filter(ImageFilter.GaussianBlur(damage.blur)) if damage.blur else turned
    pixels = np.asarray(soft, dtype=np.float32)
    pixels = pixels * 0.92 + 12 + (rng.normal(0, damage.noise, pixels.shape) if damage.noise else 0)
    if damage.noise:
        specks = rng.random(pixels.shape) < 0.0004 * damage.noise / 6
        pixels[specks] = rng.uniform(0, 120, int(specks.sum()))
    if damage.shadow:
        light = np.linspace(1.0, 0.45, pixels.shape[1])[None, :] * np.linspace(1.0, 0.8, pixels.shape[0])[:, None]
        pixels = pixels * light
    grey = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), "L")
    if damage.one_bit:
        return grey.point(lambda v: 255 if v > 150 else 0).convert("1").convert("L")
    return grey


def main(out_dir: Path) -> None:
    from chiso.extractors.read.readers import read_document

    here = Path(__file__).resolve().parent
    out_dir.mkdir(parents=True, exist_ok=True)
    for path in [*sorted(here.glob("0*.txt")), *sorted((here / "html").glob("*.html"))]:
        doc = read_document(path.read_bytes(), path.stem, path.name)
        for layout in LAYOUTS.values():
            (out_dir / f"{path.stem}.{path.suffix[1:]}.{layout.name}.pdf").write_bytes(render_layout(doc, layout))


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/chiso-layouts"))
