"""The page's own publication date, for texts that relay a letter without its header.

News and portal items print figures `tính đến ngày 14/6` or for `tháng 9` without a year; the
year comes from the page: a date line near the title (`Thứ Hai, 03/10/2022 08:30`) first, then
the date the reader found in the page's metadata (`article:published_time`), as CONTRACT.md
orders them. The date the page was fetched is the caller's next resort, not this module's; a
page with none of these (a portal's print view, a file passed on by hand) still names its year
in its periods (`xếp hạng sở, ban, ngành năm 2024`), the last resort.
"""

from __future__ import annotations

from chiso.extractors.model import Document
from chiso.extractors.phrases import PERIOD, PUBLISHED_ISO_LINE, PUBLISHED_LINE, TARGET_YEAR
from chiso.extractors.parse.folded import FoldedTexts
from chiso.normalize.text import phrase

# A page's date line sits with its title, before the body.
_HEAD_LINES = 25
# Longer lines are sentences (`Ngày 21/02/2023, UBND tỉnh đã ban hành ...`), never a date line.
_MAX_DATE_LINE = 80

# Portals print the date among a clock, a weekday, a label, a time zone and a view count, in
# that order with the clock before or after, joined by commas, dashes or pipes (folded, a pipe
# is `l`): `10:20, Thứ Năm, 23-2-2023` (baoquangbinh.vn), `Thứ 4, ngày 13/05/2020 | 03:59 PM (GMT +7)`, `Cập nhật ngày:
# 14/12/2022 - 10:19`, `08:24 | 18/04/2024`, `Ngày đăng: 25/04/2024  13:52 Lượt xem: 413`. The line
# holds nothing else: a site's clock beside its menu (`Thứ tư 01/05/2024 13:17 24h qua English
# RSS`) or a line cut after its dash is not the article's date, and a two-digit year (`8-6-25`)
# is the day the page was viewed. A clock's `10:20` is a part of the line, never a date's.
_LABEL = (r"(?:ngay dang(?: tin)?|dang ngay|ngay cap nhat|cap nhat(?: ngay| luc)?|ngay xuat ban|xuat ban|thoi gian dang"
          r"|dang luc|dang)\s*:?\s*")
_WEEKDAY = r"(?:thu\s*(?:hai|ba|tu|nam|sau|bay|[2-7])|chu nhat|cn)"
_CLOCK = r"\d{1,2}[:h]\d{2}(?::\d{2})?(?:\s*(?:am|pm))?"
_ZONE = r"\(?\s*gmt\s*[+-]\s*\d{1,2}\s*\)?"
_VIEWS = r"luot xem\s*:?\s*\d[\d.,]*"
_JOIN = r"(?:\s*[,|\-–]\s*|\s+l\s+|\s+)"
DATE_LINE = phrase(
    "date_line",
    rf"^(?:{_CLOCK}{_JOIN})?(?:{_WEEKDAY}{_JOIN})?(?:{_LABEL})?(?:{_CLOCK}{_JOIN})?(?:ngay\s*:?\s*)?"
    r"(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>(?:19|20)\d{2})"
    rf"(?:{_JOIN}{_CLOCK})?(?:{_JOIN}?{_ZONE})?(?:{_JOIN}{_VIEWS})?\s*$",
    "10:20, thu nam, 23-2-2023", "thu hai, 06/03/2023 - 14:35", "cap nhat: 08:15 06/03/2023", "ngay dang: 23-02-2023 10:20",
    "cap nhat ngay: 14/12/2022 - 10:19", "08:24 l 18/04/2024", "thu 4, ngay 13/05/2020 l 03:59 pm (gmt +7)",
    "thu tu - 02/10/2024 09:14", "thu tu, 03/04/2024, 13:14 (gmt+7)", "ngay dang: 25/04/2024  13:52 luot xem: 413",
)


def find_published_date(doc: Document, folds: FoldedTexts) -> str | None:
    """`dd/mm/yyyy` of the page's printed date line, else the reader's metadata date."""
    for i, line in enumerate(doc.lines()):
        if i >= _HEAD_LINES:
            break
        folded = folds.of(line.text.strip())
        m = (PUBLISHED_LINE.pattern.match(folded) or PUBLISHED_ISO_LINE.pattern.match(folded)
             or len(folded) <= _MAX_DATE_LINE and DATE_LINE.pattern.match(folded))
        if m:
            return f"{int(m['d']):02d}/{int(m['m']):02d}/{m['y']}"
    return doc.published_text


def find_page_year(doc: Document, folds: FoldedTexts) -> int | None:
    """The latest year the text's periods name, leaving out spans (`Từ năm 2015 đến nay`),
    comparisons and targets (`đến năm 2030`): a yearless `Ngày 19/8` then falls in it."""
    years: list[int] = []
    for line in doc.lines():
        folded = folds.of(line.text)
        for m in PERIOD.pattern.finditer(folded):
            year = next((m[g] for g in ("my", "y", "iy", "qy", "wy", "ay") if m[g]), None)
            if year and not (m["cmp"] or m["span"] or TARGET_YEAR.pattern.search(folded, max(0, m.start() - 12), m.start())):
                years.append(int(year))
    return max(years, default=None)
