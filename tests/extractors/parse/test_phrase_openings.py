"""A phrase guarded by the letters its matches open with (`phrases._opening`), or by the words
one of which its matches hold (`Phrase.needs`), finds exactly what it finds without the guard,
over the seed letters and the tuning part of the real corpus."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

import chiso.extractors.phrases as phrases
from chiso.normalize.text import Phrase, fold

SAMPLES = Path(__file__).resolve().parents[3] / "samples"
_GUARD = re.compile(r"\(\?=(?P<first>.+?)\)\(\?:(?P<pattern>.*)\)", re.DOTALL)
GUARDED = [p for p in vars(phrases).values() if isinstance(p, Phrase) and _GUARD.fullmatch(p.pattern.pattern)]


def _texts() -> list[str]:
    with (SAMPLES / "real" / "manifest.csv").open(encoding="utf-8") as handle:
        tune = [row["file"] for row in csv.DictReader(handle) if row["split"] == "tune"]  # never the held-out part
    paths = [*sorted(SAMPLES.glob("0*.txt")), *(SAMPLES / "real" / name for name in tune)]
    return [fold(path.read_text(encoding="utf-8")) for path in paths]


TEXTS = _texts()


def test_the_hot_phrases_are_guarded():
    assert {p.name for p in GUARDED} >= {"period", "body_rank", "body_score", "body_points", "body_unit_value", "family_other"}


@pytest.mark.parametrize("phrase", GUARDED, ids=[p.name for p in GUARDED])
def test_guard_hides_no_match(phrase):
    unguarded = re.compile(_GUARD.fullmatch(phrase.pattern.pattern)["pattern"])
    for text in TEXTS:
        found = [(m.span(), m.groups()) for m in phrase.pattern.finditer(text)]
        assert found == [(m.span(), m.groups()) for m in unguarded.finditer(text)]


NEEDING = [p for p in vars(phrases).values() if isinstance(p, Phrase) and p.needs]


def test_the_hot_phrases_need_words():
    assert {p.name for p in NEEDING} >= {"body_national", "body_score", "group_rate", "move_in_words"}


@pytest.mark.parametrize("phrase", NEEDING, ids=[p.name for p in NEEDING])
def test_needs_hide_no_match(phrase):
    """Line by line, as passages are read: a line without the words is skipped unscanned."""
    for text in [*phrase.examples, *(line for text in TEXTS for line in text.splitlines())]:
        assert [(m.span(), m.groups()) for m in phrase.finditer(text)] == [(m.span(), m.groups()) for m in phrase.pattern.finditer(text)]


def test_header_initials_open_every_header():
    """The table stage tries a table only at a line opening with one of HEADER_INITIALS."""
    assert {example[0] for example in phrases.HEADER_START.examples} <= phrases.HEADER_INITIALS


# `s(?<=\bs)`: a word written to open with its letter (`phrases._word`).
_WORD = re.compile(r"(\w)\(\?<=\\b\1\)")
WORDED = [p for p in vars(phrases).values() if isinstance(p, Phrase) and _WORD.search(p.pattern.pattern)]


def test_the_hot_phrases_open_with_their_letters():
    assert {p.name for p in WORDED} >= {"family_sipas", "province_mention", "from_to", "earlier_rank", "body_bare_value"}


@pytest.mark.parametrize("phrase", WORDED, ids=[p.name for p in WORDED])
def test_a_word_opening_with_its_letter_is_the_word_after_a_boundary(phrase):
    """`s(?<=\\bs)ipas` finds what `\\bsipas` finds, over the seeds and the tuning texts."""
    bounded = re.compile(_WORD.sub(r"\\b\1", phrase.pattern.pattern))
    for text in TEXTS:
        assert [(m.span(), m.groups()) for m in phrase.pattern.finditer(text)] == [(m.span(), m.groups()) for m in bounded.finditer(text)]


def test_clause_breaks_as_the_lookbehinds_before_the_full_stop_find_them():
    """CLAUSE_BREAK tries its lookbehinds after the full stop (found by a scan for it), where
    they read the same characters as before it; passages are cut as published and folded."""
    before = re.compile(r";|(?<!\bTP)(?<!\bTX)(?<!\bTT)(?<!\b[A-ZĐ])\.(?=\s+[A-ZĐÀ-Ỹa-z])|\n")
    for text in [*TEXTS, *_published(), "Sở TP. Hà Nội; TT. Huế. Q. Ba Đình đạt. PCI. Theo"]:
        assert [m.span() for m in phrases.CLAUSE_BREAK.finditer(text)] == [m.span() for m in before.finditer(text)]


def _published() -> list[str]:
    return [path.read_text(encoding="utf-8") for path in sorted(SAMPLES.glob("0*.txt"))]
