"""An annex row broken by a page break is one row again (`tables.split_row`), and a row that
starts right after the break stays its own. Seeds 000 and 004 drawn with every annex of eight
rows or more broken inside its middle row (`metamorphic.split_rows`): before the fix F1 0.965
and 0.983 (rule at the break), 0.657 and 0.684 (no rule), 0.962 and 0.922 with the header
repeated, 0.501 and 0.559 with the header repeated and no rule; now 1.000 in every way. A
Chromium printout of ministries_par_index_2023_3 lost row 11 (Bộ Văn hóa, Thể thao và Du lịch)
and the page after it, 21 facts: 30/51, now 51/51. Its ruled fpdf rendering breaks the table
before a `Trung bình | 84.38` row with no rank: a row of its own, not the rest of row 17."""

from __future__ import annotations

import shutil
from functools import cache
from pathlib import Path

import pytest

from conftest import SAMPLES
from chiso.extractors.model import Table
from chiso.extractors.read.pdf import read_pdf
from chiso.extractors.read.readers import read_document
from metamorphic.containers import CHROMIUM, REAL, browser_printer, read_passage, render_container
from metamorphic.renderings import compare, fact_keys
from metamorphic.split_rows import BREAKS, render_split_row

SEED = SAMPLES / "000_44dc49058ad32f91.txt"
SEEDS = (SEED, SAMPLES / "004_4fe8e530b83874ca.txt")


@cache
def _seed_pdf(brk: str, split_row: bool, seed: Path = SEED) -> bytes:
    return render_split_row(read_document(seed.read_bytes(), seed.stem, seed.name), BREAKS[brk], split_row)


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
@pytest.mark.parametrize("brk", BREAKS)
def test_row_broken_over_a_page_reads_as_the_text(brk, seed, registry):
    agreement = compare(fact_keys(seed.read_bytes(), seed.name, registry), fact_keys(_seed_pdf(brk, True, seed), seed.stem + ".pdf", registry))
    assert agreement.f1 == 1.0, agreement.misses()


@pytest.mark.parametrize("brk", BREAKS)
def test_row_right_after_the_break_stays_its_own(brk, registry):
    assert fact_keys(_seed_pdf(brk, False), SEED.stem + ".pdf", registry) == fact_keys(SEED.read_bytes(), SEED.name, registry)
    districts = _table_with(read_pdf(_seed_pdf(brk, False), "x", "x.pdf").blocks, "UBND quận Tây Hồ")
    text_districts = _table_with(read_document(SEED.read_bytes(), SEED.stem, SEED.name).blocks, "UBND quận Tây Hồ")
    assert districts.n_rows == text_districts.n_rows


def _table_with(blocks, text: str) -> Table:
    return next(b for b in blocks if isinstance(b, Table) and any(c.text == text for c in b.cells))


@pytest.mark.skipif(not shutil.which(CHROMIUM), reason="needs Chromium")
def test_chromium_printout_keeps_the_row_it_broke(registry):
    passage = REAL / "ministries_par_index_2023_3.txt"
    with browser_printer() as printer:
        data = printer(read_passage(passage))
    assert fact_keys(data, passage.stem + ".pdf", registry) == fact_keys(passage.read_bytes(), passage.name, registry)
    table = _table_with(read_pdf(data, "x", "x.pdf").blocks, "Bộ Tư pháp")
    rows = table.grid()
    broken = next(r for r in rows if "83.56" in r)
    assert broken[1] == "Bộ Văn hóa, Thể thao và Du lịch" and broken[0] == "11"
    assert ["12", "Bộ Giáo dục và Đào tạo"] == next(r for r in rows if "80.53" in r)[:2]


def test_row_with_no_number_after_the_break_stays_its_own(registry):
    passage = REAL / "ministries_par_index_2023_3.txt"
    data, name = render_container(passage, "pdf_justified")
    assert fact_keys(data, name, registry) == fact_keys(passage.read_bytes(), passage.name, registry)
    rows = _table_with(read_pdf(data, "x", "x.pdf").blocks, "Bộ Tư pháp").grid()
    assert next(r for r in rows if "78.03" in r)[:2] == ["17", "Bộ Công Thương"]
