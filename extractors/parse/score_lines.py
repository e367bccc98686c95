"""Score statements in the body of a letter → RawFacts.

Letters state results in prose: `Tổng số điểm Thành phố đạt được tháng 12/2024: 62.28/100 điểm
(tăng 1.29 điểm so với tháng 11/2024), xếp hạng 61/63 tỉnh, thành phố`; `Công khai minh bạch đạt
8,8/18 điểm; Dịch vụ công trực tuyến đạt 3,0/12 điểm`; `Chỉ số PAR INDEX của Thành phố đạt
88,54%, tăng 2.47% so với năm 2020`; OCR'd as `Tong s6 diém ... 58,3/100 diém (giam 3.2`.
Lines wrapped by a PDF or OCR are joined into passages first. Matching runs on the folded
passage, which has the same offsets as the published text, so labels and raw text stay as
published. A rank or a change belongs to the last score stated before it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from extractors.model import Document, IndexFamily, Line, Measure, NumberKind, Provenance, RawFact
from extractors.phrases import (
    BODY_DELTA, BODY_NATIONAL, BODY_POINTS, BODY_RANK, BODY_SCORE, CLAUSE_BREAK, DELTA_SAME, FAMILY_PAR, FAMILY_SIPAS, GENERIC_SUBJECT,
    INDEX_WORD, LIST_MARKER, NOT_A_SCORE_BEFORE, PERIOD, SCORE_INTRO, SENTENCE_END, SUBJECT_END, TARGET_WORDS,
)
from extractors.rows import is_unit_name
from normalize.text import fold

_MAX_PASSAGE_LINES = 12
_MIN_WRAPPED_LINE = 50


@dataclass(frozen=True, slots=True)
class Passage:
    """Consecutive wrapped lines read as one paragraph; `starts[i]` is the offset of lines[i]."""

    text: str
    lines: tuple[Line, ...]
    starts: tuple[int, ...]

    def prov_at(self, offset: int) -> Provenance:
        index = max(i for i, s in enumerate(self.starts) if s <= offset)
        return self.lines[index].prov


@dataclass(frozen=True, slots=True)
class _Mention:
    start: int
    end: int
    measure: Measure
    value: str
    kind: NumberKind


def read_passages(doc: Document) -> Iterator[Passage]:
    """Join a line with the next when it was wrapped mid-sentence; tables end a passage."""
    group: list[Line] = []
    for block in doc.blocks:
        if not isinstance(block, Line):
            if group:
                yield _passage(group)
            group = []
            continue
        if group and not _continues(group[-1].text, block.text, len(group)):
            yield _passage(group)
            group = []
        group.append(block)
    if group:
        yield _passage(group)


def _continues(previous: str, line: str, length: int) -> bool:
    """A wrapped line continues a sentence: the previous line is body text (long, not all
    capitals) without closing punctuation, and this one is no new list item or heading."""
    if length >= _MAX_PASSAGE_LINES or SENTENCE_END.pattern.search(previous) or LIST_MARKER.pattern.match(line):
        return False
    if previous.upper() == previous or line.upper() == line:
        return False
    return len(previous) >= _MIN_WRAPPED_LINE or not line[:1].isupper()


def _passage(lines: list[Line]) -> Passage:
    starts, parts, offset = [], [], 0
    for line in lines:
        starts.append(offset)
        parts.append(line.text)
        offset += len(line.text) + 1
    return Passage(" ".join(parts), tuple(lines), tuple(starts))


def parse_score_lines(doc: Document) -> Iterator[RawFact]:
    for passage in read_passages(doc):
        yield from parse_passage(passage, doc)


# What a score says about the numbers around it: label, family, subject and period.
_Anchor = tuple[str, IndexFamily | None, str | None, str | None]


def parse_passage(passage: Passage, doc: Document) -> Iterator[RawFact]:
    """Each score or percent anchors the ranks and changes said after it; those said before
    their score in the same clause (`xếp thứ 60/63 với 55,12 điểm`) wait for it."""
    folded = fold(passage.text)
    clause_starts = [0] + [m.end() for m in CLAUSE_BREAK.finditer(passage.text)]
    mentions = _find_mentions(folded)
    asides = _asides(folded)
    clauses = [max(s for s in clause_starts if s <= m.start) for m in mentions]
    scores = {i for i, m in enumerate(mentions) if m.measure in (Measure.SCORE, Measure.PERCENT)}
    first_score_in: dict[int, int] = {}  # clause start → index of its first score
    for i in sorted(scores):
        first_score_in.setdefault(clauses[i], i)
    anchor: _Anchor | None = None
    waiting: list[tuple[_Mention, int]] = []
    previous_end = 0
    for i, mention in enumerate(mentions):
        clause_start = clauses[i]
        if i in scores:
            label_start = max(clause_start, previous_end)
            label = _label(passage.text[label_start:mention.start])
            clause = folded[clause_start:mention.start]
            if TARGET_WORDS.pattern.search(clause):
                anchor, waiting = None, []
                continue
            family = _family(clause) or (anchor[1] if anchor and clause_start < previous_end else None)
            anchor = (label, family, _subject(passage.text, folded, clause_start), _period(folded, mention.start, asides))
            previous_end = mention.end
            for said, said_in in [(mention, clause_start), *waiting]:
                yield _body_fact(said, anchor, passage, doc, said_in)
            waiting = []
        elif first_score_in.get(clause_start, -1) > i:
            waiting.append((mention, clause_start))
        elif anchor is not None and not TARGET_WORDS.pattern.search(folded[clause_start:mention.start]):
            yield _body_fact(mention, anchor, passage, doc, clause_start)


def _body_fact(mention: _Mention, anchor: _Anchor, passage: Passage, doc: Document, clause_start: int) -> RawFact:
    label, family, subject, period = anchor
    return RawFact(
        doc_id=doc.doc_id, family=family, measure=mention.measure, value_text=mention.value,
        value_kind=mention.kind, label=label, raw_text=passage.text, extractor=doc.extractor,
        prov=passage.prov_at(mention.start), subject=subject, period_text=period,
        context=passage.text[clause_start:mention.end], tags=("body",),
    )


def _label(text: str) -> str:
    """The words naming the number: after a colon that introduces a list (`như: Công khai
    minh bạch đạt`), before a colon that introduces the value (`đạt được tháng 12/2024:`)."""
    text = text.strip(" ,;-(")
    head, _, tail = text.rpartition(":")
    return tail.strip() if head and len(tail.split()) >= 2 else text.rstrip(" :")


def _find_mentions(folded: str) -> list[_Mention]:
    """Score, rank and change mentions in reading order; a rank's `61/63` is not a score."""
    found: list[_Mention] = []
    taken: list[tuple[int, int]] = []
    for m in BODY_RANK.pattern.finditer(folded):
        rank, of = m.group("rank") or m.group("rank2"), m.group("of") or m.group("of2")
        found.append(_Mention(m.start(), m.end(), Measure.RANK, rank, NumberKind.RANK))
        if of:
            found.append(_Mention(m.start() + 1, m.end(), Measure.RANK_OF, of, NumberKind.RANK))
        taken.append(m.span())
    for m in BODY_NATIONAL.pattern.finditer(folded):
        found.append(_Mention(m.start("value"), m.end(), Measure.NATIONAL_AVERAGE, m.group("value"), NumberKind.SCORE))
        taken.append(m.span())
    for m in BODY_SCORE.pattern.finditer(folded):
        if _overlaps(m.span(), taken) or not _is_score(folded, m):
            continue
        found.append(_Mention(m.start(), m.end(), Measure.SCORE, m.group("value"), NumberKind.SCORE))
        found.append(_Mention(m.start() + 1, m.end(), Measure.MAX_SCORE, m.group("max"), NumberKind.SCORE))
        taken.append(m.span())
    for m in BODY_POINTS.pattern.finditer(folded):
        if _overlaps(m.span("value"), taken):
            continue
        kind = NumberKind.PERCENT if m.group("unit") == "%" else NumberKind.SCORE
        if kind is NumberKind.PERCENT and not _percent_is_index(folded[:m.start()]):
            continue
        found.append(_Mention(m.start("value"), m.end(), Measure.SCORE, m.group("value"), kind))
        taken.append(m.span())
    for m in BODY_DELTA.pattern.finditer(folded):
        if _overlaps(m.span(), taken) or m.group("unit") in ("bac", "hang"):
            continue
        sign = "-" if m.group("dir") != "tang" else ""
        kind = NumberKind.PERCENT if m.group("unit") == "%" else NumberKind.SCORE
        found.append(_Mention(m.start(), m.end(), Measure.DELTA, sign + m.group("value"), kind))
    for m in DELTA_SAME.pattern.finditer(folded):
        found.append(_Mention(m.start(), m.end(), Measure.DELTA, "0", NumberKind.SCORE))
    return sorted(found, key=lambda x: x.start)


def _is_score(folded: str, m: re.Match[str]) -> bool:
    """`12/2024` after `tháng` is a period and `193/2025` a number: a score has a maximum of
    at most 100, is not above it, and is said in points or after `đạt`, `là` or a colon."""
    try:
        value = float(m.group("value").replace(",", "."))
        maximum = float(m.group("max").replace(",", "."))
    except ValueError:
        return False
    before = folded[max(0, m.start() - 14):m.start()]
    if NOT_A_SCORE_BEFORE.pattern.search(before) or not 0 < maximum <= 100 or value > maximum:
        return False
    return "diem" in m.group(0) or maximum == 100 or bool(SCORE_INTRO.pattern.search(before))


def _percent_is_index(before: str) -> bool:
    """`Chỉ số SIPAS đạt 87,11%` is a result; `đạt 99% hồ sơ` alone is not."""
    clause = before[-160:]
    return bool(FAMILY_PAR.pattern.search(clause) or FAMILY_SIPAS.pattern.search(clause) or INDEX_WORD.pattern.search(clause))


def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in taken)


def _family(folded_clause: str) -> IndexFamily | None:
    par = [m.start() for m in FAMILY_PAR.pattern.finditer(folded_clause)]
    sipas = [m.start() for m in FAMILY_SIPAS.pattern.finditer(folded_clause)]
    if not par and not sipas:
        return None
    return IndexFamily.PAR_INDEX if max(par, default=-1) > max(sipas, default=-1) else IndexFamily.SIPAS


def _subject(text: str, folded: str, clause_start: int) -> str | None:
    """A unit named at the start of the clause (`UBND huyện Bát Xát với tổng điểm đạt ...`)."""
    head = folded[clause_start:]
    lead = len(head) - len(head.lstrip(" -+•*"))
    head = head[lead:]
    start = clause_start + lead
    if not is_unit_name(text[start:]):
        return None
    end = SUBJECT_END.pattern.search(head)
    name = head[:end.start()] if end else head[:60]
    if GENERIC_SUBJECT.pattern.match(name.strip()):
        return None
    return text[start:start + len(name)].strip()


def _period(folded: str, before: int, asides: list[tuple[int, int]]) -> str | None:
    """The last period named before the number, skipping `so với <period>` comparisons,
    spans (`Từ năm 2015 đến nay`) and asides closed before the number: in `tăng 1,2% (năm 2021
    là 85,40%), xếp thứ 5`, 2021 dates 85,40 alone."""
    closed = [(start, end) for start, end in asides if end < before]
    last = None
    for m in PERIOD.pattern.finditer(folded, 0, before):
        if m.group("cmp") or m.group("trailing") or m.group("span"):
            continue
        if not any(start < m.start() < end for start, end in closed):
            last = m.group(0)
    return last


def _asides(folded: str) -> list[tuple[int, int]]:
    """Spans of the passage's parentheses, found once per passage."""
    spans: list[tuple[int, int]] = []
    opened: list[int] = []
    for i, char in enumerate(folded):
        if char == "(":
            opened.append(i)
        elif char == ")" and opened:
            spans.append((opened.pop(), i))
    return spans
