"""The letter's identity as printed: number, date line, place and issuer mentions.

Official letters open with `ỦY BAN NHÂN DÂN / TỈNH THỪA THIÊN HUẾ` beside `Số: 1986/UBND-KSTT`
and `Thừa Thiên Huế, ngày 08 tháng 3 năm 2023`; annex captions repeat `của UBND thành phố Hà
Nội`; law portals append `Số hiệu:` and `Nơi ban hành:`; news articles say `UBND thành phố Hà
Nội vừa có Công văn số 1444/UBND-KSTTHC`, or only `tỉnh Quảng Ninh đạt 90,45 điểm` (kept as
weaker province mentions). All are collected; the normaliser decides.
"""

from __future__ import annotations

import re

from extractors.model import Document, IndexFamily, LetterHeader
from extractors.phrases import (
    FAMILY_PAR, FAMILY_SERVICE, FAMILY_SIPAS, ISSUED_ON_FIELD, ISSUER, LETTER_DATE, LETTER_NUMBER, PROVINCE_LINE,
    PROVINCE_MENTION,
)
from normalize.text import fold

_HEAD_TEXTS = 40


def parse_letter_header(doc: Document) -> LetterHeader:
    texts = [t for t, _ in doc.texts()]
    number = _first_number(texts[:_HEAD_TEXTS]) or _first_number(texts)
    date_text, place = _first_date(texts[:_HEAD_TEXTS]) or _first_date(texts) or (None, None)
    issuers: list[str] = []
    if place:
        issuers.append(place)
    for i, text in enumerate(texts):
        folded = fold(text)
        if i < _HEAD_TEXTS and PROVINCE_LINE.pattern.match(folded.strip()):
            issuers.append(text.strip())
        issuers += [text[m.start("name"):m.end("name")] for m in ISSUER.pattern.finditer(folded)]
    mentions = [text[m.start():m.end("name")] for text in texts for m in PROVINCE_MENTION.pattern.finditer(fold(text))]
    return LetterHeader(number, date_text, place, tuple(issuers), _family(texts), tuple(mentions))


def _family(texts: list[str]) -> IndexFamily | None:
    """The index the letter is about: the one it names most (a service-index letter cites
    766/QĐ-TTg; a PAR INDEX plan names PAR INDEX and SIPAS throughout)."""
    folded = fold(" ".join(texts))
    counts = {
        IndexFamily.SERVICE_INDEX: len(FAMILY_SERVICE.pattern.findall(folded)),
        IndexFamily.PAR_INDEX: len(FAMILY_PAR.pattern.findall(folded)),
        IndexFamily.SIPAS: len(FAMILY_SIPAS.pattern.findall(folded)),
    }
    best = max(counts, key=lambda f: counts[f])
    return best if counts[best] else None


def _first_number(texts: list[str]) -> str | None:
    for text in texts:
        m = LETTER_NUMBER.pattern.search(fold(text.strip()))
        if m:
            start = len(text) - len(text.lstrip())
            return re.sub(r"\s+", "", text[start + m.start("number"):start + m.end("number")])
    return None


def _first_date(texts: list[str]) -> tuple[str, str | None] | None:
    for text in texts:
        folded = fold(text)
        m = LETTER_DATE.pattern.search(folded)
        if m:
            place = text[m.start("place"):m.end("place")].strip(" ,") if m.group("place") else None
            return f"{m.group('day')}/{m.group('month')}/{m.group('year')}", place or None
        m = ISSUED_ON_FIELD.pattern.search(folded)
        if m:
            return f"{m.group('day')}/{m.group('month')}/{m.group('year')}", None
    return None
