"""Folding: OCR digit confusions undone inside words, real numbers kept, offsets unchanged."""

from pathlib import Path

import pytest

from chiso.normalize.text import fold

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(("printed", "folded"), [
    ("Tong s6 diém", "tong so diem"),
    ("B9 chi so", "bo chi so"),
    ("c0 quan", "co quan"),
    ("1anh dao", "lanh dao"),
    ("doanh nghi¢p", "doanh nghiep"),
    ("đạt 58,3 điểm", "dat 58,3 diem"),
    ("ngày 12/2024, mã H57", "ngay 12/2024, ma h57"),
    ("8ao", "oao"),  # a digit opening the text before two letters
    ("1,8ab 3/0ab", "1,8ab 3/0ab"),  # after a number's separator: a digit of the number
    ("s61", "s61"),  # a digit followed by a digit: a number
])
def test_fold_undoes_ocr_digits_only_inside_words(printed, folded):
    assert fold(printed) == folded


def test_fold_keeps_every_offset_of_the_bundled_letters():
    for path in sorted(ROOT.glob("samples/0*.txt")):
        text = path.read_text(encoding="utf-8")
        assert len(fold(text)) == len(text), path.name
