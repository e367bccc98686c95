"""What a run and a scan cost as the warehouse grows: seconds and peak memory of a no-op ingest
(an empty folder: open, publish, figures, checks), of a 10-letter ingest (with the seconds its
writer spent loading and its post-load step's share of the run), and of a full scan of
`facts` (`count(*)` and `SELECT *` to Arrow), at each size asked. Each is its own process, so
its peak RSS is its own. The warehouse is grown from the seed letters as in bench_figures.py.
Run by hand:

    .venv/bin/python benchmarks/bench_growth.py [--facts 100000 5000000] [--code DIR] [--letters text|pdf] [--runs 5]

`--code DIR` runs the chiso of another checkout (e.g. main, for before/after figures).
`--letters pdf` makes the ten letters the seeds' PDFs, as letters are published, where text
(the default, the cheapest input to read) gives the post-load step its largest share.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from bench_figures import SEEDS_AS, _ten_new_letters

ROOT = Path(__file__).resolve().parent.parent
SCAN = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1], read_only=True)
con.execute("SET enable_progress_bar = false")
started = time.perf_counter()
n = con.sql("SELECT count(*) FROM facts").fetchall()[0][0]
counted = time.perf_counter() - started
started = time.perf_counter()
table = con.sql("SELECT * FROM facts").to_arrow_table()  # con.execute(...).to_arrow_table() makes an extra copy
print(f"{n} {counted:.2f} {time.perf_counter() - started:.2f} {table.num_rows}")
"""
# A 10-letter run as `chiso ingest` makes it (workers, publish), timed from the interpreter's
# start, with the seconds (wall and CPU) the writer spent loading letters and the post-load step
# after them (the pipeline's functions timed from outside, so `--code` can time any checkout).
RUN = """
import resource, sys, time
started, cpu_started = time.perf_counter(), time.process_time()
from pathlib import Path
from chiso.flows import pipeline
from chiso.normalize.registry import load_registry
# load_letters writes letters in batches; an older checkout's load_letter wrote them one by one
spent = {name: [0.0, 0.0] for name in ("load_letters", "load_letter", "refresh_after_load") if hasattr(pipeline, name)}
def timed(name, function):
    def run(*args, **kwargs):
        began, cpu_began = time.perf_counter(), time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            spent[name][0] += time.perf_counter() - began
            spent[name][1] += time.process_time() - cpu_began
    return run
for name in spent:
    setattr(pipeline, name, timed(name, getattr(pipeline, name)))
pipeline.ingest([Path(sys.argv[1])], Path(sys.argv[2]), load_registry())
workers = resource.getrusage(resource.RUSAGE_CHILDREN)
loading = spent.get("load_letters", spent.get("load_letter"))
print(time.perf_counter() - started, time.process_time() - cpu_started + workers.ru_utime + workers.ru_stime, *loading,
      *spent["refresh_after_load"])
"""
GROW = """
import sys
from pathlib import Path
sys.path.insert(0, sys.argv[4])
from bench_figures import _grow
from chiso.flows.archive import RawArchive
from chiso.flows.pipeline import ingest, prepare_warehouse
from chiso.normalize.registry import load_registry
from chiso.warehouse.post_load import refresh_after_load
registry = load_registry()
seed, db = Path(sys.argv[1]), Path(sys.argv[2])
ingest(sorted(Path(sys.argv[3]).glob("samples/0*.txt")), seed, registry, archive=RawArchive(seed.parent / "archive"))
con = prepare_warehouse(db, registry)
_grow(con, seed, int(sys.argv[5]))
refresh_after_load(con)
con.execute("CHECKPOINT")
con.close()
# A first run after a full rebuild of a million facts spends 0.5 s in the checkpoint that
# publishes it (DuckDB compacts the rebuilt checks once); one empty run pays that here, so
# the runs measured are the ones a warehouse in use sees.
ingest([], db, registry)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--facts", type=int, nargs="+", default=[100_000, 5_000_000])
    parser.add_argument("--code", type=Path, default=ROOT, help="checkout whose chiso runs")
    parser.add_argument("--letters", choices=sorted(SEEDS_AS), default="text", help="what the ten letters of a run are")
    parser.add_argument("--runs", type=int, default=5, help="10-letter runs per size, each on a copy of the grown warehouse")
    args = parser.parse_args()
    env = dict(os.environ, PYTHONPATH=str(args.code.resolve()))
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        letters = _ten_new_letters(work / "ten", args.letters)
        (work / "empty").mkdir()
        for target in args.facts:
            db = work / f"w{target}.duckdb"
            _timed([sys.executable, "-c", GROW, str(work / f"seed{target}.duckdb"), str(db), str(ROOT), str(ROOT / "benchmarks"),
                    str(target)], env)
            size = db.stat().st_size / 1e6
            print(f"--- {target:,} facts requested, warehouse {size:.0f} MB")
            cli = [sys.executable, "-m", "chiso.flows.cli", "ingest"]
            seconds, peak, _ = _timed([*cli, str(work / "empty"), "--db", str(db)], env)
            print(f"no-op ingest:      {seconds:6.2f} s  {peak:6.0f} MB peak")
            _ten_letter_runs(db, letters, args, env)
            seconds, peak, out = _timed([sys.executable, "-c", SCAN, str(db)], env)
            n, counted, arrow, _ = out.split("\n")[-2].split()
            print(f"scan of facts:     {int(n):,} facts; count(*) {counted} s, SELECT * to Arrow {arrow} s; process {seconds:.2f} s, "
                  f"{peak:.0f} MB peak")
            shutil.rmtree(db.parent / "chiso-archive", ignore_errors=True)
            db.unlink()


def _ten_letter_runs(db: Path, letters: Path, args: argparse.Namespace, env: dict[str, str]) -> None:
    """`--runs` 10-letter runs, each on a copy of the warehouse as grown: their medians, and the
    range of the post-load step's share (one run's share swings by a third on a shared machine)."""
    grown = db.with_name(f"{db.name}.grown")
    shutil.copyfile(db, grown)
    runs = []
    for _ in range(args.runs):
        shutil.copyfile(grown, db)
        seconds, peak, out = _timed([sys.executable, "-c", RUN, str(letters), str(db)], env)
        runs.append((seconds, peak, *map(float, out.split())))
    grown.unlink()
    seconds, peak, run, run_cpu, loading, loading_cpu, post_load, post_load_cpu = (statistics.median(column) for column in zip(*runs))
    shares = sorted(100 * r[6] / r[2] for r in runs)
    print(f"\n10-letter ingest ({args.letters}, median of {len(runs)}): {seconds:6.2f} s  {peak:6.0f} MB peak; loading {loading:.2f} s "
          f"({loading_cpu:.2f} s CPU), post-load {post_load:.2f} s ({post_load_cpu:.2f} s CPU) = {100 * post_load / run:.1f}% of the run's "
          f"{run:.2f} s ({100 * post_load_cpu / run_cpu:.1f}% of its {run_cpu:.2f} s CPU, workers included); each run's share "
          f"{', '.join(f'{s:.1f}%' for s in shares)}")


def _timed(command: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """Wall seconds, peak RSS in MB and stdout of one process (GNU time's report); its CPU
    seconds are printed too, since wall time on a shared machine includes waiting for the disk."""
    report = subprocess.run(["/usr/bin/time", "-f", "%e %M %U %S", *command], env=env, capture_output=True, text=True,
                            cwd=tempfile.gettempdir())  # not the checkout: `python -m` would import its code before --code's
    if report.returncode:
        raise SystemExit(f"{command[:4]} failed:\n{report.stderr[-3000:]}")
    seconds, kilobytes, user, system = report.stderr.strip().splitlines()[-1].split()
    print(f"  ({float(user) + float(system):.2f} s CPU)", end=" ")
    return float(seconds), int(kilobytes) / 1024, report.stdout


if __name__ == "__main__":
    main()
