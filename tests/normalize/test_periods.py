from __future__ import annotations

from datetime import date

import pytest

from chiso.normalize.periods import PeriodGrain as G, names_part_of_year, parse_date, parse_period


@pytest.mark.parametrize("text, grain, start", [
    ("tháng 12/2024", G.MONTH, date(2024, 12, 1)),
    ("tháng 4-2024", G.MONTH, date(2024, 4, 1)),
    ("thang 03/2025", G.MONTH, date(2025, 3, 1)),
    ("tháng 03 năm 2025", G.MONTH, date(2025, 3, 1)),
    ("năm 2022", G.YEAR, date(2022, 1, 1)),
    ("quý I/2024", G.QUARTER, date(2024, 1, 1)),
    ("quý 3 năm 2023", G.QUARTER, date(2023, 7, 1)),
    ("tuần 03/2024", G.WEEK, date(2024, 1, 15)),
    ("tính đến ngày 29/8/2025", G.MONTH, date(2025, 8, 1)),
])
def test_parse_period(text, grain, start):
    period = parse_period(text)
    assert period is not None and (period.grain, period.start) == (grain, start)


@pytest.mark.parametrize("text", [None, "", "Đang cập nhật", "tháng 13/2024"])
def test_no_period(text):
    assert parse_period(text) is None


@pytest.mark.parametrize("text", ["6 tháng đầu năm 2025", "9 tháng năm 2024", "6 thang cuoi nam 2024"])
def test_part_of_a_year_is_no_period(text):
    """Not filed under the year: an analyst would read a half-year figure as the year's."""
    assert names_part_of_year(text) and parse_period(text) is None


def test_a_month_of_a_year_is_a_month():
    assert not names_part_of_year("tháng 6 năm 2025")


def test_parse_date():
    assert parse_date("17/01/2025") == date(2025, 1, 17)
    assert parse_date("31/02/2025") is None


# News items relay figures without the year; the page's own date supplies it (CONTRACT.md).
@pytest.mark.parametrize("text, reference, start", [
    ("tính đến ngày 14/6", date(2025, 6, 20), date(2025, 6, 1)),
    ("số liệu lúc 16h30 ngày 30/9", date(2025, 10, 1), date(2025, 9, 1)),
    ("Kết quả tháng 9 của tỉnh", date(2025, 10, 3), date(2025, 9, 1)),
    ("tháng 12", date(2025, 1, 5), date(2024, 12, 1)),  # a January page about December
])
def test_yearless_period_takes_the_documents_year(text, reference, start):
    period = parse_period(text, reference)
    assert period is not None and (period.grain, period.start) == (G.MONTH, start)
    assert parse_period(text) is None  # without the document's date, no guess


# Weekly notices of the real-time index (2025) are relayed as `tuần thứ 47`, with no year.
@pytest.mark.parametrize("text, reference, start", [
    ("trên Cổng Dịch vụ công Quốc gia (tuần thứ 47)", date(2025, 11, 26), date(2025, 11, 17)),
    ("kết quả tuần 52", date(2026, 1, 2), date(2025, 12, 22)),  # a January page about the last week of December
])
def test_yearless_week_takes_the_documents_year(text, reference, start):
    period = parse_period(text, reference)
    assert period is not None and (period.grain, period.start) == (G.WEEK, start)
    assert parse_period(text) is None


@pytest.mark.parametrize("text", ["trong 6 tháng", "Từ năm 2015 đến nay"])
def test_durations_and_spans_are_no_yearless_month(text):
    period = parse_period(text, date(2023, 5, 1))
    assert period is None or period.grain is not G.MONTH
