"""A run rebuilds figures and checks for the units its letters touched only; what it leaves
must be what a full rebuild from every fact gives, through new letters, new copies of letters
already loaded (which change the letter_key their copies share) and letters ingested again."""

from __future__ import annotations

from pathlib import Path

import duckdb

from flows.pipeline import ingest
from warehouse.checks import run_checks
from warehouse.reconcile import rebuild_figures

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def _state(con: duckdb.DuckDBPyConnection) -> tuple[list[str], list[str]]:
    """Figures and checks as sorted lists of their rows' reprs (a list column defeats ORDER BY
    ALL); sums rounded, since parallel aggregation adds in any order (54.0 and 54.00000000000001)."""
    return (sorted(map(repr, con.execute("SELECT * FROM core_figures").fetchall())),
            sorted(map(repr, con.execute("SELECT * EXCLUDE (fact_refs, expected, found), round(expected, 6), round(found, 6), "
                                         "list_sort(fact_refs) FROM core_checks").fetchall())))


def test_rebuilding_the_touched_units_equals_rebuilding_everything(tmp_path, registry):
    db = tmp_path / "w.duckdb"
    texts, pages = sorted(SAMPLES.glob("0*.txt")), sorted((SAMPLES / "html").glob("0*.html"))
    ingest(texts[:2], db, registry)
    ingest([*texts[2:], *pages[:2]], db, registry)  # the HTML copies of the first two letters
    ingest([texts[0], *pages[2:]], db, registry)
    con = duckdb.connect(str(db))
    try:
        incremental = _state(con)
        assert con.execute("SELECT count(*) FROM core_stale_units").fetchone() == (0,)
        rebuild_figures(con)
        run_checks(con)
        full = _state(con)
        assert full == incremental
        assert len(incremental[0]) > 500
    finally:
        con.close()
