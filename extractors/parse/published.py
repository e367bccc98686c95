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
from chiso.extractors.phrases import DATE_LINE, PERIOD, PUBLISHED_ISO_LINE, PUBLISHED_LINE, TARGET_YEAR
from chiso.extractors.parse.folded import FoldedTexts

# A page's date line sits with its title, before the body.
_HEAD_LINES = 25
# Longer lines are sentences (`Ngày 21/02/2023, UBND tỉnh đã ban hành ...`), never a date line.
_MAX_DATE_LINE = 80


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
