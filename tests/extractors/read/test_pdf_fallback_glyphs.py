"""A browser prints a glyph its font lacks from a fallback font, whose box sits higher: the
heading of samples/real/dong-nai_par_index_2022_2.txt printed by Chromium in Liberation Serif
Bold, 24 pt, takes `ạ`, `ỉ`, `ố`, `ủ`, `ở` from DejaVu Sans, 5 pt higher. Read by each glyph's
box, `đoạn` fell apart into `đo`, `ạ`, `n` and the accents into a row of their own
(`ỉ ố ỉ ố ả` above `(ĐN)- UBND t nh đã công b Ch s c i cách`): 52 of the 83 tuning passages
printed by Chromium gave their text's facts; 76 once every glyph sat on its baseline's box, 81
once a heading's wrapped lines were joined at the pitch of its own size."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from fpdf import FPDF

from conftest import SAMPLES
from chiso.extractors.model import Line
from chiso.extractors.read.readers import read_document

FONTS = Path("/usr/share/fonts/truetype")
PASSAGE = (SAMPLES / "real" / "dong-nai_par_index_2022_2.txt").read_text(encoding="utf-8").splitlines()
HEADING, BODY = PASSAGE[1], PASSAGE[2]


def _printout() -> bytes:
    """The heading and first paragraph as a browser sets them: ragged-right, the heading in a
    larger bold face, every glyph the face lacks drawn from DejaVu Sans."""
    pdf = FPDF(format="A4")
    pdf.set_creation_date(datetime(2025, 1, 17, tzinfo=timezone.utc))
    pdf.add_font("Serif", "", str(FONTS / "liberation" / "LiberationSerif-Regular.ttf"))
    pdf.add_font("Serif", "B", str(FONTS / "liberation" / "LiberationSerif-Bold.ttf"))
    pdf.add_font("Fallback", "", str(FONTS / "dejavu" / "DejaVuSans.ttf"))
    pdf.add_font("Fallback", "B", str(FONTS / "dejavu" / "DejaVuSans-Bold.ttf"))
    pdf.set_fallback_fonts(["Fallback"])
    pdf.add_page()
    pdf.set_font("Serif", "B", 24)
    pdf.multi_cell(0, 10, HEADING, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("Serif", "", 12)
    pdf.multi_cell(0, 5, BODY, align="L", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def test_a_heading_with_glyphs_from_a_fallback_font_reads_as_printed():
    doc = read_document(_printout(), "d", "p.pdf")
    assert [b.text for b in doc.blocks if isinstance(b, Line)] == [HEADING, BODY]
