"""The HTML reader: portal chrome dropped, paragraphs kept, real rowspan/colspan honoured."""

from __future__ import annotations

import pytest

from conftest import encode_windows_1258
from chiso.extractors.read.html import read_html
from chiso.extractors.model import Line, Table

PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Cổng TTĐT</title></head><body>
<nav class="main-menu"><a href="/">Trang chủ</a><a href="/tin">Tin tức</a></nav>
<div class="breadcrumb">Trang chủ &raquo; Văn bản</div>
<div id="sidebar"><h3>Liên kết website</h3><p>Sở, ban, ngành đạt 99/100 điểm</p></div>
<div class="news-content">
<p>Tổng số điểm Thành phố đạt được tháng 12/2024: <strong>62.28/100</strong> điểm,<br>xếp hạng 61/63 tỉnh, thành phố</p>
<p>PH&#7908; L&#7908;C 3</p><p>HỒ SƠ XỬ LÝ QUÁ HẠN THÁNG 12/2024</p>
<table border="1">
<tr><td rowspan="3"><b>STT</b></td><td rowspan="3"><b>Tên đơn vị</b></td><td colspan="3"><b>Tổng số hồ sơ quá hạn đang xử lý</b></td></tr>
<tr><td colspan="3">Xử lý quá hạn (*)</td></tr>
<tr><td>Tổng</td><td>Cấp huyện</td><td>Cấp xã</td></tr>
<tr><td>1</td><td>Sở Tư pháp</td><td>11.212</td><td>&nbsp;</td><td>&nbsp;</td></tr>
<tr><td>4</td><td>UBND quận<br>Ba Đình</td><td>370</td><td>179</td><td>191</td></tr>
</table></div>
<footer>Bản quyền thuộc UBND Thành phố Hà Nội</footer></body></html>"""


def test_portal_page():
    doc = read_html(PAGE.encode("utf-8"), "d", "p.html")
    lines = [b.text for b in doc.blocks if isinstance(b, Line)]
    assert lines[0] == "Tổng số điểm Thành phố đạt được tháng 12/2024: 62.28/100 điểm,"
    assert "PHỤ LỤC 3" in lines
    assert not any("Trang chủ" in t or "Liên kết" in t or "Bản quyền" in t or "99/100" in t for t in lines)
    table = next(b for b in doc.blocks if isinstance(b, Table))
    assert table.header_rows() == 3
    grid = table.grid(fill_spans=True)
    assert [grid[r][3] for r in range(3)] == ["Tổng số hồ sơ quá hạn đang xử lý", "Xử lý quá hạn (*)", "Cấp huyện"]
    assert table.grid()[4] == ["4", "UBND quận Ba Đình", "370", "179", "191"]
    assert table.grid()[3] == ["1", "Sở Tư pháp", "11.212", "", ""]




def test_windows_1258_page_is_decoded():
    page = "<html><body><p>Tổng số điểm đạt 58,3/100 điểm</p></body></html>"
    doc = read_html(encode_windows_1258(page), "d", "p.html")
    assert [b.text for b in doc.blocks] == ["Tổng số điểm đạt 58,3/100 điểm"]


def test_letter_wrapped_in_a_layout_table():
    page = ("<html><body><table width='100%'><tr><td class='left'>Menu</td><td>"
            "<p>Tổng số điểm tỉnh đạt được tháng 5/2025: 80,5/100 điểm, xếp hạng 20/34.</p>"
            "<table><tr><td>STT</td><td>Tên đơn vị</td><td>Số điểm</td></tr>"
            "<tr><td>1</td><td>UBND xã A</td><td>90</td></tr></table></td></tr></table></body></html>")
    doc = read_html(page.encode("utf-8"), "d", "p.html")
    lines = [b.text for b in doc.blocks if isinstance(b, Line)]
    assert "Tổng số điểm tỉnh đạt được tháng 5/2025: 80,5/100 điểm, xếp hạng 20/34." in lines
    tables = [b for b in doc.blocks if isinstance(b, Table)]
    assert len(tables) == 1 and tables[0].grid()[1] == ["1", "UBND xã A", "90"]


def _page(head: str, body: str) -> bytes:
    return f"<html><head>{head}</head><body><header>{body}</header><article><p>x</p></article></body></html>".encode()


def test_published_date_printed_on_the_page_wins_over_metadata():
    """NukeViet and other portal CMSs print `Thứ Hai, 03/10/2022 08:30` in the article header."""
    page = _page('<meta property="article:published_time" content="2022-10-04T08:00:00+07:00">',
                 '<span class="date">Thứ Hai, 03/10/2022 08:30</span>')
    assert read_html(page, "d", "p.html").published_text == "03/10/2022"


@pytest.mark.parametrize("line, published", [
    ("10:20, Thứ Năm, 23-2-2023", "23/02/2023"),  # baoquangbinh.vn: the clock before the weekday
    ("08:24 | 18/04/2024", "18/04/2024"),
    ("Thứ 4, ngày 13/05/2020 | 03:59 PM (GMT +7)", "13/05/2020"),
])
def test_a_date_line_in_the_article_header_in_the_forms_portals_print(line, published):
    """The header's date line is read in every form the text reader knows (phrases.DATE_LINE),
    though reading drops the header from the page's lines."""
    assert read_html(_page("", f'<span class="date">{line}</span>'), "d", "p.html").published_text == published


def test_published_date_from_metadata():
    page = _page('<meta property="article:published_time" content="2024-06-14T08:00:00+07:00">', "")
    assert read_html(page, "d", "p.html").published_text == "14/06/2024"
    assert read_html(_page("", '<time datetime="2023-02-01">1 tháng 2</time>'), "d", "p.html").published_text == "01/02/2023"
    assert read_html(_page("", ""), "d", "p.html").published_text is None


def test_a_table_printed_as_paragraphs_is_recovered_by_the_shared_table_stage():
    """A page that prints an annex one row per paragraph (cells joined by single spaces, as
    a text file of seed 001 would) gives the table a text file gives, not lines."""
    rows = ["STT Tên đơn vị Số điểm Tăng/giảm so với tháng 11", "1 UBND quận Tây Hồ 89 Tăng 0.92",
            "2 UBND huyện Thanh Oai 71.21 Giảm 0.86", "3 Sở Tư pháp 93.5 Tăng 1.2"]
    page = "<html><body><div class='content'>" + "".join(f"<p>{r}</p>" for r in rows) + "</div></body></html>"
    doc = read_html(page.encode("utf-8"), "d", "p.html")
    table = next(b for b in doc.blocks if isinstance(b, Table))
    assert not any(isinstance(b, Line) for b in doc.blocks)
    assert table.grid()[2] == ["2", "UBND huyện Thanh Oai", "71.21", "Giảm 0.86"]
    assert table.grid()[0] == ["STT", "Tên đơn vị", "Số điểm", "Tăng/giảm so với tháng 11"]


def test_a_sidebars_dates_are_not_the_pages_date():
    """A portal article without a date line of its own (samples/real/quang-nam_service_index_2024.txt)
    beside a sidebar of other news `<li><a>…</a> <span class="date">24/09/2025</span></li>`:
    the sidebar's date is another item's, and read as the page's it would date `tháng 8` 2025."""
    sidebar = ('<div class="col-md-4 sidebar"><ul><li><a href="/1">Hội nghị giao ban công tác cải cách hành chính'
               '</a> <span class="date">24/09/2025</span></li></ul></div>')
    article = "<div class='content-detail'><p>Tháng 8, tỉnh Quảng Nam đạt 72,5 điểm.</p></div>"
    page = f"<html><body>{article}{sidebar}</body></html>".encode()
    assert read_html(page, "d", "p.html").published_text is None
    dated = f"<html><body><span class='date'>Thứ Hai, 03/10/2022 08:30</span>{article}{sidebar}</body></html>".encode()
    assert read_html(dated, "d", "p.html").published_text == "03/10/2022"
