"""The report as a person sees it: opened from disk in headless Chromium (Debian's `chromium`,
installed by `make system`), every chart painted, no script error, nothing fetched. The
screenshots are kept to be looked at: in $CHISO_ARTEFACTS/report/ when that is set (CI keeps the
folder), else in pytest's temporary folder (reportshots0/, under /tmp/pytest-of-$USER/)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from chiso.warehouse.report import write_report

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# As the machine's probe ran it: no sandbox (root), no GPU, and none of Chromium's own network traffic.
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]
# Per chart: its canvases, found through Bokeh's shadow roots, and how many of their pixels are painted.
PAINTED = """() => {
  const deep = (root, sel) => { const out = [...root.querySelectorAll(sel)];
    for (const el of root.querySelectorAll('*')) if (el.shadowRoot) out.push(...deep(el.shadowRoot, sel));
    return out; };
  return [...document.querySelectorAll('.chart')].map(chart => {
    let painted = 0;
    for (const canvas of deep(chart, 'canvas')) {
      if (!canvas.width || !canvas.height) continue;
      const alpha = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      for (let i = 3; i < alpha.length; i += 4) if (alpha[i]) painted++;
    }
    return [chart.id, painted];
  });
}"""


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    if os.environ.get("CHISO_ARTEFACTS"):
        folder = Path(os.environ["CHISO_ARTEFACTS"]) / "report"
        folder.mkdir(parents=True, exist_ok=True)
        return folder
    return tmp_path_factory.mktemp("reportshots")


@pytest.fixture(scope="module")
def browser():
    assert Path(CHROMIUM).exists(), "Chromium is missing: `make system` installs Debian's chromium"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()


@pytest.mark.parametrize(("province", "period", "name"), [("Hà Nội", "2024-12", "hanoi-2024-12"), ("Thừa Thiên Huế", None, "hue")])
def test_every_chart_renders_without_a_script_error(samples_db, shots, browser, province, period, name):
    report = write_report(samples_db, shots / f"{name}.html", province, period)
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    page.on("console", lambda message: problems.append(f"console: {message.text}") if message.type == "error" else None)
    page.on("request", lambda request: problems.append(f"fetched {request.url}") if not request.url.startswith(("file:", "data:", "blob:")) else None)
    page.goto(report.path.as_uri())
    page.wait_for_function(f"() => document.querySelectorAll('.chart canvas, .chart .bk-Figure, .chart div[data-root-id]').length >= {report.charts}")
    page.wait_for_function(f"({PAINTED})().filter(([, painted]) => painted > 0).length === {report.charts}", timeout=15_000)
    charts = page.evaluate(PAINTED)
    page.screenshot(path=str(shots / f"{name}.png"), full_page=True)
    page.close()
    assert len(charts) == report.charts >= 5
    assert all(painted > 1000 for _, painted in charts), charts
    assert problems == []
