"""Documents read by worker processes, each under a wall-time and an address-space limit, so
one bad file costs at most itself: a timeout, a MemoryError, a crash in pdfium or a killed
worker becomes that document's rejection, naming the limit, and the run goes on.

Why our own pool and not `concurrent.futures` or pebble: a document over its time must be
stopped together with the tesseract processes it started, so each worker leads its own
process group and the whole group is killed; `ProcessPoolExecutor` cannot stop one task (a
dead worker breaks the whole pool), and pebble kills the worker alone, leaving its tesseract
children running. Workers are spawned (a fresh interpreter, ~0.4 s to import the readers):
nothing is inherited from the run (no threads, no open warehouse, no address space that
would count against the worker's limit), and the run reaps them, so the operating system's
accounting (`/usr/bin/time`, `getrusage`) sees what reading cost.

The pool yields outcomes in the order of the tasks, whatever the number of workers and
whichever finishes first, so the single writer loads them in the same order and the
warehouse is the same for any `--workers`.
"""

from __future__ import annotations

import copyreg
import logging
import multiprocessing
import os
import pickle
import resource
import signal
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path
from types import MappingProxyType
from typing import Any, cast

from chiso.extractors.read.limits import ReadLimits
from chiso.flows.limits import RunLimits
from chiso.flows.reading import Outcome, Task, read_task, rejected
from chiso.normalize.registry import Registry, load_registry

log = logging.getLogger(__name__)
# A finished outcome waits for the ones before it; at most this many per worker wait.
_WINDOW_PER_WORKER = 4
# What a worker says once it has started; it has this long to say it before its document's
# time counts (a spawned interpreter importing the readers takes ~0.5 s, more on a busy machine).
_READY = "ready"
_START_ALLOWANCE_S = 60.0


def _mapping_proxy(mapping: dict[Any, Any]) -> MappingProxyType[Any, Any]:
    return MappingProxyType(mapping)


# The registry keeps read-only views (MappingProxyType), which pickle cannot send to a worker
# by itself; they travel as the dicts they wrap.
copyreg.pickle(MappingProxyType, lambda proxy: (_mapping_proxy, (dict(proxy),)))


@dataclass(frozen=True, slots=True)
class _Setup:
    """What every worker needs, sent once when it starts. The registry travels as a file, not
    in the setup: multiprocessing writes the setup to a new worker's pipe while still holding
    that pipe's other end, so a worker dying before it has read a megabyte of registry would
    leave the run blocked on the write forever; a small setup fits in the pipe's buffer."""

    registry: Path | None  # the run's registry, pickled; None: the packaged one (load_registry())
    limits: ReadLimits
    ocr_cache: Path | None
    max_memory_mb: int


def read_isolated(items: Iterable[Task | Outcome], registry: Registry | None, limits: RunLimits,
                  ocr_cache: Path | None) -> Iterator[Outcome]:
    """An outcome per item, in order: a Task is read by a worker, an Outcome (a file refused
    before reading) passes through. With `limits.workers == 0` tasks are read in this process,
    with the same error boundary but no time or memory limit. `registry` None is the packaged
    one (load_registry()), which each worker loads for itself: the run need not load it before
    its first worker starts.

    Workers start, and take their first documents, when this is called rather than when the
    first outcome is asked for: a spawned worker spends ~0.4 s importing the readers, which
    overlaps with the run preparing its warehouse on another core."""
    if limits.worker_count() == 0:
        return _read_here(items, registry, limits, ocr_cache)
    reading = _read_in_workers(items, registry, limits, ocr_cache)
    next(reading)  # up to the first documents handed out
    return cast(Iterator[Outcome], reading)


def _read_here(items: Iterable[Task | Outcome], registry: Registry | None, limits: RunLimits,
               ocr_cache: Path | None) -> Iterator[Outcome]:
    from chiso.normalize.matching import UnitMatcher  # where letters are read (flows.reading.process_bytes)

    registry = load_registry() if registry is None else registry
    matcher = UnitMatcher(registry)
    for item in items:
        yield item if isinstance(item, Outcome) else read_task(item, registry, limits.read, ocr_cache, matcher)


def _read_in_workers(items: Iterable[Task | Outcome], registry: Registry | None, limits: RunLimits,
                     ocr_cache: Path | None) -> Iterator[Outcome | None]:
    """None once the workers have their first documents, then the outcomes."""
    with tempfile.TemporaryDirectory(prefix="chiso-run-") as scratch:
        # The packaged registry (no aliases) each worker loads from its prebuilt index as fast as
        # it would unpickle it; only a run's own registry is pickled (0.05 s before the first
        # worker can start).
        pickled = None if registry is None or registry is load_registry() else Path(scratch) / "registry.pickle"
        if pickled is not None:
            pickled.write_bytes(pickle.dumps(registry))
        pool = _Pool(_Setup(pickled, limits.for_workers(), ocr_cache, limits.max_memory_mb), limits, items)
        try:
            pool.feed()
            yield None
            yield from pool.run()
        finally:
            pool.close()


class _Worker:
    """One worker process and the document it is reading."""

    def __init__(self, context: Any, setup: _Setup) -> None:
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(child, setup), daemon=True)
        with _main_module_hidden():
            self.process.start()
        child.close()
        self.job: tuple[int, Task] | None = None
        self.started = 0.0
        self.ready = False  # it has imported the readers and loaded the registry (_READY)

    def give(self, index: int, task: Task) -> None:
        self.job = (index, task)
        self.started = time.monotonic()
        self.conn.send((index, task))

    def deadline(self, timeout: float) -> float:
        """When its document is over time. A worker's start (imports, the registry) is not its
        first document's time: that clock starts when it is ready, and until then it has
        _START_ALLOWANCE_S to get there."""
        return self.started + timeout + (0.0 if self.ready else _START_ALLOWANCE_S)

    def stop(self) -> None:
        """End the worker and everything it started (it leads its own process group)."""
        if self.process.pid is not None and self.process.is_alive():
            try:
                os.killpg(self.process.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                self.process.kill()
        self.process.join()
        self.conn.close()


class _Pool:
    def __init__(self, setup: _Setup, limits: RunLimits, items: Iterable[Task | Outcome]) -> None:
        self.setup = setup
        self.limits = limits
        self.context = multiprocessing.get_context("spawn")
        self.size = limits.worker_count()
        self.workers: list[_Worker] = []  # started when a document finds every worker busy
        self.source = enumerate(items)
        self.exhausted = False
        self.pending: tuple[int, Task | Outcome] | None = None  # taken from the items, waiting for a worker
        self.done: dict[int, Outcome] = {}
        self.window = _WINDOW_PER_WORKER * self.size

    def close(self) -> None:
        for worker in self.workers:
            if worker.job is None and worker.process.is_alive():
                try:
                    worker.conn.send(None)
                except OSError:
                    pass
            worker.stop()

    def feed(self) -> None:
        """Hand documents to idle workers (starting them as needed) until every worker is busy,
        the window of finished outcomes waiting for earlier ones is full, or the items run out."""
        while not self.exhausted and len(self.done) < self.window:
            if self.pending is None:
                try:
                    self.pending = next(self.source)
                except StopIteration:
                    self.exhausted = True
                    return
            index, item = self.pending
            if isinstance(item, Task):
                worker = self._idle()
                if worker is None:
                    return
                worker.give(index, item)
            else:
                self.done[index] = item
            self.pending = None

    def run(self) -> Iterator[Outcome]:
        next_out = 0
        while True:
            self.feed()
            while next_out in self.done:
                yield self.done.pop(next_out)
                next_out += 1
            busy = [w for w in self.workers if w.job is not None]
            if not busy:
                if self.exhausted and not self.done:
                    return
                continue
            self._collect(busy, self.done)

    def _idle(self) -> _Worker | None:
        """A worker free to read, started if fewer than `size` run (a one-letter run starts one
        process, not one per core); None when all are busy."""
        idle = next((w for w in self.workers if w.job is None), None)
        if idle is None and len(self.workers) < self.size:
            idle = _Worker(self.context, self.setup)
            self.workers.append(idle)
        return idle

    def _collect(self, busy: list[_Worker], done: dict[int, Outcome]) -> None:
        """Wait for the first worker to answer, die or run out of time; record its outcome."""
        timeout = self.limits.doc_timeout_s
        first_deadline = min(w.deadline(timeout) for w in busy)
        ready = wait([w.conn for w in busy] + [w.process.sentinel for w in busy], max(0.0, first_deadline - time.monotonic()))
        for worker in busy:
            assert worker.job is not None
            index, task = worker.job
            elapsed = time.monotonic() - worker.started
            if worker.conn in ready:
                try:
                    message = worker.conn.recv()
                except (EOFError, OSError):
                    done[index] = rejected(task.source_name, task.doc_id, _death(worker, self.setup.max_memory_mb), elapsed)
                    self._replace(worker)
                    continue
                if message == _READY:  # its document's clock starts now
                    worker.ready, worker.started = True, time.monotonic()
                    continue
                _, outcome, retire = message
                done[index] = outcome
                worker.job = None
                if retire:
                    self._replace(worker)
            elif worker.process.sentinel in ready:
                worker.process.join()
                done[index] = rejected(task.source_name, task.doc_id, _death(worker, self.setup.max_memory_mb), elapsed)
                self._replace(worker)
            elif time.monotonic() >= worker.deadline(timeout):
                done[index] = rejected(task.source_name, task.doc_id,
                                       f"stopped after {elapsed:.0f} s; over the limit doc_timeout_s = {timeout:g}", elapsed)
                self._replace(worker)

    def _replace(self, worker: _Worker) -> None:
        worker.job = None
        worker.stop()
        self.workers[self.workers.index(worker)] = _Worker(self.context, self.setup)


@contextmanager
def _main_module_hidden() -> Iterator[None]:
    """A spawned process runs its parent's main module again, unless it finds none: the `chiso`
    script's imports the whole CLI (typer, rich, duckdb, the warehouse), 0.3 s of every
    worker's start that reading never uses. A worker's target lives in this module, which it
    imports by name, so hiding the main module's spec and file while it starts loses nothing."""
    main = sys.modules["__main__"]
    saved = {name: main.__dict__[name] for name in ("__spec__", "__file__") if name in main.__dict__}
    main.__spec__ = None
    main.__dict__.pop("__file__", None)
    try:
        yield
    finally:
        main.__dict__.update(saved)


def _death(worker: _Worker, max_memory_mb: int) -> str:
    code = worker.process.exitcode
    how = f"killed by {signal.Signals(-code).name}" if code is not None and code < 0 else f"exit code {code}"
    return f"the reading process died ({how}); its limit max_memory_mb = {max_memory_mb} may have been hit"


def _serve(conn: Connection, setup: _Setup) -> None:
    """A worker: its own process group (so a stop ends its tesseract children too), an
    address-space limit, then one document at a time until told to stop."""
    os.setpgrp()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    limit = setup.max_memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    from chiso.normalize.matching import UnitMatcher  # where letters are read (flows.reading.process_bytes)

    registry = load_registry() if setup.registry is None else pickle.loads(setup.registry.read_bytes())
    matcher = UnitMatcher(registry)  # names the letters of a run share are matched once per worker
    conn.send(_READY)
    while True:
        try:
            job = conn.recv()
        except EOFError:
            return
        if job is None:
            return
        index, task = job
        started = time.perf_counter()
        try:
            outcome, retire = read_task(task, registry, setup.limits, setup.ocr_cache, matcher), False
        except MemoryError:
            # The heap may be left fragmented or half-built: answer, then make way for a fresh worker.
            outcome, retire = rejected(task.source_name, task.doc_id, f"out of memory; over the limit max_memory_mb = "
                                       f"{setup.max_memory_mb}", time.perf_counter() - started), True
        conn.send((index, outcome, retire))
        if retire:
            return
