"""The report's charts, drawn with Bokeh: Vietnamese titles and axes for the people who read the
letters (People's Committee offices, the press), English in the hover and the notes for
researchers. Bokeh because its JavaScript ships inside the Python package (bokeh.min.js, 1.3
MB), so the page embeds it and opens offline; Plotly's bundle alone is over 3 MB.

Each function turns one panel's frame into charts; an empty frame gives none, and the page says
the panel has no figures for the month instead of drawing an empty chart.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
from bokeh.models import ColumnDataSource, DatetimeTickFormatter, HoverTool
from bokeh.plotting import figure

FAMILY_VI = {"service_index": "Chỉ số phục vụ người dân, doanh nghiệp", "par_index": "Chỉ số cải cách hành chính (PAR INDEX)",
             "sipas": "Chỉ số hài lòng (SIPAS)"}
FAMILY_EN = {"service_index": "Service index for citizens and businesses (Decision 766/QĐ-TTg)",
             "par_index": "Public administration reform index (PAR INDEX)", "sipas": "Satisfaction with public administrative services (SIPAS)"}
GRAIN_VI = {"week": "tuần", "month": "tháng", "quarter": "quý", "year": "năm"}
LEVEL_VI = {"district": "Quận, huyện, thị xã, thành phố thuộc tỉnh", "commune": "Xã, phường, đặc khu", "department": "Sở, ban, ngành"}
LEVEL_EN = {"district": "districts", "commune": "communes and wards", "department": "departments"}
COLOURS = ("#1f6f8b", "#c0392b", "#7d5ba6", "#2e8b57", "#d68910", "#5d6d7e")
_ROW = 24  # pixels per bar of a ranking


@dataclass(frozen=True, slots=True)
class Chart:
    """One chart of the page: its Vietnamese title, the English note beneath, the Bokeh figure."""

    key: str
    title: str
    note: str
    figure: figure


def period_label(grain: str, start: date) -> str:
    """A period as the letters print it: 12/2024, quý 1/2024, năm 2022, tuần 02/12/2024."""
    if grain == "month":
        return f"{start:%m/%Y}"
    if grain == "quarter":
        return f"quý {(start.month - 1) // 3 + 1}/{start.year}"
    if grain == "year":
        return f"năm {start.year}"
    return f"tuần {start:%d/%m/%Y}"


def _figure(height: int, **kwargs: object) -> figure:
    fig = figure(height=height, sizing_mode="stretch_width", toolbar_location="right", tools="save,reset", **kwargs)
    fig.title.text_font_size = "13px"
    fig.xaxis.major_label_text_font_size = fig.yaxis.major_label_text_font_size = "12px"
    return fig


def _time_figure(height: int, series: pd.DataFrame, **kwargs: object) -> figure:
    """A time axis padded half a year each side, ticking in years and months: a province with one
    yearly result (Thừa Thiên Huế 2022) otherwise gets an axis of microseconds around one point."""
    start, end = pd.Timestamp(series["period_start"].min()), pd.Timestamp(series["period_start"].max())
    fig = _figure(height, x_axis_type="datetime", x_range=(start - pd.DateOffset(months=6), end + pd.DateOffset(months=6)), **kwargs)
    fig.xaxis.formatter = DatetimeTickFormatter(days="%d/%m/%Y", months="%m/%Y", years="%Y")
    return fig


def _draw_lines(fig: figure, series: pd.DataFrame, y: str, colours: dict[tuple[str, str], str]) -> None:
    """One line with its points per index family and grain, named in Vietnamese in the legend."""
    for (family, grain), rows in series.groupby(["index_family", "period_grain"], sort=True):
        source, colour = _source(_with_labels(rows, family)), colours[(family, grain)]
        label = f"{FAMILY_VI.get(family, family)} ({GRAIN_VI.get(grain, grain)})"
        fig.line("period_start", y, source=source, color=colour, line_width=2, legend_label=label)
        fig.scatter("period_start", y, source=source, color=colour, size=8, legend_label=label)


def chart_series(series: pd.DataFrame, province: str) -> list[Chart]:
    """The province's total and rank over time, one line per index family and grain."""
    charts = []
    # One colour per index and grain in both charts, though the rank chart may lack some of them.
    colours = {key: COLOURS[i % len(COLOURS)] for i, key in enumerate(sorted(set(zip(series["index_family"], series["period_grain"]))))}
    scored = series[series["total_score"].notna()]
    if len(scored):
        fig = _time_figure(350, scored, y_axis_label="Điểm", y_range=(0, float(scored["total_max"].fillna(100).max()) * 1.02))
        _draw_lines(fig, scored, "total_score", colours)
        fig.add_tools(HoverTool(tooltips=[("Kỳ", "@period_vi"), ("Điểm", "@total_score{0.00} / @total_max{0}"),
                                          ("Tăng/giảm", "@delta{+0.00}"), ("Index", "@family_en"), ("Period grain", "@period_grain")]))
        _legend(fig)
        charts.append(Chart("series-score", f"{province}: tổng điểm theo thời gian",
                            "Total score of each index over time, as printed in the letters (figures view; one trusted value per period). "
                            "Hover a point for the English index name and the change printed.", fig))
    ranked = series[series["rank"].notna()]
    if len(ranked):
        deepest = float(ranked["rank_of"].fillna(ranked["rank"]).max())
        fig = _time_figure(310, ranked, y_axis_label="Thứ hạng", y_range=(deepest + 1, 0))
        _draw_lines(fig, ranked, "rank", colours)
        fig.add_tools(HoverTool(tooltips=[("Kỳ", "@period_vi"), ("Xếp hạng", "@rank / @rank_of"), ("Index", "@family_en"),
                                          ("Rank", "1 = best; of rank_of units ranked")]))
        _legend(fig)
        charts.append(Chart("series-rank", f"{province}: thứ hạng theo thời gian",
                            "Rank printed beside the total (1 = best, axis reversed so higher is better), out of the units ranked.", fig))
    return charts


def chart_ranked(ranked: pd.DataFrame, province: str) -> list[Chart]:
    """The province's districts, communes and departments by total score for the month, one chart
    per level and index family."""
    charts = []
    for (level, family), rows in ranked.groupby(["unit_level", "index_family"], sort=False):
        rows = _unique_names(rows.sort_values("total_score"))
        periods = sorted({period_label(g, s) for g, s in zip(rows["period_grain"], rows["period_start"])})
        fig = _figure(60 + _ROW * len(rows), y_range=list(rows["unit_name"]), x_axis_label="Tổng điểm",
                      x_range=(0, float(max(rows["total_max"].fillna(100).max(), rows["total_score"].max()))))
        source = _source(_with_labels(rows, family))
        fig.hbar(y="unit_name", right="total_score", height=0.7, source=source, color=COLOURS[0])
        fig.add_tools(HoverTool(tooltips=[("Đơn vị", "@unit_name"), ("Tổng điểm", "@total_score{0.00} / @total_max{0}"),
                                          ("Tăng/giảm", "@delta{+0.00}"), ("Xếp hạng", "@rank / @rank_of"), ("Kỳ", "@period_vi"),
                                          ("Index", "@family_en")]))
        charts.append(Chart(f"ranked-{level}-{family}",
                            f"{LEVEL_VI.get(level, level)} của {province}: {FAMILY_VI.get(family, family)}, {', '.join(periods)}",
                            f"The province's {LEVEL_EN.get(level, level)} ranked by total score ({FAMILY_EN.get(family, family)}); "
                            "best at the top. Rank is the one printed, where a letter prints it.", fig))
    return charts


def chart_groups(groups: pd.DataFrame, province: str) -> list[Chart]:
    """Each group's score against its maximum and the national average, one chart per family."""
    charts = []
    for family, rows in groups.groupby("index_family", sort=True):
        rows = rows.iloc[::-1].assign(name=[f"{label[:48]}…" if len(label) > 49 else label for label in rows["label_vi"][::-1]])
        period = period_label(rows["period_grain"].iloc[0], rows["period_start"].iloc[0])
        fig = _figure(110 + 34 * len(rows), y_range=list(rows["name"]), x_axis_label="Điểm",
                      x_range=(0, float(rows[["max_score", "score", "national_average"]].max().max()) * 1.05))
        source = _source(rows)
        fig.hbar(y="name", right="max_score", height=0.75, source=source, color="#d5dbdb", legend_label="Điểm tối đa")
        bars = fig.hbar(y="name", right="score", height=0.45, source=source, color=COLOURS[0], legend_label="Điểm đạt được")
        if rows["national_average"].notna().any():
            fig.scatter(x="national_average", y="name", source=source, marker="diamond", size=13, color=COLOURS[1],
                        legend_label="Trung bình cả nước")
        fig.add_tools(HoverTool(renderers=[bars], tooltips=[
            ("Nhóm", "@label_vi"), ("Group", "@label_en"), ("Điểm", "@score{0.00} / @max_score{0.00}"),
            ("Trung bình cả nước", "@national_average{0.00}"), ("Tăng/giảm", "@delta{+0.00}")]))
        _legend(fig)
        charts.append(Chart(f"groups-{family}", f"{province}: điểm từng nhóm so với điểm tối đa, {FAMILY_VI.get(family, family)}, {period}",
                            "Each group's score (dark) against its maximum (grey) and, where the letter prints it, the national "
                            "average (red diamond). Maxima are the letter's own, else the catalogue's.", fig))
    return charts


def chart_overdue(overdue: pd.DataFrame, province: str) -> list[Chart]:
    """Departments by overdue dossiers for the month, most at the top."""
    if overdue.empty:
        return []
    rows = _unique_names(overdue.sort_values("overdue_dossiers"))
    periods = sorted({period_label(g, s) for g, s in zip(rows["period_grain"], rows["period_start"])})
    fig = _figure(60 + _ROW * len(rows), y_range=list(rows["unit_name"]), x_axis_label="Hồ sơ quá hạn",
                  x_range=(0, max(1.0, float(rows["overdue_dossiers"].max())) * 1.05))
    source = _source(rows.assign(period_vi=[period_label(g, s) for g, s in zip(rows["period_grain"], rows["period_start"])]))
    fig.hbar(y="unit_name", right="overdue_dossiers", height=0.7, source=source, color=COLOURS[4])
    fig.add_tools(HoverTool(tooltips=[("Đơn vị", "@unit_name"), ("Hồ sơ quá hạn", "@overdue_dossiers{0,0}"), ("Kỳ", "@period_vi"),
                                      ("Overdue dossiers", "dossiers handled after their deadline")]))
    return [Chart("overdue", f"Sở, ban, ngành của {province} theo số hồ sơ quá hạn, {', '.join(periods)}",
                  "Departments by overdue dossiers (hồ sơ quá hạn) in the period, as printed; most at the top.", fig)]


def _with_labels(rows: pd.DataFrame, family: str) -> pd.DataFrame:
    return rows.assign(period_vi=[period_label(g, s) for g, s in zip(rows["period_grain"], rows["period_start"])],
                       family_en=FAMILY_EN.get(family, family))


def _source(rows: pd.DataFrame) -> ColumnDataSource:
    """Columns as arrays (Bokeh's own DataFrame path calls a pandas API pandas has deprecated)."""
    return ColumnDataSource({column: rows[column].to_numpy() for column in rows.columns})


def _unique_names(rows: pd.DataFrame) -> pd.DataFrame:
    """Bars are keyed by name; two units of one name (a district and a town both called Thành phố
    Huế over the years) keep their id beside it."""
    repeated = rows["unit_name"].duplicated(keep=False)
    return rows.assign(unit_name=[f"{name} ({unit_id})" if twice else name
                                  for name, unit_id, twice in zip(rows["unit_name"], rows["unit_id"], repeated)])


def _legend(fig: figure) -> None:
    """Below the plot, where it hides no point."""
    legend = fig.legend[0]
    legend.orientation = "horizontal"
    legend.click_policy = "hide"
    legend.label_text_font_size = "11px"
    fig.add_layout(legend, "below")
