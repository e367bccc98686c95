"""An annex row broken by a page break is one row again (`tables.split_row`), and a row that
starts right after the break stays its own. Seed 000 drawn with every annex of eight rows or
more broken inside its middle row (`metamorphic.split_rows`): before the fix F1 0.965 (rule at
the break), 0.657 (no rule), 0.969 and 0.626 with the header repeated; after, 1.000, 0.994,
1.000, 0.994 (the open breaks lose the 3 facts of one row under a four-row header). A
Chromium printout of ministries_par_index_2023_3 lost row 11 (Bộ Văn hóa, Thể thao và Du lịch)
and the page after it, 21 facts: 30/51, now 51/51."""

from __future__ import annotations

import shutil
from functools import cache

import pytest

from conftest import SAMPLES
from chiso.extractors.model import Table
from chiso.extractors.read.pdf import read_pdf
from chiso.extractors.read.readers import read_document
from metamorphic.containers import CHROMIUM, REAL, browser_printer, read_passage
from metamorphic.renderings import compare, fact_keys
from metamorphic.split_rows import BREAKS, render_split_row

SEED = SAMPLES / "000_44dc49058ad32f91.txt"
# least F1 against the text's facts, each way of breaking the row
FLOORS = {"ruled_break": 1.0, "ruled_break_header": 1.0, "open_break": 0.993, "open_break_header": 0.993}


@cache
def _seed_pdf(brk: str, split_row: bool) -> bytes:
    return render_split_row(read_document(SEED.read_bytes(), SEED.stem, SEED.name), BREAKS[brk], split_row)


@pytest.mark.parametrize("brk", BREAKS)
def test_row_broken_over_a_page_reads_as_the_text(brk, registry):
    agreement = compare(fact_keys(SEED.read_bytes(), SEED.name, registry), fact_keys(_seed_pdf(brk, True), SEED.stem + ".pdf", registry))
    assert agreement.f1 >= FLOORS[brk], agreement.misses()


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
