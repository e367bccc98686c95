"""What `chiso report` shows, read from the warehouse: the province, the month reported, and
one frame per panel. Everything comes from the analyst views (scorecard, checks, conflicts,
review_queue, rejects, runs), so the report says what a query would.

A month is reported with the figures whose period covers it: a district's 12/2024 score, but
also a yearly PAR INDEX 2024 or a service index of the year when that is all a province
publishes (Thừa Thiên Huế 2022 reports its results by year); per unit and family the finest
grain wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import duckdb
import pandas as pd

from chiso.normalize.text import fold_name

PERIOD = re.compile(r"(\d{4})-(0[1-9]|1[0-2])")
# Type words a reader may leave out: "Hà Nội" for Thành phố Hà Nội, "Thừa Thiên Huế" for Tỉnh Thừa Thiên Huế.
_TYPE_WORDS = ("tinh ", "thanh pho ", "tp ")
# Rows whose period overlaps the month [m, m + 1 month), finest grain first, then the latest.
_COVERS = """s.period_start < CAST($month AS DATE) + INTERVAL 1 MONTH
  AND s.period_start + CASE s.period_grain WHEN 'week' THEN INTERVAL 7 DAY WHEN 'month' THEN INTERVAL 1 MONTH
                                           WHEN 'quarter' THEN INTERVAL 3 MONTH ELSE INTERVAL 1 YEAR END > CAST($month AS DATE)"""
_LAST_MONTH = ("period_start + CASE period_grain WHEN 'quarter' THEN INTERVAL 2 MONTH WHEN 'year' THEN INTERVAL 11 MONTH "
               "ELSE INTERVAL 0 MONTH END")
_FINEST = ("row_number() OVER (PARTITION BY s.unit_id, s.index_family ORDER BY "
           "list_position(['week', 'month', 'quarter', 'year'], s.period_grain), s.period_start DESC) = 1")


class ReportError(ValueError):
    """The report cannot be made as asked (unknown province, malformed period, no data)."""


@dataclass(frozen=True, slots=True)
class Province:
    unit_id: str
    name: str


@dataclass(frozen=True, slots=True)
class ReportFrames:
    """One frame per panel; an empty frame means the panel has nothing for this province and month."""

    province: Province
    month: date
    series: pd.DataFrame
    ranked: pd.DataFrame
    groups: pd.DataFrame
    overdue: pd.DataFrame
    failed_checks: pd.DataFrame
    conflicts: pd.DataFrame
    unresolved: pd.DataFrame
    rejected: pd.DataFrame
    runs: pd.DataFrame


def find_province(con: duckdb.DuckDBPyConnection, name: str) -> Province:
    """The province a reader names, by id or by any of its names, with or without diacritics
    and type word ("Thừa Thiên Huế", "thua thien hue" and "46" are Thành phố Huế)."""
    wanted = _bare(name)
    rows = con.execute("SELECT u.unit_id, u.unit_name, list(n.name) FROM units u JOIN core_unit_names n USING (unit_id) "
                       "WHERE u.level = 'province' GROUP BY ALL").fetchall()
    found = [Province(unit_id, current) for unit_id, current, names in rows
             if name.strip() == unit_id or any(_bare(n) == wanted for n in names)]
    if len(found) != 1:
        raise ReportError(f"no province named {name!r}" if not found else f"{name!r} names {len(found)} provinces")
    return found[0]


def _bare(name: str) -> str:
    folded = fold_name(name)
    for word in _TYPE_WORDS:
        folded = folded.removeprefix(word)
    return folded


def parse_month(period: str) -> date:
    match = PERIOD.fullmatch(period.strip())
    if not match:
        raise ReportError(f"period must be YYYY-MM, not {period!r}")
    return date(int(match[1]), int(match[2]), 1)


def latest_month(con: duckdb.DuckDBPyConnection, province: Province) -> date:
    """The default month: the last month of the latest period in which the province's districts,
    communes or departments have results (the report's most detailed panels), else of the
    province's own latest; Thừa Thiên Huế's 2022 results give 12/2022."""
    row = con.execute(f"""SELECT coalesce(max({_LAST_MONTH}) FILTER (WHERE unit_level <> 'province'), max({_LAST_MONTH}))
                          FROM scorecard WHERE province_id = ?""", [province.unit_id]).fetchall()[0]
    if row[0] is None:
        raise ReportError(f"no scorecard rows for {province.name}")
    return date(row[0].year, row[0].month, 1)


def read_frames(con: duckdb.DuckDBPyConnection, province: Province, month: date) -> ReportFrames:
    params = {"province": province.unit_id, "month": month}

    def frame(sql: str) -> pd.DataFrame:
        return con.execute(sql, {k: v for k, v in params.items() if f"${k}" in sql}).df()

    return ReportFrames(
        province, month,
        series=frame("""SELECT index_family, period_grain, period_start, total_score, total_max, rank, rank_of, delta FROM scorecard
                        WHERE unit_id = $province AND (total_score IS NOT NULL OR rank IS NOT NULL)
                        ORDER BY index_family, period_grain, period_start"""),
        ranked=frame(f"""SELECT s.unit_id, s.unit_name, s.unit_level, s.index_family, s.period_grain, s.period_start, s.total_score,
                                s.total_max, s.rank, s.rank_of, s.delta FROM scorecard s
                         WHERE s.province_id = $province AND s.unit_level <> 'province' AND s.total_score IS NOT NULL AND {_COVERS}
                         QUALIFY {_FINEST}
                         ORDER BY s.unit_level, s.index_family, s.total_score DESC"""),
        groups=frame(f"""SELECT s.index_family, s.period_grain, s.period_start, g.indicator, g.label_vi, g.label_en, g.score,
                                g.max_score, g.national_average, g.delta
                         FROM (SELECT * FROM scorecard s WHERE s.unit_id = $province AND len(s.groups) > 0 AND {_COVERS}
                               QUALIFY {_FINEST}) s, unnest(s.groups) AS u(g)"""),
        overdue=frame(f"""SELECT s.unit_id, s.unit_name, s.period_grain, s.period_start, s.overdue_dossiers FROM scorecard s
                          WHERE s.province_id = $province AND s.unit_level = 'department' AND s.overdue_dossiers IS NOT NULL
                            AND {_COVERS}
                          QUALIFY {_FINEST}
                          ORDER BY s.overdue_dossiers DESC"""),
        failed_checks=frame("""SELECT c.unit_name, c.rule, c.severity, c.index_family, c.period_grain, c.period_start, c.indicator,
                                       c.measure, c.detail FROM checks c JOIN units u USING (unit_id)
                                WHERE u.province_id = $province AND NOT c.is_passed
                                ORDER BY c.period_start DESC, c.severity, c.rule"""),
        conflicts=frame("""SELECT c.unit_name, c.index_family, c.period_grain, c.period_start, c.indicator, c.measure,
                                   list(DISTINCT c.value ORDER BY c.value) AS values_printed, any_value(c.value) FILTER (WHERE c.is_chosen) AS chosen,
                                   count(*) AS n_facts
                            FROM conflicts c JOIN units u USING (unit_id)
                            WHERE u.province_id = $province
                            GROUP BY ALL ORDER BY c.period_start DESC, c.unit_name"""),
        unresolved=frame("""SELECT published_unit, source_name, reason, facts FROM review_queue WHERE province_id = $province
                             ORDER BY facts DESC"""),
        rejected=frame("""SELECT r.source_name, r.stage, r.reason, r.raw_text, r.rejected_at FROM rejects r
                           LEFT JOIN letters l USING (doc_id)
                           WHERE l.issuer_id = $province OR l.doc_id IS NULL
                           ORDER BY r.rejected_at DESC"""),
        runs=frame("""SELECT run_id, flow, started_at, finished_at, documents_new, documents_unchanged, documents_failed, facts_added,
                             rejected FROM runs LIMIT 5"""),
    )
