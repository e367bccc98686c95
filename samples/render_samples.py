"""Print the seed letters as a provincial office would: samples/pdf/<stem>.pdf and scans.

Run by hand (`.venv/bin/python samples/render_samples.py`); the output is committed, so the
pipeline and the tests never render. Every seed becomes an A4 text PDF (DejaVuSans): body
lines wrapped as a letter is, the letter head and signature block as unruled two-column
layout, annexes on their own page as ruled tables with merged header cells, header rows
repeated when a table runs over a page break. 004 (a web page) prints its tables unruled, as
a browser does, so the reader meets both kinds. Three letters are then scanned: 000 as a
multi-page TIFF, 004 as an image-only PDF, 002 as one JPEG page; each page is rasterised at
200 dpi, turned by up to ±1°, blurred, speckled and JPEG-compressed. A fixed seed and fixed
PDF dates make every run byte-identical.

The grid of each table comes from the text reader (`read_text`), so a rendered table has the
same rows, columns and merged header cells as the seed.
"""

from __future__ import annotations

import io
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from fpdf import FPDF
from PIL import Image, ImageFilter

from chiso.extractors.model import Cell, Line, Table
from chiso.extractors.read.text import read_text

HERE = Path(__file__).resolve().parent
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
PRINTED_ON = datetime(2025, 1, 17, 8, 0, tzinfo=timezone.utc)
SEED = 20250117

# stem -> (tables ruled?, header rows repeated on a continuation page?)
PDF_STYLES = {
    "000_44dc49058ad32f91": (True, True),
    "001_c59f1080d0accf15": (True, True),
    "002_8b158e9477e47ea4": (True, True),
    "003_910b1e79badbb223": (True, False),
    "004_4fe8e530b83874ca": (False, False),
}
# stem -> how the scan is stored
SCAN_FORMATS = {"000_44dc49058ad32f91": "tiff", "004_4fe8e530b83874ca": "pdf", "002_8b158e9477e47ea4": "jpg"}
SCAN_DPI = 200

PAGE_W, PAGE_H = 210.0, 297.0
MARGIN_L, MARGIN_R, MARGIN_T, MARGIN_B = 25.0, 18.0, 18.0, 18.0
BODY_SIZE, TABLE_SIZE = 11.0, 9.0
PT = 25.4 / 72


def render_pdf(stem: str) -> bytes:
    """The seed letter as a text PDF."""
    ruled, repeat_header = PDF_STYLES[stem]
    data = (HERE / f"{stem}.txt").read_bytes()
    doc = read_text(data, stem, stem)
    pdf = _new_pdf()
    pdf.add_page()
    for block in doc.blocks:
        if isinstance(block, Line):
            _draw_line(pdf, block.text)
        elif block.header_rows() == 0:
            _draw_layout_table(pdf, block)
        else:
            _draw_table(pdf, block, ruled, repeat_header)
    return bytes(pdf.output())


def _new_pdf() -> FPDF:
    pdf = FPDF(orientation="P", unit="mm", format="A4")
    pdf.set_creation_date(PRINTED_ON)
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


def _draw_line(pdf: FPDF, text: str) -> None:
    if _starts_annex(text) and pdf.get_y() > MARGIN_T + 5:
        pdf.add_page()
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


def _draw_layout_table(pdf: FPDF, table: Table) -> None:
    """Letter head (`ỦY BAN NHÂN DÂN | CỘNG HÒA ...`) and signature block: two unruled columns."""
    grid = table.grid()
    usable = PAGE_W - MARGIN_L - MARGIN_R
    widths = [usable * 0.42, usable * 0.58] if table.n_cols == 2 else [usable / table.n_cols] * table.n_cols
    height = BODY_SIZE * PT * 1.35
    pdf.ln(2)
    for r, row in enumerate(grid):
        pdf.set_font("DejaVu", "B" if r == 0 else "", BODY_SIZE if r else BODY_SIZE - 0.5)
        wrapped = [pdf.multi_cell(w - 2, height, t, dry_run=True, output="LINES") if t else [] for w, t in zip(widths, row)]
        rows_needed = max(1, *(len(w) for w in wrapped))
        if pdf.get_y() + rows_needed * height > PAGE_H - MARGIN_B:
            pdf.add_page()
        top = pdf.get_y()
        x = MARGIN_L
        for w, lines in zip(widths, wrapped):
            for i, text in enumerate(lines):
                pdf.set_xy(x, top + i * height)
                pdf.cell(w, height, text, align="C")
            x += w
        pdf.set_xy(MARGIN_L, top + rows_needed * height + 1)
    pdf.ln(3)


def _column_widths(pdf: FPDF, table: Table, padding: float) -> list[float]:
    """Every column as wide as its longest word (bold in the header), the rest of the
    printable width shared out by how much longer each column's texts are."""
    usable = PAGE_W - MARGIN_L - MARGIN_R
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
    spare = usable - sum(floor)
    extra = [w - f for w, f in zip(wanted, floor)]
    share = spare / sum(extra) if sum(extra) > 0 else 0.0
    return [f + e * share for f, e in zip(floor, extra)]


def _wrap(pdf: FPDF, width: float, text: str, padding: float) -> list[str]:
    return pdf.multi_cell(width - 2 * padding, 4, text, dry_run=True, output="LINES") if text else []


def _align(cell: Cell, col: int) -> str:
    if cell.is_header or col == 0:
        return "C"
    stripped = cell.text.replace(" ", "")
    return "R" if stripped and sum(ch.isdigit() for ch in stripped) >= len(stripped) / 2 else "L"


def _draw_table(pdf: FPDF, table: Table, ruled: bool, repeat_header: bool) -> None:
    """A table cell by cell: header block (merged cells drawn merged), then rows, with a page
    break between rows, never inside one."""
    padding = 1.2 if ruled else 2.5
    widths = _column_widths(pdf, table, padding)
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
            _draw_cell(pdf, cell, x0, y0, x1 - x0, h, line_h, ruled, padding, centre_v=True)
        bottom = top + sum(heights)
        if not ruled:
            pdf.line(xs[0], bottom, xs[-1], bottom)
        return bottom

    y = draw_header(pdf.get_y() + 1)
    by_row: dict[int, list[Cell]] = {}
    for cell in table.cells:
        if cell.row >= n_head:
            by_row.setdefault(cell.row, []).append(cell)
    for r in range(n_head, table.n_rows):
        cells = {c.col: c for c in by_row.get(r, [])}
        row = [cells.get(c, Cell("", r, c)) for c in range(table.n_cols)]
        pdf.set_font("DejaVu", "", TABLE_SIZE)
        h = max(1, *(len(_wrap(pdf, xs[c + 1] - xs[c], cell.text, padding)) for c, cell in enumerate(row))) * line_h + 2.0
        if y + h > PAGE_H - MARGIN_B:
            pdf.add_page()
            y = draw_header(MARGIN_T) if repeat_header else MARGIN_T
        pdf.set_font("DejaVu", "", TABLE_SIZE)
        for c, cell in enumerate(row):
            _draw_cell(pdf, cell, xs[c], y, xs[c + 1] - xs[c], h, line_h, ruled, padding, centre_v=False)
        y += h
    if not ruled:
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
        pdf.cell(w - 2 * padding, line_h, text, align=_align(cell, cell.col))


def rasterise(pdf_bytes: bytes, dpi: int = SCAN_DPI) -> list[Image.Image]:
    """Pages as 8-bit grey images, as a scanner would see the printout."""
    doc = pdfium.PdfDocument(pdf_bytes)
    try:
        return [doc[i].render(scale=dpi / 72, grayscale=True).to_pil().convert("L") for i in range(len(doc))]
    finally:
        doc.close()


def degrade(page: Image.Image, rng: np.random.Generator) -> Image.Image:
    """A slightly crooked, soft, speckled photocopy: ±1° turn, blur, grain, toner specks,
    then a JPEG round trip at moderate quality."""
    angle = float(rng.uniform(-1.0, 1.0))
    turned = page.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
    soft = turned.filter(ImageFilter.GaussianBlur(0.7))
    pixels = np.asarray(soft, dtype=np.float32)
    pixels = pixels * 0.92 + 12 + rng.normal(0, 7, pixels.shape)
    specks = rng.random(pixels.shape) < 0.0004
    pixels[specks] = rng.uniform(0, 120, int(specks.sum()))
    grey = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), "L")
    buffer = io.BytesIO()
    grey.save(buffer, "JPEG", quality=55)
    return Image.open(io.BytesIO(buffer.getvalue())).convert("L")


def _jpeg(page: Image.Image, quality: int = 60) -> bytes:
    buffer = io.BytesIO()
    page.save(buffer, "JPEG", quality=quality, dpi=(SCAN_DPI, SCAN_DPI), optimize=True)
    return buffer.getvalue()


def save_scan(pages: list[Image.Image], stem: str, kind: str, out_dir: Path) -> Path:
    """Multi-page TIFF (JPEG-compressed), image-only PDF, or a JPEG of the first page."""
    if kind == "tiff":
        path = out_dir / f"{stem}.tiff"
        pages[0].save(path, "TIFF", save_all=True, append_images=pages[1:], compression="jpeg", quality=60, dpi=(SCAN_DPI, SCAN_DPI))
    elif kind == "pdf":
        path = out_dir / f"{stem}.pdf"
        pdf = FPDF(unit="mm", format="A4")
        pdf.set_creation_date(PRINTED_ON)
        for page in pages:
            pdf.add_page()
            pdf.image(io.BytesIO(_jpeg(page)), x=0, y=0, w=PAGE_W, h=PAGE_H)
        path.write_bytes(bytes(pdf.output()))
    else:
        path = out_dir / f"{stem}.jpg"
        path.write_bytes(_jpeg(pages[0]))
    return path


def main() -> None:
    pdf_dir, scan_dir = HERE / "pdf", HERE / "scans"
    pdf_dir.mkdir(exist_ok=True)
    scan_dir.mkdir(exist_ok=True)
    rng = np.random.default_rng(SEED)
    for stem in PDF_STYLES:
        pdf_bytes = render_pdf(stem)
        (pdf_dir / f"{stem}.pdf").write_bytes(pdf_bytes)
        print(f"{stem}.pdf  {len(pdf_bytes) // 1024} KiB")
        if stem in SCAN_FORMATS:
            pages = [degrade(page, rng) for page in rasterise(pdf_bytes)]
            path = save_scan(pages, stem, SCAN_FORMATS[stem], scan_dir)
            print(f"{path.name}  {len(pages)} pages  {path.stat().st_size // 1024} KiB")


if __name__ == "__main__":
    main()
