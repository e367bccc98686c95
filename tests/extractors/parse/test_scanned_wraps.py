"""Lines a scan's OCR wrapped where the text version has one sentence (tests/metamorphic/
scanned_passages.py): the lines below are tesseract's reading of tuning passages printed and
scanned at 300 dpi, and each pair must be read as one passage with the fact the text gives."""

from __future__ import annotations

from chiso.extractors.model import Document, Extractor, Line, Provenance
from chiso.extractors.parse.passages import read_passages
from chiso.extractors.parse.score_lines import parse_score_lines


def _doc(*lines: str) -> Document:
    return Document("d", "t.txt", Extractor.OCR, tuple(Line(t, t, Provenance(line_no=i + 1)) for i, t in enumerate(lines)))


def _passages(*lines: str) -> list[str]:
    return [p.text for p in read_passages(_doc(*lines))]


def _facts(*lines: str) -> set[tuple[str | None, str, str]]:
    return {(f.subject, f.measure.value, f.value_text) for f in parse_score_lines(_doc(*lines))}


# tay-ninh_par_index_2022, clean 300 dpi scan: the percent wrapped onto a line of its own.
_TAY_NINH = ("BTNO - Ngày 12.12, UBND tỉnh công bố Chỉ số cải cách hành chính đối với các sở, ban, ngành tỉnh và UBND "
             "các huyện, thị xã, thành phố trên địa bàn tỉnh Tây Ninh năm 2022.")
_FIGURE_ALONE = ("đạt 93,08%. UBND huyện Châu Thành đứng cuối bảng với tỷ lệ điểm", "76,54%.")
# ca-mau_par_index_2023, clean 300 dpi scan: a rank's figure opens the next line, closing its bracket.
_CA_MAU = ("Theo kết quả xếp hạng chỉ số cải cách hành chính (CCHC) năm 2023 vừa được Bộ Nội vụ công bố, tỉnh Cà Mau "
           "đứng ở vị trí 32, đạt 86,89 điểm, thuộc vào nhóm khá.")
_BRACKET_CLOSED = ("So với khu vực ĐBSCL, Cà Mau xếp ở vị trí thứ 3, chỉ sau Long An (hạng",
                   "7) và Hậu Giang (hạng 19) trên bảng bảng xếp hạng.")


def test_a_figure_wrapped_onto_a_line_of_its_own_continues_the_sentence():
    assert _passages(*_FIGURE_ALONE) == [" ".join(_FIGURE_ALONE)]
    assert ("UBND huyện Châu Thành", "score", "76,54") in _facts(_TAY_NINH, *_FIGURE_ALONE)


def test_a_figure_closing_a_bracket_is_no_list_item():
    assert _passages(*_BRACKET_CLOSED) == [" ".join(_BRACKET_CLOSED)]
    assert ("Long An", "rank", "7") in _facts(_CA_MAU, *_BRACKET_CLOSED)


def test_a_list_item_and_a_capitals_heading_still_start_their_own_passage():
    assert len(_passages("Kết quả cụ thể của các nhóm chỉ số (theo phụ lục) gồm các nội dung sau đây", "1) Công khai")) == 2
    assert len(_passages("Các chỉ số thành phần của tỉnh được đánh giá cụ thể như sau đây trong năm", "PHỤ LỤC I")) == 2


def test_a_dateline_under_a_headline_is_no_wrapped_figure():
    headline = "PAR INDEX 2020: Ngân hàng Nhà nước Việt Nam năm thứ 6 liên tiếp xếp thứ nhất"
    assert len(_passages(headline, "16:52 | 24/06/2021")) == 2


def test_a_units_name_wrapped_after_its_kind_stays_with_it():
    # ministries_par_index_2021_2, every scan: the ministry's name opens the next line.
    lines = ("Văn hóa, Thể thao và Du lịch; Y tế; Giáo dục và Đào tạo. Dưới 80% là Bộ", "Khoa học và Công nghệ (78,72%).")
    assert _passages(*lines) == [" ".join(lines)]
    assert ("Bộ Khoa học và Công nghệ", "score", "78,72") in _facts("Kết quả PAR INDEX 2021 các bộ, cơ quan ngang bộ.", *lines)


def test_a_paragraph_opening_on_the_rank_goes_on_about_the_last_score():
    # son-la_par_index_sipas_2022, every scan: the page broke the paragraph after the score's sentence.
    lines = ("Chỉ số Sipas giảm khá sâu (8, 12%), từ 90,30% (2021) xuống 82,18%.",
             "Thứ hạng vẫn thuộc thuộc tốp cao, nhưng đã giảm 11 bậc, từ vị trí thứ 6 xuống 17 trong cả nước, và giảm 4 bậc, "
             "từ vị trí thứ 1 xuống thứ 5 trong vùng.")
    assert {(None, "rank_change", "-11"), (None, "rank", "6"), (None, "rank", "17")} <= _facts(*lines)


def test_a_competitiveness_index_misread_is_still_another_index():
    # an-giang_par_index_2018, clean 300 dpi scan: `(PCI)` read `(PCTI)`; its rise is PCI's, not ours.
    lines = ("Kết quả, năm 2018 An Giang đạt 80,77 điểm, xếp 08/63 tỉnh, thành trong cả nước (giữ nguyên thứ hạng như năm 2017). "
             "Đây là tín hiệu vui cho An Giang khi chỉ số năng lực cạnh canh (PCTI) năm 2018 công bố trước đó cũng tăng 4 bậc so với năm 2017.",)
    assert not {f for f in _facts("Chỉ số cải cách hành chính năm 2018 của tỉnh An Giang.", *lines) if f[1:] == ("rank_change", "4")}


def test_a_name_wrapped_in_prose_stays_one_clause():
    # ngan-hang-nha-nuoc_par_index_2023, every scan: the bank's name broken over two lines of prose.
    lines = ("nhiều chỉ số thành phần tiếp tục duy trì và đạt thứ hạng cao về mức độ cải cách. Cụ thể, Ngân hàng Nhà nước",
             "Việt Nam có 4/7 chỉ số đạt trên 90%")
    assert _passages(*lines) == [" ".join(lines)]
    headline = ("Chỉ số CCHC và Chỉ số Hài lòng Sipas 2022 của tỉnh Sơn La", "Sơn La vẫn thuộc nhóm B trong 3 nhóm")
    assert _passages(*headline) == ["\n".join(headline)]
