"""Every line and cell of a letter folded once.

The header, the page's date line, the year its periods name and the annexes all match on
folded text (`normalize.text.fold`), and each folded the same lines and cells again: a
tenth of a letter's parse. `fold_texts` folds each text the letter prints once, and the
parsers look their texts up in it.
"""

from __future__ import annotations

from dataclasses import dataclass

from chiso.extractors.model import Document
from chiso.normalize.text import fold


@dataclass(frozen=True, slots=True)
class FoldedTexts:
    """`texts` holds the letter's lines and cells in reading order, stripped, and `folded` each
    of them folded: the header reads them all, and going through the document's blocks again
    (sorting each table's cells) cost as much as folding them."""

    texts: tuple[str, ...]
    folded: tuple[str, ...]
    by_text: dict[str, str]

    def of(self, text: str) -> str:
        """`fold(text)`: looked up when the letter prints `text` as a whole line or cell."""
        found = self.by_text.get(text)
        return fold(text) if found is None else found


def fold_texts(doc: Document) -> FoldedTexts:
    """Each line and cell, stripped as parsers read it, with its folded form."""
    texts = tuple(t.strip() for t, _ in doc.texts())
    folded = tuple(map(fold, texts))
    return FoldedTexts(texts, folded, dict(zip(texts, folded)))
