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
    by_text: dict[str, str]

    def of(self, text: str) -> str:
        """`fold(text)`: looked up when the letter prints `text` as a whole line or cell."""
        found = self.by_text.get(text)
        return fold(text) if found is None else found


def fold_texts(doc: Document) -> FoldedTexts:
    """Each line and cell, stripped as parsers read it, with its folded form."""
    return FoldedTexts({text: fold(text) for text in (t.strip() for t, _ in doc.texts())})
