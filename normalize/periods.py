"""Periods: what span of time a published number measures.

`tháng 12/2024` and `tháng 4-2024` are months, `năm 2022` a year, `quý I/2024` a quarter,
`tuần 03/2024` an ISO week (starting on its Monday), and a figure `tính đến ngày 29/8/2025`
belongs to that month. `so với tháng 11/2024` names a comparison, which the parsers drop
before a period reaches here. `6 tháng đầu năm 2025` is part of a year, which no grain holds:
it is no period, and its figures are refused rather than filed under the year.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from chiso.normalize.phrases import (AS_OF, AS_OF_NO_YEAR, DATE, MONTH, MONTH_NO_YEAR, PART_OF_YEAR, QUARTER, WEEK,
                                     WEEK_NO_YEAR, YEAR)
from chiso.normalize.text import fold

_ROMAN_QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


class PeriodGrain(StrEnum):
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"


@dataclass(frozen=True, slots=True, order=True)
class Period:
    grain: PeriodGrain
    start: date

    def previous(self) -> Period:
        """The period before: `từ 87,61% xuống 86,78%` in a 2022 result gives 2021's 87,61."""
        return Period(self.grain, self._shifted(-1))

    @property
    def end(self) -> date:
        """The period's last day: units created during it (the wards of July 2025 in a
        ranking for 2025) are in force in it too."""
        return self._shifted(1) - timedelta(days=1)

    def _shifted(self, periods: int) -> date:
        """The first day `periods` periods of this grain away."""
        if self.grain is PeriodGrain.WEEK:
            return self.start + timedelta(days=7 * periods)
        months = {PeriodGrain.MONTH: 1, PeriodGrain.QUARTER: 3, PeriodGrain.YEAR: 12}[self.grain] * periods
        year, month = divmod(self.start.month - 1 + months, 12)
        return date(self.start.year + year, month + 1, 1)


def parse_period(text: str | None, reference: date | None = None) -> Period | None:
    """The period named in `text`, or None when it names none (the caller then falls back
    to the annex's or the letter's period, never to a guess). A month or as-of date printed
    without its year (`tính đến ngày 14/6`, `tháng 9`, `tuần thứ 47`) takes it from `reference`,
    the document's own date: the latest such month or week not after it (`tháng 12` on
    2025-01-05 is December 2024)."""
    if not text:
        return None
    folded = fold(text)
    if names_part_of_year(text):
        return None
    try:
        if m := WEEK.pattern.search(folded):
            return Period(PeriodGrain.WEEK, date.fromisocalendar(int(m["y"]), int(m["w"]), 1))
        if m := QUARTER.pattern.search(folded):
            q = _ROMAN_QUARTERS.get(m["q"]) or int(m["q"])
            return Period(PeriodGrain.QUARTER, date(int(m["y"]), 3 * q - 2, 1))
        if m := AS_OF.pattern.search(folded):
            return Period(PeriodGrain.MONTH, date(int(m["y"]), int(m["m"]), 1))
        if m := MONTH.pattern.search(folded):
            return Period(PeriodGrain.MONTH, date(int(m["y"]), int(m["m"]), 1))
        if m := YEAR.pattern.search(folded):
            return Period(PeriodGrain.YEAR, date(int(m["y"]), 1, 1))
        if reference is not None and (m := AS_OF_NO_YEAR.pattern.search(folded) or MONTH_NO_YEAR.pattern.search(folded)):
            month = int(m["m"])
            return Period(PeriodGrain.MONTH, date(reference.year - (month > reference.month), month, 1))
        if reference is not None and (m := WEEK_NO_YEAR.pattern.search(folded)):
            year, week, _ = reference.isocalendar()
            return Period(PeriodGrain.WEEK, date.fromisocalendar(year - (int(m["w"]) > week), int(m["w"]), 1))
    except ValueError:
        return None
    return None


def names_part_of_year(text: str | None) -> bool:
    """`6 tháng đầu năm 2025`, `9 tháng năm 2024`: a span the contract's grains cannot hold."""
    return bool(text) and bool(PART_OF_YEAR.pattern.search(fold(text)))  # type: ignore[arg-type]


def parse_date(text: str | None) -> date | None:
    """A letter date printed as `17/01/2025` (the readers reduce `ngày 17 tháng 01 năm 2025`
    to that form); None when it is not a real date (`ngay2/thang4` OCR noise excepted)."""
    if not text:
        return None
    m = DATE.pattern.search(text)
    if not m:
        return None
    try:
        return date(int(m["y"]), int(m["m"]), int(m["d"]))
    except ValueError:
        return None
