"""What a letter's passages named last (a period, an index), read only when a later passage asks.

A passage carries the period and the index named last before it to the passages after it
(a title's `năm 2024` dates the list below). Most passages state no figure and never ask, yet
scanning every passage for periods and index names was a fifth of a letter's parse. So each
passage leaves a `SaidLast` that reads its own text only when asked, going back passage by
passage until one names something; what it finds is kept, so no passage is read twice.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class SaidLast(Generic[T]):
    """`read()` (what this passage names itself, or None) else what the passages before said."""

    __slots__ = ("_read", "_before", "_found")

    def __init__(self, read: Callable[[], T | None] | None = None, before: SaidLast[T] | None = None) -> None:
        self._read = read  # None once answered (or for the letter's start, which names nothing)
        self._before = before
        self._found: T | None = None

    def value(self) -> T | None:
        asked: list[SaidLast[T]] = []
        node: SaidLast[T] | None = self
        found: T | None = None
        while node is not None:
            if node._read is None:
                found = node._found
                break
            asked.append(node)
            own = node._read()
            if own:
                found = own
                break
            node = node._before
        for answered in asked:  # a passage that named nothing says what the one before it said
            answered._found, answered._read, answered._before = found, None, None
        return found
