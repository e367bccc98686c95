"""`chiso report` on the bundled samples: the province and month chosen, the panels, a page that
opens offline. The page as a person sees it is tested in test_report_browser.py."""

from __future__ import annotations

import re
from datetime import date

import duckdb
import pytest
from typer.testing import CliRunner

from chiso.flows.cli import app
from chiso.warehouse.report import write_report
from chiso.warehouse.report_queries import ReportError, find_province, latest_month, parse_month, read_frames

MB = 1_000_000


@pytest.fixture(scope="module")
def con(samples_db):
    con = duckdb.connect(str(samples_db), read_only=True)
    yield con
    con.close()


@pytest.mark.parametrize("name", ["Thừa Thiên Huế", "thua thien hue", "Tỉnh Thừa Thiên Huế", "Thành phố Huế", "46"])
def test_a_province_is_found_by_any_of_its_names(con, name):
    assert find_province(con, name).unit_id == "46"


@pytest.mark.parametrize("name", ["Huế Xưa", "Hà"])
def test_an_unknown_province_is_an_error(con, name):
    with pytest.raises(ReportError):
        find_province(con, name)


def test_the_default_month_is_the_latest_with_unit_results(con):
    assert latest_month(con, find_province(con, "Hà Nội")) == date(2024, 12, 1)
    assert latest_month(con, find_province(con, "Thừa Thiên Huế")) == date(2022, 12, 1)
    with pytest.raises(ReportError):
        parse_month("12/2024")


def test_a_month_takes_the_yearly_figures_when_a_province_publishes_by_year(con):
    """Thừa Thiên Huế 12/2022: its 2022 results (1986/UBND-KSTT) cover the month."""
    frames = read_frames(con, find_province(con, "Thừa Thiên Huế"), date(2022, 12, 1))
    assert set(frames.ranked["period_grain"]) == {"year"} and len(frames.ranked) == 9
    assert len(frames.groups) == 6 and frames.groups["national_average"].notna().all()
    assert len(frames.overdue) == 21


def test_hanoi_december_panels(con):
    frames = read_frames(con, find_province(con, "Hà Nội"), date(2024, 12, 1))
    assert list(frames.groups["indicator"]) == ["transparency", "progress", "online_service", "online_payment", "satisfaction", "digitization"]
    assert frames.ranked.iloc[0]["unit_name"] == "Quận Tây Hồ" and len(frames.ranked) == 30
    assert frames.overdue.iloc[0]["unit_name"] == "Sở Tư pháp"
    assert set(frames.failed_checks["rule"]) == {"body_vs_annex", "breakdown_sum", "groups_vs_total"}
    assert len(frames.conflicts) > 0


@pytest.mark.parametrize(("province", "period", "charts"), [("Hà Nội", "2024-12", 5), ("Thừa Thiên Huế", None, 5)])
def test_the_page_is_self_contained_and_small(samples_db, tmp_path, province, period, charts):
    report = write_report(samples_db, tmp_path / "r.html", province, period)
    html = report.path.read_text(encoding="utf-8")
    assert report.charts == charts == html.count('<div class="chart"')
    assert report.bytes < 2 * MB
    # Nothing is fetched: no external script, stylesheet, image or frame.
    assert not re.search(r"""<(script|link|img|iframe)[^>]+(src|href)=["']?(https?:)?//""", html)
    assert "Chất lượng dữ liệu" in html and '<th title="Started">Bắt đầu</th>' in html  # English in the header's hover


def test_a_month_without_figures_lists_its_empty_panels(samples_db, tmp_path):
    report = write_report(samples_db, tmp_path / "r.html", "Hà Nội", "2019-05")
    html = report.path.read_text(encoding="utf-8")
    assert report.charts == 2  # the series over time still draw
    assert "Không có số liệu trong kỳ" in html and "departments by overdue dossiers" in html


def test_the_command_writes_the_report(samples_db, tmp_path):
    out = tmp_path / "hue.html"
    result = CliRunner().invoke(app, ["report", "--db", str(samples_db), "--out", str(out), "--province", "thua thien hue"])
    assert result.exit_code == 0, result.output
    assert out.stat().st_size > 0
    bad = CliRunner().invoke(app, ["report", "--db", str(samples_db), "--out", str(out), "--province", "Atlantis"])
    assert bad.exit_code == 2 and "no province named" in bad.output
