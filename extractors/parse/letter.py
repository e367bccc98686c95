"""The letter's identity as printed: number, date line, place and issuer mentions.

Official letters open with `ỦY BAN NHÂN DÂN / TỈNH THỪA THIÊN HUẾ` beside `Số: 1986/UBND-KSTT`
and `Thừa Thiên Huế, ngày 08 tháng 3 năm 2023`; annex captions repeat `của UBND thành phố Hà
Nội`; law portals append `Số hiệu:` and `Nơi ban hành:`; news articles say `UBND thành phố Hà
Nội vừa có Công văn số 1444/UBND-KSTTHC`, or only `tỉnh Quảng Ninh đạt 90,45 điểm` (kept as
weaker province mentions). All are collected; the normaliser decides.
"""

from __future__ import annotations

from extractors.model import Document, IndexFamily, LetterHeader
from extractors.phrases import (
    FAMILY_PAR, FAMILY_SERVICE, FAMILY_SIPAS, ISSUED_ON_FIELD, ISSUER, LETTER_DATE, LETTER_NUMBER, PROVINCE_LINE,
    PROVINCE_MENTION,
)
from normalize.text import fold

_HEAD_TEXTS = 40


def parse_letter_header(doc: Document) -> LetterHeader:
    texts = [t.strip() for t, _ in doc.texts()]
    folded = [fold(t) for t in texts]
    number = _first_number(texts[:_HEAD_TEXTS], folded) or _first_number(texts, folded)
    date_text, place = _first_date(texts[:_HEAD_TEXTS], folded) or _first_date(texts, folded) or (None, None)
    issuers: list[str] = [place] if place else []
    mentions: list[str] = []
    for i, (text, low) in enumerate(zip(texts, folded)):
        if i < _HEAD_TEXTS and PROVINCE_LINE.pattern.match(low):
            issuers.append(text)
        issuers += [text[m.start("name"):m.end("name")] for m in ISSUER.pattern.finditer(low)]
        mentions += [text[m.start():m.end("name")] for m in PROVINCE_MENTION.pattern.finditer(low)]
    return LetterHeader(number, date_text, place, tuple(issuers), _family(" ".join(folded)), tuple(mentions))


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


def _first_number(texts: list[str], folded: list[str]) -> str | None:
    for text, low in zip(texts, folded):
        m = LETTER_NUMBER.pattern.search(low)
        if m:
            return "".join(text[m.start("number"):m.end("number")].split())
    return None


def _first_date(texts: list[str], folded: list[str]) -> tuple[str, str | None] | None:
    for text, low in zip(texts, folded):
        m = LETTER_DATE.pattern.search(low)
        if m:
            place = text[m.start("place"):m.end("place")].strip(" ,") if m.group("place") else None
            return f"{m.group('day')}/{m.group('month')}/{m.group('year')}", place or None
        m = ISSUED_ON_FIELD.pattern.search(low)
        if m:
            return f"{m.group('day')}/{m.group('month')}/{m.group('year')}", None
    return None
