"""Shared fixtures: the sample letters as the pipeline reads them."""

from __future__ import annotations

import hashlib
import unicodedata
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


def encode_windows_1258(text: str) -> bytes:
    """Windows-1258 keeps ô, ơ, ư, đ precomposed and writes tones as combining marks."""
    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = []
    for ch in text:
        parts = unicodedata.normalize("NFD", ch)
        out.append(unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones)) + "".join(c for c in parts if c in tones))
    return "".join(out).encode("cp1258", errors="replace")
