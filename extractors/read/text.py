"""Plain-text letters to a Document: every line with its line number, its tables found by the
table stage from the text alone (`tables.stage.recover_text`)."""

from __future__ import annotations

from chiso.extractors.model import Document, Extractor
from chiso.extractors.read.decode import decode_text
from chiso.extractors.read.limits import ReadLimits, split_long_line
from chiso.extractors.read.tables.stage import recover_text


def read_text(data: bytes, doc_id: str, source_name: str, max_line_chars: int = ReadLimits().max_line_chars) -> Document:
    """Read a plain-text letter (any of the encodings of `decode_text`); a line longer than
    `max_line_chars` is cut after its sentences (`limits.split_long_line`)."""
    pieces = decode_text(data).splitlines()
    if max(map(len, pieces), default=0) > max_line_chars:  # seldom: cut only then, not line by line
        pieces = [piece for line in pieces for piece in split_long_line(line, max_line_chars)]
    return Document(doc_id, source_name, Extractor.TEXT, recover_text(pieces))
