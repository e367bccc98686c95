"""The indicator catalogue: every key a fact may carry, with its Vietnamese label."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Indicator:
    key: str
    family: str
    label: str
    max_score: float | None = None
    parent: str | None = None
    is_catalogued: bool = True
