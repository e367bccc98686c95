"""The dimensions analysts read beside the facts: what each measure means, the indicators'
English labels, the PAR INDEX and SIPAS structures (areas and criteria by year, with maxima)
and the service index's maxima per layout and year.

Letters print PAR INDEX and SIPAS components by code only (`1`, `2.4.1`, SIPAS `I`); the
structure gives the codes names. Every maximum is one printed by a letter or portal item (the
`Điểm tối đa` column of 192/KH-UBND for 2021, Kon Tum's `9,72/10,5 điểm` for 2023), so each row
names its source, and a maximum no source gives is left empty (normalize/data/SOURCES.md).
A province's service index is scored /18 /20 /12 /10 /18 /22; nothing says a district's,
ministry's or department's groups are scored so (a ministry's PAR INDEX appraisal of 62.67
exceeds a province's maximum of 61.5), so a maximum is kept per layout (the unit's level).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from chiso.normalize.registry import DATA, _read_csv


@dataclass(frozen=True, slots=True)
class MeasureDefinition:
    measure: str
    label_vi: str
    label_en: str
    definition: str


@dataclass(frozen=True, slots=True)
class Criterion:
    """One area or criterion of PAR INDEX or SIPAS, in force for the years given (inclusive)."""

    index_family: str
    code: str
    year_from: int
    year_to: int | None
    label_vi: str
    label_en: str
    max_score: float | None
    parent_code: str | None
    source: str


# A maximum's layout is the level of the unit scored: Decision 766/QĐ-TTg scores provinces,
# ministries and, inside a province, its departments, districts and communes, each on its own scale.
LAYOUTS = ("province", "ministry", "department", "district", "commune")


@dataclass(frozen=True, slots=True)
class IndicatorMaximum:
    """The most points an indicator gives a unit of one layout, in force for the years given
    (inclusive; year_to None: no end known); max_score None where no source prints it."""

    index_family: str
    indicator: str
    layout: str
    year_from: int
    year_to: int | None
    max_score: float | None
    source: str


@functools.cache
def measure_definitions() -> tuple[MeasureDefinition, ...]:
    return tuple(MeasureDefinition(r["measure"], r["label_vi"], r["label_en"], r["definition"])
                 for r in _read_csv(DATA / "measures.csv"))


@functools.cache
def index_structure() -> tuple[Criterion, ...]:
    return tuple(Criterion(r["index_family"], r["code"], int(r["year_from"]), int(r["year_to"]) if r["year_to"] else None,
                           r["label_vi"], r["label_en"], float(r["max_score"]) if r["max_score"] else None,
                           r["parent_code"] or None, r["source"]) for r in _read_csv(DATA / "index_structure.csv"))


@functools.cache
def indicator_maxima() -> tuple[IndicatorMaximum, ...]:
    """The service index's maxima per layout and year (normalize/data/service_index_maxima.csv);
    an unknown layout is an error, not a row that no fact would ever match."""
    rows = tuple(IndicatorMaximum(r["index_family"], r["indicator"], r["layout"], int(r["year_from"]),
                                  int(r["year_to"]) if r["year_to"] else None, float(r["max_score"]) if r["max_score"] else None,
                                  r["source"]) for r in _read_csv(DATA / "service_index_maxima.csv"))
    unknown = sorted({m.layout for m in rows} - set(LAYOUTS))
    if unknown:
        raise ValueError(f"unknown layouts in service_index_maxima.csv: {unknown}")
    return rows


@functools.cache
def english_labels() -> dict[tuple[str, str], str]:
    """(index_family, indicator) → English label, for every catalogued indicator."""
    return {(r["index_family"], r["indicator"]): r["label_en"] for r in _read_csv(DATA / "indicator_labels_en.csv")}


@functools.cache
def issuer_codes() -> dict[str, str]:
    """A ministry's part of its documents' numbers (`BNV` in 876/QĐ-BNV, folded) → its registry
    id: a ministry's letter has no province, so its copies are keyed by the ministry instead."""
    return {r["code"]: r["unit_id"] for r in _read_csv(DATA / "issuer_codes.csv")}
