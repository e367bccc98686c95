"""The warehouse on a real DuckDB file: contract columns, names in force, atomic replacement."""

from __future__ import annotations

from datetime import date, datetime

import duckdb
import pytest

from chiso.normalize.fact import Fact, Letter, Rejection
from chiso.warehouse.load import LetterToLoad, load_letter, load_letters, load_unit_graph, new_load_id, open_warehouse
from chiso.warehouse.post_load import refresh_after_load
from chiso.warehouse.schema import render_data_dictionary
from chiso.warehouse.views import FACTS, VIEWS

from conftest import SAMPLES

CONTRACT = [("doc_id", "VARCHAR"), ("source_name", "VARCHAR"), ("doc_number", "VARCHAR"), ("issued_on", "DATE"),
            ("index_family", "VARCHAR"), ("period_grain", "VARCHAR"), ("period_start", "DATE"), ("unit_id", "VARCHAR"),
            ("unit_name", "VARCHAR"), ("province_name", "VARCHAR"), ("indicator", "VARCHAR"), ("measure", "VARCHAR"),
            ("value", "DOUBLE"), ("label", "VARCHAR"), ("raw_text", "VARCHAR"), ("page", "INTEGER"), ("extractor", "VARCHAR")]


def _letter(doc_id: str = "d1") -> Letter:
    return Letter(doc_id, "x.txt", "text", "1/UBND", date(2023, 3, 8), "46", None, "t")


def _fact(unit_id: str | None, on: date, value: float = 1.0, doc_id: str = "d1") -> Fact:
    return Fact(doc_id, "service_index", "year", on, unit_id, "UBND thành phố Huế", "total", "score", value, "l", "raw", None, 1, 1, "text")


@pytest.fixture
def con(tmp_path, registry):
    con = open_warehouse(tmp_path / "w.duckdb")
    load_unit_graph(con, registry)
    yield con
    con.close()


def test_facts_view_has_the_contract_columns_first(con):
    described = [(r[0], r[1]) for r in con.execute("DESCRIBE facts").fetchall()]
    assert described[:len(CONTRACT)] == CONTRACT


def test_names_in_force_on_the_period(con):
    load_letter(con, _letter(), [_fact("46", date(2022, 1, 1)), _fact("46", date(2025, 3, 1), 2.0), _fact("46.hue", date(2022, 1, 1), 3.0)], [], [], new_load_id(datetime.now()))
    refresh_after_load(con)  # writes the names onto the facts, as every run does after loading
    rows = dict(con.execute("SELECT value, unit_name || ' / ' || province_name FROM facts").fetchall())
    assert rows == {1.0: "Tỉnh Thừa Thiên Huế / Tỉnh Thừa Thiên Huế", 2.0: "Thành phố Huế / Thành phố Huế",
                    3.0: "Thành phố Huế / Tỉnh Thừa Thiên Huế"}


def test_unresolved_unit_keeps_the_letters_province(con):
    load_letter(con, _letter(), [_fact(None, date(2022, 1, 1))], [], [], new_load_id(datetime.now()))
    refresh_after_load(con)
    assert con.execute("SELECT unit_name, province_name FROM facts").fetchone() == (None, "Tỉnh Thừa Thiên Huế")


def test_reload_replaces_and_a_failed_load_changes_nothing(con):
    load_id = new_load_id(datetime.now())
    load_letter(con, _letter(), [_fact("46", date(2022, 1, 1))] * 3, [], [Rejection("x.txt", "d1", "normalize", "r")], load_id)
    result = load_letter(con, _letter(), [_fact("46", date(2022, 1, 1))] * 3, [], [Rejection("x.txt", "d1", "normalize", "r")], load_id)
    assert (result.facts_added, result.facts_replaced) == (3, 3)
    assert con.execute("SELECT count(*) FROM facts").fetchone()[0] == 3
    assert con.execute("SELECT count(*) FROM rejects").fetchone()[0] == 1
    broken = _fact("46", date(2022, 1, 1), value="not a number")  # type: ignore[arg-type]
    with pytest.raises((duckdb.Error, ValueError, TypeError)):
        load_letter(con, _letter(), [_fact("46", date(2022, 1, 1))] * 5 + [broken], [], [], load_id)
    assert con.execute("SELECT count(*) FROM facts").fetchone()[0] == 3


def test_data_dictionary_is_fresh():
    assert (SAMPLES.parent / "docs" / "data_dictionary.md").read_text(encoding="utf-8") == render_data_dictionary()
    assert [c.name for c in FACTS.columns[:len(CONTRACT)]] == [c[0] for c in CONTRACT]
    assert all(f"## `{view.name}` (view)" in render_data_dictionary() for view in VIEWS)


def test_every_view_and_column_carries_its_declared_type_and_a_comment(con):
    comments = dict(con.execute("SELECT view_name, comment FROM duckdb_views() WHERE NOT internal").fetchall())
    assert {view.name for view in VIEWS} <= {name for name, comment in comments.items() if comment}
    for view in VIEWS:
        described = con.execute(f"SELECT column_name, data_type, comment FROM duckdb_columns() WHERE table_name = '{view.name}'").fetchall()
        assert [(name, type_) for name, type_, _ in described] == [(c.name, c.type) for c in view.columns], view.name
        assert all(comment for _, _, comment in described), view.name


def test_a_province_series_is_one_id_across_the_hue_rename(con):
    """Tỉnh Thừa Thiên Huế became Thành phố Huế on 2025-01-01: two names, one province_id."""
    load_letter(con, _letter(), [_fact("46", date(2024, 12, 1), 58.1), _fact("46", date(2025, 1, 1), 60.2)], [], [], new_load_id(datetime.now()))
    refresh_after_load(con)
    rows = con.execute("SELECT period_start, province_name, value FROM facts WHERE province_id = '46' AND unit_level = 'province' "
                       "ORDER BY period_start").fetchall()
    assert rows == [(date(2024, 12, 1), "Tỉnh Thừa Thiên Huế", 58.1), (date(2025, 1, 1), "Thành phố Huế", 60.2)]


def test_a_ministrys_letter_is_keyed_by_the_ministry_its_number_names(con):
    """A ministry has no province: its copies share the key of the ministry whose code the number carries."""
    load_id = new_load_id(datetime.now())
    for doc_id, number in (("m1", "876/QĐ-BNV"), ("m2", "876 /QD-BNV"), ("m3", "12/BC-XYZ")):
        load_letter(con, Letter(doc_id, f"{doc_id}.txt", "text", number, date(2023, 3, 8), None, None, "t"), [], [], [], load_id)
    rows = con.execute("SELECT doc_id, issuer_id, letter_key FROM letters ORDER BY doc_id").fetchall()
    assert rows == [("m1", "bo.noi-vu", "bo.noi-vu|876/QD-BNV|2023-03-08"), ("m2", "bo.noi-vu", "bo.noi-vu|876/QD-BNV|2023-03-08"),
                    ("m3", None, "?|12/BC-XYZ|2023-03-08")]


def _contents(con) -> dict[str, list[str]]:
    """The tables a load writes, rows as sorted reprs, without the clock's columns."""
    selects = {"core_facts": "*", "core_letters": "* EXCLUDE (loaded_at)", "core_review": "*", "core_rejects": "* EXCLUDE (rejected_at)",
               "core_indicators": "*", "core_stale_letters": "*", "core_stale_periods": "*"}
    return {t: sorted(map(repr, con.execute(f"SELECT {columns} FROM {t}").fetchall())) for t, columns in selects.items()}


def test_letters_loaded_in_one_batch_are_loaded_as_one_by_one(tmp_path, registry):
    """The writer loads letters in batches (flows.pipeline.load_outcomes); a batch leaves what
    loading its letters one after the other leaves: new letters, a letter replaced, a key
    derived from a label printed by two letters (the later letter's label), rejections."""
    def letters(version: float) -> list[LetterToLoad]:
        return [LetterToLoad(_letter("d1"), [_fact("46", date(2022, 1, 1), version)] * 2, [], [Rejection("x.txt", "d1", "normalize", "r")],
                             [("total.extra", "service_index", "Nhãn một")]),
                LetterToLoad(_letter("d2"), [_fact("46.hue", date(2023, 1, 1), version, "d2")], [],
                             extra_indicators=[("total.extra", "service_index", "Nhãn hai")])]
    states, load_id = [], new_load_id(datetime.now())
    for batched in (False, True):
        con = open_warehouse(tmp_path / f"w{batched}.duckdb")
        load_unit_graph(con, registry)
        for version in (1.0, 2.0):  # the second round replaces the first
            if batched:
                load_letters(con, letters(version), load_id)
            else:
                for item in letters(version):
                    load_letter(con, item.letter, item.facts, item.review, item.rejections, load_id, item.extra_indicators)
        states.append(_contents(con))
        con.close()
    assert states[0] == states[1]
    assert "'Nhãn hai'" in " ".join(states[1]["core_indicators"])
    assert len(states[1]["core_facts"]) == 3 and states[1]["core_stale_periods"]  # the replaced letter's periods are marked


def test_a_batch_holds_each_letter_once(con):
    with pytest.raises(ValueError, match="twice"):
        load_letters(con, [LetterToLoad(_letter("d1"), []), LetterToLoad(_letter("d1"), [])], new_load_id(datetime.now()))
