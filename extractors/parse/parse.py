"""A Document → its letter header and every published number in it, still as text."""

from __future__ import annotations

from dataclasses import replace

from chiso.extractors.model import Document, LetterHeader, RawFact
from chiso.extractors.parse.annex import parse_annexes
from chiso.extractors.parse.folded import fold_texts
from chiso.extractors.parse.letter import parse_letter_header
from chiso.extractors.parse.mentions import find_place_names
from chiso.extractors.parse.published import find_page_year, find_published_date
from chiso.extractors.parse.score_lines import parse_score_lines


def parse_letter(doc: Document) -> tuple[LetterHeader, list[RawFact]]:
    """Body statements first, then annex rows, each in reading order."""
    folds = fold_texts(doc)
    header = replace(parse_letter_header(doc, folds), published_text=find_published_date(doc, folds))
    if header.date_text is None and header.published_text is None:
        # Scanning every line for periods costs an eighth of a letter's parse: only texts
        # without a date of their own need the year their periods name.
        header = replace(header, page_year=find_page_year(doc, folds))
    if not header.issuer_texts or header.number is None and header.date_text is None:
        header = replace(header, bare_places=_bare_places(doc))
    return header, [*parse_score_lines(doc, folds), *parse_annexes(doc, folds)]


def _bare_places(doc: Document) -> tuple[str, ...]:
    """Read only for texts without a letter's header (an item may still print an issuer, `của
    thành phố trên Cổng ...`, that names no place): a letter names its province itself."""
    return tuple(name for line in doc.lines() for name in find_place_names(line.text))
