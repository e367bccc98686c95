"""Typed, normalised records: what the warehouse loads.

A `Fact` is one published number with its unit, indicator, period and provenance resolved; a
`Letter` is the document it came from; `ReviewItem` is a unit name that could not be resolved
with confidence; `Rejection` is an input or number that was not loaded, with the reason.
Provenance crosses into the warehouse as plain fields so it never needs an extractor type.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class Fact:
    doc_id: str
    index_family: str
    period_grain: str
    period_start: date
    unit_id: str | None
    published_unit: str
    indicator: str
    measure: str
    value: float
    label: str
    raw_text: str
    page: int | None
    line_no: int | None
    row_no: int | None
    extractor: str


@dataclass(frozen=True, slots=True)
class Letter:
    doc_id: str
    source_name: str
    extractor: str
    doc_number: str | None
    issued_on: date | None
    province_id: str | None
    n_pages: int | None
    parser_version: str
    published_on: date | None = None  # a web page's own date (date line, metadata, else fetch date)


@dataclass(frozen=True, slots=True)
class Candidate:
    unit_id: str
    unit_name: str
    score: float


@dataclass(frozen=True, slots=True)
class ReviewItem:
    """A unit name kept on its facts with unit_id NULL, awaiting a human or a new alias."""

    doc_id: str
    published_unit: str
    province_id: str | None
    reason: str
    candidates: tuple[Candidate, ...]


@dataclass(frozen=True, slots=True)
class Rejection:
    """Something not loaded and why. doc_id is None when the bytes could not be read at all."""

    source_name: str
    doc_id: str | None
    stage: str
    reason: str
    raw_text: str | None = None
