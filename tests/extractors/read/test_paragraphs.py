"""A paragraph a PDF wraps over several lines, justified or ragged-right, reads as the one line
of its text version (`tables/paragraphs.py`); list items and tables printed one cell or one
row per line stay as printed. Sentences from samples/real/quang-binh_par_index_2022.txt and
kon-tum_par_index_2023.txt; passages of samples/real drawn as a browser prints them; seed 003
drawn with its tables one cell and one row per line (tests/metamorphic/renderings.py)."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest
from fpdf import FPDF

from conftest import SAMPLES
from chiso.extractors.model import Line, Table
from chiso.extractors.read.readers import read_document
from metamorphic.containers import REAL, read_passage, render_pdf_ragged
from metamorphic.renderings import render

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


def test_a_ragged_right_paragraph_wrapped_over_lines_reads_as_one_line():
    """Each line ends where the next line's first word would not have fitted."""
    assert _lines(_pdf([(RANKED, "L"), (LISTED, "L"), (RANKED, "L")])) == [RANKED, LISTED, RANKED]
    assert _lines(_pdf([(RANKED, "L"), (LISTED + "\n" + ITEM, "L")])) == [RANKED, LISTED, ITEM]


@pytest.mark.parametrize("align", ["J", "L"])
def test_a_table_printed_one_cell_per_line_stays_as_printed(align):
    cells = [(cell, "L") for cell in CELLS]
    lines = _lines(_pdf([(RANKED, align), (RANKED, align), *cells]))
    assert lines[:2] == [RANKED, RANKED] and all(line in CELLS for line in lines[2:])


@pytest.mark.parametrize("passage", ["ministries_par_index_2023.txt", "can-tho_sipas_2024.txt"])
def test_a_real_passage_printed_ragged_right_reads_as_its_text(passage):
    """A browser's printout: `Bộ Tư pháp dẫn đầu bảng` / `Chỉ số ... đạt 89,95%.` read apart
    lost the ministry's score, `xếp thứ 34/63` its rank (F1 0 before these lines were joined)."""
    text = read_passage(REAL / passage)
    pdf = read_document(render_pdf_ragged(text), "d", "p.pdf")
    assert [b.text for b in pdf.blocks if isinstance(b, Line)] == [b.text for b in text.blocks if isinstance(b, Line)]


def _annex_tables(data: bytes, name: str) -> list[list[list[str]]]:
    return [b.grid() for b in read_document(data, "d", name).blocks if isinstance(b, Table) and b.header_rows()]


def test_a_table_printed_one_row_or_cell_per_line_is_read_before_any_line_is_joined():
    """Seed 003's annexes printed as text: a cell that wraps (`... CƠ CHẾ MỘT CỬA LIÊN` / `THÔNG`)
    ends its last line where the next cell (`13.5`) or row would not have fitted, as a ragged
    paragraph's line does. Joined before the table readers, `THÔNG 13.5` became one cell and the
    SIPAS table's wrapped header (`Đơn vị thực` / `hiện`) ran into the table above it."""
    seed = SAMPLES / "003_910b1e79badbb223.txt"
    text = _annex_tables(seed.read_bytes(), seed.name)
    one_row_a_line = _annex_tables(render(seed, "single_spaces"), "s.pdf")
    assert [t[0] for t in one_row_a_line] == [t[0] for t in text] and len(text) == 2
    one_cell_a_line = _annex_tables(render(seed, "cell_per_line"), "c.pdf")
    assert one_cell_a_line[0] == text[0]
