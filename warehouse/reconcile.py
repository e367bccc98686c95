"""One trusted figure per key, rebuilt from every fact after each load.

A number reaches the warehouse up to eight times: the same letter as text, HTML, PDF and scan,
and within each the body and an annex (Hà Nội 12/2024: 62.28 in the body, 62.3 in the annex).
`core_figures` keeps one value per (unit, family, grain, period, indicator, measure), chosen by
the precedence in warehouse/views.PRECEDENCE, with how many facts and letters printed it and
whether they agree to rounding: two values agree when they differ by at most half a unit in
the last place of the less precise (62.28 and 62.3 agree; a delta of 1.29 and one of 3.21 do
not; a rank 4 and an OCR'd 419 do not).

Rebuilt in one statement, so it is always the function of the facts loaded: letters replaced
or removed leave nothing behind. After a run, only the periods whose facts it touched
(core_stale_periods: unit, family, grain, period) are rebuilt: a figure depends on the facts of
its own key alone, so a 10-letter run over 5,000,000 facts costs what its letters' periods cost,
not the warehouse (by unit, a province's every month since 2019 was rebuilt for one letter).
Each figure carries the chosen fact's names and letter_key, so the `figures` view joins nothing.
"""

from __future__ import annotations

import duckdb

from chiso.warehouse import scope
from chiso.warehouse.schema import FIGURES, STALE_PERIODS
from chiso.warehouse.scope import delete_periods, in_periods

KEY = "unit_id, index_family, period_grain, period_start, indicator, measure"
# Decimals printed, read back from the value: 62.3 → 1, 62.28 → 2, 419 → 0.
DECIMALS = "CASE WHEN {v} = round({v}) THEN 0 WHEN {v} = round({v}, 1) THEN 1 WHEN {v} = round({v}, 2) THEN 2 ELSE 3 END"
# Two values agree when they differ by at most half a unit in the last place of the less precise.
AGREES = "{hi} - {lo} <= 0.5 * pow(10, -{decimals}) + 1e-9"

# What the chosen fact gives its figure.
_CHOSEN = ("value", "doc_id", "seq", "letter_key", "unit_name", "unit_level", "province_id", "province_name", "extractor")
# views.PRECEDENCE as sort keys, smallest first: among values agreeing to rounding, text over
# OCR, the most precise, the body, the latest letter; when they disagree, the latest letter
# first. One aggregate picks both (arg_min) where a window ranking every fact took half the
# rebuild of a small run; count(DISTINCT) is a list's distinct length for the same reason.
_LATEST = "coalesce(-epoch(l.issued_on), 1e18)"
_QUALITY = f"f.extractor = 'ocr', -({DECIMALS.format(v='f.value')}), f.row_no IS NOT NULL"

_REBUILD = f"""INSERT INTO {FIGURES.name} ({', '.join(FIGURES.column_names)})
WITH sources AS (
  SELECT f.unit_id, f.index_family, f.period_grain, f.period_start, f.indicator, f.measure, f.value, l.letter_key,
         {DECIMALS.format(v='f.value')} AS decimals,
         {{{{{', '.join(f"'{c}': {'l' if c == 'letter_key' else 'f'}.{c}" for c in _CHOSEN)}}}}} AS chosen,
         ({_QUALITY}, {_LATEST}, f.doc_id, f.seq) AS if_agreed,
         ({_LATEST}, {_QUALITY}, f.doc_id, f.seq) AS if_not
  FROM {{facts}} f JOIN letters l USING (doc_id)
  WHERE f.unit_id IS NOT NULL),
keys AS (
  SELECT {KEY}, count(*) AS n_facts, len(list_distinct(list(letter_key))) AS n_letters, len(list_distinct(list(value))) AS n_values,
         min(value) AS min_value, max(value) AS max_value,
         {AGREES.format(hi='max(value)', lo='min(value)', decimals='min(decimals)')} AS is_agreed,
         arg_min(chosen, if_agreed) AS chosen_if_agreed, arg_min(chosen, if_not) AS chosen_if_not
  FROM sources GROUP BY ALL)
SELECT {', '.join(f"chosen.{c}" if c in _CHOSEN else c for c in FIGURES.column_names)}
FROM (SELECT *, CASE WHEN is_agreed THEN chosen_if_agreed ELSE chosen_if_not END AS chosen FROM keys)"""


def rebuild_figures(con: duckdb.DuckDBPyConnection, only_stale: bool = False) -> None:
    """Replace core_figures from the facts, or only the figures of the stale periods (within
    warehouse.scope.stale_scope)."""
    if only_stale:  # inside warehouse.scope.stale_scope, whose facts hold the stale periods'
        con.execute(delete_periods(FIGURES.name, STALE_PERIODS.name))
        con.execute(scope.in_scope(_REBUILD.format(facts=in_periods(scope.FACTS, STALE_PERIODS.name))))
    else:
        con.execute(f"DELETE FROM {FIGURES.name}")
        con.execute(_REBUILD.format(facts="core_facts") + " ORDER BY period_start")  # period order: see warehouse/scope.py
