"""Analysts keep the warehouse open while runs load; a killed run leaves it as it was.

Both tests use real second processes: an analyst process holding a read-only connection, and
a `chiso ingest` process killed with SIGKILL while it loads.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from conftest import SAMPLES, SEEDS
from chiso.flows.pipeline import ingest
from chiso.warehouse.publish import staging_path

ANALYST = """
import duckdb, json, os, sys, time
db, ready, stop, out = sys.argv[1:]
held = duckdb.connect(db, read_only=True)
open(ready, "w").close()
seen, queries = set(), 0
while not os.path.exists(stop):
    fresh = duckdb.connect(db, read_only=True)
    for con in (held, fresh):
        for doc_id, n in con.execute("SELECT l.doc_id, count(f.doc_id) FROM core_letters l "
                                     "LEFT JOIN core_facts f USING (doc_id) GROUP BY 1").fetchall():
            seen.add((doc_id, n))
        queries += 1
    fresh.close()
    time.sleep(0.01)
json.dump({"seen": sorted(seen), "queries": queries}, open(out, "w"))
"""


def _counts(db: Path) -> dict[str, int]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return dict(con.execute("SELECT l.doc_id, count(f.doc_id) FROM core_letters l LEFT JOIN core_facts f USING (doc_id) "
                                "GROUP BY 1").fetchall())
    finally:
        con.close()


def _wait_for(path: Path, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not path.exists():
        if time.monotonic() > deadline:
            raise AssertionError(f"{path} never appeared")
        time.sleep(0.002)


@pytest.fixture()
def seeded(tmp_path, registry) -> Path:
    db = tmp_path / "w.duckdb"
    ingest(SEEDS, db, registry)
    return db


def test_an_analyst_reading_during_a_run_never_blocks_it_nor_sees_half_a_letter(seeded, tmp_path, registry):
    ready, stop, out = tmp_path / "ready", tmp_path / "stop", tmp_path / "seen.json"
    analyst = subprocess.Popen([sys.executable, "-c", ANALYST, str(seeded), str(ready), str(stop), str(out)])
    try:
        _wait_for(ready)
        summary = ingest([SAMPLES / "html", SAMPLES / "pdf", *SEEDS], seeded, registry)
    finally:
        stop.touch()
        analyst.wait(60)
    assert analyst.returncode == 0 and summary.documents == 12
    final = _counts(seeded)
    report = json.loads(out.read_text())
    assert report["queries"] > 2
    # every letter the analyst saw, at any moment, had all of its facts
    assert all(final[doc_id] == n for doc_id, n in report["seen"])


def test_a_run_killed_while_loading_leaves_the_warehouse_as_it_was(seeded, tmp_path):
    before = _counts(seeded)
    chiso = Path(sys.executable).with_name("chiso")
    command = [str(chiso), "ingest", str(SAMPLES / "pdf"), str(SAMPLES / "html"), "--db", str(seeded)]
    staging = staging_path(seeded)
    run = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _wait_for(staging.with_name(staging.name + ".wal"))  # the run's copy is being written
    os.kill(run.pid, signal.SIGKILL)
    run.wait(30)
    assert run.returncode == -signal.SIGKILL
    assert _counts(seeded) == before
    done = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    after = _counts(seeded)
    assert len(after) == len(before) + 7 and all(after[d] == n for d, n in before.items())
    assert not staging.exists()
