"""A portal page's printed date line gives its publication date, and so the year of the
`tháng N` its body prints without one; the clock beside the date is never a figure."""

from __future__ import annotations

from datetime import date

import pytest

from conftest import SAMPLES
from chiso.extractors.parse.parse import parse_letter
from chiso.extractors.read.readers import read_document
from chiso.normalize.resolve import resolve_letter

REAL = SAMPLES / "real"
# A body sentence of a relayed monthly result, without a year (as in an-giang_service_index_2023.txt).
TITLE = "Công bố kết quả Bộ Chỉ số phục vụ người dân, doanh nghiệp của tỉnh Quảng Bình"
BODY = "Trong tháng 2, tỉnh Quảng Bình đạt 82,15/100 điểm Bộ Chỉ số phục vụ người dân, doanh nghiệp, xếp thứ 20/63 tỉnh, thành phố."


def _read(*lines: str):
    data = "\n".join(lines).encode()
    return read_document(data, "d", "item.txt")


@pytest.mark.parametrize(("line", "published"), [
    pytest.param("10:20, Thứ Năm, 23-2-2023", "23/02/2023", id="quang-binh_par_index_2022.txt:3 time, weekday, date"),
    pytest.param("Thứ Hai, 06/03/2023 - 14:35", "06/03/2023", id="weekday, date - time"),
    pytest.param("Cập nhật: 08:15 06/03/2023", "06/03/2023", id="updated: time date"),
    pytest.param("Ngày đăng: 23-02-2023 10:20", "23/02/2023", id="posted: date time"),
    pytest.param("Cập nhật ngày: 14/12/2022 - 10:19", "14/12/2022", id="tay-ninh_par_index_2022.txt:3"),
    pytest.param("08:24 | 18/04/2024", "18/04/2024", id="toan-quoc_par_index_2023_regions_2.txt:5 time | date"),
    pytest.param("Thứ 4, ngày 13/05/2020 | 03:59 PM (GMT +7)", "13/05/2020", id="quang-nam_sipas_2019.txt:5"),
    pytest.param("Thứ hai, 06/08/2018 | 09:01:04 GMT+7", "06/08/2018", id="binh-duong_par_index_2017.txt:3"),
    pytest.param("Cập nhật: 14-08-2018 | 06:27:44", "14/08/2018", id="binh-duong_par_index_2017_2.txt:3"),
    pytest.param("Thứ tư - 02/10/2024 09:14", "02/10/2024", id="dien-bien_grdp_2024.txt:2"),
    pytest.param("Thứ Tư, 03/04/2024, 13:14 (GMT+7)", "03/04/2024", id="tien-giang_papi_2023.txt:4"),
    pytest.param("Ngày đăng: 25/04/2024  13:52 Lượt xem: 413", "25/04/2024", id="kon-tum_par_index_2023.txt:4"),
])
def test_a_date_line_dates_the_page_and_its_yearless_month(registry, line, published):
    doc = _read(TITLE, line, BODY)
    header, raws = parse_letter(doc)
    assert header.published_text == published
    # The clock (`10:20`, `14:35`) is no score, rank or date part: only the body's figures are read.
    assert sorted(r.value_text for r in raws) == ["100", "20", "63", "82,15"]
    letter = resolve_letter(doc.doc_id, doc.source_name, doc.extractor.value, None, header, raws, registry)
    day, month_of_page, year = map(int, published.split("/"))
    assert letter.letter.published_on == date(year, month_of_page, day)
    month = date(year, 2, 1)  # the body's `tháng 2`, in the page's year
    assert {(f.measure, f.value, f.period_start) for f in letter.facts} >= {("score", 82.15, month), ("rank", 20.0, month)}


@pytest.mark.parametrize("line", [
    pytest.param("Thứ tư 01/05/2024 13:17 24h qua English RSS", id="toan-quoc_par_index_2023_regions_2.txt:2 a site's clock in its menu"),
    pytest.param("Chủ nhật, 8-6-25 22:55:32", id="ca-mau_par_index_2023_2.txt:2 two-digit year: the day it was viewed"),
    pytest.param("Ngày 21/02/2023, UBND tỉnh đã ban hành Quyết định số 327/QĐ-UBND", id="quang-binh_par_index_2022.txt:7 a sentence"),
    pytest.param("Thứ 3, Ngày 18/06/2024 -", id="kon-tum_par_index_2023.txt:1 cut after its dash"),
    pytest.param("10:20, 23-2", id="no year"),
])
def test_no_date_line(line):
    assert parse_letter(_read(TITLE, line, BODY))[0].published_text is None


@pytest.mark.parametrize(("name", "published"), [
    ("kon-tum_par_index_2023.txt", "25/04/2024"),  # its first line is the site's clock, `Thứ 3, Ngày 18/06/2024 -`
    ("toan-quoc_par_index_2023_regions_2.txt", "18/04/2024"),  # `Thứ tư 01/05/2024 13:17 24h qua English RSS` first
    ("quang-binh_par_index_2022.txt", "23/02/2023"),
])
def test_the_articles_date_line_not_the_sites_clock(name, published):
    path = REAL / name
    header, _ = parse_letter(read_document(path.read_bytes(), "d", name))
    assert header.published_text == published
