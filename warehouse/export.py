"""`chiso export`: the analyst views as files a BI tool or pandas opens directly, with a
datapackage.json saying what every column is.

Parquet keeps DuckDB's types (dates, lists, the scorecard's groups as structs) and is written
as Hive partitions by index family and year of period_start, so a reader that wants 2024's
service index opens one folder. CSV is one file per view, lists and structs as JSON.

The output folder is replaced whole, atomically: the files are written into a sibling folder,
which is then exchanged with the old one in one rename (renameat2 RENAME_EXCHANGE, Linux), so a
reader sees the previous export or the new one, never a mix, and an export that fails leaves
the previous one untouched. A folder that holds something else than an export is refused,
never replaced.
"""

from __future__ import annotations

import ctypes
import os
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import duckdb

from chiso.warehouse.datapackage import describe_resource, write_datapackage
from chiso.warehouse.views import VIEWS, ViewSpec

EXPORTED = ("facts", "figures", "scorecard", "units", "unit_lineage", "indicators", "checks")
FORMATS = ("parquet", "csv")
PARTITIONS = ("index_family", "year")


class ExportError(RuntimeError):
    """The export cannot be written where asked."""


@dataclass(frozen=True, slots=True)
class Exported:
    view: str
    rows: int
    files: int


def export_views(db_path: Path, out_dir: Path, file_format: str = "parquet", views: Iterable[str] = EXPORTED) -> list[Exported]:
    """Write each view's rows and datapackage.json into out_dir, replacing what was there."""
    if file_format not in FORMATS:
        raise ExportError(f"format must be one of {', '.join(FORMATS)}, not {file_format!r}")
    _check_replaceable(out_dir)
    specs = {view.name: view for view in VIEWS}
    staging = out_dir.with_name(f".{out_dir.name}.building-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    try:
        con = duckdb.connect(str(db_path), read_only=True)
        try:
            results, resources = [], []
            for name in views:
                if name not in specs:
                    raise ExportError(f"no view named {name!r}")
                exported, resource = _export_view(con, specs[name], staging, file_format)
                results.append(exported)
                resources.append(resource)
        finally:
            con.close()
        write_datapackage(staging, resources)
        _swap_in(staging, out_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return results


def _export_view(con: duckdb.DuckDBPyConnection, view: ViewSpec, staging: Path, file_format: str) -> tuple[Exported, dict[str, object]]:
    names = [c.name for c in view.columns]
    rows = int(con.execute(f"SELECT count(*) FROM {view.name}").fetchall()[0][0])
    # An empty view is one file (a partitioned COPY of no rows writes none), so it still has a path and a schema.
    partitioned = file_format == "parquet" and {"index_family", "period_start"} <= set(names) and rows > 0
    if file_format == "csv":
        # Lists and structs as JSON, which Table Schema's `array` reads; the rest as DuckDB writes them.
        select = ", ".join(f"to_json({c.name}) AS {c.name}" if c.type.endswith("[]") else c.name for c in view.columns)
        target = staging / f"{view.name}.csv"
        con.execute(f"COPY (SELECT {select} FROM {view.name}) TO '{_sql_path(target)}' (FORMAT csv, HEADER)")
    elif partitioned:
        target = staging / view.name
        con.execute(f"COPY (SELECT *, CAST(year(period_start) AS INTEGER) AS year FROM {view.name}) TO '{_sql_path(target)}' "
                    f"(FORMAT parquet, PARTITION_BY ({', '.join(PARTITIONS)}), COMPRESSION zstd)")
    else:
        target = staging / f"{view.name}.parquet"
        con.execute(f"COPY (SELECT * FROM {view.name}) TO '{_sql_path(target)}' (FORMAT parquet, COMPRESSION zstd)")
    files = sorted(target.rglob("*.parquet")) if partitioned else [target]
    paths = [f.relative_to(staging).as_posix() for f in files]
    resource = describe_resource(view, paths, file_format, partitioned)
    return Exported(view.name, rows, len(files)), resource


def _sql_path(path: Path) -> str:
    return str(path).replace("'", "''")


def _check_replaceable(out_dir: Path) -> None:
    """Only an earlier export (it has datapackage.json) or an empty folder is ever replaced."""
    if out_dir.is_symlink() or (out_dir.exists() and not out_dir.is_dir()):
        raise ExportError(f"{out_dir} is not a folder")
    if out_dir.is_dir() and any(out_dir.iterdir()) and not (out_dir / "datapackage.json").is_file():
        raise ExportError(f"{out_dir} holds files that are not a chiso export (no datapackage.json); choose another folder")


def _swap_in(staging: Path, out_dir: Path) -> None:
    """Put the new export in place in one rename; the old one, if any, is removed after."""
    if not out_dir.exists():
        os.rename(staging, out_dir)
        return
    _exchange(staging, out_dir)  # staging now holds the previous export; the caller removes it.


def _exchange(a: Path, b: Path) -> None:
    """Swap two paths atomically (Linux renameat2 with RENAME_EXCHANGE)."""
    at_fdcwd, rename_exchange = -100, 2
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) != 0:
        errno = ctypes.get_errno()
        raise ExportError(f"cannot swap {a} and {b}: {os.strerror(errno)}")
