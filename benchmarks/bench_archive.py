"""What the raw archive's history costs a run: the seconds and peak memory of archiving one new
file (what `chiso ingest ONE.txt` does before reading it) and of listing the archived documents
(what every run does for the letters view), each in its own process, on archives whose fetch
log holds N records. A nightly adds a record per link it checks (a 304 too) and per inbox file,
so a year of nightlies is hundreds of thousands. The first run on an archive made before its
index existed builds the index from the whole log, once; it is timed apart. Run by hand:

    .venv/bin/python benchmarks/bench_archive.py [--records 10000 100000 500000]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

# One process: archive one new file, then list the documents; seconds of each and peak RSS.
RUN = """
import resource, sys, time
from datetime import datetime
from pathlib import Path
from chiso.flows.archive import RawArchive
archive = RawArchive(Path(sys.argv[1]))
started = time.perf_counter()
archive.put(sys.argv[2].encode(), url="file:///inbox/new.txt", source="ingest", fetched_at=datetime.now(), headers={}, status=200)
put = time.perf_counter() - started
started = time.perf_counter()
documents = len(archive.documents())
print(f"{put:.3f} {time.perf_counter() - started:.3f} {documents} {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f}")
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--records", type=int, nargs="+", default=[10_000, 100_000, 500_000])
    args = parser.parse_args()
    print("fetch records | first run after the upgrade (put, documents) | a run (put, documents) | documents | peak RSS")
    for n in args.records:
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            _history(root, n)
            first = _run(root, "first new letter")
            then = _run(root, "second new letter")
            print(f"{n:>13,} | {first[0]} s, {first[1]} s | {then[0]} s, {then[1]} s | {then[2]} | {then[3]} MB")


def _history(root: Path, n: int) -> None:
    """N fetches of 2,000 documents (a nightly checking the same links again and again; most
    records are 304s), written straight into the log, and the 2,000 objects."""
    documents = [f"{i:064x}" for i in range(2000)]
    for sha in documents:
        path = root / "objects" / sha[:2] / sha
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"x")
    with (root / "fetches.jsonl").open("w", encoding="utf-8") as log:
        for i in range(n):
            sha = documents[i % len(documents)]
            log.write(json.dumps({"url": f"https://portal.example/van-ban/{i % len(documents)}.pdf", "source": "portal", "sha256": sha,
                                  "size": 1, "fetched_at": "2026-01-01T02:00:00", "status": 200 if i < len(documents) else 304,
                                  "headers": {"etag": f'"{i}"'}}) + "\n")


def _run(root: Path, content: str) -> list[str]:
    done = subprocess.run([sys.executable, "-c", RUN, str(root), content], check=True, capture_output=True, text=True)
    return done.stdout.split()


if __name__ == "__main__":
    main()
