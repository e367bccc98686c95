"""Phrasings of the PAR INDEX and SIPAS items of 2014–2020 (samples/real, fourth round, tune
part): the ministries' rankings and the provinces' own rankings of their agencies, read
sentence by sentence (no registry: the subject is what the parser hands the resolver)."""

from __future__ import annotations

from chiso.extractors.model import Document, Extractor, Line, Provenance
from chiso.extractors.parse.score_lines import parse_score_lines


def _doc(*lines: str) -> Document:
    return Document("d", "t.txt", Extractor.TEXT, tuple(Line(t, t, Provenance(line_no=i + 1)) for i, t in enumerate(lines)))


def _facts(*lines: str) -> list[tuple[str | None, str, str]]:
    return [(f.subject, f.measure.value, f.value_text) for f in parse_score_lines(_doc(*lines))]


def test_departments_abbreviated_after_their_head_word():
    """`Sở TT&TT`, `Sở TT-TT`, `Sở NN-PTNT`: a body's abbreviated name is its subject, and
    `xếp hạng thứ nhất` a rank in words."""
    assert sorted(_facts("Theo kết quả Chỉ số hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính nhà nước "
                         "trên địa bàn tỉnh năm 2019, Sở TT&TT xếp hạng thứ nhất với 98,24%; Sở Nội Vụ xếp thứ 2 với 96,62%.")) == [
        ("Sở Nội Vụ", "rank", "2"), ("Sở Nội Vụ", "score", "96,62"), ("Sở TT&TT", "rank", "1"), ("Sở TT&TT", "score", "98,24")]
    assert sorted(_facts("Điểm số trung bình năm 2022 của các sở, ban, ngành Chỉ số cải cách hành chính là 90,60. Sở Ngoại vụ là "
                         "đơn vị đạt điểm cao nhất (96,90 điểm), xếp thứ nhì là Sở TT-TT (95,79 điểm), xếp thứ ba là Sở NN-PTNT (95,43 điểm).")) == [
        ("Sở NN-PTNT", "rank", "3"), ("Sở NN-PTNT", "score", "95,43"), ("Sở Ngoại vụ", "score", "96,90"),
        ("Sở TT-TT", "rank", "2"), ("Sở TT-TT", "score", "95,79")]


def _dated(*lines: str) -> list[tuple[str | None, str, str, str | None]]:
    return [(f.subject, f.measure.value, f.value_text, f.period_text) for f in parse_score_lines(_doc(*lines))]


def test_ranks_out_of_the_ministries_in_parentheses_and_a_rank_the_comparison_dates():
    """`đứng chót bảng (19/19)`, `áp chót là Bộ Giáo dục và Đào tạo (18/19)`, `xếp hạng thứ tự
    16/19 đơn vị`, `tăng 3 bậc so với năm 2013 là 19/19 đơn vị` (2013's rank); `Ủy ban Dân tộc`
    is a whole name, ended by `năm 2014`."""
    title = "Chỉ số cải cách hành chính của các Bộ, ngành năm 2014 (PAR Index) gồm 19 đơn vị."
    assert _dated(title, "Bộ Khoa học và Công nghệ đứng chót bảng (19/19), áp chót là Bộ Giáo dục và Đào tạo (18/19).") == [
        ("Bộ Khoa học và Công nghệ", "rank", "19", "nam 2014"), ("Bộ Khoa học và Công nghệ", "rank_of", "19", "nam 2014"),
        ("Bộ Giáo dục và Đào tạo", "rank", "18", "nam 2014"), ("Bộ Giáo dục và Đào tạo", "rank_of", "19", "nam 2014")]
    assert _dated("Chỉ số cải cách hành chính của Ủy ban Dân tộc năm 2014, đạt 73.57 điểm, xếp hạng thứ tự 16/19 đơn vị, "
                  "tăng 3 bậc so với năm 2013 là 19/19 đơn vị.") == [
        ("Ủy ban Dân tộc", "score", "73.57", "nam 2014"), ("Ủy ban Dân tộc", "rank", "16", "nam 2014"),
        ("Ủy ban Dân tộc", "rank_of", "19", "nam 2014"), ("Ủy ban Dân tộc", "rank_change", "3", "nam 2014"),
        ("Ủy ban Dân tộc", "rank", "19", "nam 2013"), ("Ủy ban Dân tộc", "rank_of", "19", "nam 2013")]


def test_a_comparison_with_an_earlier_result_does_not_date_the_figure():
    """`giảm 6,27% so với kết quả của năm 2013`: 2013 is the comparison's, not the figure's."""
    assert _dated("Theo đó, chỉ số cải cách hành chính trung bình mà các bộ ngành đạt được là 76,99%.",
                  "Xếp vị trí cuối cùng là Bộ Khoa học và Công nghệ, có kết quả là 71%, giảm 6,27% so với kết quả của năm 2013.") == [
        ("Bộ Khoa học và Công nghệ", "score", "71", None), ("Bộ Khoa học và Công nghệ", "delta", "-6,27", None)]


def test_this_year_is_the_texts_own_year_not_the_one_an_aside_names():
    """`(Năm 2014, Ngân hàng Nhà nước đứng thứ 3 ...)` dates its rank alone, and `Năm nay, ... đạt
    93,31%` is the year the text reports, which the resolver reads from its first period."""
    facts = _dated("Thứ trưởng Bộ Nội vụ đã công bố chỉ số cải cách hành chính năm 2015 (PAR INDEX) của các Bộ ngành.",
                   "Như vậy, Ngân hàng Nhà nước đã vượt lên, chiếm vị trí đứng đầu PAR INDEX của Bộ Giao thông Vận tải năm 2014 "
                   "(Năm 2014, Ngân hàng Nhà nước đứng thứ 3 trong danh sách).",
                   "Đối với nhóm tỉnh, thành phố, dẫn đầu vẫn là thành phố Đà Nẵng, Năm nay, thành phố này có chỉ số đạt 93,31%. "
                   "Tiếp theo là Hải Phòng (92,59%).")
    assert facts == [("Ngân hàng Nhà nước", "rank", "3", "nam 2014"), ("thành phố Đà Nẵng", "score", "93,31", "nam nay"),
                     ("Hải Phòng", "score", "92,59", "nam nay")]


def test_a_ministrys_areas_named_after_their_figures_and_a_share_of_the_area_before_it():
    """`của Bộ Tư pháp được đánh giá 11.50/12 điểm, đạt 95.83% về Chỉ số thành phần Chỉ đạo, điều
    hành CCHC`: the ministry owns the value (`của` is no publisher here) and the area is named
    after it; `14.78/17 điểm, tương ứng với Chỉ số thành phần là 86.92% - tiếp tục duy trì vị trí
    thứ 2 như năm 2016`: the share and the rank are the area's before them, 2016 a comparison."""
    facts = list(parse_score_lines(_doc(
        "Theo phân tích chi tiết số điểm đạt được trên 7 lĩnh vực đánh giá của Chỉ số CCHC cấp bộ có thể thấy.",
        "Nổi bật nhất là kết quả công tác chỉ đạo, điều hành CCHC của Bộ Tư pháp được đánh giá 11.50/12 điểm, "
        "đạt 95.83% về Chỉ số thành phần Chỉ đạo, điều hành CCHC.",
        "Cụ thể, lĩnh vực xây dựng và tổ chức thực hiện thể chế thuộc phạm vi quản lý nhà nước của Bộ Tư pháp đạt 14.78/17 điểm, "
        "tương ứng với Chỉ số thành phần là 86.92% - tiếp tục duy trì vị trí thứ 2 như năm 2016.")))
    assert [(f.subject, f.measure.value, f.value_text, f.period_text) for f in facts] == [
        ("Bộ Tư pháp", "score", "11.50", None), ("Bộ Tư pháp", "max_score", "12", None), ("Bộ Tư pháp", "percent", "95.83", None),
        ("Bộ Tư pháp", "score", "14.78", None), ("Bộ Tư pháp", "max_score", "17", None), ("Bộ Tư pháp", "percent", "86.92", None),
        ("Bộ Tư pháp", "rank", "2", None)]
    assert {f.group_label for f in facts[:3]} == {"ve chi so thanh phan chi dao, dieu hanh cchc"}
    assert facts[5].group_label == facts[6].group_label == facts[3].label


def test_ranks_of_one_ministry_over_three_years_after_deu():
    """`Bộ Tư pháp đều tăng hạng Chỉ số CCHC (năm 2016 tăng từ vị trí thứ 9 lên thứ 6, năm 2017 tăng
    từ vị trí thứ 6 lên thứ 4)`: `đều` ends the name."""
    facts = list(parse_score_lines(_doc(
        "Như vậy, trong 2 năm liên tiếp 2016 – 2017, Bộ Tư pháp đều tăng hạng Chỉ số CCHC (năm 2016 tăng từ vị trí thứ 9 lên "
        "thứ 6, năm 2017 tăng từ vị trí thứ 6 lên thứ 4).")))
    assert [(f.subject, f.value_text, f.period_text, "earlier" in f.tags) for f in facts] == [
        ("Bộ Tư pháp", "9", "nam 2016", True), ("Bộ Tư pháp", "6", "nam 2016", False),
        ("Bộ Tư pháp", "6", "nam 2017", True), ("Bộ Tư pháp", "4", "nam 2017", False)]


def test_moves_in_parentheses_take_the_scope_of_the_rank_before_them_and_a_move_over_years_is_none():
    """`xếp hạng 8/63 ... cả nước (tăng 2 bậc so năm 2018)` is national, `hạng 3/13 ... khu vực
    ĐBSCL (tăng 1 bậc so năm 2018)` regional (not loaded); `tăng 25 bậc so năm 2016` in a 2019
    result spans three years (not loaded), and `so năm 2018` is a comparison like `so với`."""
    facts = _dated(
        "Kết quả chỉ số CCHC năm 2019 của tỉnh An Giang xếp hạng 11/63 tỉnh, thành phố trong cả nước, đạt 83,32% (tăng 2,55% "
        "so năm 2018), giảm 3 bậc so năm 2018, nhưng tăng 25 bậc so năm 2016 (năm 2016 xếp thứ 36/63 tỉnh, thành phố). Với kết "
        "quả này, An Giang thuộc nhóm B và xếp hạng 3/13 tỉnh, thành phố khu vực ĐBSCL (tăng 1 bậc so năm 2018). Đối với chỉ số "
        "hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính nhà nước năm 2019 tỉnh An Giang đạt 89,81% "
        "đối tượng khảo sát đánh giá hài lòng, xếp hạng 8/63 tỉnh, thành phố trong cả nước (tăng 2 bậc so năm 2018), đạt hạng "
        "3/13 tỉnh, thành phố khu vực ĐBSCL (tăng 1 bậc so năm 2018).")
    changes = [(measure, value, period) for _, measure, value, period in facts if measure == "rank_change"]
    assert changes == [("rank_change", "-3", "nam 2019"), ("rank_change", "2", "nam 2019")]
    assert ("tỉnh An Giang", "rank", "36", "nam 2016") in facts


def test_a_place_said_as_its_number_and_a_bare_name_before_lan():
    """`nằm vị trí số 44 (tăng 4 bậc so với 2018)`; `Hải Phòng lần đầu tiên bứt phá lên ngôi vị
    quán quân, với kết quả đạt 91.80%` (`quán quân` is no rank)."""
    assert _facts("Tỉnh Tây Ninh, chỉ số CCHC năm 2019 đạt 80,05%, nằm vị trí số 44 (tăng 4 bậc so với 2018) thuộc các tỉnh, "
                  "thành phố nhóm B.") == [
        ("Tỉnh Tây Ninh", "score", "80,05"), ("Tỉnh Tây Ninh", "rank", "44"), ("Tỉnh Tây Ninh", "rank_change", "4")]
    assert _facts("Năm 2021, kết quả Chỉ số cải cách hành chính của các bộ, cơ quan ngang bộ được phân loại gồm 3 nhóm điểm. "
                  "Đối với khối các tỉnh, thành phố, Hải Phòng lần đầu tiên bứt phá lên ngôi vị quán quân, với kết quả đạt 91.80%.") == [
        ("Hải Phòng", "score", "91.80")]


def test_a_headline_move_dated_in_its_clause_the_gap_to_an_average_and_a_place_kept():
    """`An Giang: Chỉ số cải cách hành chính năm 2017 tăng 28 bậc` (a move its clause dates is the
    text's province's; `chỉ số cải cách hành chính tăng 7 bậc` alone may be of any year); `cao hơn
    so với giá trị trung bình năm 2016 là 3.08%` is a gap, not 2016's average; `giữ nguyên thứ
    hạng` is a move of 0, not a change of the value."""
    assert _dated("An Giang: Chỉ số cải cách hành chính năm 2017 tăng 28 bậc") == [(None, "rank_change", "28", "nam 2017")]
    assert _dated("Bến Tre chỉ số cải cách hành chính tăng 7 bậc") == []
    assert _dated("Theo kết quả đánh giá tổng hợp, Chỉ số CCHC năm 2017 của các tỉnh, thành phố có giá trị trung bình đạt 77.72%, "
                  "cao hơn so với giá trị trung bình năm 2016 là 3.08%.") == [(None, "national_average", "77.72", "nam 2017")]
    assert _dated("Chỉ số cải cách hành chính năm 2018: An Giang đạt 80,77 điểm, xếp 08/63 tỉnh, thành trong cả nước "
                  "(giữ nguyên thứ hạng như năm 2017).") == [
        ("An Giang", "score", "80,77", "nam 2018"), ("An Giang", "rank", "08", "nam 2018"), ("An Giang", "rank_of", "63", "nam 2018"),
        ("An Giang", "rank_change", "0", "nam 2018")]


def test_ranks_of_two_indices_in_one_sentence_and_a_move_in_words_after_len():
    """`xếp thứ 2 trong bảng Chỉ số cải cách hành chính (PAR INDEX) và lần thứ 3 liên tiếp xếp thứ 1
    trong bảng Chỉ số hài lòng ...` (each rank its own index); `khi vững vị trí thứ 3 cả nước về
    Chỉ số PAPI, thứ 5 về Chỉ số SIPAS` (`vững` is no region); `lên một bậc` is a move."""
    facts = list(parse_score_lines(_doc(
        "Kết quả, năm 2021, Quảng Ninh xếp thứ 2 trong bảng Chỉ số cải cách hành chính (PAR INDEX) và lần thứ 3 liên tiếp xếp "
        "thứ 1 trong bảng Chỉ số hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính nhà nước (SIPAS).")))
    assert [(f.family.value, f.measure.value, f.value_text) for f in facts] == [("par_index", "rank", "2"), ("sipas", "rank", "1")]
    facts = list(parse_score_lines(_doc(
        "Năm 2022, Thanh Hóa đã có sự bứt phá mạnh mẽ khi vững vị trí thứ 3 cả nước về Chỉ số PAPI, thứ 5 về Chỉ số SIPAS và "
        "thứ 10 về Chỉ số PAR INDEX.")))
    assert [(f.family.value, f.measure.value, f.value_text) for f in facts] == [("sipas", "rank", "5"), ("par_index", "rank", "10")]
    assert _facts("Hải Phòng là địa phương dẫn đầu bảng xếp hạng Chỉ số cải cách hành chính năm 2024 với 96,17%, tăng 4,30% "
                  "và lên một bậc so với năm 2023.") == [
        ("Hải Phòng", "score", "96,17"), ("Hải Phòng", "delta", "4,30"), ("Hải Phòng", "rank_change", "1")]


def test_the_place_a_rise_started_from_dated_and_owned_by_the_unit_after_it():
    """`Từ vị trí 63 của năm 2020, chỉ số PAR INDEX của tỉnh Quảng Ngãi năm 2021 đứng ở vị trí thứ 39/63`."""
    assert _dated("Từ vị trí 63 của năm 2020, chỉ số PAR INDEX của tỉnh Quảng Ngãi năm 2021 đứng ở vị trí thứ 39/63 tỉnh, "
                  "thành trong cả nước.") == [
        ("tỉnh Quảng Ngãi", "rank", "63", "nam 2020"), ("tỉnh Quảng Ngãi", "rank", "39", "nam 2021"),
        ("tỉnh Quảng Ngãi", "rank_of", "63", "nam 2021")]
