"""Real-browser tests: Debian's Chromium (/usr/bin/chromium) driven by Playwright for Python, against
a real server process. Playwright's own browser download does not work here, so the system Chromium
is launched by path. Every request that does not go to the loopback server is blocked and recorded:
the pages must work without internet."""

import os
from collections.abc import AsyncIterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

# The live tests' real server process (one per test module, on a database of its own).
from tests.live.conftest import live_db, live_tmp, server  # noqa: F401

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _require_chromium() -> None:
    if Path(CHROMIUM).exists():
        return
    message = f"{CHROMIUM} is missing: `apt-get install -y chromium` (.ci/run installs it)"
    if os.environ.get("CI"):
        pytest.fail(message)  # in CI a missing browser is a failure, never a silent skip
    pytest.skip(message)


@pytest.fixture(scope="module")
async def browser() -> AsyncIterator:
    _require_chromium()
    from playwright.async_api import async_playwright, expect

    # Waits, not timings: a loaded CI machine may need longer than Playwright's default 5 s.
    expect.set_options(timeout=20_000)

    async with async_playwright() as playwright:
        chromium = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        await chromium.close()


class OfflinePage:
    """A page whose requests may only reach 127.0.0.1; anything else is aborted and remembered."""

    def __init__(self, page) -> None:
        self.page = page
        self.blocked: list[str] = []
        self.console_errors: list[str] = []

    async def route(self, route) -> None:
        host = urlsplit(route.request.url).hostname
        if host in ("127.0.0.1", "localhost"):
            await route.continue_()
        else:
            self.blocked.append(route.request.url)
            await route.abort()


@pytest.fixture
async def offline_page(browser) -> AsyncIterator[OfflinePage]:
    context = await browser.new_context()
    page = await context.new_page()
    wrapper = OfflinePage(page)
    await page.route("**/*", wrapper.route)
    page.on("pageerror", lambda error: wrapper.console_errors.append(str(error)))
    try:
        yield wrapper
    finally:
        await context.close()
    assert wrapper.blocked == [], f"the page tried to reach the internet: {wrapper.blocked}"
    assert wrapper.console_errors == [], wrapper.console_errors
