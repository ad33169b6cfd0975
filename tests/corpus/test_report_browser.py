"""The corpus report opened in Chromium: it renders its charts and fetches nothing. The screenshot is kept in
out/test-artifacts/ to be looked at."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from imr.corpus.build import build_corpus
from imr.corpus.report import write_report
from tests.corpus.conftest import bundled_letters
from tests.support import ARTIFACTS, CHROMIUM, LAUNCH_FLAGS


@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed (.ci/run installs it)")
def test_the_report_renders_in_chromium_without_network(tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    folder = tmp_path / "letters"
    folder.mkdir()
    for path in bundled_letters():
        shutil.copy(path, folder / path.name)
    build_corpus([folder], tmp_path / "corpus", workers=1)
    report = tmp_path / "report.html"
    write_report(tmp_path / "corpus", report)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_FLAGS)
        page = browser.new_page(viewport={"width": 1100, "height": 900})
        requested: list[str] = []
        page.on("request", lambda request: requested.append(request.url))
        page.goto(report.as_uri())
        charts = page.locator("section svg")
        assert charts.count() == 4
        assert all(charts.nth(n).bounding_box()["height"] > 100 for n in range(4))  # type: ignore[index]
        assert page.locator("h1").inner_text() == "IMR Final Determinations: corpus report"
        page.screenshot(path=str(ARTIFACTS / "corpus-report.png"), full_page=True)
        browser.close()
    assert requested == [report.as_uri()]
