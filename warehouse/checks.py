"""Consistency rules run after every load; each result is a row of core_checks, passed or not.

Checks record, they never delete: a figure that fails stays in `figures`, and the analyst sees
why in `checks`. Rules read the trusted figures (one value per key), except body_vs_annex,
which compares one letter's own printings. Each rule is one SELECT producing the columns of
core_checks, so a rule is read, tested and timed on its own.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from chiso.warehouse import scope
from chiso.warehouse.reconcile import AGREES, DECIMALS, KEY
from chiso.warehouse.schema import CHECKS, FIGURES
from chiso.warehouse.scope import PERIOD, delete_periods, in_periods, shift_period


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    severity: str
    why: str
    select: str


_REF = "g.doc_id || ':' || g.seq"
# The figures' columns the rules read, copied out for a run's periods.
_FIGURE_COLUMNS = "unit_id, index_family, period_grain, period_start, indicator, measure, value, doc_id, seq, unit_name, unit_level"
_PERIOD = "g.unit_id, g.index_family, g.period_grain, g.period_start"
# Groups of the six-group layout of the service index and the five-group one (online = service + payment).
_SIX = ("transparency", "progress", "online_service", "online_payment", "satisfaction", "digitization")
_FIVE = ("transparency", "progress", "online", "satisfaction", "digitization")
_GROUPS = tuple(dict.fromkeys(_SIX + _FIVE))
_IN_GROUPS = "(" + ", ".join(f"'{g}'" for g in _GROUPS) + ")"


# The previous period, for a printed change (tăng 1.29 điểm so với tháng 11/2024).
_PREVIOUS = shift_period("g.", "-")

# Sums are rounded: DuckDB's threads add doubles in any order, so an unrounded sum differs in
# its last bit from run to run (54.0 against 54.00000000000001), and a breakdown compared
# exactly would fail at random.
RULES: tuple[Rule, ...] = (
    Rule("groups_vs_total", "warning",
         "The group scores of a full layout (six groups, or five with `online`) should add up to the total; in the letters they "
         "rarely do (Hà Nội 12/2024: 68.8 against 62.28), so a gap is recorded, not corrected.",
         f"""SELECT {_PERIOD}, 'total', 'score', t.value, round(sum(g.value), 6),
       abs(sum(g.value) - t.value) <= 0.05 * (count(*) + 1), list({_REF} ORDER BY g.indicator) || [t.doc_id || ':' || t.seq],
       'sum of ' || count(*) || ' group scores ' || round(sum(g.value), 2) || ' against the total ' || t.value, any_value(t.unit_name)
FROM core_figures g JOIN core_figures t ON t.unit_id = g.unit_id AND t.index_family = g.index_family AND t.period_grain = g.period_grain
     AND t.period_start = g.period_start AND t.indicator = 'total' AND t.measure = 'score'
WHERE g.index_family = 'service_index' AND g.measure = 'score' AND g.indicator IN {_IN_GROUPS}
GROUP BY {_PERIOD}, t.value, t.doc_id, t.seq
HAVING (count(*) = 6 AND NOT bool_or(g.indicator = 'online')) OR (count(*) = 5 AND bool_or(g.indicator = 'online'))"""),
    Rule("value_within_max", "error",
         "A score lies within 0 and its maximum (the letter's own max_score for the key, else the one in force for the unit's layout "
         "and the year, indicator_maxima); a percentage or "
         "national average within 0 and 100; a count is not negative; a rank is at least 1.",
         f"""SELECT {_PERIOD}, g.indicator, g.measure, coalesce(m.value, i.max_score, s.max_score,
            CASE WHEN g.measure IN ('percent', 'national_average') THEN 100 END), g.value,
       g.value >= CASE WHEN g.measure = 'rank' THEN 1 ELSE 0 END
         AND g.value <= coalesce(m.value, i.max_score, s.max_score, CASE WHEN g.measure IN ('percent', 'national_average') THEN 100 END, 'infinity'),
       [{_REF}] || CASE WHEN m.doc_id IS NULL THEN [] ELSE [m.doc_id || ':' || m.seq] END,
       g.measure || ' ' || g.value || ' checked against 0..' || coalesce(CAST(coalesce(m.value, i.max_score, s.max_score,
            CASE WHEN g.measure IN ('percent', 'national_average') THEN 100 END) AS VARCHAR), ''), g.unit_name
FROM core_figures g
LEFT JOIN core_figures m ON m.unit_id = g.unit_id AND m.index_family = g.index_family AND m.period_grain = g.period_grain
     AND m.period_start = g.period_start AND m.indicator = g.indicator AND m.measure = 'max_score' AND g.measure = 'score'
LEFT JOIN core_indicator_maxima i ON i.indicator = g.indicator AND i.index_family = g.index_family AND g.measure = 'score'
     AND i.layout = g.unit_level AND year(g.period_start) BETWEEN i.year_from AND coalesce(i.year_to, 9999)
LEFT JOIN core_index_structure s ON s.code = g.indicator AND s.index_family = g.index_family AND g.unit_level = 'province'
     AND (g.measure = 'score' OR g.measure = 'percent' AND g.index_family = 'sipas')
     AND year(g.period_start) BETWEEN s.year_from AND coalesce(s.year_to, 9999)
WHERE g.measure IN ('score', 'percent', 'national_average', 'count', 'count_of', 'rank', 'rank_of', 'max_score')"""),
    Rule("rank_within_rank_of", "error",
         "A rank lies within 1 and the number ranked: `4/19` read from a scan as 419 is caught here.",
         f"""SELECT {_PERIOD}, g.indicator, 'rank', r.value, g.value, g.value BETWEEN 1 AND r.value, [{_REF}, r.doc_id || ':' || r.seq],
       'rank ' || g.value || ' of ' || r.value, g.unit_name
FROM core_figures g JOIN core_figures r ON r.unit_id = g.unit_id AND r.index_family = g.index_family AND r.period_grain = g.period_grain
     AND r.period_start = g.period_start AND r.indicator = g.indicator AND r.measure = 'rank_of'
WHERE g.measure = 'rank'"""),
    Rule("breakdown_sum", "error",
         "A count broken down by level or kind adds up to its total (overdue dossiers: cấp tỉnh + cấp huyện + cấp xã; overdue "
         "feedback: chưa tiếp nhận + chậm xử lý); 146 ≠ 115 + 131 fails.",
         f"""SELECT {_PERIOD}, t.indicator, 'count', t.value, round(sum(g.value), 6), round(sum(g.value), 6) = t.value,
       [t.doc_id || ':' || t.seq] || list({_REF} ORDER BY g.indicator),
       t.indicator || ' ' || t.value || ' against its ' || count(*) || ' parts summing to ' || round(sum(g.value), 6), any_value(t.unit_name)
FROM core_figures g JOIN core_figures t ON t.unit_id = g.unit_id AND t.index_family = g.index_family AND t.period_grain = g.period_grain
     AND t.period_start = g.period_start AND t.measure = 'count' AND t.indicator IN ('overdue_dossiers', 'overdue_feedback')
     AND g.indicator LIKE t.indicator || '.%'
WHERE g.measure = 'count'
GROUP BY {_PERIOD}, t.indicator, t.value, t.doc_id, t.seq
HAVING count(*) >= 2"""),
    Rule("delta_vs_previous", "warning",
         "A printed change equals this period's figure minus the previous period's (same grain), to the rounding printed.",
         f"""SELECT {_PERIOD}, g.indicator, 'delta', c.value - p.value, g.value,
       {AGREES.format(hi='greatest(g.value, c.value - p.value)', lo='least(g.value, c.value - p.value)',
                      decimals='least(' + DECIMALS.format(v='g.value') + ', ' + DECIMALS.format(v='c.value') + ', ' + DECIMALS.format(v='p.value') + ')')}
         OR abs(g.value - (c.value - p.value)) <= 0.011,
       [{_REF}, c.doc_id || ':' || c.seq, p.doc_id || ':' || p.seq],
       'printed change ' || g.value || ', figures ' || c.value || ' - ' || p.value, g.unit_name
FROM core_figures g
JOIN core_figures c ON c.unit_id = g.unit_id AND c.index_family = g.index_family AND c.period_grain = g.period_grain
     AND c.period_start = g.period_start AND c.indicator = g.indicator AND c.measure = 'score'
JOIN core_figures p ON p.unit_id = g.unit_id AND p.index_family = g.index_family AND p.period_grain = g.period_grain
     AND p.period_start = {_PREVIOUS} AND p.indicator = g.indicator AND p.measure = 'score'
WHERE g.measure = 'delta'"""),
    Rule("body_vs_annex", "warning",
         "A letter that prints a number in its body and again in an annex prints the same number, to rounding; Hà Nội 12/2024 "
         "says +1.29 in its body and +3.21 in its annex.",
         f"""WITH printed AS (
  SELECT f.doc_id, f.seq, f.unit_id, f.index_family, f.period_grain, f.period_start, f.indicator, f.measure, f.value,
         f.row_no IS NOT NULL AS is_annex, l.letter_key, f.unit_name
  FROM core_facts f JOIN letters l USING (doc_id) WHERE f.unit_id IS NOT NULL AND f.extractor <> 'ocr'),
both_printed AS (  -- found with cheap aggregates first: the lists below are built for these few keys alone
  SELECT letter_key, {KEY} FROM printed GROUP BY letter_key, {KEY} HAVING bool_or(is_annex) AND bool_or(NOT is_annex))
SELECT unit_id, index_family, period_grain, period_start, indicator, measure,
       min(value) FILTER (WHERE NOT is_annex), min(value) FILTER (WHERE is_annex),
       {AGREES.format(hi='max(value)', lo='min(value)', decimals='min(' + DECIMALS.format(v='value') + ')')},
       list(doc_id || ':' || seq ORDER BY doc_id, seq),  -- list_distinct: each list(DISTINCT …) cost two more hash aggregates
       'letter ' || letter_key || ': body ' || CAST(list_sort(list_distinct(list(value) FILTER (WHERE NOT is_annex))) AS VARCHAR)
         || ', annex ' || CAST(list_sort(list_distinct(list(value) FILTER (WHERE is_annex))) AS VARCHAR), any_value(unit_name)
FROM printed SEMI JOIN both_printed USING (letter_key, {KEY})
GROUP BY letter_key, {KEY}"""),
)


def run_checks(con: duckdb.DuckDBPyConnection, only_stale: bool = False) -> None:
    """Replace core_checks with every rule's results, or only the results of the stale periods
    and of the periods after them (within warehouse.scope.stale_scope). A rule's result for a
    period reads that period's and the previous one's figures and facts of one unit alone, so
    it is computed over those rows alone."""
    columns = ", ".join(c for c in CHECKS.column_names if c not in ("rule", "severity"))
    results = " UNION ALL ".join(f"SELECT '{rule.name}', '{rule.severity}', * FROM ({_in_scope(rule.select) if only_stale else rule.select})"
                                 for rule in RULES)
    if only_stale:
        con.execute(delete_periods(CHECKS.name, scope.CHECKED))
        con.execute(f"CREATE OR REPLACE TEMP TABLE scope_figures AS SELECT {_FIGURE_COLUMNS} FROM {in_periods(FIGURES.name, scope.READ)}")
        # The scope reads the periods before the checked ones too; their results stay as they are.
        results = f"SELECT * FROM ({results}) SEMI JOIN {scope.CHECKED} USING ({PERIOD})"
    else:
        con.execute(f"DELETE FROM {CHECKS.name}")
    # One statement, its rows in period order: reads of a run's periods skip the other months' row groups.
    con.execute(f"INSERT INTO {CHECKS.name} (rule, severity, {columns}) SELECT * FROM ({results}) ORDER BY period_start")
    if only_stale:
        con.execute("DROP TABLE scope_figures")


def _in_scope(select: str) -> str:
    """A rule's SQL reading the figures and facts of the scope's periods."""
    return scope.in_scope(select.replace("core_figures ", "scope_figures ").replace("core_facts ", f"{scope.FACTS} "))
