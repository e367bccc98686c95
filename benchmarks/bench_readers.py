"""Seconds per page on the PDF and OCR paths, against bare pdfplumber and bare tesseract on the
same pages in the same run. Run by hand:

    .venv/bin/python benchmarks/bench_readers.py [--dpi 300]

PDF: every page of samples/pdf through `read_document` vs pdfplumber's own words + ruled-table
extraction per page. OCR: every page of samples/scans (rendered at --dpi when it comes from a
PDF), through `read_document` with an empty cache, then again with the cache it filled, vs the
`tesseract` program with the options chiso's engines are set with (`vie --oem 1 --psm 6 tsv`,
OMP_THREAD_LIMIT=1, one process per core). Wall time depends on what else runs on the cores (the load
average is printed); CPU seconds per page do not, and give the pages per minute the same
workers read on idle cores (60 × cores / CPU s per page).
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import subprocess
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
from PIL import Image, ImageSequence

from chiso.extractors.read.readers import read_document

ROOT = Path(__file__).resolve().parent.parent


def bare_pdfplumber(data: bytes) -> int:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            page.extract_words()
            page.extract_tables({"vertical_strategy": "lines", "horizontal_strategy": "lines"})
        return len(pdf.pages)


def scan_pages(path: Path, dpi: int) -> list[Image.Image]:
    data = path.read_bytes()
    if data.startswith(b"%PDF"):
        document = pdfium.PdfDocument(data)
        return [document[i].render(scale=dpi / 72).to_pil().convert("L") for i in range(len(document))]
    with Image.open(io.BytesIO(data)) as image:
        return [frame.convert("L") for frame in ImageSequence.Iterator(image)]


def bare_tesseract(pages: list[Image.Image], workers: int) -> None:
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}

    def run(page: Image.Image) -> None:
        buffer = io.BytesIO()
        page.save(buffer, "PNG")
        subprocess.run(["tesseract", "stdin", "stdout", "-l", "vie", "--oem", "1", "--psm", "6", "tsv"],
                       input=buffer.getvalue(), capture_output=True, env=env, check=True)

    with ThreadPoolExecutor(max_workers=workers) as pool:
        list(pool.map(run, pages))


@dataclass(frozen=True)
class Cost:
    """Wall seconds, and CPU seconds of this process and its children (tesseract programs):
    the CPU figure does not grow when other work shares the cores."""

    wall: float
    cpu: float

    def line(self, n: int, workers: int) -> str:
        return (f"{self.wall / n:.2f} s/page ({60 * n / self.wall:.1f} pages/min), CPU {self.cpu / n:.2f} s/page "
                f"({60 * n * workers / self.cpu:.1f} pages/min on {workers} idle cores)")


def cpu_seconds() -> float:
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def costed(action) -> Cost:
    started, cpu = time.perf_counter(), cpu_seconds()
    action()
    return Cost(time.perf_counter() - started, cpu_seconds() - cpu)


def timed(action) -> float:
    return costed(action).wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dpi", type=int, default=200, help="resolution for image-only PDF pages in the bare run")
    args = parser.parse_args()
    workers = os.cpu_count() or 1

    pdfs = [(p.name, p.read_bytes()) for p in sorted((ROOT / "samples" / "pdf").glob("*.pdf"))]
    n_pdf = sum(bare_pdfplumber(data) for _, data in pdfs)
    bare = timed(lambda: [bare_pdfplumber(data) for _, data in pdfs])
    ours = timed(lambda: [read_document(data, name, name) for name, data in pdfs])
    print(f"PDF  {n_pdf} pages: chiso {ours / n_pdf:.3f} s/page, bare pdfplumber {bare / n_pdf:.3f} s/page, "
          f"ratio {ours / bare:.2f}")

    scans = sorted((ROOT / "samples" / "scans").glob("*"))
    images = [page for path in scans for page in scan_pages(path, args.dpi)]
    bare = costed(lambda: bare_tesseract(images, workers))
    with tempfile.TemporaryDirectory() as cache:
        first = costed(lambda: [read_document(p.read_bytes(), p.name, p.name, ocr_cache=Path(cache)) for p in scans])
        second = timed(lambda: [read_document(p.read_bytes(), p.name, p.name, ocr_cache=Path(cache)) for p in scans])
    n = len(images)
    print(f"OCR  {n} pages, {workers} workers, load average {os.getloadavg()[0]:.1f}")
    print(f"OCR  chiso          {first.line(n, workers)}")
    print(f"OCR  bare tesseract {bare.line(n, workers)}")
    print(f"OCR  ratio to bare tesseract: wall {first.wall / bare.wall:.2f}, CPU {first.cpu / bare.cpu:.2f}")
    print(f"OCR  second run from the cache: {second:.2f} s = {100 * second / first.wall:.1f} % of the first")


if __name__ == "__main__":
    main()
