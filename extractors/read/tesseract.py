"""Tesseract run in-process through its C API (libtesseract, by ctypes), one engine per worker.

Running the `tesseract` program per image (pytesseract) costs, besides the recognition, a
process start, loading the `vie` model (~0.3 s), and a PNG written and decoded again; a page
with a ruled annex takes three runs (body, stacked header, cell strip). Here each worker
thread borrows an engine that loaded its model once, hands it the page's grey pixels as they
are in memory, and reads the same TSV the program prints. ctypes releases the GIL during the
call, so two threads read two pages on two cores.

Tesseract's own OpenMP threads fight each other across parallel readers; OMP_THREAD_LIMIT=1
is set before the library (and OpenMP with it) is loaded. The engine keeps tesseract's default
variables: `tessedit_do_invert=0` saved 3 % of its time on the bundled scans and lost the
Roman section codes of a turned SIPAS annex (metamorphic F1 0.47).
"""

from __future__ import annotations

import atexit
import ctypes
import os
import queue
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from ctypes import c_char_p, c_int, c_void_p
from dataclasses import dataclass
from functools import cache

from PIL import Image

from chiso.extractors.errors import UnreadableDocument

# What the `tsv` config of the program prints first; the C API gives the rows alone.
_TSV_HEADER = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"


class TesseractTimeout(RuntimeError):
    """A page took tesseract longer than its deadline."""


@dataclass(frozen=True, slots=True)
class EngineSpec:
    """What an engine is loaded with: language, OCR engine mode, page segmentation mode."""

    lang: str
    oem: int
    psm: int

    def describe(self) -> str:
        """`vie|--oem 1 --psm 6`: the program's equivalent options (part of the OCR cache key)."""
        return f"{self.lang}|--oem {self.oem} --psm {self.psm}"


@cache
def _library() -> ctypes.CDLL:
    """libtesseract with the C signatures used here; UnreadableDocument when not installed."""
    os.environ["OMP_THREAD_LIMIT"] = "1"
    try:
        lib = ctypes.CDLL("libtesseract.so.5")
    except OSError as error:
        raise UnreadableDocument("OCR unavailable: libtesseract 5 is not installed") from error
    signatures: dict[str, tuple[list[type], type | None]] = {
        "TessVersion": ([], c_char_p),
        "TessBaseAPICreate": ([], c_void_p),
        "TessBaseAPIInit2": ([c_void_p, c_char_p, c_char_p, c_int], c_int),
        "TessBaseAPISetPageSegMode": ([c_void_p, c_int], None),
        "TessBaseAPISetImage": ([c_void_p, c_char_p, c_int, c_int, c_int, c_int], None),
        "TessBaseAPIRecognize": ([c_void_p, c_void_p], c_int),
        "TessBaseAPIGetTsvText": ([c_void_p, c_int], c_void_p),
        "TessBaseAPIClear": ([c_void_p], None),
        "TessBaseAPIDelete": ([c_void_p], None),
        "TessDeleteText": ([c_void_p], None),
        "TessMonitorCreate": ([], c_void_p),
        "TessMonitorSetDeadlineMSecs": ([c_void_p, c_int], None),
        "TessMonitorDelete": ([c_void_p], None),
    }
    for name, (args, result) in signatures.items():
        function = getattr(lib, name)
        function.argtypes = args
        function.restype = result
    return lib


def version() -> str:
    """`tesseract 5.3.0`: part of the cache key, since another version reads differently."""
    return f"tesseract {_library().TessVersion().decode()}"


class _Engine:
    """One loaded model: pages are read one at a time, by whichever worker borrowed it."""

    def __init__(self, spec: EngineSpec) -> None:
        lib = _library()
        self._handle = lib.TessBaseAPICreate()
        if lib.TessBaseAPIInit2(self._handle, None, spec.lang.encode(), spec.oem) != 0:
            raise UnreadableDocument(f"OCR unavailable: tesseract could not load language {spec.lang!r}")
        lib.TessBaseAPISetPageSegMode(self._handle, spec.psm)

    def tsv(self, image: Image.Image, timeout_s: float) -> str:
        lib = _library()
        grey = image.convert("L")
        pixels = grey.tobytes()
        lib.TessBaseAPISetImage(self._handle, pixels, grey.width, grey.height, 1, grey.width)
        monitor = lib.TessMonitorCreate()
        try:
            lib.TessMonitorSetDeadlineMSecs(monitor, int(min(timeout_s, 2_000_000) * 1000))
            if lib.TessBaseAPIRecognize(self._handle, monitor) != 0:
                raise TesseractTimeout(f"tesseract gave up within {timeout_s:g} s")
            text = lib.TessBaseAPIGetTsvText(self._handle, 0)
            try:
                return _TSV_HEADER + (ctypes.string_at(text).decode("utf-8") if text else "")
            finally:
                lib.TessDeleteText(text)
        finally:
            lib.TessMonitorDelete(monitor)
            lib.TessBaseAPIClear(self._handle)


    def delete(self) -> None:
        _library().TessBaseAPIDelete(self._handle)


# Idle engines of each spec: a worker borrows one and gives it back, so a process loads a model
# once per parallel worker, not once per page or per document.
_IDLE: dict[EngineSpec, queue.SimpleQueue[_Engine]] = {}
_IDLE_LOCK = threading.Lock()


@atexit.register
def _delete_idle() -> None:
    """Free the engines before the library's own exit, which otherwise reports their models
    as leaked on stderr."""
    for idle in _IDLE.values():
        while not idle.empty():
            idle.get_nowait().delete()


@contextmanager
def _borrowed(spec: EngineSpec) -> Iterator[_Engine]:
    with _IDLE_LOCK:
        idle = _IDLE.setdefault(spec, queue.SimpleQueue())
    try:
        engine = idle.get_nowait()
    except queue.Empty:
        engine = _Engine(spec)
    try:
        yield engine
    finally:
        idle.put(engine)


def read_tsv(image: Image.Image, spec: EngineSpec, timeout_s: float) -> str:
    """Tesseract's TSV of one image (header line first, as the program prints it); raises
    TesseractTimeout past `timeout_s`."""
    with _borrowed(spec) as engine:
        return engine.tsv(image, timeout_s)
