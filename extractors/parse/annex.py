"""Annex tables (Phụ lục) → RawFacts.

An annex is a table after a heading (`PHỤ LỤC 2 / ĐIỂM TỔNG HỢP XẾP HẠNG UBND CÁC QUẬN, HUYỆN,
THỊ XÃ THÁNG 12/2024 / (Kèm theo văn bản số ...)`). Its header says what each column holds
(score, change, target, national average, count, percent, a year); its rows either name
indicators (`2 | Công khai, minh bạch | 10.4/18 điểm | Giảm 0.2 điểm`, with sub-rows 2.1, 2.2)
or units (`1 | UBND quận Tây Hồ | 89 | Tăng 0.92`). A cell may hold several numbers:
`242.300 (70.87%)` is a count and a percent, `36/37` a count of a total, `10.4/18 điểm` a
score of a maximum. Every number printed becomes one RawFact with its row as raw text.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from chiso.extractors.model import MENDED, UNREADABLE, ColumnRole, Document, Extractor, IndexFamily, Line, Measure, NumberKind, Provenance, RawFact, Table
from chiso.extractors.phrases import (
    ANNEX_HEADING, ATTACHED_TO, COLUMN_ROLES, COUNT_WORDS, DECIMAL_SHARE, DELTA, FAMILY_PAR, FAMILY_SIPAS, FRACTION, HAS_DIGIT, HEADER_YEAR,
    LABEL_COLUMN, LABEL_VALUE, NOTE_COLUMN, NUMBERS_ONLY, PERCENT, PERIOD, PLAIN_NUMBER, ROMAN, SCORE_OF, SIGNED_NUMBER,
    THOUSANDS, UNIT_CODE, UNIT_CODE_COLUMN, VALUE_PERCENT_IN_PARENS, RANK_FIRST_COLUMN, TOTAL_POINTS_COLUMN, INDEX_COLUMN, AVERAGE_ROW,
)
from chiso.extractors.parse.folded import FoldedTexts, fold_texts
from chiso.extractors.rows import is_row_code, is_unit_name
from chiso.normalize.text import fold

_TITLE_LINES = 6


@dataclass(frozen=True, slots=True)
class Column:
    index: int
    role: ColumnRole
    header: str
    period_text: str | None
    is_share: bool = False  # the index beside the points (`Chỉ số tổng hợp` after `Tổng điểm đạt được`): a percent


@dataclass(frozen=True, slots=True)
class Annex:
    table: Table
    title: str
    family: IndexFamily | None
    period_text: str | None
    columns: tuple[Column, ...]


@dataclass(frozen=True, slots=True)
class _Row:
    code: str | None
    label: str
    depth: int


def parse_annexes(doc: Document, folds: FoldedTexts | None = None) -> Iterator[RawFact]:
    """`folds` holds the letter's texts folded (`folded.fold_texts`), made here when not given."""
    folds = folds or fold_texts(doc)
    for annex in find_annexes(doc, folds):
        yield from read_annex_table(annex, doc, folds)


def find_annexes(doc: Document, folds: FoldedTexts | None = None) -> Iterator[Annex]:
    """Tables with a header row, each with the title lines printed above it."""
    folds = folds or fold_texts(doc)
    preceding: list[Line] = []
    for block in doc.blocks:
        if isinstance(block, Line):
            preceding.append(block)
            continue
        if block.header_rows() == 0:
            continue
        title_lines = _title_lines(preceding)
        preceding = []
        header_text = " ".join(c.text for c in block.cells if c.is_header)
        title = " ".join(title_lines)
        family = _family(fold(header_text)) or _family(fold(title))
        yield Annex(block, title, family, _period_in(fold(title)), tuple(_read_columns(block, folds)))


def _title_lines(preceding: list[Line]) -> list[str]:
    """Lines from the last `Phụ lục` heading, or the last few short heading-like lines."""
    recent = preceding[-_TITLE_LINES:]
    for i in range(len(recent) - 1, -1, -1):
        if ANNEX_HEADING.pattern.match(fold(recent[i].text)):
            return [line.text for line in recent[i:] if not ATTACHED_TO.pattern.match(fold(line.text))]
    return [line.text for line in recent[-3:] if not ATTACHED_TO.pattern.match(fold(line.text)) and len(line.text) < 200]


def _family(folded: str) -> IndexFamily | None:
    if FAMILY_SIPAS.pattern.search(folded):
        return IndexFamily.SIPAS
    if FAMILY_PAR.pattern.search(folded):
        return IndexFamily.PAR_INDEX
    return None


def _read_columns(table: Table, folds: FoldedTexts) -> Iterator[Column]:
    """Each column's role and period from its header path (merged cells included)."""
    n_header = table.header_rows()
    grid = table.grid(fill_spans=True, n_rows=n_header)
    headers = [" / ".join(dict.fromkeys(grid[r][c] for r in range(n_header) if grid[r][c])) for c in range(table.n_cols)]
    has_points = any(TOTAL_POINTS_COLUMN.pattern.search(fold(h)) for h in headers)
    body = _body_texts(table)
    for c, header in enumerate(headers):
        role = _column_role(c, fold(header), body.get(c, []), folds)
        share = has_points and role is ColumnRole.SCORE and bool(INDEX_COLUMN.pattern.match(fold(header).split(" / ")[-1]))
        yield Column(c, ColumnRole.PERCENT if share else role, header, _column_period(fold(header)), share)


def _body_texts(table: Table) -> dict[int, list[str]]:
    """The texts of each column's cells below its header, gathered in one pass: a column's
    role may read them, and going through the whole table once per column was a third of
    finding a letter's annexes."""
    body: dict[int, list[str]] = {}
    for cell in table.cells:
        if not cell.is_header:
            body.setdefault(cell.col, []).append(cell.text)
    return body


def _column_role(index: int, folded: str, texts: list[str], folds: FoldedTexts) -> ColumnRole:
    """`texts` are the column's cells below the header."""
    if index == 0:
        # A ranking printed with its rank first (`Xếp hạng | Các bộ, cơ quan ngang bộ | ...`).
        return ColumnRole.RANK if RANK_FIRST_COLUMN.pattern.match(folded) else ColumnRole.CODE
    if NOTE_COLUMN.pattern.match(folded):
        return ColumnRole.NOTE
    if UNIT_CODE_COLUMN.pattern.search(folded) or _holds_unit_codes(texts, folds):
        return ColumnRole.UNIT_CODE
    if index == 1 or (LABEL_COLUMN.pattern.match(folded) and not _holds_numbers(texts)):
        return ColumnRole.LABEL
    for role, phrase in COLUMN_ROLES:
        if phrase.pattern.search(folded):
            return ColumnRole(role)
    return ColumnRole.VALUE


def _holds_unit_codes(texts: list[str], folds: FoldedTexts) -> bool:
    return bool(texts) and sum(1 for t in texts if UNIT_CODE.pattern.match(folds.of(t))) > len(texts) / 2


def _holds_numbers(texts: list[str]) -> bool:
    return bool(texts) and sum(1 for t in texts if NUMBERS_ONLY.pattern.match(t)) > len(texts) / 2


def _column_period(folded: str) -> str | None:
    period = _period_in(folded)
    if period:
        return period
    m = HEADER_YEAR.pattern.search(folded)
    return f"nam {m.group('y')}" if m and "so voi" not in folded[:m.start()] else None


def _period_in(folded: str) -> str | None:
    for m in PERIOD.pattern.finditer(folded):
        if not m.group("cmp") and not m.group("trailing") and not m.group("span"):
            return m.group(0)
    return None


def read_annex_table(annex: Annex, doc: Document, folds: FoldedTexts | None = None) -> Iterator[RawFact]:
    table = annex.table
    grid = table.grid()
    folds = folds or fold_texts(doc)
    folded_grid = [[folds.of(text) for text in cells] for cells in grid]  # each cell folded once, read many times
    stack: list[_Row] = []
    label_col = next((c.index for c in annex.columns if c.role is ColumnRole.LABEL), 1)
    code_col = next((c.index for c in annex.columns if c.role is ColumnRole.UNIT_CODE), None)
    previous_code: str | None = None
    body = table.header_rows()
    row_texts = table.row_texts()
    fractions = {c.index: _column_fractions(grid[body:], folded_grid[body:], c.index) for c in annex.columns}
    decimals = {c.index: _column_decimals(grid[body:], folded_grid[body:], c.index) for c in annex.columns}
    has_fractions = any(fractions.values())
    value_columns = [c for c in annex.columns if c.role not in _NOT_VALUES]
    # Only a column of fractions or of a common number of decimals can mend a cell (`_mend`).
    mendable = {c.index for c in value_columns if fractions[c.index] or decimals[c.index] is not None}
    for r in range(body, table.n_rows):
        cells, folded_cells = grid[r], folded_grid[r]
        label = cells[label_col] if label_col < len(cells) else ""
        if not label and not any(cells):
            continue
        if AVERAGE_ROW.pattern.match((folded_cells[label_col] if label_col < len(cells) else "").strip()):
            continue  # `Trung bình 84.38` under a ranking: the units' average, no unit's
        code = _mend_code(cells[0], previous_code, next((a.code for a in stack if a.depth == 0), None))
        previous_code = code or previous_code
        row = _Row(code, label, _depth(code, stack))
        while stack and stack[-1].depth >= row.depth:
            stack.pop()
        group = next((a for a in stack if a.depth >= 1), stack[0] if stack else None)
        subject = label if is_unit_name(label) else None
        row_fact = _RowFacts(doc.doc_id, annex.family, label, row_texts[r], doc.extractor, table.row_provs[r], subject,
                             cells[code_col] if code_col is not None and cells[code_col] else None, code,
                             group.label if group and not subject else None, group.code if group and not subject else None,
                             annex.title)
        values: list[tuple[Column, Measure, str, NumberKind]] = []
        # A maximum printed beside the cell (`3,0/12` then `3,712` for `3,7/12`) is one too.
        row_fractions = fractions
        if has_fractions:  # read only where a column prints fractions
            beside = _denominators(folded_cells)
            row_fractions = {k: (*of, *beside) if of else of for k, of in fractions.items()}
        mended_cells: dict[int, str] = {}
        for column in value_columns:
            text, folded = (cells[column.index], folded_cells[column.index]) if column.index < len(cells) else ("", "")
            mended = mended_cells[column.index] = (_mend(text, folded, column, row_fractions, decimals) if column.index in mendable
                                                   else text)
            numbers = _bounded(read_cell(folded if mended == text else fold(mended), column.role))
            values.extend((column, *number) for number in numbers)
            if not numbers and HAS_DIGIT.search(text):
                # Digits but no number (OCR's `77.8?`): kept so it is recorded, never loaded.
                yield row_fact(_measure_for(column.role, Measure.SCORE), text, NumberKind.UNKNOWN, column.header, None, (UNREADABLE,))
        for column, measure, value, kind in _count_deltas(values):
            mark = (MENDED,) if mended_cells[column.index] != cells[column.index] else ()
            mark += ("share",) if column.is_share else ()
            yield row_fact(measure, value, kind, column.header, column.period_text or annex.period_text, mark)
        if not values:
            for measure, value, kind in _label_value(label):
                yield row_fact(measure, value, kind, None, annex.period_text, ())
        if not subject:
            stack.append(row)


@dataclass(frozen=True, slots=True)
class _RowFacts:
    """What every number of one annex row shares; called with what is the number's own, it is
    that number's RawFact, built by position: eighteen keywords, each matched by name, cost as
    much again as the fact."""

    doc_id: str
    family: IndexFamily | None
    label: str
    raw_text: str
    extractor: Extractor
    prov: Provenance
    subject: str | None
    subject_code: str | None
    code: str | None
    group_label: str | None
    group_code: str | None
    context: str

    def __call__(self, measure: Measure, value: str, kind: NumberKind, column: str | None, period_text: str | None,
                 tags: tuple[str, ...]) -> RawFact:
        return RawFact(self.doc_id, self.family, measure, value, kind, self.label, self.raw_text, self.extractor, self.prov,
                       self.subject, self.subject_code, self.code, self.group_label, self.group_code, column, self.context,
                       period_text, tags)


def _column_fractions(rows: list[list[str]], folded_rows: list[list[str]], index: int) -> tuple[str, ...]:
    """The denominators printed in a column whose cells are mostly fractions (`2/12`,
    `10.4/18 điểm`): the maxima and rank totals a damaged cell of it may be read against."""
    texts = [folded[index] for row, folded in zip(rows, folded_rows) if index < len(row) and row[index]]
    found = _denominators(texts)
    return tuple(dict.fromkeys(found)) if len(found) * 2 > len(texts) else ()


def _denominators(folded_texts: list[str]) -> list[str]:
    """The denominator of every fraction among the (folded) texts (`2/12` → 12, `8,8/18 điểm` → 18)."""
    texts = [t.strip() for t in folded_texts if "/" in t]  # a fraction's slash: most cells have none
    found = [m.group("of") for t in texts if (m := FRACTION.pattern.match(t.rstrip(" diem")))]
    return found + [m.group("max") for t in texts if (m := SCORE_OF.pattern.fullmatch(t))]


def _column_decimals(rows: list[list[str]], folded_rows: list[list[str]], index: int) -> int | None:
    """How many decimals a column of shares or scores prints when most of its cells print the
    same number (`89.28`, `>91.00` → 2): the shape a cell that lost its point is read against."""
    texts = [folded[index].strip() for row, folded in zip(rows, folded_rows) if index < len(row) and row[index].strip()]
    shapes = [len(m.group("decimals")) for t in texts if (m := DECIMAL_SHARE.pattern.match(t))]
    common = max(set(shapes), key=shapes.count) if shapes else None
    return common if common is not None and shapes.count(common) * 2 > len(texts) else None


def _mend(text: str, folded: str, column: Column, fractions: dict[int, tuple[str, ...]], decimals: dict[int, int | None]) -> str:
    """A cell as the letter printed it, where OCR lost a slash or a point that its column
    fixes; `folded` is `fold(text)`."""
    slashed = _mend_lost_slash(text, folded, column, fractions)
    return _mend_lost_point(slashed, folded if slashed == text else fold(slashed), decimals.get(column.index))


def _mend_lost_point(text: str, folded: str, decimals: int | None) -> str:
    """`8947` in a column of shares printed `89.28`, `88.51` (or `9333%` among `90.12%`): the
    point OCR lost, put back where the column prints it (`89.47`, `93.33%`); a share has at most two digits before its point,
    so the reading is the only one. A number that fits the column is left as printed."""
    folded = folded.strip()
    digits = folded.rstrip("% ")
    if decimals is None or not digits.isdigit() or not decimals < len(digits) <= decimals + 2 or int(digits) <= 100:
        return text
    return f"{digits[:-decimals]}.{digits[-decimals:]}" + ("%" if folded.endswith("%") else "")


def _bounded(numbers: list[tuple[Measure, str, NumberKind]]) -> list[tuple[Measure, str, NumberKind]]:
    """A rank above its total or a score above its maximum is no reading (OCR's `88/18` for
    `8,8/18`): nothing is returned, so the cell is mended or refused."""
    if len(numbers) < 2:
        return numbers  # a plain number, most cells: no pair to compare
    values = {m: _small_number(v) for m, v, _ in numbers}
    for value, bound in ((Measure.RANK, Measure.RANK_OF), (Measure.SCORE, Measure.MAX_SCORE)):
        low, high = values.get(value), values.get(bound)
        if low is not None and high is not None and low > high:
            return []
    return numbers


def _small_number(text: str) -> float | None:
    """`8,8` or `8.8` → 8.8: scores and ranks have no thousands."""
    try:
        return float(text.replace(",", "."))
    except ValueError:
        return None


# Columns that print no value of the row: its code, label, unit code and notes.
_NOT_VALUES = (ColumnRole.CODE, ColumnRole.LABEL, ColumnRole.UNIT_CODE, ColumnRole.NOTE)
# Columns whose fractions are a part of a whole with a total of its own on every row (a rank
# of 19 districts, 4 of a district's 19 units): the whole is no column-wide maximum.
_PART_OF_WHOLE = (ColumnRole.RANK, ColumnRole.COUNT, ColumnRole.PERCENT)


def _mend_lost_slash(text: str, folded: str, column: Column, fractions: dict[int, tuple[str, ...]]) -> str:
    """A cell of a column of fractions that lost its slash or decimal comma to OCR, mended when
    one reading only is possible: rank `419` is `4/19` (`41/9` would rank 41st of 9), `212`
    is `2/12` (ranks may have any total), and so are counts of a whole (`Đã triển khai`
    `4/19` units: 41 of 9 is none); score `8.818` and `88/18` are `8,8/18` where the column
    prints maxima of 18. Otherwise the cell is returned as printed, with a slash-free reading
    that `read_cell` refuses, so it is recorded as unreadable, never loaded as a wrong number."""
    cell = folded
    folded = folded.strip()
    denominators = fractions.get(column.index, ())
    if not denominators or (("/" in folded) and _bounded(read_cell(cell, column.role))):
        return text
    digits = "".join(ch for ch in folded.split(" diem")[0] if ch.isdigit())
    head = folded.split(" diem")[0]
    if not digits or any(ch not in "0123456789.,/ " for ch in head):
        return text
    readings = set()
    if column.role in _PART_OF_WHOLE:
        denominators = tuple(digits[k:] for k in range(1, len(digits)) if digits[k] != "0")
    for of in denominators:
        of_digits = "".join(ch for ch in of if ch.isdigit())
        if not digits.endswith(of_digits) or len(digits) == len(of_digits):
            continue
        value = digits[:-len(of_digits)]
        for candidate in _readings(value, column.role):
            if 0 < float(candidate.replace(",", ".")) <= float(of.replace(",", ".")) and not (len(value) > 1 and value[0] == "0" and "," not in candidate):
                readings.add(f"{candidate}/{of}")
    if len(readings) == 1:
        return readings.pop() + (" điểm" if " diem" in folded else "")
    return f"{head.replace('/', '')}?" if "/" in head or readings else text


def _readings(value: str, role: ColumnRole) -> list[str]:
    """The ways digits may have been printed: a rank or a count as is; a score as is or with
    one decimal comma anywhere."""
    if role in _PART_OF_WHOLE:
        return [value]
    return [value, *(f"{value[:k]},{value[k:]}" for k in range(1, len(value)))]


def _count_deltas(values: list[tuple[Column, Measure, str, NumberKind]]) -> list[tuple[Column, Measure, str, NumberKind]]:
    """A change printed beside a count is a count too: `1.004.398 | Tăng 6.566` is 6566 more
    queries, not 6.566 points."""
    if not any(m is Measure.COUNT for _, m, _, _ in values) or any(m is Measure.SCORE for _, m, _, _ in values):
        return values
    return [(c, m, v, NumberKind.COUNT if m is Measure.DELTA and k is NumberKind.SCORE else k) for c, m, v, k in values]


def _normalise_code(text: str) -> str | None:
    """`2 2` (a lost dot) → `2.2`; `1.` → `1`; Roman numerals upper-case, OCR's `l` for `I`
    mended (`lÌ` → `II`: no letter has fifty sections)."""
    text = text.strip()
    if not is_row_code(text):
        return None
    text = ".".join(text.split()).rstrip(".")
    roman = fold(text)
    return roman.replace("l", "i").upper() if ROMAN.pattern.match(roman) else text


def _mend_code(text: str, previous: str | None, section: str | None = None) -> str | None:
    """OCR damages the codes that place a row under its criterion: dots dropped (`74` after
    `7.3` is `7.4`, `41` after `4` is `4.1`), a digit read as a letter (`ø.4.2` after
    `6.4.1`, `H` after `6`; a bullet `-` is no digit), the strokes of a Roman section read as other glyphs (`Ú)` or `[II` after
    section `I` and its criteria). A damaged code that fits a code the previous row leads to
    is that code."""
    code = _normalise_code(text)
    if code is not None and "." in code:
        return code
    raw = text.strip().rstrip(".")
    following = _next_roman(section)
    if following and code != following and not raw[:1].islower() and _misread_roman(raw, following):
        return following
    for candidate in _next_codes(previous):
        if code is not None and code == candidate.replace(".", ""):
            return candidate
        if code is None and ("." in candidate or raw.isalpha()) and _misread_as(raw, candidate):
            return candidate
    return code


def _next_codes(previous: str | None) -> list[str]:
    """The codes that may follow `previous`: its first child, then the next code at each
    level up (`7.2.1` → `7.2.1.1`, `7.2.2`, `7.3`, `8`)."""
    if previous is None or not previous.replace(".", "").isdigit():
        return []
    parts = previous.split(".")
    return [f"{previous}.1"] + [".".join([*parts[:i], str(int(parts[i]) + 1)]) for i in range(len(parts) - 1, -1, -1)]


def _next_roman(section: str | None) -> str | None:
    """The Roman section after `section` (`I` → `II`, `IV` → `V`), None past XXXIX."""
    return _NEXT_ROMAN.get(section) if section else None


# I to XXXIX in order.
_ROMANS = tuple(t + u for t in ("", "X", "XX", "XXX") for u in ("", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"))[1:]
_NEXT_ROMAN = dict(zip(_ROMANS, _ROMANS[1:]))


def _misread_roman(raw: str, numeral: str) -> bool:
    """`Ú)` for `II`, `[II` for `III`: as many glyphs as the numeral, no digit, a V or X
    printed where the numeral has one, any glyph where it has a stroke I."""
    if len(raw) != len(numeral) or any(ch.isdigit() for ch in raw) or raw == numeral:
        return False
    return all(n == "I" or fold(r) == n.lower() for r, n in zip(raw, numeral))


def _misread_as(raw: str, code: str) -> bool:
    """`ø.4.2` is `6.4.2` with one digit read as something else; dots stay where they are."""
    if len(raw) != len(code):
        return False
    differences = [(r, c) for r, c in zip(raw, code) if r != c]
    return len(differences) == 1 and differences[0][1] != "." and not differences[0][0].isdigit() and differences[0][0] not in ". "


def _depth(code: str | None, stack: list[_Row]) -> int:
    """Roman sections (I, II) are above numbered criteria (1, 2), which are above 2.1, 2.1.1;
    a row without a code sits under the current row."""
    if code is None:
        return (stack[-1].depth + 1) if stack else 1
    if ROMAN.pattern.match(code.lower()):
        return 0
    return 1 + code.count(".")


def read_cell(folded: str, role: ColumnRole) -> list[tuple[Measure, str, NumberKind]]:
    """The numbers printed in one cell (folded), each with what it measures (see module docstring)."""
    folded = folded.strip().lstrip("><=≥≤~ ").rstrip(".,;: ")
    if not folded:
        return []
    if role is ColumnRole.DELTA:
        m = DELTA.pattern.search(folded)
        if m and m.group("same"):
            return [(Measure.DELTA, "0", NumberKind.SCORE)]
        if m:
            kind = NumberKind.PERCENT if m.group("unit") == "%" else _kind_of_plain(m.group("value"), NumberKind.SCORE)
            return [(Measure.DELTA, ("-" if m.group("dir") != "tang" else "") + m.group("value"), kind)]
        m = SIGNED_NUMBER.pattern.match(folded)
        kind = NumberKind.PERCENT if m and m.group("pct") else NumberKind.SCORE
        return [(Measure.DELTA, ("-" if m.group("sign") == "-" else "") + m.group("value"), kind)] if m else []
    # A share needs its `%`, a fraction its slash: most cells print a plain number, for which
    # these patterns are not tried.
    m = VALUE_PERCENT_IN_PARENS.pattern.match(folded) if "%" in folded else None
    if m:
        return [(Measure.COUNT, m.group("value"), NumberKind.COUNT), (Measure.PERCENT, m.group("pct"), NumberKind.PERCENT)]
    m = (SCORE_OF.pattern.fullmatch(folded) or FRACTION.pattern.match(folded)) if "/" in folded else None
    if m:
        return _fraction(m.group("value"), m.group("max") if "max" in m.groupdict() else m.group("of"), role)
    m = PERCENT.pattern.match(folded) if "%" in folded else None
    if m:
        return [(_measure_for(role, Measure.PERCENT), m.group("value"), NumberKind.PERCENT)]
    m = PLAIN_NUMBER.pattern.match(folded)
    if m:
        word = m.group("word").strip()
        if word == "diem":
            return [(_measure_for(role, Measure.SCORE), m.group("value"), NumberKind.SCORE)]
        if COUNT_WORDS.search(word) or (role in (ColumnRole.SCORE, ColumnRole.VALUE) and THOUSANDS.pattern.match(m.group("value"))):
            return [(Measure.COUNT, m.group("value"), NumberKind.COUNT)]
        measure = _measure_for(role, _PLAIN_MEASURES.get(role, Measure.SCORE))
        return [(measure, m.group("value"), _PLAIN_KINDS.get(measure, NumberKind.SCORE))]
    return []


def _fraction(value: str, of: str, role: ColumnRole) -> list[tuple[Measure, str, NumberKind]]:
    if role is ColumnRole.NATIONAL_AVERAGE:
        return [(Measure.NATIONAL_AVERAGE, value, NumberKind.SCORE)]
    if role is ColumnRole.RANK:
        return [(Measure.RANK, value, NumberKind.RANK), (Measure.RANK_OF, of, NumberKind.RANK)]
    if role in (ColumnRole.COUNT, ColumnRole.PERCENT):
        return [(Measure.COUNT, value, NumberKind.COUNT), (Measure.COUNT_OF, of, NumberKind.COUNT)]
    return [(_measure_for(role, Measure.SCORE), value, NumberKind.SCORE), (Measure.MAX_SCORE, of, NumberKind.SCORE)]


# What a plain number measures in a column of each role, and the kind of number it is.
_PLAIN_MEASURES = {ColumnRole.COUNT: Measure.COUNT, ColumnRole.PERCENT: Measure.PERCENT}
_PLAIN_KINDS = {Measure.COUNT: NumberKind.COUNT, Measure.PERCENT: NumberKind.PERCENT, Measure.RANK: NumberKind.RANK}
# The roles whose measure no cell's form changes.
_FIXED_MEASURES = {
    ColumnRole.TARGET: Measure.TARGET, ColumnRole.MAX_SCORE: Measure.MAX_SCORE,
    ColumnRole.NATIONAL_AVERAGE: Measure.NATIONAL_AVERAGE, ColumnRole.RANK: Measure.RANK,
}


def _measure_for(role: ColumnRole, default: Measure) -> Measure:
    """A column's role overrides what the cell's form suggests (a `%` in a target column is
    a target), except in plain score/value columns where the form decides."""
    return _FIXED_MEASURES.get(role, default)


def _kind_of_plain(value: str, default: NumberKind) -> NumberKind:
    return NumberKind.COUNT if THOUSANDS.pattern.match(value) else default


def _label_value(label: str) -> list[tuple[Measure, str, NumberKind]]:
    """`Tỷ lệ hài lòng trong xử lý phản ánh, kiến nghị: 94%` carries its value in the label."""
    m = LABEL_VALUE.pattern.search(fold(label))
    if not m:
        return []
    if m.group("word").strip() == "%":
        return [(Measure.PERCENT, m.group("value"), NumberKind.PERCENT)]
    return [(Measure.COUNT, m.group("value"), NumberKind.COUNT)]
