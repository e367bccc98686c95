"""Reading in parallel changes nothing but the time: the warehouse after one and two reading
workers is the same row for row, and a reprocess or backfill read on a two-worker Dask cluster
loads the facts an in-process run loads."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from conftest import SAMPLES, SEEDS
from chiso.flows.archive import RawArchive
from chiso.flows.limits import RunLimits
from chiso.flows.pipeline import ingest
from chiso.flows.runs import backfill, reprocess
from chiso.warehouse.lookup import documents_of_month

# Letters of every kind the text path meets, one that cannot be read, and one scanned page.
INPUTS = [*SEEDS, *sorted((SAMPLES / "html").glob("*.html")), SAMPLES / "scans" / "002_8b158e9477e47ea4.jpg"]


def _exact(value: object) -> object:
    """A float to 9 decimals: the checks' sums are DuckDB's multi-threaded SUM(DOUBLE), whose
    last bit depends on how its threads split the rows (54.0 or 54.00000000000001), run to run."""
    return round(value, 9) if isinstance(value, float) else value


def _every_row(db: Path) -> dict[str, list[tuple]]:
    """Every table's rows, sorted, without what records when the run happened (load ids,
    timestamps, the run's Prefect id, the seconds its post-load step took)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = [t for (t,) in con.execute("SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() "
                                            "ORDER BY table_name").fetchall()]
        rows = {}
        for table in tables:
            columns = [name for name, kind in con.execute(f"SELECT column_name, data_type FROM duckdb_columns() "
                                                          f"WHERE table_name = '{table}'").fetchall()
                       if "load_id" not in name and "TIMESTAMP" not in kind and name not in ("prefect_flow_run_id", "post_load_seconds")]
            rows[table] = sorted((tuple(_exact(v) for v in row) for row in con.execute(f"SELECT {', '.join(columns)} FROM {table}").fetchall()),
                                 key=repr)
        return rows
    finally:
        con.close()


@pytest.fixture(scope="module")
def archived(tmp_path_factory, registry):
    """The inputs ingested once in process, with their raw archive and OCR cache."""
    root = tmp_path_factory.mktemp("archived")
    (root / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    ingest([*INPUTS, root / "broken.pdf"], root / "w.duckdb", registry, archive=RawArchive(root / "archive_store"),
           ocr_cache=root / "ocr", limits=RunLimits(workers=0))
    return root


def test_one_and_two_workers_build_the_same_warehouse(tmp_path, registry):
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    inputs = [*INPUTS, tmp_path / "broken.pdf"]
    for workers in (1, 2):
        ingest(inputs, tmp_path / f"w{workers}.duckdb", registry, ocr_cache=tmp_path / "ocr", limits=RunLimits(workers=workers))
    one, two = _every_row(tmp_path / "w1.duckdb"), _every_row(tmp_path / "w2.duckdb")
    assert one["core_facts"] and one["core_rejects"]
    assert one == two


@pytest.fixture(scope="module")
def cluster():
    """A Dask cluster of two worker processes on this machine, one thread each."""
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=":0") as local:
        yield local


def _copy(archived: Path, to: Path) -> Path:
    to.mkdir()
    shutil.copy(archived / "w.duckdb", to / "w.duckdb")
    return to / "w.duckdb"


def test_a_reprocess_on_a_dask_cluster_loads_the_facts_read_in_process(prefect, cluster, archived, tmp_path, registry):
    from chiso.flows.scheduled import reprocess_flow

    here, there, ocr = _copy(archived, tmp_path / "here"), _copy(archived, tmp_path / "there"), tmp_path / "ocr"
    in_process = reprocess(here, archived / "archive_store", registry, ocr_cache=ocr, limits=RunLimits(workers=0))
    on_dask = reprocess_flow(there, archived / "archive_store", ocr, dask_address=cluster.scheduler_address)
    assert on_dask.documents == in_process.documents == len(INPUTS)
    assert [r.reason for r in on_dask.rejected] == [r.reason for r in in_process.rejected]
    facts = _every_row(here)["core_facts"]
    assert _every_row(there)["core_facts"] == facts and len(facts) > 700
    assert any(ocr.rglob("*.tsv")), "the workers keep OCR'd pages in the shared cache"


def test_a_backfill_on_a_dask_cluster_rereads_the_month_as_in_process(prefect, cluster, archived, tmp_path, registry):
    from chiso.flows.scheduled import backfill_flow

    here, there = _copy(archived, tmp_path / "here"), _copy(archived, tmp_path / "there")
    month = "2022-01"
    assert documents_of_month(here, month)
    in_process = backfill(month, here, archived / "archive_store", registry, ocr_cache=archived / "ocr", limits=RunLimits(workers=0))
    # The command's limits reach the flow (Prefect validates them as a parameter) and the cluster.
    on_dask = backfill_flow(month, there, archived / "archive_store", archived / "ocr", dask_address=cluster.scheduler_address,
                            limits=RunLimits(doc_timeout_s=600))
    assert on_dask.documents == in_process.documents > 0
    assert _every_row(there)["core_facts"] == _every_row(here)["core_facts"]
