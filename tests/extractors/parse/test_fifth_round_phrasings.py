"""Phrasings of the fifth round of real passages (samples/real, tune part): the provinces' own
rankings of their districts and departments, a Sở Nội vụ item without heading, and the 2015
ministries' ranking in two wordings, read sentence by sentence (no registry: the subject is what
the parser hands the resolver)."""

from __future__ import annotations

from chiso.extractors.model import Document, Extractor, Line, Provenance
from chiso.extractors.parse.score_lines import parse_score_lines


def _doc(*lines: str) -> Document:
    return Document("d", "t.txt", Extractor.TEXT, tuple(Line(t, t, Provenance(line_no=i + 1)) for i, t in enumerate(lines)))


def _dated(*lines: str) -> list[tuple[str | None, str, str, str | None]]:
    return [(f.subject, f.measure.value, f.value_text, f.period_text) for f in parse_score_lines(_doc(*lines))]


def test_a_fall_said_tut_and_the_province_whose_districts_a_rank_counts():
    """`xếp vị trí thứ 8/9 địa phương cấp huyện của tỉnh, tụt 5 bậc`: `tụt` is a fall, and the
    `tỉnh` the peers belong to is no subject (the move stays the town's)."""
    assert _dated("Năm 2015, chỉ số cải cách hành chính (CCHC) của thị xã Hương Thủy xếp vị trí thứ 8/9 địa phương cấp huyện "
                  "của tỉnh, tụt 5 bậc so với năm 2014.") == [
        ("thị xã Hương Thủy", "rank", "8", "nam 2015"), ("thị xã Hương Thủy", "rank_of", "9", "nam 2015"),
        ("thị xã Hương Thủy", "rank_change", "-5", "nam 2015")]


def test_a_score_on_a_scale_and_the_satisfaction_rate_that_is_sipas_own_value():
    """`đạt 90,09 điểm trên thang điểm 100` (the maximum said as the scale); `Chỉ số SIPAS năm 2019
    ... với tỷ lệ hài lòng đạt 95,26%` (SIPAS named before it: no group's rate), `cao hơn tỷ lệ ...
    của tỉnh năm 2018 là 4,11%` (the gap to its own earlier year: a change)."""
    facts = list(parse_score_lines(_doc(
        "Theo kết quả đánh giá, Chỉ số PAR INDEX tỉnh Quảng Ninh đạt 90,09 điểm trên thang điểm 100, tăng 1,03 điểm so với năm 2018.",
        "Cùng với Chỉ số PAR INDEX, Chỉ số SIPAS năm 2019 tỉnh Quảng Ninh lần đầu tiên vươn lên vị trí dẫn đầu trong bảng xếp hạng "
        "với tỷ lệ hài lòng đạt 95,26% cao hơn tỷ lệ đánh giá hài lòng chung của tỉnh năm 2018 là 4,11%.")))
    assert [(f.family.value, f.subject, f.measure.value, f.value_text) for f in facts] == [
        ("par_index", "tỉnh Quảng Ninh", "score", "90,09"), ("par_index", "tỉnh Quảng Ninh", "max_score", "100"),
        ("par_index", "tỉnh Quảng Ninh", "delta", "1,03"), ("sipas", "tỉnh Quảng Ninh", "score", "95,26"),
        ("sipas", "tỉnh Quảng Ninh", "delta", "4,11")]


def test_a_share_of_points_is_no_rate():
    """`Gò Dầu là địa phương xếp thứ hạng cao nhất với tỷ lệ điểm số đạt 83,62%`: `tỷ lệ điểm số`
    is the unit's PAR INDEX as a share, as `Sở Y tế đạt tỷ lệ điểm số 71,35%` is."""
    assert _dated("Tây Ninh công bố Chỉ số CCHC năm 2020 của các sở, ban, ngành tỉnh và UBND cấp huyện",
                  "Ở khối UBND huyện, thị xã, thành phố, Gò Dầu là địa phương xếp thứ hạng cao nhất với tỷ lệ điểm số đạt 83,62%; "
                  "Thị xã Hòa Thành đứng cuối bảng với tỷ lệ điểm 74%.") == [
        ("Gò Dầu", "score", "83,62", "nam 2020"), ("Thị xã Hòa Thành", "score", "74", "nam 2020")]


def test_a_bare_name_before_duy_tri_and_a_value_after_voi_chi_so_or_gia_tri():
    """`Hải Phòng duy trì vị trí thứ hai với 92,59 điểm`; `Ngân hàng Nhà nước đạt chỉ số cao nhất
    với giá trị 89,42`; `Đà Nẵng xếp vị trí đầu tiên ..., với chỉ số 93,31`."""
    assert _dated("Về phía các bộ, cơ quan ngang bộ, Ngân hàng Nhà nước đạt chỉ số cao nhất với giá trị 89,42. Tiếp ngay sau là Bộ Tài chính.",
                  "Về phía địa phương, Đà Nẵng dẫn đầu đạt 93,31 điểm. Hải Phòng duy trì vị trí thứ hai với 92,59 điểm.") == [
        ("Ngân hàng Nhà nước", "score", "89,42", None), ("Đà Nẵng", "score", "93,31", None),
        ("Hải Phòng", "score", "92,59", None), ("Hải Phòng", "rank", "2", None)]
    assert _dated("Chỉ số cải cách hành chính năm 2015 cho thấy tất 19 bộ, cơ quan ngang bộ đạt kết quả trên 80%, không có bộ, "
                  "cơ quan ngang bộ nào giảm điểm so với năm 2014.",
                  "Đà Nẵng xếp vị trí đầu tiên trong danh sách xếp hạng các tỉnh, thành phố trực thuộc Trung ương, với chỉ số 93,31.") == [
        ("Đà Nẵng", "score", "93,31", "nam 2015")]


def test_a_commune_is_the_subject_not_the_district_named_after_it():
    """`xã Lai Hưng, huyện Bàu Bàng, tăng 25,9%`, `phường Chánh Nghĩa, TP.Thủ Dầu Một đạt 90,25%`:
    the district after the comma only says where the commune is."""
    assert _dated("Kết quả trung bình Chỉ số CCHC năm 2017 của các xã, phường, thị trấn là 79,11%, đạt mức khá, tăng 7,27% so với "
                  "năm 2016. Năm 2017, có 80 đơn vị cấp xã tăng điểm so với năm 2016, tăng nhiều nhất là xã Lai Hưng, huyện Bàu Bàng, "
                  "tăng 25,9% và 11 đơn vị giảm điểm so với năm 2016, giảm nhiều nhất là phường Bình Thắng, TX.Dĩ An, giảm 12,14%.",
                  "Về xếp loại, phường Chánh Nghĩa, TP.Thủ Dầu Một đạt 90,25%, tăng về kết quả Chỉ số CCHC.") == [
        ("xã Lai Hưng", "delta", "25,9", "nam 2017"), ("phường Bình Thắng", "delta", "-12,14", "nam 2017"),
        ("phường Chánh Nghĩa", "score", "90,25", "nam 2017")]


def test_the_last_place_out_of_a_count_said_without_its_number():
    """`Phường Bắc An Phụ xếp cuối trong 45 phường`; `... đạt 81.33% đứng vị trí thứ cuối bảng trong
    tổng số 20 Sở, ban ngành`: the ranking's size, and no place number."""
    assert _dated("Về Chỉ số cải cách hành chính năm 2025 của UBND các phường: phường Hồng Bàng xếp thứ nhất. "
                  "Phường Bắc An Phụ xếp cuối trong 45 phường.") == [
        ("phường Hồng Bàng", "rank", "1", "nam 2025"), ("Phường Bắc An Phụ", "rank_of", "45", "nam 2025")]
    assert _dated("Thanh Hóa: Công bố xếp hạng Chỉ số cải cách hành chính năm 2023",
                  "Ban Dân tộc tỉnh có tổng số điểm đạt được 68.32 điểm, chỉ số cải cách hành chính đạt 81.33% đứng vị trí thứ "
                  "cuối bảng trong tổng số 20 Sở, ban ngành.") == [
        ("Ban Dân tộc tỉnh", "score", "68.32", "nam 2023"), ("Ban Dân tộc tỉnh", "percent", "81.33", "nam 2023"),
        ("Ban Dân tộc tỉnh", "rank_of", "20", "nam 2023")]


def test_a_bare_name_before_how_many_years_it_held_its_place():
    """ha-noi_par_index_2023_2 (tune): `Quảng Ninh đứng đầu, Hà Nội hai năm liên tiếp giữ vị trí thứ 3`:
    the years between the name and its verb keep the name the rank's subject."""
    assert _dated("PAR INDEX 2023: Quảng Ninh đứng đầu, Hà Nội hai năm liên tiếp giữ vị trí thứ 3") == [
        ("Hà Nội", "rank", "3", "par index 2023")]
