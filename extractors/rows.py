"""What a table row is: a header row, a data row, an identifier column.

Shared by every reader so a pipe table, a flattened table, an HTML table and a PDF table
get the same header/data split.
"""

from __future__ import annotations

from chiso.extractors.phrases import GROUP_NOT_UNIT, HAS_DIGIT, HEADER_START, NUMBERING_CELL, NUMERIC_CELL, ROW_CODE, UNIT_CODE, UNIT_NAME
from chiso.normalize.text import fold


def is_numbering_row(texts: list[str]) -> bool:
    """A row of column numbers such as `1=(2+3) | 2 | 3` or `(1) | (2) | (3)`."""
    texts = [t for t in texts if t.strip()]
    return bool(texts) and all(NUMBERING_CELL.pattern.match(fold(t.strip())) for t in texts)


def is_row_code(text: str) -> bool:
    """`1`, `2.1`, `2.4.1`, `I`, `1.`, `a)`: the STT of a row."""
    return bool(text) and bool(ROW_CODE.pattern.match(fold(text.strip())))


def follows_code(previous: str | None, code: str) -> bool:
    """Whether `code` may be the next row's code after `previous`: its first child or the
    next code at some level (`2.1` → `2.1.1`, `2.2`, `3`); under a second-level code any
    child, since letters skip criteria (`7.1` → `7.1.9`: a value `1.5` has no second dot); a
    Roman section or a lettered item may come anywhere, and the first row may have any code."""
    if previous is None:
        return True
    parts, before = _code_parts(code), _code_parts(previous)
    if parts is None or before is None:
        return True
    if parts == [*before, 1] or (len(before) >= 2 and len(parts) == len(before) + 1 and parts[:-1] == before):
        return True
    return any(parts == [*before[:k], before[k] + 1] for k in range(len(before)))


def _code_parts(code: str) -> list[int] | None:
    """`2.4.1` → [2, 4, 1]; `2 2` (a lost dot) → [2, 2]; None for `IV`, `a)`."""
    pieces = fold(code.strip()).rstrip(".").replace(" ", ".").split(".")
    return [int(p) for p in pieces] if all(p.isdigit() for p in pieces) else None


def count_header_rows(rows: list[list[str]]) -> int:
    """Header rows come first, starting with a header word (STT, TT), and last until the
    first data row: a row code or empty first cell, then a cell with digits."""
    first = [t for t in rows[0] if t]
    if not first or not HEADER_START.pattern.match(fold(first[0])):
        return 0
    n = 1
    while n < len(rows) and not is_data_row(rows[n]):
        n += 1
    return n


def is_data_row(row: list[str]) -> bool:
    if not row or not (row[0] == "" or is_row_code(row[0])) or is_numbering_row(row):
        return False
    return any(HAS_DIGIT.search(t) for t in row[1:])


def count_lead_columns(data_rows: list[list[str]]) -> int:
    """Identifier columns: the code column plus the columns that hold text, not numbers, in
    most data rows (name, and a unit-code column such as `000.00.36.H57`)."""
    width = max(len(r) for r in data_rows)
    lead = 1
    for c in range(1, width):
        folded = [fold(r[c]) for r in data_rows if c < len(r) and r[c]]  # each cell once (folding maps no space but spaces)
        if folded and sum(1 for t in folded if not NUMERIC_CELL.pattern.match(t) or UNIT_CODE.pattern.match(t.strip())) > len(folded) / 2:
            lead = c + 1
        else:
            break
    return lead


def is_unit_name(text: str) -> bool:
    """A row or sentence that names a unit (`UBND quận Tây Hồ`, `Sở Tư pháp`, `Ban Dân tộc`).
    `Số hoá hồ sơ` folds like `Sở ...`; only the published vowel tells them apart."""
    stripped = text.lstrip(" -+•*")
    folded = fold(stripped)
    if not UNIT_NAME.pattern.match(folded) or GROUP_NOT_UNIT.pattern.match(folded):
        return False
    return not (stripped[:1] in "Ss" and stripped[1:2] in "ốồổỗộôÔỐỒỔỖỘ6")
