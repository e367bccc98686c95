"""A paragraph wrapped over a page's lines, joined back into the one line its text version has.

A PDF prints `... thứ hai là Văn phòng UBND tỉnh` at the end of one line and `95,43 điểm` at
the start of the next; read line by line, the value loses the unit beside it. A line was
wrapped when the next line starts no further right than it (a continuation, not an indented
item or a centred heading), follows at the page's closest line pitch for the line's font size
(not after a paragraph's extra space; a 24 pt heading's lines are twice as far apart as the
text's), does not open a list's item (`1. Các lĩnh vực ...`) after a line that ended its
sentence, and the line ends where the page ran out of room:
- justified text (letters and portal items are set justified) ends on the page's right
  margin, an edge that two or more lines as wide as half the page end on; such a line is
  joined at once, as tables are never set justified;
- ragged-right text (a browser's printout of a portal article) ends anywhere, but short of
  the measure, the rightmost end of the page's wide lines, by less than the next line's first
  word and a space: had that word fitted, it would have been printed on the line; the line
  is not centred, and the next line starts on the page's left edge. Such a line is only
  marked (`continues`), and joined after the table stage has read the tables the text shows
  (`join_continued_lines`): a table printed one row or one cell per line breaks the same way
  where a cell wraps or a row is long, and its readers take the lines as printed (joining
  seed 003's one-row-a-line table before them made F1 0.75).
Lines beside another column (a letter head's two halves) and grids are never joined.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from chiso.extractors.model import BBox, Block, Line, Provenance
from chiso.extractors.read.limits import ReadLimits
from chiso.extractors.read.tables.continued import PageBlock
from chiso.extractors.read.tables.positioned import PositionedLine
from chiso.normalize.text import normalize_text

# How close to the right margin a justified line ends, in word heights.
_MARGIN = 0.15
# Lines that must end on an edge for it to be the page's justified margin, and the share of
# the page's width each must span.
_MARGIN_LINES = 2
_WIDE = 0.5
# How much further right than the line above a continuation may start, in word heights.
_INDENT = 0.5
# How much more than the page's closest line pitch a continuation may follow at, in word heights.
_PITCH_SLACK = 0.2
_MAX_CHARS = ReadLimits().max_line_chars
# An item of a list (`1.`, `a)`, `-`, `+`, `•`): after a sentence's end, a new line, not a wrap.
_ITEM = re.compile(r"\s*(?:\d{1,2}[.)]|[a-zđ][.)]|[-+•–*])\s")
# Segments whose tops are this close (in word heights) share a row: two columns, never joined.
_ROW = 0.4


def join_wrapped_lines(blocks: list[PageBlock], height: float, page_width: float) -> list[PageBlock]:
    """The page's blocks with each justified paragraph's lines joined and each ragged-right
    wrap marked; `height` is the page's typical word height."""
    lines = [b for b in blocks if isinstance(b, PositionedLine) and b.words and b.prov.bbox is not None]
    if len(lines) < 2:
        return blocks
    wide = [_box(line) for line in lines if _box(line).x1 - _box(line).x0 >= _WIDE * page_width]
    if len(wide) < _MARGIN_LINES:
        return blocks
    ends = sorted((box.x1 for box in wide), reverse=True)
    left = min(box.x0 for box in wide)
    space = _space(lines)
    right = _justified_margin(ends, _MARGIN * height)
    tops = sorted(_box(line).top for line in lines)
    pitches = [b - a for a, b in zip(tops, tops[1:]) if b - a > _ROW * height]
    pitch = min(pitches) if pitches else 0.0
    shared = {t for t, u in zip(tops, tops[1:]) if u - t <= _ROW * height} | \
             {u for t, u in zip(tops, tops[1:]) if u - t <= _ROW * height}
    out: list[PageBlock] = []
    above: PageBlock | None = None  # the line printed above, as printed (not joined)
    for block in blocks:
        last = out[-1] if out else None
        if (isinstance(block, PositionedLine) and isinstance(last, PositionedLine) and isinstance(above, PositionedLine)
                and block.words and above.words and above.prov.bbox is not None and block.prov.bbox is not None
                and _box(above).top not in shared and _box(block).top not in shared
                and _follows(above, block, pitch, height)):
            if right is not None and abs(right - _box(above).x1) <= _MARGIN * height:
                out[-1] = _joined(last, block)
                above = block
                continue
            if (_box(block).x0 <= left + _INDENT * height and not _centred(_box(above), left, ends[0], height)
                    and _next_word_did_not_fit(above, block, ends[0], space)):
                out[-1] = replace(last, continues=True)
        out.append(block)
        above = block
    return out


def join_continued_lines(blocks: Sequence[Block], lines: Sequence[PositionedLine]) -> list[Block]:
    """`blocks`, read by the table stage from `lines`, with each Line whose printed line
    `continues` joined to the Line of the next printed line; a line a table took stays in it."""
    index = {id(line.prov): i for i, line in enumerate(lines)}
    out: list[Block] = []
    end = -1  # the printed line the last block ends with, when it is a Line
    for block in blocks:
        i = index.get(id(block.prov), -1) if isinstance(block, Line) else -1
        last = out[-1] if out else None
        if isinstance(block, Line) and isinstance(last, Line) and end >= 0 and i == end + 1 and lines[end].continues \
                and len(last.raw) + len(block.raw) < _MAX_CHARS:
            raw = f"{last.raw} {block.raw}"
            out[-1] = Line(normalize_text(raw), raw, _joined_prov(last.prov, block.prov))
        else:
            out.append(block)
        end = i
    return out


def _justified_margin(ends: list[float], tolerance: float) -> float | None:
    """The rightmost edge that `_MARGIN_LINES` lines end on (`ends` from right to left)."""
    for i in range(len(ends) - _MARGIN_LINES + 1):
        if ends[i] - ends[i + _MARGIN_LINES - 1] <= tolerance:
            return ends[i]
    return None


def _box(line: PositionedLine) -> BBox:
    assert line.prov.bbox is not None
    return line.prov.bbox


def _follows(line: PositionedLine, nxt: PositionedLine, pitch: float, height: float) -> bool:
    """`nxt` may continue `line`'s sentence: no further right, at the page's closest pitch (a
    larger font's, for a heading set larger than the text), no list item after a sentence's end."""
    box, nbox = _box(line), _box(nxt)
    scale = max(1.0, min(w.bottom - w.top for w in line.words) / height)
    return (nbox.x0 <= line.words[0].x0 + _INDENT * height
            and 0 < nbox.top - box.top <= pitch * scale + _PITCH_SLACK * height
            and len(line.raw) + len(nxt.raw) < _MAX_CHARS
            and not (line.raw.rstrip()[-1:] in ".:;" and _ITEM.match(nxt.raw)))


def _next_word_did_not_fit(line: PositionedLine, nxt: PositionedLine, measure: float, page_space: float) -> bool:
    """The next line's first word, after a space as wide as the line's own (the page's, for a
    line of one word: `Nguồn:` before a long address), would pass the measure."""
    first = nxt.words[0]
    return _box(line).x1 + _space([line], page_space) + first.x1 - first.x0 > measure


def _centred(box: BBox, left: float, measure: float, height: float) -> bool:
    """A line set in from the left edge by as much as it stops short of the measure: a heading."""
    indent = box.x0 - left
    return indent > _INDENT * height and abs(indent - (measure - box.x1)) <= _INDENT * height


def _space(lines: Sequence[PositionedLine], default: float = 0.0) -> float:
    """The median gap between the words of `lines`: a space of their font, as ragged text sets it."""
    gaps = sorted(b.x0 - a.x1 for line in lines for a, b in zip(line.words, line.words[1:]))
    return gaps[len(gaps) // 2] if gaps else default


def _joined(line: PositionedLine, nxt: PositionedLine) -> PositionedLine:
    return PositionedLine(f"{line.raw} {nxt.raw}", _joined_prov(line.prov, nxt.prov), line.words + nxt.words)


def _joined_prov(first: Provenance, second: Provenance) -> Provenance:
    a, b = first.bbox, second.bbox
    if a is None or b is None:
        return first
    return replace(first, bbox=BBox(min(a.x0, b.x0), a.top, max(a.x1, b.x1), b.bottom))
