"""The step after every load, inside the run's copy of the warehouse before it is published:
note where each letter came from, rebuild the trusted figures, run the checks.

Rebuilt whole each run (not per letter) because one letter's copy can change another's figure;
over 1,000,000 facts this stays a few seconds (benchmarks/bench_figures.py).
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import duckdb

from warehouse.checks import run_checks
from warehouse.reconcile import rebuild_figures
from warehouse.schema import LETTERS


@dataclass(frozen=True, slots=True)
class SourceOfLetter:
    """Where a document's bytes were first archived from (the raw archive's fetch log)."""

    doc_id: str
    url: str
    fetched_on: date


@dataclass(frozen=True, slots=True)
class PostLoad:
    figures: int
    checks_failed: int
    seconds: float


def refresh_after_load(con: duckdb.DuckDBPyConnection, sources: Iterable[SourceOfLetter] = ()) -> PostLoad:
    started = time.perf_counter()
    record_sources(con, sources)
    figures = rebuild_figures(con)
    failed = run_checks(con)
    return PostLoad(figures, failed, time.perf_counter() - started)


def record_sources(con: duckdb.DuckDBPyConnection, sources: Iterable[SourceOfLetter]) -> None:
    """Store each letter's source URL and first fetch day on its row (they live in the archive's
    fetches.jsonl, which the warehouse alone cannot read)."""
    sources = list(sources)
    if not sources:
        return
    # Columns as unnested list parameters, not Arrow: building Arrow imports pandas (0.3 s a run).
    con.execute(f"UPDATE {LETTERS.name} l SET source_url = s.url, fetched_on = s.fetched_on "
                "FROM (SELECT unnest($1) AS doc_id, unnest($2) AS url, unnest($3) AS fetched_on) s WHERE s.doc_id = l.doc_id",
                [[s.doc_id for s in sources], [s.url for s in sources], [s.fetched_on for s in sources]])
