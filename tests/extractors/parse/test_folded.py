"""A passage folded from its lines' folds is the passage folded whole (`fold_passage`)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from chiso.extractors.model import Document, Extractor, Line, Provenance
from chiso.extractors.parse.folded import fold_texts
from chiso.extractors.parse.passages import fold_passage, read_passages
from chiso.extractors.read.readers import read_document
from chiso.normalize.text import fold

SAMPLES = Path(__file__).resolve().parents[3] / "samples"


def _letters() -> list[Path]:
    with (SAMPLES / "real" / "manifest.csv").open(encoding="utf-8") as handle:
        tune = [row["file"] for row in csv.DictReader(handle) if row["split"] == "tune"]  # never the held-out part
    return [*sorted(SAMPLES.glob("0*.txt")), *(SAMPLES / "real" / name for name in tune)]


def _doc(*lines: str) -> Document:
    return Document("d", "t.txt", Extractor.TEXT, tuple(Line(t, t, Provenance(line_no=i + 1)) for i, t in enumerate(lines)))


def _same_folds(doc: Document) -> None:
    folds = fold_texts(doc)
    for passage in read_passages(doc):
        assert fold_passage(passage, folds) == fold(passage.text)


def test_every_passage_of_the_samples():
    for path in _letters():
        data = path.read_bytes()
        _same_folds(read_document(data, "d", path.name))


@pytest.mark.parametrize("lines", [
    ("Tong s6 diem Thanh pho dat duoc thang 03/2025: 58,3/100 diem (giam 3.2", "diem so voi thang 02/2025), xep hang 60/63 tinh thanh ph"),
    ("Tong so diem cua tinh Ha Giang dat duoc la 6", "0anh dao B9", "9 chi so c0 quan 1", "1anh"),  # OCR digits at the joins
])
def test_ocr_digits_beside_a_join(lines):
    _same_folds(_doc(*lines))
