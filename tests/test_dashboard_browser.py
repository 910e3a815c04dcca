"""The private dashboard in a real browser: Debian's headless Chromium, driven by Playwright's
Python API with ``executable_path`` (Playwright's own browser download is never used).

One browser launch for the module: the page loads with no script or policy error, shows the
right numbers and its chart, updates by itself after reports land (waiting on the number, never
a sleep), ends itself once its link expires, and a forged or expired link gets the 403 page.
Without Chromium or Playwright the test skips, saying which is missing; in CI (CI=true) that
fails instead, as .ci/run installs the ``chromium`` package.
"""

from __future__ import annotations

import os
import shutil
from datetime import timedelta
from pathlib import Path

import pytest

from bot.dashboard_site import CONTENT_SECURITY_POLICY
from bot.domain.clock import ManualClock
from bot.platforms.console.host import ConsoleHost
from bot.services import Services
from bot.settings import Settings

from .conftest import Transcript
from .dashboard_world import (
    CAMPAIGN,
    act,
    dashboard_settings,
    feed,
    link_path,
    serving_dashboard,
)

CANDIDATES = ("chromium", "/usr/bin/chromium", "chromium-browser")
WAIT_MS = 30_000  # generous: CI is a loaded 2-core machine


def find_chromium() -> str | None:
    """Debian's Chromium (ORGBOT_TEST_CHROMIUM names another), or None."""
    wanted = os.environ.get("ORGBOT_TEST_CHROMIUM")
    for candidate in (wanted, *CANDIDATES) if wanted else CANDIDATES:
        found = shutil.which(candidate)
        if found:
            return found
    return None


def browser_or_skip() -> str:
    """The browser's path; without one (or without Playwright) a skip with the reason, or in
    CI a failure."""
    reason = ""
    try:
        import playwright.async_api  # noqa: F401
    except ImportError:
        reason = "Playwright is not installed (pip install -e '.[dev]')"
    executable = find_chromium()
    if executable is None and not reason:
        reason = "no Chromium found (apt-get install -y chromium, or set ORGBOT_TEST_CHROMIUM)"
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason}: CI must run the browser test")
        pytest.skip(reason)
    assert executable is not None
    return executable


@pytest.fixture
def full_settings(tmp_path: Path, full_data_dir: Path, database_url: str | None) -> Settings:
    return dashboard_settings(tmp_path, full_data_dir, database_url)


@pytest.fixture
async def acted(full_console: ConsoleHost, clock: ManualClock) -> ConsoleHost:
    return await act(full_console, clock)


async def test_the_dashboard_in_a_real_browser(
    acted: ConsoleHost,
    transcript: Transcript,
    full_services: Services,
    clock: ManualClock,
) -> None:
    executable = browser_or_skip()
    from playwright.async_api import async_playwright, expect

    transcript.clear()
    await feed(acted, "/as olga organizer", f"/dashboard {CAMPAIGN}")
    path = link_path(transcript.text)
    sandbox = [] if os.geteuid() else ["--no-sandbox"]  # Chromium refuses root with a sandbox
    async with (
        serving_dashboard(full_services, refresh=0.3) as server,
        async_playwright() as playwright,
    ):
        base = f"http://127.0.0.1:{server.port}"
        browser = await playwright.chromium.launch(executable_path=executable, args=sandbox)
        try:
            page = await browser.new_page()
            problems: list[str] = []
            failed: list[str] = []  # the browser's own /favicon.ico aside
            page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: problems.append(str(e)))
            page.on(
                "response",
                lambda r: (
                    failed.append(r.url) if r.status >= 400 and "favicon" not in r.url else None
                ),
            )
            answer = await page.goto(base + path)
            assert answer is not None and answer.status == 200
            assert answer.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
            assert answer.headers["referrer-policy"] == "no-referrer"

            def cell(row: str, period: int):  # type: ignore[no-untyped-def]
                return page.locator(f'tr[data-row="{row}"] td[data-period="{period}"]')

            await expect(cell("total", 0)).to_have_text("3", timeout=WAIT_MS)
            await expect(cell("total", 1)).to_have_text("4")
            await expect(cell("outcome:contact", 1)).to_have_text("2")
            await expect(page.locator("h1")).to_have_text(
                "Dashboard: Keep tax records confidential"
            )
            for image in ("chart", "map"):  # both pictures load (the policy allows them)
                await page.wait_for_function(
                    f"() => document.getElementById('{image}').naturalWidth > 0", timeout=WAIT_MS
                )
            # a report lands: the open page shows it at its next refresh, by itself
            dan = await full_services.members.actor(acted.platform, acted.session, "dan", False)
            await full_services.actions.report(dan, "contact", prompt_id=2)
            await expect(cell("total", 0)).to_have_text("4", timeout=WAIT_MS)
            await expect(cell("outcome:contact", 0)).to_have_text("2")
            # no script error, nothing the policy blocked, nothing of the page missing
            assert [p for p in problems if not p.startswith("Failed to load resource")] == []
            assert failed == []

            token = path.split("?t=", 1)[1]
            forged = (
                base + path[: -len(token)] + token[:-2] + ("AA" if token[-2:] != "AA" else "BB")
            )
            other = await browser.new_page()
            refused = await other.goto(forged)
            assert refused is not None and refused.status == 403
            assert refused.headers["cache-control"] == "no-store"
            await expect(other.locator("body")).to_contain_text("This link is not valid.")

            clock.advance(timedelta(hours=24))  # the link expires: the open page says so
            await expect(page.locator("main")).to_have_text(
                "This link no longer works. Ask for a new one with /dashboard.", timeout=WAIT_MS
            )
            expired = await other.goto(base + path)
            assert expired is not None and expired.status == 403
        finally:
            await browser.close()
