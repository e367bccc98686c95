"""The letter's own number, never a document it cites (every sample copy of a letter agrees)."""

from __future__ import annotations

import pytest

from chiso.extractors.parse.letter import parse_letter_header

from conftest import read_sample


@pytest.mark.parametrize(("relative", "number", "date_text"), [
    # The HTML copy opens with its page description: `Căn cứ Quyết định số 766/QĐ-TTg …`.
    ("html/000_44dc49058ad32f91.html", "193/UBND-KSTTHC", "17/01/2025"),
    ("000_44dc49058ad32f91.txt", "193/UBND-KSTTHC", "17/01/2025"),
    ("pdf/000_44dc49058ad32f91.pdf", "193/UBND-KSTTHC", "17/01/2025"),
    # A news item relays the letter: `vừa có Công văn số 1444/UBND-KSTTHC`.
    ("002_8b158e9477e47ea4.txt", "1444/UBND-KSTTHC", None),
    ("html/004_4fe8e530b83874ca.html", "1986/UBND-KSTT", "08/3/2023"),
])
def test_letter_number_is_its_own(relative, number, date_text):
    header = parse_letter_header(read_sample(relative))
    assert (header.number, header.date_text) == (number, date_text)
