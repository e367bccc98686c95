"""A long line costs work in proportion to its length: counted, not timed.

Issue 13 found one long line quadratic in the score-line parser (25/50/100/200 KB: 1.5/5.4/
14.5/62 s). The same text is read and parsed at two lengths, four times apart, and the work is
counted two ways: Python lines executed (sys.settrace) and characters handed to every regex
of the phrase catalogues and the parsers (each compiled pattern wrapped in a counter). Linear
work grows four times; the quadratic parser grew sixteen.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from conftest import SEEDS
from chiso.extractors.parse.parse import parse_letter
from chiso.extractors.read.readers import read_document

_MODULE_PREFIXES = ("chiso.extractors.", "chiso.normalize.")


class _Counting:
    """A compiled pattern that adds the length of every string it is asked to scan."""

    def __init__(self, pattern: re.Pattern[str], tally: dict[str, int]) -> None:
        self._pattern = pattern
        self._tally = tally

    def _count(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> None:
        self._tally["chars"] += max(0, min(len(string), endpos) - pos)

    def search(self, string: str, *args: Any) -> Any:
        self._count(string, *args)
        return self._pattern.search(string, *args)

    def match(self, string: str, *args: Any) -> Any:
        self._count(string, *args)
        return self._pattern.match(string, *args)

    def fullmatch(self, string: str, *args: Any) -> Any:
        self._count(string, *args)
        return self._pattern.fullmatch(string, *args)

    def finditer(self, string: str, *args: Any) -> Any:
        self._count(string, *args)
        return self._pattern.finditer(string, *args)

    def findall(self, string: str, *args: Any) -> Any:
        self._count(string, *args)
        return self._pattern.findall(string, *args)

    def split(self, string: str, *args: Any) -> Any:
        self._count(string)
        return self._pattern.split(string, *args)

    def sub(self, repl: Any, string: str, *args: Any) -> Any:
        self._count(string)
        return self._pattern.sub(repl, string, *args)

    def subn(self, repl: Any, string: str, *args: Any) -> Any:
        self._count(string)
        return self._pattern.subn(repl, string, *args)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._pattern, name)


@contextmanager
def _counted(tally: dict[str, int]) -> Iterator[None]:
    """Every compiled pattern held by a chiso module, or by a Phrase of a catalogue, counts
    what it scans; every Python line executed is counted too."""
    patched: list[tuple[object, str, object]] = []
    for name, module in list(sys.modules.items()):
        if not name.startswith(_MODULE_PREFIXES) or module is None:
            continue
        for attribute, value in list(vars(module).items()):
            if isinstance(value, re.Pattern) and value.pattern and isinstance(value.pattern, str):
                patched.append((module, attribute, value))
                setattr(module, attribute, _Counting(value, tally))
            elif type(value).__name__ == "Phrase" and isinstance(getattr(value, "pattern", None), re.Pattern):
                patched.append((value, "pattern", value.pattern))
                object.__setattr__(value, "pattern", _Counting(value.pattern, tally))

    def trace(frame: Any, event: str, arg: Any) -> Any:
        if event == "line":
            tally["lines"] += 1
        return trace

    sys.settrace(trace)
    try:
        yield
    finally:
        sys.settrace(None)
        for owner, attribute, value in patched:
            object.__setattr__(owner, attribute, value) if not isinstance(owner, type(sys)) else setattr(owner, attribute, value)


def _work(text: str) -> dict[str, int]:
    tally = {"lines": 0, "chars": 0}
    data = text.encode("utf-8")
    with _counted(tally):
        doc = read_document(data, "d", "long.txt")
        parse_letter(doc)
    return tally


def _long_line(copies: int, with_breaks: bool) -> str:
    """The seed letters' prose (every line that is not a table row, 66 KB) on one line,
    `copies` times: score statements, ranks, changes and periods all along it. Whole copies,
    so both lengths hold the same mix of figures and plain prose (a 50 KB cut of it held a
    third fewer figures than the rest, and the parser skips prose without figures). Without
    sentence breaks (no `.` or `;`), the line can only be cut at spaces."""
    prose = [line for seed in SEEDS for line in seed.read_text(encoding="utf-8").splitlines() if "|" not in line]
    sentences = " ".join(" ".join(prose).split())
    if not with_breaks:
        sentences = sentences.replace(".", " ").replace(";", " ")
    return " ".join([sentences] * copies)


@pytest.mark.parametrize("with_breaks", [True, False], ids=["sentences", "no-sentence-ends"])
def test_a_long_line_costs_work_in_proportion_to_its_length(with_breaks):
    small, large = (_work(_long_line(n, with_breaks)) for n in (2, 8))
    for measure in ("lines", "chars"):
        assert large[measure] <= 5 * small[measure], (measure, small, large)
