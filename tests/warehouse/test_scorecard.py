"""The scorecard on every bundled sample ingested together (193/UBND-KSTTHC for Hà Nội 12/2024,
1986/UBND-KSTT for Thừa Thiên Huế 2022, 192/KH-UBND for Hà Nội's PAR INDEX and SIPAS)."""

from __future__ import annotations

import re
from datetime import date

import duckdb
import pytest

from conftest import SAMPLES

HANOI_DEC = "unit_id = '01' AND index_family = 'service_index' AND period_grain = 'month' AND period_start = DATE '2024-12-01'"


@pytest.fixture(scope="module")
def con(samples_db):
    con = duckdb.connect(str(samples_db), read_only=True)
    yield con
    con.close()


def test_one_row_per_unit_family_and_period(con):
    rows, keys = con.execute("SELECT count(*), count(DISTINCT (unit_id, index_family, period_grain, period_start)) FROM scorecard").fetchone()
    assert rows == keys > 50


def test_hanoi_december_2024_holds_its_six_groups_beside_their_maxima(con):
    """193/UBND-KSTTHC: 62.28/100, 61st of 63, +1.29 in the body (the annex's +3.21 loses, see conflicts)."""
    row = con.execute(f"SELECT unit_name, unit_level, province_id, total_score, total_max, rank, rank_of, delta, is_agreed, checks_failed "
                      f"FROM scorecard WHERE {HANOI_DEC}").fetchone()
    assert row == ("Thành phố Hà Nội", "province", "01", 62.28, 100.0, 61, 63, 1.29, False, 2)
    groups = con.execute(f"SELECT g.indicator, g.label_vi, g.score, g.max_score, g.delta FROM scorecard, unnest(groups) AS u(g) "
                         f"WHERE {HANOI_DEC}").fetchall()
    assert groups == [("transparency", "Công khai, minh bạch", 10.4, 18.0, -0.2), ("progress", "Tiến độ, kết quả giải quyết", 17.8, 20.0, 0.9),
                      ("online_service", "Dịch vụ công trực tuyến", 6.8, 12.0, 0.0), ("online_payment", "Thanh toán trực tuyến", 6.0, 10.0, 1.6),
                      ("satisfaction", "Mức độ hài lòng", 17.5, 18.0, 0.7), ("digitization", "Số hóa hồ sơ", 10.3, 22.0, 1.9)]


def test_the_scorecard_inherits_the_figures_precedence(con):
    """Every total in the scorecard is the figure's value, never another source's."""
    differing = con.execute("""SELECT count(*) FROM scorecard s JOIN figures f USING (unit_id, index_family, period_grain, period_start)
                               WHERE f.indicator = 'total' AND f.measure = 'score' AND f.value IS DISTINCT FROM s.total_score""").fetchone()[0]
    assert differing == 0


def test_hue_2022_has_groups_with_the_national_average(con):
    """1986/UBND-KSTT (Thừa Thiên Huế, 2022): the province's groups beside the national average, named as in 2022."""
    row = con.execute("SELECT unit_name, rank, rank_of, len(groups), list_sum([g.national_average IS NOT NULL FOR g IN groups]) FROM scorecard "
                      "WHERE unit_id = '46' AND index_family = 'service_index' AND period_start = DATE '2022-01-01'").fetchone()
    assert row[0] == "Tỉnh Thừa Thiên Huế" and row[3] == row[4] == 6


def test_par_index_areas_are_named_from_the_year_structure(con):
    """192/KH-UBND: Hà Nội's PAR INDEX 2021 in eight areas, each beside the structure's maximum."""
    groups = con.execute("SELECT [(g.indicator, g.max_score) FOR g IN groups] FROM scorecard WHERE unit_id = '01' AND index_family = 'par_index' "
                         "AND period_start = DATE '2021-01-01'").fetchone()[0]
    assert [code for code, _ in groups] == [str(n) for n in range(1, 9)]
    assert sum(m for _, m in groups) == 100


def test_departments_appear_with_their_overdue_dossiers(con):
    rows = con.execute("SELECT count(*), count(total_score) FROM scorecard WHERE province_id = '01' AND unit_level = 'department' "
                       "AND period_start = DATE '2024-12-01'").fetchone()
    assert rows[0] > 10 and rows[1] == 0


def _readme_queries() -> list[str]:
    readme = (SAMPLES.parent / "README.md").read_text(encoding="utf-8")
    block = readme.split("<!-- scorecard-examples -->", 2)[1]
    return [q.strip() for q in re.findall(r"```sql\n(.*?)```", block, re.S)[0].split(";") if q.strip()]


def test_readme_scorecard_examples_run_and_answer(con):
    """The README's leaderboard, series and overdue-dossiers examples, each returning rows."""
    queries = _readme_queries()
    assert len(queries) == 3
    leaderboard, series, overdue = (con.execute(q).fetchall() for q in queries)
    assert len(leaderboard) == 30 and leaderboard[0][1] == "Quận Tây Hồ"
    assert [r[0] for r in series] == sorted(r[0] for r in series) and date(2024, 12, 1) in [r[0] for r in series]
    assert overdue[0][0] == "Sở Tư pháp" and [r[1] for r in overdue] == sorted((r[1] for r in overdue), reverse=True)
