"""Fault injection: one good letter beside one bad input, ingested by the real command line.

Each case asserts what issue 13 asks of every fault: the run exits 0, the good letter's facts
are all loaded, the bad input is one `rejects` row naming its error or limit, and the next
(clean) run leaves a warehouse equal to a clean run's. No case is timed: each is bounded by
the limits it exercises (a timeout case by `--doc-timeout`), and the time and peak memory of
every case are printed in the summary (`conftest.py`), measured by the operating system
(`/usr/bin/time`: the largest of the command and the worker processes it reaped).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from bad_files import BAD_INPUTS, GOOD_LETTER, SAMPLES, non_utf8_name
from conftest import SEEDS, fact_rows, record_fault_case as record
from chiso.flows.cli import print_summary
from chiso.flows.limits import RunLimits
from chiso.flows.pipeline import Summary, ingest
from chiso.normalize.fact import Rejection
from chiso.normalize.registry import load_registry

ROOT = Path(__file__).resolve().parents[2]
TIME = Path("/usr/bin/time")
# Small versions of the inputs: 20 MB operator streams instead of 400 MB, a page tree
# and nesting still far past their limits. Sizes that are refused by their size are kept.
SCALE = 0.05
FACT_COLUMNS = "source_name, doc_id, unit_id, indicator, measure, value, period_start, raw_text"


def ingest_cli(case: str, folder: Path, db: Path, *options: str) -> tuple[int, str]:
    """`chiso ingest` in a child process; its wall time and peak RSS go to the table. The
    command runs under /usr/bin/time when there is one: a child forked from this test
    process would inherit its high-water mark, one forked from `time` starts small."""
    out_path, usage_path = db.with_suffix(".out"), db.with_suffix(".rss")
    command = [sys.executable, "-m", "chiso.flows.cli", "ingest", str(folder), "--db", str(db), *options]
    if TIME.exists():
        command = [str(TIME), "-f", "%M", "-o", str(usage_path), *command]
    started = time.monotonic()
    with out_path.open("wb") as out:
        process = subprocess.run(command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, env={**os.environ, "COLUMNS": "200"})
    peak_kb = int(usage_path.read_text().split()[-1]) if usage_path.exists() else 0
    record(case, time.monotonic() - started, peak_kb / 1024)
    return process.returncode, out_path.read_text(encoding="utf-8", errors="replace")


def rejects(db: Path) -> dict[str, str]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return dict(con.execute("SELECT source_name, reason FROM rejects WHERE stage = 'read'").fetchall())
    finally:
        con.close()


@pytest.fixture(scope="module")
def clean(tmp_path_factory) -> Path:
    """The warehouse of a clean run: the good letter alone."""
    folder = tmp_path_factory.mktemp("clean")
    shutil.copy(GOOD_LETTER, folder)
    db = folder / "clean.duckdb"
    rc, out = ingest_cli("clean run (good letter alone)", folder, db)
    assert rc == 0, out
    return db


def check_good_letter_and_next_run(clean: Path, db: Path, tmp_path: Path) -> None:
    """The good letter's facts are all there, and a clean run after the faulty one (in this
    process, which has imported everything already) leaves the same facts as a clean run."""
    good = f"source_name = '{GOOD_LETTER.name}'"
    assert fact_rows(db, FACT_COLUMNS, good) == fact_rows(clean, FACT_COLUMNS, good)
    again = tmp_path / "again"
    again.mkdir()
    shutil.copy(GOOD_LETTER, again)
    ingest([again], db, load_registry(), limits=RunLimits(workers=0))
    assert fact_rows(db, FACT_COLUMNS) == fact_rows(clean, FACT_COLUMNS)


@pytest.mark.parametrize("case", list(BAD_INPUTS))
def test_a_bad_input_costs_only_itself(case, clean, tmp_path):
    maker, limit = BAD_INPUTS[case]
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(GOOD_LETTER, folder)
    name = maker(folder, SCALE)
    db = tmp_path / "w.duckdb"
    rc, out = ingest_cli(case, folder, db)
    assert rc == 0, out
    reasons = rejects(db)
    assert list(reasons) == [name], out
    assert limit in reasons[name]
    assert name in out  # the summary names it, as plain text
    check_good_letter_and_next_run(clean, db, tmp_path)


def test_every_bad_input_in_one_run(clean, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(GOOD_LETTER, folder)
    names = {maker(folder, SCALE): limit for maker, limit in BAD_INPUTS.values()}
    db = tmp_path / "w.duckdb"
    rc, out = ingest_cli("all bad inputs in one run", folder, db)
    assert rc == 0, out
    reasons = rejects(db)
    assert reasons.keys() == names.keys()
    assert all(limit in reasons[name] for name, limit in names.items())
    check_good_letter_and_next_run(clean, db, tmp_path)


def test_a_document_over_its_time_is_stopped_and_the_run_goes_on(clean, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(GOOD_LETTER, folder)
    shutil.copy(SAMPLES / "scans" / "002_8b158e9477e47ea4.jpg", folder)  # OCR takes seconds
    db = tmp_path / "w.duckdb"
    rc, out = ingest_cli("doc_timeout_s = 1 on a scan", folder, db, "--doc-timeout", "1")
    assert rc == 0, out
    assert "over the limit doc_timeout_s = 1" in rejects(db)["002_8b158e9477e47ea4.jpg"]
    check_good_letter_and_next_run(clean, db, tmp_path)


def test_a_document_over_its_memory_is_refused_and_the_run_goes_on(clean, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(GOOD_LETTER, folder)
    shutil.copy(SAMPLES / "scans" / "000_44dc49058ad32f91.tiff", folder)
    db = tmp_path / "w.duckdb"
    rc, out = ingest_cli("max_memory_mb = 400 on a scan", folder, db, "--max-memory-mb", "400")
    assert rc == 0, out
    assert "max_memory_mb = 400" in rejects(db)["000_44dc49058ad32f91.tiff"]
    check_good_letter_and_next_run(clean, db, tmp_path)


def test_a_name_that_is_not_utf8_is_stored_escaped(clean, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(GOOD_LETTER, folder)
    name = non_utf8_name(folder, SCALE, SEEDS[1])
    db = tmp_path / "w.duckdb"
    rc, out = ingest_cli("file name not UTF-8", folder, db)
    assert rc == 0, out
    assert {row[0] for row in fact_rows(db, "source_name")} == {GOOD_LETTER.name, "f_c\\xf4ng_v\\xe3n_\\xff.txt"}
    assert name.encode("utf-8", "surrogateescape") == b"f_c\xf4ng_v\xe3n_\xff.txt"


def test_special_files_links_out_and_unlisted_folders_are_reported_not_followed(clean, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(GOOD_LETTER, folder)
    os.mkfifo(folder / "pipe.txt")
    outside = tmp_path / "outside.txt"
    shutil.copy(SEEDS[1], outside)
    (folder / "link_out.txt").symlink_to(outside)
    (folder / "link_dir").symlink_to(tmp_path, target_is_directory=True)
    db = tmp_path / "w.duckdb"
    rc, out = ingest_cli("FIFO, link out, link to a folder", folder, db)
    assert rc == 0, out
    reasons = rejects(db)
    assert reasons["pipe.txt"].startswith("not a regular file")
    assert "outside the folders given: not followed" in reasons["link_out.txt"]
    assert "links to folders are not followed" in reasons["link_dir"]
    check_good_letter_and_next_run(clean, db, tmp_path)


def test_markup_in_a_name_or_reason_is_printed_as_text(clean, tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(GOOD_LETTER, folder)
    (folder / "[bold]junk.txt").write_bytes(b"\x00\x01\x02" * 400)
    db = tmp_path / "w.duckdb"
    rc, out = ingest_cli("Rich markup in a file name", folder, db)
    assert rc == 0, out
    assert "[bold]junk.txt" in out
    summary = Summary(rejected=[Rejection("http://127.0.0.1/[/x]", None, "fetch", "HTTP 404 at [/x]")])
    print_summary(summary, tmp_path / "[/w].duckdb")  # Rich would raise MarkupError on `[/x]`


def test_two_files_of_one_name_in_two_folders_are_two_rejects(clean, tmp_path):
    folder = tmp_path / "in"
    for sub in ("a", "b"):
        (folder / sub).mkdir(parents=True)
        (folder / sub / "cong-van.txt").write_bytes(b"\x00\x01" * (300 if sub == "a" else 400))
    shutil.copy(GOOD_LETTER, folder)
    db = tmp_path / "w.duckdb"
    ingest([folder], db, load_registry(), limits=RunLimits(workers=0))
    assert set(rejects(db)) == {"a/cong-van.txt", "b/cong-van.txt"}
    check_good_letter_and_next_run(clean, db, tmp_path)
