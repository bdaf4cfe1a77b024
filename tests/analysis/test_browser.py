"""The three analyses in a browser: the heat table folds its tree and opens
the passages behind a cell, the matrix opens the paragraphs where two themes
meet, the trend draws its chart over its table. Screenshots go to
$ANALYSIS_SCREENSHOTS when it is set (to look at them)."""

import os
from pathlib import Path

import pytest

from tests.conftest import log_in

pytestmark = pytest.mark.browser
SCREENSHOTS = os.environ.get("ANALYSIS_SCREENSHOTS")


def _shot(page, name):
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SCREENSHOTS) / f"{name}.png"), full_page=True)


def test_the_three_analyses(page, archive):
    page.set_default_timeout(60_000)
    log_in(page, archive["alice"])

    page.goto("/analysis/?by=year")
    table = page.locator("table.heat-table")
    assert table.locator("tbody tr").count() >= 4
    child = page.locator(f'tr[data-theme="{archive["admin"].pk}"]')
    assert child.is_visible()
    page.click(f'tr[data-theme="{archive["law"].pk}"] .tree-toggle')
    assert child.is_hidden()
    page.click(f'tr[data-theme="{archive["law"].pk}"] .tree-toggle')
    assert child.is_visible()
    page.select_option("#id_measure", "rate")
    page.click(".facets button[type=submit]")
    page.wait_for_url("**measure=rate**")
    _shot(page, "crosstab")
    # The supervision row's 2020 cell opens that theme's passages of 2020.
    page.click(f'tr[data-theme="{archive["supervision"].pk}"] td:nth-child(2) a')
    page.wait_for_url("**/themes/supervision/**year=2020**")
    assert page.locator(".passages > li").count() == 1

    page.goto("/analysis/cooccurrence/?measure=overlaps")
    page.wait_for_selector("table.matrix")
    _shot(page, "cooccurrence")
    page.click('table.matrix a[href*="with=supervision"][href*="/themes/admin-by-law/"]')
    page.wait_for_url("**with=supervision**")
    assert page.locator(".passages > li").count() == 2

    page.goto("/analysis/trends/")
    page.fill("#id_terms", "依法行政\n人大监督")
    page.click(".facets button[type=submit]")
    page.wait_for_selector("[data-chart] svg polyline")
    assert page.locator("[data-chart] svg polyline").count() == 2
    assert page.locator("table.trend-table tbody tr").count() == 3  # 2020, 2021, undated
    _shot(page, "trends")
    with page.expect_download() as download:
        page.click(".export-menu summary")
        page.click('a[href*="format=csv"]')
    assert download.value.suggested_filename.endswith(".csv")
