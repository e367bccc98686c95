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

_REBUILD = f"""INSERT INTO {FIGURES.name} ({', '.join(FIGURES.column_names)})
WITH sources AS (
  SELECT f.unit_id, f.index_family, f.period_grain, f.period_start, f.indicator, f.measure, f.value, f.doc_id, f.seq,
         l.letter_key, l.issued_on, f.extractor = 'ocr' AS is_ocr, f.row_no IS NOT NULL AS is_annex,
         {DECIMALS.format(v='f.value')} AS decimals, f.unit_name, f.unit_level, f.province_id, f.province_name, f.extractor
  FROM {{facts}} f JOIN letters l USING (doc_id)
  WHERE f.unit_id IS NOT NULL),
keys AS (
  SELECT {KEY}, count(*) AS n_facts, count(DISTINCT letter_key) AS n_letters, count(DISTINCT value) AS n_values,
         min(value) AS min_value, max(value) AS max_value,
         {AGREES.format(hi='max(value)', lo='min(value)', decimals='min(decimals)')} AS is_agreed
  FROM sources GROUP BY ALL),
ranked AS (
  SELECT s.*, k.n_facts, k.n_letters, k.n_values, k.min_value, k.max_value, k.is_agreed,
         row_number() OVER (PARTITION BY s.unit_id, s.index_family, s.period_grain, s.period_start, s.indicator, s.measure
                            ORDER BY CASE WHEN k.is_agreed THEN NULL ELSE s.issued_on END DESC NULLS LAST,
                                     s.is_ocr, s.decimals DESC, s.is_annex, s.issued_on DESC NULLS LAST, s.doc_id, s.seq) AS pick
  FROM sources s JOIN keys k USING ({KEY}))
SELECT {', '.join(FIGURES.column_names)} FROM ranked WHERE pick = 1"""


def rebuild_figures(con: duckdb.DuckDBPyConnection, only_stale: bool = False) -> int:
    """Replace core_figures from the facts, or only the figures of the stale periods (within
    warehouse.scope.stale_scope); returns the number of keys."""
    if only_stale:  # inside warehouse.scope.stale_scope, whose facts hold the stale periods'
        con.execute(delete_periods(FIGURES.name, STALE_PERIODS.name))
        con.execute(scope.in_scope(_REBUILD.format(facts=in_periods(scope.FACTS, STALE_PERIODS.name))))
    else:
        con.execute(f"DELETE FROM {FIGURES.name}")
        con.execute(_REBUILD.format(facts="core_facts"))
    return int(con.execute(f"SELECT count(*) FROM {FIGURES.name}").fetchall()[0][0])
