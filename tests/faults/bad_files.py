"""Makers of the bad inputs of issue 13, each at a scale: the fault suite makes them small
enough for CI, `benchmarks/bench_faults.py` at the sizes the issue measured.

Each maker writes one file into a folder and returns its name. Every one of them once cost
a whole night (a traceback, nothing published) or minutes and gigabytes.
"""

from __future__ import annotations

import os
import random
import zlib
from collections.abc import Callable
from pathlib import Path

from fpdf import FPDF
from PIL import Image

from conftest import png_header

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
GOOD_LETTER = SAMPLES / "000_44dc49058ad32f91.txt"


def _pdf(objects: list[bytes]) -> bytes:
    """A PDF from numbered object bodies (1-based), with a correct xref table."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _stream(data: bytes, compress: bool = False) -> bytes:
    if compress:
        data = zlib.compress(data, 9)
        return b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream"
    return b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def text_pdf(text: str = "Tong so diem dat 62.28/100 diem") -> bytes:
    pdf = FPDF()
    pdf.set_font("helvetica", size=12)
    pdf.add_page()
    pdf.set_xy(20, 20)
    pdf.cell(text=text)
    return bytes(pdf.output())


def pdfminer_rejects(folder: Path, scale: float) -> str:
    """A file pdfium opens but pdfminer refuses (`PSSyntaxError`): ten bytes flipped in its
    second half, the kind of damage the issue found with 200 flips in a larger file (at this
    file's size more flips break it for pdfium too)."""
    content = b"BT /F1 12 Tf 72 720 Td (Tong so diem) Tj ET\n<< /A [ (x) << /B ] >> >> ] ) <<"
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>", _stream(content)]
    data = bytearray(_pdf(objects))
    rng = random.Random(13)
    for _ in range(10):
        position = rng.randrange(len(data) // 2, len(data) - 40)
        data[position] ^= 0xFF
    (folder / "a_pdfminer_rejects.pdf").write_bytes(bytes(data))
    return "a_pdfminer_rejects.pdf"


def looping_page_tree(folder: Path, scale: float) -> str:
    """A page tree whose Pages node lists itself among its kids."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>"]
    (folder / "b_looping_page_tree.pdf").write_bytes(_pdf(objects))
    return "b_looping_page_tree.pdf"


def deep_page_tree(folder: Path, scale: float) -> str:
    """One page under a chain of Pages nodes 5,000 deep."""
    depth = max(1_200, int(5_000 * scale))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    for level in range(depth):
        number = level + 2
        parent = b" /Parent %d 0 R" % (number - 1) if level else b""
        objects.append(b"<< /Type /Pages /Kids [%d 0 R] /Count 1%s >>" % (number + 1, parent))
    objects.append(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] >>" % (depth + 1))
    (folder / "c_deep_page_tree.pdf").write_bytes(_pdf(objects))
    return "c_deep_page_tree.pdf"


def deep_html(folder: Path, scale: float) -> str:
    """The good letter's text inside <div> nested thousands deep."""
    depth = max(1_200, int(5_000 * scale))
    body = GOOD_LETTER.read_text(encoding="utf-8").replace("\n", "<br>")
    page = f"<html><body>{'<div>' * depth}{body}{'</div>' * depth}</body></html>"
    (folder / "d_deep.html").write_text(page, encoding="utf-8")
    return "d_deep.html"


def span_bomb(folder: Path, scale: float) -> str:
    """A table of cells each spanning 50x50 (their product is what a grid must hold)."""
    rows = max(40, int(400 * scale))
    cells = '<td rowspan="50" colspan="50">1</td>' * 20
    page = f"<html><body><table>{f'<tr>{cells}</tr>' * rows}</table></body></html>"
    (folder / "e_span_bomb.html").write_text(page, encoding="utf-8")
    return "e_span_bomb.html"


def non_utf8_name(folder: Path, scale: float, letter: Path = GOOD_LETTER) -> str:
    """A letter under a name that is not UTF-8 (a Windows-1258 name copied raw)."""
    name = b"f_c\xf4ng_v\xe3n_\xff.txt"
    with open(os.path.join(os.fsencode(folder), name), "wb") as handle:
        handle.write(letter.read_bytes())
    return os.fsdecode(name)


def operator_bomb(folder: Path, scale: float) -> str:
    """A page whose small compressed content stream inflates to `400 MB * scale` of drawing operators."""
    size = int(400_000_000 * scale)
    unit = b"0 0 m 100 100 l S\n" * 4096
    packer = zlib.compressobj(9)
    parts = [packer.compress(unit) for _ in range(size // len(unit))]
    parts.append(packer.flush())
    packed = b"".join(parts)
    stream = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + b"\nendstream"
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>", stream]
    (folder / "g_operator_bomb.pdf").write_bytes(_pdf(objects))
    return "g_operator_bomb.pdf"


def long_line(folder: Path, scale: float) -> str:
    """10 MB of the good letter's sentences with no line break (at every scale: it is its size
    that is refused)."""
    sentences = " ".join(GOOD_LETTER.read_text(encoding="utf-8").split())
    size = 10_000_000
    line = (sentences + " ") * (size // (len(sentences) + 1) + 1)
    (folder / "h_long_line.txt").write_text(line[:size], encoding="utf-8")
    return "h_long_line.txt"


def huge_text(folder: Path, scale: float) -> str:
    """`200 MB * scale` of text."""
    chunk = ("Ủy ban nhân dân thành phố đạt 62,28/100 điểm. " * 2000).encode("utf-8")
    size = int(200_000_000 * scale)
    with (folder / "i_huge.txt").open("wb") as handle:
        for _ in range(size // len(chunk) + 1):
            handle.write(chunk)
    return "i_huge.txt"


def huge_html(folder: Path, scale: float) -> str:
    """50 MB of HTML paragraphs (at every scale: it is its size that is refused)."""
    chunk = ("<p>Tổng số điểm đạt 62,28/100 điểm.</p>" * 2000).encode("utf-8")
    size = 50_000_000
    with (folder / "j_huge.html").open("wb") as handle:
        handle.write(b"<html><body>")
        for _ in range(size // len(chunk) + 1):
            handle.write(chunk)
        handle.write(b"</body></html>")
    return "j_huge.html"


def huge_page_pdf(folder: Path, scale: float) -> str:
    """A scanned page 200 x 200 inches (the largest page PDF allows): a picture on it."""
    pdf = FPDF(unit="pt", format=(14_400, 14_400))
    pdf.add_page()
    image = Image.new("L", (64, 64), 255)
    pdf.image(image, x=0, y=0, w=14_400, h=14_400)
    (folder / "k_huge_page.pdf").write_bytes(bytes(pdf.output()))
    return "k_huge_page.pdf"


def tall_png(folder: Path, scale: float) -> str:
    """A 20 x 4,000,000 px PNG (80 Mpx, a strip no letter is): only its header."""
    (folder / "l_tall.png").write_bytes(png_header(20, 4_000_000))
    return "l_tall.png"


# The bad inputs of issue 13 points 1-2, and the limit or error their rejection names.
BAD_INPUTS: dict[str, tuple[Callable[[Path, float], str], str]] = {
    "pdfminer_rejects": (pdfminer_rejects, "PDF"),
    "looping_page_tree": (looping_page_tree, "corrupt PDF"),
    "deep_page_tree": (deep_page_tree, "corrupt PDF"),
    "deep_html": (deep_html, "max_html_depth"),
    "span_bomb": (span_bomb, "max_table_cells"),
    "operator_bomb": (operator_bomb, "max_content_bytes"),
    "long_line": (long_line, "max_text_bytes"),
    "huge_text": (huge_text, "max_text_bytes"),
    "huge_html": (huge_html, "max_html_bytes"),
    "huge_page_pdf": (huge_page_pdf, "max_page_pixels"),
    "tall_png": (tall_png, "max_page_pixels"),
}
