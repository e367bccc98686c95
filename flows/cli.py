"""The `chiso` command line. Each command calls the same library functions the flows call.

One-off commands run the plain functions directly and never start Prefect (its import and
temporary API server cost seconds per process); `--prefect` runs the same work as a Prefect
flow run instead, and `serve` is the Prefect deployment for the schedule.

A command imports what only it uses when it runs. DuckDB and the warehouse code (0.2 s) are
imported by `ingest` after its reading workers have started, so the import overlaps with
their start instead of delaying it (a one-letter run waits on its worker).
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from chiso.flows.archive import RawArchive
from chiso.flows.limits import LimitsError, RunLimits, parse_limit_options
from chiso.flows.inputs import default_archive, default_ocr_cache, iter_inputs, read_inputs
from chiso.flows.reading import Outcome
from chiso.flows.sources import SourcesError, load_sources
from chiso.normalize.registry import Registry, load_registry

if TYPE_CHECKING:
    from chiso.flows.pipeline import Summary
    from chiso.warehouse.report import Report

app = typer.Typer(help="Vietnamese service-index letters to a DuckDB warehouse of typed facts.", no_args_is_help=True)
console = Console(stderr=True)

DB = typer.Option(Path("chiso.duckdb"), "--db", help="DuckDB warehouse file (created if missing).")
ALIASES = typer.Option([], "--aliases", help="Extra unit alias CSV files (unit_id,alias).")
OCR_CACHE = typer.Option(None, "--ocr-cache", help="Folder of OCR'd pages kept between runs [default: .chiso-cache/ocr beside the database].")
ARCHIVE = typer.Option(None, "--archive", help="Raw archive folder [default: chiso-archive beside the database].")
CONFIG = typer.Option(Path("sources.toml"), "--config", help="Sources file (see sources.example.toml).")
PREFECT = typer.Option(False, "--prefect", help="Run as a Prefect flow run (seen in the Prefect UI; slower to start).")
WORKERS = typer.Option(None, "--workers", help="Processes reading documents [default: one per core; 0: in this process].")
DOC_TIMEOUT = typer.Option(None, "--doc-timeout", help="Seconds one document may take to read, parse and resolve [default: 180].")
MAX_MEMORY = typer.Option(None, "--max-memory-mb", help="Address space of a reading process, in MB [default: 1536].")
LIMIT = typer.Option([], "--limit", help="A reading limit NAME=VALUE, e.g. max_text_bytes=20000000 (see README, Limits).")
DASK_ADDRESS = typer.Option(None, "--dask-address", help="Read on the Dask cluster whose scheduler is here, e.g. "
                            "tcp://HOST:8786 (as a Prefect flow run; see README, Big backfills on Dask).")
REPORT = typer.Option(None, "--report", help="After the run, write this HTML report (chiso report) on --report-province.")
REPORT_PROVINCE = typer.Option(None, "--report-province", help="Province of the report written after each run.")


def _print_version(asked: bool) -> None:
    if asked:
        from importlib.metadata import version

        typer.echo(f"chiso {version('chiso')}")
        raise typer.Exit()


@app.callback()
def main(_version: bool = typer.Option(False, "--version", callback=_print_version, is_eager=True,
                                       help="Print chiso's version and exit.")) -> None:
    """chiso: read letters (text, HTML, PDF, scans), load typed facts into DuckDB."""


@app.command("ingest")
def ingest_command(
    paths: list[Path] = typer.Argument(..., help="Letter files or folders (text, HTML, PDF, PNG/JPEG/TIFF)."),
    db: Path = DB, aliases: list[Path] = ALIASES, ocr_cache: Path | None = OCR_CACHE, archive: Path | None = ARCHIVE,
    prefect: bool = PREFECT, workers: int | None = WORKERS, doc_timeout: float | None = DOC_TIMEOUT,
    max_memory_mb: int | None = MAX_MEMORY, limit: list[str] = LIMIT,
) -> None:
    """Ingest letters into the warehouse; re-ingesting a letter replaces its facts."""
    missing = [p for p in paths if not p.exists()]
    if missing:
        raise typer.BadParameter(f"no such file or folder: {', '.join(map(str, missing))}")
    limits = _limits(RunLimits(), workers, doc_timeout, max_memory_mb, limit)
    archive_dir, cache = archive or default_archive(db), ocr_cache or default_ocr_cache(db)
    summary = _execute(
        prefect, lambda flows: flows.ingest_flow(paths, db, archive_dir, cache, tuple(aliases)),
        lambda advance: _ingest(paths, db, load_registry(tuple(aliases)) if aliases else None, limits, cache,
                                RawArchive(archive_dir), advance),
        total=len(list(iter_inputs(paths))))
    print_summary(summary, db)


def _ingest(paths: list[Path], db: Path, registry: Registry | None, limits: RunLimits, ocr_cache: Path,
            archive: RawArchive, advance: Callable[[Outcome], None]) -> Summary:
    """flows.pipeline.ingest, with the warehouse side imported once the workers are reading."""
    outcomes = read_inputs(paths, registry, limits, ocr_cache, archive)
    from chiso.flows.pipeline import Summary, publish_run

    return publish_run(db, registry, outcomes, Summary("ingest"), on_progress=advance, archive=archive)


@app.command("nightly")
def nightly_command(config: Path = CONFIG, db: Path = DB, aliases: list[Path] = ALIASES, ocr_cache: Path | None = OCR_CACHE,
                    archive: Path | None = ARCHIVE, prefect: bool = PREFECT, workers: int | None = WORKERS,
                    doc_timeout: float | None = DOC_TIMEOUT, max_memory_mb: int | None = MAX_MEMORY, limit: list[str] = LIMIT,
                    report: Path | None = REPORT, report_province: str | None = REPORT_PROVINCE) -> None:
    """Run the nightly ingestion once: collect every source, read what is new, load, publish."""
    _check_report_options(report, report_province)
    from chiso.flows.runs import nightly  # imported here: its fetcher (httpx, bs4) slows every other command

    try:
        sources = load_sources(config)
    except (OSError, SourcesError) as error:
        raise typer.BadParameter(str(error)) from error
    limits = _limits(sources.limits, workers, doc_timeout, max_memory_mb, limit)
    archive_dir, cache = archive or default_archive(db), ocr_cache or default_ocr_cache(db)
    summary = _execute(
        prefect, lambda flows: flows.nightly_flow(config, db, archive_dir, cache, tuple(aliases), report, report_province),
        lambda advance: nightly(sources, db, archive_dir, load_registry(tuple(aliases)), ocr_cache=cache, on_progress=advance,
                                limits=limits))
    print_summary(summary, db)
    if report is not None and report_province and not prefect:
        from chiso.warehouse.report import write_report  # Bokeh costs a second of import; only a report pays it
        from chiso.warehouse.report_queries import ReportError  # and pandas 0.3 s: never imported by ingest

        try:
            _print_report(write_report(db, report, report_province))
        except ReportError as error:
            console.print(f"[red]report not written:[/] {escape(str(error))}")
            raise typer.Exit(1) from error


def _check_report_options(report: Path | None, province: str | None) -> None:
    if report is not None and not province:
        raise typer.BadParameter("--report needs --report-province")


@app.command("backfill")
def backfill_command(month: str = typer.Option(..., "--month", help="YYYY-MM: the month whose letters are reread."),
                     db: Path = DB, aliases: list[Path] = ALIASES, ocr_cache: Path | None = OCR_CACHE,
                     archive: Path | None = ARCHIVE, prefect: bool = PREFECT, workers: int | None = WORKERS,
                     doc_timeout: float | None = DOC_TIMEOUT, max_memory_mb: int | None = MAX_MEMORY, limit: list[str] = LIMIT,
                     dask_address: str | None = DASK_ADDRESS) -> None:
    """Reread one month's letters from the raw archive (no network) and replace their facts."""
    from chiso.flows.runs import MONTH, backfill

    if not MONTH.fullmatch(month):
        raise typer.BadParameter(f"month must be YYYY-MM, not {month!r}")
    limits = _limits(RunLimits(), workers, doc_timeout, max_memory_mb, limit)
    archive_dir, cache = archive or default_archive(db), ocr_cache or default_ocr_cache(db)
    summary = _execute(
        prefect or bool(dask_address), lambda flows: flows.backfill_flow(month, db, archive_dir, cache, tuple(aliases), dask_address, limits),
        lambda advance: backfill(month, db, archive_dir, load_registry(tuple(aliases)), ocr_cache=cache, on_progress=advance,
                                 limits=limits))
    print_summary(summary, db)


@app.command("reprocess")
def reprocess_command(db: Path = DB, aliases: list[Path] = ALIASES, ocr_cache: Path | None = OCR_CACHE,
                      archive: Path | None = ARCHIVE, prefect: bool = PREFECT, workers: int | None = WORKERS,
                      doc_timeout: float | None = DOC_TIMEOUT, max_memory_mb: int | None = MAX_MEMORY,
                      limit: list[str] = LIMIT, dask_address: str | None = DASK_ADDRESS) -> None:
    """Reread every archived document (after a parser change) and replace their facts."""
    from chiso.flows.runs import reprocess

    limits = _limits(RunLimits(), workers, doc_timeout, max_memory_mb, limit)
    archive_dir, cache = archive or default_archive(db), ocr_cache or default_ocr_cache(db)
    summary = _execute(
        prefect or bool(dask_address), lambda flows: flows.reprocess_flow(db, archive_dir, cache, tuple(aliases), dask_address, limits),
        lambda advance: reprocess(db, archive_dir, load_registry(tuple(aliases)), ocr_cache=cache, on_progress=advance,
                                  limits=limits))
    print_summary(summary, db)


def _limits(base: RunLimits, workers: int | None, doc_timeout: float | None, max_memory_mb: int | None,
            options: list[str]) -> RunLimits:
    """The run's limits: the sources file's (or the defaults), then the command line's."""
    given: dict[str, object] = {name: value for name, value in (("workers", workers), ("doc_timeout_s", doc_timeout),
                                                                 ("max_memory_mb", max_memory_mb)) if value is not None}
    try:
        return base.with_settings({**given, **parse_limit_options(options)})
    except LimitsError as error:
        raise typer.BadParameter(str(error)) from error


def _execute(prefect: bool, as_flow: Callable[[ModuleType], Summary], directly: Callable[[Callable[[Outcome], None]], Summary],
             total: int | None = None) -> Summary:
    """One run: as a Prefect flow run when asked (importing Prefect only then, since it costs
    seconds), otherwise the plain functions behind a progress bar."""
    with _run_errors():
        if prefect:
            from chiso.flows import scheduled

            return as_flow(scheduled)
        with _progress(total) as advance:
            return directly(advance)


@app.command("serve")
def serve_command(config: Path = CONFIG, db: Path = DB, ocr_cache: Path | None = OCR_CACHE, archive: Path | None = ARCHIVE,
                  cron: str = typer.Option("0 2 * * *", "--cron", help="When the nightly run starts (cron syntax)."),
                  timezone: str = typer.Option("Asia/Ho_Chi_Minh", "--timezone", help="Time zone of the cron schedule."),
                  port: int = typer.Option(4200, "--port", help="Port of the local Prefect server started when PREFECT_API_URL is unset."),
                  report: Path | None = REPORT, report_province: str | None = REPORT_PROVINCE) -> None:
    """Serve the nightly deployment on its schedule until interrupted (Ctrl-C)."""
    _check_report_options(report, report_province)
    try:
        load_sources(config)
    except (OSError, SourcesError) as error:
        raise typer.BadParameter(str(error)) from error
    from chiso.flows.scheduled import serve_nightly

    serve_nightly(config, db, archive or default_archive(db), ocr_cache or default_ocr_cache(db), cron=cron, timezone=timezone, port=port,
                  report_path=report, report_province=report_province)


@app.command("runs")
def runs_command(db: Path = DB, last: int = typer.Option(10, "--last", help="How many runs to show.")) -> None:
    """The latest runs recorded in the warehouse."""
    if not db.exists():
        raise typer.BadParameter(f"no such warehouse: {db}")
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute("SELECT run_id, flow, started_at, finished_at, post_load_seconds, documents_new, documents_unchanged, "
                           "documents_failed, facts_added, facts_replaced, rejected FROM runs LIMIT ?", [last]).fetchall()
    finally:
        con.close()
    table = Table("run", "flow", "started", "seconds", "post-load", "new", "unchanged", "failed", "facts", "replaced", "rejected",
                  title="runs")
    for run_id, flow, started, finished, post_load, *counts in rows:
        table.add_row(run_id, flow, f"{started:%Y-%m-%d %H:%M}", f"{(finished - started).total_seconds():.1f}",
                      "" if post_load is None else f"{post_load:.2f}", *map(str, counts))
    Console().print(table)


@app.command("sql")
def sql_command(query: str = typer.Argument(..., help="One SQL statement, e.g. \"SELECT * FROM rejects\"."), db: Path = DB) -> None:
    """Run one query on the warehouse, read-only, and print the rows as CSV. A read-only
    session never blocks a run nor loses anything when a run publishes."""
    if not db.exists():
        raise typer.BadParameter(f"no such warehouse: {db}")
    import duckdb

    try:
        con = duckdb.connect(str(db), read_only=True)
    except duckdb.Error as error:
        raise typer.BadParameter(f"cannot open {db} read-only: {error}") from error
    try:
        cursor = con.execute(query)
        names = [column[0] for column in cursor.description or ()]
        rows = cursor.fetchall() if names else []
    except duckdb.Error as error:
        raise typer.BadParameter(str(error)) from error
    finally:
        con.close()
    writer = csv.writer(sys.stdout)
    writer.writerow(names)
    writer.writerows(rows)


@app.command("export")
def export_command(db: Path = DB, out: Path = typer.Option(..., "--out", help="Folder to write (replaced whole if it is an earlier export)."),
                   file_format: str = typer.Option("parquet", "--format", help="parquet or csv.")) -> None:
    """Write facts, figures, scorecard, units, unit_lineage, indicators and checks as files, with datapackage.json."""
    if not db.exists():
        raise typer.BadParameter(f"no such warehouse: {db}")
    from chiso.warehouse.export import ExportError, export_views

    try:
        exported = export_views(db, out, file_format)
    except ExportError as error:
        raise typer.BadParameter(str(error)) from error
    table = Table("view", "rows", "files", title=f"{file_format} export → {out}")
    for e in exported:
        table.add_row(e.view, f"{e.rows:,}", str(e.files))
    Console().print(table)


@app.command("report")
def report_command(db: Path = DB, out: Path = typer.Option(Path("report.html"), "--out", help="HTML file to write."),
                   province: str = typer.Option("Hà Nội", "--province", help="Province name (with or without diacritics) or id."),
                   period: str | None = typer.Option(None, "--period", help="YYYY-MM [default: the latest month with results].")) -> None:
    """Write one self-contained HTML report (charts and data quality) on a province for a month."""
    if not db.exists():
        raise typer.BadParameter(f"no such warehouse: {db}")
    from chiso.warehouse.report import write_report  # Bokeh costs a second of import; only a report pays it
    from chiso.warehouse.report_queries import ReportError

    try:
        _print_report(write_report(db, out, province, period))
    except ReportError as error:
        raise typer.BadParameter(str(error)) from error


def _print_report(report: Report) -> None:
    console.print(f"report: {report.province}, {report.month:%m/%Y}: {report.charts} charts, {report.bytes / 1e6:.2f} MB "
                  f"in {report.seconds:.1f} s → {report.path}")


@contextmanager
def _progress(total: int | None) -> Iterator[Callable[[Outcome], None]]:
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=console, transient=True) as progress:
        task = progress.add_task("reading", total=total)

        def advance(outcome: Outcome) -> None:
            progress.update(task, advance=1, description=f"reading {escape(outcome.source_name[-40:])}")

        yield advance


@contextmanager
def _run_errors() -> Iterator[None]:
    """A run that cannot start (the warehouse is being written, or cannot be) exits non-zero."""
    try:
        yield
    except Exception as error:
        import duckdb  # already imported by a run that got as far as its warehouse

        from chiso.warehouse.publish import WarehouseBusy

        if not isinstance(error, (WarehouseBusy, duckdb.Error, OSError)):
            raise
        console.print(f"[red]run failed, nothing published:[/] {escape(str(error))}")
        raise typer.Exit(1) from error


def print_summary(summary: Summary, db: Path) -> None:
    console.print(f"{summary.flow}: [bold]{summary.documents}[/] documents loaded, {summary.unchanged} unchanged, "
                  f"{summary.failed} failed; [bold]{summary.facts}[/] facts ({summary.facts_replaced} replaced), "
                  f"[bold]{summary.unresolved_units}[/] unresolved unit names, [bold]{summary.checks_failed}[/] failed checks "
                  f"(SELECT * FROM checks WHERE NOT is_passed) → {escape(str(db))}")
    rows = [*summary.rejected, *summary.notes]
    if rows:
        table = Table("source", "stage", "reason", title="rejected inputs and skipped numbers")
        for r in rows[:40]:
            table.add_row(Text(r.source_name), Text(r.stage), Text(r.reason))
        if len(rows) > 40:
            table.add_row("…", "", f"{len(rows) - 40} more in the rejects view")
        console.print(table)


if __name__ == "__main__":
    app()
