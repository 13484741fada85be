"""Everything a browser test needs: Debian's headless Chromium, one fresh page per test.

Every test module in this folder is marked ``browser`` and skipped (with the reason) when
/usr/bin/chromium is absent. Playwright's own browser download is never used.
"""

import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; the ORM calls of the fixtures are safe.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)
            if not CHROMIUM.exists():
                item.add_marker(pytest.mark.skip(reason="needs Debian's chromium at /usr/bin/chromium"))


@pytest.fixture
def page():
    """A fresh browser page. Ask for it after any fixture that writes to the database: once
    Playwright's loop runs, ORM calls get a connection of their own that is never closed."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(accept_downloads=True, locale="zh-CN")
        try:
            yield context.new_page()
        finally:
            context.close()
            browser.close()
