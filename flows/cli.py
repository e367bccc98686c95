"""The `chiso` command line. Each command calls the same library functions the flows call."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from flows.pipeline import Outcome, Summary, default_ocr_cache, ingest, iter_inputs
from normalize.registry import load_registry

app = typer.Typer(help="Vietnamese service-index letters to a DuckDB warehouse of typed facts.", no_args_is_help=True)
console = Console(stderr=True)


@app.callback()
def main() -> None:
    """chiso: read letters (text, HTML, PDF, scans), load typed facts into DuckDB."""


@app.command("ingest")
def ingest_command(
    paths: list[Path] = typer.Argument(..., help="Letter files or folders (text, HTML, PDF, PNG/JPEG/TIFF)."),
    db: Path = typer.Option(Path("chiso.duckdb"), "--db", help="DuckDB warehouse file (created if missing)."),
    aliases: list[Path] = typer.Option([], "--aliases", help="Extra unit alias CSV files (unit_id,alias)."),
    ocr_cache: Path | None = typer.Option(None, "--ocr-cache", help="Folder of OCR'd pages kept between runs "
                                          "[default: .chiso-cache/ocr beside the database]."),
) -> None:
    """Ingest letters into the warehouse; re-ingesting a letter replaces its facts."""
    missing = [p for p in paths if not p.exists()]
    if missing:
        raise typer.BadParameter(f"no such file or folder: {', '.join(map(str, missing))}")
    registry = load_registry(tuple(aliases))
    total = len(list(iter_inputs(paths)))
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=console, transient=True) as progress:
        task = progress.add_task("ingesting", total=total)

        def advance(outcome: Outcome) -> None:
            progress.update(task, advance=1, description=f"ingesting {outcome.source_name[:40]}")

        summary = ingest(paths, db, registry, ocr_cache=ocr_cache or default_ocr_cache(db), on_progress=advance)
    print_summary(summary, db)


def print_summary(summary: Summary, db: Path) -> None:
    console.print(f"[bold]{summary.documents}[/] documents, [bold]{summary.facts}[/] facts "
                  f"({summary.facts_replaced} replaced), [bold]{summary.unresolved_units}[/] unresolved unit names, "
                  f"[bold]{len(summary.rejected)}[/] rejected files → {db}")
    rows = [*summary.rejected, *summary.notes]
    if rows:
        table = Table("file", "stage", "reason", title="rejected inputs and skipped numbers")
        for r in rows[:40]:
            table.add_row(r.source_name, r.stage, r.reason)
        if len(rows) > 40:
            table.add_row("…", "", f"{len(rows) - 40} more in the rejects table")
        console.print(table)


if __name__ == "__main__":
    app()
