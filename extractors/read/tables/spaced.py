"""Tables printed with one space between cells: a row is one line of words.

A table pasted as text, or printed by a tool that lost its columns, keeps its cells in order
but not where one ends and the next begins:

    STT Tên đơn vị Số điểm Tăng/giảm so với tháng 11
    12 UBND huyện Thanh Oai 71.21 Giảm 0.86

The cells are recovered from their shapes, as a reader does: the row code first, then the
name's words, then the value cells (a number with its sign, direction, unit word or share in
parentheses, or a grade), then any text column such as `Chủ trì tham mưu`. The header is cut
where a cell visibly starts (a capitalised word after lower-case ones: `Số điểm | Tăng/giảm`)
into as many cells as the rows have, and a header of several lines (a merged header printed
row by row) goes to `rebuild_header` like any portal export. Empty cells print nothing, so a
row with fewer values fills the value columns from the left (`1 Sở Tư pháp 11.212` under
`Tổng | Cấp huyện | Cấp xã`). In a PDF a line that reaches the right edge of the text wraps
onto the next line, and the two are one row.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from chiso.extractors.model import Provenance, Table
from chiso.extractors.phrases import (
    ANNEX_HEADING, ATTACHED_TO, HEADER_START, NOTE_COLUMN, SPACED_DIRECTION, SPACED_GRADE, SPACED_NUMBER,
    SPACED_SAME, SPACED_UNIT_WORD, UNIT_CODE, UNIT_CODE_COLUMN,
)
from chiso.extractors.read.tables.grid import build_table
from chiso.extractors.read.tables.wrapped import wrapping_lines
from chiso.extractors.rows import follows_code, is_numbering_row, is_row_code
from chiso.normalize.text import fold, normalize_text

# At most this many header lines above the first row (a three-row merged header and its
# numbering row, each possibly wrapped once).
_MAX_HEADER_LINES = 8
# A PDF line ending this close to the right edge of the text (share of its width) wrapped,
# judged against the next this many lines.
_WRAP_MARGIN = 0.12
_WRAP_REACH = 200
# A row code and a label with no values is a section row (`II Các chỉ số thành phần`) when
# the label is a heading's length; a numbered paragraph after the table is not.
_MAX_SECTION_WORDS = 20


@dataclass(frozen=True, slots=True)
class SpacedRow:
    """One data row cut into its cells: `values` as printed, `notes` the text after them."""

    code: str
    label: str
    unit_code: str
    values: tuple[str, ...]
    notes: str
    line: int


def starts_spaced_table(raw_lines: Sequence[str], i: int) -> bool:
    """A header line that starts with `STT` and goes on with the other column names."""
    words = normalize_text(raw_lines[i]).split()
    return len(words) >= 3 and bool(HEADER_START.pattern.match(fold(words[0])))


def read_spaced_table(raw_lines: Sequence[str], start: int, provs: Sequence[Provenance]) -> tuple[Table, int] | None:
    """The table whose header line is `raw_lines[start]` and the index of the line after it,
    or None when no row follows."""
    lines = _joined_lines(raw_lines, start, provs)
    first = next((k for k, (text, _) in enumerate(lines[:_MAX_HEADER_LINES + 1])
                  if k and (row := _parse_row(text, 0, None)) is not None and (row.code or k == 1)), None)
    if first is None:
        return None
    header = [text for text, _ in lines[:first]]
    rows: list[SpacedRow] = []
    end = lines[first - 1][1] + 1
    for text, line in lines[first:]:
        row = _parse_row(text, line, rows[-1].code if rows else None)
        if row is None:
            break
        rows.append(row)
        end = line + 1
    n_values = _value_columns(header, rows)
    rows = [_fit(row, n_values) for row in rows]
    has_unit_code = any(r.unit_code for r in rows)
    n_notes = max((1 for r in rows if r.notes), default=0)
    n_lead = 2 + has_unit_code
    head_rows = _header_rows(header, n_lead, n_values, n_notes, has_unit_code)
    n_notes = max(n_notes, _trailing_notes(head_rows[0]) if len(head_rows) > 1 else len(head_rows[0]) - n_lead - n_values)
    grid = [[r.code, r.label, *([r.unit_code] if has_unit_code else []),
             *(list(r.values) + [""] * (n_values - len(r.values))), *([r.notes] + [""] * (n_notes - 1) if n_notes else [])]
            for r in rows]
    head_lines = [lines[0][1]] * len(head_rows)
    row_provs = [provs[n] for n in [*head_lines, *(r.line for r in rows)]]
    return build_table([*head_rows, *grid], row_provs, n_header=len(head_rows)), end


def _joined_lines(raw_lines: Sequence[str], start: int, provs: Sequence[Provenance]) -> list[tuple[str, int]]:
    """Non-empty lines from `start`, each with its index. A PDF line that reaches the right
    edge of the text wrapped: the next line (on the same page, or the first of the next) goes
    on with it, unless it starts the next row (`4.4.3 ... 1.5 1.11` wraps onto `1.2 Sở Kế
    hoạch và Đầu tư`, whose `1.2` is no code after `4.4.3`)."""
    wraps = wrapping_lines(provs, start, _WRAP_MARGIN, _WRAP_REACH)
    out: list[tuple[str, int]] = []
    wrapped = False
    code: str | None = None
    for i in range(start, len(raw_lines)):
        text = normalize_text(raw_lines[i])
        if not text:
            continue
        starts = _row_code(text.split())
        if wrapped and out and not (starts and follows_code(code, starts)):
            out[-1] = (f"{out[-1][0]} {text}", out[-1][1])
        else:
            out.append((text, i))
            code = starts or code
        wrapped = wraps[i - start]
    return out


def _row_code(words: list[str]) -> str:
    """The row code a line starts with, `` when none: `2.1 Công khai`, `II Các chỉ số`, and
    `2 2 Xử lý VBQPPL` whose dot was lost (a code is followed by a label, not a value)."""
    for n in (1, 2):
        if len(words) > n and is_row_code(" ".join(words[:n])) and not _is_number(words[n]) and not _is_direction(words[n]):
            return " ".join(words[:n])
    return ""


def _is_number(word: str) -> bool:
    return bool(SPACED_NUMBER.pattern.match(fold(word)))


def _is_direction(word: str) -> bool:
    return bool(SPACED_DIRECTION.pattern.match(fold(word)))


def _is_unit_word(word: str) -> bool:
    """`điểm`, `hồ sơ`, `TTHC` after a number; a capitalised word starts a text cell
    (`Sở Nội vụ`), so unit words are lower case or an acronym printed after counts."""
    folded = fold(word)
    if folded in ("tthc", "pakn"):
        return word.isupper()
    return bool(SPACED_UNIT_WORD.pattern.match(folded)) and word[:1].islower() or word == "%"


def _value_cells(words: list[str], start: int) -> tuple[list[str], int]:
    """The value cells from `words[start]` on, and where they stop: `Tăng 3.21 điểm`,
    `242.300 (70.87%)`, `593 TTHC (41.04%)`, `Bằng điểm`, `91.40% Tốt`."""
    cells: list[str] = []
    i = start
    while i < len(words):
        j = i
        if (_is_direction(words[j]) or SPACED_SAME.pattern.match(fold(words[j]))) and j + 1 < len(words) \
                and _is_unit_word(words[j + 1]) and not _is_number(words[j + 1]):
            cells.append(" ".join(words[i:j + 2]))
            i = j + 2
            continue
        if _is_direction(words[j]):
            j += 1
        if j < len(words) and _is_number(words[j]):
            j += 1
            while j < len(words) and _is_unit_word(words[j]):
                j += 1
            if j < len(words) and words[j].startswith("(") and _is_number(words[j]):
                j += 1
            cells.append(" ".join(words[i:j]))
            i = j
            continue
        grade = next((n for n in (2, 1) if i + n <= len(words) and cells and SPACED_GRADE.pattern.match(fold(" ".join(words[i:i + n])))), 0)
        if grade:
            cells.append(" ".join(words[i:i + grade]))
            i += grade
            continue
        break
    return cells, i


def _parse_row(text: str, line: int, previous: str | None) -> SpacedRow | None:
    """A data row: an optional code, a label, then at least one value cell. A coded row may
    have no values: a section row `II Các chỉ số thành phần`, or a label that keeps its value
    after a colon (`5.1 Tỷ lệ hài lòng ...: 94%`). An uncoded row must end with its values."""
    words = text.split()
    folded = fold(text)
    if len(words) < 2 or ANNEX_HEADING.pattern.match(folded) or ATTACHED_TO.pattern.match(folded) or is_numbering_row(words):
        return None
    code = _row_code(words)
    coded = bool(code)
    rest = words[len(code.split()):]
    best: tuple[int, int, list[str]] | None = None
    for k in range(1, len(rest)):
        if rest[k - 1].endswith(":"):
            continue
        lead = k + 1 if UNIT_CODE.pattern.match(fold(rest[k])) else k
        cells, stop = _value_cells(rest, lead)
        if cells and (best is None or len(cells) > len(best[2])):
            best = (k, stop, cells)
    if best is None:
        keeps_value = any(w.endswith(":") for w in rest[:-1])
        heading = not _is_number(rest[-1]) and len(rest) <= _MAX_SECTION_WORDS
        section = coded and follows_code(previous, code) and (heading or keeps_value)
        return SpacedRow(code, " ".join(rest), "", (), "", line) if section else None
    k, stop, cells = best
    unit_code = rest[k] if UNIT_CODE.pattern.match(fold(rest[k])) else ""
    notes = " ".join(rest[stop:])
    if not coded and notes:
        return None
    return SpacedRow(code, " ".join(rest[:k]), unit_code, tuple(cells), notes, line)


def _fit(row: SpacedRow, n_values: int) -> SpacedRow:
    """A row with more value cells than the table has: the first ones belong to its label
    (`Thực hiện Nghị định 61 8.5 8 8.5`)."""
    extra = len(row.values) - n_values
    if extra <= 0:
        return row
    return SpacedRow(row.code, " ".join([row.label, *row.values[:extra]]), row.unit_code, row.values[extra:], row.notes, row.line)


def _value_columns(header: list[str], rows: list[SpacedRow]) -> int:
    """How many value columns: as many as the header names (one header line) when the rows
    fit under them, else as many as the longest row has."""
    longest = max((len(r.values) for r in rows), default=0)
    if len(header) != 1:
        return longest
    groups = _cut_header(header[0])
    n_notes = sum(1 for g in groups if NOTE_COLUMN.pattern.match(fold(g)))
    named = len(groups) - 2 - n_notes - any(r.unit_code for r in rows)
    return named if 0 < named and sum(1 for r in rows if len(r.values) <= named) >= 0.8 * len(rows) else longest


def _header_rows(header: list[str], n_lead: int, n_values: int, n_notes: int, has_unit_code: bool) -> list[list[str]]:
    """One header line: its cells placed over the columns (code, label, unit code, values,
    notes). Several lines: each line's cells, for `rebuild_header` to span."""
    if len(header) > 1:
        named = [line for line in header if not is_numbering_row(line.split())]
        return [line.split() if is_numbering_row(line.split()) else _cut_header(line, n_values if line is named[-1] else 0)
                for line in header]
    groups = _cut_header(header[0])
    notes = []
    while len(groups) > 1 + n_values and NOTE_COLUMN.pattern.match(fold(groups[-1])):
        notes.insert(0, groups.pop())
    values = groups[max(1, len(groups) - n_values):]
    lead = groups[:max(1, len(groups) - n_values)]
    code, label = lead[0], " ".join(lead[1:])
    unit_header = ""
    if has_unit_code:
        found = UNIT_CODE_COLUMN.pattern.search(fold(label))
        if found and found.start() > 0:
            label, unit_header = label[:found.start()].strip(), label[found.start():].strip()
    values = [""] * (n_values - len(values)) + values
    return [[code, label, *([unit_header] if has_unit_code else []), *values, *notes]]


def _trailing_notes(texts: list[str]) -> int:
    """Note columns at the end of a header row (`Ghi chú`)."""
    n = 0
    while n < len(texts) and NOTE_COLUMN.pattern.match(fold(texts[len(texts) - 1 - n])):
        n += 1
    return n


def _cut_header(text: str, wanted: int = 0) -> list[str]:
    """Header cells of one line: the first word (`STT`), then a new cell at every capitalised
    word after a lower-case one (`Tên đơn vị | Số điểm`) or after an upper-case run (`TÊN CƠ
    QUAN | Điểm tối đa`); an acronym after a capitalised word stays in its cell (`Số PAKN
    quá hạn`, `Kết quả SIPAS 2021`). The leaf line of a merged header names `wanted` columns:
    when it shows fewer cells, a capitalised word after another starts one too (`Tổng | Cấp
    huyện | Cấp xã`), from the right."""
    words = text.split()
    strong: list[int] = []
    weak: list[int] = []
    for k in range(1, len(words)):
        previous, word = words[k - 1], words[k]
        title = word[:1].isupper() and not word.isupper()
        prev_upper = previous.isupper() and any(c.isalpha() for c in previous)
        prev_lower = previous[:1].islower() or not previous[:1].isalpha()
        if title and (prev_lower or prev_upper):
            strong.append(k)
        elif title:
            weak.append(k)
    cuts = set(strong) | ({1} if len(words) > 1 and HEADER_START.pattern.match(fold(words[0])) else set())
    for k in reversed(weak):
        if len(cuts) + 1 >= wanted:
            break
        cuts.add(k)
    bounds = [0, *sorted(cuts), len(words)]
    return [" ".join(words[a:b]) for a, b in zip(bounds, bounds[1:]) if b > a]
