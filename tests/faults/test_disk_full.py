"""A disk that fills up while a run loads or publishes: the run fails with a clear message,
leaves no copy, log or temporary file behind, and the published warehouse is as it was. The
disk is a 64 MB tmpfs filled to the edge (skipped where this process may not mount one)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import SEEDS, fact_rows
from chiso.flows.limits import RunLimits
from chiso.flows.pipeline import ingest
from chiso.normalize.registry import load_registry

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture()
def small_disk(tmp_path) -> Iterator[Path]:
    disk = tmp_path / "disk"
    disk.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", str(disk)], capture_output=True).returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    try:
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


def _fill(disk: Path, leave_bytes: int) -> None:
    """Fill the disk so that `leave_bytes` stay free."""
    free = shutil.disk_usage(disk).free - leave_bytes
    with (disk / "filler").open("wb") as handle:
        while free > 0:
            handle.write(b"\0" * min(free, 1 << 20))
            free -= 1 << 20


# Free space left: less than the warehouse (its copy fails), or the copy and a little more
# (loading the seeds or the CHECKPOINT before publishing fails).
@pytest.mark.parametrize("leave", [-500_000, 100_000, 1_500_000], ids=["copy-fails", "load-fails", "checkpoint-fails"])
def test_a_full_disk_fails_the_run_cleanly(small_disk, tmp_path, leave):
    db = small_disk / "w.duckdb"
    ingest([SEEDS[0]], db, load_registry(), limits=RunLimits(workers=0))
    before = fact_rows(db, "doc_id, indicator, measure, value")
    _fill(small_disk, db.stat().st_size + leave)
    folder = tmp_path / "in"
    folder.mkdir()
    for seed in SEEDS:
        shutil.copy(seed, folder)
    run = subprocess.run([sys.executable, "-m", "chiso.flows.cli", "ingest", str(folder), "--db", str(db), "--workers", "0",
                          "--archive", str(tmp_path / "archive")], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 1, run.stdout + run.stderr
    assert "run failed, nothing published" in run.stderr and "Traceback" not in run.stderr
    assert sorted(p.name for p in small_disk.iterdir()) == [".w.duckdb.lock", "filler", "w.duckdb"]
    assert fact_rows(db, "doc_id, indicator, measure, value") == before
