"""Figures that are no unit's result, or not the period's: never loaded as a unit's fact.

A province's page prints beside its own result the national average, a region's figures and
ranks (`xếp thứ 2/14 vùng Đồng bằng sông Hồng`), a level taken together (`UBND cấp huyện đạt
82,91%`), plans (`phấn đấu đạt`) and other indices (PCI); CONTRACT.md loads none of them as a
unit's, and a change over several years is no change of the year's.
"""

from __future__ import annotations


import re

from chiso.extractors.model import Measure
from chiso.extractors.phrases import (
    AVERAGE_WORD, CHANGE_SINCE, CLAUSE_BREAK, GROUP_AVERAGE, LEVEL_AGGREGATE, NATIONAL_COUNT, NATIONAL_PEERS, NATIONAL_SCOPE,
    REGIONAL_SCOPE, TARGET_WORDS,
)
from chiso.extractors.parse.anchors import Carried
from chiso.extractors.parse.clause_cues import OTHER_INDEX, read_period
from chiso.extractors.parse.figures import FigureMention
from chiso.extractors.parse.mentions import UnitMention

# The most provinces a region counts (Trung du và miền núi phía Bắc, Bắc Trung Bộ và duyên hải miền Trung: 14).
_MAX_REGION = 14


def is_national_average(clause: str, family: object) -> bool:
    """`Chỉ số CCHC năm 2024 của các tỉnh, thành phố ... với giá trị trung bình ... đạt 88,37%`:
    the provinces' average, which a province's page prints as the national average beside its
    own result; averages of a province's own departments or levels are no one's."""
    return (family is not OTHER_INDEX and bool(AVERAGE_WORD.pattern.search(clause))
            and bool(NATIONAL_PEERS.pattern.search(clause)) and not TARGET_WORDS.pattern.search(clause))


def is_no_units_figure(clause: str, window: str, family: object, unit: UnitMention | None, same_clause: bool) -> bool:
    """Figures that belong to no unit, and what is said of them in the same breath: plans
    (`phấn đấu đạt`), other indices (PCI), averages (`bình quân đạt 85,41%`), regions (`vùng
    Đồng bằng sông Hồng ... đạt 90.17%`, `Trung du miền núi phía Bắc, đạt 87,72%`), the whole country (`trong cả nước ... ở mức 82,66%`)
    and a level taken together (`UBND cấp huyện đạt 82,91%`)."""
    if TARGET_WORDS.pattern.search(clause) or family is OTHER_INDEX or GROUP_AVERAGE.pattern.search(window):
        return True
    if unit is not None:
        return unit.is_region
    return not same_clause and bool(NATIONAL_SCOPE.pattern.search(window) or LEVEL_AGGREGATE.pattern.search(window)
                                    or REGIONAL_SCOPE.pattern.search(window))


def is_regional(mention: FigureMention, clause_start: int, folded: str) -> bool:
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


def is_national_rank(mention: FigureMention, folded: str) -> bool:
    """In a comparison with the region (`chỉ sau Long An (hạng 7)`, `Bạc Liêu đứng hạng 59`,
    `Lâm Đồng (46/63)`), a rank out of the country's provinces, beyond any region's size, or
    in parentheses after a name is the national one."""
    said = folded[mention.start:mention.end]
    # In parentheses a rank is a name's (`Lâm Đồng (46/63)`); a move is the rank's before it (`hạng 3/13 ... (tăng 1 bậc)`).
    return (bool(NATIONAL_COUNT.pattern.search(said)) or abs(int(mention.value)) > _MAX_REGION
            or mention.measure is not Measure.RANK_CHANGE and folded[:mention.start].rstrip().endswith("("))


def spans_years(mention: FigureMention, folded: str, asides: list[tuple[int, int]], carried: Carried) -> bool:
    """`tăng 25 bậc so năm 2016` in a 2019 result: a change over several years is no change of
    the year's (a rank_change or delta is against the period before)."""
    if mention.measure not in (Measure.RANK_CHANGE, Measure.DELTA) or not (since := CHANGE_SINCE.pattern.match(folded, mention.end)):
        return False
    year = re.search(r"\d{4}", read_period(folded, mention.start, asides) or carried.period or "")
    return year is not None and int(year.group()) - int(since.group("y")) > 1
