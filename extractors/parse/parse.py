"""A Document → its letter header and every published number in it, still as text."""

from __future__ import annotations

from dataclasses import replace

from extractors.model import Document, LetterHeader, RawFact
from extractors.parse.annex import parse_annexes
from extractors.parse.letter import parse_letter_header
from extractors.parse.mentions import find_unit_mentions
from extractors.parse.published import find_page_year, find_published_date
from extractors.parse.score_lines import parse_score_lines
from normalize.text import fold


def parse_letter(doc: Document) -> tuple[LetterHeader, list[RawFact]]:
    """Body statements first, then annex rows, each in reading order."""
    header = replace(parse_letter_header(doc), published_text=find_published_date(doc), page_year=find_page_year(doc))
    if not header.issuer_texts:
        header = replace(header, bare_places=_bare_places(doc))
    return header, [*parse_score_lines(doc), *parse_annexes(doc)]


def _bare_places(doc: Document) -> tuple[str, ...]:
    """A news item that says only `của tỉnh` is about the place it names bare; read only for
    texts without a letter's header, as the mention finder is a letter's costliest step."""
    return tuple(m.name for line in doc.lines() for m in find_unit_mentions(line.text, fold(line.text))
                 if m.is_bare and not m.is_region)
