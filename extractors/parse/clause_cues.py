"""What the words around a figure name: its index (family), its period, and its asides.

A letter names the index and the period once and states many figures after them (`Chỉ số
PAR INDEX năm 2023 của tỉnh đạt 85,1%, tăng 2 bậc`); these read the cue said last before a
figure, or the one its clause names after it, on the folded passage.
"""

from __future__ import annotations

from chiso.extractors.model import IndexFamily
from chiso.extractors.phrases import (
    AREA_NAMED_AFTER, ASIDE_VALUE, CLAUSE_BREAK, FAMILY_OTHER, FAMILY_PAR, FAMILY_SERVICE_CUE, FAMILY_SIPAS, INDEX_WORD, PARENTHESIS,
    PERIOD, TARGET_YEAR, THIS_YEAR,
)

# Another index's figure (PCI, PAPI) shares the sentence: never loaded, never filed under ours.
OTHER_INDEX = object()


def read_family(folded_clause: str) -> IndexFamily | object | None:
    """The index cue said last before the number: PAR INDEX, SIPAS, the service index, or
    another index (`OTHER_INDEX`)."""
    cues = [(m.start(), family) for phrase, family in _FAMILY_CUES for m in phrase.pattern.finditer(folded_clause)]
    return max(cues, key=lambda cue: cue[0])[1] if cues else None


_FAMILY_CUES = ((FAMILY_PAR, IndexFamily.PAR_INDEX), (FAMILY_SIPAS, IndexFamily.SIPAS),
                (FAMILY_SERVICE_CUE, IndexFamily.SERVICE_INDEX), (FAMILY_OTHER, OTHER_INDEX))


def names_index(folded: str) -> bool:
    """Whether the text names an index: a list's `Sở X đạt 85,1%` is a result only under one."""
    return bool(FAMILY_PAR.pattern.search(folded) or FAMILY_SIPAS.pattern.search(folded) or INDEX_WORD.pattern.search(folded))


def read_period(folded: str, before: int, asides: list[tuple[int, int]]) -> str | None:
    """The last period named before the number, skipping `so với <period>` comparisons,
    spans (`Từ năm 2015 đến nay`) and asides closed before the number: in `tăng 1,2% (năm 2021
    là 85,40%), xếp thứ 5`, 2021 dates 85,40 alone. `Năm nay` said after it is the text's own
    year, which the resolver reads from the letter's first period."""
    closed = [(start, end) for start, end in asides if end < before]
    last, last_end = None, 0
    for m in PERIOD.pattern.finditer(folded, 0, before):
        if m.group("cmp") or m.group("trailing") or m.group("span"):
            continue
        if not any(start < m.start() < end for start, end in closed):
            last, last_end = m.group(0), m.end()
    if "nam nay" in folded and (m := THIS_YEAR.pattern.search(folded, last_end, before)) \
            and not any(start < m.start() < end for start, end in closed):
        return m.group(0)  # the resolver dates it by the letter's own period
    return last


def read_period_after(folded: str, after: int, asides: list[tuple[int, int]]) -> str | None:
    """A period named only after the number, in its clause: `Tỉnh Quảng Trị đạt 84,12 điểm Chỉ
    số cải cách hành chính năm 2023`; read when the text names none before it (comparisons,
    spans, targets, asides and dates of a day are no such period)."""
    clause_end = next((m.start() for m in CLAUSE_BREAK.finditer(folded, after)), len(folded))
    for m in PERIOD.pattern.finditer(folded, after, clause_end):
        named = any(m.group(g) for g in _NAMED_PERIODS)  # not a dateline: `Ngày 19-4, Bộ Nội vụ đã công bố`
        if named and not (m.group("cmp") or any(start < m.start() < end for start, end in asides)
                          or TARGET_YEAR.pattern.search(folded, max(0, m.start() - 12), m.start())):
            return m.group(0)
    return None


_NAMED_PERIODS = ("year", "iyear", "month", "quarter", "week")


def find_asides(folded: str) -> list[tuple[int, int]]:
    """Spans of the passage's parentheses that hold a value of their own (`(năm 2021 là
    85,40%)`), found once per passage; a name in parentheses (`(PAR Index 2024)`) is none."""
    spans: list[tuple[int, int]] = []
    opened: list[int] = []
    for paren in PARENTHESIS.finditer(folded):  # only the brackets, not every character
        i = paren.start()
        if paren.group() == "(":
            opened.append(i)
        elif opened:
            start = opened.pop()
            if ASIDE_VALUE.pattern.search(folded, start, i):
                spans.append((start, i))
    return spans


def read_area_after(folded: str, end: int) -> str | None:
    """`được đánh giá 11.50/12 điểm, đạt 95.83% về Chỉ số thành phần Chỉ đạo, điều hành CCHC`: the
    area a clause names after its figures, for the resolver to read the code from."""
    clause_end = next((m.start() for m in CLAUSE_BREAK.finditer(folded, end)), len(folded))
    m = AREA_NAMED_AFTER.pattern.search(folded, end, clause_end)
    return folded[m.start():clause_end].rstrip(" .;,") if m else None
