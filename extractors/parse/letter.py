"""The letter's identity as printed: number, date line, place and issuer mentions.

Official letters open with `ỦY BAN NHÂN DÂN / TỈNH THỪA THIÊN HUẾ` beside `Số: 1986/UBND-KSTT`
and `Thừa Thiên Huế, ngày 08 tháng 3 năm 2023`; annex captions repeat `của UBND thành phố Hà
Nội`; law portals append `Số hiệu:` and `Nơi ban hành:`; news articles say `UBND thành phố Hà
Nội vừa có Công văn số 1444/UBND-KSTTHC`, or only `tỉnh Quảng Ninh đạt 90,45 điểm` (kept as
weaker province mentions). All are collected; the normaliser decides.
"""

from __future__ import annotations

from collections.abc import Sequence

from chiso.extractors.model import Document, IndexFamily, LetterHeader
from chiso.extractors.phrases import (
    FAMILY_OTHER, FAMILY_PAR, FAMILY_SERVICE, FAMILY_SIPAS, ISSUED_ON_FIELD, ISSUER, LETTER_DATE, LETTER_NUMBER, PROVINCE_LINE,
    PROVINCE_MENTION,
)
from chiso.extractors.parse.folded import FoldedTexts, fold_texts

_HEAD_TEXTS = 40
# Words that introduce a document the letter cites rather than its own number.
_CITING = ("can cu", "theo", "thuc hien", "tai", "va", "trien khai")


def parse_letter_header(doc: Document, folds: FoldedTexts | None = None) -> LetterHeader:
    """`folds` holds the letter's texts folded (`folded.fold_texts`), made here when not given."""
    folds = folds or fold_texts(doc)
    texts, folded = folds.texts, folds.folded
    # The head first, then the rest (not the head again: a text without a date tried its
    # lines' every character twice).
    head, rest = (texts[:_HEAD_TEXTS], folded[:_HEAD_TEXTS]), (texts[_HEAD_TEXTS:], folded[_HEAD_TEXTS:])
    number = _letter_number(*head) or _letter_number(*rest)
    date_text, place = _first_date(*head) or _first_date(*rest) or (None, None)
    issuers: list[str] = [place] if place else []
    mentions: list[str] = []
    for i, (text, low) in enumerate(zip(texts, folded)):
        if i < _HEAD_TEXTS and PROVINCE_LINE.pattern.match(low):
            issuers.append(text)
        if not _may_name_province(low):
            continue
        issuers += [text[m.start("name"):m.end("name")] for m in ISSUER.pattern.finditer(low)]
        mentions += [text[m.start():_name_end(text, m.end("name"))] for m in PROVINCE_MENTION.pattern.finditer(low)]
    text = " ".join(folded)
    family = _family(text)
    return LetterHeader(number, date_text, place, tuple(issuers), family, tuple(mentions),
                        other_index_only=family is None and bool(FAMILY_OTHER.pattern.search(text)))


def _may_name_province(folded: str) -> bool:
    """ISSUER and PROVINCE_MENTION both name a province after `tỉnh`, `thành phố` or `TP`: a
    text without one of them (most of a letter's table cells) is not searched."""
    return "tinh" in folded or "thanh pho" in folded or "tp" in folded


def _name_end(text: str, end: int) -> int:
    """`tỉnh Sơn La đạt`: the pattern reads folded text, where `La` is the verb `là`; a
    capitalised word right after the name is still the name's."""
    while text[end:end + 1] == " ":
        word = text[end + 1:].split(" ", 1)[0].rstrip(",.;:)")
        if not (word[:1].isupper() and word[1:].islower()):
            break
        end += 1 + len(word)
    return end


def _family(folded: str) -> IndexFamily | None:
    """The index the letter is about: the one it names most (a service-index letter cites
    766/QĐ-TTg; a PAR INDEX plan names PAR INDEX and SIPAS throughout)."""
    counts = {
        IndexFamily.SERVICE_INDEX: len(FAMILY_SERVICE.pattern.findall(folded)),
        IndexFamily.PAR_INDEX: len(FAMILY_PAR.pattern.findall(folded)),
        IndexFamily.SIPAS: len(FAMILY_SIPAS.pattern.findall(folded)),
    }
    best = max(counts, key=lambda f: counts[f])
    return best if counts[best] else None


def _letter_number(texts: Sequence[str], folded: Sequence[str]) -> str | None:
    """The letter's own number: its header's `Số:` field (law portals: `Số hiệu:`) wins over a
    number named in running text (`vừa có Công văn số 1444/UBND-KSTTHC`), and a document the
    letter only cites (`Căn cứ Quyết định số 766/QĐ-TTg`) is never taken. The HTML copy of
    193/UBND-KSTTHC opens with its page description, which cites 766/QĐ-TTg before the header."""
    named: str | None = None
    for text, low in zip(texts, folded):
        for m in LETTER_NUMBER.pattern.finditer(low):
            number = "".join(text[m.start("number"):m.end("number")].split())
            if _is_field(m.group(0)):
                return number
            if named is None and not low[:m.start()].rstrip(" ,;:(").endswith(_CITING):
                named = number
    return named


def _is_field(matched: str) -> bool:
    """A header field (`Số: 193/UBND-KSTTHC`, `Số hiệu: …`, a number alone on its line), not a
    mention in a sentence (`Công văn số 1444/UBND-KSTTHC`)."""
    head = matched.lstrip()
    return head.startswith("so") or head[:1].isdigit()


def _first_date(texts: Sequence[str], folded: Sequence[str]) -> tuple[str, str | None] | None:
    for text, low in zip(texts, folded):
        if "ngay" not in low:
            continue  # both date forms say `ngày`; LETTER_DATE tries a place's forty letters at every character
        m = next(LETTER_DATE.finditer(low), None)  # not tried without `tháng` (LETTER_DATE.needs)
        if m:
            place = text[m.start("place"):m.end("place")].strip(" ,") if m.group("place") else None
            return f"{m.group('day')}/{m.group('month')}/{m.group('year')}", place or None
        m = ISSUED_ON_FIELD.pattern.search(low)
        if m:
            return f"{m.group('day')}/{m.group('month')}/{m.group('year')}", None
    return None
