"""Body score statements, from the seeds' own lines and from other provinces' phrasings."""

from __future__ import annotations

import pytest

from chiso.extractors.model import Document, Extractor, IndexFamily, Line, Provenance
from chiso.extractors.parse.score_lines import parse_score_lines


def _doc(*lines: str) -> Document:
    return Document("d", "t.txt", Extractor.TEXT, tuple(Line(t, t, Provenance(line_no=i + 1)) for i, t in enumerate(lines)))


def _facts(*lines: str) -> list[tuple[str, str]]:
    return [(f.measure.value, f.value_text) for f in parse_score_lines(_doc(*lines))]


def test_000_total_line():
    line = ("- Tổng số điểm Thành phố đạt được tháng 12/2024: 62.28/100 điểm (tăng 1.29 điểm so với tháng 11/2024), "
            "xếp hạng 61/63 tỉnh, thành phố*")
    facts = list(parse_score_lines(_doc(line)))
    assert [(f.measure.value, f.value_text) for f in facts] == [
        ("score", "62.28"), ("max_score", "100"), ("delta", "1.29"), ("rank", "61"), ("rank_of", "63")]
    assert {f.period_text for f in facts} == {"thang 12/2024"}
    assert facts[0].label == "Tổng số điểm Thành phố đạt được tháng 12/2024"


def test_001_ocr_line_wrapped_over_two_lines():
    facts = list(parse_score_lines(_doc(
        "- Tong s6 diém Thanh pho dat duoc thang 03/2025: 58,3/100 diém (giam 3.2",
        "diém so voi thang 02/2025), xép hang 60/63 tinh, thanh ph*")))
    assert [(f.measure.value, f.value_text) for f in facts] == [
        ("score", "58,3"), ("max_score", "100"), ("delta", "-3.2"), ("rank", "60"), ("rank_of", "63")]
    assert facts[-1].prov.line_no == 2 and facts[0].prov.line_no == 1


def test_003_par_and_sipas_in_one_sentence():
    line = ("Theo đó, Chỉ số PAR INDEX của Thành phố đạt 88,54%, tăng 2.47% so với năm 2020, đứng trong top 10 các tỉnh; "
            "Chỉ số SIPAS đạt 87,11%, tăng 1,96% tỷ lệ hài lòng chung và tăng 3 bậc so với năm 2020, xếp thứ 30/63 tỉnh, Thành phố.")
    facts = list(parse_score_lines(_doc("Công bố kết quả PAR INDEX, SIPAS năm 2021.", line)))
    got = [(f.family, f.measure.value, f.value_text) for f in facts]
    assert got == [
        (IndexFamily.PAR_INDEX, "score", "88,54"), (IndexFamily.PAR_INDEX, "delta", "2.47"),
        (IndexFamily.SIPAS, "score", "87,11"), (IndexFamily.SIPAS, "delta", "1,96"),
        (IndexFamily.SIPAS, "rank_change", "3"),  # `tăng 3 bậc`: places in the ranking (CONTRACT.md)
        (IndexFamily.SIPAS, "rank", "30"), (IndexFamily.SIPAS, "rank_of", "63")]


def test_004_groups_listed_inline():
    line = ("được công bố đạt: 54,1/100 điểm, xếp hạng 28/63 tỉnh, thành phố. Một số tiêu chí đạt kết quả thấp như: "
            "Công khai minh bạch đạt 8,8/18 điểm; Dịch vụ công trực tuyến đạt 3,0/12 điểm; Số hoá hồ sơ đạt 8,0/22 điểm")
    facts = list(parse_score_lines(_doc(line)))
    scores = [(f.label, f.value_text) for f in facts if f.measure.value == "score"]
    assert scores == [("được công bố đạt", "54,1"), ("Công khai minh bạch đạt", "8,8"),
                      ("Dịch vụ công trực tuyến đạt", "3,0"), ("Số hoá hồ sơ đạt", "8,0")]
    assert all(f.subject is None for f in facts)


@pytest.mark.parametrize("line, expected", [
    ("Tỉnh đạt 72,36 điểm/100 điểm, xếp thứ 12/63 tỉnh, thành phố.",
     [("score", "72,36"), ("max_score", "100"), ("rank", "12"), ("rank_of", "63")]),
    ("Kết quả tháng 5/2025, so với tháng trước giảm 1,2 điểm, tổng điểm đạt 80,5/100 điểm.",  # the change said first
     [("score", "80,5"), ("delta", "-1,2"), ("max_score", "100")]),
    ("Tỉnh Cà Mau xếp thứ 60/63 với 55,12 điểm.", [("score", "55,12"), ("rank", "60"), ("rank_of", "63")]),
    ("Téng sé diém cia Thanh phé dat 62,28/100 diém, xép thir 61/63 tinh, thanh phé.",  # OCR: thứ → thir
     [("score", "62,28"), ("max_score", "100"), ("rank", "61"), ("rank_of", "63")]),
    ("Cong khai, minh bach dat 10,4/18 diém, gidm 0,2 diém.",  # OCR: giảm → gidm
     [("score", "10,4"), ("max_score", "18"), ("delta", "-0,2")]),
    ("Bộ Chỉ số của tỉnh đạt 85,1/100 điểm, so với tháng trước giảm 1,2 điểm, đứng thứ 5 cả nước.",
     [("score", "85,1"), ("max_score", "100"), ("delta", "-1,2"), ("rank", "5")]),
    ("Ngày 23/6/2022 Thủ tướng ban hành Quyết định số 766/QĐ-TTg.", []),
    ("Tỉnh đạt 60,2/100 điểm, cao hơn điểm trung bình cả nước là 53,5 điểm.",
     [("score", "60,2"), ("max_score", "100"), ("national_average", "53,5")]),
    ("Phấn đấu đạt từ 99% trở lên các hồ sơ được giải quyết đúng hạn.", []),
    ("Phấn đấu năm 2022 Chỉ số PAR INDEX của Thành phố tăng tối thiểu 1- 2 bậc.", []),
    ("Bộ Chỉ số phục vụ người dân, doanh nghiệp của tỉnh đạt 88,1 điểm, xếp hạng 5/63.",  # rank at the sentence's end
     [("score", "88,1"), ("rank", "5"), ("rank_of", "63")]),
    ("Tỉnh đạt 82,75 điểm/100 điểm, đứng thứ 12 trên 34 tỉnh, thành phố.",
     [("score", "82,75"), ("max_score", "100"), ("rank", "12"), ("rank_of", "34")]),
])
def test_other_phrasings(line, expected):
    assert _facts(line) == expected


def test_unit_named_in_prose():
    facts = list(parse_score_lines(_doc("UBND huyện Bát Xát với tổng điểm đạt 90,04 điểm, xếp thứ 1/9 huyện, thị xã, thành phố.")))
    assert [(f.measure.value, f.value_text) for f in facts] == [("score", "90,04"), ("rank", "1"), ("rank_of", "9")]
    assert {f.subject for f in facts} == {"UBND huyện Bát Xát"}


def test_a_period_named_only_after_the_number_and_points_after_so_diem():
    """`đạt 84,12 điểm Chỉ số cải cách hành chính năm 2023`: the period comes after the figure
    and nothing before dates it; `với số điểm 84,12.` is a score. A day's date after the figure
    (`Ngày 19-4, Bộ Nội vụ đã công bố`) dates the announcement, not the figure."""
    facts = list(parse_score_lines(_doc("Tỉnh Quảng Trị đạt 84,12 điểm Chỉ số cải cách hành chính năm 2023, đứng thứ 35/63.")))
    assert [(f.measure.value, f.value_text, f.period_text) for f in facts] == [
        ("score", "84,12", "nam 2023"), ("rank", "35", "nam 2023"), ("rank_of", "63", "nam 2023")]
    assert sorted(_facts("Kết quả Chỉ số CCHC năm 2023, Quảng Trị xếp vị trí thứ 35/63 tỉnh, thành phố với số điểm 84,12.")) == [
        ("rank", "35"), ("rank_of", "63"), ("score", "84,12")]
    moved = list(parse_score_lines(_doc("Đồng Nai tăng 4 bậc trong xếp hạng cải cách hành chính",
                                        "(ĐN) - Ngày19-4, Bộ Nội vụ đã công bố Chỉ số cải cách hành chính năm 2022.")))
    assert all(f.period_text is None or "ngay" not in f.period_text for f in moved)


def test_points_given_by_an_assessment_and_a_period_alone_in_parentheses():
    """`được đánh giá 80,2 điểm, xếp hạng 20/63 (tháng 9/2024)`: a score, ranked, dated by the
    month in parentheses after them (a month's fraction is no value of its own)."""
    facts = list(parse_score_lines(_doc("Trên Cổng Dịch vụ công quốc gia, tỉnh Quảng Trị được đánh giá 80,2 điểm, "
                                        "xếp hạng 20/63 (tháng 9/2024).")))
    assert sorted((f.measure.value, f.value_text, f.period_text) for f in facts) == [
        ("rank", "20", "thang 9/2024"), ("rank_of", "63", "thang 9/2024"), ("score", "80,2", "thang 9/2024")]


def test_units_that_share_one_value():
    """`Sở Tư pháp và Sở Y tế cùng đạt 95 điểm`: both units' score; `đều đạt` after no unit
    (`Các tỉnh, thành còn lại đều đạt tỷ lệ dưới 50%`) shares nothing."""
    facts = list(parse_score_lines(_doc("Tháng 10/2024, Sở Tư pháp và Sở Y tế cùng đạt 95 điểm Chỉ số phục vụ người dân, doanh nghiệp.")))
    assert sorted((f.subject, f.measure.value, f.value_text) for f in facts) == [
        ("Sở Tư pháp", "score", "95"), ("Sở Y tế", "score", "95")]
