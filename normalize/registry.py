"""The unit registry: every province, district, commune and department a letter may score.

Letters name units as they were when written: a 2022 letter from Huế ranks `UBND thành phố Huế`
(a district-level city, split into Quận Phú Xuân and Quận Thuận Hóa on 2025-01-01) under the
province `Tỉnh Thừa Thiên Huế` (itself `Thành phố Huế` from that day). So a unit keeps one id and
a tuple of dated names, and a name is looked up by the date it was in force.

Sources: the `vietnamadminunits` package (MIT) ships the last pre-July-2025 state (63 provinces,
their districts) and the 34 provinces and their communes after the 1 July 2025 merger, with the
63→34 mapping. `normalize/data/` adds what it lacks: earlier names (`unit_history.csv`), the
departments each province runs and their March 2025 mergers (`departments.csv`), portal codes
(`codes.csv`), aliases (`aliases.csv`), the abbreviations letters print (`abbreviations.csv`) and
the ministries and ministerial agencies, whose PAR INDEX and SIPAS are published beside the
provinces' and which were merged on 2025-03-01 (`ministries.csv`).

Ids: a province is its GSO code before July 2025 (`01` Hà Nội, `46` Huế); the survivor of the
2025 merger keeps its id (Tuyên Quang `08` absorbs Hà Giang `02`), even where the 34-province
list renumbered it. A district is `<province>.<slug of its name without the type word>`
(`01.tay-ho`, `46.phong-dien`, stable when a huyện becomes a thị xã), with the type word kept
when two districts of a province share a name (`42.huyen-ky-anh`, `42.thi-xa-ky-anh`) or the
name is a number (`79.quan-1`). A commune is `<province>.<slug of its full name>`
(`01.phuong-ba-dinh`); a department `<province>.<kind>` (`01.so-tu-phap`); a ministry `bo.<slug>`
(`bo.tu-phap`), with no province.
"""

from __future__ import annotations

import csv
import functools
import importlib.util
import json
import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from pathlib import Path
from types import MappingProxyType

from chiso.normalize.text import fold_name

DATA = Path(__file__).resolve().parent / "data"
# Districts (huyện, quận, thị xã, district-level cities) were abolished with two-level local
# government on 2025-07-01; the 63 provinces became 34 the same day.
LAST_PRE_MERGER_DAY = date(2025, 6, 30)
MERGER_DAY = date(2025, 7, 1)
# Type words a name may start with, longest first so `thanh pho` wins over a bare `tinh`.
TYPE_WORDS = ("thanh pho", "thi tran", "dac khu", "thi xa", "phuong", "huyen", "quan", "tinh", "xa")
# The province tier as department names print it: `Văn phòng UBND tỉnh`, `Thanh tra Thành phố`.
TIER_WORDS = ("thanh pho", "tinh", "tp")


class UnitLevel(StrEnum):
    PROVINCE = "province"
    DISTRICT = "district"
    COMMUNE = "commune"
    DEPARTMENT = "department"
    MINISTRY = "ministry"


@dataclass(frozen=True, slots=True)
class UnitName:
    """A name and the days it was in force, bounds inclusive, None for open."""

    name: str
    valid_from: date | None
    valid_to: date | None

    def covers(self, on: date) -> bool:
        return (self.valid_from is None or self.valid_from <= on) and (self.valid_to is None or on <= self.valid_to)


@dataclass(frozen=True, slots=True)
class Unit:
    unit_id: str
    level: UnitLevel
    province_id: str | None  # None for a ministry
    names: tuple[UnitName, ...]
    code: str | None = None
    aliases: tuple[str, ...] = ()
    successor_id: str | None = None

    def name_on(self, on: date | None) -> str:
        """The name in force on `on`; the latest name if None. Outside the unit's life the
        nearest name, so a fact dated a day after a merger still gets a label."""
        if on is None:
            return self.names[-1].name
        for unit_name in self.names:
            if unit_name.covers(on):
                return unit_name.name
        before = [n for n in self.names if n.valid_to is not None and n.valid_to < on]
        return before[-1].name if before else self.names[0].name

    def exists_on(self, on: date | None) -> bool:
        """Whether some name is in force on `on`; with None, whether the unit still exists."""
        if on is None:
            return self.names[-1].valid_to is None
        return any(n.covers(on) for n in self.names)


_JOINING_WORDS = frozenset({"va", "-", "–"})


@dataclass(frozen=True, slots=True)
class NameKey:
    """A name as matching compares it: type word apart, rest folded and expanded.
    `UBND quận Tây Hồ` → (`quan`, `tay ho`); `Sở LĐ-TB&XH` → (None, `so lao dong thuong binh va xa hoi`)."""

    type_word: str | None
    core: str


@dataclass(frozen=True, slots=True)
class NameEntry:
    """One matchable spelling of a unit: a dated name, or an alias (valid while the unit exists)."""

    unit: Unit
    key: NameKey
    name: UnitName | None

    def in_force(self, on: date | None) -> bool:
        if self.name is None:
            return self.unit.exists_on(on)
        return self.name.covers(on) if on is not None else self.name == self.unit.names[-1]


@dataclass(frozen=True, slots=True)
class _Abbreviation:
    expansion: tuple[str, ...]
    context: str  # "" anywhere, "^" first word (or after UBND), else the word that must precede


@dataclass(frozen=True, slots=True, repr=False)
class Registry:
    """All units, indexed by id, province, portal code and folded name; immutable."""

    _units: tuple[Unit, ...]
    _abbreviations: Mapping[str, tuple[_Abbreviation, ...]]
    # Spellings already folded into keys (the prebuilt index carries them: normalize/registry_index.py).
    _known_keys: Mapping[str, NameKey] = field(default_factory=lambda: MappingProxyType({}))
    _by_id: Mapping[str, Unit] = field(init=False)
    _by_code: Mapping[str, Unit] = field(init=False)
    _members: Mapping[str, tuple[Unit, ...]] = field(init=False)
    _entries: Mapping[str, tuple[NameEntry, ...]] = field(init=False)
    _all_entries: tuple[NameEntry, ...] = field(init=False)
    _province_entries: tuple[NameEntry, ...] = field(init=False)
    _provinces_by_first: Mapping[str, tuple[tuple[int, NameEntry], ...]] = field(init=False)
    _provinces_by_last: Mapping[str, tuple[NameEntry, ...]] = field(init=False)
    _ministry_entries: tuple[NameEntry, ...] = field(init=False)

    def __post_init__(self) -> None:
        by_id = {u.unit_id: u for u in self._units}
        if len(by_id) != len(self._units):
            raise ValueError(f"duplicate unit ids: {[k for k, n in Counter(u.unit_id for u in self._units).items() if n > 1]}")
        dangling = [u.unit_id for u in self._units if u.successor_id is not None and u.successor_id not in by_id]
        if dangling:
            raise ValueError(f"successor ids point at no unit: {dangling}")
        members: dict[str, list[Unit]] = {}
        entries: dict[str, list[NameEntry]] = {}
        keys = dict(self._known_keys)  # each province repeats the same department names
        for unit in self._units:
            if unit.level is not UnitLevel.PROVINCE and unit.province_id is not None:
                members.setdefault(unit.province_id, []).append(unit)
            spellings = [(n.name, n) for n in unit.names] + [(a, None) for a in unit.aliases]
            for spelling, name in spellings:
                key = keys.get(spelling) or keys.setdefault(spelling, self.key_of(spelling))
                entries.setdefault(unit.province_id or "", []).append(NameEntry(unit, key, name))
        object.__setattr__(self, "_by_id", MappingProxyType(by_id))
        object.__setattr__(self, "_by_code", MappingProxyType({_code_key(u.code): u for u in self._units if u.code}))
        object.__setattr__(self, "_members", MappingProxyType({k: tuple(v) for k, v in members.items()}))
        object.__setattr__(self, "_entries", MappingProxyType({k: tuple(v) for k, v in entries.items()}))
        object.__setattr__(self, "_all_entries", tuple(e for group in entries.values() for e in group))
        object.__setattr__(self, "_province_entries",
                           tuple(e for e in self._all_entries if e.unit.level is UnitLevel.PROVINCE))
        by_first: dict[str, list[tuple[int, NameEntry]]] = {}
        by_last: dict[str, list[NameEntry]] = {}
        for position, entry in enumerate(self._province_entries):
            core = entry.key.core.split()
            by_first.setdefault(core[0], []).append((position, entry))
            by_last.setdefault(core[-1], []).append(entry)
        object.__setattr__(self, "_provinces_by_first", MappingProxyType({k: tuple(v) for k, v in by_first.items()}))
        object.__setattr__(self, "_provinces_by_last", MappingProxyType({k: tuple(v) for k, v in by_last.items()}))
        object.__setattr__(self, "_ministry_entries", tuple(entries.get("", ())))

    def __repr__(self) -> str:  # the default would print 5,000 units into every failing test
        return f"Registry({len(self._units)} units)"

    def get(self, unit_id: str) -> Unit:
        return self._by_id[unit_id]

    def units(self) -> tuple[Unit, ...]:
        return self._units

    def provinces(self) -> tuple[Unit, ...]:
        """All 63 province-level units; the 34 after the merger are those existing on 2025-07-01."""
        return tuple(u for u in self._units if u.level is UnitLevel.PROVINCE)

    def in_province(self, province_id: str) -> tuple[Unit, ...]:
        """Its districts, communes and departments (not the province itself)."""
        return self._members.get(province_id, ())

    def by_code(self, code: str) -> Unit | None:
        """The unit a portal code such as `000.00.36.H57` (UBND thành phố Huế) stands for."""
        return self._by_code.get(_code_key(code))

    def entries(self, province_id: str | None) -> tuple[NameEntry, ...]:
        """Matchable spellings of a province and its units, or of every unit if None."""
        if province_id is not None:
            return self._entries.get(province_id, ())
        return self._all_entries

    def ministry_entries(self) -> tuple[NameEntry, ...]:
        """Matchable spellings of the ministries and ministerial agencies (`bo tu phap`)."""
        return self._ministry_entries

    def province_entries(self) -> tuple[NameEntry, ...]:
        """Matchable spellings of the provinces alone (`thua thien hue`, `hue`, `ha noi`, `hn`)."""
        return self._province_entries

    def provinces_starting(self, word: str) -> tuple[tuple[int, NameEntry], ...]:
        """The province spellings whose folded name starts with `word`, each with its position
        in `province_entries()`: a header is searched word by word in this gazetteer instead of
        trying all 70 spellings at every word (`thua` → `thua thien hue`)."""
        return self._provinces_by_first.get(word, ())

    def provinces_ending(self, word: str) -> tuple[NameEntry, ...]:
        """The province spellings whose folded name ends with `word` (`hue` → `thua thien hue`, `hue`)."""
        return self._provinces_by_last.get(word, ())

    def abbreviations(self) -> Mapping[str, tuple[_Abbreviation, ...]]:
        return self._abbreviations

    def with_aliases(self, aliases: Iterable[tuple[str, str]]) -> Registry:
        """A new registry with extra (unit_id, alias) pairs; an unknown unit id is an error."""
        return Registry(_add_aliases(self._units, aliases), self._abbreviations, self._known_keys)

    def expand(self, text: str) -> tuple[str, ...]:
        """Folded words with abbreviations spelled out and `&` read as `và`:
        `Sở LĐ-TB&XH` → so lao dong thuong binh va xa hoi; `TX. Sơn Tây` → thi xa son tay."""
        words = fold_name(text).split()
        out: list[str] = []
        i = 0
        while i < len(words):
            for j in range(min(len(words), i + 4), i, -1):
                span = [w for w in words[i:j] if w != "va"] if j - i > 1 else words[i:j]
                found = self._abbreviation("".join(span).replace("&", ""), out)
                if found is not None and words[i] != "va" and words[j - 1] != "va":
                    out.extend(found)
                    i = j
                    break
            else:
                out.extend(words[i].replace("&", " va ").split())
                i += 1
        return tuple(out)

    def key_of(self, text: str | tuple[str, ...]) -> NameKey:
        """Split the type word off a name (or expanded words) and drop a trailing tier word:
        `Thanh tra tỉnh` and `Thanh tra Thành phố` are both (None, `thanh tra`)."""
        words = self.expand(text) if isinstance(text, str) else text
        # `Bộ Khoa học - Công nghệ`, `Sở Thông tin truyền thông`: joining words are left out.
        joined = " ".join(w for w in words if w not in _JOINING_WORDS)
        type_word = next((t for t in TYPE_WORDS if joined == t or joined.startswith(t + " ")), None)
        if type_word is not None:
            return NameKey(type_word, joined[len(type_word):].strip())
        for tier in TIER_WORDS:
            if joined.endswith(" " + tier) and len(words) - len(tier.split()) >= 2:
                return NameKey(None, joined[: -len(tier)].strip())
        return NameKey(None, joined)

    def _abbreviation(self, compact: str, before: list[str]) -> tuple[str, ...] | None:
        for abbreviation in self._abbreviations.get(compact, ()):
            previous = before[-1] if before else None
            if (abbreviation.context == ""
                    or (abbreviation.context == "^" and previous in (None, "ubnd", "ub"))
                    or abbreviation.context == previous):
                return abbreviation.expansion
        return None


def load_registry(extra_aliases: tuple[Path, ...] = ()) -> Registry:
    """The registry from the packaged data, plus alias files (`unit_id,alias` CSV) given by the
    caller, e.g. names a reviewer resolved by hand."""
    registry = _load_static_registry()
    if not extra_aliases:
        return registry
    return registry.with_aliases(pair for path in extra_aliases for pair in _read_aliases(path))


@functools.cache
def _load_static_registry() -> Registry:
    """The prebuilt index when it is current, else built from the sources."""
    from chiso.normalize.registry_index import load_prebuilt  # that module imports this one

    return load_prebuilt() or build_registry()


def build_registry() -> Registry:
    """The registry from its sources (the package's tables and normalize/data); see
    normalize/registry_index.py for the prebuilt copy runs load."""
    provinces, districts, communes = _read_admin_units()
    history = _read_history()
    provinces = [_apply_history(u, history) for u in provinces]
    districts = [_apply_history(u, history) for u in districts]
    known = {u.unit_id for u in provinces + districts}
    districts += [_history_unit(uid, rows) for uid, rows in history.items() if uid not in known]
    districts = [_end_district(u) for u in districts]
    departments = list(_build_departments(provinces))
    # A merged-away province's Sở Du lịch has no successor where the survivor runs one Sở Văn
    # hóa, Thể thao và Du lịch: leave the successor empty rather than point at nothing.
    department_ids = {u.unit_id for u in departments}
    departments = [replace(u, successor_id=None) if u.successor_id not in department_ids else u for u in departments]
    codes = {row["unit_id"]: row["code"] for row in _read_csv(DATA / "codes.csv")}
    units = [replace(u, code=codes.pop(u.unit_id, None))
             for u in provinces + districts + departments + communes + _read_ministries()]
    if codes:
        raise ValueError(f"codes.csv names unknown units: {sorted(codes)}")
    return Registry(_add_aliases(units, _read_aliases(DATA / "aliases.csv")), MappingProxyType(_read_abbreviations()))


def _add_aliases(units: Iterable[Unit], aliases: Iterable[tuple[str, str]]) -> tuple[Unit, ...]:
    units = tuple(units)
    known = {u.unit_id for u in units}
    extra: dict[str, list[str]] = {}
    for unit_id, alias in aliases:
        if unit_id not in known:
            raise ValueError(f"alias {alias!r} names unknown unit {unit_id!r}")
        extra.setdefault(unit_id, []).append(alias)
    return tuple(replace(u, aliases=u.aliases + tuple(extra[u.unit_id])) if u.unit_id in extra else u for u in units)


def _read_admin_units() -> tuple[list[Unit], list[Unit], list[Unit]]:
    """Provinces and districts from the last pre-merger state, the 63→34 mapping, and the
    communes of the 34 (valid from 2025-07-01)."""
    package = _package_data()
    con = sqlite3.connect(f"file:{package / 'dataset.db'}?mode=ro", uri=True)
    try:
        legacy = con.execute("SELECT DISTINCT provinceCode, province, provinceKey, districtCode, district, "
                             "districtType FROM admin_units_legacy ORDER BY provinceCode, districtCode").fetchall()
        wards = con.execute("SELECT provinceKey, ward, wardCode FROM admin_units ORDER BY provinceCode, wardCode").fetchall()
    finally:
        con.close()
    merged_into = {old: new for new, olds in json.loads((package / "converter_2025.json").read_text("utf-8"))
                   ["DICT_PROVINCE"].items() for old in olds}
    province_of = {key: code for code, _, key, *_ in legacy}
    provinces: dict[str, Unit] = {}
    districts: list[tuple[str, str, str]] = []
    for code, name, key, _, district, district_type in legacy:
        if code not in provinces:
            survivor = province_of[merged_into[key]]
            ended = survivor != code
            provinces[code] = Unit(code, UnitLevel.PROVINCE, code,
                                   (UnitName(name, None, LAST_PRE_MERGER_DAY if ended else None),),
                                   successor_id=survivor if ended else None)
        districts.append((code, district.replace("Thị Xã", "Thị xã"), district_type))
    return list(provinces.values()), _district_units(districts), _commune_units(wards, province_of)


def _package_data() -> Path:
    """The package's data folder, found without importing the package (its import pulls in
    pandas and costs most of a second)."""
    spec = importlib.util.find_spec("vietnamadminunits")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("vietnamadminunits is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def _district_units(rows: list[tuple[str, str, str]]) -> list[Unit]:
    shorts = [(p, _slug(name[len(kind):])) for p, name, kind in rows]
    counts = Counter(shorts)
    return [Unit(f"{p}.{_slug(name) if counts[(p, s)] > 1 or s.isdigit() else s}", UnitLevel.DISTRICT, p,
                 (UnitName(name, None, None),)) for (p, name, _), (_, s) in zip(rows, shorts)]


def _commune_units(rows: list[tuple[str, str, str]], province_of: Mapping[str, str]) -> list[Unit]:
    """Communes of the 34 provinces; names that fold alike in one province (Xã Cẩm Giang, Xã
    Cẩm Giàng in Hải Phòng) get their GSO code appended to the id."""
    slugs = [(province_of[key], _slug(ward)) for key, ward, _ in rows]
    counts = Counter(slugs)
    return [Unit(f"{p}.{s}-{code}" if counts[(p, s)] > 1 else f"{p}.{s}", UnitLevel.COMMUNE, p,
                 (UnitName(ward, MERGER_DAY, None),)) for (_, ward, code), (p, s) in zip(rows, slugs)]


def _read_ministries() -> list[Unit]:
    rows: dict[str, list[dict[str, str]]] = {}
    for row in _read_csv(DATA / "ministries.csv"):
        rows.setdefault(row["unit_id"], []).append(row)
    return [Unit(unit_id, UnitLevel.MINISTRY, None, _history_names(unit_rows),
                 successor_id=next((r["successor_id"] for r in unit_rows if r["successor_id"]), None))
            for unit_id, unit_rows in rows.items()]


def _read_history() -> dict[str, list[dict[str, str]]]:
    history: dict[str, list[dict[str, str]]] = {}
    for row in _read_csv(DATA / "unit_history.csv"):
        history.setdefault(row["unit_id"], []).append(row)
    return history


def _history_names(rows: list[dict[str, str]]) -> tuple[UnitName, ...]:
    names = (UnitName(r["name"], _date(r["valid_from"]), _date(r["valid_to"])) for r in rows)
    return tuple(sorted(names, key=lambda n: n.valid_from or date.min))


def _apply_history(unit: Unit, history: Mapping[str, list[dict[str, str]]]) -> Unit:
    """Replace a unit's single packaged name by its dated names; the last must be the packaged one."""
    if unit.unit_id not in history:
        return unit
    names = _history_names(history[unit.unit_id])
    if names[-1].name != unit.names[-1].name:
        raise ValueError(f"unit_history.csv: {unit.unit_id} ends as {names[-1].name!r}, package says {unit.names[-1].name!r}")
    return replace(unit, names=names[:-1] + (replace(names[-1], valid_to=unit.names[-1].valid_to),))


def _history_unit(unit_id: str, rows: list[dict[str, str]]) -> Unit:
    """A unit gone before July 2025 (so absent from the package), known only from its history."""
    names = _history_names(rows)
    if names[-1].valid_to is None:
        raise ValueError(f"unit_history.csv: {unit_id} is not in the package, so it must have ended")
    successor = next((r["successor_id"] for r in rows if r["successor_id"]), None)
    return Unit(unit_id, UnitLevel(rows[0]["level"]), rows[0]["province_id"], names, successor_id=successor)


def _end_district(unit: Unit) -> Unit:
    last = unit.names[-1]
    if last.valid_to is not None:
        return unit
    return replace(unit, names=unit.names[:-1] + (replace(last, valid_to=LAST_PRE_MERGER_DAY),))


def _build_departments(provinces: list[Unit]) -> Iterator[Unit]:
    """Each province's departments from `departments.csv`, named for the province's tier on
    each day, ended with the province when it was merged away (its successor is then the
    surviving province's department of the same kind)."""
    rows = _read_csv(DATA / "departments.csv")
    for province in provinces:
        kinds: dict[str, list[dict[str, str]]] = {}
        for row in rows:
            only, excluded = row["only_in"].split(), row["not_in"].split()
            if (not only or province.unit_id in only) and province.unit_id not in excluded:
                kinds.setdefault(row["kind"], []).append(row)
        for kind, kind_rows in kinds.items():
            names = _merge_runs(_department_names(kind_rows, province))
            successor = next((r["successor"] for r in kind_rows if r["successor"]), None)
            successor_id = f"{province.unit_id}.{successor}" if successor else None
            if province.successor_id is not None and names[-1].valid_to == LAST_PRE_MERGER_DAY:
                successor_id = f"{province.successor_id}.{kind}"
            yield Unit(f"{province.unit_id}.{kind}", UnitLevel.DEPARTMENT, province.unit_id, names,
                       successor_id=successor_id)


def _department_names(rows: list[dict[str, str]], province: Unit) -> Iterator[UnitName]:
    for row in sorted(rows, key=lambda r: r["valid_from"]):
        start, end = _date(row["valid_from"]), _date(row["valid_to"])
        for tier in province.names:
            lo = max(start or date.min, tier.valid_from or date.min)
            hi = min(end or date.max, tier.valid_to or date.max)
            if lo <= hi:
                word = "Thành phố" if tier.name.startswith("Thành phố") else "tỉnh"
                yield UnitName(row["name"].replace("{tier}", word), None if lo == date.min else lo,
                               None if hi == date.max else hi)


def _merge_runs(names: Iterable[UnitName]) -> tuple[UnitName, ...]:
    """Join back-to-back periods of one name: `Sở Tư pháp` is one name across Huế's change of tier."""
    runs: list[UnitName] = []
    for name in names:
        if runs and runs[-1].name == name.name:
            runs[-1] = replace(runs[-1], valid_to=name.valid_to)
        else:
            runs.append(name)
    return tuple(runs)


def _read_abbreviations() -> dict[str, tuple[_Abbreviation, ...]]:
    table: dict[str, list[_Abbreviation]] = {}
    for row in _read_csv(DATA / "abbreviations.csv"):
        table.setdefault(row["abbreviation"], []).append(
            _Abbreviation(tuple(fold_name(row["expansion"]).split()),
                          row["context"] if row["context"] == "^" else fold_name(row["context"])))
    return {k: tuple(v) for k, v in table.items()}


def _read_aliases(path: Path) -> list[tuple[str, str]]:
    return [(row["unit_id"], row["alias"]) for row in _read_csv(path)]


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)]


def _date(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


def _slug(name: str) -> str:
    return "-".join(fold_name(name).replace("&", " ").split())


def _code_key(code: str) -> str:
    return "".join(code.split()).upper()
