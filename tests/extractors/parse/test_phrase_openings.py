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
