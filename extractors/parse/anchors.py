"""Anchors: what a score (or a rank in a clause of its own) says about the figures after it.

A rank or a change belongs to the last score stated before it (`đạt 62.28/100 điểm (tăng 1.29
điểm ...), xếp hạng 61/63`): the anchor carries that score's label, index, unit and period to
them. `Carried` is what a passage leaves to the passages after it, and `make_body_fact` turns a
figure and its anchor into a RawFact.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from chiso.extractors.model import Document, IndexFamily, Measure, RawFact
from chiso.extractors.phrases import CLAUSE_BREAK, INDEX_WORD, LISTED_COMPONENT, PERIOD, RANK_ABOUT
from chiso.extractors.parse.clause_cues import OTHER_INDEX, read_family, read_period, read_period_after
from chiso.extractors.parse.figures import FigureMention
from chiso.extractors.parse.mentions import UnitMention
from chiso.extractors.parse.owners import find_nearest_unit, find_unit_named_next
from chiso.extractors.parse.passages import Passage
from chiso.extractors.parse.said_last import SaidLast


@dataclass(frozen=True, slots=True)
class Anchor:
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


@dataclass(frozen=True, slots=True)
class Carried:
    """What earlier passages of the letter said that later ones rely on: the period named
    last (a title's `năm 2024`), and whether an index was named (so a list's `Sở X đạt 85,1%`
    two paragraphs later is that index's result)."""

    periods: SaidLast[str] = field(default_factory=SaidLast)
    names_index: bool = False
    anchor: Anchor | None = None  # the last score's, for a passage that goes on `So với năm 2023, tăng 1,64%`
    heading: str | None = None  # a heading that names what follows (`- Lĩnh vực Cải cách thể chế`)
    # The index named last (`Về Chỉ số PAR Index, ...` before `Tỉnh Gia Lai đạt 80,35/100 điểm`).
    families: SaidLast[object] = field(default_factory=SaidLast)

    @property
    def period(self) -> str | None:
        return self.periods.value()

    @property
    def family(self) -> object:
        return self.families.value()


def date_by_aside(anchor: Anchor, mention: FigureMention, folded: str, asides: list[tuple[int, int]]) -> Anchor:
    """`giảm 5 bậc (năm 2023 đứng thứ 48/63)`: a rank said in parentheses with a period of its
    own is the anchor's unit in that period."""
    aside = next(((start, end) for start, end in asides if start < mention.start < end), None)
    if aside is None:
        return anchor
    m = None
    for m in PERIOD.pattern.finditer(folded, aside[0], mention.start):
        pass
    return replace(anchor, period=m.group(0)) if m and not (m["cmp"] or m["span"] or m["trailing"]) else anchor


def find_rank_anchor(mention: FigureMention, anchor: Anchor | None, clause_start: int, passage: Passage, folded: str,
                     units: list[UnitMention], asides: list[tuple[int, int]], carried: Carried) -> Anchor | None:
    """A rank (or change) said in a clause of its own, with no score: `Hà Nội xếp thứ 3 cả nước
    về chỉ số CCHC`, `Gia Lai đứng thứ 19`, `tỉnh Bình Thuận tăng mạnh nhất với 6,39%`. It belongs to the unit named in its clause, when that is not
    the previous score's unit (whose clause it would otherwise continue)."""
    if mention.measure not in (Measure.RANK, Measure.RANK_OF, Measure.RANK_CHANGE, Measure.DELTA):
        return None
    if anchor is not None and anchor.clause_start == clause_start:
        return None
    unit = find_unit_named_next(units, folded, mention.end) or find_nearest_unit(units, clause_start, mention.start)
    clause_end = next((m.start() for m in CLAUSE_BREAK.finditer(folded, mention.end)), len(folded))
    if unit is None and mention.earlier:  # `Từ vị trí 63 của năm 2020, chỉ số PAR INDEX của tỉnh Quảng Ngãi năm 2021 ...`
        unit = next((u for u in units if mention.end <= u.start and u.end <= clause_end), None)
    about = RANK_ABOUT.pattern.match(folded, mention.end)  # `thứ 5 về Chỉ số SIPAS và thứ 10 về Chỉ số PAR INDEX`
    named = read_family(about.group(0)) if about else read_family(folded[clause_start:mention.start])
    if unit is None and not _ranks_an_index(mention, named, folded[clause_start:mention.start]) or unit is not None and unit.is_region:
        return None
    subject = None if unit is None or unit.is_generic else unit.name
    if anchor is not None and subject == anchor.subject:
        return None
    before = folded[:mention.start]
    family = named or (read_family(folded[clause_start:mention.start]) if about else None) or read_family(before) \
        or read_family(folded[mention.end:clause_end])
    if family is OTHER_INDEX or not (family or INDEX_WORD.pattern.search(before) or carried.names_index):
        return None
    period = read_period(folded, mention.start, asides) or carried.period or read_period_after(folded, mention.end, asides)
    return Anchor(read_label(passage.text[clause_start:mention.start]), family, subject, unit is not None and unit.is_bare,
                  period, clause_start)


def _ranks_an_index(mention: FigureMention, named: object, clause: str) -> bool:
    """`Năm 2024, Chỉ số PAPI duy trì thứ 13, ..., SIPAS xếp thứ 22`: a rank of PAR INDEX or SIPAS
    named in its clause (`named`), with no unit named there, is the text's own province's; so is
    a move whose clause names its year (`Chỉ số cải cách hành chính năm 2017 tăng 28 bậc`; a
    headline's `chỉ số cải cách hành chính tăng 7 bậc` may be of any year)."""
    if named not in (IndexFamily.PAR_INDEX, IndexFamily.SIPAS):
        return False
    return mention.measure is Measure.RANK or mention.measure is Measure.RANK_CHANGE and read_period(clause, len(clause), []) is not None


def find_listed_anchor(ranked: Anchor | None, mention: FigureMention, clause_start: int, passage: Passage, folded: str,
                       units: list[UnitMention], asides: list[tuple[int, int]]) -> Anchor | None:
    """`... của tỉnh Kon Tum gồm: Chỉ số về công tác chỉ đạo ... xếp hạng 52/63; Chỉ số cải cách
    thể chế xếp hạng 22/63`: a list of the same unit's components, each ranked in its clause."""
    if ranked is None or mention.measure not in (Measure.RANK, Measure.RANK_OF, Measure.RANK_CHANGE):
        return None
    if ranked.clause_start == clause_start:
        return ranked  # `22/63`: the rank's `63`
    family = read_family(folded[clause_start:mention.start])
    if (find_nearest_unit(units, clause_start, mention.start) or not LISTED_COMPONENT.pattern.match(folded, clause_start)
            or family is OTHER_INDEX):
        return None
    return replace(ranked, label=read_label(passage.text[clause_start:mention.start]), clause_start=clause_start,
                   period=read_period(folded, mention.start, asides) or ranked.period, family=family or ranked.family)


def make_body_fact(mention: FigureMention, anchor: Anchor, passage: Passage, doc: Document, clause_start: int,
                   heading: str | None) -> RawFact:
    """A figure with what its anchor says of it; `heading` is the group or area it is filed under."""
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


def read_label(text: str) -> str:
    """The words naming the number: after a colon that introduces a list (`như: Công khai
    minh bạch đạt`), before a colon that introduces the value (`đạt được tháng 12/2024:`)."""
    text = text.strip(" ,;-(")
    head, _, tail = text.rpartition(":")
    return tail.strip() if head and len(tail.split()) >= 2 else text.rstrip(" :")
