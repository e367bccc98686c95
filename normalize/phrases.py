"""The phrase catalogue of the normalisers: number, date and period shapes on folded text.

Each pattern is compiled once and lists real examples; `tests/test_phrases.py`
runs every example.
"""

from __future__ import annotations

from chiso.normalize.text import phrase as _phrase


NUMBER_TEXT = _phrase("number_text", r"^[+-]?\d[\d.,]*$", "242.300", "-0.2", "58,3")
WEEK = _phrase("week", r"tuan\s*(?:thu\s*)?(?P<w>\d{1,2})\s*(?:[/-]|\s+nam\s+)\s*(?P<y>\d{4})", "tuan 03/2024", "tuan thu 5 nam 2025")
QUARTER = _phrase("quarter", r"quy\s*(?P<q>iv|iii|ii|i|[1-4])\s*(?:[/-]|\s+nam\s+)\s*(?P<y>\d{4})", "quy i/2024", "quy 3 nam 2023")
# Also a value's date in parentheses (`(ngày 27/3/2023 tỉnh đạt 65.2/100 điểm)`) or a data time
# (`Số liệu tại thời điểm 17h00 ngày 31/5/2023`); a decision's date (`766/QĐ-TTg ngày 23/6/2022`) is none.
AS_OF = _phrase("as_of", r"(?:tinh den(?: het)?|\(|(?:so lieu|thoi diem)[^()]{0,16}?)\s*ngay\s*(?P<d>\d{1,2})\s*[/-]\s*(?P<m>\d{1,2})\s*[/-]\s*(?P<y>\d{4})",
                "tinh den ngay 29/8/2025", "(ngay 27/3/2023 tinh dat", "so lieu tai thoi diem 17h00 ngay 31/5/2023")
# Relayed figures drop the year: `tính đến ngày 14/6`, `số liệu lúc 16h30 ngày 30/9`, `tháng 9`.
# A news item's dateline (`Ngày 19/8, Văn phòng UBND tỉnh đã công bố ...`) dates its figures too.
AS_OF_NO_YEAR = _phrase("as_of_no_year", r"(?:(?:tinh den(?: het)?|so lieu(?: luc [0-9hg: ]{0,8})?|cap nhat(?: luc [0-9hg: ]{0,8})?|den) ngay|(?<![\w/])(?<!den )(?<!tu )ngay(?=\s*\d{1,2}\s*[/-]\s*\d{1,2}\s*,))"
                        r"\s*(?P<d>\d{1,2})\s*[/-]\s*(?P<m>\d{1,2})(?!\s*[/-]?\s*\d)",
                        "tinh den ngay 14/6", "so lieu luc 16h30 ngay 30/9", "ngay 19/8, van phong ubnd tinh")
MONTH_NO_YEAR = _phrase("month_no_year", r"(?<![\d ]\s)(?<!\d)thang\s*(?P<m>1[0-2]|0?[1-9])(?!\s*[/-]?\s*\d|\s+nam\s+\d)", "thang 9", "ket qua thang 10 cua tinh")
# A week printed without its year (`tuần thứ 47`), as weekly notices relayed by the press do.
WEEK_NO_YEAR = _phrase("week_no_year", r"(?<!\w)tuan\s*(?:thu\s*)?(?P<w>[1-4]\d|5[0-3]|0?[1-9])(?!\s*[/-]?\s*\d|\s+nam\s+\d)", "(tuan thu 47)", "tuan 5 vua qua")
MONTH = _phrase("month", r"thang\s*(?P<m>\d{1,2})\s*(?:[/-]|\s+nam\s+)\s*(?P<y>\d{4})", "thang 12/2024", "thang 4-2024", "thang 03 nam 2025")
# Six months, nine months of a year: no grain of the contract holds them.
PART_OF_YEAR = _phrase("part_of_year", r"\b[369]\s*thang\s*(?:dau\s*|cuoi\s*)?nam\s*(?:19|20)\d{2}",
                       "6 thang dau nam 2025", "9 thang nam 2024", "6 thang cuoi nam 2024")
YEAR = _phrase("year", r"(?:nam|par\s*-?\s*index|sipas)\s*(?P<y>(?:19|20)\d{2})", "nam 2022", "par index 2023", "sipas 2021")
DATE = _phrase("date", r"(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})\s*/\s*(?P<y>\d{4})", "17/01/2025", "2/4/2025")
