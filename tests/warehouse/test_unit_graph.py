"""The unit graph a warehouse loads: the prebuilt Parquet files (normalize/data/unit_graph_*.parquet)
hold what normalize.lineage builds from the packaged registry, row for row, and a registry they
were not built from (a run's own aliases) gets its graph built instead."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from chiso.normalize.lineage import FINGERPRINT_KEY, build_unit_graph, graph_fingerprint, prebuilt_graph_files
from chiso.normalize.registry import load_registry
from chiso.warehouse.load import load_unit_graph, open_warehouse

REGENERATE = "stale unit graph: run `.venv/bin/python -m chiso.normalize.registry_index` and commit the files"


def _graph_rows(registry) -> dict[str, set[tuple]]:
    """The three tables as the graph gives them, computed in Python."""
    graph = build_unit_graph(registry)
    return {
        "core_units": {(u.unit_id, u.level.value, u.province_id, u.code, u.successor_id, graph.parent_of(u)) for u in graph.units},
        "core_unit_names": {(u.unit_id, n.name, n.valid_from, n.valid_to) for u in graph.units for n in u.names},
        "core_unit_lineage": {(e.from_unit_id, e.to_unit_id, e.event.value, e.effective_on, e.note, e.old_wards) for e in graph.lineage},
    }


def _table_rows(con: duckdb.DuckDBPyConnection) -> dict[str, set[tuple]]:
    return {
        "core_units": set(con.execute("SELECT unit_id, level, province_id, code, successor_id, parent_id FROM core_units").fetchall()),
        "core_unit_names": set(con.execute("SELECT unit_id, name, valid_from, valid_to FROM core_unit_names").fetchall()),
        "core_unit_lineage": set(con.execute("SELECT from_unit_id, to_unit_id, event, effective_on, note, old_wards "
                                             "FROM core_unit_lineage").fetchall()),
    }


def test_the_prebuilt_files_carry_the_packaged_registrys_fingerprint() -> None:
    files = prebuilt_graph_files()
    assert all(path.exists() for path in files.values()), REGENERATE
    stamps = duckdb.execute("SELECT DISTINCT decode(value) FROM parquet_kv_metadata($1) WHERE decode(key) = $2",
                            [[str(p) for p in files.values()], FINGERPRINT_KEY]).fetchall()
    assert stamps == [(graph_fingerprint(load_registry()),)], REGENERATE


def test_a_fresh_warehouse_holds_the_graph_row_for_row(tmp_path: Path) -> None:
    registry = load_registry()
    con = open_warehouse(tmp_path / "w.duckdb")
    load_unit_graph(con, registry)
    assert _table_rows(con) == _graph_rows(registry)
    assert con.execute("SELECT count(*) FROM core_units").fetchone()[0] == len(build_unit_graph(registry).units)  # no duplicates


def test_a_registry_with_aliases_has_its_graph_built(tmp_path: Path, registry) -> None:
    aliased = registry.with_aliases([("01", "Thủ đô ngàn năm văn hiến")])
    assert graph_fingerprint(aliased) != graph_fingerprint(registry)  # the prebuilt files do not serve it
    con = open_warehouse(tmp_path / "w.duckdb")
    load_unit_graph(con, aliased)
    assert _table_rows(con) == _graph_rows(aliased)
    assert con.execute("SELECT sha256 FROM core_dimension_state WHERE name = 'unit_graph'").fetchall() == [(graph_fingerprint(aliased),)]


@pytest.mark.parametrize("changed", [False, True])
def test_a_warehouse_with_facts_renames_them_only_when_a_name_changed(tmp_path: Path, registry, changed: bool) -> None:
    con = open_warehouse(tmp_path / "w.duckdb")
    load_unit_graph(con, registry)
    con.execute("INSERT INTO core_facts (doc_id, seq, index_family, period_grain, period_start, unit_id, published_unit, indicator, "
                "measure, value, label, raw_text, extractor, load_id) VALUES ('d', 0, 'service_index', 'year', DATE '2024-01-01', "
                "'01', 'Hà Nội', 'total', 'score', 1, 'l', 'r', 'text', '1')")
    if changed:
        con.execute("UPDATE core_unit_names SET name = 'Hà Nội cũ' WHERE unit_id = '01'")
    con.execute("DELETE FROM core_dimension_state")  # as if the registry's fingerprint had changed
    load_unit_graph(con, registry)
    assert _table_rows(con) == _graph_rows(registry)
    stale = con.execute("SELECT (SELECT count(*) FROM core_stale_letters WHERE doc_id = '*'), "
                        "(SELECT count(*) FROM core_stale_periods WHERE unit_id = '*')").fetchone()
    assert stale == ((1, 1) if changed else (0, 0))
