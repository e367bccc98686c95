"""HTML letters (portal pages) to a Document.

Portals wrap the letter in navigation, search boxes, sidebars and footers; those are dropped
before reading. The letter's paragraphs become Lines (line_no = position among the page's text
blocks) and every `<table>` becomes a Table with its real rowspan/colspan; `<br>` inside a cell
joins with a space, so `242.300<br>(70.87%)` reads as one cell. A table a page prints as
paragraphs (pipe rows, one cell per paragraph, single-space rows) is recovered from the lines
between the `<table>`s by the shared table stage (`tables.stage.recover_between`), as in a
text file.

Only what a reader of the page sees is read: comments (`<!-- 90/100 điểm -->` is a draft, not
a result), scripts, templates and elements hidden by `hidden`, `aria-hidden` or an inline
`display:none` are dropped. A page nested deeper or holding more elements than its limits, or
a table whose rowspan/colspan would place more cells than its limit, is refused before any of
it is walked (`limits.ReadLimits`), since the walk costs its depth in stack and the grid its area.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, NavigableString, Tag

from chiso.extractors.read.decode import decode_text
from chiso.extractors.errors import UnreadableDocument
from chiso.extractors.model import Block, Cell, Document, Extractor, Line, Provenance, Table
from chiso.extractors.phrases import BOILERPLATE_MARKERS, DATE_LINE, ISO_DATE, PUBLISHED_LINE
from chiso.extractors.read.limits import ReadLimits, split_long_line
from chiso.extractors.read.tables.positioned import PositionedLine
from chiso.extractors.read.tables.stage import recover_between
from chiso.extractors.rows import count_header_rows
from chiso.normalize.text import fold, normalize_text

_DROP_TAGS = ("script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "iframe", "svg", "button", "select")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_BLOCK_TAGS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "section", "article", "dd", "dt", "tr", "td", "th", "center"}
_PROSE_CELL = 400
_DATE_META = ("article:published_time", "og:published_time", "datepublished", "dc.date", "dc.date.issued", "dcterms.date",
              "dcterms.issued", "pubdate", "publishdate", "publish-date", "date", "article:modified_time", "og:updated_time")
_DATE_LINE = 60
# Where a portal prints other items' dates: menus, sidebars, footers, related news (the page's
# boilerplate less its header and breadcrumb, where the page's own date stands).
_OTHER_ITEM_TAGS = frozenset(("nav", "aside", "footer"))
_OTHER_ITEM_MARKERS = ("menu", "nav", "sidebar", "side-bar", "footer", "related", "lien-quan", "tin-khac", "widget", "other")
_CONTENT_HINTS = ("content", "article", "detail", "noidung", "news-body", "post", "entry", "van-ban", "vanban")


def read_html(data: bytes, doc_id: str, source_name: str, limits: ReadLimits | None = None) -> Document:
    """Read a portal page; only the letter's content element is kept."""
    limits = limits or ReadLimits()
    soup = BeautifulSoup(decode_text(data), "lxml")
    check_tree(soup, limits)
    published = _printed_date(soup) or _metadata_date(soup)
    for tag in soup(_DROP_TAGS):
        tag.decompose()
    for tag in soup.find_all(_is_hidden):
        tag.decompose()
    for tag in soup.find_all(_is_boilerplate):
        tag.decompose()
    root = _find_content(soup)
    if root is None:
        raise UnreadableDocument("HTML page without a body")
    blocks: list[Block] = []
    _walk(root, blocks, [], limits)
    lines_and_tables = [PositionedLine(b.raw, b.prov) if isinstance(b, Line) else b for b in blocks]
    return Document(doc_id, source_name, Extractor.HTML, recover_between(lines_and_tables), published_text=published)


def _printed_date(soup: BeautifulSoup) -> str | None:
    """The page's date line as printed (`Thứ Hai, 03/10/2022 08:30`), wherever the portal put
    it (often in the article's header, which reading drops), but never another item's date: a
    sidebar's, a menu's or a list of other news (`<li><a>…</a> <span>24/09/2025</span></li>`)."""
    for string in soup.find_all(string=True):
        if _in_other_items(string):
            continue
        text = fold(normalize_text(str(string)))
        if len(text) <= _DATE_LINE and (m := PUBLISHED_LINE.pattern.match(text) or DATE_LINE.pattern.match(text)):
            return f"{int(m['d']):02d}/{int(m['m']):02d}/{m['y']}"
    return None


def _in_other_items(string: NavigableString) -> bool:
    """A string in a list item with a link (another article's), a menu, sidebar, footer or box
    of other news: not this page's."""
    for tag in string.parents:
        if tag.name in _OTHER_ITEM_TAGS or tag.name == "li" and tag.find("a") is not None:
            return True
        if any(m in _marks(tag) for m in _OTHER_ITEM_MARKERS):
            return True
    return False


def _metadata_date(soup: BeautifulSoup) -> str | None:
    """`article:published_time`, Dublin Core, schema.org or `<time datetime>`: `2024-06-14T08:00+07:00` → `14/06/2024`."""
    values = [str(tag.get("content") or "") for tag in soup.find_all("meta")
              if str(tag.get("property") or tag.get("name") or tag.get("itemprop") or "").lower() in _DATE_META]
    values += [str(tag.get("datetime") or "") for tag in soup.find_all("time")]
    for value in values:
        if m := ISO_DATE.pattern.match(fold(value.strip())):
            return f"{m['d']}/{m['m']}/{m['y']}"
        if m := PUBLISHED_LINE.pattern.match(fold(value.strip())):
            return f"{int(m['d']):02d}/{int(m['m']):02d}/{m['y']}"
    return None


def check_tree(soup: BeautifulSoup, limits: ReadLimits) -> None:
    """Refuse a page nested deeper than `max_html_depth` or with more than `max_html_nodes`
    elements, in one pass that never recurses (a page nested 5,000 deep is counted, not walked)."""
    depth: dict[int, int] = {id(soup): 0}
    nodes = 0
    for node in soup.descendants:
        if not isinstance(node, Tag):
            continue
        nodes += 1
        level = depth[id(node.parent)] + 1
        depth[id(node)] = level
        limits.check("max_html_nodes", nodes, "HTML element count")
        limits.check("max_html_depth", level, "HTML nesting depth")


def _is_hidden(tag: Tag) -> bool:
    """An element the browser does not show: `hidden`, `aria-hidden="true"`, `display:none`."""
    if not isinstance(tag, Tag) or tag.attrs is None:
        return False
    return ("hidden" in tag.attrs or str(tag.get("aria-hidden") or "").lower() == "true"
            or bool(_HIDDEN_STYLE.search(str(tag.get("style") or ""))))


def _is_boilerplate(tag: Tag) -> bool:
    if not isinstance(tag, Tag) or tag.attrs is None:
        return False
    marks = _marks(tag)
    return bool(marks) and any(m in marks for m in BOILERPLATE_MARKERS) and tag.name not in ("html", "body", "table", "article")


def _marks(tag: Tag) -> str:
    """What a page's markup calls an element: its id, classes and role, lower-cased."""
    if not tag.attrs:
        return ""
    return " ".join([tag.get("id") or "", *(tag.get("class") or []), tag.get("role") or ""]).lower()


def _find_content(soup: BeautifulSoup) -> Tag | None:
    """The `<article>` or content-like element holding most of the page's text, else body."""
    candidates = soup.find_all("article")
    candidates += [t for t in soup.find_all(["div", "section", "main"]) if _looks_like_content(t)]
    body = soup.body or soup
    if not candidates:
        return body if isinstance(body, Tag) else None
    best = max(candidates, key=lambda t: len(t.get_text(" ", strip=True)))
    total = len(body.get_text(" ", strip=True)) if isinstance(body, Tag) else 0
    return best if len(best.get_text(" ", strip=True)) > 0.3 * total else body  # type: ignore[return-value]


def _looks_like_content(tag: Tag) -> bool:
    marks = " ".join([tag.get("id") or "", *(tag.get("class") or [])]).lower()
    return tag.name == "main" or any(h in marks for h in _CONTENT_HINTS)


def _walk(node: Tag, blocks: list[Block], pending: list[str], limits: ReadLimits) -> None:
    """Depth-first: text accumulates into `pending` until a block boundary flushes a Line.
    Comments, CDATA and processing instructions are NavigableString subclasses: not text."""
    for child in node.children:
        if isinstance(child, Tag):
            if child.name == "table" and _is_layout_table(child):
                _flush(pending, blocks, limits)
                _walk(child, blocks, pending, limits)
                _flush(pending, blocks, limits)
            elif child.name == "table":
                _flush(pending, blocks, limits)
                blocks.append(_read_table(child, len(blocks) + 1, limits))
            elif child.name == "br":
                _flush(pending, blocks, limits)
            elif child.name in _BLOCK_TAGS:
                _flush(pending, blocks, limits)
                _walk(child, blocks, pending, limits)
                _flush(pending, blocks, limits)
            else:
                _walk(child, blocks, pending, limits)
        elif type(child) is NavigableString:
            pending.append(str(child))


def _is_layout_table(table: Tag) -> bool:
    """A table used for page layout, not data: its cells hold paragraphs, other tables or
    prose (old portals wrap the whole letter in one)."""
    for cell in table.find_all(["td", "th"]):
        if cell.find_parent("table") is not table:
            continue
        if cell.find(["table", "p", "div", "ul", "h1", "h2", "h3"]) is not None or len(cell.get_text(" ", strip=True)) > _PROSE_CELL:
            return True
    return False


def _flush(pending: list[str], blocks: list[Block], limits: ReadLimits) -> None:
    raw = "".join(pending)
    pending.clear()
    for piece in split_long_line(raw.strip(), limits.max_line_chars):
        text = normalize_text(piece)
        if text:
            blocks.append(Line(text, piece.strip(), Provenance(line_no=len(blocks) + 1)))


def _read_table(table: Tag, block_no: int, limits: ReadLimits) -> Table:
    """Place cells on a grid honouring rowspan/colspan; header = `<th>`/`<thead>` rows, or the
    rows before the first data row when the table starts with an STT header."""
    rows = [tr for tr in table.find_all("tr") if tr.find_parent("table") is table]
    taken: set[tuple[int, int]] = set()
    placed: list[tuple[str, int, int, int, int, bool]] = []
    for r, tr in enumerate(rows):
        c = 0
        for td in tr.find_all(["td", "th"], recursive=False):
            while (r, c) in taken:
                c += 1
            rs, cs = _span(td.get("rowspan")), _span(td.get("colspan"))
            text = normalize_text(td.get_text(" "))
            is_th = td.name == "th" or tr.find_parent("thead") is not None
            placed.append((text, r, c, rs, cs, is_th))
            taken.update((r + i, c + j) for i in range(rs) for j in range(cs))
            limits.check("max_table_cells", len(taken), f"table {block_no}: cells placed by rowspan/colspan")
            c += cs
    n_rows = max((r + rs for _, r, _, rs, _, _ in placed), default=0)
    n_cols = max((c + cs for _, _, c, _, cs, _ in placed), default=0)
    limits.check("max_table_cells", n_rows * n_cols, f"table {block_no}: grid of {n_rows}x{n_cols} cells")
    texts = [["" for _ in range(n_cols)] for _ in range(n_rows)]
    for text, r, c, _, _, _ in placed:
        texts[r][c] = text
    n_header = max(count_header_rows(texts) if texts else 0, _count_th_rows(placed))
    cells = tuple(Cell(text, r, c, rs, cs, is_header=r < n_header) for text, r, c, rs, cs, _ in placed if text)
    provs = tuple(Provenance(line_no=block_no, row_no=r + 1) for r in range(n_rows))
    return Table(cells, n_rows, n_cols, provs)


def _count_th_rows(placed: list[tuple[str, int, int, int, int, bool]]) -> int:
    n = 0
    while any(r == n for _, r, _, _, _, _ in placed) and all(th for _, r, _, _, _, th in placed if r == n):
        n += 1
    return n


def _span(value: object) -> int:
    try:
        return max(1, min(50, int(str(value)))) if value is not None else 1
    except ValueError:
        return 1
