"""One good letter and every bad input of issue 13 (points 1-2) at the sizes the issue measured,
ingested by `chiso ingest` under `/usr/bin/time -v`: exit code, wall time, peak RSS, and the
`rejects` row of each bad input. Run by hand:

    .venv/bin/python benchmarks/bench_faults.py [--workers N] [--keep DIR]

Must hold: rc 0, the good letter's facts all loaded, one rejects row per bad input naming its
error or limit, under 60 s wall and 1.5 GB peak RSS. Peak RSS is printed twice: the largest
single process as the kernel accounts it (`time -v`: the command or one of the worker
processes it reaped), and the largest sum over the process tree, sampled every 50 ms.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the packages, before tests/extractors (a namespace of test folders)
sys.path.append(str(ROOT / "tests"))
sys.path.append(str(ROOT / "tests" / "faults"))

from bad_files import BAD_INPUTS, GOOD_LETTER, SAMPLES, non_utf8_name  # noqa: E402


def _tree_rss_mb(root: int) -> float:
    """Resident memory of a process and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry))
        rss[int(entry)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo += children.get(pid, [])
    return total / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--keep", type=Path, default=None, help="build the folder here and keep it")
    args = parser.parse_args()
    base = args.keep or Path(tempfile.mkdtemp(prefix="chiso-faults-"))
    folder = base / "in"
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(GOOD_LETTER, folder)
    started = time.monotonic()
    expected = {maker(folder, 1.0): limit for maker, limit in BAD_INPUTS.values()}
    second = non_utf8_name(folder, 1.0, sorted(SAMPLES.glob("0*.txt"))[1])
    size = sum(p.stat().st_size for p in folder.iterdir())
    print(f"built {len(expected) + 2} inputs ({size / 2**20:.0f} MB) in {time.monotonic() - started:.1f} s: {folder}")

    db = base / "w.duckdb"
    for stale in base.glob("w.duckdb*"):
        stale.unlink()
    command = ["/usr/bin/time", "-v", str(ROOT / ".venv" / "bin" / "chiso"), "ingest", str(folder), "--db", str(db)]
    if args.workers is not None:
        command += ["--workers", str(args.workers)]
    started = time.monotonic()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "COLUMNS": "200"})
    peak_tree = 0.0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak_tree
        while not done.wait(0.05):
            peak_tree = max(peak_tree, _tree_rss_mb(process.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = process.communicate()
    done.set()
    wall = time.monotonic() - started
    peak = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", err)[1]) / 1024  # type: ignore[index]

    con = duckdb.connect(str(db), read_only=True)
    try:
        reasons = dict(con.execute("SELECT source_name, reason FROM rejects WHERE stage = 'read'").fetchall())
        facts = dict(con.execute("SELECT source_name, count(*) FROM facts GROUP BY 1").fetchall())
    finally:
        con.close()
    clean = subprocess.run([str(ROOT / ".venv" / "bin" / "chiso"), "ingest", str(GOOD_LETTER), "--db", str(base / "clean.duckdb")],
                           capture_output=True, text=True)
    con = duckdb.connect(str(base / "clean.duckdb"), read_only=True)
    try:
        clean_facts = con.execute("SELECT count(*) FROM facts").fetchone()[0]  # type: ignore[index]
    finally:
        con.close()

    print(f"rc {process.returncode}   wall {wall:.1f} s   peak RSS {peak:.0f} MB (largest process)   "
          f"{peak_tree:.0f} MB (whole process tree, sampled)")
    print(f"good letter: {facts.get(GOOD_LETTER.name, 0)} facts loaded of {clean_facts} in a clean run"
          f"{'' if clean.returncode == 0 else ' (clean run failed)'}; "
          f"non-UTF-8 name: {facts.get(second.encode('utf-8', 'surrogateescape').decode('utf-8', 'backslashreplace'), 0)} facts")
    print(f"{'input':<26} {'size':>10}  rejects row")
    for name, limit in expected.items():
        reason = reasons.get(name, "— NOT REJECTED —")
        mark = "ok " if limit in reason else "?? "
        print(f"{mark}{name:<23} {(folder / name).stat().st_size / 2**20:8.1f} MB  {reason}")
    extra = set(reasons) - set(expected)
    if extra:
        print(f"unexpected rejects: {sorted(extra)}")
    if args.keep is None:
        shutil.rmtree(base)


if __name__ == "__main__":
    main()
