"""Vietnamese numbers, decided by what they count.

Letters write the decimal separator as a comma or a dot and the thousands separator as the
other one, often in the same letter: `62.28` điểm is 62.28, `58,3` is 58.3, `242.300` hồ sơ is
242300, `304,285` tài khoản is 304285, `1.029.961` is 1029961. A lone separator followed by
exactly three digits is the only ambiguous case; the kind of quantity decides it (counts are
whole numbers; scores and percents are not), and a column of scores out of 8.5 makes `8.424`
a score.
"""

from __future__ import annotations

from enum import StrEnum

from chiso.extractors.model import NumberKind
from chiso.normalize.phrases import NUMBER_TEXT


class OnError(StrEnum):
    RAISE = "raise"
    NONE = "none"


class NumberError(ValueError):
    pass


def parse_number(text: str, kind: NumberKind, *, scale: float | None = None, on_error: OnError = OnError.RAISE) -> float | None:
    """The value of a printed number. `scale` is the largest value the number can plausibly
    take (a column's maximum score); a reading above it is discarded for the other reading."""
    if text.isascii() and text.isdigit():
        return float(text)  # `89`, `5`: a whole number as printed, most ranks and counts
    cleaned = text.strip().replace(" ", "").replace("\u00a0", "")
    if not NUMBER_TEXT.pattern.match(cleaned):
        if on_error is OnError.NONE:
            return None
        raise NumberError(f"not a number: {text!r}")
    sign = -1.0 if cleaned.startswith("-") else 1.0
    digits = cleaned.lstrip("+-").rstrip(".,")
    return sign * _read_unsigned(digits, kind, scale)


def _read_unsigned(digits: str, kind: NumberKind, scale: float | None) -> float:
    dots, commas = digits.count("."), digits.count(",")
    if dots and commas:
        decimal = "." if digits.rfind(".") > digits.rfind(",") else ","
        thousands = "," if decimal == "." else "."
        return float(digits.replace(thousands, "").replace(decimal, "."))
    separator = "." if dots else "," if commas else None
    if separator is None:
        return float(digits)
    groups = digits.split(separator)
    if len(groups) > 2:
        return float(digits.replace(separator, ""))
    whole, fraction = groups
    as_decimal = float(f"{whole}.{fraction}")
    if len(fraction) != 3 or whole in ("", "0"):
        return as_decimal
    as_thousands = float(whole + fraction)
    if kind in (NumberKind.COUNT, NumberKind.RANK):
        return as_thousands
    if scale is not None:
        return as_decimal if as_decimal <= scale else as_thousands
    return as_thousands if kind is NumberKind.UNKNOWN else as_decimal
