"""Publish seed letters as a provincial portal would: samples/html/<stem>.html.

Run by hand (`.venv/bin/python samples/render_html.py`); the output is committed. The page
wraps the letter in portal chrome (menu, breadcrumbs, search, sidebar, footer) that readers
must ignore, prints paragraphs as <p>, and annexes as real <table>s with the merged header
cells as rowspan/colspan, `<br>` inside long cells and `&nbsp;` in empty ones. Two markup
styles (thead/th vs td/b) so the reader meets both.
"""

from __future__ import annotations

import hashlib
import html
from pathlib import Path

from chiso.extractors.model import Line, Table
from chiso.extractors.read.text import read_text

HERE = Path(__file__).resolve().parent
SEEDS = {"000_44dc49058ad32f91": "th", "004_4fe8e530b83874ca": "b"}

CHROME_TOP = """<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>{title}</title>
<style>table{{border-collapse:collapse}} td,th{{border:1px solid #999;padding:2px 6px}}</style></head>
<body>
<header class="site-header"><div class="banner">CỔNG THÔNG TIN ĐIỆN TỬ</div>
<form class="search-box"><input name="q" placeholder="Tìm kiếm tin tức"><button>Tìm</button></form></header>
<nav class="main-menu"><ul><li><a href="/">Trang chủ</a></li><li><a href="/gioi-thieu">Giới thiệu</a></li>
<li><a href="/tin-tuc">Tin tức - Sự kiện</a></li><li><a href="/van-ban">Văn bản chỉ đạo điều hành</a></li></ul></nav>
<div class="breadcrumb"><a href="/">Trang chủ</a> &raquo; <a href="/van-ban">Văn bản</a> &raquo; Cải cách hành chính</div>
<div class="container"><div class="news-detail">
<h1 class="title">{title}</h1><p class="date">Ngày cập nhật {updated}</p>
"""
CHROME_BOTTOM = """</div>
<aside class="sidebar"><h3>Liên kết website</h3><ul><li><a href="#">Sở, ban, ngành</a></li>
<li><a href="#">UBND huyện, thị xã</a></li></ul><h3>Tin liên quan</h3>
<ul><li><a href="#">Kết quả Bộ Chỉ số tháng trước đạt 99/100 điểm (tin khác)</a></li></ul></aside></div>
<footer class="site-footer"><p>Cơ quan chủ quản: Ủy ban nhân dân. Địa chỉ: số 1 đường Lê Lợi.</p>
<p>&copy; Bản quyền thuộc Cổng thông tin điện tử. Ghi rõ nguồn khi phát hành lại.</p></footer>
</body></html>
"""


def render(stem: str, style: str) -> str:
    data = (HERE / f"{stem}.txt").read_bytes()
    doc = read_text(data, hashlib.sha256(data).hexdigest(), stem)
    lines = [b.text for b in doc.blocks if isinstance(b, Line)]
    title = next((t for t in lines if "Bộ Chỉ số" in t or "Bộ chỉ số" in t), lines[0])[:160]
    parts = [CHROME_TOP.format(title=html.escape(title), updated="09/03/2023" if style == "b" else "17/01/2025")]
    for block in doc.blocks:
        if isinstance(block, Line):
            text = html.escape(block.text)
            parts.append(f"<p><strong>{text}</strong></p>" if block.text.isupper() else f"<p>{text}</p>")
        else:
            parts.append(_table(block, style))
    parts.append(CHROME_BOTTOM)
    return "\n".join(parts)


def _table(table: Table, style: str) -> str:
    n_header = table.header_rows()
    header: dict[int, list[str]] = {}
    body: dict[tuple[int, int], str] = {}
    for cell in sorted(table.cells, key=lambda c: (c.row, c.col)):
        spans = (f' rowspan="{cell.row_span}"' if cell.row_span > 1 else "") + (f' colspan="{cell.col_span}"' if cell.col_span > 1 else "")
        text = html.escape(cell.text).replace(" - tỉnh ", "<br>- tỉnh ").replace(" (", "<br>(")
        if not cell.is_header:
            body[(cell.row, cell.col)] = f"<td{spans}>{text}</td>"
        elif style == "th":
            header.setdefault(cell.row, []).append(f"<th{spans}>{text}</th>")
        else:
            header.setdefault(cell.row, []).append(f'<td{spans} style="text-align:center"><b>{text}</b></td>')
    head_rows = [f"<tr>{''.join(header.get(r, []))}</tr>" for r in range(n_header)]
    body_rows = ["<tr>" + "".join(body.get((r, c), "<td>&nbsp;</td>") for c in range(table.n_cols)) + "</tr>"
                 for r in range(n_header, table.n_rows)]
    if n_header and style == "th":
        return "\n".join(['<table class="tbl-annex">', "<thead>", *head_rows, "</thead><tbody>", *body_rows, "</tbody></table>"])
    return "\n".join(['<table class="tbl-annex" border="1">', *head_rows, *body_rows, "</table>"])


def main() -> None:
    (HERE / "html").mkdir(exist_ok=True)
    for stem, style in SEEDS.items():
        (HERE / "html" / f"{stem}.html").write_text(render(stem, style), encoding="utf-8")


if __name__ == "__main__":
    main()
