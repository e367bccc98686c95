"""Trusted figures, conflicts, checks and letter identity on every bundled sample ingested together."""

from __future__ import annotations

import re

import duckdb
import pytest

from conftest import SAMPLES

HANOI_DEC = "unit_id = '01' AND period_start = DATE '2024-12-01' AND indicator = 'total'"


@pytest.fixture(scope="module")
def con(samples_db):
    con = duckdb.connect(str(samples_db), read_only=True)
    yield con
    con.close()


def test_every_copy_of_a_letter_shares_one_letter_key(con):
    keys = con.execute("SELECT regexp_extract(source_name, '^(\\d+)_', 1), list(DISTINCT letter_key), count(*) FROM letters "
                       "WHERE regexp_matches(source_name, '^\\d+_') GROUP BY 1").fetchall()
    assert all(len(letter_keys) == 1 for _, letter_keys, _ in keys)
    assert {stem: (k[0], n) for stem, k, n in keys} == {
        "000": ("01|193/UBND-KSTTHC|2025-01-17", 4), "001": ("01|1591/UBND-NC|2025-04-02", 2), "002": ("01|1444/UBND-KSTTHC|", 3),
        "003": ("01|192/KH-UBND|2022-07-08", 2), "004": ("46|1986/UBND-KSTT|2023-03-08", 4)}


def test_letters_know_where_they_came_from(con):
    assert con.execute("SELECT count(*) FROM letters WHERE source_url LIKE 'file://%' AND published_on IS NOT NULL").fetchone()[0] == 15


def test_figures_hold_one_row_per_key(con):
    total, keys = con.execute("SELECT count(*), count(DISTINCT (unit_id, index_family, period_grain, period_start, indicator, measure)) "
                              "FROM figures").fetchone()
    assert total == keys > 700


def test_body_and_annex_agreeing_to_rounding_give_the_more_precise(con):
    """Hà Nội 12/2024: 62.28 in the body, 62.3 in the annex, in four copies."""
    assert con.execute(f"SELECT value, n_facts, n_letters, is_agreed FROM figures WHERE {HANOI_DEC} AND measure = 'score'").fetchone() == \
        (62.28, 8, 1, True)


def test_the_body_annex_disagreement_is_a_conflict_and_a_failed_check(con):
    """+1.29 in the body, +3.21 in the annex of 193/UBND-KSTTHC."""
    values = con.execute(f"SELECT list(DISTINCT value ORDER BY value), bool_or(is_chosen AND NOT is_annex) FROM conflicts "
                         f"WHERE {HANOI_DEC} AND measure = 'delta'").fetchone()
    assert values == ([1.29, 3.21], True)
    assert con.execute(f"SELECT expected, found FROM checks WHERE rule = 'body_vs_annex' AND NOT is_passed AND {HANOI_DEC}").fetchone() == (1.29, 3.21)


def test_groups_that_do_not_add_up_to_the_total_are_recorded(con):
    row = con.execute(f"SELECT severity, expected, round(found, 2), len(fact_refs) FROM checks WHERE rule = 'groups_vs_total' "
                      f"AND NOT is_passed AND {HANOI_DEC}").fetchone()
    assert row == ("warning", 62.28, 68.8, 7)


def test_a_breakdown_that_does_not_add_up_fails(con):
    """Quận Tây Hồ 12/2024: 146 overdue dossiers against 115 + 131 (000_44dc49058ad32f91, annex)."""
    assert con.execute("SELECT expected, found FROM checks WHERE rule = 'breakdown_sum' AND NOT is_passed "
                       "AND unit_id = '01.tay-ho'").fetchone() == (146, 246)


def test_an_ocr_slip_the_letter_mends_agrees_with_the_text(con):
    """`4/19` deployed units of Huyện A Lưới, read from the scan as 419 (004_4fe8e530b83874ca.pdf
    scan) and mended from its column (issue 9): one value, the printed row kept as raw text."""
    row = con.execute("SELECT value, extractor, n_values, is_agreed FROM figures WHERE unit_id = '46.a-luoi' "
                      "AND indicator = 'e_certification.deployed_units' AND measure = 'count'").fetchone()
    assert row == (4.0, "text", 1, True)
    assert con.execute("SELECT value, raw_text FROM facts WHERE unit_id = '46.a-luoi' AND extractor = 'ocr' AND measure = 'count' "
                       "AND indicator = 'e_certification.deployed_units'").fetchone() == (4.0, "8 | UBND huyện A Lưới - tỉnh Thừa Thiên Huế | 419 | 21 | 15")


def test_checks_cite_facts_that_exist(con):
    refs = {r for (refs,) in con.execute("SELECT fact_refs FROM checks").fetchall() for r in refs}
    facts = {f"{d}:{s}" for d, s in con.execute("SELECT doc_id, seq FROM facts").fetchall()}
    assert refs and refs <= facts


def test_every_failed_check_is_one_the_samples_explain(con):
    failed = con.execute("SELECT rule, unit_id FROM checks WHERE NOT is_passed ORDER BY 1").fetchall()
    assert failed == [("body_vs_annex", "01"), ("breakdown_sum", "01.tay-ho"), ("groups_vs_total", "01")]


def _readme_queries() -> list[str]:
    readme = (SAMPLES.parent / "README.md").read_text(encoding="utf-8")
    block = readme.split("<!-- one-row-per-unit -->", 2)[1]
    return [q.strip() for q in re.findall(r"```sql\n(.*?)```", block, re.S)[0].split(";") if q.strip()]


def test_readme_examples_return_one_row_per_unit(con):
    queries = _readme_queries()
    assert len(queries) >= 3
    for query in queries:
        rows = con.execute(query).fetchall()
        units = [r[0] for r in rows]
        assert rows and len(units) == len(set(units)), query
