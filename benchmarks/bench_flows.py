"""Orchestration costs: a no-op nightly run, and Prefect's overhead per document. Run by hand:

    .venv/bin/python benchmarks/bench_flows.py

A local HTTP server (127.0.0.1) serves an index page linking the text, HTML and PDF samples.
Figures printed: the first nightly (fetch + read + load), a second nightly with nothing new
(in-process, and as the `chiso nightly` command including interpreter start), and the same
documents reprocessed by the plain function vs the Prefect flow (temporary API server start
measured apart), giving the orchestration overhead per document.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from chiso.flows.runs import nightly, reprocess
from chiso.flows.sources import load_sources
from chiso.normalize.registry import load_registry

ROOT = Path(__file__).resolve().parent.parent
# The temporary Prefect server would otherwise try to send telemetry and log its failures.
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def serve(folder: Path) -> tuple[ThreadingHTTPServer, str]:
    """The folder over HTTP; SimpleHTTPRequestHandler answers If-Modified-Since with 304."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def site(folder: Path) -> list[str]:
    files = [*sorted((ROOT / "samples").glob("0*.txt")), *sorted((ROOT / "samples" / "html").glob("*.html")),
             *sorted((ROOT / "samples" / "pdf").glob("*.pdf"))]
    names = []
    for i, path in enumerate(files):
        name = f"{i:02d}_{path.name}"
        shutil.copy(path, folder / name)
        names.append(name)
    links = "".join(f'<li><a href="{n}">{n}</a></li>' for n in names)
    (folder / "index.html").write_text(f"<html><body><ul>{links}</ul></body></html>", encoding="utf-8")
    return names


def timed(action):  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "site").mkdir()
        names = site(work / "site")
        server, base = serve(work / "site")
        config = work / "sources.toml"
        config.write_text(f'[fetch]\nallowed_hosts = ["127.0.0.1"]\ndelay_s = 0\n\n[[source]]\nname = "bench"\n'
                          f'province = "-"\nkind = "index"\nurl = "{base}/index.html"\nlink_pattern = "\\\\d\\\\d_"\n', encoding="utf-8")
        sources = load_sources(config)
        registry = load_registry()
        db, archive = work / "w.duckdb", work / "archive"
        first, summary = timed(lambda: nightly(sources, db, archive, registry))
        print(f"first nightly: {len(names)} documents, {summary.documents} loaded, {summary.facts} facts in {first:.2f} s")
        noop, summary = timed(lambda: nightly(sources, db, archive, registry))
        print(f"no-op nightly (in process): {noop:.2f} s, {summary.documents} loaded, {summary.unchanged} unchanged")
        chiso = Path(sys.executable).with_name("chiso")
        command = [str(chiso), "nightly", "--config", str(config), "--db", str(db), "--archive", str(archive)]
        wall, _ = timed(lambda: subprocess.run(command, check=True, capture_output=True))
        print(f"no-op nightly (`chiso nightly`, with interpreter start): {wall:.2f} s")
        server.shutdown()

        direct, summary = timed(lambda: reprocess(db, archive, registry))
        n = summary.documents + summary.failed
        from prefect.testing.utilities import prefect_test_harness

        start, harness = timed(lambda: prefect_test_harness().__enter__())
        from chiso.flows.scheduled import reprocess_flow

        reprocess_flow(db, archive)  # first flow run pays for Prefect's lazy set-up
        flow, _ = timed(lambda: reprocess_flow(db, archive))
        print(f"reprocess {n} documents: direct {direct:.2f} s, Prefect flow {flow:.2f} s; "
              f"overhead {(flow - direct) / n * 1000:.0f} ms per document (temporary API server start {start:.1f} s, not included)")


if __name__ == "__main__":
    main()
