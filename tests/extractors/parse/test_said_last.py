"""What earlier passages named is read back only when asked, and each passage at most once."""

from __future__ import annotations

from chiso.extractors.model import Document, Extractor, Line, Provenance
from chiso.extractors.parse.said_last import SaidLast
from chiso.extractors.parse.score_lines import parse_score_lines


def _chain(named: list[str | None], asked: list[int]) -> SaidLast[str]:
    said: SaidLast[str] = SaidLast()
    for i, period in enumerate(named):
        said = SaidLast(lambda i=i, period=period: asked.append(i) or period, said)
    return said


def test_goes_back_to_the_last_passage_that_named_one_and_no_further():
    asked: list[int] = []
    said = _chain(["nam 2023", None, "thang 12/2024", None, None], asked)
    assert asked == []  # nothing is read until a passage asks
    assert said.value() == "thang 12/2024"
    assert asked == [4, 3, 2]
    assert said.value() == "thang 12/2024" and asked == [4, 3, 2]  # kept, not read again


def test_the_letters_start_names_nothing():
    asked: list[int] = []
    assert _chain([None, None], asked).value() is None and asked == [1, 0]


def test_a_title_dates_the_list_after_it():
    """A title names the year, the figures come two passages later."""
    lines = ("KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2021", "Các sở, ngành được đánh giá như sau:",
             "Chỉ số PAR INDEX của Sở Tư pháp đạt 88,54%.")
    doc = Document("d", "t.txt", Extractor.TEXT, tuple(Line(t, t, Provenance(line_no=i + 1)) for i, t in enumerate(lines)))
    assert [f.period_text for f in parse_score_lines(doc)] == ["nam 2021"]
