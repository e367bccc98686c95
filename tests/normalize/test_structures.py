"""The PAR INDEX / SIPAS structures, the service index's maxima and the measures as data: one
row per key and year, every row sourced, parents that exist, keys the catalogue knows."""

from __future__ import annotations

from collections import defaultdict

import pytest

from chiso.extractors.model import Measure
from chiso.normalize.dimensions import LAYOUTS, index_structure, indicator_maxima, measure_definitions
from chiso.normalize.indicators import SERVICE, catalogue


def _overlaps(ranges: list[tuple[int, int | None]]) -> bool:
    spans = sorted((start, 9999 if end is None else end) for start, end in ranges)
    return any(later[0] <= earlier[1] for earlier, later in zip(spans, spans[1:]))


def test_one_structure_row_per_code_and_year():
    ranges = defaultdict(list)
    for c in index_structure():
        ranges[(c.index_family, c.code)].append((c.year_from, c.year_to))
    assert not [key for key, spans in ranges.items() if _overlaps(spans)]


def test_one_maximum_per_indicator_layout_and_year():
    ranges = defaultdict(list)
    for m in indicator_maxima():
        ranges[(m.index_family, m.indicator, m.layout)].append((m.year_from, m.year_to))
    assert not [key for key, spans in ranges.items() if _overlaps(spans)]


def test_every_row_names_its_source_and_an_empty_maximum_says_why():
    assert all(c.source for c in index_structure()) and all(m.source for m in indicator_maxima())
    assert all(m.source.startswith("no source found") for m in indicator_maxima() if m.max_score is None)


def test_a_criterion_sits_under_a_parent_in_force_each_of_its_years_with_a_maximum_no_smaller():
    rows = index_structure()
    for c in (c for c in rows if c.parent_code is not None):
        for year in range(c.year_from, (c.year_to or c.year_from) + 1):
            parents = [p for p in rows if (p.index_family, p.code) == (c.index_family, c.parent_code)
                       and p.year_from <= year and (p.year_to is None or year <= p.year_to)]
            assert len(parents) == 1, (c, year)
            assert c.max_score is None or parents[0].max_score is None or c.max_score <= parents[0].max_score, (c, year)


def test_service_maxima_name_catalogued_keys_and_known_layouts():
    keys = {i.key for i in catalogue() if i.family == SERVICE}
    assert {m.indicator for m in indicator_maxima()} <= keys
    assert {m.layout for m in indicator_maxima()} <= set(LAYOUTS)


@pytest.mark.parametrize("family, code, year, max_score", [
    ("par_index", "3", 2021, 13.5),      # 192/KH-UBND: Điểm tối đa 13.5 beside Hà Nội's 2021 points
    ("par_index", "3", 2022, 13.0),      # Kon Tum: Năm 2022 đạt 11,88/13 điểm
    ("par_index", "4", 2023, 10.5),      # Kon Tum: Đạt 9,72/10,5 điểm
    ("par_index", "2.4.1", 2021, 1.0),
    ("par_index", "impact", 2023, 38.5),
    ("par_index", "total", 2024, 100.0),
    ("par_index", "5", 2023, None),      # no source prints it
    ("sipas", "III.5", 2021, 100.0),
])
def test_the_structure_gives_the_maximum_in_force_that_year(family, code, year, max_score):
    found = [c.max_score for c in index_structure() if (c.index_family, c.code) == (family, code)
             and c.year_from <= year and (c.year_to is None or year <= c.year_to)]
    assert found == [max_score]


def test_a_province_groups_add_up_to_its_total_and_other_layouts_keep_no_borrowed_maximum():
    province = {m.indicator: m.max_score for m in indicator_maxima() if m.layout == "province" and m.year_from <= 2024}
    six = ("transparency", "progress", "online_service", "online_payment", "satisfaction", "digitization")
    assert sum(province[g] for g in six) == province["total"] == 100
    assert {m.max_score for m in indicator_maxima() if m.layout != "province" and m.indicator != "total"} == {None}


def test_every_measure_a_fact_may_carry_is_defined_once():
    measures = [m.measure for m in measure_definitions()]
    assert sorted(measures) == sorted(Measure) and all(m.definition for m in measure_definitions())


def test_the_catalogue_takes_a_province_maximum_from_the_maxima_file_and_invents_none():
    maxima = {(i.family, i.key): i.max_score for i in catalogue() if i.max_score is not None}
    assert maxima == {(SERVICE, "total"): 100, (SERVICE, "transparency"): 18, (SERVICE, "progress"): 20, (SERVICE, "online_service"): 12,
                      (SERVICE, "online_payment"): 10, (SERVICE, "satisfaction"): 18, (SERVICE, "digitization"): 22, ("par_index", "total"): 100,
                      (SERVICE, "online"): 22}  # the five-group layout's, printed from 2025 (Hồ Chí Minh City, week 47)
