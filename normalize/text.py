"""Diacritic and OCR folding: the form every phrase and name is matched on.

Letters arrive with full diacritics, without them, or OCR'd with diacritics turned into
digits and symbols (`Tong s6 diém`, `doanh nghi¢p`, `B9 chi so`, `c0 quan`). Matching on a
folded form makes all of these one string, while labels stay as published. Imports nothing
from chiso so that extractors may use it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

# OCR turns a diacritic-laden vowel into a look-alike glyph; inside a word these are letters.
_OCR_GLYPHS = {"¢": "e", "€": "e", "©": "o", "®": "o", "°": "o", "ø": "o", "ß": "b", "|": "l"}
# Digits that OCR reads for letters (s6 = số, B9 = Bộ, 1anh = lãnh, c0 = cơ), only when the
# digit touches a letter; real numbers (58,3 / 12/2024 / H57) keep their digits. The digit
# comes first and its context is looked at after it (`(?<=[a-z].)` is the letter before it):
# a pattern that opens with a lookbehind is tried at every character, this one only at the
# digits, which made folding half again as fast.
_OCR_DIGITS = {"6": "o", "0": "o", "9": "o", "1": "l", "8": "o"}
_WORD_DIGIT = re.compile(r"[01689](?:(?<=[a-z].)(?![0-9])|(?<![0-9.,/].)(?=[a-z]{2}))")


def fold_char(ch: str) -> str:
    """One character to its lower-case base letter (đ → d, ệ → e); length-preserving."""
    if ch in ("đ", "Đ"):
        return "d"
    if ch in _OCR_GLYPHS:
        return _OCR_GLYPHS[ch]
    base = unicodedata.normalize("NFD", ch)[0]
    return base.lower() if len(base.lower()) == 1 else ch


# fold_char applied once to every Latin and Vietnamese letter, so folding is one translate().
_FOLD_TABLE = {
    cp: fold_char(chr(cp))
    for cp in (*range(0x250), *range(0x1E00, 0x1F00), *(ord(c) for c in _OCR_GLYPHS))
    if fold_char(chr(cp)) != chr(cp)
}


def fold(text: str) -> str:
    """Fold NFC text to lower-case ASCII-ish letters with OCR digit confusions undone.

    Length-preserving, so a match span on the folded text indexes the NFC text: parsers match
    `tong so diem` in `Tong s6 diém` and read the number at the same offsets. Folded word by
    word (`_WordFolds`): no step reads across a space (a digit's neighbours are one character
    back and two ahead, and a space is neither letter nor digit; NFC composes nothing with a
    space), so the words' folds joined by spaces are the text's.
    """
    if " " not in text:
        return _WORD_FOLDS[text]  # a cell, a code, a word: most calls
    return " ".join(map(_WORD_FOLDS.__getitem__, text.split(" ")))


def _fold_word(text: str) -> str:
    folded = unicodedata.normalize("NFC", text).translate(_FOLD_TABLE)
    return _WORD_DIGIT.sub(lambda m: _OCR_DIGITS[m.group(0)], folded)


class _WordFolds(dict[str, str]):
    """Each word folded once: translate() looks up every character (an eighth of a letter's
    time went to it), and words repeat, within a letter (a seed letter prints each of its
    distinct words three times on average) and across letters (the tuning corpus prints 23,000
    words, 3,300 of them distinct). Bounded: emptied when full."""

    def __missing__(self, word: str) -> str:
        folded = _fold_word(word)
        if len(self) >= _MAX_WORDS:
            self.clear()
        self[word] = folded
        return folded


_MAX_WORDS = 100_000
_WORD_FOLDS = _WordFolds()


_SPACE_RUN = re.compile(r"[ \t\r\f\v]+")


def normalize_text(text: str) -> str:
    """NFC, non-breaking and odd spaces to plain spaces, runs of whitespace collapsed. A text
    of printable characters without two spaces in a row (most lines and cells) has nothing
    to replace or collapse: the odd spaces are all unprintable, and this runs for every cell."""
    text = unicodedata.normalize("NFC", text)
    if text.isprintable() and "  " not in text:
        return text.strip()
    text = text.replace("\u00a0", " ").replace("\u200b", "").replace("\ufeff", "")
    return _SPACE_RUN.sub(" ", text).strip()


def fold_name(text: str) -> str:
    """A name folded for fuzzy matching: folded, punctuation to spaces, spaces collapsed
    (`UBND quận Tây Hồ` → `ubnd quan tay ho`, `Sở LĐ-TB&XH` → `so ld tb&xh`)."""
    folded = fold(text)
    folded = re.sub(r"[^a-z0-9&]+", " ", folded)
    return re.sub(r"\s+", " ", folded).strip()


@dataclass(frozen=True, slots=True)
class Phrase:
    """A named pattern over folded text, with the real strings it must match (tested)."""

    name: str
    pattern: re.Pattern[str]
    examples: tuple[str, ...]
    needs: tuple[str, ...] = ()  # words of which every match holds one (tested)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """The pattern's matches; none looked for in a text that holds none of `needs`: a
        substring test reads a passage many times faster than re tries a pattern at each of
        its characters, and most passages name no `cả nước` or `tỷ lệ`."""
        for word in self.needs:  # a loop, not any(): a generator cost as much as the tests
            if word in text:
                break
        else:
            if self.needs:
                return iter(())
        return self.pattern.finditer(text)


def phrase(name: str, pattern: str, *examples: str, needs: tuple[str, ...] = ()) -> Phrase:
    return Phrase(name, re.compile(pattern), examples, needs)
