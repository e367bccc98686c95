"""Score statements in the body of a letter → RawFacts.

Letters state results in prose: `Tổng số điểm Thành phố đạt được tháng 12/2024: 62.28/100 điểm
(tăng 1.29 điểm so với tháng 11/2024), xếp hạng 61/63 tỉnh, thành phố`; `Công khai minh bạch đạt
8,8/18 điểm; Dịch vụ công trực tuyến đạt 3,0/12 điểm`; `Chỉ số PAR INDEX của Thành phố đạt
88,54%, tăng 2.47% so với năm 2020`; OCR'd as `Tong s6 diém ... 58,3/100 diém (giam 3.2`.
Lines wrapped by a PDF or OCR are joined into passages first (`passages`). Matching runs on the
folded passage, which has the same offsets as the published text, so labels and raw text stay
as published. This module reads a passage's figures (`figures`) in order and decides whose
each is: a rank or a change belongs to the last score stated before it (`anchors`), a score to
the unit named beside it (`owners`), and some to no unit at all (`scope`).
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterator
from dataclasses import replace


from chiso.extractors.model import Document, IndexFamily, Measure, NumberKind, RawFact
from chiso.extractors.phrases import (
    AREA_HEADING, BODY_FIGURE, CAPTION, CLAUSE_BREAK, COMPARISON_OPENER, GAP_BEFORE, GROUP_WORDS, PAREN_NUMBER, TARGET_WORDS,
    UNNAMED_PEER,
)
from chiso.extractors.parse.anchors import (
    Anchor, Carried, date_by_aside, find_listed_anchor, find_rank_anchor, make_body_fact, read_label,
)
from chiso.extractors.parse.clause_cues import (
    OTHER_INDEX, find_asides, names_index, read_area_after, read_family, read_period, read_period_after,
)
from chiso.extractors.parse.figures import FigureMention, find_figure_mentions, find_ranks_by_name
from chiso.extractors.parse.folded import FoldedTexts, fold_texts
from chiso.extractors.parse.mentions import UnitMention, find_unit_mentions
from chiso.extractors.parse.owners import (
    drop_locators, find_nearest_unit, find_unit_after, find_units_sharing, pair_respective_units,
)
from chiso.extractors.parse.passages import Passage, fold_passage, read_passages
from chiso.extractors.parse.said_last import SaidLast
from chiso.extractors.parse.scope import is_national_average, is_national_rank, is_no_units_figure, is_regional, spans_years
from chiso.normalize.text import fold

_MAX_HEADING = 120


def parse_score_lines(doc: Document, folds: FoldedTexts | None = None) -> Iterator[RawFact]:
    """Passages in reading order, each knowing what the ones before it carried. `folds` holds
    the letter's lines folded (`folded.fold_texts`), made here when not given."""
    folds = folds or fold_texts(doc)
    carried = Carried()
    for passage in read_passages(doc):
        folded = fold_passage(passage, folds)
        last = yield from parse_passage(passage, folded, doc, carried)
        carried = Carried(SaidLast(_period_named(folded), carried.periods), carried.names_index or names_index(folded),
                          last, _heading(folded, carried.heading), SaidLast(_family_named(folded), carried.families))


def _period_named(folded: str) -> Callable[[], str | None]:
    """The period a passage leaves to the next; a caption (`Bảng xếp hạng chỉ số PARINDEX năm
    2022 ...`) dates its table, not the prose after it."""
    return lambda: None if CAPTION.pattern.match(folded) else read_period(folded, len(folded), find_asides(folded))


def _family_named(folded: str) -> Callable[[], object]:
    return lambda: read_family(folded)


def _heading(folded: str, previous: str | None) -> str | None:
    """A short line without figures is a heading: one that names an area or group
    (`- Lĩnh vực Cải cách thể chế`) names the figures after it, any other ends the last one."""
    if len(folded) > _MAX_HEADING or BODY_FIGURE.pattern.search(folded):
        return previous
    return folded if AREA_HEADING.pattern.match(folded) else None


def parse_passage(passage: Passage, folded: str, doc: Document, carried: Carried) -> Generator[RawFact, None, Anchor | None]:
    """Each score or percent anchors the ranks and changes said after it. Those said before
    their score in the same clause (`xếp thứ 60/63 với 55,12 điểm`), or before the unit the
    next score belongs to (`Đứng thứ 2 là tỉnh Bình Định với 90,54 điểm`), wait for it. A
    score's unit is the one named nearest before it since the previous score; none named, the
    previous score's in the same clause, else the letter's own. `folded` is the passage
    folded; its asides (parentheses that hold a value) are read only in a passage with figures,
    a few of a letter's. A passage that opens with a comparison (`So với năm 2023, tăng 1,64% nhưng giảm 5 bậc`) goes
    on about the previous passage's last score; the passage's own last is returned."""
    found, taken = find_figure_mentions(folded, carried.names_index)
    # Units are read only where a figure was found or one may follow a name (`Long An (46/63)`):
    # most of a letter's passages state none, and naming units was most of a passage's parse.
    units = drop_locators(find_unit_mentions(passage.text, folded), folded) if found or PAREN_NUMBER.pattern.search(folded) else []
    mentions = sorted([*found, *find_ranks_by_name(folded, units, taken)], key=lambda x: x.start)
    asides = find_asides(folded) if mentions else []
    # Clauses and `lần lượt` matter only to a passage's figures, and to a passage with scores.
    clause_starts = [0] + [m.end() for m in CLAUSE_BREAK.finditer(passage.text)] if mentions else [0]
    clauses = [max(s for s in clause_starts if s <= m.start) for m in mentions]
    scores = [i for i, m in enumerate(mentions) if m.measure in (Measure.SCORE, Measure.PERCENT) and m.earlier is None and not m.of_group]
    respective = pair_respective_units(folded, clause_starts, units, mentions, scores) if scores else {}
    anchor = carried.anchor if carried.anchor and COMPARISON_OPENER.pattern.match(folded) else None
    waiting: list[tuple[FigureMention, int]] = []
    previous_end = 0
    refused_clause = -1  # the clause of the last figure that was no unit's
    # A score in parentheses anchors only what follows inside them: `đạt 86,14 điểm (gồm ...
    # 4,36/6.5 điểm). Xếp hạng thứ 43/63` ranks the 86,14 again.
    outside: tuple[int, Anchor | None] | None = None  # where the parentheses close, the anchor before them
    whole: Anchor | None = None  # the last anchor that is not a part's
    ranked: Anchor | None = None  # the last rank said in a clause of its own
    for i, mention in enumerate(mentions):
        clause_start = clauses[i]
        if outside is not None and mention.start > outside[0]:
            anchor, outside = outside[1], None
        if i in scores:
            label_start = max(clause_start, previous_end)
            label = read_label(passage.text[label_start:mention.start])
            clause = folded[clause_start:mention.start]
            same_clause = anchor is not None and anchor.clause_start == clause_start
            family = (read_family(clause) or (anchor.family if anchor and same_clause else None)
                      or read_family(folded[:clause_start]) or carried.family)
            unit = respective.get(i) or find_unit_after(units, folded, mention.end) or find_nearest_unit(units, label_start, mention.start)
            if unit is None and is_national_average(clause, family):
                # `cao hơn so với giá trị trung bình năm 2016 là 3.08%`: the gap to an average is none.
                if not GAP_BEFORE.pattern.search(folded[max(0, mention.start - 45):mention.start]):
                    national = Anchor(label, family, None, False, read_period(folded, mention.start, asides) or carried.period, clause_start)
                    yield make_body_fact(replace(mention, measure=Measure.NATIONAL_AVERAGE), national, passage, doc, clause_start, None)
                anchor, waiting, refused_clause = None, [], clause_start
                previous_end = mention.end
                continue
            if (is_no_units_figure(clause, folded[label_start:mention.start], family, unit, same_clause)
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
            period = read_period(folded, mention.start, asides) or carried.period or read_period_after(folded, mention.end, asides)
            share = (anchor is not None and same_clause and unit is None and anchor.in_points
                     and mention.kind is NumberKind.PERCENT)
            aside_end = next((end for start, end in asides if start < mention.start < end), None)
            if aside_end is not None and outside is None:
                outside = (aside_end, anchor)
            # A share (`14.78/17 điểm, tương ứng với Chỉ số thành phần là 86.92%`) is of the area its points were.
            area = read_area_after(folded, mention.end)
            if share and area is None:
                area = anchor.heading or (None if carried.heading else anchor.label)
            anchor = Anchor(label, family, subject, bare, period, clause_start, mention.in_points, mention.is_part, area)
            whole = whole if anchor.is_part else anchor
            previous_end = mention.end
            for said, said_in in [(mention, clause_start), *waiting]:
                fact = make_body_fact(said, anchor, passage, doc, said_in, anchor.heading or carried.heading)
                yield replace(fact, measure=Measure.PERCENT, tags=(*fact.tags, "share")) if share and said is mention else fact
                for other in find_units_sharing(units, unit, folded, mention.start) if said is mention and not share else ():
                    yield replace(fact, subject=other.name, tags=tuple(t for t in fact.tags if t != "bare-subject")
                                  + (("bare-subject",) if other.is_bare else ()))
            waiting = []
        elif mention.trails and anchor is not None:
            yield make_body_fact(mention, anchor, passage, doc, clause_start, anchor.heading or carried.heading)
        elif mention.of_group:
            if anchor is not None and anchor.is_part and anchor.family is IndexFamily.SERVICE_INDEX:
                rate = replace(anchor, label=read_label(passage.text[max(clause_start, previous_end):mention.start]))
                fact = make_body_fact(mention, rate, passage, doc, clause_start, anchor.label)
                yield replace(fact, tags=(*fact.tags, "rate"))
        elif mention.earlier is not None and mention.measure is Measure.SCORE or _waits(i, mentions, clauses, scores, units):
            waiting.append((mention, clause_start))
        elif TARGET_WORDS.pattern.search(folded[clause_start:mention.start]) or (
                mention.measure in (Measure.RANK, Measure.RANK_OF, Measure.RANK_CHANGE) and is_regional(mention, clause_start, folded)
                and not is_national_rank(mention, folded)) or spans_years(mention, folded, asides, carried):
            continue
        elif (own := find_rank_anchor(mention, anchor, clause_start, passage, folded, units, asides, carried)
              or find_listed_anchor(ranked, mention, clause_start, passage, folded, units, asides)) is not None:
            ranked = own
            yield make_body_fact(mention, own, passage, doc, clause_start, carried.heading)
        elif anchor is None and mention.measure is Measure.NATIONAL_AVERAGE:
            clause = folded[clause_start:mention.start]
            national = Anchor(read_label(passage.text[clause_start:mention.start]), read_family(clause) or carried.family, None, False,
                              read_period(folded, mention.start, asides) or carried.period, clause_start)
            if national.family is not OTHER_INDEX:
                yield make_body_fact(mention, national, passage, doc, clause_start, None)
        elif anchor is not None:
            said_of = whole if anchor.is_part and anchor.clause_start != clause_start and whole is not None else anchor
            named = read_family(folded[clause_start:mention.start]) if anchor.clause_start != clause_start else None
            if named is OTHER_INDEX:
                continue  # `; Chỉ số hiệu quả quản trị và hành chính công xếp thứ 10/63`: PAPI's rank
            said_of = replace(said_of, family=named) if named else said_of
            # A change may name its own group between the figure before it and itself (`..., trong
            # đó, nhóm chỉ số công khai minh bạch tăng 0,1 điểm`); the resolver reads it there.
            said = passage.text[max(clause_start, mentions[i - 1].end if i else 0):mention.start]
            own = read_label(said) if GROUP_WORDS.pattern.search(fold(said)) else said_of.heading or carried.heading
            yield make_body_fact(mention, date_by_aside(said_of, mention, folded, asides), passage, doc, clause_start, own)
    return anchor and replace(anchor, clause_start=-1)


def _waits(i: int, mentions: list[FigureMention], clauses: list[int], scores: list[int], units: list[UnitMention]) -> bool:
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
