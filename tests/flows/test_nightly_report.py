"""The nightly run writes the province's report after loading, when asked: from the command
line, as a Prefect flow run, and from the served deployment's parameters."""

from __future__ import annotations

import shutil
from pathlib import Path

from typer.testing import CliRunner

from conftest import SAMPLES
from chiso.flows.cli import app
from chiso.flows.scheduled import nightly_deployment, nightly_flow

HUE = SAMPLES / "004_4fe8e530b83874ca.txt"  # 1986/UBND-KSTT, Thừa Thiên Huế's 2022 results


def _inbox_config(folder: Path) -> Path:
    (folder / "inbox").mkdir()
    shutil.copy(HUE, folder / "inbox" / HUE.name)
    config = folder / "sources.toml"
    config.write_text('[[source]]\nname = "inbox"\nprovince = "any"\nkind = "inbox"\npath = "inbox"\n', encoding="utf-8")
    return config


def test_the_nightly_command_writes_the_report_after_its_run(tmp_path):
    config, db, report = _inbox_config(tmp_path), tmp_path / "w.duckdb", tmp_path / "hue.html"
    result = CliRunner().invoke(app, ["nightly", "--config", str(config), "--db", str(db), "--report", str(report),
                                      "--report-province", "Thừa Thiên Huế"])
    assert result.exit_code == 0, result.output
    html = report.read_text(encoding="utf-8")
    assert "Tỉnh Thừa Thiên Huế" in html or "Thành phố Huế" in html
    assert html.count('<div class="chart"') >= 4


def test_a_report_without_its_province_is_refused_before_the_run(tmp_path):
    config, db = _inbox_config(tmp_path), tmp_path / "w.duckdb"
    result = CliRunner().invoke(app, ["nightly", "--config", str(config), "--db", str(db), "--report", str(tmp_path / "r.html")])
    assert result.exit_code == 2 and "--report-province" in result.output
    assert not db.exists()


def test_the_nightly_flow_writes_the_report(tmp_path, prefect):
    config, db, report = _inbox_config(tmp_path), tmp_path / "w.duckdb", tmp_path / "hue.html"
    summary = nightly_flow(config, db, tmp_path / "archive", None, report_path=report, report_province="46")
    assert summary.documents == 1 and report.stat().st_size > 0


def test_the_served_deployment_carries_the_report_parameters(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    deployment = nightly_deployment(Path("sources.toml"), Path("w.duckdb"), Path("archive"), None,
                                    report_path=Path("hue.html"), report_province="Thừa Thiên Huế")
    parameters = nightly_flow.validate_parameters(deployment.parameters)
    assert parameters["report_path"] == tmp_path / "hue.html" and parameters["report_province"] == "Thừa Thiên Huế"
