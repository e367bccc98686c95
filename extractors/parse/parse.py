"""A Document → its letter header and every published number in it, still as text."""

from __future__ import annotations

from extractors.parse.annex import parse_annexes
from extractors.parse.letter import parse_letter_header
from extractors.model import Document, LetterHeader, RawFact
from extractors.parse.score_lines import parse_score_lines


def parse_letter(doc: Document) -> tuple[LetterHeader, list[RawFact]]:
    """Body statements first, then annex rows, each in reading order."""
    return parse_letter_header(doc), [*parse_score_lines(doc), *parse_annexes(doc)]
