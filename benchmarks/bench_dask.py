"""Scanned pages per minute, reprocessed in process and on a Dask cluster of two worker
processes on this machine (`distributed.LocalCluster`, one thread each), as `chiso reprocess
--dask-address` reads them. Run by hand:

    .venv/bin/python benchmarks/bench_dask.py [--copies 5]

The letters are copies of seed 000's eight-page scan (samples/scans), each page of each copy
with one pixel changed so that no page is found in the OCR cache; every run starts with an
empty cache. Both runs must load the same facts (checked). Prefect's temporary API server and
the cluster are started before the clock starts.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

import duckdb
from PIL import Image

from chiso.flows.archive import RawArchive
from chiso.flows.collect import archive_file
from chiso.flows.limits import RunLimits
from chiso.flows.runs import reprocess
from chiso.normalize.registry import load_registry

ROOT = Path(__file__).resolve().parent.parent
SCAN = ROOT / "samples" / "scans" / "000_44dc49058ad32f91.tiff"
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--copies", type=int, default=5, help="copies of the eight-page scan (5: 40 pages)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        archive, pages = _archive_scans(work, args.copies)
        registry = load_registry()
        wall = time.perf_counter()
        reprocess(work / "here.duckdb", archive, registry, ocr_cache=work / "ocr-here", limits=RunLimits(workers=0))
        _report("in process", pages, time.perf_counter() - wall)

        from distributed import LocalCluster
        from prefect.testing.utilities import prefect_test_harness

        from chiso.flows.scheduled import reprocess_flow

        with prefect_test_harness(), LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                                  dashboard_address=":0") as cluster:
            wall = time.perf_counter()
            reprocess_flow(work / "there.duckdb", archive, work / "ocr-there", dask_address=cluster.scheduler_address)
            _report("Dask, 2 workers", pages, time.perf_counter() - wall)
        here, there = _facts(work / "here.duckdb"), _facts(work / "there.duckdb")
        print(f"facts: {len(here)} in process, {len(there)} on Dask, {'the same' if here == there else 'DIFFERENT'}")


def _archive_scans(work: Path, copies: int) -> tuple[Path, int]:
    """`copies` distinct copies of the scan, archived as `chiso ingest --archive` would."""
    archive = RawArchive(work / "archive")
    scan = Image.open(SCAN)
    frames = []
    for index in range(scan.n_frames):
        scan.seek(index)
        frames.append(scan.convert("L"))
    for copy in range(copies):
        pages = [frame.copy() for frame in frames]
        for page in pages:
            page.putpixel((copy, 0), 0)
        path = work / f"scan-{copy}.tiff"
        pages[0].save(path, save_all=True, append_images=pages[1:], compression="tiff_deflate", dpi=(200, 200))
        archive_file(path, "bench", archive)
    return work / "archive", copies * len(frames)


def _report(how: str, pages: int, seconds: float) -> None:
    print(f"{how}: {pages} pages in {seconds:.1f} s = {pages / seconds * 60:.1f} pages/minute")


def _facts(db: Path) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return sorted(con.execute("SELECT source_name, indicator, measure, period_start, unit_id, value FROM facts").fetchall(), key=repr)
    finally:
        con.close()


if __name__ == "__main__":
    main()
