"""Seconds of the post-load step (figures, checks) over a warehouse of N facts, against the
seconds of loading them: rebuilt in full, and after ten new letters (the periods they touch
only, as every run does). Facts are the bundled samples' facts copied over more periods, units
and letters (each letter in two renderings, so every key has two sources). Run by hand:

    .venv/bin/python benchmarks/bench_figures.py [--facts 1000000]
"""

from __future__ import annotations

import argparse
import tempfile
import time
import zlib
from datetime import datetime
from pathlib import Path

from chiso.flows.archive import RawArchive
from chiso.flows.inputs import read_inputs
from chiso.flows.limits import RunLimits
from chiso.flows.pipeline import Summary, ingest, load_outcomes, new_load_id, prepare_warehouse
from chiso.normalize.registry import load_registry
from chiso.warehouse.checks import run_checks
from chiso.warehouse.post_load import refresh_after_load
from chiso.warehouse.reconcile import rebuild_figures
from chiso.warehouse.views import REFRESH_LETTER_KEYS

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--facts", type=int, default=1_000_000)
    args = parser.parse_args()
    registry = load_registry()
    with tempfile.TemporaryDirectory() as tmp:
        seed = Path(tmp) / "seed.duckdb"
        ingest(sorted(ROOT.glob("samples/0*.txt")), seed, registry, archive=RawArchive(Path(tmp) / "archive"))
        db = Path(tmp) / "big.duckdb"
        con = prepare_warehouse(db, registry)
        started = time.perf_counter()
        _grow(con, seed, args.facts)
        loaded = time.perf_counter() - started
        n = con.execute("SELECT count(*) FROM core_facts").fetchall()[0][0]
        started = time.perf_counter()
        rebuild_figures(con)
        figures_s = time.perf_counter() - started
        started = time.perf_counter()
        run_checks(con)
        checks_s = time.perf_counter() - started
        figures, checks, failed = con.execute("SELECT (SELECT count(*) FROM core_figures), count(*), count(*) FILTER (WHERE NOT is_passed) "
                                              "FROM core_checks").fetchall()[0]
        refresh_after_load(con)  # records that figures and checks are current
        letters = _ten_new_letters(Path(tmp) / "ten")
        con.execute("SET threads = 1")  # as a run loads and refreshes (flows/pipeline.publish_run)
        started = time.perf_counter()
        load_outcomes(con, read_inputs([letters], registry, RunLimits(workers=0), None, None), new_load_id(datetime.now()), Summary())
        ten_loaded = time.perf_counter() - started
        ten = refresh_after_load(con)
        con.close()
    print(f"{n:,} facts loaded in {loaded:.1f} s (bulk SQL; a real run loads far slower, letter by letter)")
    print(f"figures: {figures:,} keys in {figures_s:.2f} s")
    print(f"checks:  {checks:,} results ({failed:,} failed) in {checks_s:.2f} s")
    print(f"post-load step: {figures_s + checks_s:.2f} s")
    print(f"10 new letters: read and loaded in {ten_loaded:.2f} s, post-load step {ten.seconds:.2f} s (the periods they touched)")


# The seed letters as text (the cheapest input to read) or as the PDFs letters are published as;
# what is appended makes new bytes and leaves each letter as it reads (a PDF comment after %%EOF).
SEEDS_AS = {"text": ("samples/0*.txt", "\n(bench copy {})\n"), "pdf": ("samples/pdf/0*.pdf", "\n%bench copy {}\n")}


def _ten_new_letters(folder: Path, kind: str = "text") -> Path:
    """Ten letters the warehouse has not seen: seed letters with a line appended (new bytes)."""
    folder.mkdir()
    pattern, appended = SEEDS_AS[kind]
    seeds = sorted(ROOT.glob(pattern))
    for i in range(10):
        seed = seeds[i % len(seeds)]
        (folder / f"{i:02d}_{seed.name}").write_bytes(seed.read_bytes() + appended.format(i).encode())
    return folder


def _grow(con, seed: Path, target: int) -> None:
    """Copies of the seed facts: each copy a new letter (two renderings) over shifted periods
    (ten years of months) and, past those, units of the same level (another province, that
    province's department of the same kind, another district), so keys multiply as a real
    archive's do and each key has its two renderings as sources. Their load id sorts before
    any real run's, as an older load's would. They are stored in period order, as a warehouse
    grown by nightly runs stores them: a month's letters are published, and loaded, after the
    month before's."""
    con.execute(f"ATTACH '{seed}' AS seed (READ_ONLY)")
    per_copy = con.execute("SELECT count(*) FROM seed.core_facts").fetchall()[0][0]
    copies = max(1, target // per_copy // 2)
    con.execute("CREATE TEMP TABLE unit_map (unit_id VARCHAR, k INTEGER, mapped VARCHAR)")
    con.executemany("INSERT INTO unit_map VALUES (?, ?, ?)", _unit_map(con, copies // _MONTHS + 1))
    con.execute(f"""INSERT INTO core_letters (doc_id, source_name, extractor, doc_number, issued_on, province_id, n_pages, parser_version,
                                              load_id, loaded_at)
        SELECT l.doc_id || '-' || c || '-' || r, l.source_name, CASE r WHEN 0 THEN 'text' ELSE 'ocr' END, c || '/' || l.doc_number,
               l.issued_on + INTERVAL (c) MONTH, l.province_id, l.n_pages, l.parser_version, '0-bench', now()
        FROM seed.core_letters l, range({copies}) t(c), range(2) u(r)""")
    con.execute(REFRESH_LETTER_KEYS)
    con.execute(f"""INSERT INTO core_facts (doc_id, seq, index_family, period_grain, period_start, unit_id, published_unit, indicator,
                                            measure, value, label, raw_text, page, line_no, row_no, extractor, load_id)
        SELECT f.doc_id || '-' || c || '-' || r, f.seq, f.index_family, f.period_grain, f.period_start + INTERVAL (c % {_MONTHS}) MONTH,
               coalesce(m.mapped, f.unit_id), f.published_unit, f.indicator, f.measure,
               f.value + CASE WHEN r = 1 AND f.seq % 50 = 0 THEN 1 ELSE 0 END, f.label,
               f.raw_text, f.page, f.line_no, f.row_no, f.extractor, '0-bench'
        FROM seed.core_facts f CROSS JOIN range({copies}) t(c) CROSS JOIN range(2) w(r)
        LEFT JOIN unit_map m ON m.unit_id = f.unit_id AND m.k = c // {_MONTHS}
        ORDER BY 5""")
    con.execute("DETACH seed")


_MONTHS = 120


def _unit_map(con, shifts: int) -> list[tuple[str, int, str]]:
    """(seed unit, shift k, the unit of the same level its k-th shift lands on)."""
    units = dict(con.execute("SELECT unit_id, level FROM core_units").fetchall())
    provinces = sorted(u for u, level in units.items() if level == "province")
    districts = sorted(u for u, level in units.items() if level == "district")
    seeds = [u for (u,) in con.execute("SELECT DISTINCT unit_id FROM seed.core_facts WHERE unit_id IS NOT NULL").fetchall()]
    rows = []
    for unit in seeds:
        for k in range(shifts):
            level = units.get(unit)
            if level == "district":
                mapped = districts[(zlib.crc32(unit.encode()) + k) % len(districts)]
            elif level == "province":
                mapped = provinces[(provinces.index(unit) + k) % len(provinces)]
            elif level == "department":
                province, kind = unit.split(".", 1)
                other = f"{provinces[(provinces.index(province) + k) % len(provinces)]}.{kind}"
                mapped = other if other in units else unit
            else:
                mapped = unit
            rows.append((unit, k, mapped))
    return rows

if __name__ == "__main__":
    main()
