"""The `scorecard` view: one row per unit, index family and period, the way the letters' readers
look at a result (total, rank, change, each group beside its maximum).

Without it an analyst who wants "each district's total and group scores for 12/2024, one row
each" writes 25 lines of SQL over `figures` and invents a preference order; the scorecard reads
`figures`, so it inherits their precedence (warehouse/views.PRECEDENCE) and never picks between
sources itself. Hà Nội 12/2024 (193/UBND-KSTTHC): total 62.28/100, 61st of 63, +1.29, and six
groups, Công khai, minh bạch 10.4/18 … Số hóa hồ sơ 10.3/22.

Groups are those of each family: the service index's catalogue groups (six, or five where
online service and payment are one), PAR INDEX areas (`1` … `8`) and SIPAS criteria (`I` … `V`),
i.e. codes without a dot. A group's maximum is the letter's own max_score for it (a province
where some criteria do not apply has less than 18), else the catalogue's, else the PAR INDEX /
SIPAS structure of that year.

The columns and SQL live here; warehouse/views.py wraps them in its ViewSpec with the others.
"""

from __future__ import annotations

from chiso.normalize.indicators import GROUPS, PAR, SERVICE, SIPAS
from chiso.warehouse.schema import Column, _c

DESCRIPTION = ("One row per unit, index family and period (unit_id, index_family, period_grain, period_start): the total score, "
               "rank, change and each group's score beside its maximum, read from figures (so with their precedence). A unit "
               "appears for a period when a total, a group score or its overdue dossiers were printed for it.")

GROUP_FIELDS = (
    ("indicator", "VARCHAR"), ("label_vi", "VARCHAR"), ("label_en", "VARCHAR"), ("score", "DOUBLE"), ("max_score", "DOUBLE"),
    ("national_average", "DOUBLE"), ("delta", "DOUBLE"),
)
_GROUP_TYPE = "STRUCT(" + ", ".join(f"{name} {type_}" for name, type_ in GROUP_FIELDS) + ")[]"

COLUMNS: tuple[Column, ...] = (
    _c("unit_id", "VARCHAR", "Registry id of the unit."),
    _c("unit_name", "VARCHAR", "Name in force during the period (Tỉnh Thừa Thiên Huế in 2022, Thành phố Huế in 2025)."),
    _c("unit_level", "VARCHAR", "province, district, commune, department or ministry."),
    _c("province_id", "VARCHAR", "Province-level unit's id (stable across renames; NULL for a ministry)."),
    _c("province_name", "VARCHAR", "Province-level unit's name in force during the period."),
    _c("index_family", "VARCHAR", "service_index, par_index or sipas."),
    _c("period_grain", "VARCHAR", "week, month, quarter or year."),
    _c("period_start", "DATE", "First day of the period."),
    _c("total_score", "DOUBLE", "The total's score (figures: indicator total, measure score; a PAR INDEX or SIPAS printed only "
                                "as a percentage, its percent)."),
    _c("total_max", "DOUBLE", "The total's maximum: the letter's own max_score, else the catalogue's (100)."),
    _c("rank", "INTEGER", "Rank printed for the total (1 = best)."),
    _c("rank_of", "INTEGER", "How many units that ranking holds (63 provinces before 2025)."),
    _c("rank_change", "INTEGER", "Places gained (positive) or lost (negative) since the previous period, as printed."),
    _c("delta", "DOUBLE", "Change of the total since the previous period, as printed (Hà Nội 12/2024: +1.29)."),
    _c("national_average", "DOUBLE", "National average of the total, where the letter prints it."),
    _c("groups", _GROUP_TYPE, "Each group with a printed score, in the index's order: indicator key, Vietnamese and English label, "
                              "score (SIPAS: percent), max_score (the letter's, else the catalogue's or the year's structure), "
                              "national_average and delta where printed. unnest(groups) gives one row per group."),
    _c("overdue_dossiers", "DOUBLE", "Overdue dossiers (hồ sơ quá hạn) counted for the unit in the period, where printed."),
    _c("is_agreed", "BOOLEAN", "True when every figure of the row agrees across the sources printing it; false: see conflicts."),
    _c("checks_failed", "INTEGER", "Failed checks on the unit, family and period (SELECT * FROM checks WHERE NOT is_passed)."),
)

# The service index's groups in the order letters print them (normalize/indicators.GROUPS).
_SERVICE_GROUPS = ", ".join(f"('{entry.indicator.key}', {order})" for order, entry in enumerate(GROUPS))
_PERIOD_KEY = "unit_id, index_family, period_grain, period_start"

SQL = f"""WITH service_groups (indicator, group_order) AS (VALUES {_SERVICE_GROUPS}),
picked AS (
  SELECT f.unit_id, f.index_family, f.period_grain, f.period_start, f.indicator, f.measure, f.value, f.unit_name, f.unit_level,
         f.province_id, f.province_name, f.is_agreed, g.group_order,
         f.indicator NOT IN ('total', 'overdue_dossiers') AS is_group
  FROM figures f LEFT JOIN service_groups g ON f.index_family = '{SERVICE}' AND g.indicator = f.indicator
  WHERE (f.indicator = 'total' AND f.measure IN ('score', 'percent', 'max_score', 'rank', 'rank_of', 'rank_change', 'delta', 'national_average'))
     OR (f.indicator = 'overdue_dossiers' AND f.measure = 'count')
     OR (g.group_order IS NOT NULL AND f.measure IN ('score', 'max_score', 'national_average', 'delta'))
     OR (f.index_family IN ('{PAR}', '{SIPAS}') AND f.indicator <> 'total' AND f.indicator NOT LIKE '%.%'
         AND f.measure IN ('score', 'percent', 'max_score', 'national_average', 'delta'))),
group_figures AS (
  SELECT {_PERIOD_KEY}, indicator, any_value(group_order) AS group_order,
         coalesce(any_value(value) FILTER (WHERE measure = 'score'), any_value(value) FILTER (WHERE measure = 'percent')) AS score,
         any_value(value) FILTER (WHERE measure = 'max_score') AS own_max,
         any_value(value) FILTER (WHERE measure = 'national_average') AS national_average,
         any_value(value) FILTER (WHERE measure = 'delta') AS delta
  FROM picked WHERE is_group
  GROUP BY {_PERIOD_KEY}, indicator
  HAVING score IS NOT NULL),
groups AS (
  SELECT g.unit_id, g.index_family, g.period_grain, g.period_start,
         list({{'indicator': g.indicator, 'label_vi': coalesce(s.label_vi, i.label, g.indicator), 'label_en': coalesce(s.label_en, i.label_en),
                'score': g.score, 'max_score': coalesce(g.own_max, i.max_score, s.max_score),
                'national_average': g.national_average, 'delta': g.delta}}
              ORDER BY g.group_order NULLS LAST, length(g.indicator), g.indicator) AS groups
  FROM group_figures g
  LEFT JOIN core_indicators i ON i.index_family = g.index_family AND i.indicator = g.indicator
  LEFT JOIN core_index_structure s ON s.index_family = g.index_family AND s.code = g.indicator
       AND year(g.period_start) BETWEEN s.year_from AND coalesce(s.year_to, 9999)
  GROUP BY g.unit_id, g.index_family, g.period_grain, g.period_start),
totals AS (
  SELECT {_PERIOD_KEY}, any_value(unit_name) AS unit_name, any_value(unit_level) AS unit_level,
         any_value(province_id) AS province_id, any_value(province_name) AS province_name,
         coalesce(any_value(value) FILTER (WHERE indicator = 'total' AND measure = 'score'),
                  any_value(value) FILTER (WHERE indicator = 'total' AND measure = 'percent')) AS total_score,
         any_value(value) FILTER (WHERE indicator = 'total' AND measure = 'max_score') AS own_max,
         CAST(any_value(value) FILTER (WHERE indicator = 'total' AND measure = 'rank') AS INTEGER) AS rank,
         CAST(any_value(value) FILTER (WHERE indicator = 'total' AND measure = 'rank_of') AS INTEGER) AS rank_of,
         CAST(any_value(value) FILTER (WHERE indicator = 'total' AND measure = 'rank_change') AS INTEGER) AS rank_change,
         any_value(value) FILTER (WHERE indicator = 'total' AND measure = 'delta') AS delta,
         any_value(value) FILTER (WHERE indicator = 'total' AND measure = 'national_average') AS national_average,
         any_value(value) FILTER (WHERE indicator = 'overdue_dossiers') AS overdue_dossiers,
         bool_and(is_agreed) AS is_agreed,
         bool_or(CASE WHEN is_group THEN measure IN ('score', 'percent') ELSE measure <> 'max_score' END) AS has_result
  FROM picked GROUP BY {_PERIOD_KEY}),
failed AS (
  SELECT {_PERIOD_KEY}, count(*) AS checks_failed FROM core_checks WHERE NOT is_passed GROUP BY {_PERIOD_KEY})
SELECT t.unit_id, t.unit_name, t.unit_level, t.province_id, t.province_name, t.index_family, t.period_grain, t.period_start,
       t.total_score, coalesce(t.own_max, CASE WHEN t.total_score IS NOT NULL THEN i.max_score END), t.rank, t.rank_of, t.rank_change,
       t.delta, t.national_average, coalesce(g.groups, []), t.overdue_dossiers, t.is_agreed, CAST(coalesce(c.checks_failed, 0) AS INTEGER)
FROM totals t
LEFT JOIN groups g USING ({_PERIOD_KEY})
LEFT JOIN failed c USING ({_PERIOD_KEY})
LEFT JOIN core_indicators i ON i.index_family = t.index_family AND i.indicator = 'total'
WHERE t.has_result"""
