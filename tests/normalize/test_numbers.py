"""Vietnamese numbers decided by context, with cases copied from the seeds."""

from __future__ import annotations

import pytest

from chiso.extractors.model import NumberKind as K
from chiso.normalize.numbers import NumberError, OnError, parse_number


@pytest.mark.parametrize("text, kind, expected", [
    ("242.300", K.COUNT, 242300),        # 000 PHỤ LỤC 1, hồ sơ
    ("62.28", K.SCORE, 62.28),           # 000 body
    ("58,3", K.SCORE, 58.3),             # 001 OCR body
    ("304,285", K.COUNT, 304285),        # 004 tài khoản
    ("8.424", K.SCORE, 8.424),           # 003 PAR score out of 8.5
    ("13.488", K.SCORE, 13.488),         # 003
    ("1.029.961", K.COUNT, 1029961),     # 000 hồ sơ
    ("11.212", K.COUNT, 11212),          # 000 PHỤ LỤC 3
    ("6.566", K.COUNT, 6566),            # 000 change of a count
    ("-0.2", K.SCORE, -0.2),             # Giảm 0.2 điểm
    ("0", K.COUNT, 0),
    ("89,28", K.PERCENT, 89.28),         # 003 SIPAS
    ("91.00", K.PERCENT, 91.0),
    ("1.234,5", K.SCORE, 1234.5),
    ("0,586", K.SCORE, 0.586),
])
def test_parse_number(text, kind, expected):
    assert parse_number(text, kind) == pytest.approx(expected)


def test_scale_decides_a_lone_separator():
    assert parse_number("8.424", K.UNKNOWN, scale=8.5) == pytest.approx(8.424)
    assert parse_number("8.424", K.UNKNOWN) == 8424


def test_error_policy():
    with pytest.raises(NumberError):
        parse_number("Đang cập nhật", K.SCORE)
    assert parse_number("n/a", K.SCORE, on_error=OnError.NONE) is None
