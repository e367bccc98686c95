"""Throughput of the text path over N letters (the bundled seed letters copied, each copy made a
new letter by one appended line): letters per second in process (read, parse, resolve, with
one matcher for the run, as `chiso ingest` does), the same over the real corpus's tuning
passages (samples/real, split `tune`: short portal and news items, copied R times the same
way; the held-out part is never read), and end to end (`chiso ingest FOLDER
--workers W` into a fresh warehouse, W = 1 and 2, interpreter start included), and the wall
time of `chiso ingest ONE.txt`. Wall and CPU seconds are both printed: on a shared machine
wall time includes waiting. Run by hand:

    .venv/bin/python benchmarks/bench_ingest.py [--letters 1000] [--tune-rounds 4]
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from chiso.extractors.parse.parse import parse_letter
from chiso.extractors.read.readers import read_document
from chiso.normalize.matching import UnitMatcher
from chiso.normalize.registry import load_registry
from chiso.normalize.resolve import resolve_letter

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--letters", type=int, default=1000)
    parser.add_argument("--tune-rounds", type=int, default=4)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = _letters(Path(tmp) / "letters", args.letters)
        _in_process(sorted(folder.iterdir()), "letters")
        _in_process(sorted(_tune_passages(Path(tmp) / "tune", args.tune_rounds).iterdir()), "tune passages")
        for workers in (1, 2):
            _end_to_end(folder, Path(tmp) / f"e2e-{workers}.duckdb", args.letters, workers)
        _one_letter(ROOT / "samples" / "000_44dc49058ad32f91.txt", Path(tmp) / "one.duckdb")


def _letters(folder: Path, n: int) -> Path:
    folder.mkdir()
    seeds = sorted(ROOT.glob("samples/0*.txt"))
    for i in range(n):
        seed = seeds[i % len(seeds)]
        (folder / f"{i:04d}_{seed.name}").write_bytes(seed.read_bytes() + f"\n(copy {i})\n".encode())
    return folder


def _tune_passages(folder: Path, rounds: int) -> Path:
    """The tuning part of the real corpus, `rounds` copies of each passage made new as the
    letters are; the held-out part is never read (samples/real/SPLIT.md)."""
    real = ROOT / "samples" / "real"
    with (real / "manifest.csv").open(encoding="utf-8") as handle:
        tune = sorted(row["file"] for row in csv.DictReader(handle) if row["split"] == "tune")
    folder.mkdir()
    for i in range(rounds):
        for name in tune:
            (folder / f"{i:02d}_{name}").write_bytes((real / name).read_bytes() + f"\n(copy {i})\n".encode())
    return folder


def _in_process(files: list[Path], what: str) -> None:
    started = time.perf_counter()
    registry = load_registry()
    print(f"registry load: {time.perf_counter() - started:.3f} s ({len(registry.units())} units)")
    matcher = UnitMatcher(registry)
    blobs = [(p.name, p.read_bytes()) for p in files]
    wall, cpu, facts = time.perf_counter(), time.process_time(), 0
    for name, data in blobs:
        doc = read_document(data, hashlib.sha256(data).hexdigest(), name)
        header, raws = parse_letter(doc)
        facts += len(resolve_letter(doc.doc_id, name, doc.extractor.value, doc.n_pages, header, raws, registry, matcher=matcher).facts)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(f"in process, {what}: {len(blobs)} {what}, {facts} facts in {wall:.2f} s wall ({cpu:.2f} s CPU) = "
          f"{len(blobs) / wall:.1f} {what}/s wall, {len(blobs) / cpu:.1f} {what}/s per CPU second")


def _end_to_end(folder: Path, db: Path, n: int, workers: int) -> None:
    wall, cpu = _run_chiso(["ingest", str(folder), "--db", str(db), "--workers", str(workers)])
    print(f"end to end, {workers} worker{'s' if workers > 1 else ''}: chiso ingest of {n} letters in {wall:.2f} s wall ({cpu:.2f} s CPU) = {n / wall:.1f} letters/s wall, "
          f"{n / cpu:.1f} per CPU second")


def _one_letter(letter: Path, db: Path) -> None:
    runs = [_run_chiso(["ingest", str(letter), "--db", str(db)]) for _ in range(3)]  # the first into a new warehouse
    print("chiso ingest ONE.txt, new warehouse then one that exists: " + ", ".join(f"{w:.2f} s wall ({c:.2f} s CPU)" for w, c in runs))


def _run_chiso(arguments: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds (the child's user + system) of one `chiso` process."""
    before = os.times()
    started = time.perf_counter()
    subprocess.run([str(Path(sys.executable).parent / "chiso"), *arguments], check=True, capture_output=True)
    wall = time.perf_counter() - started
    after = os.times()
    return wall, (after.children_user - before.children_user) + (after.children_system - before.children_system)


if __name__ == "__main__":
    main()
