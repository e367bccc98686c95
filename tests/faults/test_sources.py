"""Fault injection on the nightly: a portal on 127.0.0.1 (tests/flows/letter_site.py) whose
index holds one malformed link, a slow drip, a body shorter than its Content-Length and a PDF
longer than it beside good letters,
and sources files with the mistakes issue 13 found. Bounded by the sources' own timeout_s."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "flows"))

from conftest import SAMPLES, fact_rows  # noqa: E402
from chiso.flows.runs import nightly  # noqa: E402
from chiso.flows.sources import SourcesError, parse_sources  # noqa: E402
from letter_site import LetterSite, index_page  # noqa: E402

GOOD = {"/letters/000.html": SAMPLES / "html" / "000_44dc49058ad32f91.html",
        "/letters/004.html": SAMPLES / "html" / "004_4fe8e530b83874ca.html"}


def test_a_nightly_loads_every_good_letter_and_records_each_fault(tmp_path, registry):
    site = LetterSite(pages={path: (file.read_bytes(), "text/html; charset=utf-8") for path, file in GOOD.items()}).start()
    site.pages["/files/short.pdf"] = ((SAMPLES / "pdf" / "002_8b158e9477e47ea4.pdf").read_bytes(), "application/pdf")
    try:
        site.pages["/van-ban/index.html"] = (index_page({
            "Bộ Chỉ số phục vụ người dân tháng 12/2024": "/letters/000.html",
            "Bộ Chỉ số phục vụ người dân năm 2023": "/letters/004.html",
            "Bộ Chỉ số phục vụ người dân (hỏng)": "http://127.0.0.1:abc/letters/x.html",
            "Bộ Chỉ số phục vụ người dân (chậm)": "/drip/cham.txt",
            "Bộ Chỉ số phục vụ người dân (thiếu)": "/liar/thieu.txt",
            "Bộ Chỉ số phục vụ người dân (cắt)": "/short/cat.pdf",
        }), "text/html; charset=utf-8")
        config = parse_sources(f"""
[fetch]
allowed_hosts = ["127.0.0.1"]
timeout_s = 1
retries = 0
delay_s = 0

[[source]]
name = "portal"
kind = "index"
url = "{site.base}/van-ban/index.html"

[[source]]
name = "missing-inbox"
kind = "inbox"
path = "no-such-folder"

[[source]]
name = "inbox"
kind = "inbox"
path = "inbox"
""", tmp_path)
        (tmp_path / "inbox").mkdir()
        (tmp_path / "secret.txt").write_text("không phải thư", encoding="utf-8")
        (tmp_path / "inbox" / "link.txt").symlink_to(tmp_path / "secret.txt")
        db = tmp_path / "w.duckdb"
        summary = nightly(config, db, tmp_path / "archive", registry, ocr_cache=tmp_path / "ocr")
    finally:
        site.stop()
    assert summary.documents == 2
    assert {row[0] for row in fact_rows(db, "source_name")} == {f"{site.base}{path}" for path in GOOD}
    reasons = {r.source_name.rsplit("/", 1)[-1]: r.reason for r in summary.rejected}
    assert reasons["x.html"].startswith("invalid URL")
    assert reasons["cham.txt"].startswith("not received within timeout_s = 1 s")
    assert "thieu.txt" in reasons
    assert reasons["cat.pdf"].startswith("truncated: a PDF")
    assert reasons["no-such-folder"].startswith("inbox folder missing")
    assert reasons["link.txt"].endswith("outside the inbox: not followed")


@pytest.mark.parametrize(("text", "message"), [
    ('[fetch]\nallowed_hosts = "gov.vn"\n', "allowed_hosts must be a list of host names"),
    ('[fetch]\nallowed_hosts = ["gov vn"]\n', "is not a host name"),
    ("fetch = 5\n", "[fetch] must be a table"),
    ('[source]\nname = "a"\nkind = "inbox"\npath = "x"\n', "write each one under [[source]]"),
    ("[fetch]\ndelay_s = 1e9\n", "delay_s must be between"),
    ("[fetch]\nretries = -1\n", "retries must be between"),
    ('[fetch]\ntimeout_s = "3"\n', "timeout_s must be a number"),
    ('[limits]\ndoc_timeout_s = 0\n', "doc_timeout_s must be between"),
    ('[limits]\nmax_lines = 5\n', "unknown limit 'max_lines'"),
])
def test_a_wrong_sources_file_is_a_clear_error(text, message, tmp_path):
    with pytest.raises(SourcesError) as error:
        parse_sources(text, tmp_path)
    assert message in str(error.value)
