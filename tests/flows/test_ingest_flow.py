"""The Prefect ingest flow loads exactly what the plain pipeline loads, from the CLI too."""

from __future__ import annotations

import duckdb
from typer.testing import CliRunner

from conftest import SEEDS
from chiso.flows.archive import RawArchive
from chiso.flows.cli import app
from chiso.flows.pipeline import ingest
from chiso.flows.scheduled import ingest_flow


def _rows(db):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return sorted(con.execute("SELECT doc_id, indicator, measure, value, unit_id, label FROM facts").fetchall(), key=repr)
    finally:
        con.close()


def test_flow_matches_the_pipeline(prefect, tmp_path, registry):
    (tmp_path / "empty.txt").write_bytes(b"")
    summary = ingest_flow([*SEEDS, tmp_path / "empty.txt"], tmp_path / "flow.duckdb", tmp_path / "archive")
    ingest(SEEDS, tmp_path / "plain.duckdb", registry)
    assert _rows(tmp_path / "flow.duckdb") == _rows(tmp_path / "plain.duckdb")
    assert summary.documents == 5 and [r.reason for r in summary.rejected] == ["empty file"]
    assert len(RawArchive(tmp_path / "archive").documents()) == 6


def test_the_cli_runs_an_ingest_as_a_prefect_flow_run_when_asked(prefect, tmp_path):
    db = tmp_path / "cli.duckdb"
    result = CliRunner().invoke(app, ["ingest", str(SEEDS[0]), "--db", str(db), "--prefect"])
    assert result.exit_code == 0, result.output
    con = duckdb.connect(str(db), read_only=True)
    try:
        flow, flow_run_id, facts = con.execute("SELECT flow, prefect_flow_run_id, facts_added FROM runs").fetchone()
    finally:
        con.close()
    assert (flow, facts) == ("ingest", 240) and flow_run_id is not None
