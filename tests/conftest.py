"""Shared fixtures: the sample letters as the pipeline reads them."""

from __future__ import annotations

import csv
import hashlib
import importlib.util
import os
import re
import struct
import subprocess
import sys
import unicodedata
import zlib
from pathlib import Path

import duckdb
import pytest
from fpdf import FPDF

from chiso.extractors.model import Document
from chiso.extractors.read.readers import read_document

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
SEEDS = sorted(SAMPLES.glob("0*.txt"))
# The seeds' gold facts and the contract's scorer, copied from shared/eval so a clone runs alone.
GOLD = SAMPLES / "gold" / "gold_seeds.csv"
SCORER = SAMPLES / "gold" / "evaluate.py"


def _load_scorer():
    spec = importlib.util.spec_from_file_location("evaluate", SCORER)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


scorer = _load_scorer()


def read_sample(relative: str) -> Document:
    data = (SAMPLES / relative).read_bytes()
    return read_document(data, hashlib.sha256(data).hexdigest(), Path(relative).name)


@pytest.fixture(scope="session")
def registry():
    from chiso.normalize.registry import load_registry

    return load_registry()


@pytest.fixture(scope="session")
def prefect():
    """Prefect's test harness (a temporary API server, ~10 s to start), once per session."""
    # Without this the temporary server tries to send telemetry and logs its failures.
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness():
        yield


def encode_windows_1258(text: str) -> bytes:
    """Windows-1258 keeps ô, ơ, ư, đ precomposed and writes tones as combining marks."""
    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = []
    for ch in text:
        parts = unicodedata.normalize("NFD", ch)
        out.append(unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones)) + "".join(c for c in parts if c in tones))
    return "".join(out).encode("cp1258", errors="replace")


def blank_pdf(pages: int = 1, password: str | None = None) -> bytes:
    """Empty pages; with a password, one line of text encrypted behind it."""
    pdf = FPDF()
    pdf.set_font("helvetica", size=12)
    for _ in range(pages):
        pdf.add_page()
    if password:
        pdf.set_encryption(owner_password="owner", user_password=password)
        pdf.set_xy(20, 20)
        pdf.cell(text="secret")
    return bytes(pdf.output())


def png_header(width: int, height: int) -> bytes:
    """A PNG that declares its size and holds almost nothing: a decompression bomb's header."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)) \
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b"")


def fact_rows(db: Path, columns: str, where: str = "TRUE") -> set[tuple]:
    """Distinct `columns` of the `facts` view, read as an analyst reads it (read-only)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return set(con.execute(f"SELECT DISTINCT {columns} FROM facts WHERE {where}").fetchall())
    finally:
        con.close()


def score(db: Path, gold: Path) -> tuple[dict[str, float], float]:
    """Per-source recall and overall F1 as printed by evaluate.py."""
    out = subprocess.run([sys.executable, str(SCORER), "--db", str(db), "--gold", str(gold)],
                         capture_output=True, text=True, check=True).stdout
    recalls = {m[1]: float(m[2]) for m in re.finditer(r"^(\S+)\s+\d+\s+\d+\s+([\d.]+)", out, re.M)}
    f1 = float(re.search(r"f1=([\d.]+)", out)[1])  # type: ignore[index]
    return recalls, f1


def gold_for(tmp_path: Path, stems: dict[str, str]) -> Path:
    """The seed gold with its source names changed to another rendering's file names."""
    rows = [r for r in csv.DictReader(GOLD.open(encoding="utf-8")) if Path(r["source"]).stem in stems]
    for r in rows:
        r["source"] = stems[Path(r["source"]).stem]
    path = tmp_path / "gold.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


@pytest.fixture(scope="session")
def samples_db(tmp_path_factory, registry) -> Path:
    """Every bundled sample letter (text, HTML, PDF, scans) ingested together, as `chiso ingest
    samples` does; the real corpus of relayed passages (samples/real) has its own tests."""
    from chiso.flows.archive import RawArchive
    from chiso.flows.pipeline import ingest

    root = tmp_path_factory.mktemp("samples")
    db = root / "x.duckdb"
    letters = [*sorted(SAMPLES.glob("*.txt")), *(SAMPLES / folder for folder in ("html", "pdf", "scans"))]
    ingest(letters, db, registry, ocr_cache=root / "ocr", archive=RawArchive(root / "archive"))
    return db


# The fault suite's table (tests/faults): each case's wall time and peak RSS, measured by the
# operating system and printed after the run, never asserted.
FAULT_CASES: list[tuple[str, float, float]] = []


def record_fault_case(case: str, seconds: float, peak_mb: float) -> None:
    FAULT_CASES.append((case, seconds, peak_mb))


def pytest_terminal_summary(terminalreporter) -> None:  # type: ignore[no-untyped-def]
    if FAULT_CASES:
        terminalreporter.write_sep("-", "fault cases: wall time and peak RSS (the command and its workers)")
        for case, seconds, peak_mb in FAULT_CASES:
            terminalreporter.write_line(f"{case:<45} {seconds:6.1f} s {peak_mb:8.0f} MB")
