"""A real passage in the containers it arrives in: a province's portal page and a text PDF.

The real passages (`samples/real/*.txt`) are portal items and news copied as text. The same
words reach chiso as an article page, wrapped in the portal's menu, breadcrumb, sidebar of
other news, share buttons and footer; as one `<div>` of `<br>`-joined lines with `&nbsp;`
between words and figures (what many CMSs save); as a Windows-1258 page whose charset is
named only in `<meta http-equiv>`; or printed to PDF, justified as an office prints it or
ragged-right as a browser does, drawn here or printed by Chromium itself (`pdf_browser`).
Each must give the text's facts. Every rendering drawn here is a pure function of the
passage: the same bytes on every run. Run as a script to print the F1 of every tuning passage
in every container: `.venv/bin/python tests/metamorphic/containers.py [CONTAINER ...]`.
"""

from __future__ import annotations

import csv
import html
import shutil
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from chiso.extractors.model import Cell, Document, Line, Table
from chiso.extractors.read.readers import read_document
from chiso.normalize.registry import Registry

if TYPE_CHECKING:
    from metamorphic.renderings import FactKey

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
REAL = SAMPLES / "real"

_NAV = ("Trang chủ", "Giới thiệu", "Tin tức - Sự kiện", "Chỉ đạo điều hành", "Cải cách hành chính",
        "Văn bản pháp luật", "Thủ tục hành chính", "Hỏi đáp", "Liên hệ")
_SIDEBAR = (("Hội nghị giao ban công tác cải cách hành chính quý III", "24/09/2025"),
            ("Triển khai Kế hoạch chuyển đổi số năm 2025", "18/09/2025"),
            ("Tập huấn nghiệp vụ kiểm soát thủ tục hành chính", "09/09/2025"),
            ("Công bố danh mục thủ tục hành chính mới ban hành", "28/08/2025"))
# Other news on the same index under the article: their figures are theirs, not this page's.
_RELATED = (("Chỉ số cải cách hành chính năm 2020 của tỉnh xếp thứ 12/63, đạt 84,15%", "12/05/2021"),
            ("Chỉ số SIPAS năm 2020 của tỉnh đạt 86,02%, tăng 3 bậc", "12/05/2021"))
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Printed by Chromium (`browser_printer`), not drawn by fpdf like the containers below.
BROWSER = "pdf_browser"
_PRINT_STYLE = "table { border-collapse: collapse } td, th { border: 1px solid #000; padding: 2px 4px }"
_FOOTER = ("Cơ quan chủ quản: Ủy ban nhân dân tỉnh", "Địa chỉ: Số 12 đường Trần Hưng Đạo, phường 1",
           "Điện thoại: 0233.3852.016 - Fax: 0233.3857.202", "Email: banbientap@portal.gov.vn",
           "Giấy phép số 25/GP-TTĐT ngày 12/3/2021")


def tune_passages() -> list[Path]:
    """The tuning passages with gold facts, in manifest order (the held-out ones are never read)."""
    with (REAL / "manifest.csv").open(encoding="utf-8") as rows:
        tune = [row["file"] for row in csv.DictReader(rows) if row["split"] == "tune"]
    with (SAMPLES / "gold" / "gold_real.csv").open(encoding="utf-8") as rows:
        gold = {row["source"] for row in csv.DictReader(rows)}
    return [REAL / name for name in tune if name in gold]


def read_passage(passage: Path) -> Document:
    """The passage as the text reader sees it: its lines and the tables found among them."""
    return read_document(passage.read_bytes(), passage.stem, passage.name)


def _cells_html(table: Table) -> str:
    rows = ("".join(_cell_html(c) for c in sorted((c for c in table.cells if c.row == r), key=lambda c: c.col))
            for r in range(table.n_rows))
    return '<table class="table table-bordered">' + "".join(f"<tr>{row}</tr>" for row in rows) + "</table>"


def _cell_html(cell: Cell) -> str:
    tag = "th" if cell.is_header else "td"
    return f"<{tag}{_spans(cell.row_span, cell.col_span)}>{html.escape(cell.text)}</{tag}>"


def _spans(rows: int, cols: int) -> str:
    return (f' rowspan="{rows}"' if rows > 1 else "") + (f' colspan="{cols}"' if cols > 1 else "")


def _blocks_as_paragraphs(doc: Document) -> str:
    """The title line an `<h1>`, every other line a `<p>`, each table the text reader found an
    HTML `<table>`."""
    title = _title(doc)
    return "\n".join((f'<h1 class="title">{html.escape(b.raw)}</h1>' if b is title else f"<p>{html.escape(b.raw)}</p>")
                     if isinstance(b, Line) else _cells_html(b) for b in doc.blocks)


def _page(title: Line | None, content: str, head: str) -> str:
    """The portal's chrome around the article: menu, breadcrumb, sidebar, share bar, footer."""
    nav = "".join(f'<li><a href="/{i}">{html.escape(item)}</a></li>' for i, item in enumerate(_NAV))
    side = "".join(f'<li><a href="/tin/{i}.html">{html.escape(t)}</a> <span class="date">{d}</span></li>'
                   for i, (t, d) in enumerate(_SIDEBAR))
    foot = "".join(f"<p>{html.escape(line)}</p>" for line in _FOOTER)
    related = "".join(f'<li><a href="/tin/r{i}.html">{html.escape(t)}</a> ({d})</li>' for i, (t, d) in enumerate(_RELATED))
    return (f"<!DOCTYPE html>\n<html lang=\"vi\"><head>{head}<title>{html.escape(title.raw if title else 'Tin tức')} - Cổng thông tin điện tử tỉnh</title>"
            "</head><body>\n"
            f'<div class="top-bar"><a href="/">Cổng thông tin điện tử tỉnh</a> <a href="/en">English</a></div>\n'
            f'<nav class="main-menu"><ul>{nav}</ul></nav>\n'
            '<div class="breadcrumb"><a href="/">Trang chủ</a> &gt; <a href="/tin-tuc">Tin tức - Sự kiện</a> &gt; '
            '<a href="/cchc">Cải cách hành chính</a></div>\n'
            f'<div class="container"><div class="col-md-8"><div class="news-detail">\n{content}\n'
            '<div class="share-tools"><a href="#">Chia sẻ</a> <a href="#">Facebook</a> <a href="#">Zalo</a> '
            '<a href="#">In bài viết</a> <a href="#">Gửi email</a></div>\n'
            f'<div class="related-news"><h3>Tin liên quan</h3><ul>{related}</ul></div>\n'
            f'</div></div>\n<div class="col-md-4 sidebar"><h3>Tin mới nhất</h3><ul>{side}</ul></div></div>\n'
            f"<footer>{foot}</footer>\n</body></html>\n")


def _title(doc: Document) -> Line | None:
    """The passage's headline: its first line that does not name the source."""
    return next((b for b in doc.blocks if isinstance(b, Line) and not b.raw.startswith("Nguồn:")), None)


def render_portal_article(doc: Document) -> bytes:
    """Paragraphs as `<p>` in the article's content `<div>`, `<meta charset>` given."""
    content = f'<div class="content-detail">\n{_blocks_as_paragraphs(doc)}\n</div>'
    return _page(_title(doc), content, '<meta charset="utf-8">').encode("utf-8")


def _with_nbsp(line: str) -> str:
    """`58,3 điểm` → `58,3&nbsp;điểm`: every space after a figure, and every third other space,
    unbreakable (what an editor's pasted text keeps)."""
    words = html.escape(line).split(" ")
    out = words[:1]
    for i, word in enumerate(words[1:], 1):
        out.append(("&nbsp;" if words[i - 1][-1:].isdigit() or i % 3 == 0 else " ") + word)
    return "".join(out)


def render_br_lines(doc: Document) -> bytes:
    """All lines in one `<div>`, joined by `<br>`, with `&nbsp;` between words and after figures;
    a table stays one cell per line, as a CMS that flattened it prints it."""
    content = '<div class="noidung">' + "<br>\n".join(_with_nbsp(line) for line in _lines_of(doc)) + "</div>"
    return _page(_title(doc), content, '<meta charset="utf-8">').encode("utf-8")


def _lines_of(doc: Document) -> list[str]:
    out: list[str] = []
    for block in doc.blocks:
        if isinstance(block, Line):
            out.append(block.raw)
        else:
            out += [c.text for c in sorted(block.cells, key=lambda c: (c.row, c.col))]
    return out


def render_windows_1258(doc: Document) -> bytes:
    """The article page saved in Windows-1258 (base letters precomposed, tones as combining
    marks), the charset named only in `<meta http-equiv>`."""
    from conftest import encode_windows_1258

    content = f'<div class="content-detail">\n{_blocks_as_paragraphs(doc)}\n</div>'
    page = _page(_title(doc), content, '<meta http-equiv="Content-Type" content="text/html; charset=windows-1258">')
    return encode_windows_1258(page)


def _pdf_renderer():  # type: ignore[no-untyped-def]
    """samples/render_layouts.py, whose font, page and tables every PDF here shares."""
    from metamorphic.renderings import _renderer

    return _renderer()


def _render_pdf(doc: Document, layout: str) -> bytes:
    module = _pdf_renderer()
    return module.render_layout(doc, module.LAYOUTS[layout])


def render_pdf_justified(doc: Document) -> bytes:
    """A text PDF: justified paragraphs wrapped over lines, tables ruled."""
    return _render_pdf(doc, "ruled_grid")


def render_pdf_unruled(doc: Document) -> bytes:
    """A text PDF: justified paragraphs, tables in unruled columns."""
    return _render_pdf(doc, "unruled_columns")


def render_pdf_ragged(doc: Document) -> bytes:
    """A text PDF as a browser prints a news page: paragraphs ragged-right, tables ruled."""
    return print_paragraphs(doc, "DejaVu", _pdf_renderer().BODY_SIZE, leading=1.35, gap=1.2, align="L")


def print_paragraphs(doc: Document, font: str, size: float, leading: float, gap: float, align: str,
                     font_file: Path | None = None) -> bytes:
    """The document on render_layouts' A4 page: each line a paragraph in `font` at `size` pt
    (`leading` times its size apart, `gap` mm after it, aligned `align`), tables as
    render_layouts draws them (ruled, or in columns when they have no header)."""
    module = _pdf_renderer()
    pdf = module._new_pdf()
    if font_file is not None:
        pdf.add_font(font, "", str(font_file))
    pdf.add_page()
    for block in doc.blocks:
        if isinstance(block, Line):
            pdf.set_font(font, "", size)
            pdf.multi_cell(0, size * module.PT * leading, block.text, align=align, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(gap)
        elif block.header_rows() == 0:
            module._draw_layout_table(pdf, block)
        else:
            module._draw_grid(pdf, block, module.LAYOUTS["ruled_grid"])
    return bytes(pdf.output())


@contextmanager
def browser_printer() -> Iterator[Callable[[Document], bytes]]:
    """A rendering that prints the article as a reader's browser does: Debian's Chromium (the
    report's test drives it too) saves the page as an A4 PDF, ragged-right, the title a 24 pt
    heading, tables ruled as a portal's stylesheet rules them, and every glyph its fonts lack
    drawn from a fallback font. One browser serves a whole run."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page()

        def print_pdf(doc: Document) -> bytes:
            page.set_content(f'<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8"><style>{_PRINT_STYLE}</style>'
                             f"</head><body>\n{_blocks_as_paragraphs(doc)}\n</body></html>")
            return page.pdf(format="A4", margin={side: "15mm" for side in ("top", "right", "bottom", "left")})

        try:
            yield print_pdf
        finally:
            browser.close()


# container → (rendering, file suffix the reader is chosen by)
CONTAINERS: dict[str, tuple[Callable[[Document], bytes], str]] = {
    "portal_article": (render_portal_article, ".html"),
    "br_lines_nbsp": (render_br_lines, ".html"),
    "windows_1258": (render_windows_1258, ".html"),
    "pdf_justified": (render_pdf_justified, ".pdf"),
    "pdf_unruled": (render_pdf_unruled, ".pdf"),
    "pdf_ragged": (render_pdf_ragged, ".pdf"),
}


def render_container(passage: Path, container: str) -> tuple[bytes, str]:
    """The passage's bytes in `container` and the file name it arrives under."""
    rendering, suffix = CONTAINERS[container]
    return rendering(read_passage(passage)), passage.stem + suffix


@dataclass(frozen=True, slots=True)
class Measure:
    """How one container's renderings agree with their passages' text files."""

    f1: float
    identical: int
    passages: int
    misses: tuple[str, ...]  # one report per passage whose facts differ


def measure_container(container: str, passages: Sequence[Path], oracle: dict[str, set[FactKey]],
                      registry: Registry, printer: Callable[[Document], bytes] | None = None) -> Measure:
    """Every passage drawn in `container` (or printed to PDF by `printer`) and read back,
    against its text's facts (`oracle`)."""
    from metamorphic.renderings import compare, fact_keys

    expected: set[tuple[str, ...]] = set()
    found: set[tuple[str, ...]] = set()
    misses = []
    for passage in passages:
        data, name = (printer(read_passage(passage)), passage.stem + ".pdf") if printer else render_container(passage, container)
        keys = fact_keys(data, name, registry)
        agreement = compare(oracle[passage.name], keys)
        if keys != oracle[passage.name]:
            misses.append(f"{passage.name} F1 {agreement.f1:.3f}\n{agreement.misses(4)}")
        expected |= {(passage.name, *k) for k in oracle[passage.name]}
        found |= {(passage.name, *k) for k in keys}
    return Measure(compare(expected, found).f1, len(passages) - len(misses), len(passages), tuple(misses))  # type: ignore[arg-type]


def _report(containers: list[str]) -> Iterator[str]:
    from chiso.normalize.registry import load_registry
    from metamorphic.renderings import fact_keys

    registry = load_registry()
    passages = tune_passages()
    oracle = {p.name: fact_keys(p.read_bytes(), p.name, registry) for p in passages}
    for container in containers:
        if container == BROWSER:
            with browser_printer() as printer:
                result = measure_container(container, passages, oracle, registry, printer)
        else:
            result = measure_container(container, passages, oracle, registry)
        yield from (f"{container:15} {miss}" for miss in result.misses)
        yield f"== {container:15} identical {result.identical}/{result.passages}  F1 {result.f1:.3f}"


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    for line in _report(sys.argv[1:] or [*CONTAINERS, BROWSER]):
        print(line, flush=True)
