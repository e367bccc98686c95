"""The step after every load, inside the run's copy of the warehouse before it is published:
note where each letter came from, write the names in force onto the new facts, rebuild the
trusted figures, run the checks.

Rebuilt once per run (not per letter) because one letter's copy can change another's figure,
and only for the letters and periods the run touched: the letters loaded are noted as they load
(core_stale_letters; a replaced letter's old periods too), the periods of their facts and of
their copies' are found here once (core_stale_periods), and what those periods' figures and
checks read is copied out once (warehouse/scope.py), so a small run over a large warehouse costs
little more than what it loads (benchmarks/bench_growth.py). Every fact, figure and check is
redone when the registry, the catalogue or this SQL changed.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import duckdb

from chiso.warehouse.checks import RULES, run_checks
from chiso.warehouse.names import LOADED, NAME_FACTS, loaded_facts, name_facts
from chiso.warehouse.reconcile import _REBUILD, rebuild_figures
from chiso.warehouse.scope import stale_scope
from chiso.warehouse.schema import CHECKS, FACTS, LETTERS, POST_LOAD_STATE, STALE_LETTERS, STALE_PERIODS

# The SQL names, figures and checks are built with: when it changes, everything is rebuilt once.
RULES_SHA256 = hashlib.sha256("\n".join([NAME_FACTS, _REBUILD, *(r.select for r in RULES)]).encode()).hexdigest()


# The letters that are copies of the letters loaded since the last post-load step (their issuer
# and folded number), not loaded themselves: a new copy changes the n_letters of the figures
# they share.
_COPIES_OF_LOADED = f"""WITH loaded AS (SELECT issuer_key, number_key FROM {LETTERS.name} SEMI JOIN {STALE_LETTERS.name} USING (doc_id))
SELECT DISTINCT k.doc_id FROM {LETTERS.name} k JOIN loaded l USING (issuer_key, number_key) ANTI JOIN {STALE_LETTERS.name} s ON s.doc_id = k.doc_id"""
_PERIODS_OF = f"""INSERT INTO {STALE_PERIODS.name}
SELECT DISTINCT unit_id, index_family, period_grain, period_start FROM {{facts}} WHERE unit_id IS NOT NULL AND {{which}}"""


def _mark_periods_of_loaded(con: duckdb.DuckDBPyConnection) -> None:
    """Note the periods the letters loaded since the last post-load step feed (within
    names.loaded_facts), and their copies'; found once per run, not letter by letter as they
    load. The facts of the copies, when there are any, take a scan of the doc ids."""
    con.execute(_PERIODS_OF.format(facts=LOADED, which="true"))
    copies = [row[0] for row in con.execute(_COPIES_OF_LOADED).fetchall()]
    if copies:
        con.execute(_PERIODS_OF.format(facts=FACTS.name, which="doc_id IN (SELECT unnest($1))"), [copies])


@dataclass(frozen=True, slots=True)
class SourceOfLetter:
    """Where a document's bytes were first archived from (the raw archive's fetch log)."""

    doc_id: str
    url: str
    fetched_on: date


@dataclass(frozen=True, slots=True)
class PostLoad:
    checks_failed: int
    seconds: float


def refresh_after_load(con: duckdb.DuckDBPyConnection, source_of: Callable[[str], SourceOfLetter | None] | None = None) -> PostLoad:
    """Names, figures and checks after a load, in one transaction: some forty statements
    committed one by one spent a tenth of the step writing the log (a 10-letter run).
    `source_of` finds where a letter's bytes were archived from. The periods a run touched are
    redone on the threads the connection has (a run gives it one: these statements are too
    small to share between threads, and sharing cost 10-15% more time and CPU); redoing
    everything takes every thread."""
    started = time.perf_counter()
    con.execute("BEGIN TRANSACTION")
    try:
        if source_of is not None:
            record_sources(con, source_of)
        only_stale, anything_stale, first_load = _state(con)
        if not only_stale or anything_stale:
            if only_stale:
                if first_load is not None:
                    with loaded_facts(con, first_load):
                        _mark_periods_of_loaded(con)
                        name_facts(con, since_load=first_load)
                with stale_scope(con):
                    rebuild_figures(con, only_stale=True)
                    run_checks(con, only_stale=True)
            else:
                con.execute("RESET threads")  # every fact is read again: every thread
                name_facts(con)
                rebuild_figures(con)
                run_checks(con)
                con.execute(f"DELETE FROM {POST_LOAD_STATE.name}")
                con.execute(f"INSERT INTO {POST_LOAD_STATE.name} VALUES (?)", [RULES_SHA256])
            con.execute(f"DELETE FROM {STALE_PERIODS.name}")
            con.execute(f"DELETE FROM {STALE_LETTERS.name}")
        failed = con.execute(f"SELECT count(*) FROM {CHECKS.name} WHERE NOT is_passed").fetchall()[0][0]
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return PostLoad(failed, time.perf_counter() - started)


def _state(con: duckdb.DuckDBPyConnection) -> tuple[bool, bool, str | None]:
    """Whether the names, figures and checks no load touched are still right (the same SQL
    made them, and the registry and catalogue they were made from have not changed: `*`),
    whether a load since the last post-load step touched anything (a nightly with no new
    letters leaves figures and checks as they are, unread), and the oldest load id of the
    letters it loaded (None: none)."""
    return con.execute(f"""SELECT coalesce((SELECT rules_sha256 = $1 FROM {POST_LOAD_STATE.name}), false)
            AND NOT EXISTS (FROM {STALE_PERIODS.name} WHERE unit_id = '*') AND NOT EXISTS (FROM {STALE_LETTERS.name} WHERE doc_id = '*'),
        EXISTS (FROM {STALE_PERIODS.name}) OR EXISTS (FROM {STALE_LETTERS.name}),
        (SELECT min(load_id) FROM {LETTERS.name} WHERE doc_id IN (SELECT doc_id FROM {STALE_LETTERS.name}))""", [RULES_SHA256]).fetchall()[0]


def record_sources(con: duckdb.DuckDBPyConnection, source_of: Callable[[str], SourceOfLetter | None]) -> None:
    """Store the source URL and first fetch day of each letter loaded since the last post-load
    step on its row (they live in the raw archive, which the warehouse alone cannot read); the
    letters loaded before have theirs already."""
    loaded = [row[0] for row in con.execute(f"SELECT doc_id FROM {STALE_LETTERS.name} WHERE doc_id <> '*'").fetchall()]
    sources = [source for source in map(source_of, loaded) if source is not None]
    if not sources:
        return
    # Columns as unnested list parameters, not Arrow: building Arrow imports pandas (0.3 s a run).
    con.execute(f"UPDATE {LETTERS.name} l SET source_url = s.url, fetched_on = s.fetched_on "
                "FROM (SELECT unnest($1) AS doc_id, unnest($2) AS url, unnest($3) AS fetched_on) s WHERE s.doc_id = l.doc_id",
                [[s.doc_id for s in sources], [s.url for s in sources], [s.fetched_on for s in sources]])
