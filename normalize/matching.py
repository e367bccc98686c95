"""Published unit names → registry units, or an honest "don't know".

Annexes print one unit many ways: `UBND quận Tây Hồ`, `UBND Tây Hồ`, `quan Tay H6` (OCR),
`UBND huyện Phú Vang - tỉnh Thừa Thiên Huế` (the national portal's export), `Sở LĐ-TB&XH`. A
name is cleaned (leading UBND, a trailing province, abbreviations), split into type word and
rest, and scored with rapidfuzz against the spellings of the letter's province only. A unit is
returned only for a clear winner: at least `THRESHOLD` and `MARGIN` ahead of the next unit;
anything else comes back with its candidates and a reason, for review. A wrong unit would
silently move a number to another district, which is worse than a NULL.

Dates decide between namesakes: in 2022 `thành phố Huế` is the district-level city; from
2025-01-01 it is the province. Names in force on the date are tried first, then any name of a
unit that exists on the date (a 2025 annual report, dated 2025-01-01, prints the post-March
`Sở Nông nghiệp và Môi trường`).
"""

from __future__ import annotations

import heapq
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from rapidfuzz import fuzz

from chiso.normalize.fact import Candidate
from chiso.normalize.registry import TIER_WORDS, TYPE_WORDS, NameEntry, NameKey, Registry, Unit, UnitLevel

THRESHOLD = 90.0
MARGIN = 5.0
# `quận Tây Hồ` against `huyện Tây Hồ`: same rest, different unit kind.
TYPE_PENALTY = 20.0
# Words of a commune or district type: a province name right after one is that unit's own
# name (`Huyện Hòa Bình` lies in Bạc Liêu, not in the province Hòa Bình).
LOCAL_TYPE_WORDS = tuple(t for t in TYPE_WORDS if t not in ("tinh", "thanh pho"))
# Bodies merged in the March 2025 restructuring, whose letters that month still print old names.
_MERGED_BODIES = frozenset({UnitLevel.DEPARTMENT, UnitLevel.MINISTRY})
# Aliases this short (`hn`, `hcm`) count as a province only after `tỉnh`/`thành phố`/`TP`.
SHORT_ALIAS = 3
# How many (province, date, levels, tier) pools of spellings a run keeps (`_Pools`).
_POOLS_KEPT = 32
# The fewest units `_rank` returns: the candidates a match reports are its first five.
_RANKED_KEPT = 5


@dataclass(frozen=True, slots=True)
class UnitMatch:
    unit: Unit | None
    score: float
    candidates: tuple[Candidate, ...]
    reason: str | None


@dataclass(frozen=True, slots=True)
class _Ranked:
    unit: Unit
    score: float


@dataclass(slots=True)
class UnitMatcher:
    """`match_unit` and `match_province` remembered for one run. A run prints the same names
    again and again (every monthly annex of Hà Nội lists its 30 districts, every letter's
    header names its province), and matching one name against a province's units costs a
    rapidfuzz pass over hundreds of spellings. The answer depends only on the registry and the
    arguments, so a run builds one matcher and passes it down; nothing outlives the run."""

    registry: Registry
    _units: dict[tuple[str, str | None, date | None, frozenset[UnitLevel] | None], UnitMatch] = field(default_factory=dict)
    _provinces: dict[tuple[str, date | None], UnitMatch] = field(default_factory=dict)
    _pools: _Pools = field(init=False)

    def __post_init__(self) -> None:
        self._pools = _Pools(self.registry)

    def match_unit(self, name: str, province_id: str | None, on: date | None,
                   levels: frozenset[UnitLevel] | None = None) -> UnitMatch:
        key = (name, province_id, on, levels)
        found = self._units.get(key)
        if found is None:
            found = self._units[key] = match_unit(name, self.registry, province_id, on, levels, self._pools)
        return found

    def match_province(self, text: str, on: date | None) -> UnitMatch:
        key = (text, on)
        found = self._provinces.get(key)
        if found is None:
            found = self._provinces[key] = match_province(text, self.registry, on)
        return found


_PoolKey = tuple[str | None, date | None, frozenset[UnitLevel] | None, str]


@dataclass(slots=True)
class _Pools:
    """The spellings a name is scored against, by province, date, levels and tier, kept for the
    last few a run asked for: every name of a letter is matched in the same province on the
    same date, and sorting the country's spellings by date again for each name was most of
    matching a news item's units (`_province_of_local_units` asks the whole country)."""

    registry: Registry
    _kept: dict[_PoolKey, list[NameEntry]] = field(default_factory=dict)

    def of(self, province_id: str | None, on: date | None, levels: frozenset[UnitLevel] | None, tier: str) -> list[NameEntry]:
        key = (province_id, on, levels, tier)
        found = self._kept.get(key)
        if found is None:
            if len(self._kept) >= _POOLS_KEPT:
                self._kept.clear()
            scope = self.registry.entries(province_id) + (self.registry.ministry_entries() if province_id is not None else ())
            in_tier = _TIERS[tier]
            found = self._kept[key] = [e for e in scope if (levels is None or e.unit.level in levels) and in_tier(e, on)]
        return found


# Who is scored, in turn: names in force on the date, then any name of a unit existing on it,
# then departments merged away that month, then units gone by then (to say so).
_TIERS: dict[str, Callable[[NameEntry, date | None], bool]] = {
    "in force": lambda e, on: e.in_force(on),
    "exists": lambda e, on: on is None or e.unit.exists_on(on),
    "merged": lambda e, on: on is not None and _merged_this_month(e.unit, on),
    "gone": lambda e, on: on is not None and not e.unit.exists_on(on),
}


def match_unit(name: str, registry: Registry, province_id: str | None, on: date | None,
               levels: frozenset[UnitLevel] | None = None, pools: _Pools | None = None) -> UnitMatch:
    """The unit `name` denotes among the province's own units (itself, its districts, communes
    and departments) in force on `on`, or None with candidates and a reason. `pools` keeps the
    spellings of a run's provinces and dates between names (`UnitMatcher` passes its own)."""
    pools = pools or _Pools(registry)
    words = _strip_leading(registry.expand(name))
    if not words:
        return UnitMatch(None, 0.0, (), f"no unit name in {name!r}")
    words, named = _strip_province(words, registry, province_id)
    if named is not None and province_id is not None and named.unit_id != province_id:
        return UnitMatch(None, 0.0, (Candidate(named.unit_id, named.name_on(on), 100.0),),
                         f"{name!r} names another province: {named.name_on(on)}")
    province_id = province_id or (named.unit_id if named else None)
    key = registry.key_of(words)
    if not key.core:
        return _match_bare_type(name, key, registry, province_id, on, levels)
    ranked: list[_Ranked] = []
    for tier in ("in force", "exists"):
        ranked = _rank(key, pools.of(province_id, on, levels, tier))
        if ranked and ranked[0].score >= THRESHOLD:
            return _decide(name, ranked, on)
    merged = _rank(key, pools.of(province_id, on, levels, "merged"))
    if merged and merged[0].score >= THRESHOLD:
        return _decide(name, merged, on)
    gone = _rank(key, pools.of(province_id, on, levels, "gone"))
    if gone and gone[0].score >= THRESHOLD:
        unit = gone[0].unit
        return UnitMatch(None, gone[0].score, _candidates(gone[:1] + ranked[:2], on),
                         f"{name!r} is {unit.name_on(on)} ({unit.unit_id}), which does not exist on {on}"
                         + (f"; successor {unit.successor_id}" if unit.successor_id else ""))
    best = f"best {ranked[0].unit.name_on(on)} ({ranked[0].score:.0f})" if ranked else "no candidates"
    return UnitMatch(None, ranked[0].score if ranked else 0.0, _candidates(ranked[:3], on),
                     f"no match above {THRESHOLD:.0f} for {name!r}: {best}")


def _merged_this_month(unit: Unit, on: date) -> bool:
    """A department or ministry merged away in the month of `on` still reports under its old
    name that month: a March 2025 letter ranks `Sở Kế hoạch và Đầu tư`, ended 2025-02-28."""
    end = unit.names[-1].valid_to
    if unit.level not in _MERGED_BODIES or end is None or end >= on:
        return False
    return (end + timedelta(days=1)).replace(day=1) == on.replace(day=1)


def match_province(text: str, registry: Registry, on: date | None) -> UnitMatch:
    """The province a free text names: a letter header (`ỦY BAN NHÂN DÂN TỈNH THỪA THIÊN HUẾ`),
    place line (`Hà Nội, ngày 17 tháng 01 năm 2025`) or caption (`của UBND thành phố Hà Nội`)."""
    words = registry.expand(text)
    hits = _province_hits(words, registry, exact=True) or _province_hits(words, registry, exact=False)
    if not hits:
        return UnitMatch(None, 0.0, (), f"no province named in {text[:80]!r}")
    existing = [h for h in hits if h[0].exists_on(on)] if on is not None else hits
    if not existing:
        return UnitMatch(None, hits[0][1], _candidates([_Ranked(u, s) for u, s, _ in hits], on),
                         f"{text[:80]!r} names {hits[0][0].name_on(on)}, which does not exist on {on}")
    # With two provinces named, the one after `tỉnh`/`thành phố` is the issuer.
    tiered = [h for h in existing if h[2]]
    chosen = tiered if len({h[0].unit_id for h in tiered}) == 1 else existing
    units = {h[0].unit_id: h for h in chosen}
    ranked = [_Ranked(u, s) for u, s, _ in sorted(units.values(), key=lambda h: -h[1])]
    if len(units) > 1:
        return UnitMatch(None, ranked[0].score, _candidates(ranked, on),
                         f"ambiguous: {text[:80]!r} names {', '.join(r.unit.name_on(on) for r in ranked)}")
    return UnitMatch(ranked[0].unit, ranked[0].score, _candidates(ranked, on), None)


def _strip_leading(words: tuple[str, ...]) -> tuple[str, ...]:
    """`UBND quận Tây Hồ` → `quận Tây Hồ`: the people's committee stands for its unit."""
    while words and words[0] in ("ubnd", "ub"):
        words = words[1:]
    return words


def _strip_province(words: tuple[str, ...], registry: Registry,
                    province_id: str | None) -> tuple[tuple[str, ...], Unit | None]:
    """Drop a trailing province: `Sở Y tế - tỉnh Thừa Thiên Huế` → `Sở Y tế`. Any province
    after `tỉnh`/`thành phố`; the letter's own province also bare (`Ban Quản lý Khu kinh tế,
    công nghiệp Thừa Thiên Huế`). Never when only a type word would remain: `thành phố Huế` is
    a name, not `thành phố` of Huế."""
    named: Unit | None = None
    for _ in range(2):  # `... công nghiệp Thừa Thiên Huế - tỉnh Thừa Thiên Huế` carries two
        # The longest province name ending the words, so `tỉnh Thừa Thiên Huế` is not cut to `Huế`.
        ends = [(tuple(e.key.core.split()), e.unit) for e in registry.provinces_ending(words[-1])
                if words[-len(e.key.core.split()):] == tuple(e.key.core.split())]
        if not ends:
            break
        core, unit = max(ends, key=lambda end: len(end[0]))
        rest = words[: -len(core)]
        tier = next((len(t.split()) for t in TIER_WORDS if rest[-len(t.split()):] == tuple(t.split())), 0)
        if tier and rest[:-tier]:
            rest = rest[:-tier]  # `UBND tỉnh - tỉnh X` leaves `tỉnh`, the province itself
        elif tier or unit.unit_id != province_id or _is_type_only(rest):
            break
        words, named = rest, named or unit
    return words, named


def _is_type_only(words: Sequence[str]) -> bool:
    return not words or " ".join(words) in TYPE_WORDS


def _match_bare_type(name: str, key: NameKey, registry: Registry, province_id: str | None, on: date | None,
                     levels: frozenset[UnitLevel] | None) -> UnitMatch:
    """`UBND tỉnh` in a letter of a tỉnh, `UBND Thành phố` in one of Hà Nội: the province itself."""
    if province_id is not None and (levels is None or UnitLevel.PROVINCE in levels):
        province = registry.get(province_id)
        if registry.key_of(province.name_on(on)).type_word == key.type_word and (on is None or province.exists_on(on)):
            return UnitMatch(province, 100.0, (Candidate(province.unit_id, province.name_on(on), 100.0),), None)
    return UnitMatch(None, 0.0, (), f"{name!r} is a bare type word that names no unit of province {province_id} on {on}")


def _rank(key: NameKey, entries: Sequence[NameEntry]) -> list[_Ranked]:
    """The best-scored units, best first: every unit within `MARGIN` of the top (all that
    `_decide` weighs) and at least `_RANKED_KEPT`. Sorting the whole country's units for each
    name only to read its head was a third of matching one."""
    best: dict[str, _Ranked] = {}
    for entry in entries:
        score = _score(key, entry)
        held = best.get(entry.unit.unit_id)
        if held is None or score > held.score:
            best[entry.unit.unit_id] = _Ranked(entry.unit, score)
    if not best:
        return []
    top = max(r.score for r in best.values())
    near = [r for r in best.values() if top - r.score < MARGIN]  # as `_decide` reads closeness
    if len(near) >= _RANKED_KEPT:
        return sorted(near, key=_rank_order)
    return heapq.nsmallest(_RANKED_KEPT, best.values(), key=_rank_order)


def _rank_order(r: _Ranked) -> tuple[float, str]:
    return -r.score, r.unit.unit_id


def _score(key: NameKey, entry: NameEntry) -> float:
    """Similarity of the names without type words, less `TYPE_PENALTY` when the query's type
    word contradicts the unit's (a dropped type word costs nothing: `UBND Tây Hồ`). Word order
    counts: `Quận Tân Bình` and `Quận Bình Tân` are two districts of Hồ Chí Minh City."""
    score = fuzz.ratio(key.core, entry.key.core)
    is_alias = entry.name is None
    if key.type_word is not None and key.type_word != entry.key.type_word and not (is_alias and entry.key.type_word is None):
        score -= TYPE_PENALTY
    return float(score)


def _decide(name: str, ranked: list[_Ranked], on: date | None) -> UnitMatch:
    """A clear winner or None. An exact folded match beats a near one however close
    (`Xã Nghĩa Khánh` against `Xã Nghĩa Hành`, 95); exact ties that folding made (`Xã Văn
    Lăng`, `Xã Văn Lang`) are broken by the diacritics as printed, if they tell."""
    top = ranked[0]
    close = [r for r in ranked[1:] if top.score - r.score < MARGIN and not (top.score == 100 > r.score)]
    if close and top.score == 100:
        printed = [r for r in [top, *close] if _printed_in(name, r.unit)]
        if len(printed) == 1:
            top, close = printed[0], []
    if close:
        return UnitMatch(None, top.score, _candidates([top, *close][:5], on),
                         f"ambiguous: {name!r} fits {', '.join(f'{r.unit.name_on(on)} ({r.unit.unit_id})' for r in [top, *close][:5])}")
    return UnitMatch(top.unit, top.score, _candidates(ranked[:3], on), None)


def _printed_in(name: str, unit: Unit) -> bool:
    """Whether one of the unit's spellings appears, diacritics and all, in the printed name."""
    printed = f" {_accented(name)} "
    return any(f" {_accented(n)} " in printed for n in (*(u.name for u in unit.names), *unit.aliases))


def _accented(text: str) -> str:
    """Lower case, NFC, punctuation to spaces, diacritics kept (`Xã Văn Lăng` ≠ `Xã Văn Lang`)."""
    text = unicodedata.normalize("NFC", text).lower()
    return " ".join("".join(c if c.isalnum() else " " for c in text).split())


def _candidates(ranked: Sequence[_Ranked], on: date | None) -> tuple[Candidate, ...]:
    seen: dict[str, Candidate] = {}
    for r in ranked:
        seen.setdefault(r.unit.unit_id, Candidate(r.unit.unit_id, r.unit.name_on(on), r.score))
    return tuple(seen.values())


def _province_hits(words: tuple[str, ...], registry: Registry, exact: bool) -> list[tuple[Unit, float, bool]]:
    """(province, score, after a tier word) for each province name in `words`. Exact token runs
    first, looked up word by word in the gazetteer; failing those, a fuzzy run right after
    `tỉnh`/`thành phố` (OCR: `TINH THUA THlEN HUE`). Hits come in the order of the registry's
    province spellings, then of their place in the text."""
    found: list[tuple[int, int, tuple[Unit, float, bool]]] = []
    for i in range(len(words)):
        before = words[:i]
        tiered = any(before[-len(t.split()):] == tuple(t.split()) for t in TIER_WORDS) if before else False
        if any(before[-len(t.split()):] == tuple(t.split()) for t in LOCAL_TYPE_WORDS if len(before) >= len(t.split())):
            continue
        if exact:
            candidates = registry.provinces_starting(words[i])
        elif tiered:
            candidates = tuple(enumerate(registry.province_entries()))
        else:
            continue
        for position, entry in candidates:
            core = tuple(entry.key.core.split())
            if i + len(core) > len(words) or (len(entry.key.core) <= SHORT_ALIAS and not tiered):
                continue
            if exact and words[i:i + len(core)] == core:
                found.append((position, i, (entry.unit, 100.0, tiered)))
            elif not exact:
                score = fuzz.ratio(" ".join(words[i:i + len(core)]), entry.key.core)
                if score >= THRESHOLD:
                    found.append((position, i, (entry.unit, float(score), tiered)))
    return [hit for _, _, hit in sorted(found, key=lambda f: (f[0], f[1]))]
