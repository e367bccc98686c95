"""Shared fixtures: the sample letters as the pipeline reads them."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from extractors.model import Document
from extractors.readers import read_document

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
SEEDS = sorted(SAMPLES.glob("0*.txt"))
GOLD = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "gold_seeds.csv"


def read_sample(relative: str) -> Document:
    data = (SAMPLES / relative).read_bytes()
    return read_document(data, hashlib.sha256(data).hexdigest(), Path(relative).name)


@pytest.fixture(scope="session")
def registry():
    from normalize.registry import load_registry

    return load_registry()
