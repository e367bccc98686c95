"""The Prefect flow loads exactly what the plain pipeline loads."""

from __future__ import annotations

import duckdb

from conftest import SEEDS
from flows.ingest import ingest_flow
from flows.pipeline import ingest


def _rows(db):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return sorted(con.execute("SELECT doc_id, indicator, measure, value, unit_id, label FROM facts").fetchall(), key=repr)
    finally:
        con.close()


def test_flow_matches_the_pipeline(prefect, tmp_path, registry):
    (tmp_path / "empty.txt").write_bytes(b"")
    summary = ingest_flow([*SEEDS, tmp_path / "empty.txt"], tmp_path / "flow.duckdb")
    ingest(SEEDS, tmp_path / "plain.duckdb", registry)
    assert _rows(tmp_path / "flow.duckdb") == _rows(tmp_path / "plain.duckdb")
    assert summary.documents == 5 and [r.reason for r in summary.rejected] == ["empty file"]
