"""What every reader hands the table stage: positioned lines, page by page.

Readers differ in what they know about a line's place. A text file knows its line number; a
text PDF (pdfplumber) and a scan (tesseract) know each word's box, top-left origin, and the
cell rectangles of ruled tables (pdfplumber's lines strategy, or the rulings found on a scan).
A `PositionedPage` carries whatever its reader knew, so one stage (`stage.recover`) can use
geometry where there is some and the text alone everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from statistics import median

from chiso.extractors.model import BBox, Provenance

Rect = tuple[float, float, float, float]
# Words whose vertical centres are closer than this share a row (in word heights).
_ROW_JOIN = 0.4


@dataclass(frozen=True, slots=True)
class Word:
    """One word with its box (same units and origin as the page)."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def centre(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass(frozen=True, slots=True)
class PositionedLine:
    """One line as a reader found it: verbatim text, where it sits (line number for a text
    file; page and box for a PDF or scan) and, when the reader saw them, its words' boxes
    (left to right). `continues`: its sentence runs on in the next line, broken where a
    ragged-right page ran out of room (`paragraphs`)."""

    raw: str
    prov: Provenance
    words: tuple[Word, ...] = ()
    continues: bool = False


@dataclass(frozen=True, slots=True)
class PositionedPage:
    """One page of positioned lines, top to bottom, and the cell rectangles of each ruled
    table on it. A text file is one page numbered None, of width 0."""

    page: int | None
    width: float
    lines: tuple[PositionedLine, ...]
    ruled_tables: tuple[tuple[Rect, ...], ...] = ()

    def rows(self) -> list[tuple[Word, ...]]:
        """The lines' words, for the stages that read geometry."""
        return [line.words for line in self.lines if line.words]


def word_line(words: Sequence[Word], page: int | None, line_no: int | None = None) -> PositionedLine:
    """The positioned line of a row of words: its text is the words joined by single spaces."""
    box = BBox(min(w.x0 for w in words), min(w.top for w in words), max(w.x1 for w in words), max(w.bottom for w in words))
    return PositionedLine(" ".join(w.text for w in words), Provenance(page=page, line_no=line_no, bbox=box), tuple(words))


def word_page(page: int, width: float, words: Iterable[Word], ruled_tables: tuple[tuple[Rect, ...], ...] = ()) -> PositionedPage:
    """A page of words grouped into rows (`group_rows`)."""
    return PositionedPage(page, width, tuple(word_line(row, page) for row in group_rows(words)), ruled_tables)


def group_rows(words: Iterable[Word]) -> tuple[tuple[Word, ...], ...]:
    """Words into rows: a word joins the row whose vertical centre is within 0.4 typical word
    heights of its own (a vertically centred `STT` beside a two-line header stays apart from
    both lines), rows top to bottom, words left to right."""
    ordered = sorted(words, key=lambda w: (w.middle, w.x0))
    if not ordered:
        return ()
    height = median(w.bottom - w.top for w in ordered)
    rows: list[list[Word]] = []
    for word in ordered:
        if rows and abs(word.middle - median(w.middle for w in rows[-1])) <= _ROW_JOIN * height:
            rows[-1].append(word)
        else:
            rows.append([word])
    return tuple(tuple(sorted(row, key=lambda w: w.x0)) for row in rows)


def split_at_gaps(row: Sequence[Word], gap: float) -> list[list[Word]]:
    """A row cut at every gap between words wider than `gap`."""
    out: list[list[Word]] = [[row[0]]]
    for word in row[1:]:
        if word.x0 - out[-1][-1].x1 > gap:
            out.append([word])
        else:
            out[-1].append(word)
    return out
