"""The periods a post-load step redoes, and the facts it reads, copied out once per run.

A run's letters touch a few dozen periods (core_stale_periods). Their figures are rebuilt, and
the checks of those periods and of the periods after them (a printed change compares with the
previous period's figure) are redone, reading those periods' figures and the previous ones'.
Read through subqueries, every statement scanned all facts or figures again (over 1,000,000
facts, 0.5 s of a 10-letter run); copied into temporary tables once, the facts are read once.

Every read of a large table also names the days those periods start on (on_days): facts, figures
and checks are stored roughly in the order of their periods (a warehouse grows month by month,
and full rebuilds write figures and checks in period order), so DuckDB skips the row groups
whose min and max hold none of those days instead of testing every row (7 of 41 row groups
read over 5,000,000 facts for ten letters of four years, where their first and last day kept 11).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import duckdb

from chiso.warehouse.schema import STALE_PERIODS

PERIOD = "unit_id, index_family, period_grain, period_start"
READ = "scope_read"  # the checked periods and the periods before them (what their checks read), each marked is_checked
CHECKED = f"(SELECT {PERIOD} FROM {READ} WHERE is_checked)"  # the stale periods and the periods after them: their checks are redone
FACTS = "scope_facts"  # the facts of the checked periods, names written
LETTERS = "scope_letters"  # the `letters` view's rows for those facts, computed once
_FACT_COLUMNS = ("doc_id, seq, unit_id, index_family, period_grain, period_start, indicator, measure, value, row_no, extractor, "
                 "unit_name, unit_level, province_id, province_name")


def in_scope(select: str) -> str:
    """SQL reading the `letters` view's rows copied out for the scope's facts instead of the view."""
    return select.replace("JOIN letters l", f"JOIN {LETTERS} l")


def on_days(column: str = "period_start") -> str:
    """A condition on `column` that DuckDB tests against each row group's min and max: the
    days READ's periods start on."""
    return f"{column} IN (SELECT period_start FROM {READ})"


def in_periods(table: str, periods: str) -> str:
    """The rows of `table` whose period is one of `periods` (a table with the PERIOD columns)."""
    return f"(SELECT * FROM {table} SEMI JOIN {periods} USING ({PERIOD}) WHERE {on_days()})"


def delete_periods(table: str, periods: str) -> str:
    return (f"DELETE FROM {table} USING {periods} p WHERE {on_days(f'{table}.period_start')} AND "
            + " AND ".join(f"{table}.{c} = p.{c}" for c in PERIOD.split(", ")))


def shift_period(alias: str, sign: str) -> str:
    """The period before (`-`) or after (`+`) a period, of the same grain (`alias.`period_start)."""
    grain, start = f"{alias}period_grain", f"{alias}period_start"
    return (f"CAST(CASE {grain} WHEN 'month' THEN {start} {sign} INTERVAL 1 MONTH WHEN 'quarter' THEN {start} {sign} INTERVAL 3 MONTH "
            f"WHEN 'year' THEN {start} {sign} INTERVAL 1 YEAR ELSE {start} {sign} INTERVAL 7 DAY END AS DATE)")


@contextmanager
def stale_scope(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """READ (CHECKED within it), FACTS and LETTERS for the stale periods, dropped when the
    block ends. Made after the facts are named: figures take their names from the facts."""
    con.execute(f"""CREATE OR REPLACE TEMP TABLE {READ} AS
        WITH checked AS (SELECT {PERIOD} FROM {STALE_PERIODS.name}
                         UNION SELECT unit_id, index_family, period_grain, {shift_period('', '+')} FROM {STALE_PERIODS.name})
        SELECT {PERIOD}, bool_or(is_checked) AS is_checked
        FROM (SELECT *, true AS is_checked FROM checked
              UNION ALL SELECT unit_id, index_family, period_grain, {shift_period('', '-')}, false FROM checked)
        GROUP BY ALL""")
    # The columns figures and checks read (not the long raw text), filtered with IN, which
    # DuckDB runs as a hash lookup while it scans: 0.02 s of CPU over 1,000,000 facts, where a
    # SEMI JOIN copying every column took 0.05 s. The rows are found on their key columns first
    # (the unit tested before the whole key, as it is cheaper) and only they are read whole:
    # over 5,000,000 facts the days keep 385,000 rows for 6,100 wanted, and reading all their
    # columns took 26 ms, not 21.
    found = f"{on_days()} AND unit_id IN (SELECT unit_id FROM {CHECKED}) AND ({PERIOD}) IN (SELECT ({PERIOD}) FROM {CHECKED})"
    con.execute(f"""CREATE OR REPLACE TEMP TABLE {FACTS} AS SELECT {_FACT_COLUMNS} FROM core_facts
        WHERE rowid IN (SELECT rowid FROM core_facts WHERE {found})""")
    # Figures and checks both join the letters view, which ranks every letter among its copies
    # (4 ms of CPU over 7,000 letters).
    con.execute(f"CREATE OR REPLACE TEMP TABLE {LETTERS} AS SELECT * FROM letters WHERE doc_id IN (SELECT doc_id FROM {FACTS})")
    try:
        yield
    finally:
        for table in (READ, FACTS, LETTERS):
            con.execute(f"DROP TABLE IF EXISTS {table}")
