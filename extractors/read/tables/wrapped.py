"""Wrapped cells of a table read line by line: a cell too long for its page or column goes on
on the next line, or on the first line of the next page. Only a reader with boxes can tell:
a line that reaches the right edge of the text wrapped (a text file's lines are as printed)."""

from __future__ import annotations

from collections.abc import Sequence

from chiso.extractors.model import Provenance


def wrapping_lines(provs: Sequence[Provenance], start: int, margin: float, reach: int | None = None) -> list[bool]:
    """For every line from `start` on, whether it wraps onto the next one: it ends within
    `margin` (a share of the text's width) of the right edge of the lines from `start` (the
    next `reach` of them, all when None), and the next line is on the same page or opens the
    next one."""
    window = provs[start:] if reach is None else provs[start:start + reach]
    boxes = [p.bbox for p in window if p.bbox is not None]
    if not boxes:
        return [False] * (len(provs) - start)
    left = min(b.x0 for b in boxes)
    right = max(b.x1 for b in boxes)
    out: list[bool] = []
    for i in range(start, len(provs)):
        box = provs[i].bbox
        following = provs[i + 1] if i + 1 < len(provs) else None
        turns = following is not None and (following.page == provs[i].page or following.line_no == 1)
        out.append(box is not None and turns and box.x1 >= right - margin * (right - left))
    return out
