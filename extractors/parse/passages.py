"""A letter's lines joined into passages, the unit the score-line parser reads.

A PDF or OCR wraps a sentence over several lines (`Tổng số điểm Thành phố đạt được tháng
12/2024: 62.28/100` / `điểm (tăng 1.29 điểm so với tháng 11/2024)`); a figure and the words that
name it are read together only once the lines are joined again. Tables end a passage.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass


from chiso.extractors.model import Document, Line, Provenance
from chiso.extractors.phrases import CLOSING_FIGURE, LIST_MARKER, NAME_AHEAD, SENTENCE_END, SENTENCE_INSIDE
from chiso.extractors.parse.folded import FoldedTexts
from chiso.normalize.text import fold

_MAX_PASSAGE_LINES = 12
_MIN_WRAPPED_LINE = 50
# How much of a line's end NAME_AHEAD reads (`uy ban nhan dan` fits).
_NAME_AHEAD_CHARS = 24


@dataclass(frozen=True, slots=True)
class Passage:
    """Consecutive wrapped lines read as one paragraph; `starts[i]` is the offset of lines[i]."""

    text: str
    lines: tuple[Line, ...]
    starts: tuple[int, ...]

    def prov_at(self, offset: int) -> Provenance:
        index = max(i for i, s in enumerate(self.starts) if s <= offset)
        return self.lines[index].prov


def read_passages(doc: Document) -> Iterator[Passage]:
    """Join a line with the next when it was wrapped mid-sentence; tables end a passage."""
    group: list[Line] = []
    for block in doc.blocks:
        if not isinstance(block, Line):
            if group:
                yield _passage(group)
            group = []
            continue
        if group and not _continues(group[-1].text, block.text, len(group)):
            yield _passage(group)
            group = []
        group.append(block)
    if group:
        yield _passage(group)


def _continues(previous: str, line: str, length: int) -> bool:
    """A wrapped line continues a sentence: the previous line is body text (long, not all
    capitals) without closing punctuation, and this one is no new list item or heading. A
    figure the page wrapped onto a line of its own (`... với tỷ lệ điểm` / `76,54%.`) is no
    heading, and `7)` after an open bracket (`Long An (hạng` / `7) và ...`)
    closes it: no list item."""
    if length >= _MAX_PASSAGE_LINES or SENTENCE_END.pattern.search(previous):
        return False
    if LIST_MARKER.pattern.match(line) and not (previous.count("(") > previous.count(")") and CLOSING_FIGURE.pattern.match(line)):
        return False
    if previous.upper() == previous or line.upper() == line and not _ends_sentence_with_figure(line):
        return False
    return len(previous) >= _MIN_WRAPPED_LINE or not line[:1].isupper()


def _ends_sentence_with_figure(line: str) -> bool:
    """`76,54%.`: figures alone that end the sentence; a dateline (`16:52 | 24/06/2021`) ends none."""
    return not any(c.isalpha() for c in line) and bool(SENTENCE_END.pattern.search(line))


def _inside_a_name(text: str, line: str) -> bool:
    """The line break falls inside a name: after a unit's kind, or in prose before capitalised words."""
    if NAME_AHEAD.pattern.search(fold(text[-_NAME_AHEAD_CHARS:])):
        return True
    opening = line.split(" ", 2)[:2]
    return len(opening) == 2 and all(map(_titled, opening)) and any(
        m.group("next").isupper() for m in SENTENCE_INSIDE.pattern.finditer(text, text.rfind("\n") + 1))


def _titled(word: str) -> bool:
    """`Nam`, `Việt`: a capital and lower-case letters (not `PAR`, `2023`, `Nam,`)."""
    return word[:1].isupper() and word[1:].isalpha() and word[1:].islower()


def _passage(lines: list[Line]) -> Passage:
    """Lines joined by a space, or by a line break where one line starts with a capital after
    one without closing punctuation: a headline (`Phấn đấu đến năm 2025, BR-VT ...`) ends its
    clause there, so its plan words do not reach the first sentence's figures. A line ending
    on the kind of a unit (`Dưới 80% là Bộ` / `Khoa học và Công nghệ (78,72%)`) was wrapped
    inside the unit's name, and its next line is that name; so was a line of prose (a sentence
    ends inside it: no headline) before one opening on two capitalised words (`Cụ thể, Ngân
    hàng Nhà nước` / `Việt Nam có 4/7 chỉ số`)."""
    starts, text = [], ""
    for line in lines:
        if text:
            text += "\n" if line.text[:1].isupper() and not _inside_a_name(text, line.text) else " "
        starts.append(len(text))
        text += line.text
    return Passage(text, tuple(lines), tuple(starts))


def fold_passage(passage: Passage, folds: FoldedTexts) -> str:
    """`fold(passage.text)`, put together from its lines' folds: lines are joined by a space or
    a line break, across which folding reads nothing (a digit is read as a letter only beside
    letters: one character back, two ahead), so the lines' folds joined the same way are the
    passage's."""
    parts: list[str] = []
    end = 0
    for line, start in zip(passage.lines, passage.starts):
        parts += [passage.text[end:start], folds.of(line.text)]
        end = start + len(line.text)
    return "".join(parts)
