"""Which of the units a passage names a figure belongs to, beyond the one named nearest before it.

A value may name its unit after it (`98,63 điểm (Sở Công thương)`), be shared (`Sở Tư pháp và
Sở Y tế cùng đạt 95 điểm`), be paired in order (`lần lượt là 95,77% và 95,39%`), or stand
beside a unit that only locates another (`Phường Tân Bình (TP.Dĩ An)`).
"""

from __future__ import annotations


import re

from chiso.extractors.phrases import PEERS_OF, RANK_IS, RESPECTIVELY, SHARED_VALUE
from chiso.extractors.parse.figures import FigureMention
from chiso.extractors.parse.mentions import UnitMention


def pair_respective_units(folded: str, clause_starts: list[int], units: list[UnitMention], mentions: list[FigureMention],
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


def find_unit_named_next(units: list[UnitMention], folded: str, end: int) -> UnitMention | None:
    """`xếp vị trí thứ 2 là thành phố Hải Phòng`, `thứ 3 là Hà Nội` (its `là` read with the rank):
    the unit a rank names after it."""
    said_la = folded.endswith("la", 0, end)
    return next((u for u in units if u.start >= end and (RANK_IS.pattern.fullmatch(folded[end:u.start])
                                                          or said_la and not folded[end:u.start].strip())), None)


def find_units_sharing(units: list[UnitMention], unit: UnitMention | None, folded: str, value_start: int) -> list[UnitMention]:
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


def drop_locators(units: list[UnitMention], folded: str) -> list[UnitMention]:
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


def find_unit_after(units: list[UnitMention], folded: str, end: int) -> UnitMention | None:
    """A unit named in parentheses right after its value: `98,63 điểm (Sở Công thương)`."""
    return next((u for u in units if end <= u.start <= end + 3 and folded[end:u.start].strip() == "("), None)


def find_nearest_unit(units: list[UnitMention], floor: int, before: int) -> UnitMention | None:
    """The unit named last between `floor` and `before`: `Sở Nội vụ đạt 90,02%` is the Sở's."""
    inside = [u for u in units if floor <= u.start and u.end <= before]
    return inside[-1] if inside else None
