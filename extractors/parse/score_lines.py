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
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, field, replace

from chiso.extractors.model import Document, IndexFamily, Line, Measure, NumberKind, Provenance, RawFact
from chiso.extractors.phrases import (
    ASIDE_VALUE, AVERAGE_WORD, NATIONAL_PEERS, COUNT_WORDS, VALUE_ENDS_CLAUSE, GAP_BEFORE, LEVEL_AGGREGATE, NATIONAL_SCOPE, RATE_WORDS, REGIONAL_SCOPE, BODY_BARE_VALUE, BODY_DELTA, BODY_NATIONAL, BODY_POINTS, BODY_RANK, BODY_SCORE, BODY_UNIT_VALUE, CLAUSE_BREAK, DELTA_SAME,
    FAMILY_OTHER, FAMILY_PAR, FAMILY_SERVICE_CUE, FAMILY_SIPAS, GROUP_AVERAGE, INDEX_WORD, LIST_MARKER, LIST_RANK, NOT_A_SCORE_BEFORE,
    NOT_A_VALUE_BEFORE, ORDINAL_RANK, ORDINALS, PERIOD, SCORE_INTRO, SENTENCE_END, TARGET_WORDS, COMPARISON_OPENER, GAP_CLAUSE, UNNAMED_PEER,
    AREA_HEADING, PEERS_OF, SIPAS_RATE, SCORE_ON_SCALE, LAST_OF, HIGHER_THAN_YEAR, BODY_FIGURE, PAREN_NUMBER, PARENTHESIS, HAS_DIGIT, HAS_DECIMAL, CAPTION, NATIONAL_COUNT, PAREN_RANK, FROM_TO, RANK_IS, LISTED_COMPONENT, HIGHER_THAN_BEFORE, RESPECTIVELY, GROUP_WORDS, RANK_ABOUT, CHANGE_OF_VALUE,
    PREVIOUS_VALUE, EARLIER_RANK, THIS_YEAR, AREA_NAMED_AFTER, CHANGE_SINCE, EXTREME_CHANGE_NAMED, MOVE_IN_WORDS, CARDINALS, GROUP_RATE, TARGET_YEAR, SHARED_VALUE,
)
from chiso.extractors.parse.mentions import UnitMention, find_unit_mentions
from chiso.extractors.parse.folded import FoldedTexts, fold_texts
from chiso.extractors.parse.said_last import SaidLast
from chiso.normalize.text import fold

_MAX_PASSAGE_LINES = 12
_MAX_HEADING = 120
# The most provinces a region counts (Trung du và miền núi phía Bắc, Bắc Trung Bộ và duyên hải miền Trung: 14).
_MAX_REGION = 14
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
    in_points: bool = False  # said in `điểm`: a SIPAS value in points is a score, not a share
    is_part: bool = False  # out of a maximum below 100 (`9,42/10 điểm`): a group's or area's, not the total
    earlier: str | None = None  # the earlier end of `từ X xuống Y`: its own year (`(2021)`) or "" for the period before
    trails: bool = False  # said after the score it is the previous period's value of: `(tuần trước 84,43 điểm)`
    of_group: bool = False  # a rate under a group's score (`Trong đó, tỷ lệ ... đạt 99,98%`): one of its sub-indicators


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
    """Lines joined by a space, or by a line break where one line starts with a capital after
    one without closing punctuation: a headline (`Phấn đấu đến năm 2025, BR-VT ...`) ends its
    clause there, so its plan words do not reach the first sentence's figures."""
    starts, text = [], ""
    for line in lines:
        if text:
            text += "\n" if line.text[:1].isupper() else " "
        starts.append(len(text))
        text += line.text
    return Passage(text, tuple(lines), tuple(starts))


@dataclass(frozen=True, slots=True)
class Carried:
    """What earlier passages of the letter said that later ones rely on: the period named
    last (a title's `năm 2024`), and whether an index was named (so a list's `Sở X đạt 85,1%`
    two paragraphs later is that index's result)."""

    periods: SaidLast[str] = field(default_factory=SaidLast)
    names_index: bool = False
    anchor: _Anchor | None = None  # the last score's, for a passage that goes on `So với năm 2023, tăng 1,64%`
    heading: str | None = None  # a heading that names what follows (`- Lĩnh vực Cải cách thể chế`)
    # The index named last (`Về Chỉ số PAR Index, ...` before `Tỉnh Gia Lai đạt 80,35/100 điểm`).
    families: SaidLast[object] = field(default_factory=SaidLast)

    @property
    def period(self) -> str | None:
        return self.periods.value()

    @property
    def family(self) -> object:
        return self.families.value()


def parse_score_lines(doc: Document, folds: FoldedTexts | None = None) -> Iterator[RawFact]:
    """Passages in reading order, each knowing what the ones before it carried. `folds` holds
    the letter's lines folded (`folded.fold_texts`), made here when not given."""
    folds = folds or fold_texts(doc)
    carried = Carried()
    for passage in read_passages(doc):
        folded = fold_passage(passage, folds)
        last = yield from parse_passage(passage, folded, doc, carried)
        carried = Carried(SaidLast(_period_named(folded), carried.periods), carried.names_index or _names_index(folded),
                          last, _heading(folded, carried.heading), SaidLast(_family_named(folded), carried.families))


def _period_named(folded: str) -> Callable[[], str | None]:
    """The period a passage leaves to the next; a caption (`Bảng xếp hạng chỉ số PARINDEX năm
    2022 ...`) dates its table, not the prose after it."""
    return lambda: None if CAPTION.pattern.match(folded) else _period(folded, len(folded), _asides(folded))


def _family_named(folded: str) -> Callable[[], object]:
    return lambda: _family(folded)


def fold_passage(passage: Passage, folds: FoldedTexts) -> str:
    """`fold(passage.text)`, put together from its lines' folds: lines are joined by a space or
    a line break, across which folding reads nothing (a digit is read as a letter only beside
    letters: one character back, two ahead), so the lines' folds joined the same way are the
    passage's."""
    parts: list[str] = []
    end = 0
    for line, start in zip(passage.lines, passage.starts):
        parts += [passage.text[end:start], folds.of(line.text)]
        end = start + len(line.text)
    return "".join(parts)


def _heading(folded: str, previous: str | None) -> str | None:
    """A short line without figures is a heading: one that names an area or group
    (`- Lĩnh vực Cải cách thể chế`) names the figures after it, any other ends the last one."""
    if len(folded) > _MAX_HEADING or BODY_FIGURE.pattern.search(folded):
        return previous
    return folded if AREA_HEADING.pattern.match(folded) else None


@dataclass(frozen=True, slots=True)
class _Anchor:
    """What a score says about the numbers around it: label, family, subject and period."""

    label: str
    family: IndexFamily | None
    subject: str | None
    subject_is_bare: bool
    period: str | None
    clause_start: int
    in_points: bool = False  # said in points: a percentage said next for the same unit is its share (PAR INDEX)
    is_part: bool = False  # a part's score (`4,36/6.5 điểm`): ranks said in a later clause are the whole's
    heading: str | None = None  # the area its clause names after it (`đạt 95.83% về Chỉ số thành phần ...`)


def parse_passage(passage: Passage, folded: str, doc: Document, carried: Carried) -> Generator[RawFact, None, _Anchor | None]:
    """Each score or percent anchors the ranks and changes said after it. Those said before
    their score in the same clause (`xếp thứ 60/63 với 55,12 điểm`), or before the unit the
    next score belongs to (`Đứng thứ 2 là tỉnh Bình Định với 90,54 điểm`), wait for it. A
    score's unit is the one named nearest before it since the previous score; none named, the
    previous score's in the same clause, else the letter's own. `folded` is the passage
    folded; its asides (parentheses that hold a value) are read only in a passage with figures,
    a few of a letter's. A passage that opens with a comparison (`So với năm 2023, tăng 1,64% nhưng giảm 5 bậc`) goes
    on about the previous passage's last score; the passage's own last is returned."""
    found, taken = _find_mentions(folded, carried.names_index)
    # Units are read only where a figure was found or one may follow a name (`Long An (46/63)`):
    # most of a letter's passages state none, and naming units was most of a passage's parse.
    units = _without_locators(find_unit_mentions(passage.text, folded), folded) if found or PAREN_NUMBER.pattern.search(folded) else []
    mentions = sorted([*found, *_ranks_by_name(folded, units, taken)], key=lambda x: x.start)
    asides = _asides(folded) if mentions else []
    # Clauses and `lần lượt` matter only to a passage's figures, and to a passage with scores.
    clause_starts = [0] + [m.end() for m in CLAUSE_BREAK.finditer(passage.text)] if mentions else [0]
    clauses = [max(s for s in clause_starts if s <= m.start) for m in mentions]
    scores = [i for i, m in enumerate(mentions) if m.measure in (Measure.SCORE, Measure.PERCENT) and m.earlier is None and not m.of_group]
    respective = _respectively(folded, clause_starts, units, mentions, scores) if scores else {}
    anchor = carried.anchor if carried.anchor and COMPARISON_OPENER.pattern.match(folded) else None
    waiting: list[tuple[_Mention, int]] = []
    previous_end = 0
    refused_clause = -1  # the clause of the last figure that was no unit's
    # A score in parentheses anchors only what follows inside them: `đạt 86,14 điểm (gồm ...
    # 4,36/6.5 điểm). Xếp hạng thứ 43/63` ranks the 86,14 again.
    outside: tuple[int, _Anchor | None] | None = None  # where the parentheses close, the anchor before them
    whole: _Anchor | None = None  # the last anchor that is not a part's
    ranked: _Anchor | None = None  # the last rank said in a clause of its own
    for i, mention in enumerate(mentions):
        clause_start = clauses[i]
        if outside is not None and mention.start > outside[0]:
            anchor, outside = outside[1], None
        if i in scores:
            label_start = max(clause_start, previous_end)
            label = _label(passage.text[label_start:mention.start])
            clause = folded[clause_start:mention.start]
            same_clause = anchor is not None and anchor.clause_start == clause_start
            family = (_family(clause) or (anchor.family if anchor and same_clause else None)
                      or _family(folded[:clause_start]) or carried.family)
            unit = respective.get(i) or _unit_after(units, folded, mention.end) or _nearest_unit(units, label_start, mention.start)
            if unit is None and _is_national_average(clause, family):
                # `cao hơn so với giá trị trung bình năm 2016 là 3.08%`: the gap to an average is none.
                if not GAP_BEFORE.pattern.search(folded[max(0, mention.start - 45):mention.start]):
                    national = _Anchor(label, family, None, False, _period(folded, mention.start, asides) or carried.period, clause_start)
                    yield _body_fact(replace(mention, measure=Measure.NATIONAL_AVERAGE), national, passage, doc, clause_start, None)
                anchor, waiting, refused_clause = None, [], clause_start
                previous_end = mention.end
                continue
            if (_is_no_units_figure(clause, folded[label_start:mention.start], family, unit, same_clause)
                    or unit is None and refused_clause == clause_start
                    or (unit is None or unit.is_generic) and UNNAMED_PEER.pattern.search(folded, label_start, mention.start)):
                anchor, waiting, refused_clause = None, [], clause_start
                previous_end = mention.end
                continue
            if unit is not None:
                subject, bare = (None, False) if unit.is_generic else (unit.name, unit.is_bare)
            elif anchor is not None and same_clause:
                subject, bare = anchor.subject, anchor.subject_is_bare
            else:
                subject, bare = None, False
            period = _period(folded, mention.start, asides) or carried.period or _period_after(folded, mention.end, asides)
            share = (anchor is not None and same_clause and unit is None and anchor.in_points
                     and mention.kind is NumberKind.PERCENT)
            aside_end = next((end for start, end in asides if start < mention.start < end), None)
            if aside_end is not None and outside is None:
                outside = (aside_end, anchor)
            # A share (`14.78/17 điểm, tương ứng với Chỉ số thành phần là 86.92%`) is of the area its points were.
            area = _area_after(folded, mention.end)
            if share and area is None:
                area = anchor.heading or (None if carried.heading else anchor.label)
            anchor = _Anchor(label, family, subject, bare, period, clause_start, mention.in_points, mention.is_part, area)
            whole = whole if anchor.is_part else anchor
            previous_end = mention.end
            for said, said_in in [(mention, clause_start), *waiting]:
                fact = _body_fact(said, anchor, passage, doc, said_in, anchor.heading or carried.heading)
                yield replace(fact, measure=Measure.PERCENT, tags=(*fact.tags, "share")) if share and said is mention else fact
                for other in _sharing(units, unit, folded, mention.start) if said is mention and not share else ():
                    yield replace(fact, subject=other.name, tags=tuple(t for t in fact.tags if t != "bare-subject")
                                  + (("bare-subject",) if other.is_bare else ()))
            waiting = []
        elif mention.trails and anchor is not None:
            yield _body_fact(mention, anchor, passage, doc, clause_start, anchor.heading or carried.heading)
        elif mention.of_group:
            if anchor is not None and anchor.is_part and anchor.family is IndexFamily.SERVICE_INDEX:
                rate = replace(anchor, label=_label(passage.text[max(clause_start, previous_end):mention.start]))
                fact = _body_fact(mention, rate, passage, doc, clause_start, anchor.label)
                yield replace(fact, tags=(*fact.tags, "rate"))
        elif mention.earlier is not None and mention.measure is Measure.SCORE or _waits(i, mentions, clauses, scores, units):
            waiting.append((mention, clause_start))
        elif TARGET_WORDS.pattern.search(folded[clause_start:mention.start]) or (
                mention.measure in (Measure.RANK, Measure.RANK_OF, Measure.RANK_CHANGE) and _is_regional(mention, clause_start, folded)
                and not _is_national_rank(mention, folded)) or _spans_years(mention, folded, asides, carried):
            continue
        elif (own := _rank_anchor(mention, anchor, clause_start, passage, folded, units, asides, carried)
              or _listed_after(ranked, mention, clause_start, passage, folded, units, asides)) is not None:
            ranked = own
            yield _body_fact(mention, own, passage, doc, clause_start, carried.heading)
        elif anchor is None and mention.measure is Measure.NATIONAL_AVERAGE:
            clause = folded[clause_start:mention.start]
            national = _Anchor(_label(passage.text[clause_start:mention.start]), _family(clause) or carried.family, None, False,
                               _period(folded, mention.start, asides) or carried.period, clause_start)
            if national.family is not _OTHER_INDEX:
                yield _body_fact(mention, national, passage, doc, clause_start, None)
        elif anchor is not None:
            said_of = whole if anchor.is_part and anchor.clause_start != clause_start and whole is not None else anchor
            named = _family(folded[clause_start:mention.start]) if anchor.clause_start != clause_start else None
            if named is _OTHER_INDEX:
                continue  # `; Chỉ số hiệu quả quản trị và hành chính công xếp thứ 10/63`: PAPI's rank
            said_of = replace(said_of, family=named) if named else said_of
            # A change may name its own group between the figure before it and itself (`..., trong
            # đó, nhóm chỉ số công khai minh bạch tăng 0,1 điểm`); the resolver reads it there.
            said = passage.text[max(clause_start, mentions[i - 1].end if i else 0):mention.start]
            own = _label(said) if GROUP_WORDS.pattern.search(fold(said)) else said_of.heading or carried.heading
            yield _body_fact(mention, _dated_by_aside(said_of, mention, folded, asides), passage, doc, clause_start, own)
    return anchor and replace(anchor, clause_start=-1)


def _dated_by_aside(anchor: _Anchor, mention: _Mention, folded: str, asides: list[tuple[int, int]]) -> _Anchor:
    """`giảm 5 bậc (năm 2023 đứng thứ 48/63)`: a rank said in parentheses with a period of its
    own is the anchor's unit in that period."""
    aside = next(((start, end) for start, end in asides if start < mention.start < end), None)
    if aside is None:
        return anchor
    m = None
    for m in PERIOD.pattern.finditer(folded, aside[0], mention.start):
        pass
    return replace(anchor, period=m.group(0)) if m and not (m["cmp"] or m["span"] or m["trailing"]) else anchor


def _area_after(folded: str, end: int) -> str | None:
    """`được đánh giá 11.50/12 điểm, đạt 95.83% về Chỉ số thành phần Chỉ đạo, điều hành CCHC`: the
    area a clause names after its figures, for the resolver to read the code from."""
    clause_end = next((m.start() for m in CLAUSE_BREAK.finditer(folded, end)), len(folded))
    m = AREA_NAMED_AFTER.pattern.search(folded, end, clause_end)
    return folded[m.start():clause_end].rstrip(" .;,") if m else None


def _spans_years(mention: _Mention, folded: str, asides: list[tuple[int, int]], carried: Carried) -> bool:
    """`tăng 25 bậc so năm 2016` in a 2019 result: a change over several years is no change of
    the year's (a rank_change or delta is against the period before)."""
    if mention.measure not in (Measure.RANK_CHANGE, Measure.DELTA) or not (since := CHANGE_SINCE.pattern.match(folded, mention.end)):
        return False
    year = re.search(r"\d{4}", _period(folded, mention.start, asides) or carried.period or "")
    return year is not None and int(year.group()) - int(since.group("y")) > 1


def _is_national_average(clause: str, family: object) -> bool:
    """`Chỉ số CCHC năm 2024 của các tỉnh, thành phố ... với giá trị trung bình ... đạt 88,37%`:
    the provinces' average, which a province's page prints as the national average beside its
    own result; averages of a province's own departments or levels are no one's."""
    return (family is not _OTHER_INDEX and bool(AVERAGE_WORD.pattern.search(clause))
            and bool(NATIONAL_PEERS.pattern.search(clause)) and not TARGET_WORDS.pattern.search(clause))


def _is_no_units_figure(clause: str, window: str, family: object, unit: UnitMention | None, same_clause: bool) -> bool:
    """Figures that belong to no unit, and what is said of them in the same breath: plans
    (`phấn đấu đạt`), other indices (PCI), averages (`bình quân đạt 85,41%`), regions (`vùng
    Đồng bằng sông Hồng ... đạt 90.17%`, `Trung du miền núi phía Bắc, đạt 87,72%`), the whole country (`trong cả nước ... ở mức 82,66%`)
    and a level taken together (`UBND cấp huyện đạt 82,91%`)."""
    if TARGET_WORDS.pattern.search(clause) or family is _OTHER_INDEX or GROUP_AVERAGE.pattern.search(window):
        return True
    if unit is not None:
        return unit.is_region
    return not same_clause and bool(NATIONAL_SCOPE.pattern.search(window) or LEVEL_AGGREGATE.pattern.search(window)
                                    or REGIONAL_SCOPE.pattern.search(window))


def _is_regional(mention: _Mention, clause_start: int, folded: str) -> bool:
    """`So với 13 tỉnh khu vực ĐBSCL, Vĩnh Long đứng thứ 11/13`, `xếp thứ 2/14 vùng Đồng bằng
    sông Hồng`: regional ranks are not loaded (CONTRACT.md)."""
    if mention.measure is Measure.RANK_CHANGE:
        before = folded[max(0, mention.start - 60):mention.start].rstrip()
        if before.endswith("("):  # `hạng 3/13 tỉnh, thành phố khu vực ĐBSCL (tăng 1 bậc`: the rank's before it
            return bool(REGIONAL_SCOPE.pattern.search(re.split(r"\d", before)[-1]))
        return _regional_after(folded, mention.end) or bool(REGIONAL_SCOPE.pattern.search(folded[clause_start:mention.start]))
    # `thứ 5/13 tỉnh, thành phố vùng ĐBSCL`: the comma of `tỉnh, thành` ends no clause.
    after = re.sub(r"\btinh,\s*thanh\b", "tinh thanh", folded[mention.end:mention.end + 40])[:30].split(",")[0]
    return bool(REGIONAL_SCOPE.pattern.search(folded[clause_start:mention.start]) or REGIONAL_SCOPE.pattern.search(after))


def _regional_after(folded: str, end: int) -> bool:
    """`tăng 1 bậc từ vị trí thứ 5 lên thứ 4 trong vùng TD&MNPB`: a move whose sentence names
    the region before it names the country."""
    clause_end = next((m.start() for m in CLAUSE_BREAK.finditer(folded, end)), len(folded))
    # `tăng 1 bậc so với năm 2022 và đứng đầu trong 6 tỉnh Bắc Trung bộ`, `giảm 3 bậc ..., nhưng dẫn
    # đầu khu vực Tây Nguyên`: the region is the next verb's.
    joined = re.search(r"\b(?:va|nhung) (?:dung|xep|dat|dan dau)\b", folded[end:clause_end])
    clause_end = end + joined.start() if joined else clause_end
    regional = REGIONAL_SCOPE.pattern.search(folded, end, clause_end)
    national = NATIONAL_SCOPE.pattern.search(folded, end, clause_end)
    return regional is not None and (national is None or regional.start() < national.start())


def _is_national_rank(mention: _Mention, folded: str) -> bool:
    """In a comparison with the region (`chỉ sau Long An (hạng 7)`, `Bạc Liêu đứng hạng 59`,
    `Lâm Đồng (46/63)`), a rank out of the country's provinces, beyond any region's size, or
    in parentheses after a name is the national one."""
    said = folded[mention.start:mention.end]
    # In parentheses a rank is a name's (`Lâm Đồng (46/63)`); a move is the rank's before it (`hạng 3/13 ... (tăng 1 bậc)`).
    return (bool(NATIONAL_COUNT.pattern.search(said)) or abs(int(mention.value)) > _MAX_REGION
            or mention.measure is not Measure.RANK_CHANGE and folded[:mention.start].rstrip().endswith("("))


def _rank_anchor(mention: _Mention, anchor: _Anchor | None, clause_start: int, passage: Passage, folded: str,
                 units: list[UnitMention], asides: list[tuple[int, int]], carried: Carried) -> _Anchor | None:
    """A rank (or change) said in a clause of its own, with no score: `Hà Nội xếp thứ 3 cả nước
    về chỉ số CCHC`, `Gia Lai đứng thứ 19`, `tỉnh Bình Thuận tăng mạnh nhất với 6,39%`. It belongs to the unit named in its clause, when that is not
    the previous score's unit (whose clause it would otherwise continue)."""
    if mention.measure not in (Measure.RANK, Measure.RANK_OF, Measure.RANK_CHANGE, Measure.DELTA):
        return None
    if anchor is not None and anchor.clause_start == clause_start:
        return None
    unit = _named_next(units, folded, mention.end) or _nearest_unit(units, clause_start, mention.start)
    clause_end = next((m.start() for m in CLAUSE_BREAK.finditer(folded, mention.end)), len(folded))
    if unit is None and mention.earlier:  # `Từ vị trí 63 của năm 2020, chỉ số PAR INDEX của tỉnh Quảng Ngãi năm 2021 ...`
        unit = next((u for u in units if mention.end <= u.start and u.end <= clause_end), None)
    about = RANK_ABOUT.pattern.match(folded, mention.end)  # `thứ 5 về Chỉ số SIPAS và thứ 10 về Chỉ số PAR INDEX`
    named = _family(about.group(0)) if about else _family(folded[clause_start:mention.start])
    if unit is None and not _ranks_an_index(mention, named, folded[clause_start:mention.start]) or unit is not None and unit.is_region:
        return None
    subject = None if unit is None or unit.is_generic else unit.name
    if anchor is not None and subject == anchor.subject:
        return None
    before = folded[:mention.start]
    family = named or (_family(folded[clause_start:mention.start]) if about else None) or _family(before) \
        or _family(folded[mention.end:clause_end])
    if family is _OTHER_INDEX or not (family or INDEX_WORD.pattern.search(before) or carried.names_index):
        return None
    return _Anchor(_label(passage.text[clause_start:mention.start]), family, subject, unit is not None and unit.is_bare,
                   _period(folded, mention.start, asides) or carried.period or _period_after(folded, mention.end, asides), clause_start)


def _ranks_an_index(mention: _Mention, named: object, clause: str) -> bool:
    """`Năm 2024, Chỉ số PAPI duy trì thứ 13, ..., SIPAS xếp thứ 22`: a rank of PAR INDEX or SIPAS
    named in its clause (`named`), with no unit named there, is the text's own province's; so is
    a move whose clause names its year (`Chỉ số cải cách hành chính năm 2017 tăng 28 bậc`; a
    headline's `chỉ số cải cách hành chính tăng 7 bậc` may be of any year)."""
    if named not in (IndexFamily.PAR_INDEX, IndexFamily.SIPAS):
        return False
    return mention.measure is Measure.RANK or mention.measure is Measure.RANK_CHANGE and _period(clause, len(clause), []) is not None


def _listed_after(ranked: _Anchor | None, mention: _Mention, clause_start: int, passage: Passage, folded: str,
                  units: list[UnitMention], asides: list[tuple[int, int]]) -> _Anchor | None:
    """`... của tỉnh Kon Tum gồm: Chỉ số về công tác chỉ đạo ... xếp hạng 52/63; Chỉ số cải cách
    thể chế xếp hạng 22/63`: a list of the same unit's components, each ranked in its clause."""
    if ranked is None or mention.measure not in (Measure.RANK, Measure.RANK_OF, Measure.RANK_CHANGE):
        return None
    if ranked.clause_start == clause_start:
        return ranked  # `22/63`: the rank's `63`
    family = _family(folded[clause_start:mention.start])
    if (_nearest_unit(units, clause_start, mention.start) or not LISTED_COMPONENT.pattern.match(folded, clause_start)
            or family is _OTHER_INDEX):
        return None
    return replace(ranked, label=_label(passage.text[clause_start:mention.start]), clause_start=clause_start,
                   period=_period(folded, mention.start, asides) or ranked.period, family=family or ranked.family)


def _respectively(folded: str, clause_starts: list[int], units: list[UnitMention], mentions: list[_Mention],
                  scores: list[int]) -> dict[int, UnitMention]:
    """`Sở Nội vụ và quận Long Biên có chỉ số ... lần lượt là 95,77% và 95,39%`: the values after
    `lần lượt` belong, in order, to the units named before it in the clause."""
    paired: dict[int, UnitMention] = {}
    for m in RESPECTIVELY.pattern.finditer(folded):
        start = max(s for s in clause_starts if s <= m.start())
        end = min((s for s in clause_starts if s > m.end()), default=len(folded))
        named = [u for u in units if start <= u.start and u.end <= m.start() and not u.is_generic
                 and not folded[:u.start].endswith("cua ")]  # `của Hà Nội` owns them, is not one of them
        values = [i for i in scores if m.end() <= mentions[i].start < end]
        if len(named) >= 2 and len(named) == len(values):
            paired.update(zip(values, named))
    return paired


def _named_next(units: list[UnitMention], folded: str, end: int) -> UnitMention | None:
    """`xếp vị trí thứ 2 là thành phố Hải Phòng`, `thứ 3 là Hà Nội` (its `là` read with the rank):
    the unit a rank names after it."""
    said_la = folded.endswith("la", 0, end)
    return next((u for u in units if u.start >= end and (RANK_IS.pattern.fullmatch(folded[end:u.start])
                                                          or said_la and not folded[end:u.start].strip())), None)


def _waits(i: int, mentions: list[_Mention], clauses: list[int], scores: list[int], units: list[UnitMention]) -> bool:
    """A rank or change waits for the next score of its clause when no score of the clause
    came before it, or when a unit is named between it and that score, or between the score
    before it and itself (`TP.Dĩ An 87,7 điểm, huyện Bắc Tân Uyên hạng 3 với 86,8 điểm`)."""
    following = next((j for j in scores if j > i), None)
    if following is None or clauses[following] != clauses[i]:
        return False
    earlier = [j for j in scores if j < i and clauses[j] == clauses[i]]
    if not earlier or any(mentions[earlier[-1]].end <= u.start and u.end <= mentions[i].start for u in units):
        return True
    # A change after a score is that score's (`Hải Dương 82,99 điểm giảm 1,25% và TP Đà Nẵng
    # 65,95 điểm`); a rank before a unit introduces it (`, thứ 2 là tỉnh Bình Định với 90,54`).
    return mentions[i].measure in (Measure.RANK, Measure.RANK_OF) and \
        any(mentions[i].end <= u.start and u.end <= mentions[following].start for u in units)


def _sharing(units: list[UnitMention], unit: UnitMention | None, folded: str, value_start: int) -> list[UnitMention]:
    """`Sở Tư pháp và Sở Y tế cùng đạt 95 điểm`: the units listed with the score's own (joined
    by `và` or commas) when the verb says they share it (`cùng`, `đều`)."""
    if unit is None or unit.is_generic or not SHARED_VALUE.pattern.match(folded, unit.end, value_start):
        return []
    before = [u for u in units if u.end <= unit.start]
    shared: list[UnitMention] = []
    end = unit.start
    for other in reversed(before):
        if other.is_generic or not re.fullmatch(r"\s*(?:,|va|,\s*va)\s*", folded[other.end:end]):
            break
        shared.append(other)
        end = other.start
    return shared[::-1]


def _without_locators(units: list[UnitMention], folded: str) -> list[UnitMention]:
    """`Phường Tân Bình (TP.Dĩ An) hạng nhất với 90,47 điểm`: a unit in parentheses right after
    another only says where that one is; the ward is the subject. So does a district after a
    commune and a comma (`xã Lai Hưng, huyện Bàu Bàng, tăng 25,9%`), and the province whose
    peers a rank counts (`thứ 8/9 địa phương cấp huyện của tỉnh, tụt 5 bậc`)."""
    return [u for k, u in enumerate(units)
            if not (k and folded[units[k - 1].end:u.start].strip() == "(" and folded[u.end:u.end + 2].strip().startswith(")"))
            and not (k and folded[units[k - 1].end:u.start].strip() == "," and _COMMUNE.match(folded, units[k - 1].start)
                     and _DISTRICT.match(folded, u.start))
            and not (u.is_generic and PEERS_OF.pattern.search(folded, max(0, u.start - 60), u.start))]


_COMMUNE = re.compile(r"(?:xa|phuong|thi tran)\s")
_DISTRICT = re.compile(r"(?:huyen|thi xa|thanh pho|quan)\s|(?:tx|tp|q|h)\.")


def _unit_after(units: list[UnitMention], folded: str, end: int) -> UnitMention | None:
    """A unit named in parentheses right after its value: `98,63 điểm (Sở Công thương)`."""
    return next((u for u in units if end <= u.start <= end + 3 and folded[end:u.start].strip() == "("), None)


def _nearest_unit(units: list[UnitMention], floor: int, before: int) -> UnitMention | None:
    inside = [u for u in units if floor <= u.start and u.end <= before]
    return inside[-1] if inside else None


def _body_fact(mention: _Mention, anchor: _Anchor, passage: Passage, doc: Document, clause_start: int,
               heading: str | None) -> RawFact:
    tags = ("body", "bare-subject") if anchor.subject_is_bare else ("body",)
    if mention.in_points:
        tags += ("points",)
    if mention.is_part:
        tags += ("part",)
    if mention.earlier == "":
        tags += ("earlier",)
    return RawFact(
        doc_id=doc.doc_id, family=anchor.family, measure=mention.measure, value_text=mention.value,
        value_kind=mention.kind, label=anchor.label, raw_text=passage.text, extractor=doc.extractor,
        prov=passage.prov_at(mention.start), subject=anchor.subject, period_text=mention.earlier or anchor.period,
        context=passage.text[clause_start:mention.end], tags=tags, group_label=heading,
    )


def _label(text: str) -> str:
    """The words naming the number: after a colon that introduces a list (`như: Công khai
    minh bạch đạt`), before a colon that introduces the value (`đạt được tháng 12/2024:`)."""
    text = text.strip(" ,;-(")
    head, _, tail = text.rpartition(":")
    return tail.strip() if head and len(tail.split()) >= 2 else text.rstrip(" :")


def _find_mentions(folded: str, indexed: bool) -> tuple[list[_Mention], list[tuple[int, int]]]:
    """Score, rank and change mentions, and the spans they take; a rank's `61/63` is not a
    score, a change's `1,2 điểm` is no score either. A third of a letter's passages print no
    digit: they are read only for ranks and changes said in words, not by every phrase."""
    found: list[_Mention] = []
    taken: list[tuple[int, int]] = []
    if HAS_DIGIT.search(folded) is None:
        _take(_moves_in_words(folded, taken), found, taken)
        _take(_ordinal_ranks(folded, taken), found, taken)
        _take(_unchanged(folded), found, taken)
        return found, taken
    for m in FROM_TO.finditer(folded):
        found.extend(_from_to(m))
        taken.append(m.span())
    for m in EARLIER_RANK.finditer(folded):
        if _overlaps(m.span(), taken):
            continue
        earlier, rank = f"nam {m.group('y') or m.group('y2')}", "rank" if m.group("rank") else "rank2"
        found.append(_Mention(m.start(rank), m.end(), Measure.RANK, m.group(rank), NumberKind.RANK, earlier=earlier))
        if m.group("of"):
            found.append(_Mention(m.start(rank) + 1, m.end(), Measure.RANK_OF, m.group("of"), NumberKind.RANK, earlier=earlier))
        taken.append(m.span())
    for m in HIGHER_THAN_YEAR.finditer(folded):
        if not AVERAGE_WORD.pattern.search(m.group(0)) and not NATIONAL_SCOPE.pattern.search(m.group(0)):
            found.append(_change(m, m.start(), falls=m.group("dir") != "cao hon"))
            taken.append(m.span())
    for m in GROUP_RATE.finditer(folded):
        if _is_sipas_rate(folded, m) or _overlaps(m.span("value"), taken):
            continue  # SIPAS's own value, read as a score below; a gap read above
        found.append(_Mention(m.start("value"), m.end(), Measure.PERCENT, m.group("value"), NumberKind.PERCENT, of_group=True))
        taken.append(m.span())
    for m in PREVIOUS_VALUE.finditer(folded):
        kind = NumberKind.PERCENT if m.group("unit") == "%" else NumberKind.SCORE
        found.append(_Mention(m.start("value"), m.end(), Measure.SCORE, m.group("value"), kind, kind is NumberKind.SCORE,
                              earlier="", trails=True))
        taken.append(m.span())
    for phrase in (CHANGE_OF_VALUE, EXTREME_CHANGE_NAMED):
        for m in phrase.finditer(folded):
            found.append(_change(m, m.start("value"), falls=m.group("dir") != "tang"))
            taken.append(m.span())
    _take(_moves_in_words(folded, taken), found, taken)
    for m in BODY_RANK.finditer(folded):
        if _overlaps(m.span(), taken):
            continue
        rank = next(m.group(g) for g in ("rank", "rank2", "rank3", "rank4", "rank5", "rank6", "rank7") if m.group(g))
        of = m.group("of") or m.group("of2") or m.group("of3")
        found.append(_Mention(m.start(), m.end(), Measure.RANK, rank, NumberKind.RANK))
        if of:
            found.append(_Mention(m.start() + 1, m.end(), Measure.RANK_OF, of, NumberKind.RANK))
        taken.append(m.span())
    for m in LAST_OF.finditer(folded):
        if not _overlaps(m.span(), taken):
            found.append(_Mention(m.start(), m.end(), Measure.RANK_OF, m.group("of"), NumberKind.RANK))
            taken.append(m.span())
    _take(_ordinal_ranks(folded, taken), found, taken)
    for m in BODY_NATIONAL.finditer(folded):
        if NOT_A_VALUE_BEFORE.pattern.search(re.sub(r"\b(?:muc|gia tri) ", "", folded[max(0, m.start() - 16):m.start()])):
            continue  # `cao hơn (mức, giá trị) trung bình của cả nước 1,74%` is a gap, not the average
        found.append(_Mention(m.start("value"), m.end(), Measure.NATIONAL_AVERAGE, m.group("value"), NumberKind.SCORE))
        taken.append(m.span())
    for m in (*BODY_SCORE.finditer(folded), *SCORE_ON_SCALE.finditer(folded)):
        if _overlaps(m.span(), taken) or not _is_score(folded, m):
            continue
        part = float(m.group("max").replace(",", ".")) < 100
        found.append(_Mention(m.start(), m.end(), Measure.SCORE, m.group("value"), NumberKind.SCORE, True, part))
        found.append(_Mention(m.start() + 1, m.end(), Measure.MAX_SCORE, m.group("max"), NumberKind.SCORE, True, part))
        taken.append(m.span())
    for m in BODY_POINTS.finditer(folded):
        if _overlaps(m.span("value"), taken) or GAP_CLAUSE.pattern.search(folded, max(0, m.start() - 90), m.start()):
            continue
        kind = NumberKind.PERCENT if m.group("unit") == "%" else NumberKind.SCORE
        if kind is NumberKind.PERCENT and not _is_index_value(folded, m.start(), m.end(), indexed):
            continue
        found.append(_Mention(m.start("value"), m.end(), Measure.SCORE, m.group("value"), kind, kind is NumberKind.SCORE))
        taken.append(m.span())
    for phrase, rise in ((BODY_DELTA, "tang"), (HIGHER_THAN_BEFORE, "cao hon")):
        for m in phrase.finditer(folded):
            if not _overlaps(m.span(), taken):
                found.append(_change(m, m.start(), falls=m.group("dir") != rise))
                taken.append(m.span())
    _take(_unchanged(folded), found, taken)
    for m in BODY_UNIT_VALUE.finditer(folded):
        if (_overlaps(m.span("value"), taken) or not _is_index_value(folded, m.start(), m.end(), indexed)
                or not VALUE_ENDS_CLAUSE.pattern.match(folded[m.end():m.end() + 12])
                or GAP_BEFORE.pattern.search(folded[max(0, m.start() - 45):m.start()])
                or GAP_CLAUSE.pattern.search(folded, max(0, m.start() - 90), m.start())
                or NOT_A_VALUE_BEFORE.pattern.search(folded[max(0, m.start() - 16):m.start()])):
            continue
        kind = NumberKind.PERCENT if m.group("unit") == "%" else NumberKind.SCORE
        found.append(_Mention(m.start("value"), m.end(), Measure.SCORE, m.group("value"), kind, kind is NumberKind.SCORE))
        taken.append(m.span())
    for m in BODY_BARE_VALUE.finditer(folded) if HAS_DECIMAL.search(folded) else ():
        if _overlaps(m.span("value"), taken) or not _is_index_value(folded, m.start(), m.end(), indexed):
            continue
        found.append(_Mention(m.start("value"), m.end("value"), Measure.SCORE, m.group("value"), NumberKind.SCORE))
        taken.append(m.span())
    return found, taken


def _is_sipas_rate(folded: str, m: re.Match[str]) -> bool:
    """`Chỉ số SIPAS năm 2019 ... với tỷ lệ hài lòng đạt 95,26%`: the satisfaction rate of a
    sentence that names SIPAS before it is that index's value, no group's rate."""
    sentence = max(folded.rfind(". ", 0, m.start()), folded.rfind(";", 0, m.start()), 0)
    return bool(SIPAS_RATE.pattern.match(folded[m.start():m.start("value")])
                and FAMILY_SIPAS.pattern.search(folded, sentence, m.start()))


def _moves_in_words(folded: str, taken: list[tuple[int, int]]) -> list[_Mention]:
    """`tăng một bậc`: a move said without a digit, where no figure stands."""
    return [_Mention(m.start(), m.end(), Measure.RANK_CHANGE, ("-" if m.group("dir") not in ("tang", "len") else "") + CARDINALS[m.group("word")],
                     NumberKind.RANK) for m in MOVE_IN_WORDS.finditer(folded) if not _overlaps(m.span(), taken)]


def _ordinal_ranks(folded: str, taken: list[tuple[int, int]]) -> list[_Mention]:
    """`xếp thứ nhất`: a rank in words, where no figure stands."""
    return [_Mention(m.start(), m.end(), Measure.RANK, ORDINALS[m.group("word") or m.group("word2")], NumberKind.RANK)
            for m in ORDINAL_RANK.finditer(folded) if not _overlaps(m.span(), taken)]


def _unchanged(folded: str) -> list[_Mention]:
    """`giữ nguyên thứ hạng`, `bằng điểm`: no change of rank or score."""
    return [_Mention(m.start(), m.end(), Measure.RANK_CHANGE, "0", NumberKind.RANK) if m.group("place")
            else _Mention(m.start(), m.end(), Measure.DELTA, "0", NumberKind.SCORE) for m in DELTA_SAME.finditer(folded)]


def _take(mentions: list[_Mention], found: list[_Mention], taken: list[tuple[int, int]]) -> None:
    """Mentions found, and the spans they take, added to those of the passage."""
    found += mentions
    taken += [(m.start, m.end) for m in mentions]


def _ranks_by_name(folded: str, units: list[UnitMention], taken: list[tuple[int, int]]) -> list[_Mention]:
    """Ranks printed beside a unit's name: `Lâm Đồng (46/63)`, `(1) Sở Tài chính`."""
    found: list[_Mention] = []
    for unit in units:
        if (m := PAREN_RANK.pattern.match(folded, unit.end)) and int(m["rank"]) <= int(m["of"]) and not _overlaps(m.span(), taken):
            found.append(_Mention(m.start("rank"), m.end(), Measure.RANK, m.group("rank"), NumberKind.RANK))
            found.append(_Mention(m.start("rank") + 1, m.end(), Measure.RANK_OF, m.group("of"), NumberKind.RANK))
            taken.append(m.span())
        if m := LIST_RANK.pattern.search(folded[max(0, unit.start - 8):unit.start]):
            start = max(0, unit.start - 8) + m.start()
            found.append(_Mention(start, unit.start, Measure.RANK, m.group("rank"), NumberKind.RANK))
    return found


def _from_to(m: re.Match[str]) -> list[_Mention]:
    """Both ends of `từ 87,61% xuống 86,78%`: ranks after `vị trí`/`hạng`, or to a place said in
    words (`vươn lên vị trí thứ nhất`), or when both are whole numbers without a unit (`từ 15 lên
    13` after `thứ hạng`), else values in their unit."""
    unit = m.group("u2") or m.group("u1")
    to, to_span = (m.group("to"), m.span("to")) if m.group("to") else (ORDINALS[m.group("toword")], m.span("toword"))
    is_rank = bool(m.group("rankword") or m.group("toword")) or (unit is None and m.group("from").isdigit() and to.isdigit())
    earlier = f"nam {m.group('fy')}" if m.group("fy") else ""
    if is_rank:
        return [_Mention(m.start("from"), m.end("from"), Measure.RANK, m.group("from"), NumberKind.RANK, earlier=earlier),
                _Mention(to_span[0], to_span[1], Measure.RANK, to, NumberKind.RANK)]
    kind = NumberKind.PERCENT if unit == "%" else NumberKind.SCORE
    return [_Mention(m.start("from"), m.end("from"), Measure.SCORE, m.group("from"), kind, unit == "diem", earlier=earlier),
            _Mention(m.start("to"), m.end("to"), Measure.SCORE, m.group("to"), kind, unit == "diem")]


def _change(m: re.Match[str], start: int, falls: bool) -> _Mention:
    """A change by its unit word: places (`bậc`, `hạng`) are a rank change, points or % a delta."""
    value = ("-" if falls else "") + m.group("value")
    if m.group("unit") in ("bac", "hang"):
        return _Mention(start, m.end(), Measure.RANK_CHANGE, value, NumberKind.RANK)
    return _Mention(start, m.end(), Measure.DELTA, value, NumberKind.PERCENT if m.group("unit") == "%" else NumberKind.SCORE)


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


def _is_index_value(folded: str, start: int, end: int, indexed: bool) -> bool:
    """`Chỉ số SIPAS đạt 87,11%`, and every `Sở X đạt 90,05%` of the ranking the letter
    announces, are results; `đạt 99% hồ sơ` or `tỷ lệ ... 98%` are not."""
    # The rate's words open its clause, however long its name: `tỷ lệ hài lòng trong tiếp nhận,
    # giải quyết thủ tục hành chính đạt 93,93%`.
    clause = max(folded.rfind(";", 0, start), folded.rfind(". ", 0, start), start - 120, 0)
    if COUNT_WORDS.search(re.split(r"[,.;(]", folded[end:end + 24])[0]):
        return False
    if (rate := RATE_WORDS.pattern.search(folded[clause:start])) and not (
            SIPAS_RATE.pattern.match(folded[clause + rate.start():start]) and FAMILY_SIPAS.pattern.search(folded, clause, clause + rate.start())):
        return False
    return indexed or _names_index(folded[:start])


def _names_index(folded: str) -> bool:
    return bool(FAMILY_PAR.pattern.search(folded) or FAMILY_SIPAS.pattern.search(folded) or INDEX_WORD.pattern.search(folded))


def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in taken)


# Another index's figure (PCI, PAPI) shares the sentence: never loaded, never filed under ours.
_OTHER_INDEX = object()


def _family(folded_clause: str) -> IndexFamily | object | None:
    """The index cue said last before the number: PAR INDEX, SIPAS, the service index, or
    another index (`_OTHER_INDEX`)."""
    cues = [(m.start(), family) for phrase, family in _FAMILY_CUES for m in phrase.pattern.finditer(folded_clause)]
    return max(cues, key=lambda cue: cue[0])[1] if cues else None


_FAMILY_CUES = ((FAMILY_PAR, IndexFamily.PAR_INDEX), (FAMILY_SIPAS, IndexFamily.SIPAS),
                (FAMILY_SERVICE_CUE, IndexFamily.SERVICE_INDEX), (FAMILY_OTHER, _OTHER_INDEX))


def _period(folded: str, before: int, asides: list[tuple[int, int]]) -> str | None:
    """The last period named before the number, skipping `so với <period>` comparisons,
    spans (`Từ năm 2015 đến nay`) and asides closed before the number: in `tăng 1,2% (năm 2021
    là 85,40%), xếp thứ 5`, 2021 dates 85,40 alone. `Năm nay` said after it is the text's own
    year, which the resolver reads from the letter's first period."""
    closed = [(start, end) for start, end in asides if end < before]
    last, last_end = None, 0
    for m in PERIOD.pattern.finditer(folded, 0, before):
        if m.group("cmp") or m.group("trailing") or m.group("span"):
            continue
        if not any(start < m.start() < end for start, end in closed):
            last, last_end = m.group(0), m.end()
    if "nam nay" in folded and (m := THIS_YEAR.pattern.search(folded, last_end, before)) \
            and not any(start < m.start() < end for start, end in closed):
        return m.group(0)  # the resolver dates it by the letter's own period
    return last


def _period_after(folded: str, after: int, asides: list[tuple[int, int]]) -> str | None:
    """A period named only after the number, in its clause: `Tỉnh Quảng Trị đạt 84,12 điểm Chỉ
    số cải cách hành chính năm 2023`; read when the text names none before it (comparisons,
    spans, targets, asides and dates of a day are no such period)."""
    clause_end = next((m.start() for m in CLAUSE_BREAK.finditer(folded, after)), len(folded))
    for m in PERIOD.pattern.finditer(folded, after, clause_end):
        named = any(m.group(g) for g in _NAMED_PERIODS)  # not a dateline: `Ngày 19-4, Bộ Nội vụ đã công bố`
        if named and not (m.group("cmp") or any(start < m.start() < end for start, end in asides)
                          or TARGET_YEAR.pattern.search(folded, max(0, m.start() - 12), m.start())):
            return m.group(0)
    return None


_NAMED_PERIODS = ("year", "iyear", "month", "quarter", "week")


def _asides(folded: str) -> list[tuple[int, int]]:
    """Spans of the passage's parentheses that hold a value of their own (`(năm 2021 là
    85,40%)`), found once per passage; a name in parentheses (`(PAR Index 2024)`) is none."""
    spans: list[tuple[int, int]] = []
    opened: list[int] = []
    for paren in PARENTHESIS.finditer(folded):  # only the brackets, not every character
        i = paren.start()
        if paren.group() == "(":
            opened.append(i)
        elif opened:
            start = opened.pop()
            if ASIDE_VALUE.pattern.search(folded, start, i):
                spans.append((start, i))
    return spans
