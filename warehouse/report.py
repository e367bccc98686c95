"""`chiso report`: one self-contained HTML page on a province for a month, for people who read
the letters rather than query them. It opens offline (Bokeh's JavaScript is embedded, nothing is
fetched), and shows the province's total and rank over time, its districts, communes and
departments ranked, its groups against their maxima and the national average, departments by
overdue dossiers, and what the data cannot vouch for (failed checks, conflicts, unresolved
names, rejected inputs, the last runs).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import duckdb
import jinja2
import numpy as np
import pandas as pd
from markupsafe import Markup
from bokeh.embed import components
from bokeh.resources import Resources

from chiso.warehouse.report_charts import Chart, chart_groups, chart_overdue, chart_ranked, chart_series, period_label
from chiso.warehouse.report_queries import ReportFrames, find_province, latest_month, parse_month, read_frames

SHOWN = 50  # rows of each data-quality table; the rest are counted
_LONGEST = 160  # characters of a cell; a rejected annex row can be a page long
# Only the plotting core is embedded (1.3 MB): the charts use no widgets, tables, WebGL or MathJax,
# which would add 2.7 MB.
_BOKEH_JS = Resources(mode="inline", components=["bokeh"])


@dataclass(frozen=True, slots=True)
class Table:
    """A data-quality table: Vietnamese title and headers, English in the note and header hovers."""

    key: str
    title: str
    note: str
    columns: tuple[tuple[str, str, str], ...]  # (frame column, Vietnamese header, English header)
    rows: pd.DataFrame

    @property
    def cells(self) -> list[list[str]]:
        """The first SHOWN rows as text: numbers as printed, lists joined, missing values blank."""
        return [[_cell(row[col]) for col, _, _ in self.columns] for row in self.rows.head(SHOWN).to_dict("records")]


@dataclass(frozen=True, slots=True)
class Report:
    path: Path
    province: str
    month: date
    charts: int
    bytes: int
    seconds: float


def write_report(db_path: Path, out: Path, province: str, period: str | None = None) -> Report:
    """Read the warehouse (read-only) and write the page to `out` (replaced in one rename)."""
    started = time.perf_counter()
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        found = find_province(con, province)
        month = parse_month(period) if period else latest_month(con, found)
        frames = read_frames(con, found, month)
    finally:
        con.close()
    name = found.name
    charts = [*chart_series(frames.series, name), *chart_ranked(frames.ranked, name), *chart_groups(frames.groups, name),
              *chart_overdue(frames.overdue, name)]
    html = render_page(frames, charts, db_path)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = out.with_name(f".{out.name}.building")
    staging.write_text(html, encoding="utf-8")
    staging.replace(out)
    return Report(out, name, month, len(charts), out.stat().st_size, time.perf_counter() - started)


def render_page(frames: ReportFrames, charts: list[Chart], db_path: Path) -> str:
    script, divs = components([c.figure for c in charts]) if charts else ("", [])
    template = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined).from_string(_PAGE)
    return template.render(
        province=frames.province.name, month=f"{frames.month:%m/%Y}", generated=f"{datetime.now():%d/%m/%Y %H:%M}", db=db_path.name,
        bokeh_js=Markup(_BOKEH_JS.render_js()), bokeh_script=Markup(script),
        charts=[(c, Markup(d)) for c, d in zip(charts, divs)],
        missing=_missing_panels(frames), tables=_quality_tables(frames), shown=SHOWN)


def _missing_panels(frames: ReportFrames) -> list[tuple[str, str]]:
    """Panels with nothing to draw for this province and month, said in words instead of an empty chart."""
    panels = [(frames.series, "Tổng điểm và thứ hạng theo thời gian", "total and rank over time"),
              (frames.ranked, "Xếp hạng quận, huyện, xã, sở, ngành trong kỳ", "units ranked for the month"),
              (frames.groups, "Điểm từng nhóm so với điểm tối đa", "group scores against their maxima"),
              (frames.overdue, "Sở, ngành theo số hồ sơ quá hạn", "departments by overdue dossiers")]
    return [(vi, en) for frame, vi, en in panels if frame.empty]


def _quality_tables(frames: ReportFrames) -> list[Table]:
    return [
        Table("checks", "Kiểm tra không đạt", "Consistency rules that failed on the province's figures (checks view): the numbers stay, "
              "the rule's reading says what does not add up.",
              (("unit_name", "Đơn vị", "Unit"), ("rule", "Quy tắc", "Rule"), ("severity", "Mức độ", "Severity"),
               ("period", "Kỳ", "Period"), ("indicator", "Chỉ tiêu", "Indicator"), ("detail", "Chi tiết", "Detail")),
              _with_period(frames.failed_checks)),
        Table("conflicts", "Số liệu không thống nhất giữa các nguồn", "Keys whose sources print different values beyond rounding "
              "(conflicts view); the chosen one follows the figures' precedence.",
              (("unit_name", "Đơn vị", "Unit"), ("period", "Kỳ", "Period"), ("indicator", "Chỉ tiêu", "Indicator"),
               ("measure", "Đại lượng", "Measure"), ("values_printed", "Các giá trị in", "Values printed"),
               ("chosen", "Giá trị chọn", "Chosen value"), ("n_facts", "Số lần in", "Facts")),
              _with_period(frames.conflicts)),
        Table("unresolved", "Tên đơn vị chưa xác định", "Unit names not matched with confidence (review_queue); their numbers wait "
              "for an alias.",
              (("published_unit", "Tên in trong văn bản", "Name as printed"), ("source_name", "Văn bản", "Letter"),
               ("reason", "Lý do", "Reason"), ("facts", "Số liệu chờ", "Facts waiting")), frames.unresolved),
        Table("rejected", "Đầu vào bị loại", "Inputs and numbers not loaded, from the province's letters or from files whose "
              "province is unknown (rejects view).",
              (("source_name", "Nguồn", "Source"), ("stage", "Bước", "Stage"), ("reason", "Lý do", "Reason"),
               ("raw_text", "Văn bản gốc", "Raw text")), frames.rejected),
        Table("runs", "Các lần chạy gần nhất", "The last runs that loaded the warehouse (runs view).",
              (("started_at", "Bắt đầu", "Started"), ("flow", "Luồng", "Flow"), ("documents_new", "Văn bản mới", "New letters"),
               ("documents_unchanged", "Không đổi", "Unchanged"), ("documents_failed", "Lỗi", "Failed"),
               ("facts_added", "Số liệu nạp", "Facts added"), ("rejected", "Bị loại", "Rejected")), frames.runs),
    ]


def _cell(value: object) -> str:
    if isinstance(value, (list, tuple, np.ndarray)):
        return ", ".join(_cell(v) for v in value)
    if value is None or value is pd.NaT or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, str) and len(value) > _LONGEST:
        return value[:_LONGEST] + "…"
    if isinstance(value, (datetime, pd.Timestamp)):
        return f"{value:%d/%m/%Y %H:%M}"
    return str(value)


def _with_period(rows: pd.DataFrame) -> pd.DataFrame:
    return rows.assign(period=[period_label(g, s) for g, s in zip(rows["period_grain"], rows["period_start"])])


_PAGE = """<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ province }}: báo cáo chỉ số tháng {{ month }}</title>
<style>
  body { font-family: "DejaVu Sans", Arial, sans-serif; margin: 0 auto; max-width: 1100px; padding: 16px 24px; color: #1c2833; }
  h1 { font-size: 22px; margin-bottom: 2px; } h2 { font-size: 17px; margin: 28px 0 4px; border-bottom: 1px solid #d5dbdb; }
  .sub, .note { color: #566573; font-size: 12px; } .note { margin: 2px 0 6px; font-style: italic; }
  .chart { margin: 12px 0 22px; } .chart h3 { font-size: 14px; margin: 0; }
  .badges span { display: inline-block; margin: 4px 8px 4px 0; padding: 4px 10px; border-radius: 12px; background: #eaf2f8; font-size: 13px; }
  .badges span.bad { background: #fdedec; }
  table { border-collapse: collapse; font-size: 12px; width: 100%; margin-bottom: 6px; }
  th, td { border: 1px solid #d5dbdb; padding: 3px 6px; text-align: left; vertical-align: top; } th { background: #f4f6f6; cursor: help; }
  td { max-width: 420px; overflow-wrap: anywhere; }
</style>
{{ bokeh_js }}
</head>
<body>
<h1>{{ province }}: kết quả các chỉ số, tháng {{ month }}</h1>
<div class="sub" title="Province report for the month: service index, PAR INDEX and SIPAS results as printed in the letters">
  Báo cáo từ kho dữ liệu {{ db }}, lập lúc {{ generated }}. <i>Province report built from the warehouse's trusted figures;
  hover a chart for English labels and exact values.</i></div>
{% for chart, div in charts %}
<div class="chart" id="{{ chart.key }}">
  <h3>{{ chart.title }}</h3>
  <div class="note">{{ chart.note }}</div>
  {{ div }}
</div>
{% endfor %}
{% if missing %}
<h2>Không có số liệu trong kỳ</h2>
<div class="note">Panels with no figures for this province and month: nothing printed, so nothing drawn.</div>
<ul>{% for vi, en in missing %}<li>{{ vi }} <span class="note">({{ en }})</span></li>{% endfor %}</ul>
{% endif %}
<h2 id="quality">Chất lượng dữ liệu</h2>
<div class="note">Data quality: what the warehouse cannot vouch for. Counts cover the province; tables show the first {{ shown }} rows.</div>
<div class="badges">{% for t in tables %}<span class="{{ 'bad' if t.rows|length and t.key != 'runs' else '' }}" title="{{ t.note }}">{{ t.title }}: <b>{{ t.rows|length }}</b></span>{% endfor %}</div>
{% for t in tables %}
<h3 id="{{ t.key }}">{{ t.title }} ({{ t.rows|length }})</h3>
<div class="note">{{ t.note }}</div>
{% if t.rows|length %}
<table><tr>{% for col, vi, en in t.columns %}<th title="{{ en }}">{{ vi }}</th>{% endfor %}</tr>
{% for row in t.cells %}<tr>{% for cell in row %}<td>{{ cell }}</td>{% endfor %}</tr>
{% endfor %}</table>
{% if t.rows|length > shown %}<div class="note">… {{ t.rows|length - shown }} more (SELECT from the view named above).</div>{% endif %}
{% else %}<div class="note">Không có (none).</div>{% endif %}
{% endfor %}
{{ bokeh_script }}
</body>
</html>
"""
