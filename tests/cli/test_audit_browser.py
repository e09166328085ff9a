"""The HTML audit report in a real browser: Debian's chromium, driven by Playwright.

Each test writes a report with the CLI, opens it from disk, and checks what a reader sees:
the page loads without a console error, the timelines and the redlines are in the rendered
DOM, a filing's `<script>` is shown as text and never runs, and a full-page screenshot is
saved under the test's temporary folder.

Without chromium or Playwright the tests are skipped on a developer's machine, and FAIL in CI
(`CI` or `TERMLEDGER_REQUIRE_BROWSER` set; `.ci/run` installs chromium).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.cli.support import HARBOR_ORIGINAL, InProcess
from tests.paths import CORPUS

REQUIRED = bool(os.environ.get("TERMLEDGER_REQUIRE_BROWSER") or os.environ.get("CI"))
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
LAUNCH_FLAGS = [
    "--headless",
    "--no-sandbox",  # CI runs as root, where Chromium's sandbox cannot start
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _unavailable(reason: str) -> None:
    if REQUIRED:
        pytest.fail(f"the browser test must run here, but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """One Chromium context (a fresh profile) for the module's tests."""
    try:
        from playwright.sync_api import sync_playwright  # noqa: PLC0415
    except ImportError:
        _unavailable("Playwright for Python is not installed (pip install -e '.[test]')")
    if not Path(CHROMIUM).exists():
        _unavailable(f"{CHROMIUM} is missing (apt-get install chromium)")
    with sync_playwright() as driver:
        context = driver.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")),
            executable_path=CHROMIUM,
            headless=True,
            args=LAUNCH_FLAGS,
            viewport={"width": 1200, "height": 900},
        )
        yield context
        context.close()


def open_report(browser: Any, report: Path, screenshot: Path) -> tuple[Any, list[str]]:
    """Open `report` from disk; return the page and every console error or page error."""
    page = browser.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(report.as_uri(), wait_until="load")
    page.screenshot(path=str(screenshot), full_page=True)
    return page, errors


def write_report(ledger: InProcess, target: Path) -> Path:
    result = ledger("audit", "--format", "html", "--output", str(target))
    assert result.exit_code == 0, result.output
    return target


def test_the_seeds_report_loads_with_its_timelines_and_authority(browser, seed, tmp_path):
    report = write_report(seed, tmp_path / "seed.html")

    page, errors = open_report(browser, report, tmp_path / "seed.png")

    assert errors == []
    assert page.title() == "termledger audit report"
    assert page.locator(".timeline").count() == 2
    assert page.locator(".timeline .span.text_not_recorded").count() == 2
    assert page.locator(".timeline .span.in_force.is-assumed").count() == 2
    assert page.locator(".redline").count() == 2  # the new texts (earlier ones not recorded)
    assert page.locator(".cert .badge.met").count() == 1
    assert "original not recorded:" in page.locator("ul.gaps").inner_text()
    board_quote = page.locator("details.quote").nth(1)
    board_quote.evaluate("details => { details.open = true; }")
    assert "by unanimous written consent" in board_quote.locator("pre").inner_text()
    assert (tmp_path / "seed.png").stat().st_size > 10_000


def test_a_corpus_instruments_report_shows_redlines_in_the_rendered_dom(browser, fresh, tmp_path):
    documents = sorted((CORPUS / "marrow-creek").glob("*.txt"))
    assert fresh("ingest", *map(str, documents)).exit_code == 0
    report = write_report(fresh, tmp_path / "marrow-creek.html")

    page, errors = open_report(browser, report, tmp_path / "marrow-creek.png")

    assert errors == []
    assert page.locator(".timeline").count() >= 4
    assert page.locator(".redline del").count() >= 3
    assert page.locator(".redline ins").count() >= 3
    deleted = page.locator(".redline del").first
    assert deleted.evaluate("e => getComputedStyle(e).textDecorationLine") == "line-through"
    assert (tmp_path / "marrow-creek.png").stat().st_size > 10_000


def test_a_filings_script_is_shown_as_text_and_never_runs(browser, fresh, tmp_path):
    hostile = HARBOR_ORIGINAL.read_text(encoding="utf-8").replace(
        '"Business Day" means any day other than',
        '"Business Day" means any day <script>window.pwned = 1</script>'
        '<img src=x onerror="window.pwned = 2"> \u202eother than',
    )
    document = tmp_path / "hostile.txt"
    document.write_text(hostile, encoding="utf-8")
    assert fresh("ingest", str(document)).exit_code == 0
    report = write_report(fresh, tmp_path / "hostile.html")

    page, errors = open_report(browser, report, tmp_path / "hostile.png")

    assert errors == []
    assert page.evaluate("window.pwned === undefined")
    assert page.locator("script").count() == 0
    assert page.locator("img").count() == 0
    assert "<script>window.pwned = 1</script>" in page.locator("main").inner_text()
    assert "\\u202eother than" in page.locator("main").inner_text()
