"""The demo site served as a host would serve it, and Debian's Chromium driven by Playwright.

The site is built once per session (the `demo_site` fixture of tests/conftest.py) and the
browser started once; every test gets a fresh context, which is a first visit: empty cache,
no cookies, no storage.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_support import serve
from playwright.sync_api import Browser, BrowserContext, sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
# Headless and quiet: no sandbox (CI runs as root), and no calls home (updates, sync, …) that
# would slow the tests down or show up among the requests the privacy tests record.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]


@pytest.fixture(scope="session")
def site_url(demo_site) -> Iterator[str]:
    """The demo site on 127.0.0.1 with the headers of content/extra/_headers (CSP in force)."""
    with serve(demo_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium; missing, it fails the browser tests instead of skipping them."""
    if not CHROMIUM.is_file():
        pytest.fail(f"{CHROMIUM} is missing: install it with `apt-get install -y chromium` "
                    "(invoke test does this on a fresh machine)", pytrace=False)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                             args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def context(browser) -> Iterator[BrowserContext]:
    """A fresh browser profile for one test."""
    context = browser.new_context()
    yield context
    context.close()
