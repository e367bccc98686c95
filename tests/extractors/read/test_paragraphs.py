"""A paragraph a PDF wraps over several lines reads as the one line of its text version
(`tables/paragraphs.py`); list items, a table printed one cell per line and ragged-right
text stay as printed. Sentences from samples/real/quang-binh_par_index_2022.txt and
kon-tum_par_index_2023.txt."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from fpdf import FPDF

from chiso.extractors.model import Line
from chiso.extractors.read.readers import read_document

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
RANKED = ("Cụ thể, trong 21 sở, ban, ngành cấp tỉnh: Sở Thông tin và Truyền thông dẫn đầu chỉ số cải cách "
          "hành chính năm 2022 với 95,73 điểm; thứ hai là Văn phòng UBND tỉnh 95,43 điểm; thứ ba là Sở Nội vụ 95,39 điểm.")
LISTED = ("Trong 08 lĩnh vực được đánh giá, xếp hạng, tỉnh Kon Tum có: 05 lĩnh vực tăng vị trí trong bảng "
          "xếp hạng so với năm 2022 và 03 lĩnh vực giảm so với năm 2022, cụ thể:")
ITEM = "1. Các lĩnh vực tăng bậc so với năm 2022"
CELLS = ("STT", "Đơn vị", "Điểm", "1", "UBND huyện Lệ Thủy", "88,94", "2", "UBND huyện Quảng Ninh", "88,58")


def _pdf(paragraphs: list[tuple[str, str]]) -> bytes:
    """Each (text, align) printed as fpdf's multi_cell does: `J` justified, `L` ragged."""
    pdf = FPDF(format="A4")
    pdf.set_creation_date(datetime(2025, 1, 17, tzinfo=timezone.utc))
    pdf.add_font("DejaVu", "", str(FONT))
    pdf.set_font("DejaVu", "", 11)
    pdf.add_page()
    for text, align in paragraphs:
        pdf.multi_cell(0, 5.2, text, align=align, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1.2)
    return bytes(pdf.output())


def _lines(data: bytes) -> list[str]:
    return [b.text for b in read_document(data, "d", "p.pdf").blocks if isinstance(b, Line)]


def test_a_justified_paragraph_wrapped_over_lines_reads_as_one_line():
    lines = _lines(_pdf([(RANKED, "J"), (LISTED, "J"), (RANKED, "J")]))
    assert lines == [RANKED, LISTED, RANKED]


def test_a_list_item_after_a_sentences_end_is_not_joined_to_it():
    """`cụ thể:` then `1. Các lĩnh vực ...`: a new item, even at the paragraph's line pitch."""
    pdf = _pdf([(RANKED, "J"), (LISTED + "\n" + ITEM, "J")])
    assert _lines(pdf) == [RANKED, LISTED, ITEM]


def test_a_table_printed_one_cell_per_line_and_ragged_text_stay_as_printed():
    cells = [(cell, "L") for cell in CELLS]
    lines = _lines(_pdf([(RANKED, "J"), (RANKED, "J"), *cells]))
    assert lines[:2] == [RANKED, RANKED] and all(line in CELLS for line in lines[2:])
    ragged = _lines(_pdf([(RANKED, "L"), (LISTED, "L")]))
    assert len(ragged) > 2 and " ".join(ragged) == f"{RANKED} {LISTED}"
