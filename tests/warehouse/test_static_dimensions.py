"""The catalogue and the static dimensions (measures, PAR INDEX / SIPAS structures, maxima) are
written into a warehouse when they differ from what it last got, not on every run; a changed
catalogue is written and has every figure and check rebuilt, since checks compare against its
maxima."""

from __future__ import annotations

import dataclasses

from chiso.normalize.indicators import catalogue
from chiso.warehouse.load import load_dimensions, load_indicators, open_warehouse


def _stale_everything(con) -> bool:
    return con.execute("SELECT EXISTS (FROM core_stale_periods WHERE unit_id = '*')").fetchone()[0]


def test_an_unchanged_catalogue_is_not_written_again_and_a_changed_one_is(tmp_path):
    con = open_warehouse(tmp_path / "w.duckdb")
    load_indicators(con, catalogue())
    load_dimensions(con)
    con.execute("DELETE FROM core_stale_periods")
    # A row edited by hand shows whether the next run rewrote the table.
    edited = (con.execute("UPDATE core_indicators SET label = 'edited' WHERE indicator = 'total'").fetchone(),
              con.execute("UPDATE core_measures SET label_en = 'edited' WHERE measure = 'score'").fetchone())
    assert edited[0][0] > 0 and edited[1] == (1,)

    load_indicators(con, catalogue())
    load_dimensions(con)
    assert con.execute("SELECT count(*) FROM core_indicators WHERE label = 'edited'").fetchone() == edited[0]
    assert con.execute("SELECT count(*) FROM core_measures WHERE label_en = 'edited'").fetchone() == edited[1]
    assert not _stale_everything(con)

    changed = tuple(dataclasses.replace(i, max_score=(i.max_score or 0) + 1) if i.key == "total" else i for i in catalogue())
    load_indicators(con, changed)
    assert con.execute("SELECT count(*) FROM core_indicators WHERE label = 'edited'").fetchone() == (0,)
    assert _stale_everything(con)
