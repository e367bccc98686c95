"""A warehouse no session can break: an analyst's read-write session on the published file is
refused with its process named (a publish would drop its writes), and the write-ahead log a
killed session leaves is folded in before a run copies the file."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from bad_files import GOOD_LETTER
from conftest import fact_rows
from chiso.flows.limits import RunLimits
from chiso.flows.pipeline import ingest
from chiso.normalize.registry import load_registry
from chiso.warehouse.publish import WarehouseBusy

# An analyst's session: opens the warehouse read-write, adds a note table, says so, then waits.
_SESSION = """
import sys, duckdb
con = duckdb.connect(sys.argv[1])
con.execute("PRAGMA disable_checkpoint_on_shutdown")
con.execute("SET wal_autocheckpoint = '1GB'")
con.execute("CREATE TABLE analyst_notes AS SELECT 'keep me' AS note")
print("ready", flush=True)
sys.stdin.read()
"""


def _session(db: Path) -> subprocess.Popen[str]:
    process = subprocess.Popen([sys.executable, "-c", _SESSION, str(db)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None and process.stdout.readline().strip() == "ready"
    return process


@pytest.fixture()
def published(tmp_path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(GOOD_LETTER, folder)
    db = tmp_path / "w.duckdb"
    ingest([folder], db, load_registry(), limits=RunLimits(workers=0))
    return db


def test_a_read_write_session_is_named_and_the_run_refused(published, tmp_path):
    session = _session(published)
    try:
        with pytest.raises(WarehouseBusy) as refused:
            ingest([GOOD_LETTER], published, load_registry(), limits=RunLimits(workers=0))
    finally:
        session.kill()
        session.wait()
    assert f"PID {session.pid}" in str(refused.value) and "read-only" in str(refused.value)
    assert not list(tmp_path.glob(".w.duckdb.building*"))


def test_the_log_of_a_killed_session_is_folded_in_before_the_run(published):
    session = _session(published)
    session.send_signal(signal.SIGKILL)
    session.wait()
    assert published.with_name(published.name + ".wal").exists()
    ingest([GOOD_LETTER], published, load_registry(), limits=RunLimits(workers=0))
    assert not published.with_name(published.name + ".wal").exists()
    con = duckdb.connect(str(published), read_only=True)
    try:
        assert con.execute("SELECT note FROM analyst_notes").fetchall() == [("keep me",)]
    finally:
        con.close()
    assert fact_rows(published, "count(*)") == {(240,)}
