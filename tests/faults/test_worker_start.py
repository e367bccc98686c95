"""A worker that dies while starting must not block the run: multiprocessing writes a new
worker's setup into a pipe whose reading end the parent holds until the write is done, so a
setup larger than the pipe's buffer (64 KiB on Linux) would block forever once the worker is
gone. The registry therefore travels as a file and the setup stays small."""

from __future__ import annotations

import pickle

from chiso.flows.isolation import _Setup
from chiso.flows.limits import RunLimits

_PIPE_BUFFER = 64 * 1024


def test_a_workers_setup_fits_in_the_pipe_buffer_whatever_the_registry(registry, tmp_path):
    pickled = tmp_path / "registry.pickle"
    pickled.write_bytes(pickle.dumps(registry))
    limits = RunLimits()
    setup = _Setup(pickled, limits.for_workers(), tmp_path / "ocr", limits.max_memory_mb)
    assert pickled.stat().st_size > _PIPE_BUFFER  # the registry alone would not fit
    assert len(pickle.dumps(setup)) < _PIPE_BUFFER // 8
