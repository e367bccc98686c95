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
