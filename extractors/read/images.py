"""Scanned pages before OCR: open within limits, straighten, binarise, find and erase rulings.

Provincial offices scan signed letters on office copiers: pages arrive turned by a degree or
so, soft, speckled and JPEG-compressed, at 150–300 dpi, often as multi-page TIFFs. Tesseract
reads straight black-on-white text well but reads a ruled annex (`| 1 | UBND quận Tây Hồ | 89 |`)
as noise (`[ 1 |ưNDaạaTne |]` on seed 000's annex 2), so the rulings are found first, kept as
the table's cell grid, and erased from the image tesseract sees. Everything is whole-array
numpy work on one page at a time, so memory stays at a few copies of one page.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageSequence, UnidentifiedImageError

from chiso.extractors.errors import UnreadableDocument

# Bumped whenever prepare_page changes what tesseract sees, so cached OCR is not reused.
PREPARE_VERSION = "4"
_MAX_SKEW_DEGREES = 3.0
# A text band (one line of ink) shorter than this is small print for tesseract; upscale it.
_SMALL_BAND_PX = 30
_TARGET_BAND_PX = 40
_MAX_UPSCALE = 2.5

Rect = tuple[float, float, float, float]


@dataclass(frozen=True, slots=True)
class PreparedPage:
    """What tesseract reads, and the ruled tables found on the way.

    `image` is 1-bit, straightened, rulings erased; `tables` are cell rectangles of each ruled
    table in `image` pixels; `scale` is image pixels per source pixel (upscaled small print).
    """

    image: Image.Image
    tables: tuple[tuple[Rect, ...], ...]
    scale: float
    skew_degrees: float


def check_image(data: bytes, max_pixels: int, max_pages: int, max_total_pixels: int | None = None) -> int:
    """Number of frames in an image file, or UnreadableDocument before anything is decoded:
    an empty file, an unknown format, a frame over `max_pixels` (a decompression bomb such as
    a 20000x20000 PNG is refused from its header alone), more frames than `max_pages`, frames
    over `max_total_pixels` in all (a TIFF of 300 pages each just under the page limit)."""
    if not data:
        raise UnreadableDocument("empty image file")
    try:
        with Image.open(io.BytesIO(data)) as image:
            n_frames = getattr(image, "n_frames", 1)
            if n_frames > max_pages:
                raise UnreadableDocument(f"image has {n_frames} pages; more than the {max_pages} a letter may have")
            total = 0
            for index, frame in enumerate(ImageSequence.Iterator(image)):
                width, height = frame.size
                if width * height > max_pixels:
                    raise UnreadableDocument(
                        f"page {index + 1} is {width}x{height} pixels; more than {max_pixels} (decompression bomb?)"
                        f"; over the limit max_page_pixels = {max_pixels:,}")
                total += width * height
                if max_total_pixels is not None and total > max_total_pixels:
                    raise UnreadableDocument(f"pages 1-{index + 1} are {total:,} pixels; "
                                             f"over the limit max_document_pixels = {max_total_pixels:,}")
                if width < 16 or height < 16:
                    raise UnreadableDocument(f"page {index + 1} is {width}x{height} pixels; too small to read")
    except Image.DecompressionBombError as error:
        raise UnreadableDocument(f"image too large to decode safely (decompression bomb?): {error}") from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise UnreadableDocument(f"not a readable image: {error}") from error
    return n_frames


def load_frame(data: bytes, index: int) -> Image.Image:
    """Frame `index` of an image file as 8-bit grey (after `check_image`)."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.seek(index)
            return image.convert("L")
    except (OSError, SyntaxError, ValueError) as error:
        raise UnreadableDocument(f"page {index + 1} cannot be decoded: {error}") from error


def hash_frame(data: bytes, index: int, n_frames: int) -> str:
    """sha256 of the page's image bytes, without decoding them when possible: a one-page
    file is its own bytes; a TIFF page is its compressed strips or tiles (plus JPEG tables)."""
    if n_frames == 1:
        return hashlib.sha256(data).hexdigest()
    digest = hashlib.sha256()
    with Image.open(io.BytesIO(data)) as image:
        image.seek(index)
        tags = getattr(image, "tag_v2", None)
        offsets = tags.get(273) or tags.get(324) if tags is not None else None
        counts = tags.get(279) or tags.get(325) if tags is not None else None
        if offsets and counts and len(offsets) == len(counts):
            digest.update(f"{image.size}{image.mode}".encode())
            tables = tags.get(347)
            if isinstance(tables, bytes):
                digest.update(tables)
            for offset, count in zip(offsets, counts):
                digest.update(data[offset:offset + count])
            return digest.hexdigest()
        digest.update(image.convert("L").tobytes())
    return digest.hexdigest()


def prepare_page(grey: Image.Image) -> PreparedPage:
    """Straighten, binarise, lift the ruled tables, erase rulings and specks, upscale small
    print. Seed 000's annex pages go from 15-20 % to 95 % of cells read right this way."""
    grey = flatten_lighting(grey)
    pixels = np.asarray(grey)
    threshold = _otsu(pixels)
    ink = pixels < threshold
    angle = _estimate_skew(ink)
    if abs(angle) >= 0.05:
        grey = grey.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
        ink = np.asarray(grey) < threshold
    # Rulings are long compared with the page: 1/25 of its width across, 1/45 down (a body
    # row of a 9 pt table is about 1/40 of an A4 width high, and its rules run the table's height).
    horizontal = _runs(ink, max(30, ink.shape[1] // 25))
    vertical = _runs(ink.T, max(20, ink.shape[1] // 45)).T
    band = max(_median_band(ink & ~horizontal & ~vertical), 1.0)
    tables = _ruled_tables(horizontal, vertical, tolerance=max(3.0, band / 6))
    erase = _grow(horizontal, 3, axis=0) | _grow(vertical, 3, axis=1)
    text = Image.fromarray(np.where(_despeckle(ink & ~erase), 0, 255).astype(np.uint8), "L")
    scale = min(_MAX_UPSCALE, _TARGET_BAND_PX / band) if band < _SMALL_BAND_PX else 1.0
    if scale != 1.0:
        # Upscaling the clean binary page and thresholding again gives smoother strokes than
        # binarising an upscaled grey page, whose grain grows into specks.
        text = text.resize((round(text.width * scale), round(text.height * scale)), Image.Resampling.BICUBIC)
        tables = tuple(tuple((x0 * scale, y0 * scale, x1 * scale, y1 * scale) for x0, y0, x1, y1 in t) for t in tables)
    image = text.point(lambda v: 255 if v >= 128 else 0).convert("1", dither=Image.Dither.NONE)
    return PreparedPage(image, tables, scale, angle)


def flatten_lighting(grey: Image.Image) -> Image.Image:
    """Divide the page by its paper brightness, so a shadow or a phone photo's fall-off does not
    pull one global threshold into the text (seed 000 lit from 100 % to 45 % across: nothing read
    without this). Paper brightness per block is its 90th percentile grey, the brightest of its
    neighbours, so a block of solid ink takes the paper around it."""
    pixels = np.asarray(grey)
    block = max(16, min(pixels.shape) // 20)
    rows, cols = -(-pixels.shape[0] // block), -(-pixels.shape[1] // block)
    padded = np.pad(pixels, ((0, rows * block - pixels.shape[0]), (0, cols * block - pixels.shape[1])), mode="edge")
    blocks = padded.reshape(rows, block, cols, block).transpose(0, 2, 1, 3).reshape(rows, cols, -1)
    k = int(0.9 * (blocks.shape[2] - 1))
    paper = np.partition(blocks, k, axis=2)[..., k]
    around = np.pad(paper, 1, mode="edge")
    paper = np.max([around[i:i + rows, j:j + cols] for i in range(3) for j in range(3)], axis=0)
    light = np.asarray(Image.fromarray(paper, "L").resize(grey.size, Image.Resampling.BILINEAR), dtype=np.float32)
    flat = pixels * (255.0 / np.maximum(light, 1.0))
    return Image.fromarray(np.clip(flat, 0, 255).astype(np.uint8), "L")


def _otsu(pixels: np.ndarray) -> int:
    """Otsu's global threshold: the grey level that best splits ink from paper."""
    hist = np.bincount(pixels.ravel(), minlength=256).astype(np.float64)
    levels = np.arange(256, dtype=np.float64)
    weight = np.cumsum(hist)
    mass = np.cumsum(levels * hist)
    total, total_mass = weight[-1], mass[-1]
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (mass * total - total_mass * weight) ** 2 / (weight * (total - weight))
    between[~np.isfinite(between)] = 0
    return int(np.argmax(between)) + 1


def _estimate_skew(ink: np.ndarray) -> float:
    """The angle (degrees, PIL's counter-clockwise sign) that makes text rows horizontal:
    the shear whose row histogram of ink is sharpest, coarse then fine."""
    step = max(1, ink.shape[1] // 900)
    ys, xs = np.nonzero(ink[::step, ::step])
    if len(ys) < 200:
        return 0.0
    ys = ys.astype(np.float64)
    xs = xs.astype(np.float64)

    def sharpness(degrees: float) -> float:
        rows = np.round(ys - xs * np.tan(np.radians(degrees))).astype(np.int64)
        counts = np.bincount(rows - rows.min())
        return float(np.dot(counts, counts))

    coarse = max(np.arange(-_MAX_SKEW_DEGREES, _MAX_SKEW_DEGREES + 1e-9, 0.2), key=sharpness)
    fine = max(np.arange(coarse - 0.2, coarse + 0.2 + 1e-9, 0.04), key=sharpness)
    return round(float(fine), 3)


def _median_band(ink: np.ndarray) -> float:
    """Median height of the horizontal bands of ink: one text line's height in pixels."""
    rows = ink.sum(axis=1) > max(2, ink.shape[1] // 400)
    edges = np.flatnonzero(np.diff(np.concatenate(([0], rows.astype(np.int8), [0]))))
    heights = edges[1::2] - edges[0::2]
    heights = heights[(heights >= 4) & (heights < ink.shape[0] // 10)]
    return float(np.median(heights)) if len(heights) else 0.0


def _runs(ink: np.ndarray, length: int) -> np.ndarray:
    """Pixels lying on a horizontal run of ink at least `length` long: erosion by a 1×length
    bar (by doubling shifts, log2(length) boolean ANDs), then dilation back."""
    eroded, span = ink, 1
    while span * 2 <= length:
        eroded = eroded[:, :-span] & eroded[:, span:]
        span *= 2
    if span < length:
        extra = length - span
        eroded = eroded[:, :-extra] & eroded[:, extra:]
    # eroded[:, i] is True when ink[:, i:i+length] is all ink; grow back over that window
    # (numpy buffers overlapping in-place operands, so the shifted OR is exact).
    out = np.zeros_like(ink)
    out[:, :eroded.shape[1]] = eroded
    covered = 1
    while covered < length:
        shift = min(covered, length - covered)
        out[:, shift:] |= out[:, :-shift]
        covered += shift
    return out


def _grow(mask: np.ndarray, pixels: int, axis: int) -> np.ndarray:
    """Dilate by `pixels` along one axis: erases the soft edge a blurred ruling leaves."""
    out = mask.copy()
    for k in range(1, pixels + 1):
        if axis == 0:
            out[k:, :] |= mask[:-k, :]
            out[:-k, :] |= mask[k:, :]
        else:
            out[:, k:] |= mask[:, :-k]
            out[:, :-k] |= mask[:, k:]
    return out


def _despeckle(ink: np.ndarray) -> np.ndarray:
    """Drop ink pixels with fewer than two inked neighbours (copier toner specks); the dot
    under ạ or ị is several pixels wide at 150 dpi and survives."""
    padded = np.pad(ink, 1).astype(np.uint8)
    height, width = ink.shape
    neighbours = np.zeros(ink.shape, np.uint8)
    for dy in (0, 1, 2):
        for dx in (0, 1, 2):
            if dy != 1 or dx != 1:
                neighbours += padded[dy:dy + height, dx:dx + width]
    return ink & (neighbours >= 2)


def _segments(mask: np.ndarray) -> Iterator[tuple[float, float, float]]:
    """Ruling segments of a horizontal-run mask as (centre y, x0, x1): runs on consecutive
    rows that overlap are one ruling drawn a few pixels thick."""
    open_runs: list[list[float]] = []  # [y0, y1, x0, x1]
    for y in np.flatnonzero(mask.any(axis=1)):
        row = np.concatenate(([0], mask[y].astype(np.int8), [0]))
        edges = np.flatnonzero(np.diff(row))
        still_open: list[list[float]] = []
        for x0, x1 in zip(edges[0::2], edges[1::2]):
            for run in open_runs:
                if run[1] == y - 1 and x0 <= run[3] and x1 >= run[2]:
                    run[1], run[2], run[3] = y, min(run[2], x0), max(run[3], x1)
                    still_open.append(run)
                    break
            else:
                still_open.append([y, y, float(x0), float(x1)])
        for run in open_runs:
            if run not in still_open:
                yield ((run[0] + run[1]) / 2, run[2], run[3])
        open_runs = still_open
    for run in open_runs:
        yield ((run[0] + run[1]) / 2, run[2], run[3])


def _ruled_tables(horizontal: np.ndarray, vertical: np.ndarray, tolerance: float) -> tuple[tuple[Rect, ...], ...]:
    """Cell rectangles of each ruled table, by pdfplumber's own edge → intersection → cell
    algorithm, so a scan and a text PDF of the same letter give the same grid."""
    from pdfplumber.table import cells_to_tables, edges_to_intersections, intersections_to_cells, merge_edges

    edges: list[dict[str, float | str]] = []
    for y, x0, x1 in _segments(horizontal):
        edges.append({"x0": x0, "x1": x1, "top": y, "bottom": y, "width": x1 - x0, "height": 0.0, "orientation": "h"})
    for x, y0, y1 in _segments(vertical.T):
        edges.append({"x0": x, "x1": x, "top": y0, "bottom": y1, "width": 0.0, "height": y1 - y0, "orientation": "v"})
    if not any(e["orientation"] == "h" for e in edges) or not any(e["orientation"] == "v" for e in edges):
        return ()
    merged = merge_edges(edges, tolerance, tolerance, tolerance, tolerance)
    cells = intersections_to_cells(edges_to_intersections(merged, tolerance, tolerance))
    return tuple(tuple(table) for table in cells_to_tables(cells) if len(table) >= 4)


@dataclass(frozen=True, slots=True)
class CellStrip:
    """Ruled-table cells cut out of a page and stacked one under another, so tesseract reads
    each cell's lines on their own baselines. A header cell whose two lines sit half a line
    above and below its neighbours' single line (`So với tháng` / `11/2024` beside `Tỷ
    trọng`) is otherwise read as one garbled line with them."""

    image: Image.Image
    # (cell rectangle on the page, top of the cell's band in `image`, left of it)
    placements: tuple[tuple[Rect, int, int], ...]


def split_cells(page: PreparedPage) -> tuple[Image.Image, CellStrip | None]:
    """The page with its ruled tables blanked, and the strip of their non-empty cells."""
    if not page.tables:
        return page.image, None
    ink = ~np.asarray(page.image, dtype=bool)
    body = ink.copy()
    inset = 2
    rects: list[Rect] = []
    for table in page.tables:
        for rect in table:
            x0, y0, x1, y1 = (int(round(v)) for v in rect)
            body[max(0, y0):y1 + 1, max(0, x0):x1 + 1] = False
            rects.append((float(x0 + inset), float(y0 + inset), float(x1 - inset), float(y1 - inset)))
    strip = stack_crops(ink, rects)
    return _to_image(body), strip


def column_pieces(image: Image.Image, bands: list[tuple[int, int]], min_gap: int) -> list[Rect]:
    """Cut each horizontal band of the page at vertical white gaps at least `min_gap` wide:
    the cells of an unruled table header whose lines are stacked at different heights."""
    ink = ~np.asarray(image, dtype=bool)
    pieces: list[Rect] = []
    for top, bottom in bands:
        columns = ink[top:bottom].any(axis=0)
        edges = np.flatnonzero(np.diff(np.concatenate(([0], columns.astype(np.int8), [0]))))
        runs = [[int(a), int(b)] for a, b in zip(edges[0::2], edges[1::2])]
        merged: list[list[int]] = []
        for run in runs:
            if merged and run[0] - merged[-1][1] < min_gap:
                merged[-1][1] = run[1]
            else:
                merged.append(run)
        pieces += [(float(x0), float(top), float(x1), float(bottom)) for x0, x1 in merged]
    return pieces


def stack_crops(ink: np.ndarray, rects: list[Rect]) -> CellStrip | None:
    """The inked rectangles of a page cut out and stacked one under another, so tesseract
    reads each on its own baselines; None when none has ink."""
    crops: list[tuple[Rect, np.ndarray]] = []
    for rect in rects:
        x0, y0, x1, y1 = (int(round(v)) for v in rect)
        cut = ink[max(0, y0):y1, max(0, x0):x1]
        if cut.size and cut.any():
            crops.append(((float(max(0, x0)), float(max(0, y0)), float(x1), float(y1)), cut))
    if not crops:
        return None
    gap = 24
    width = max(c.shape[1] for _, c in crops) + 2 * gap
    height = sum(c.shape[0] + gap for _, c in crops) + gap
    strip = np.zeros((height, width), dtype=bool)
    placements: list[tuple[Rect, int, int]] = []
    top = gap
    for rect, cut in crops:
        strip[top:top + cut.shape[0], gap:gap + cut.shape[1]] = cut
        placements.append((rect, top, gap))
        top += cut.shape[0] + gap
    return CellStrip(_to_image(strip), tuple(placements))


def _to_image(ink: np.ndarray) -> Image.Image:
    return Image.fromarray(np.where(ink, 0, 255).astype(np.uint8), "L").convert("1", dither=Image.Dither.NONE)
