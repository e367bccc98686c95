"""The dimension views on every bundled sample ingested together: each PAR INDEX / SIPAS code a
fact carries has a name for its year, and a figure's maximum is the one in force for its
layout and year, in the views and in the value_within_max check."""

from __future__ import annotations

import re

import duckdb
import pytest

from conftest import SAMPLES


@pytest.fixture(scope="module")
def con(samples_db):
    con = duckdb.connect(str(samples_db), read_only=True)
    yield con
    con.close()


IN_FORCE = "year(f.period_start) BETWEEN {t}.year_from AND coalesce({t}.year_to, 9999)"


def test_every_par_index_and_sipas_code_the_samples_print_has_a_name_that_year(con):
    codes, unnamed = con.execute(f"""
        SELECT count(DISTINCT (f.index_family, f.indicator, year(f.period_start))),
               coalesce(list(DISTINCT f.index_family || ' ' || f.indicator || ' ' || year(f.period_start)) FILTER (WHERE s.code IS NULL), [])
        FROM facts f LEFT JOIN index_structure s ON s.index_family = f.index_family AND s.code = f.indicator AND {IN_FORCE.format(t='s')}
        WHERE f.index_family IN ('par_index', 'sipas')""").fetchone()
    assert codes > 150 and unnamed == []


def test_a_code_has_one_name_and_maximum_a_year(con):
    rows = con.execute(f"""SELECT f.indicator, count(*) FROM (SELECT DISTINCT index_family, indicator, period_start FROM facts) f
        JOIN index_structure s ON s.index_family = f.index_family AND s.code = f.indicator AND {IN_FORCE.format(t='s')}
        GROUP BY f.index_family, f.indicator, f.period_start HAVING count(*) > 1""").fetchall()
    assert rows == []


def test_maxima_follow_the_layout_and_the_year(con):
    def maximum(family: str, indicator: str, layout: str, year: int) -> list[float | None]:
        return [r[0] for r in con.execute("SELECT max_score FROM indicator_maxima WHERE index_family = ? AND indicator = ? AND layout = ? "
                                          "AND ? BETWEEN year_from AND coalesce(year_to, 9999)", [family, indicator, layout, year]).fetchall()]
    assert maximum("service_index", "transparency", "province", 2024) == [18.0]
    assert maximum("service_index", "transparency", "district", 2024) == [None]   # a district's groups: no source
    assert maximum("service_index", "total", "district", 2022) == [100.0]
    assert maximum("par_index", "3", "province", 2021) == [13.5]
    assert maximum("par_index", "3", "province", 2022) == [13.0]
    assert maximum("service_index", "transparency", "province", 2021) == []       # before Decision 766


def test_value_within_max_compares_with_the_maximum_in_force_for_the_unit(con):
    checked = dict(((unit, indicator, period.year), expected) for unit, indicator, period, expected in con.execute(
        "SELECT unit_id, indicator, period_start, expected FROM checks WHERE rule = 'value_within_max' AND measure = 'score'").fetchall())
    assert checked[("01", "transparency", 2024)] == 18.0
    assert checked[("01", "3", 2021)] == 13.5
    assert checked[("01.tay-ho", "total", 2024)] == 100.0     # a district's total: /100 (Thừa Thiên Huế's annex)


def _readme_queries() -> list[str]:
    readme = (SAMPLES.parent / "README.md").read_text(encoding="utf-8")
    block = readme.split("<!-- dimension-examples -->", 2)[1]
    return [q.strip() for q in re.findall(r"```sql\n(.*?)```", block, re.S)[0].split(";") if q.strip()]


def test_readme_dimension_examples_name_every_row_with_its_maximum(con):
    groups, criteria = (con.execute(q).fetchall() for q in _readme_queries())
    assert groups == [("digitization", "Digitisation of dossiers", 10.3, 22.0), ("online_payment", "Online payment", 6.0, 10.0),
                      ("online_service", "Online public services", 6.8, 12.0),
                      ("progress", "Progress and results of handling dossiers", 17.8, 20.0), ("satisfaction", "Satisfaction", 17.5, 18.0),
                      ("total", "Total score", 62.28, 100.0), ("transparency", "Publicity, transparency", 10.4, 18.0)]
    assert len(criteria) > 70 and all(label_vi and label_en and value <= max_score for _, label_vi, label_en, value, max_score in criteria)
