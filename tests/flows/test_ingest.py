"""End to end: letters in, the contract's `facts` view out, scored with the project's scorer."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import duckdb
import pytest

from conftest import GOLD, SAMPLES, SEEDS, blank_pdf, fact_rows, gold_for, png_header, score
from chiso.flows.limits import RunLimits
from chiso.flows.pipeline import ingest


def _facts(db: Path) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return sorted(con.execute("SELECT doc_id, unit_id, indicator, measure, value, period_start, label, raw_text FROM facts").fetchall(),
                      key=repr)
    finally:
        con.close()


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory, registry) -> Path:
    db = tmp_path_factory.mktemp("seeds") / "s.duckdb"
    ingest(SEEDS, db, registry)
    return db


def test_seed_letters_meet_the_contract(seeds_db):
    recalls, f1 = score(seeds_db, GOLD)
    assert f1 >= 0.98
    assert len(recalls) == 5 and min(recalls.values()) >= 0.95, recalls


def test_reingest_leaves_exactly_the_same_facts(seeds_db, tmp_path, registry):
    before = _facts(seeds_db)
    copy = tmp_path / "again.duckdb"
    shutil.copy(seeds_db, copy)
    summary = ingest(SEEDS, copy, registry)
    assert _facts(copy) == before
    assert summary.facts_replaced == len(before)


@pytest.mark.parametrize("stem", ["000_44dc49058ad32f91", "004_4fe8e530b83874ca"])
def test_html_versions_score_like_text(tmp_path, registry, stem):
    html = SAMPLES / "html" / f"{stem}.html"
    db = tmp_path / "h.duckdb"
    ingest([html], db, registry)
    recalls, f1 = score(db, gold_for(tmp_path, {stem: html.name}))
    assert f1 >= 0.98 and recalls[html.name] >= 0.95


def test_every_fact_has_provenance(seeds_db):
    con = duckdb.connect(str(seeds_db), read_only=True)
    try:
        missing = con.execute("SELECT count(*) FROM facts WHERE raw_text IS NULL OR raw_text = '' OR extractor IS NULL "
                              "OR source_name IS NULL OR label IS NULL OR line_no IS NULL").fetchone()[0]
        by_unit = dict(con.execute("SELECT unit_name, value FROM facts WHERE source_name LIKE '000%' AND indicator = 'total' "
                                   "AND measure = 'score' AND unit_name LIKE 'Quận%'").fetchall())
    finally:
        con.close()
    assert missing == 0
    assert by_unit["Quận Tây Hồ"] == 89.0


def test_bad_inputs_are_recorded_and_the_run_goes_on(tmp_path, registry):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    seed = SEEDS[0].read_text(encoding="utf-8")
    (inbox / "a_empty.txt").write_bytes(b"")
    (inbox / "b_junk.txt").write_bytes(bytes(range(256)) * 40)
    (inbox / "c_no_numbers.txt").write_text("ỦY BAN NHÂN DÂN\nKính gửi các sở, ban, ngành.\nĐề nghị thực hiện nghiêm túc./.\n", encoding="utf-8")
    (inbox / "d_truncated.txt").write_text(seed[: seed.index("16 | UBND huyện Chương Mỹ")], encoding="utf-8")
    missing_column = re.sub(r"^(\d+ \| UBND [^|]+\| [\d.]+) \| (?:Tăng|Giảm) [\d.]+ \|$", r"\1 |", seed, flags=re.M)
    (inbox / "e_missing_column.txt").write_text(missing_column, encoding="utf-8")
    (inbox / "f_utf16.txt").write_bytes(seed.encode("utf-16"))
    (inbox / "g_broken.pdf").write_bytes(b"%PDF-1.4 nothing after the header")
    (inbox / "h_locked.pdf").write_bytes(blank_pdf(password="user"))
    (inbox / "i_500_blank_pages.pdf").write_bytes(blank_pdf(pages=500))
    (inbox / "j_empty.png").write_bytes(b"")
    (inbox / "k_20000px.png").write_bytes(png_header(20000, 20000))
    db = tmp_path / "bad.duckdb"
    summary = ingest([inbox], db, registry, ocr_cache=tmp_path / "ocr")
    reasons = {r.source_name: r.reason for r in summary.rejected}
    expected = {"a_empty.txt": "empty file", "b_junk.txt": "binary content, not text",
                       "g_broken.pdf": "corrupt PDF: Failed to load document (PDFium: Data format error).",
                       "h_locked.pdf": "PDF is password-protected",
                       "i_500_blank_pages.pdf": "PDF has 500 pages; more than the 300 a letter may have",
                       "j_empty.png": "empty file",
                       "k_20000px.png": "image too large to decode safely (decompression bomb?)"}
    assert reasons.keys() == expected.keys()
    assert all(reasons[name].startswith(reason) for name, reason in expected.items())
    con = duckdb.connect(str(db), read_only=True)
    try:
        notes = dict(con.execute("SELECT source_name, reason FROM rejects WHERE stage = 'parse'").fetchall())
        per_file = dict(con.execute("SELECT source_name, count(*) FROM facts GROUP BY 1").fetchall())
        rejected = {r[0] for r in con.execute("SELECT source_name FROM rejects WHERE stage = 'read'").fetchall()}
    finally:
        con.close()
    assert "no score statements" in notes["c_no_numbers.txt"]
    assert rejected == set(expected)
    assert 100 < per_file["d_truncated.txt"] < per_file["f_utf16.txt"]
    assert per_file["e_missing_column.txt"] == per_file["f_utf16.txt"] - 30
    assert per_file["f_utf16.txt"] == 240


def _clean_letter_facts(tmp_path: Path, registry, letter: str, columns: str) -> set[tuple]:
    """Ingest one letter, which must load without notes or unresolved units; `columns` of its facts."""
    path = tmp_path / "letter.txt"
    path.write_text(letter, encoding="utf-8")
    db = tmp_path / "letter.duckdb"
    summary = ingest([path], db, registry)
    assert summary.unresolved_units == 0 and not summary.notes
    return fact_rows(db, columns)


def test_a_letter_from_another_province_after_the_merger(tmp_path, registry):
    """Five-group layout, ranks out of 34, a per-unit group annex and prose about a district."""
    letter = """ỦY BAN NHÂN DÂN
TỈNH LÀO CAI
Số: 2150/UBND-KSTT
Lào Cai, ngày 12 tháng 8 năm 2025
Kết quả Bộ Chỉ số phục vụ người dân, doanh nghiệp tháng 7/2025 của tỉnh đạt 86,12/100 điểm, xếp thứ 4/34 tỉnh, thành phố; so với tháng trước tăng 1,05 điểm. Trong đó: Công khai, minh bạch đạt 17,5/18 điểm; Cung cấp dịch vụ trực tuyến đạt 18,2/22 điểm.
PHỤ LỤC
ĐIỂM CÁC NHÓM CHỈ SỐ CỦA CÁC SỞ, BAN, NGÀNH THÁNG 7/2025
STT | Đơn vị | Công khai, minh bạch (18) | Tổng điểm | Xếp hạng |
1 | Sở Tư pháp | 18 | 92,5 | 1/20 |
2 | Sở Nội vụ | 17,1 | 88 | 2/20 |
"""
    rows = _clean_letter_facts(tmp_path, registry, letter, "unit_name, province_name, indicator, measure, value, period_start::VARCHAR")
    assert _clean_letter_facts(tmp_path, registry, letter, "doc_number, issued_on::VARCHAR") == {("2150/UBND-KSTT", "2025-08-12")}
    province = "Tỉnh Lào Cai"
    for expected in [(province, province, "total", "score", 86.12, "2025-07-01"), (province, province, "total", "rank_of", 34.0, "2025-07-01"),
                     (province, province, "total", "delta", 1.05, "2025-07-01"), (province, province, "online", "score", 18.2, "2025-07-01"),
                     ("Sở Tư pháp", province, "transparency", "score", 18.0, "2025-07-01"),
                     ("Sở Nội vụ", province, "total", "rank", 2.0, "2025-07-01"), ("Sở Nội vụ", province, "total", "score", 88.0, "2025-07-01")]:
        assert expected in rows, expected


def test_department_group_scores_with_a_grade_column(tmp_path, registry):
    """One column per group (`Số hóa hồ sơ` is a group's score, not a count of dossiers) and a
    grade in words (`Tốt`, `Khá`) that carries no number."""
    letter = """ỦY BAN NHÂN DÂN
TỈNH QUẢNG NINH
Số: 4512/UBND-TTHC
Quảng Ninh, ngày 05 tháng 11 năm 2025
Theo kết quả công bố trên Cổng Dịch vụ công quốc gia, tháng 10/2025 tỉnh Quảng Ninh đạt 91,24/100 điểm, xếp thứ 1/34 tỉnh, thành phố.
PHỤ LỤC
KẾT QUẢ CHỈ SỐ PHỤC VỤ NGƯỜI DÂN, DOANH NGHIỆP CỦA CÁC SỞ, BAN, NGÀNH THÁNG 10/2025
STT | Đơn vị | Công khai, minh bạch | Tiến độ, kết quả giải quyết | Cung cấp dịch vụ trực tuyến | Mức độ hài lòng | Số hóa hồ sơ | Tổng điểm | Xếp loại
1 | Sở Tư pháp | 18 | 20 | 21,5 | 18 | 19,2 | 96,7 | Tốt
2 | Sở Xây dựng | 16,2 | 18,1 | 19,4 | 17,2 | 12,8 | 83,7 | Khá
"""
    rows = {r for r in _clean_letter_facts(tmp_path, registry, letter, "unit_name, indicator, measure, value") if r[0].startswith("Sở")}
    groups = ("transparency", "progress", "online", "satisfaction", "digitization", "total")
    assert rows == {("Sở Tư pháp", g, "score", v) for g, v in zip(groups, (18, 20, 21.5, 18, 19.2, 96.7))} | \
                   {("Sở Xây dựng", g, "score", v) for g, v in zip(groups, (16.2, 18.1, 19.4, 17.2, 12.8, 83.7))}


def test_par_index_ranking_of_departments_and_districts(tmp_path, registry):
    """A unit's row in a PAR INDEX ranking is that unit's `total`, not the row's number."""
    letter = """ỦY BAN NHÂN DÂN
TỈNH BẮC NINH
Số: 95/QĐ-UBND
Bắc Ninh, ngày 20 tháng 2 năm 2025
Chỉ số cải cách hành chính (PAR INDEX) năm 2024 của tỉnh đạt 89,12%, xếp thứ 9/63 tỉnh, thành phố.
PHỤ LỤC I
CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2024 CỦA CÁC SỞ, BAN, NGÀNH
STT | Đơn vị | Điểm đạt được | Xếp hạng
1 | Sở Nội vụ | 88,5 | 1
2 | Ban Quản lý các khu công nghiệp | 85,25 | 2
PHỤ LỤC II
CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2024 CỦA UBND CẤP HUYỆN
STT | Đơn vị | Điểm đạt được | Xếp hạng
1 | UBND huyện Yên Phong | 87,3 | 1
"""
    rows = _clean_letter_facts(tmp_path, registry, letter, "unit_name, index_family, indicator, measure, value, period_start::VARCHAR")
    par = lambda unit, measure, value: (unit, "par_index", "total", measure, value, "2024-01-01")  # noqa: E731
    assert rows == {par("Tỉnh Bắc Ninh", "score", 89.12), par("Tỉnh Bắc Ninh", "rank", 9.0), par("Tỉnh Bắc Ninh", "rank_of", 63.0),
                    par("Sở Nội vụ", "score", 88.5), par("Sở Nội vụ", "rank", 1.0),
                    par("Ban Quản lý các khu công nghiệp", "score", 85.25), par("Ban Quản lý các khu công nghiệp", "rank", 2.0),
                    par("Huyện Yên Phong", "score", 87.3), par("Huyện Yên Phong", "rank", 1.0)}


def test_a_half_year_figure_is_refused_not_filed_under_the_year(tmp_path, registry):
    path = tmp_path / "dong_thap.txt"
    path.write_text("UBND TỈNH ĐỒNG THÁP\nSố: 1120/UBND-KSTT\nĐồng Tháp, ngày 15 tháng 7 năm 2025\n"
                    "Trong 6 tháng đầu năm 2025, Bộ Chỉ số phục vụ người dân, doanh nghiệp của tỉnh đạt 88,1 điểm, xếp hạng 5/63.\n"
                    "Tháng 6/2025, tỉnh đạt 86,3/100 điểm, xếp hạng 9/63.\n", encoding="utf-8")
    summary = ingest([path], tmp_path / "dt.duckdb", registry)
    facts = fact_rows(tmp_path / "dt.duckdb", "measure, value, period_grain, period_start::VARCHAR")
    assert facts == {(m, v, "month", "2025-06-01") for m, v in (("score", 86.3), ("max_score", 100.0), ("rank", 9.0), ("rank_of", 63.0))}
    assert [n.reason for n in summary.notes] == ["'6 thang dau nam 2025' is part of a year; periods are weeks, months, quarters or years"] * 3


def test_news_article_without_a_letter_header(tmp_path, registry):
    path = tmp_path / "news.html"
    path.write_text("<html><body><nav>Trang chủ</nav><article><h1>Quảng Ninh dẫn đầu Bộ Chỉ số phục vụ người dân</h1>"
                    "<p>Theo kết quả công bố tuần 32/2025 trên Cổng Dịch vụ công quốc gia, tỉnh Quảng Ninh đạt 90,45 điểm, "
                    "đứng thứ 1/34 cả nước.</p></article></body></html>", encoding="utf-8")
    db = tmp_path / "n.duckdb"
    ingest([path], db, registry)
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = set(con.execute("SELECT unit_name, period_grain, period_start::VARCHAR, measure, value FROM facts").fetchall())
    finally:
        con.close()
    assert rows == {("Tỉnh Quảng Ninh", "week", "2025-08-04", "score", 90.45), ("Tỉnh Quảng Ninh", "week", "2025-08-04", "rank", 1.0),
                    ("Tỉnh Quảng Ninh", "week", "2025-08-04", "rank_of", 34.0)}


def _ingest_damaged(tmp_path: Path, registry, seed: Path, damages: dict[str, str]):
    """The seed and a copy with OCR's damage, each ingested into its own warehouse."""
    text = seed.read_text(encoding="utf-8")
    for printed, misread in damages.items():
        assert text.count(printed) == 1, printed
        text = text.replace(printed, misread)
    for name, content in (("clean", seed.read_text(encoding="utf-8")), ("damaged", text)):
        (tmp_path / name).mkdir()
        (tmp_path / name / seed.name).write_text(content, encoding="utf-8")
    ingest([tmp_path / "clean"], tmp_path / "clean.duckdb", registry)
    summary = ingest([tmp_path / "damaged"], tmp_path / "damaged.duckdb", registry)
    columns = "unit_id, indicator, measure, value"
    return fact_rows(tmp_path / "clean.duckdb", columns), fact_rows(tmp_path / "damaged.duckdb", columns), summary


def test_ocr_damage_to_annex_rows_keeps_their_facts(tmp_path, registry):
    """What tesseract did to seed 000's scans: criterion dots lost (`7.4` → `74`, `4.1` → `41`),
    two words glued (`Quáhạn`), a stray full stop after a percent; and numbers it broke (a lost
    decimal point, a digit read as `?`), which are recorded rather than loaded."""
    clean, damaged, summary = _ingest_damaged(tmp_path, registry, SEEDS[0], {
        "\n7.4 | ": "\n74 | ", "\n4.1 | ": "\n41 | ", "| Quá hạn |": "| Quáhạn |", "| 87.5% |": "| 87.5%. |",
        "| 12.5% |": "| 125% |", "Hoàng Mai | 77.87 |": "Hoàng Mai | 77.8? |"})
    assert {fact[1:] for fact in clean - damaged} == {("progress.overdue", "percent", 12.5), ("total", "score", 77.87)}
    assert damaged <= clean
    reasons = [n.reason for n in summary.notes]
    assert "percent '125' is above 100 (a lost decimal separator?)" in reasons
    assert "no number can be read in '77.8?' (column 'Số điểm')" in reasons


def test_ocr_damage_to_par_and_sipas_codes_keeps_their_facts(tmp_path, registry):
    """Seed 003's tables as a 300-dpi scan came out: a digit of a criterion code read as a
    letter, a dot lost after a sub-criterion, Roman section numbers read with `l` and `Ì`."""
    clean, damaged, _ = _ingest_damaged(tmp_path, registry, SEEDS[3], {
        "\n6.4.2 | ": "\nø.4.2 | ", "\n7.3 | ": "\n73 | ", "\nII | Thủ tục": "\nlÌ | Thủ tục", "\nIII | Công chức": "\nlII | Công chức"})
    assert damaged == clean


def test_workers_read_with_the_runs_own_registry(tmp_path, registry):
    """Workers load the packaged registry themselves; a run's own registry (its aliases) is sent
    to them: an alias that names a unit the letter prints in review resolves it in the worker."""
    letter = tmp_path / "letter.txt"
    letter.write_text("UBND TỈNH HÀ NAM\nSố: 12/UBND-KSTTHC\nHà Nam, ngày 08 tháng 3 năm 2023\n"
                      "Kết quả Chỉ số phục vụ người dân, doanh nghiệp năm 2022: Sở Mây Trắng đạt 80,5 điểm.\n", encoding="utf-8")
    plain, aliased = tmp_path / "plain.duckdb", tmp_path / "aliased.duckdb"
    ingest([letter], plain, registry, limits=RunLimits(workers=1))
    ingest([letter], aliased, registry.with_aliases([("35.so-tu-phap", "Sở Mây Trắng")]), limits=RunLimits(workers=1))
    units = [sorted(r[0] or "" for r in duckdb.connect(str(db), read_only=True).execute("SELECT unit_id FROM facts").fetchall())
             for db in (plain, aliased)]
    assert "35.so-tu-phap" not in units[0] and "35.so-tu-phap" in units[1]
