"""The figures a passage states: scores, maxima, ranks, changes, averages, each with its span.

`62.28/100 điểm` is a score and its maximum, `xếp hạng 61/63` a rank and its count, `tăng 1.29
điểm` a delta, `tăng 3 bậc` a rank change, `từ 87,61% xuống 86,78%` two values of two periods.
Phrases are tried from the most specific to the barest, and a span taken by one is never read
again by another: a rank's `61/63` is no score, a change's `1,2 điểm` no score either. Which
unit and period a figure is of is decided later, by the passage's reading (`score_lines`).
"""

from __future__ import annotations


import re
from dataclasses import dataclass


from chiso.extractors.model import Measure, NumberKind
from chiso.extractors.phrases import (
    AVERAGE_WORD, BODY_BARE_VALUE, BODY_DELTA, BODY_NATIONAL, BODY_POINTS, BODY_RANK, BODY_SCORE, BODY_UNIT_VALUE, CARDINALS,
    CHANGE_OF_VALUE, COUNT_WORDS, DELTA_SAME, EARLIER_RANK, EXTREME_CHANGE_NAMED, FAMILY_SIPAS, FROM_TO, GAP_BEFORE, GAP_CLAUSE,
    GROUP_RATE, HAS_DECIMAL, HAS_DIGIT, HIGHER_THAN_BEFORE, HIGHER_THAN_YEAR, LAST_OF, LIST_RANK, MOVE_IN_WORDS, NATIONAL_SCOPE,
    NOT_A_SCORE_BEFORE, NOT_A_VALUE_BEFORE, ORDINAL_RANK, ORDINALS, PAREN_RANK, PREVIOUS_VALUE, RATE_WORDS, SCORE_INTRO,
    SCORE_ON_SCALE, SIPAS_RATE, VALUE_ENDS_CLAUSE,
)
from chiso.extractors.parse.clause_cues import names_index
from chiso.extractors.parse.mentions import UnitMention


@dataclass(frozen=True, slots=True)
class FigureMention:
    """One figure a passage states: its span in the folded passage, what it measures, its value as printed."""

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


def find_figure_mentions(folded: str, indexed: bool) -> tuple[list[FigureMention], list[tuple[int, int]]]:
    """Score, rank and change mentions, and the spans they take; a rank's `61/63` is not a
    score, a change's `1,2 điểm` is no score either. A third of a letter's passages print no
    digit: they are read only for ranks and changes said in words, not by every phrase."""
    found: list[FigureMention] = []
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
        found.append(FigureMention(m.start(rank), m.end(), Measure.RANK, m.group(rank), NumberKind.RANK, earlier=earlier))
        if m.group("of"):
            found.append(FigureMention(m.start(rank) + 1, m.end(), Measure.RANK_OF, m.group("of"), NumberKind.RANK, earlier=earlier))
        taken.append(m.span())
    for m in HIGHER_THAN_YEAR.finditer(folded):
        if not AVERAGE_WORD.pattern.search(m.group(0)) and not NATIONAL_SCOPE.pattern.search(m.group(0)):
            found.append(_change(m, m.start(), falls=m.group("dir") != "cao hon"))
            taken.append(m.span())
    for m in GROUP_RATE.finditer(folded):
        if _is_sipas_rate(folded, m) or _overlaps(m.span("value"), taken):
            continue  # SIPAS's own value, read as a score below; a gap read above
        found.append(FigureMention(m.start("value"), m.end(), Measure.PERCENT, m.group("value"), NumberKind.PERCENT, of_group=True))
        taken.append(m.span())
    for m in PREVIOUS_VALUE.finditer(folded):
        kind = NumberKind.PERCENT if m.group("unit") == "%" else NumberKind.SCORE
        found.append(FigureMention(m.start("value"), m.end(), Measure.SCORE, m.group("value"), kind, kind is NumberKind.SCORE,
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
        found.append(FigureMention(m.start(), m.end(), Measure.RANK, rank, NumberKind.RANK))
        if of:
            found.append(FigureMention(m.start() + 1, m.end(), Measure.RANK_OF, of, NumberKind.RANK))
        taken.append(m.span())
    for m in LAST_OF.finditer(folded):
        if not _overlaps(m.span(), taken):
            found.append(FigureMention(m.start(), m.end(), Measure.RANK_OF, m.group("of"), NumberKind.RANK))
            taken.append(m.span())
    _take(_ordinal_ranks(folded, taken), found, taken)
    for m in BODY_NATIONAL.finditer(folded):
        if NOT_A_VALUE_BEFORE.pattern.search(re.sub(r"\b(?:muc|gia tri) ", "", folded[max(0, m.start() - 16):m.start()])):
            continue  # `cao hơn (mức, giá trị) trung bình của cả nước 1,74%` is a gap, not the average
        found.append(FigureMention(m.start("value"), m.end(), Measure.NATIONAL_AVERAGE, m.group("value"), NumberKind.SCORE))
        taken.append(m.span())
    for m in (*BODY_SCORE.finditer(folded), *SCORE_ON_SCALE.finditer(folded)):
        if _overlaps(m.span(), taken) or not _is_score(folded, m):
            continue
        part = float(m.group("max").replace(",", ".")) < 100
        found.append(FigureMention(m.start(), m.end(), Measure.SCORE, m.group("value"), NumberKind.SCORE, True, part))
        found.append(FigureMention(m.start() + 1, m.end(), Measure.MAX_SCORE, m.group("max"), NumberKind.SCORE, True, part))
        taken.append(m.span())
    for m in BODY_POINTS.finditer(folded):
        if _overlaps(m.span("value"), taken) or GAP_CLAUSE.pattern.search(folded, max(0, m.start() - 90), m.start()):
            continue
        kind = NumberKind.PERCENT if m.group("unit") == "%" else NumberKind.SCORE
        if kind is NumberKind.PERCENT and not _is_index_value(folded, m.start(), m.end(), indexed):
            continue
        found.append(FigureMention(m.start("value"), m.end(), Measure.SCORE, m.group("value"), kind, kind is NumberKind.SCORE))
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
        found.append(FigureMention(m.start("value"), m.end(), Measure.SCORE, m.group("value"), kind, kind is NumberKind.SCORE))
        taken.append(m.span())
    for m in BODY_BARE_VALUE.finditer(folded) if HAS_DECIMAL.search(folded) else ():
        if _overlaps(m.span("value"), taken) or not _is_index_value(folded, m.start(), m.end(), indexed):
            continue
        found.append(FigureMention(m.start("value"), m.end("value"), Measure.SCORE, m.group("value"), NumberKind.SCORE))
        taken.append(m.span())
    return found, taken


def _is_sipas_rate(folded: str, m: re.Match[str]) -> bool:
    """`Chỉ số SIPAS năm 2019 ... với tỷ lệ hài lòng đạt 95,26%`: the satisfaction rate of a
    sentence that names SIPAS before it is that index's value, no group's rate."""
    sentence = max(folded.rfind(". ", 0, m.start()), folded.rfind(";", 0, m.start()), 0)
    return bool(SIPAS_RATE.pattern.match(folded[m.start():m.start("value")])
                and FAMILY_SIPAS.pattern.search(folded, sentence, m.start()))


def _moves_in_words(folded: str, taken: list[tuple[int, int]]) -> list[FigureMention]:
    """`tăng một bậc`: a move said without a digit, where no figure stands."""
    return [FigureMention(m.start(), m.end(), Measure.RANK_CHANGE, ("-" if m.group("dir") not in ("tang", "len") else "") + CARDINALS[m.group("word")],
                     NumberKind.RANK) for m in MOVE_IN_WORDS.finditer(folded) if not _overlaps(m.span(), taken)]


def _ordinal_ranks(folded: str, taken: list[tuple[int, int]]) -> list[FigureMention]:
    """`xếp thứ nhất`: a rank in words, where no figure stands."""
    return [FigureMention(m.start(), m.end(), Measure.RANK, ORDINALS[m.group("word") or m.group("word2")], NumberKind.RANK)
            for m in ORDINAL_RANK.finditer(folded) if not _overlaps(m.span(), taken)]


def _unchanged(folded: str) -> list[FigureMention]:
    """`giữ nguyên thứ hạng`, `bằng điểm`: no change of rank or score."""
    return [FigureMention(m.start(), m.end(), Measure.RANK_CHANGE, "0", NumberKind.RANK) if m.group("place")
            else FigureMention(m.start(), m.end(), Measure.DELTA, "0", NumberKind.SCORE) for m in DELTA_SAME.finditer(folded)]


def _take(mentions: list[FigureMention], found: list[FigureMention], taken: list[tuple[int, int]]) -> None:
    """Mentions found, and the spans they take, added to those of the passage."""
    found += mentions
    taken += [(m.start, m.end) for m in mentions]


def find_ranks_by_name(folded: str, units: list[UnitMention], taken: list[tuple[int, int]]) -> list[FigureMention]:
    """Ranks printed beside a unit's name: `Lâm Đồng (46/63)`, `(1) Sở Tài chính`."""
    found: list[FigureMention] = []
    for unit in units:
        if (m := PAREN_RANK.pattern.match(folded, unit.end)) and int(m["rank"]) <= int(m["of"]) and not _overlaps(m.span(), taken):
            found.append(FigureMention(m.start("rank"), m.end(), Measure.RANK, m.group("rank"), NumberKind.RANK))
            found.append(FigureMention(m.start("rank") + 1, m.end(), Measure.RANK_OF, m.group("of"), NumberKind.RANK))
            taken.append(m.span())
        if m := LIST_RANK.pattern.search(folded[max(0, unit.start - 8):unit.start]):
            start = max(0, unit.start - 8) + m.start()
            found.append(FigureMention(start, unit.start, Measure.RANK, m.group("rank"), NumberKind.RANK))
    return found


def _from_to(m: re.Match[str]) -> list[FigureMention]:
    """Both ends of `từ 87,61% xuống 86,78%`: ranks after `vị trí`/`hạng`, or to a place said in
    words (`vươn lên vị trí thứ nhất`), or when both are whole numbers without a unit (`từ 15 lên
    13` after `thứ hạng`), else values in their unit."""
    unit = m.group("u2") or m.group("u1")
    to, to_span = (m.group("to"), m.span("to")) if m.group("to") else (ORDINALS[m.group("toword")], m.span("toword"))
    is_rank = bool(m.group("rankword") or m.group("toword")) or (unit is None and m.group("from").isdigit() and to.isdigit())
    earlier = f"nam {m.group('fy')}" if m.group("fy") else ""
    if is_rank:
        return [FigureMention(m.start("from"), m.end("from"), Measure.RANK, m.group("from"), NumberKind.RANK, earlier=earlier),
                FigureMention(to_span[0], to_span[1], Measure.RANK, to, NumberKind.RANK)]
    kind = NumberKind.PERCENT if unit == "%" else NumberKind.SCORE
    return [FigureMention(m.start("from"), m.end("from"), Measure.SCORE, m.group("from"), kind, unit == "diem", earlier=earlier),
            FigureMention(m.start("to"), m.end("to"), Measure.SCORE, m.group("to"), kind, unit == "diem")]


def _change(m: re.Match[str], start: int, falls: bool) -> FigureMention:
    """A change by its unit word: places (`bậc`, `hạng`) are a rank change, points or % a delta."""
    value = ("-" if falls else "") + m.group("value")
    if m.group("unit") in ("bac", "hang"):
        return FigureMention(start, m.end(), Measure.RANK_CHANGE, value, NumberKind.RANK)
    return FigureMention(start, m.end(), Measure.DELTA, value, NumberKind.PERCENT if m.group("unit") == "%" else NumberKind.SCORE)


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
    return indexed or names_index(folded[:start])


def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in taken)
