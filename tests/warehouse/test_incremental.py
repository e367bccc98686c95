"""A run names the facts of its letters and rebuilds figures and checks for the periods they
touched only; what it leaves must be what a full rebuild from every fact gives, through new letters, new copies of letters
already loaded (which change the letter_key their copies share) and letters ingested again."""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb

from chiso.flows.limits import RunLimits
from chiso.flows.pipeline import ingest
from chiso.warehouse.checks import run_checks
from chiso.warehouse.names import name_facts
from chiso.warehouse.reconcile import rebuild_figures

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def _state(con: duckdb.DuckDBPyConnection) -> tuple[list[str], list[str], list[tuple]]:
    """Figures and checks as sorted lists of their rows' reprs (a list column defeats ORDER BY
    ALL); sums rounded, since parallel aggregation adds in any order (54.0 and 54.00000000000001);
    the names written onto the facts."""
    return (sorted(map(repr, con.execute("SELECT * FROM core_figures").fetchall())),
            sorted(map(repr, con.execute("SELECT * EXCLUDE (fact_refs, expected, found), round(expected, 6), round(found, 6), "
                                         "list_sort(fact_refs) FROM core_checks").fetchall())),
            con.execute("SELECT doc_id, seq, unit_level, province_id, unit_name, province_name FROM core_facts ORDER BY ALL").fetchall())


def _rebuilt_in_full(con: duckdb.DuckDBPyConnection) -> tuple[list[str], list[str], list[tuple]]:
    assert con.execute("SELECT (SELECT count(*) FROM core_stale_periods) + (SELECT count(*) FROM core_stale_letters)").fetchone() == (0,)
    con.execute("UPDATE core_facts SET unit_level = NULL, province_id = NULL, unit_name = NULL, province_name = NULL")
    name_facts(con)
    rebuild_figures(con)
    run_checks(con)
    return _state(con)


def test_rebuilding_the_touched_periods_equals_rebuilding_everything(tmp_path, registry):
    db = tmp_path / "w.duckdb"
    texts, pages = sorted(SAMPLES.glob("0*.txt")), sorted((SAMPLES / "html").glob("0*.html"))
    ingest(texts[:2], db, registry)
    ingest([*texts[2:], *pages[:2]], db, registry)  # the HTML copies of the first two letters
    ingest([texts[0], *pages[2:]], db, registry)
    con = duckdb.connect(str(db))
    try:
        incremental = _state(con)
        assert _rebuilt_in_full(con) == incremental
        assert len(incremental[0]) > 500
    finally:
        con.close()


def test_each_run_records_the_seconds_of_its_post_load_step(tmp_path, registry):
    """The step's share of each real run (nightly included) can be read from `runs`."""
    db = tmp_path / "w.duckdb"
    texts = sorted(SAMPLES.glob("0*.txt"))
    ingest(texts[:2], db, registry)
    ingest(texts[2:], db, registry)
    con = duckdb.connect(str(db), read_only=True)
    try:
        runs = con.execute("SELECT post_load_seconds, epoch(finished_at - started_at) FROM runs").fetchall()
    finally:
        con.close()
    assert len(runs) == 2 and all(0 < step < run for step, run in runs)


def test_a_previous_period_loaded_later_redoes_the_next_periods_printed_change(tmp_path, registry):
    """Bắc Giang's 2023 letter prints its change from 2022; the 2022 letter comes in a later run."""
    db = tmp_path / "w.duckdb"
    ingest([SAMPLES / "real" / "bac-giang_par_index_sipas_2023.txt"], db, registry)
    ingest([SAMPLES / "real" / "bac-giang_par_index_2022.txt"], db, registry)
    con = duckdb.connect(str(db))
    try:
        incremental = _state(con)
        assert any("delta_vs_previous" in row for row in incremental[1])
        assert _rebuilt_in_full(con) == incremental
    finally:
        con.close()


def _tune_passages() -> list[Path]:
    """The real corpus's tune part (samples/real/manifest.csv); the holdout part is never read."""
    with (SAMPLES / "real" / "manifest.csv").open(encoding="utf-8") as handle:
        return sorted(SAMPLES / "real" / row["file"] for row in csv.DictReader(handle) if row["split"] == "tune")


def test_runs_over_the_real_tune_passages_equal_rebuilding_everything(tmp_path, registry):
    """The relayed texts name many units each, ministries among them: run by run (a third at a
    time, then a third again, as a reprocess would), what the post-load step left is what a full
    rebuild gives, row for row."""
    db = tmp_path / "w.duckdb"
    passages = _tune_passages()
    assert len(passages) > 20
    third = len(passages) // 3
    for run in (passages[:third], passages[third:2 * third], passages[2 * third:], passages[:third]):
        ingest(run, db, registry, limits=RunLimits(workers=0))
    con = duckdb.connect(str(db))
    try:
        incremental = _state(con)
        assert len(incremental[0]) > 100 and len(incremental[1]) > 10
        assert _rebuilt_in_full(con) == incremental
    finally:
        con.close()
