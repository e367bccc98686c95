"""OCR slips the letter itself corrects (issue 9): a lost slash or decimal comma in a column of
fractions is mended when one reading only fits, recorded with the `mended` tag; a rank above
its total or a score above its maximum is never loaded. The cells are those of seed 004's
Phụ lục III (ranks `2/12`, `4/19`) and seed 000's Phụ lục 1 (`8,8/18 điểm`) as OCR read them."""

from __future__ import annotations

import pytest

from chiso.extractors.model import MENDED, UNREADABLE, Cell, Document, Extractor, Line, Provenance, Table
from chiso.extractors.parse.annex import find_annexes, read_annex_table
from chiso.extractors.rows import is_unit_name


def _facts(rank: str, score: str) -> dict[str, tuple[str, tuple[str, ...]]]:
    header = ["STT", "Tên đơn vị", "Xếp hạng", "Điểm"]
    rows = [["1", "UBND huyện Quảng Điền", "2/12", "8,8/18 điểm"], ["2", "UBND huyện A Lưới", rank, score],
            ["3", "UBND huyện Nam Đông", "1/10", "9,1/18 điểm"]]
    cells = [Cell(t, 0, c, is_header=True) for c, t in enumerate(header)]
    cells += [Cell(t, r, c) for r, row in enumerate(rows, start=1) for c, t in enumerate(row)]
    table = Table(tuple(cells), 4, 4, tuple(Provenance(page=7, row_no=r + 1) for r in range(4)))
    doc = Document("d", "004.pdf", Extractor.OCR, (Line("Phụ lục III", "Phụ lục III", Provenance(page=7)), table))
    annex = next(find_annexes(doc))
    return {f.measure.value: (f.value_text, f.tags) for f in read_annex_table(annex, doc) if f.subject == "UBND huyện A Lưới"}


@pytest.mark.parametrize(("rank", "expected"), [
    ("4/19", {"rank": ("4", ()), "rank_of": ("19", ())}),
    ("419", {"rank": ("4", (MENDED,)), "rank_of": ("19", (MENDED,))}),   # 41/9 would rank 41st of 9
    ("212", {"rank": ("2", (MENDED,)), "rank_of": ("12", (MENDED,))}),
    ("1018", {"rank": ("10", (MENDED,)), "rank_of": ("18", (MENDED,))}),
    ("41/9", {"rank": ("4", (MENDED,)), "rank_of": ("19", (MENDED,))}),  # a slash in the wrong place
    ("50/9", {"rank": ("50/9", (UNREADABLE,))}),                          # 5/09 is no total either
])
def test_a_rank_that_lost_its_slash_is_mended_or_refused(rank, expected):
    facts = _facts(rank, "8,8/18 điểm")
    assert {k: v for k, v in facts.items() if k.startswith("rank")} == expected


@pytest.mark.parametrize(("score", "expected"), [
    ("8.818 điểm", {"score": ("8,8", (MENDED,)), "max_score": ("18", (MENDED,))}),
    ("88/18 điểm", {"score": ("8,8", (MENDED,)), "max_score": ("18", (MENDED,))}),
    ("175/18 điểm", {"score": ("175/18 điểm", (UNREADABLE,))}),   # 17,5 or 1,75: the letter cannot tell
])
def test_a_score_above_its_maximum_is_mended_or_refused(score, expected):
    facts = _facts("4/19", score)
    assert {k: v for k, v in facts.items() if k in ("score", "max_score")} == expected


@pytest.mark.parametrize(("label", "is_unit"), [("So hoa hò sơ", False), ("Số hóa hồ sơ", False), ("Sở Tư pháp", True)])
def test_a_group_label_read_without_its_marks_is_not_a_unit(label, is_unit):
    assert is_unit_name(label) is is_unit


def _read(header: list[str], rows: list[list[str]]) -> list:
    cells = [Cell(t, 0, c, is_header=True) for c, t in enumerate(header)]
    cells += [Cell(t, r, c) for r, row in enumerate(rows, start=1) for c, t in enumerate(row)]
    table = Table(tuple(cells), len(rows) + 1, len(header), tuple(Provenance(page=7, row_no=r + 1) for r in range(len(rows) + 1)))
    doc = Document("d", "004.pdf", Extractor.OCR, (Line("Phụ lục III", "Phụ lục III", Provenance(page=7)), table))
    return list(read_annex_table(next(find_annexes(doc)), doc))


def test_a_count_of_a_whole_that_lost_its_slash_is_mended():
    facts = _read(["STT", "Đơn vị", "Đã triển khai", "Số lượng hồ sơ hoàn thành"],
                  [["1", "UBND thành phố Huế", "36/37", "106"], ["2", "UBND thị xã Hương Thủy", "8/11", "36"],
                   ["7", "UBND huyện Phú Vang", "715", "4"], ["8", "UBND huyện A Lưới", "419", "21"],
                   ["9", "UBND huyện Phú Lộc", "10/18", "43"]])
    deployed = {(f.subject, f.measure.value): (f.value_text, f.tags) for f in facts if f.column == "Đã triển khai"}
    assert deployed[("UBND huyện A Lưới", "count")] == ("4", (MENDED,))
    assert deployed[("UBND huyện A Lưới", "count_of")] == ("19", (MENDED,))
    assert deployed[("UBND huyện Phú Vang", "count_of")] == ("15", (MENDED,))


def test_a_maximum_printed_beside_a_cell_mends_it():
    facts = _read(["STT", "Nội dung", "Điểm của tỉnh", "Điểm trung bình cả nước"],
                  [["1", "Chỉ số công khai, minh bạch của tỉnh", "8,8/18", "6,4/18"],
                   ["3", "Chỉ số dịch vụ công trực tuyến", "3,0/12", "3,712"],
                   ["4", "Chỉ số thanh toán trực tuyến", "2,5/10", "2,7/10"]])
    average = next(f for f in facts if f.code == "3" and f.measure.value == "national_average")
    assert (average.value_text, average.tags) == ("3,7", (MENDED,))


def test_a_share_that_lost_its_point_and_damaged_section_codes_are_mended():
    facts = _read(["TT", "Tiêu chí", "Kết quả SIPAS 2021"],
                  [["I", "Tiếp cận dịch vụ", "89,28"], ["1", "Trụ sở cơ quan có biển hiệu", "89.23"],
                   ["Ú)", "Thủ tục hành chính", "88.81"], ["1", "Quy định TTHC được niêm yết", "89.12"],
                   ["[II", "Công chức", "88.51"], ["6", "Công chức giải quyết công việc đúng quy định", "88.26"],
                   ["H", "Công chức tận tình giúp đỡ", "87.85"], ["IV", "Kết quả", "89.21"],
                   ["3", "Kết quả có thông tin chính xác", "8947"]])
    read = [(f.group_code, f.code, f.value_text, f.tags) for f in facts]
    assert read == [(None, "I", "89,28", ()), ("I", "1", "89.23", ()), (None, "II", "88.81", ()), ("II", "1", "89.12", ()),
                    (None, "III", "88.51", ()), ("III", "6", "88.26", ()), ("III", "7", "87.85", ()),
                    (None, "IV", "89.21", ()), ("IV", "3", "89.47", (MENDED,))]


def test_a_percent_that_lost_its_point_is_mended():
    facts = _read(["STT", "Tên đơn vị định danh", "Tỷ lệ hồ sơ đúng hạn, trong hạn (%)"],
                  [["24", "Sở Du lịch", "66.60%"], ["25", "Sở Xây dựng", "42.05%"], ["26", "Sở Văn hóa và Thể thao", "78.25%"],
                   ["27", "Sở Tài chính", "91.95%"], ["28", "Sở Ngoại vụ", "9333%"], ["29", "Ban Dân tộc", "100%"]])
    assert [(f.value_text, f.tags) for f in facts if f.subject == "Sở Ngoại vụ"] == [("93.33", (MENDED,))]
