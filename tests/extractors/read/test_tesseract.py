"""Tesseract in-process (libtesseract through its C API): the same TSV as the `tesseract`
program, and a page past its deadline given up, not waited for."""

from __future__ import annotations

import subprocess

import pytest
from PIL import Image

from conftest import SAMPLES
from chiso.extractors.read.tesseract import EngineSpec, TesseractTimeout, read_tsv

SPEC = EngineSpec("vie", 1, 6)


@pytest.fixture(scope="module")
def news_scan() -> Image.Image:
    with Image.open(SAMPLES / "scans" / "002_8b158e9477e47ea4.jpg") as image:
        return image.convert("L")


def _words(tsv: str) -> list[tuple[str, ...]]:
    """Level-5 rows: box and text (confidence aside, printed with other rounding)."""
    rows = [line.split("\t") for line in tsv.splitlines()]
    return [tuple(r[:10] + r[11:]) for r in rows[1:] if r[0] == "5"]


def test_the_engine_reads_what_the_tesseract_program_reads(news_scan, tmp_path):
    top = news_scan.crop((0, 0, news_scan.width, news_scan.height // 3))
    path = tmp_path / "top.png"
    top.save(path)
    program = subprocess.run(["tesseract", str(path), "stdout", "-l", "vie", "--oem", "1", "--psm", "6", "tsv"],
                             capture_output=True, text=True, check=True, env={"OMP_THREAD_LIMIT": "1", "PATH": "/usr/bin:/bin"}).stdout
    ours = read_tsv(top, SPEC, 60.0)
    assert ours.splitlines()[0] == program.splitlines()[0]
    assert len(_words(ours)) > 50
    assert _words(ours) == _words(program)


def test_a_page_past_its_deadline_is_given_up(news_scan):
    with pytest.raises(TesseractTimeout):
        read_tsv(news_scan, SPEC, 0.05)
