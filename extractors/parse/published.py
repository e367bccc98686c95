"""The page's own publication date, for texts that relay a letter without its header.

News and portal items print figures `tính đến ngày 14/6` or for `tháng 9` without a year; the
year comes from the page: a date line near the title (`Thứ Hai, 03/10/2022 08:30`) first, then
the date the reader found in the page's metadata (`article:published_time`), as CONTRACT.md
orders them. The date the page was fetched is the caller's last resort, not this module's.
"""

from __future__ import annotations

from extractors.model import Document
from extractors.phrases import PUBLISHED_LINE
from normalize.text import fold

# A page's date line sits with its title, before the body.
_HEAD_LINES = 25


def find_published_date(doc: Document) -> str | None:
    """`dd/mm/yyyy` of the page's printed date line, else the reader's metadata date."""
    for i, line in enumerate(doc.lines()):
        if i >= _HEAD_LINES:
            break
        m = PUBLISHED_LINE.pattern.match(fold(line.text.strip()))
        if m:
            return f"{int(m['d']):02d}/{int(m['m']):02d}/{m['y']}"
    return doc.published_text
