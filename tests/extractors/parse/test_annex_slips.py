"""OCR slips the letter itself corrects (issue 9): a lost slash or decimal comma in a column of
fractions is mended when one reading only fits, recorded with the `mended` tag; a rank above
its total or a score above its maximum is never loaded. The cells are those of seed 004's
Phụ lục III (ranks `2/12`, `4/19`) and seed 000's Phụ lục 1 (`8,8/18 điểm`) as OCR read them."""

from __future__ import annotations

import pytest

from extractors.model import MENDED, UNREADABLE, Cell, Document, Extractor, Line, Provenance, Table
from extractors.parse.annex import find_annexes, read_annex_table
from extractors.rows import is_unit_name


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
