"""Seconds of `chiso report` and `chiso export` on the sample warehouse and on one grown to N
facts (the bundled samples' facts copied over more units, periods and letters, as
bench_figures.py grows them). The issue asks < 5 s per report on the samples and < 60 s for the
report and each export over 1,000,000 facts on 2 cores. Run by hand:

    .venv/bin/python benchmarks/bench_outputs.py [--facts 1000000] [--cores 2]
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from bench_figures import _grow

from chiso.flows.archive import RawArchive
from chiso.flows.pipeline import ingest, prepare_warehouse
from chiso.normalize.registry import load_registry
from chiso.warehouse.export import export_views
from chiso.warehouse.post_load import refresh_after_load
from chiso.warehouse.report import write_report

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = [*sorted(ROOT.glob("samples/0*.txt")), *(ROOT / "samples" / folder for folder in ("html", "pdf", "scans"))]
REPORTS = (("Hà Nội", "2024-12"), ("Thừa Thiên Huế", None))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--facts", type=int, default=1_000_000)
    parser.add_argument("--cores", type=int, default=2, help="CPUs the process may run on, as on a 2-core machine")
    args = parser.parse_args()
    os.sched_setaffinity(0, sorted(os.sched_getaffinity(0))[:args.cores])
    print(f"on {len(os.sched_getaffinity(0))} cores")
    registry = load_registry()
    with tempfile.TemporaryDirectory() as tmp:
        seed = Path(tmp) / "seed.duckdb"
        ingest(SAMPLES, seed, registry, ocr_cache=Path(tmp) / "ocr", archive=RawArchive(Path(tmp) / "archive"))
        _measure("samples", seed, Path(tmp))
        big = Path(tmp) / "big.duckdb"
        con = prepare_warehouse(big, registry)
        _grow(con, seed, args.facts)
        refresh_after_load(con)
        n = con.execute("SELECT count(*) FROM core_facts").fetchall()[0][0]
        con.close()
        _measure(f"{n:,} facts", big, Path(tmp))


def _measure(label: str, db: Path, tmp: Path) -> None:
    for province, period in REPORTS:
        report = write_report(db, tmp / "report.html", province, period)
        print(f"{label}: report {report.province} {report.month:%m/%Y}: {report.seconds:.2f} s, {report.charts} charts, "
              f"{report.bytes / 1e6:.2f} MB")
    for file_format in ("parquet", "csv"):
        started = time.perf_counter()
        exported = export_views(db, tmp / f"export-{file_format}", file_format)
        rows = sum(e.rows for e in exported)
        print(f"{label}: export {file_format}: {time.perf_counter() - started:.2f} s, {rows:,} rows in {sum(e.files for e in exported)} files")


if __name__ == "__main__":
    main()
