"""Unit lineage built from the registry and the package's converter."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from chiso.normalize.lineage import LineageEvent, build_unit_graph
from chiso.normalize.registry import UnitLevel, _package_data

MERGER = date(2025, 7, 1)


@pytest.fixture(scope="module")
def graph(registry):
    return build_unit_graph(registry)


@pytest.fixture(scope="module")
def lineage(graph):
    return graph.lineage


def test_hue_became_a_city_on_new_year_2025(lineage):
    assert [(e.to_unit_id, e.event, e.effective_on) for e in lineage if e.from_unit_id == "46" and e.event is LineageEvent.UPGRADE] == \
        [("46", LineageEvent.UPGRADE, date(2025, 1, 1))]
    assert {e.to_unit_id for e in lineage if e.from_unit_id == "46.hue"} == {"46.phu-xuan", "46.thuan-hoa"}


def test_ha_giang_merged_into_tuyen_quang_which_absorbed_it(lineage):
    edges = {(e.from_unit_id, e.to_unit_id, e.event, e.effective_on) for e in lineage}
    assert ("02", "08", LineageEvent.MERGE, MERGER) in edges
    assert ("08", "08", LineageEvent.ABSORB, MERGER) in edges
    assert ("52", "64", LineageEvent.MERGE, MERGER) in edges  # Bình Định into Gia Lai


def test_every_ha_noi_district_goes_to_the_communes_that_took_its_territory(lineage, registry):
    districts = {u.unit_id for u in registry.in_province("01") if u.level is UnitLevel.DISTRICT and u.exists_on(date(2025, 6, 30))}
    targets: dict[str, set[str]] = {}
    for e in lineage:
        if e.from_unit_id in districts and e.effective_on == MERGER:
            targets.setdefault(e.from_unit_id, set()).add(e.to_unit_id or "")
    assert set(targets) == districts
    assert {"01.phuong-tay-ho", "01.phuong-hong-ha", "01.phuong-phu-thuong"} <= targets["01.tay-ho"]
    assert all(registry.get(t).level is UnitLevel.COMMUNE for ts in targets.values() for t in ts)


def test_department_mergers_of_march_2025(lineage):
    assert ("01.so-ke-hoach-dau-tu", "01.so-tai-chinh", LineageEvent.MERGE, date(2025, 3, 1)) in \
        {(e.from_unit_id, e.to_unit_id, e.event, e.effective_on) for e in lineage}


def test_a_new_commune_has_the_district_that_gave_it_most(graph):
    assert graph.commune_parents["01.phuong-tay-ho"] == "01.tay-ho"


def test_every_commune_before_the_reform_goes_to_the_communes_that_took_it(graph, registry):
    """The package's 10,035 communes of 2025-06-30, each with its district, each merged into one new commune or split among several."""
    old = {u.unit_id: u for u in graph.units if u.level is UnitLevel.COMMUNE and not u.exists_on(MERGER)}
    assert len(old) == 10_035
    assert all(graph.commune_parents[unit_id].startswith(u.province_id + ".") for unit_id, u in old.items())
    edges: dict[str, set[tuple[str, LineageEvent, date]]] = {}
    for e in graph.lineage:
        if e.from_unit_id in old:
            edges.setdefault(e.from_unit_id, set()).add((e.to_unit_id or "", e.event, e.effective_on))
    assert set(edges) == set(old)
    for es in edges.values():
        assert {(event, day) for _, event, day in es} == {(LineageEvent.SPLIT if len(es) > 1 else LineageEvent.MERGE, MERGER)}
        assert all(registry.get(to).level is UnitLevel.COMMUNE and registry.get(to).exists_on(MERGER) for to, _, _ in es)
    assert {to for to, _, _ in edges["01.tay-ho.phuong-phu-thuong"]} == {"01.phuong-phu-thuong", "01.phuong-tay-ho", "01.phuong-hong-ha"}
    assert graph.commune_parents["01.tay-ho.phuong-phu-thuong"] == "01.tay-ho"


def test_hue_and_hai_phong_upgrades_agree_with_the_package(lineage, registry):
    """The upgrades of 2025-01-01 (NQ 1314, NQ 1232) give the names the package's table of 2025-06-30 prints."""
    upgrades = {e.from_unit_id: e.effective_on for e in lineage if e.event is LineageEvent.UPGRADE}
    con = sqlite3.connect(f"file:{_package_data() / 'dataset.db'}?mode=ro", uri=True)
    try:
        printed = {row[0] for row in con.execute("SELECT DISTINCT province FROM admin_units_legacy WHERE provinceCode = '46' UNION "
                                                 "SELECT DISTINCT district FROM admin_units_legacy WHERE provinceCode = '31'")}
    finally:
        con.close()
    for unit_id in ("46", "31.thuy-nguyen", "31.an-duong"):
        assert upgrades[unit_id] == date(2025, 1, 1)
        assert registry.get(unit_id).name_on(date(2025, 6, 30)) in printed
