"""The nightly and backfill flows against a real portal on 127.0.0.1 (tests/flows/letter_site.py):
letters as HTML pages, a text PDF and a scan behind an index page, and sources that fail."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from conftest import SAMPLES
from chiso.flows.archive import RawArchive
from chiso.flows.pipeline import ingest
from chiso.flows.runs import backfill
from chiso.flows.scheduled import backfill_flow, nightly_deployment, nightly_flow
from letter_site import LetterSite, index_page

LETTERS = {
    "/letters/000.html": (SAMPLES / "html" / "000_44dc49058ad32f91.html", "text/html; charset=utf-8"),
    "/letters/004.html": (SAMPLES / "html" / "004_4fe8e530b83874ca.html", "text/html; charset=utf-8"),
    "/files/002.pdf": (SAMPLES / "pdf" / "002_8b158e9477e47ea4.pdf", "application/pdf"),
    "/files/002-scan.jpg": (SAMPLES / "scans" / "002_8b158e9477e47ea4.jpg", "image/jpeg"),
}


def _config(site: LetterSite, folder: Path) -> Path:
    config = folder / "sources.toml"
    config.write_text(f"""
[fetch]
allowed_hosts = ["127.0.0.1"]
timeout_s = 0.5
retries = 1
backoff_s = 0.05
delay_s = 0

[[source]]
name = "portal"
province = "Thừa Thiên Huế"
kind = "index"
url = "{site.base}/van-ban/index.html"

[[source]]
name = "attachments"
province = "Hà Nội"
kind = "urls"
urls = ["{site.base}/broken/thong-bao.pdf", "{site.base}/slow/cong-van.pdf"]
""", encoding="utf-8")
    return config


def _facts(db: Path) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return sorted(con.execute("SELECT doc_id, unit_id, indicator, measure, value, period_start, page, line_no, row_no, raw_text "
                                  "FROM facts").fetchall(), key=repr)
    finally:
        con.close()


@pytest.fixture(scope="module")
def portal(tmp_path_factory, prefect):
    """Two nightly flow runs against the portal: what each returned and what the server saw."""
    folder = tmp_path_factory.mktemp("nightly")
    site = LetterSite(pages={path: (file.read_bytes(), kind) for path, (file, kind) in LETTERS.items()})
    site.pages["/van-ban/index.html"] = (index_page({
        "Công văn về kết quả Bộ Chỉ số phục vụ người dân tháng 12/2024": "/letters/000.html",
        "Nâng cao Bộ Chỉ số phục vụ người dân và doanh nghiệp năm 2023": "../letters/004.html",
        "Tệp đính kèm": "/files/002.pdf",
        "Bản scan": "/files/002-scan.jpg#page=1",
    }), "text/html; charset=utf-8")
    site.start()
    config, db, archive, cache = _config(site, folder), folder / "w.duckdb", folder / "archive", folder / "ocr"
    first = nightly_flow(config, db, archive, cache)
    first_log = len(site.log)
    second = nightly_flow(config, db, archive, cache)
    yield dict(site=site, db=db, archive=archive, cache=cache, first=first, second=second, second_log=site.log[first_log:],
               folder=folder)
    site.stop()


def test_nightly_loads_every_letter_behind_the_index_and_records_failing_sources(portal, tmp_path, registry):
    first = portal["first"]
    assert (first.documents, first.unchanged, first.failed) == (4, 0, 2)
    reasons = sorted(r.reason for r in first.rejected)
    assert reasons == ["HTTP 500 after 2 attempts", "timed out after 0.5 s after 2 attempts"]
    plain = tmp_path / "plain.duckdb"
    ingest([file for file, _ in LETTERS.values()], plain, registry)
    strip = lambda rows: sorted((r[0], r[1], r[2], r[3], r[4], r[5]) for r in rows)  # noqa: E731
    assert strip(_facts(portal["db"])) == strip(_facts(plain))
    assert len(RawArchive(portal["archive"]).documents()) == 4


def test_the_runs_view_records_both_nightlies(portal):
    con = duckdb.connect(str(portal["db"]), read_only=True)
    try:
        runs = con.execute("SELECT flow, documents_new, documents_unchanged, documents_failed, facts_added, rejected, reasons, "
                           "prefect_flow_run_id FROM runs ORDER BY started_at").fetchall()
        fetch_rejects = con.execute("SELECT count(*) FROM rejects WHERE stage = 'fetch'").fetchone()[0]
        sources = {r[0] for r in con.execute("SELECT DISTINCT source_name FROM facts").fetchall()}
    finally:
        con.close()
    assert [r[:6] for r in runs] == [("nightly", 4, 0, 2, portal["first"].facts, 2), ("nightly", 0, 4, 2, 0, 2)]
    assert {json.loads(runs[0][6])[0]["stage"]} == {"fetch"} and all(r[7] for r in runs)
    assert fetch_rejects == 2
    assert sources == {portal["site"].base + path for path in LETTERS}  # fetched letters are known by URL


def test_a_second_nightly_downloads_nothing_the_server_says_is_unchanged(portal):
    second = portal["second"]
    assert (second.documents, second.unchanged, second.facts) == (0, 4, 0)
    letters = [r for r in portal["second_log"] if r.path.startswith(("/letters", "/files"))]
    assert len(letters) == 4
    assert all(r.status == 304 and r.headers.get("if-none-match") for r in letters)


def test_backfill_twice_from_the_archive_without_the_network(portal, monkeypatch, registry):
    db, archive, cache = portal["db"], portal["archive"], portal["cache"]
    before = _facts(db)
    portal["site"].stop()
    requests = len(portal["site"].log)

    def no_network(*args, **kwargs):
        raise AssertionError("backfill opened a network connection")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    once = backfill("2024-04", db, archive, registry, ocr_cache=cache)
    after_once = _facts(db)
    twice = backfill("2024-04", db, archive, registry, ocr_cache=cache)
    monkeypatch.undo()
    assert (once.documents, once.failed, twice.documents, twice.failed) == (2, 0, 2, 0)
    assert once.facts_replaced == once.facts == twice.facts_replaced > 0
    assert before == after_once == _facts(db)
    assert len(portal["site"].log) == requests


def test_the_backfill_flow_replaces_exactly_the_months_facts(portal):
    before = _facts(portal["db"])
    summary = backfill_flow("2022-01", portal["db"], portal["archive"], portal["cache"])
    assert summary.documents == 1 and summary.facts == summary.facts_replaced
    assert _facts(portal["db"]) == before


def test_the_cli_shows_the_runs(portal):
    chiso = Path(sys.executable).with_name("chiso")
    done = subprocess.run([str(chiso), "runs", "--db", str(portal["db"])], capture_output=True, text=True, timeout=60,
                          env={**os.environ, "COLUMNS": "200"})
    assert done.returncode == 0
    assert done.stdout.count("nightly") == 2 and done.stdout.count("backfill") == 3


def test_the_cli_backfills_a_month_and_refuses_a_malformed_one(portal):
    chiso, before = Path(sys.executable).with_name("chiso"), _facts(portal["db"])
    paths = ["--db", str(portal["db"]), "--archive", str(portal["archive"]), "--ocr-cache", str(portal["cache"])]
    done = subprocess.run([str(chiso), "backfill", "--month", "2022-01", *paths], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "backfill: 1 documents loaded" in " ".join(done.stderr.split())
    assert _facts(portal["db"]) == before
    refused = subprocess.run([str(chiso), "backfill", "--month", "2022-1", *paths], capture_output=True, text=True, timeout=60)
    assert refused.returncode == 2 and "YYYY-MM" in refused.stderr


def test_the_served_deployment_runs_nightly_on_its_cron_with_parameters_prefect_accepts(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    deployment = nightly_deployment(Path("sources.toml"), Path("w.duckdb"), Path("archive"), None,
                                    cron="30 1 * * *", timezone="Asia/Ho_Chi_Minh")
    (schedule,) = deployment.schedules
    assert (schedule.schedule.cron, schedule.schedule.timezone) == ("30 1 * * *", "Asia/Ho_Chi_Minh")
    # What Prefect does with the stored parameters when a scheduled run starts, in another folder.
    parameters = nightly_flow.validate_parameters(deployment.parameters)
    assert parameters["db_path"] == tmp_path / "w.duckdb" and parameters["config_path"].is_absolute()
    assert parameters["ocr_cache"] is None
