"""Names in force, written onto the facts once instead of looked up by every query.

A fact's unit_name and province_name are the names in force on its period_start (a 2022 fact
about Huế's province says `Tỉnh Thừa Thiên Huế`, a 2025 one `Thành phố Huế`); its unit_level and
province_id come from the registry. Looked up at query time, each scan of `facts` ran two range
joins against every unit's name spans: `SELECT count(*) FROM facts` over 5,000,000 facts took
1.0 s and `SELECT *` 11 s. They are a function of the registry and of the fact's unit, letter and
period, so the post-load step writes them onto the facts of the letters just loaded, and onto
every fact when the registry changed (core_stale_letters holds `*`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import duckdb

from chiso.warehouse.schema import FACTS, STALE_LETTERS, UNIT_NAME_SPANS, UNIT_NAMES

# Each unit's names as spans of days that cover all time, each span with the name in force on
# its days: the name whose dates cover the day, else the unit's latest name (a fact dated a day
# after a merger keeps a label). Joining to the one span holding a date is an equality join on
# the unit and a range test, never a correlated subquery per row.
_SPANS = """(WITH bounds AS (
    SELECT unit_id, DATE '0001-01-01' AS day FROM {names}
    UNION SELECT unit_id, DATE '1900-01-01' FROM {names}
    UNION SELECT unit_id, valid_from FROM {names} WHERE valid_from IS NOT NULL
    UNION SELECT unit_id, valid_to + 1 FROM {names} WHERE valid_to < DATE '9999-12-31'),
  spans AS (
    SELECT unit_id, day AS span_from, coalesce(lead(day) OVER (PARTITION BY unit_id ORDER BY day) - 1, DATE '9999-12-31') AS span_to
    FROM bounds)
  SELECT s.unit_id, s.span_from, s.span_to,
         first(n.name ORDER BY (coalesce(n.valid_from, DATE '1900-01-01') <= s.span_from
                                AND coalesce(n.valid_to, DATE '9999-12-31') >= s.span_from) DESC,
                               coalesce(n.valid_to, DATE '9999-12-31') DESC, n.name) AS name
  FROM spans s JOIN {names} n USING (unit_id)
  GROUP BY s.unit_id, s.span_from, s.span_to)"""
BUILD_NAME_SPANS = f"INSERT INTO {UNIT_NAME_SPANS.name} SELECT * FROM {_SPANS.format(names=UNIT_NAMES.name)}"


def name_on(alias: str, unit: str, on: str) -> str:
    """A LEFT JOIN giving `alias.name`, the name of `unit` in force on the day `on`."""
    return f"LEFT JOIN {UNIT_NAME_SPANS.name} {alias} ON {alias}.unit_id = {unit} AND {on} BETWEEN {alias}.span_from AND {alias}.span_to"


# A ministry has no province (CONTRACT.md); an unresolved unit takes its letter's province.
_NAMED = f"""SELECT f.doc_id, f.seq, u.level AS unit_level,
       CASE WHEN u.level = 'ministry' THEN NULL ELSE coalesce(u.province_id, l.province_id) END AS province_id,
       un.name AS unit_name, CASE WHEN u.level = 'ministry' THEN NULL ELSE pn.name END AS province_name
FROM {{facts}} f
JOIN core_letters l USING (doc_id)
LEFT JOIN core_units u ON u.unit_id = f.unit_id
{name_on('un', 'f.unit_id', 'f.period_start')}
{name_on('pn', 'coalesce(u.province_id, l.province_id)', 'f.period_start')}"""

NAME_FACTS = f"""UPDATE {FACTS.name} SET unit_level = n.unit_level, province_id = n.province_id, unit_name = n.unit_name,
       province_name = n.province_name
FROM ({_NAMED}) n WHERE {FACTS.name}.doc_id = n.doc_id AND {FACTS.name}.seq = n.seq AND {FACTS.name}.load_id >= $1"""


LOADED = "loaded_facts"  # the keys of the facts of the letters loaded since the last post-load step


@contextmanager
def loaded_facts(con: duckdb.DuckDBPyConnection, since_load: str) -> Iterator[None]:
    """LOADED for the block: the letters loaded since the last post-load step, whose load ids
    are `since_load` or newer (facts are stored in the order they load, so the filter on
    load_id skips every older row group unread). Copied out once, their periods and names are
    found from it; with their exact count known, DuckDB builds its name joins' hash tables on
    these few facts and reads only their units' name spans, where a filtered scan's estimate
    made it hash all 46,000 spans twice (17 ms of a 10-letter run's 18)."""
    con.execute(f"""CREATE OR REPLACE TEMP TABLE {LOADED} AS SELECT doc_id, seq, unit_id, index_family, period_grain, period_start
        FROM {FACTS.name} WHERE load_id >= $1 AND doc_id IN (SELECT doc_id FROM {STALE_LETTERS.name})""", [since_load])
    try:
        yield
    finally:
        con.execute(f"DROP TABLE IF EXISTS {LOADED}")


def name_facts(con: duckdb.DuckDBPyConnection, since_load: str | None = None) -> None:
    """Write the names in force onto every fact, or onto LOADED's (within `loaded_facts`,
    whose load ids are `since_load` or newer)."""
    if since_load is None:
        con.execute(NAME_FACTS.format(facts=FACTS.name), [""])
    else:
        con.execute(NAME_FACTS.format(facts=LOADED), [since_load])
