"""Wrong data is refused with a reason, never loaded quietly: seed 000 with one thing changed
(a rank of 70/63, a letter dated 31/02, a result for December 2031), and an HTML page whose
comment, hidden element and script hold a score statement."""

from __future__ import annotations

from pathlib import Path

import duckdb

from conftest import SEEDS, fact_rows
from chiso.flows.limits import RunLimits
from chiso.flows.pipeline import ingest
from chiso.normalize.registry import load_registry

SEED = SEEDS[0].read_text(encoding="utf-8")  # 000_44dc49058ad32f91.txt
TOTAL = "xếp hạng 61/63 tỉnh, thành phố*"


def _ingest(tmp_path: Path, name: str, text: str) -> tuple[Path, dict[str, str]]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    db = tmp_path / f"{name}.duckdb"
    ingest([path], db, load_registry(), limits=RunLimits(workers=0))
    con = duckdb.connect(str(db), read_only=True)
    try:
        notes = {reason: raw or "" for reason, raw in con.execute("SELECT reason, raw_text FROM rejects").fetchall()}
    finally:
        con.close()
    return db, notes


def test_a_rank_above_the_number_ranked_is_refused(tmp_path):
    ranks = "measure IN ('rank', 'rank_of') AND indicator = 'total' AND unit_id = '01'"
    clean, _ = _ingest(tmp_path, "clean.txt", SEED)
    assert fact_rows(clean, "measure, value", ranks) == {("rank", 61.0), ("rank_of", 63.0)}
    db, notes = _ingest(tmp_path, "rank.txt", SEED.replace(TOTAL, "xếp hạng 70/63 tỉnh, thành phố*"))
    assert any(reason.startswith("rank 70 of 63") for reason in notes)
    assert not fact_rows(db, "value", ranks)


def test_an_impossible_letter_date_is_noted(tmp_path):
    db, notes = _ingest(tmp_path, "date.txt", SEED.replace("ngày 17 tháng 01 năm 2025", "ngày 31 tháng 02 năm 2025"))
    assert any("is not a date" in reason for reason in notes)


def test_a_period_after_the_letter_is_refused(tmp_path):
    text = SEED.replace("Tổng số điểm Thành phố đạt được tháng 12/2024", "Tổng số điểm Thành phố đạt được tháng 12/2031")
    db, notes = _ingest(tmp_path, "future.txt", text)
    assert any(reason.startswith("period starting 2031-12-01 is after the document (2025-01-17)") for reason in notes)
    assert not fact_rows(db, "value", "period_start = DATE '2031-12-01'")


def test_comments_hidden_elements_and_scripts_are_never_read(tmp_path):
    hidden = ("<!-- Tổng số điểm Thành phố đạt được tháng 11/2024: 90.00/100 điểm -->"
              "<p hidden>Tổng số điểm Thành phố đạt được tháng 10/2024: 91.00/100 điểm</p>"
              "<p style='display: none'>Tổng số điểm Thành phố đạt được tháng 9/2024: 92.00/100 điểm</p>"
              "<script>var s = 'Tổng số điểm Thành phố đạt được tháng 8/2024: 93.00/100 điểm';</script>")
    page = (f"<html><body><p>ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI</p><p>Hà Nội, ngày 17 tháng 01 năm 2025</p>{hidden}"
            "<p>- Tổng số điểm Thành phố đạt được tháng 12/2024: 62.28/100 điểm</p></body></html>")
    db, _ = _ingest(tmp_path, "page.html", page)
    assert fact_rows(db, "value", "measure = 'score'") == {(62.28,)}
