"""Folding: OCR digit confusions undone inside words, real numbers kept, offsets unchanged."""

from pathlib import Path

import pytest

from chiso.normalize.text import _fold_word, fold

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


def test_fold_by_words_is_fold_of_the_whole_text():
    """Folding word by word reads nothing across a space: the same as folding the text at once."""
    texts = [path.read_text(encoding="utf-8") for path in sorted(ROOT.glob("samples/0*.txt"))]
    texts += ["8 ab", "ab 8", "a 8b", "a8 b", "1,8 ab", "x\u0301 \u0301y", " s6  B9 ", ""]
    for text in texts:
        assert fold(text) == _fold_word(text)
