"""Unit lineage: which units took over which, and when, many-to-many.

The 2025 reorganisation cannot be followed through one `successor_id`: on 2025-07-01 the 63
provinces became 34 (Tỉnh Hà Giang merged into Tỉnh Tuyên Quang, which kept its id and absorbed
its territory), every district was abolished and its territory went to one or several of the new
communes and wards (Quận Ba Đình → Phường Ba Đình, Phường Ngọc Hà, Phường Giảng Võ, …), in March
2025 departments merged (Sở Kế hoạch và Đầu tư into Sở Tài chính), and on 2025-01-01 Huế became a
centrally-governed city while its district-level city split into two quận.

So lineage is a list of events `from_unit_id → to_unit_id` with the day they took effect:
- `merge`: the from unit ended and its territory or remit went to the to unit;
- `absorb`: the to unit (= from unit) continued but took in another unit: its series breaks
  (Gia Lai after 2025-07-01 includes Bình Định);
- `split`: the from unit ended and its territory went to several units (each one a row);
- `rename` / `upgrade`: the unit continues under a new name (`upgrade` when its type rose:
  Huyện → Thị xã → Thành phố, Tỉnh → Thành phố trực thuộc trung ương);
- `abolish`: the unit ended with no successor.

Sources: the registry (dated names, successors of provinces built from the package's 63→34
mapping, department mergers from `departments.csv`, district mergers from `unit_history.csv`),
the `vietnamadminunits` converter (old ward → new communes, read here to link each district and
each of the 10,035 communes of its legacy table to the communes that took its territory), and
`data/unit_lineage.csv` for splits the other sources cannot express (Thành phố Huế → Quận Phú
Xuân and Quận Thuận Hóa). The package holds communes as they stood on 2025-06-30 only: the
commune mergers of 2019–2021 and 2023–2025 are not in it, so they are not here either.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from importlib.metadata import version
from pathlib import Path

from chiso.normalize.registry import DATA, LAST_PRE_MERGER_DAY, MERGER_DAY, Registry, Unit, UnitLevel, UnitName, _package_data, _read_csv, _slug
from chiso.normalize.text import fold_name


class LineageEvent(StrEnum):
    MERGE = "merge"
    SPLIT = "split"
    RENAME = "rename"
    UPGRADE = "upgrade"
    ABSORB = "absorb"
    ABOLISH = "abolish"


@dataclass(frozen=True, slots=True)
class Lineage:
    """One edge of the lineage graph; `to_unit_id` is None only for `abolish`. `old_wards`
    counts the pre-2025 communes behind a district → commune edge (how much of it went there)."""

    from_unit_id: str
    to_unit_id: str | None
    event: LineageEvent
    effective_on: date
    note: str = ""
    old_wards: int | None = None


# The files a unit graph is written to (write_graph_files), and the metadata key of their fingerprint.
GRAPH_FILES = ("units", "unit_names", "unit_lineage")
FINGERPRINT_KEY = "chiso_unit_graph_sha256"

# A type word's standing: a rename that raises it is an upgrade (NQ 1314/NQ-UBTVQH15 made Huế a
# thành phố trực thuộc trung ương; Thị xã Kim Bảng was a huyện).
_TYPE_RANK = {"xa": 0, "thi tran": 0, "phuong": 1, "huyen": 1, "tinh": 1, "thi xa": 2, "quan": 2, "thanh pho": 3}


@dataclass(frozen=True, slots=True)
class UnitGraph:
    """Every unit lineage speaks of (the registry's, and the communes of before the reform,
    which letters never name and the registry does not match), the lineage edges, and each
    commune's district before the reform."""

    units: tuple[Unit, ...]
    lineage: tuple[Lineage, ...]
    commune_parents: dict[str, str]

    def parent_of(self, unit: Unit) -> str | None:
        """The unit one level up: a commune's district before the reform, else the unit's
        province (none for a province itself or a ministry)."""
        if unit.level is UnitLevel.COMMUNE:
            return self.commune_parents.get(unit.unit_id)
        return unit.province_id if unit.province_id != unit.unit_id else None


def build_unit_graph(registry: Registry) -> UnitGraph:
    """Built once per run: matching the package's keys to registry ids is most of its cost."""
    districts, communes = _converter_ids(registry)
    old = _old_communes(districts)
    edges = {*_from_names(registry), *_from_successors(registry), *_from_converter(districts, communes, old), *_from_csv(registry)}
    lineage = tuple(sorted(edges, key=lambda e: (e.effective_on, e.from_unit_id, e.to_unit_id or "", e.event)))
    parents = _new_commune_parents(lineage, registry) | {unit.unit_id: district for unit, district in old.values()}
    return UnitGraph(registry.units() + tuple(unit for unit, _ in old.values()), lineage, parents)


def write_graph_files(graph: UnitGraph, stamp: str, folder: Path) -> dict[str, Path]:
    """The graph as three Parquet files (units, their dated names, lineage edges), each carrying
    the graph's fingerprint in its metadata (FINGERPRINT_KEY). DuckDB reads Parquet natively: a
    warehouse loads the files in milliseconds, where inserting the same rows from Python took
    0.4 s of every run on a fresh warehouse. Written reproducibly (same graph, same bytes)."""
    import pyarrow as pa  # only where a graph is built: importing pyarrow imports pandas (0.3 s)
    import pyarrow.parquet as pq

    text, day = pa.string(), pa.date32()
    tables = {
        "units": ({"unit_id": text, "level": text, "province_id": text, "code": text, "successor_id": text, "parent_id": text},
                  [(u.unit_id, u.level.value, u.province_id, u.code, u.successor_id, graph.parent_of(u)) for u in graph.units]),
        "unit_names": ({"unit_id": text, "name": text, "valid_from": day, "valid_to": day},
                       [(u.unit_id, n.name, n.valid_from, n.valid_to) for u in graph.units for n in u.names]),
        "unit_lineage": ({"from_unit_id": text, "to_unit_id": text, "event": text, "effective_on": day, "note": text,
                          "old_wards": pa.int32()},
                         [(e.from_unit_id, e.to_unit_id, e.event.value, e.effective_on, e.note, e.old_wards) for e in graph.lineage]),
    }
    paths = {}
    for name, (columns, rows) in tables.items():
        schema = pa.schema(list(columns.items()), metadata={FINGERPRINT_KEY: stamp})
        table = pa.table({column: [row[i] for row in rows] for i, column in enumerate(columns)}, schema=schema)
        paths[name] = folder / f"unit_graph_{name}.parquet"
        pq.write_table(table, paths[name], compression="zstd")
    return paths


def prebuilt_graph_files(folder: Path = DATA) -> dict[str, Path]:
    """Where `python -m chiso.normalize.registry_index` writes the graph of the packaged
    registry; whoever reads them compares their fingerprint with graph_fingerprint()."""
    return {name: folder / f"unit_graph_{name}.parquet" for name in GRAPH_FILES}


def graph_fingerprint(registry: Registry) -> str:
    """sha256 of what the unit graph is built from: the registry's units, the package's version
    (its converter and legacy communes), this module and unit_lineage.csv; a warehouse whose
    graph has this fingerprint need not be given it again."""
    digest = hashlib.sha256(f"vietnamadminunits {version('vietnamadminunits')}\n{registry.units()!r}".encode())
    for path in (Path(__file__), DATA / "unit_lineage.csv"):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _new_commune_parents(lineage: tuple[Lineage, ...], registry: Registry) -> dict[str, str]:
    """A post-2025 commune's district before the reform: the district that gave it most of its
    old wards (ties: the first id), so a commune's series can be set beside its district's."""
    weights: dict[str, Counter[str]] = defaultdict(Counter)
    for edge in lineage:
        if edge.to_unit_id and edge.old_wards:
            weights[edge.to_unit_id][edge.from_unit_id] += edge.old_wards
    return {commune: max(sorted(c), key=lambda d: c[d]) for commune, c in weights.items()
            if registry.get(commune).level is UnitLevel.COMMUNE}


def _from_names(registry: Registry) -> Iterator[Lineage]:
    """A unit's successive names: renames and upgrades (Tỉnh Thừa Thiên Huế → Thành phố Huế)."""
    for unit in registry.units():
        for before, after in zip(unit.names, unit.names[1:]):
            if before.name == after.name or after.valid_from is None:
                continue
            rises = _rank(after.name, registry) > _rank(before.name, registry)
            yield Lineage(unit.unit_id, unit.unit_id, LineageEvent.UPGRADE if rises else LineageEvent.RENAME,
                          after.valid_from, f"{before.name} → {after.name}")


def _from_successors(registry: Registry) -> Iterator[Lineage]:
    """The registry's successors: merged provinces, departments and districts; the survivor
    absorbs on the same day."""
    for unit in registry.units():
        if unit.successor_id is None:
            continue
        day = _end(unit) + timedelta(days=1)
        yield Lineage(unit.unit_id, unit.successor_id, LineageEvent.MERGE, day)
        yield Lineage(unit.successor_id, unit.successor_id, LineageEvent.ABSORB, day)


def _from_converter(districts: Mapping[tuple[str, str], str], communes: Mapping[tuple[str, str], str],
                    old_communes: Mapping[str, tuple[Unit, str]]) -> Iterator[Lineage]:
    """Districts, and the communes of before the reform, → the communes and wards that took
    their territory on 2025-07-01, from the package's old-ward → new-commune converter."""
    old_ids = {key: unit.unit_id for key, (unit, _) in old_communes.items()}
    converter = json.loads((_package_data() / "converter_2025.json").read_text("utf-8"))
    moves: list[tuple[str, str]] = []  # (old ward key, new commune id), once per old ward and new commune
    for new_province, new_wards in converter["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        moves += [(old, communes[(new_province, new_ward)]) for new_ward, olds in new_wards.items() for old in olds]
    for new_province, olds in converter["DICT_PROVINCE_WARD_DIVIDED"].items():
        moves += [(old, communes[(new_province, target["newWardKey"])]) for old, targets in olds.items() for target in targets]
    note = "two-level local government (package converter)"
    pairs = Counter((_district_of(old, districts), commune) for old, commune in moves)
    fan_out = Counter(district for district, _ in pairs)
    for (district, commune), wards in pairs.items():
        yield Lineage(district, commune, LineageEvent.SPLIT if fan_out[district] > 1 else LineageEvent.MERGE, MERGER_DAY, note, wards)
    ward_fan_out = Counter(old for old, _ in set(moves))
    for old, commune in sorted(set(moves)):
        if old.endswith("_"):  # an island district without communes (`thanhphodanang_huyenhoangsa_`): its own edge says it
            continue
        yield Lineage(old_ids[old], commune, LineageEvent.SPLIT if ward_fan_out[old] > 1 else LineageEvent.MERGE, MERGER_DAY, note)


def _old_communes(districts: Mapping[tuple[str, str], str]) -> dict[str, tuple[Unit, str]]:
    """The package's communes of the last day before the reform (its legacy table: 10,035
    communes, the state after the 2023–2025 arrangements; earlier mergers it does not hold),
    by converter key (`thanhphohanoi_quanbadinh_phuongphucxa`), each with its district's id.
    Ids are the district's id and the commune's slug (`01.ba-dinh.phuong-phuc-xa`), with the
    GSO code appended when two fold alike in one district."""
    con = sqlite3.connect(f"file:{_package_data() / 'dataset.db'}?mode=ro", uri=True)
    try:
        rows = con.execute("SELECT provinceKey, provinceCode, districtKey, wardKey, ward, wardCode FROM admin_units_legacy "
                           "WHERE ward IS NOT NULL ORDER BY provinceCode, districtCode, wardCode").fetchall()  # island districts have none
    finally:
        con.close()
    slugs = [(districts[(pk, dk)], _slug(ward)) for pk, _, dk, _, ward, _ in rows]
    counts = Counter(slugs)
    return {f"{pk}_{dk}_{wk}": (Unit(f"{district}.{slug}-{code}" if counts[(district, slug)] > 1 else f"{district}.{slug}",
                                     UnitLevel.COMMUNE, province, (UnitName(ward, None, LAST_PRE_MERGER_DAY),)), district)
            for (pk, province, dk, wk, ward, code), (district, slug) in zip(rows, slugs)}


def _from_csv(registry: Registry) -> Iterator[Lineage]:
    for row in _read_csv(DATA / "unit_lineage.csv"):
        for unit_id in (row["from_unit_id"], row["to_unit_id"]):
            if unit_id:
                registry.get(unit_id)  # an unknown id raises KeyError: fail loudly
        yield Lineage(row["from_unit_id"], row["to_unit_id"] or None, LineageEvent(row["event"]),
                      date.fromisoformat(row["effective_on"]), row["note"])


def _converter_ids(registry: Registry) -> tuple[Mapping[tuple[str, str], str], Mapping[tuple[str, str], str]]:
    """The converter's keys (`thanhphohanoi`, `quanbadinh`, `phuongbadinh`) → registry ids, through
    the names the package's own tables give those keys."""
    con = sqlite3.connect(f"file:{_package_data() / 'dataset.db'}?mode=ro", uri=True)
    try:
        legacy = con.execute("SELECT DISTINCT provinceKey, provinceCode, districtKey, district FROM admin_units_legacy").fetchall()
        wards = con.execute("SELECT provinceKey, wardKey, ward, wardCode FROM admin_units").fetchall()
    finally:
        con.close()
    province_code = {key: code for key, code, _, _ in legacy}
    by_name: dict[tuple[str, str], list[Unit]] = defaultdict(list)
    for unit in registry.units():
        if unit.level in (UnitLevel.DISTRICT, UnitLevel.COMMUNE):
            for name in {n.name for n in unit.names}:
                by_name[(unit.province_id, fold_name(name))].append(unit)
    districts = {(key, district_key): _only(by_name[(code, fold_name(name.replace("Thị Xã", "Thị xã")))], f"{key} {name}")
                 for key, code, district_key, name in legacy}
    # The 34 provinces' keys are their survivors' keys, so one map serves both tables.
    communes = {(key, ward_key): _pick_commune(by_name[(province_code[key], fold_name(ward))], code, f"{key} {ward}")
                for key, ward_key, ward, code in wards}
    return districts, communes


def _only(units: list[Unit], what: str) -> str:
    districts = [u for u in units if u.level is UnitLevel.DISTRICT]
    if len(districts) != 1:
        raise ValueError(f"lineage: district {what!r} is {len(districts)} registry units")
    return districts[0].unit_id


def _pick_commune(units: list[Unit], code: str, what: str) -> str:
    """Communes whose names fold alike carry their GSO code in the id (registry rule)."""
    communes = [u for u in units if u.level is UnitLevel.COMMUNE]
    if len(communes) > 1:
        communes = [u for u in communes if u.unit_id.endswith(f"-{code}")]
    if len(communes) != 1:
        raise ValueError(f"lineage: commune {what!r} is {len(communes)} registry units")
    return communes[0].unit_id


def _district_of(old_ward: str, districts: Mapping[tuple[str, str], str]) -> str:
    """`thanhphohanoi_quanbadinh_phuongtrucbach` → the registry id of Quận Ba Đình."""
    province_key, district_key, _ = old_ward.split("_", 2)
    return districts[(province_key, district_key)]


def _rank(name: str, registry: Registry) -> int:
    return _TYPE_RANK.get(registry.key_of(name).type_word or "", -1)


def _end(unit: Unit) -> date:
    last = unit.names[-1].valid_to
    if last is None:
        raise ValueError(f"lineage: {unit.unit_id} has a successor but no end date")
    return last
