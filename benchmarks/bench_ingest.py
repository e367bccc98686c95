"""Throughput of the text/HTML path: documents per second for parse+normalise alone and for
the whole ingest (read, parse, resolve, load into a fresh DuckDB file). Run by hand:

    .venv/bin/python benchmarks/bench_ingest.py [FOLDER ...] [--repeat N]
"""

from __future__ import annotations

import argparse
import hashlib
import tempfile
import time
from pathlib import Path

from extractors.parse.parse import parse_letter
from extractors.read.readers import read_document
from flows.pipeline import ingest, iter_inputs
from normalize.registry import load_registry
from normalize.resolve import resolve_letter

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("paths", nargs="*", type=Path, default=[ROOT / "samples"])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    started = time.perf_counter()
    registry = load_registry()
    print(f"registry load: {time.perf_counter() - started:.3f} s ({len(registry.units())} units)")
    files = [p for p in iter_inputs(args.paths) if p.suffix.lower() in (".txt", ".html", ".htm")]
    blobs = [(p.name, p.read_bytes()) for p in files]
    started = time.perf_counter()
    facts = 0
    for _ in range(args.repeat):
        for name, data in blobs:
            doc = read_document(data, hashlib.sha256(data).hexdigest(), name)
            header, raws = parse_letter(doc)
            facts += len(resolve_letter(doc.doc_id, name, doc.extractor.value, doc.n_pages, header, raws, registry).facts)
    seconds = time.perf_counter() - started
    n = args.repeat * len(blobs)
    print(f"read+parse+normalise: {n} documents in {seconds:.2f} s = {n / seconds:.1f} documents/s ({facts / seconds:.0f} facts/s)")
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.duckdb"
        started = time.perf_counter()
        summary = ingest(files, db, registry)
        first = time.perf_counter() - started
        started = time.perf_counter()
        ingest(files, db, registry)
        second = time.perf_counter() - started
    print(f"whole ingest (fresh db): {len(files)} documents, {summary.facts} facts in {first:.2f} s = {len(files) / first:.1f} documents/s")
    print(f"whole ingest (re-run, replacing): {second:.2f} s = {len(files) / second:.1f} documents/s")


if __name__ == "__main__":
    main()
