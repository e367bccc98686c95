"""A paragraph wrapped over a page's lines, joined back into the one line its text version has.

A PDF prints `... thứ hai là Văn phòng UBND tỉnh` at the end of one line and `95,43 điểm` at
the start of the next; read line by line, the value loses the unit beside it. A line was
wrapped when it ends on the page's justified right margin (an edge that two or more lines as
wide as half the page end on: letters and portal items are set justified), the next line
starts no further right than it (a continuation, not an indented item or a centred heading),
follows at the page's closest line pitch (not after a paragraph's extra space), and does not
open a list's item (`1. Các lĩnh vực ...`) after a line that ended its sentence. Lines of a
table printed one cell per line are short and end anywhere, so they make no margin; grids,
and lines beside another column (a letter head's two halves), are never joined. Ragged-right
text is left as printed: where its lines broke cannot be told from a table's short lines.
"""

from __future__ import annotations

import re

from chiso.extractors.model import BBox, Provenance
from chiso.extractors.read.limits import ReadLimits
from chiso.extractors.read.tables.continued import PageBlock
from chiso.extractors.read.tables.positioned import PositionedLine

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
    """The page's blocks with each wrapped paragraph's lines joined; `height` is the page's
    typical word height."""
    lines = [b for b in blocks if isinstance(b, PositionedLine) and b.words and b.prov.bbox is not None]
    if len(lines) < 2:
        return blocks
    wide = (_box(line).x1 for line in lines if _box(line).x1 - _box(line).x0 >= _WIDE * page_width)
    right = _justified_margin(sorted(wide, reverse=True), _MARGIN * height)
    if right is None:
        return blocks
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
                and _continues(above, block, right, pitch, height)):
            out[-1] = _joined(last, block)
        else:
            out.append(block)
        above = block
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


def _continues(line: PositionedLine, nxt: PositionedLine, right: float, pitch: float, height: float) -> bool:
    box, nbox = _box(line), _box(nxt)
    return (abs(right - box.x1) <= _MARGIN * height
            and nbox.x0 <= line.words[0].x0 + _INDENT * height
            and 0 < nbox.top - box.top <= pitch + _PITCH_SLACK * height
            and len(line.raw) + len(nxt.raw) < _MAX_CHARS
            and not (line.raw.rstrip()[-1:] in ".:;" and _ITEM.match(nxt.raw)))


def _joined(line: PositionedLine, nxt: PositionedLine) -> PositionedLine:
    a, b = _box(line), _box(nxt)
    prov = Provenance(page=line.prov.page, line_no=line.prov.line_no, bbox=BBox(min(a.x0, b.x0), a.top, max(a.x1, b.x1), b.bottom))
    return PositionedLine(f"{line.raw} {nxt.raw}", prov, line.words + nxt.words)
