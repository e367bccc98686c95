"""Text PDFs rendered from the seeds (samples/render_samples.py): same facts as the text, pages
on every fact, tables over page breaks joined, merged header cells kept; bad PDFs refused."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from conftest import SAMPLES, blank_pdf, gold_for, read_sample, score
from chiso.extractors.errors import UnreadableDocument
from chiso.extractors.model import Extractor
from chiso.extractors.read.readers import read_document
from chiso.flows.pipeline import ingest

PDFS = sorted((SAMPLES / "pdf").glob("*.pdf"))


@pytest.fixture(scope="module")
def pdf_db(tmp_path_factory, registry) -> Path:
    db = tmp_path_factory.mktemp("pdf") / "p.duckdb"
    ingest(PDFS, db, registry)
    return db


def test_text_pdfs_score_like_text(pdf_db, tmp_path):
    recalls, f1 = score(pdf_db, gold_for(tmp_path, {p.stem: p.name for p in PDFS}))
    assert f1 >= 0.98
    assert len(recalls) == 5 and min(recalls.values()) >= 0.95, recalls


def test_every_pdf_fact_has_its_page(pdf_db):
    con = duckdb.connect(str(pdf_db), read_only=True)
    try:
        rows = con.execute("SELECT extractor, count(*), count(page), min(page), max(page) FROM facts GROUP BY 1").fetchall()
    finally:
        con.close()
    assert len(rows) == 1
    extractor, n, with_page, first, last = rows[0]
    assert extractor == "pdf" and n == with_page > 700 and first == 1 and last >= 8


def test_a_table_over_a_page_break_is_one_table_without_the_repeated_header():
    doc = read_sample("pdf/000_44dc49058ad32f91.pdf")
    assert doc.extractor is Extractor.PDF
    table = next(t for t in doc.tables() if "Sở Tư pháp" in t.row_text(3))
    pages = [p.page for p in table.row_provs]
    assert pages[0] == 6 and pages[-1] == 7 and pages == sorted(pages)
    header = table.header_rows()
    assert header == 3
    assert not any("STT" in table.row_text(r) for r in range(header, table.n_rows))
    assert table.n_rows - header == 47
    merged = {c.text: c.col_span for c in table.cells if c.is_header and c.col_span > 1}
    assert merged == {"Tổng số hồ sơ quá hạn đang xử lý": 3, "Xử lý quá hạn (*)": 3}


def test_unruled_tables_are_found_by_word_positions():
    doc = read_sample("pdf/004_4fe8e530b83874ca.pdf")
    shapes = [(t.n_rows, t.n_cols, sorted({p.page for p in t.row_provs})) for t in doc.tables()]
    assert shapes == [(17, 4, [5]), (10, 3, [6]), (10, 5, [7]), (31, 6, [8, 9])]


@pytest.mark.parametrize(("make", "reason"), [
    (lambda: (SAMPLES / "pdf" / "002_8b158e9477e47ea4.pdf").read_bytes()[:9000], "corrupt PDF"),
    (lambda: blank_pdf(password="user"), "PDF is password-protected"),
    (lambda: blank_pdf(pages=500), "PDF has 500 pages; more than the 300 a letter may have"),
    (lambda: b"%PDF-1.7\n" + bytes(range(256)) * 64, "corrupt PDF"),
])
def test_bad_pdfs_are_refused_with_a_reason(make, reason):
    with pytest.raises(UnreadableDocument) as refused:
        read_document(make(), "x", "bad.pdf")
    assert refused.value.reason.startswith(reason)


def test_blank_pages_are_noted_not_fatal():
    doc = read_document(blank_pdf(pages=3), "x", "blank.pdf")
    assert doc.n_pages == 3 and not list(doc.lines())
    assert doc.notes == ("page 1: blank (no text, no image)", "page 2: blank (no text, no image)",
                         "page 3: blank (no text, no image)")
