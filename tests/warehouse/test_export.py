"""`chiso export` on the bundled samples, read back as a BI tool or pandas would."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import duckdb
import frictionless
import pandas as pd
import pytest
from typer.testing import CliRunner

from chiso.flows.cli import app
from chiso.warehouse.export import EXPORTED, ExportError, export_views
from chiso.warehouse.views import VIEWS

SPECS = {view.name: view for view in VIEWS}


@pytest.fixture(scope="module")
def parquet(samples_db, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("export") / "parquet"
    result = CliRunner().invoke(app, ["export", "--db", str(samples_db), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def csv(samples_db, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("export") / "csv"
    export_views(samples_db, out, "csv")
    return out


@pytest.fixture(scope="module")
def con(samples_db):
    con = duckdb.connect(str(samples_db), read_only=True)
    yield con
    con.close()


def _parquet_of(out: Path, view: str) -> str:
    return f"'{out / view}/**/*.parquet'" if (out / view).is_dir() else f"'{out / view}.parquet'"


@pytest.mark.parametrize("view", EXPORTED)
def test_parquet_reads_back_with_the_views_rows_and_types(parquet, con, view):
    read = f"read_parquet({_parquet_of(parquet, view)}, hive_partitioning = true)"
    types = {name: type_ for name, type_, *_ in con.execute(f"DESCRIBE SELECT * FROM {read}").fetchall()}
    expected = {name: type_ for name, type_, *_ in con.execute(f"DESCRIBE {view}").fetchall()}
    partitions = {"year": "BIGINT"} if (parquet / view).is_dir() else {}
    assert types == expected | partitions
    assert con.execute(f"SELECT count(*) FROM {read}").fetchone() == con.execute(f"SELECT count(*) FROM {view}").fetchone()


def test_parquet_is_partitioned_by_family_and_year(parquet, con):
    folders = {p.relative_to(parquet / "figures").parent.as_posix() for p in (parquet / "figures").rglob("*.parquet")}
    expected = {f"index_family={family}/year={year}" for family, year in
                con.execute("SELECT DISTINCT index_family, year(period_start) FROM figures").fetchall()}
    assert folders == expected
    hanoi = con.execute("SELECT count(*) FROM figures WHERE index_family = 'service_index' AND year(period_start) = 2024").fetchone()[0]
    assert len(pd.read_parquet(parquet / "figures" / "index_family=service_index" / "year=2024")) == hanoi


def test_pandas_opens_the_partitioned_scorecard_directly(parquet, con):
    frame = pd.read_parquet(parquet / "scorecard")
    row = frame[(frame.unit_id == "01") & (frame.index_family == "service_index") & (frame.period_start == date(2024, 12, 1))]
    assert len(frame) == con.execute("SELECT count(*) FROM scorecard").fetchone()[0]
    assert [(g["indicator"], g["max_score"]) for g in row.iloc[0]["groups"]][:2] == [("transparency", 18.0), ("progress", 20.0)]


def test_the_datapackage_describes_every_file_from_the_data_dictionary(parquet):
    package = json.loads((parquet / "datapackage.json").read_text(encoding="utf-8"))
    assert [r["name"] for r in package["resources"]] == list(EXPORTED)
    for resource in package["resources"]:
        view = SPECS[resource["name"]]
        fields = resource["schema"]["fields"] + resource.get("partitions", [])
        declared = {c.name: c.description for c in view.columns}
        assert {f["name"]: f["description"] for f in fields if f["name"] != "year"} == declared
        paths = resource["path"] if isinstance(resource["path"], list) else [resource["path"]]
        assert all((parquet / p).is_file() for p in paths)
    loaded = frictionless.Package(str(parquet / "datapackage.json"))  # raises on a descriptor it cannot read
    assert [r.name for r in loaded.resources] == list(EXPORTED) and loaded.get_resource("facts").multipart


def test_csv_validates_against_its_datapackage(csv, con):
    """Frictionless reads every cell of every file against the declared types (lists as JSON arrays)."""
    report = frictionless.validate(str(csv / "datapackage.json"))
    assert report.valid, report.flatten(["resourceName", "fieldName", "message"])[:5]
    for view in EXPORTED:
        assert len(pd.read_csv(csv / f"{view}.csv")) == con.execute(f"SELECT count(*) FROM {view}").fetchone()[0]


def test_rerunning_replaces_the_output_whole_and_a_failed_run_leaves_it(samples_db, tmp_path):
    out = tmp_path / "out"
    export_views(samples_db, out, "parquet")
    export_views(samples_db, out, "csv", views=("units", "indicators"))
    assert sorted(p.name for p in out.iterdir()) == ["datapackage.json", "indicators.csv", "units.csv"]
    before = (out / "datapackage.json").read_text(encoding="utf-8")
    with pytest.raises(ExportError, match="no view named"):  # fails after `units` was written
        export_views(samples_db, out, "parquet", views=("units", "no_such_view"))
    assert (out / "datapackage.json").read_text(encoding="utf-8") == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # no half-written copy left beside it


def test_a_folder_that_is_not_an_export_is_never_replaced(samples_db, tmp_path):
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(ExportError, match="not a chiso export"):
        export_views(samples_db, tmp_path, "csv")
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"
