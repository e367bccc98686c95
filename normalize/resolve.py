"""RawFacts of one letter → typed Facts, review items and rejections.

Everything a number needs is decided here, once per letter: the issuing province (voted from the
header, the place line and captions), the fallback period (the latest its sentences date a
figure by: a text reports its latest period and dates older figures, `năm 2016 tăng từ vị trí
thứ 9 lên thứ 6, năm 2017 ... lên thứ 4`), then per number its family, indicator, measure,
value, period and unit. Nothing is dropped silently: a number whose indicator, value or period
cannot be read becomes a rejection with the reason, and a unit name that cannot be resolved with
confidence keeps its fact with unit_id NULL and goes to review with its best candidates.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from chiso.extractors.model import UNREADABLE, IndexFamily, LetterHeader, Measure, RawFact
from chiso.normalize.fact import Fact, Letter, Rejection, ReviewItem
from chiso.normalize.indicators import GROUPS, is_part_column, match_area, match_criterion, match_group, match_sub, match_unit_column, names_component
from chiso.normalize.matching import UnitMatcher
from chiso.normalize.numbers import NumberError, parse_number
from chiso.normalize.periods import Period, names_part_of_year, parse_date, parse_period
from chiso.normalize.registry import Registry, Unit, UnitLevel

PARSER_VERSION = "13"
_PROVINCE_LEVEL = frozenset({UnitLevel.PROVINCE})
_LOCAL_LEVELS = frozenset({UnitLevel.DISTRICT, UnitLevel.COMMUNE})
_DEPARTMENT_LEVEL = frozenset({UnitLevel.DEPARTMENT})
_GROUP_KEYS = frozenset(e.indicator.key for e in GROUPS)
# Shares and scores of these indexes never pass 100; above it, a separator was lost (OCR `9333%`).
_AT_MOST_100 = frozenset({Measure.SCORE, Measure.MAX_SCORE, Measure.PERCENT, Measure.NATIONAL_AVERAGE})
_RANK_MEASURES = frozenset({Measure.RANK.value, Measure.RANK_OF.value})


@dataclass(frozen=True, slots=True)
class ResolvedLetter:
    letter: Letter
    facts: tuple[Fact, ...]
    review: tuple[ReviewItem, ...]
    rejections: tuple[Rejection, ...]
    new_indicators: tuple[tuple[str, str, str], ...]


@dataclass(frozen=True, slots=True)
class _ReadOnce:
    """The period texts, annex columns and rows of one letter, each read once: every row of an
    annex repeats its column's period and header, and every number of a row its label and code;
    reading them again for each number was a third of resolving a letter. Local to the letter,
    like the reference its periods need."""

    reference: date | None
    periods: dict[str, Period | None] = field(default_factory=dict)
    parts_of_year: dict[str, bool] = field(default_factory=dict)
    unit_columns: dict[tuple[str | None, str | None], tuple[str, bool] | None] = field(default_factory=dict)
    criteria: dict[tuple[str, str, str | None, str | None], str | None] = field(default_factory=dict)

    def period(self, text: str | None) -> Period | None:
        if text is None:
            return None
        if text not in self.periods:
            self.periods[text] = parse_period(text, self.reference)
        return self.periods[text]

    def names_part_of_year(self, text: str | None) -> bool:
        if text is None:
            return False
        if text not in self.parts_of_year:
            self.parts_of_year[text] = names_part_of_year(text)
        return self.parts_of_year[text]

    def unit_column(self, column: str | None, context: str | None) -> tuple[str, bool] | None:
        if (column, context) not in self.unit_columns:
            self.unit_columns[column, context] = match_unit_column(column, context)
        return self.unit_columns[column, context]

    def criterion(self, family: str, label: str, code: str | None, group_code: str | None) -> str | None:
        key = (family, label, code, group_code)
        if key not in self.criteria:
            self.criteria[key] = match_criterion(family, label, code, group_code)
        return self.criteria[key]


@dataclass(frozen=True, slots=True)
class _Context:
    doc_id: str
    source_name: str
    province_id: str | None
    province_name: str | None
    family: IndexFamily | None  # None: a text about other indices only (PCI), whose unnamed figures are not ours
    period: Period | None
    reference: date | None  # the document's own date, for periods printed without a year
    read: _ReadOnce


def _end_of(year: int | None) -> date | None:
    """A text with no date of its own, dated by the latest year its periods name, never later
    than today: a yearless `Ngày 19/8` in a 2024 ranking is August 2024."""
    return min(date(year, 12, 31), date.today()) if year else None


def resolve_letter(doc_id: str, source_name: str, extractor: str, n_pages: int | None, header: LetterHeader,
                   raw_facts: Iterable[RawFact], registry: Registry, fetched_on: date | None = None,
                   matcher: UnitMatcher | None = None) -> ResolvedLetter:
    """`fetched_on` is when the page was downloaded: a source of a year for dates printed
    without one, after the letter's date and the page's own (CONTRACT.md). A run
    passes one `matcher` to all its letters, so each printed name is matched once per run."""
    matcher = matcher or UnitMatcher(registry)
    raws = list(raw_facts)
    issued_on = parse_date(header.date_text)
    published_on = parse_date(header.published_text) or fetched_on
    reference = issued_on or published_on or _end_of(header.page_year)
    province = (_vote_province(header, matcher, issued_on) or _province_of_local_units(raws, matcher, reference)
                or _province_named_most(header.bare_places, matcher, reference))
    read = _ReadOnce(reference)
    period = max((p for p in (read.period(r.period_text) for r in raws if "body" in r.tags and "earlier" not in r.tags) if p),
                 key=lambda p: p.start, default=None) or \
        next((p for p in (read.period(r.period_text) for r in raws) if p), None)
    ctx = _Context(doc_id, source_name, province.unit_id if province else None,
                   province.name_on(period.start if period else reference) if province else None,
                   header.family or (None if header.other_index_only else IndexFamily.SERVICE_INDEX), period, reference, read)
    letter = Letter(doc_id, source_name, extractor, header.number, issued_on, ctx.province_id, n_pages, PARSER_VERSION,
                    published_on)
    facts: list[Fact] = []
    review: dict[str, ReviewItem] = {}
    rejections: list[Rejection] = []
    new_indicators: set[tuple[str, str, str]] = set()
    for raw in raws:
        outcome = _resolve_fact(raw, ctx, matcher)
        if isinstance(outcome, Rejection):
            rejections.append(outcome)
            continue
        fact, item, uncatalogued = outcome
        facts.append(fact)
        if item is not None:
            review.setdefault(item.published_unit, item)
        if uncatalogued:
            new_indicators.add((fact.indicator, fact.index_family, fact.label))
    if province is None:
        rejections.append(Rejection(source_name, doc_id, "normalize", "issuing province not identified; facts kept without a unit"))
    if header.date_text and issued_on is None:
        rejections.append(Rejection(source_name, doc_id, "normalize", f"letter date {header.date_text!r} is not a date; issue date left empty"))
    facts, impossible = _check_ranks(facts, ctx)
    return ResolvedLetter(letter, tuple(facts), tuple(review.values()), (*rejections, *impossible), tuple(sorted(new_indicators)))


def _check_ranks(facts: list[Fact], ctx: _Context) -> tuple[list[Fact], list[Rejection]]:
    """A rank above the number ranked (`xếp hạng 70/63`: a misprint or a misread digit) is
    refused with its pair; each rank is paired with the `rank_of` read from the same place."""
    def place(f: Fact) -> tuple[object, ...]:
        return (f.published_unit, f.indicator, f.index_family, f.period_start, f.raw_text, f.page, f.line_no, f.row_no)

    # Only ranks and their totals are paired: a letter's other facts (most of them) need no place.
    ranks = [(f, place(f)) for f in facts if f.measure in _RANK_MEASURES]
    of = {at: f.value for f, at in ranks if f.measure == Measure.RANK_OF.value}
    bad = {at for f, at in ranks if f.measure == Measure.RANK.value and at in of and f.value > of[at]}
    if not bad:
        return facts, []
    rejections = [Rejection(ctx.source_name, ctx.doc_id, "normalize", f"rank {f.value:g} of {of[at]:g}: a rank above the "
                            f"number ranked", f.raw_text[:500]) for f, at in ranks if f.measure == Measure.RANK.value and at in bad]
    return [f for f in facts if f.measure not in _RANK_MEASURES or place(f) not in bad], rejections


def _vote_province(header: LetterHeader, matcher: UnitMatcher, on: date | None) -> Unit | None:
    """The province the letter's header names most; news articles without a header fall back
    to the provinces their sentences name."""
    for texts in (header.issuer_texts, header.province_mentions):
        votes: Counter[str] = Counter()
        for text in texts:
            match = matcher.match_province(text, on)
            if match.unit is not None:
                votes[match.unit.unit_id] += 1
        if votes:
            return matcher.registry.get(_most_named(votes, header.bare_places, matcher, on))
    return None


def _most_named(votes: Counter[str], bare_places: tuple[str, ...], matcher: UnitMatcher, on: date | None) -> str:
    """The province with most votes; a tie (`Tỉnh Quảng Ninh` and `thành phố Hà Nội` once each
    in an item about Hà Nội) goes to the one the text names most, bare names included."""
    top = max(votes.values())
    tied = [unit_id for unit_id, count in votes.items() if count == top]
    if len(tied) == 1:
        return tied[0]
    bare = Counter(unit.unit_id for name in bare_places if (unit := matcher.match_unit(name, None, on, _PROVINCE_LEVEL).unit))
    return max(tied, key=lambda unit_id: bare[unit_id])


def _province_of_local_units(raws: list[RawFact], matcher: UnitMatcher, on: date | None) -> Unit | None:
    """A news item that names no province but ranks `UBND huyện Lâm Hà` and `UBND huyện Di
    Linh` is about the province those districts lie in (the one most of its named districts
    and communes resolve into); one that names only `Vĩnh Long` is about Vĩnh Long."""
    subjects = {r.subject: "bare-subject" in r.tags for r in raws if r.subject}
    for levels in (_LOCAL_LEVELS, _PROVINCE_LEVEL):
        votes: Counter[str] = Counter()
        for subject, bare in subjects.items():
            if levels is _LOCAL_LEVELS and bare and matcher.match_unit(subject, None, on, _PROVINCE_LEVEL).unit:
                continue  # `Quảng Ninh dẫn đầu` is the province, not Quảng Bình's Huyện Quảng Ninh
            unit = matcher.match_unit(subject, None, on, levels).unit
            if unit is not None and unit.province_id is not None:
                votes[unit.province_id] += 1
        if votes:
            top, count = votes.most_common(1)[0]
            # Provinces named as subjects decide only when one of them is most of them: a
            # national ranking is about no one province.
            if levels is _LOCAL_LEVELS or 2 * count > sum(votes.values()):
                return matcher.registry.get(top)
    return None


def _province_named_most(names: tuple[str, ...], matcher: UnitMatcher, on: date | None) -> Unit | None:
    """`Chỉ số SIPAS năm 2024 của tỉnh đạt 81,75% ... Vĩnh Long đứng thứ 11/13`: the province
    the text names bare, when one province is most of the places it names."""
    votes = Counter(unit.unit_id for name in names if (unit := matcher.match_unit(name, None, on, _PROVINCE_LEVEL).unit))
    if not votes:
        return None
    top, count = votes.most_common(1)[0]
    return matcher.registry.get(top) if 2 * count > sum(votes.values()) else None


def _resolve_fact(raw: RawFact, ctx: _Context, matcher: UnitMatcher) -> Rejection | tuple[Fact, ReviewItem | None, bool]:
    def reject(reason: str) -> Rejection:
        return Rejection(ctx.source_name, ctx.doc_id, "normalize", reason, raw.raw_text[:500])

    if UNREADABLE in raw.tags:
        return reject(f"no number can be read in {raw.value_text!r} (column {raw.column!r})")
    family = raw.family or ctx.family
    if family is None:
        return reject("the text names only other indices (PCI, PAPI, DDCI ...) and this figure none of its own")
    if ctx.read.names_part_of_year(raw.period_text):
        return reject(f"{raw.period_text!r} is part of a year; periods are weeks, months, quarters or years")
    period = ctx.read.period(raw.period_text) or ctx.period
    if period is None:
        return reject(f"no period for {raw.measure} {raw.value_text!r} ({raw.label[:80]})")
    if "earlier" in raw.tags:
        period = period.previous()
    latest = ctx.reference or date.today()
    if period.start > latest:
        return reject(f"period starting {period.start} is after {'the document' if ctx.reference else 'today'} ({latest}): "
                      f"a result cannot be published before its period begins")
    found = _indicator(raw, family, ctx.read)
    if found is None:
        return reject(f"no indicator for {raw.label[:80]!r} / column {raw.column!r}")
    indicator, catalogued = found
    try:
        value = parse_number(raw.value_text, raw.value_kind)
    except NumberError as err:
        return reject(str(err))
    assert value is not None
    measure = _measure(raw.measure, family, "points" in raw.tags, "share" in raw.tags)
    if measure in _AT_MOST_100 and abs(value) > 100:
        return reject(f"{measure} {raw.value_text!r} is above 100 (a lost decimal separator?)")
    found_unit = _unit(raw, ctx, matcher, period.start)
    if (isinstance(found_unit, str) or found_unit[0] is None) and period.end != period.start:
        later = _unit(raw, ctx, matcher, period.end)
        found_unit = later if not isinstance(later, str) and later[0] is not None else found_unit
    if isinstance(found_unit, str):
        return reject(found_unit)
    unit_id, published, item = found_unit
    # By position, in Fact's field order: fifteen keywords, each matched by name, cost as much
    # again as the fact (a tenth of resolving a letter).
    fact = Fact(ctx.doc_id, family.value, period.grain.value, period.start, unit_id, published, indicator, measure.value,
                value, raw.label, raw.raw_text, raw.prov.page, raw.prov.line_no, raw.prov.row_no, raw.extractor.value)
    return fact, item, not catalogued


def _indicator(raw: RawFact, family: IndexFamily, read: _ReadOnce) -> tuple[str, bool] | None:
    if "body" in raw.tags:
        return _body_indicator(raw, family)
    if family is not IndexFamily.SERVICE_INDEX:
        if raw.subject is not None and raw.column and (names_component(raw.column) or is_part_column(raw.column)):
            return None  # `Điểm thẩm định`, `Điểm điều tra XHH`, `Điểm ĐTXHH (35)` of a ranked unit: parts without a code
        if raw.subject is not None and (raw.code is None or "." not in raw.code):
            return "total", True  # a unit's row in a ranking of departments or districts
        key = read.criterion(family.value, raw.label, raw.code, raw.group_code)
        return (key, True) if key else None
    if raw.subject is not None:
        return read.unit_column(raw.column, raw.context)
    group = match_group(raw.group_label) if raw.group_label else None
    if group in _GROUP_KEYS:
        return match_sub(group, raw.label)
    key = match_group(raw.label)
    return (key, True) if key else None


def _body_indicator(raw: RawFact, family: IndexFamily) -> tuple[str, bool] | None:
    """A sentence's number is the group or area its words or heading name, else the total; a
    part said without a name the catalogue knows (`9,42/10 điểm` under no heading, `điểm thẩm
    định là 54.95/61.5`) is refused rather than filed as the total."""
    if family is IndexFamily.SERVICE_INDEX and "rate" in raw.tags:
        group = match_group(raw.group_label) if raw.group_label else None
        return match_sub(group, raw.label) if group in _GROUP_KEYS else None
    if family is IndexFamily.SERVICE_INDEX:
        group = match_group(raw.label) or (match_group(raw.group_label) if raw.group_label else None)
    else:
        group = match_area(family.value, raw.label) or match_area(family.value, raw.group_label)
    if group is not None:
        return group, True
    if (family is not IndexFamily.SIPAS and "part" in raw.tags) or (family is not IndexFamily.SERVICE_INDEX and names_component(raw.label)):
        return None
    return "total", True


def _measure(measure: Measure, family: IndexFamily, in_points: bool, is_share: bool) -> Measure:
    """SIPAS results are shares of satisfied people (percent), unless said in points
    (`8,85 điểm, chiếm tỷ lệ 88,50%`); PAR INDEX results are points of 100 even when printed
    as `88,54%`, unless the points were printed too (`68.32 điểm, ... đạt 81.33%`, a unit
    whose maximum is below 100): then the percentage is its share (CONTRACT.md)."""
    if family is IndexFamily.SIPAS and measure is Measure.SCORE and not in_points:
        return Measure.PERCENT
    if family is IndexFamily.PAR_INDEX and measure is Measure.PERCENT and not is_share:
        return Measure.SCORE
    return measure


def _unit(raw: RawFact, ctx: _Context, matcher: UnitMatcher, on: date) -> tuple[str | None, str, ReviewItem | None] | str:
    """The unit a number belongs to: the letter's province when the text names none; else
    the named unit among the province's own units and the ministries, in the other province
    a name points at (`Sở Tư pháp tỉnh Vĩnh Phúc`), or among the provinces (`tỉnh Bắc
    Giang`, `Cà Mau`). A bare proper name that names no unit is refused (returned as the
    reason): it was read as a unit only for standing before a value. Any other unresolved
    name keeps its fact with unit_id NULL and goes to review."""
    if raw.subject is None and ctx.province_id is None and "body" in raw.tags:
        return "the sentence names no unit and the text's province is unknown"
    if raw.subject is None:
        return ctx.province_id, ctx.province_name or "", None
    if raw.subject_code:
        unit = matcher.registry.by_code(raw.subject_code)
        if unit is not None and unit.exists_on(on):
            return unit.unit_id, raw.subject, None
    match = matcher.match_unit(raw.subject, ctx.province_id, on)
    if match.unit is None and match.reason and "names another province" in match.reason:
        match = matcher.match_unit(raw.subject, match.candidates[0].unit_id, on)
    if match.unit is None and "body" in raw.tags:
        province = matcher.match_unit(raw.subject, None, on, _PROVINCE_LEVEL)
        match = province if province.unit is not None else match
    if match.unit is None and "bare-subject" in raw.tags and ctx.province_id is not None:
        # A ranking of departments names them without `Sở`: `Tài chính: 90,57%`.
        department = matcher.match_unit(f"Sở {raw.subject}", ctx.province_id, on, _DEPARTMENT_LEVEL)
        match = department if department.unit is not None else match
    if match.unit is not None:
        return match.unit.unit_id, raw.subject, None
    if "bare-subject" in raw.tags:
        return f"{raw.subject!r} stands before a value but names no known unit ({match.reason})"
    item = ReviewItem(ctx.doc_id, raw.subject, ctx.province_id, match.reason or "no confident match", match.candidates)
    return None, raw.subject, item
