"""The hall screens in a real browser: Debian's Chromium (/usr/bin/chromium, which .ci/run
installs when it is missing), driven by Playwright for Python. One browser for the session;
each test gets fresh contexts (their own storage: a device key or a clerk's token set in one
test is not there in the next), closed after it. Uncaught script errors and Content Security
Policy refusals on a page fail the test that opened it."""

from __future__ import annotations

import os
import tempfile
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import pytest
from axe_playwright_python.async_playwright import Axe
from playwright.async_api import Browser, BrowserContext, Page, async_playwright

CHROMIUM = Path("/usr/bin/chromium")
# The machine has no network but loopback: Chromium's own background traffic is turned off,
# and it runs as root here (no sandbox), with a new empty profile each launch.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).parent / "screenshots"
WAIT_MS = 10_000  # generous waits for what a page shows, never a measure of speed

NewPage = Callable[[], Awaitable[Page]]


@pytest.fixture(scope="session")
def chromium() -> Path:
    if not CHROMIUM.exists():
        pytest.fail("the screens' tests need Debian's Chromium: apt-get install chromium")
    SCREENSHOTS.mkdir(exist_ok=True)
    return CHROMIUM


@pytest.fixture(scope="session")
async def browser(chromium: Path) -> AsyncIterator[Browser]:
    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(
            executable_path=str(chromium), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield launched
        finally:
            await launched.close()


class PageTrouble:
    """What a page did wrong: an uncaught error, or something its CSP refused."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def watch(self, page: Page) -> None:
        page.on("pageerror", lambda error: self.seen.append(f"uncaught: {error}"))
        page.on(
            "console",
            lambda message: (
                self.seen.append(f"refused: {message.text}")
                if "Content Security Policy" in message.text
                else None
            ),
        )


@pytest.fixture
async def new_page(browser: Browser) -> AsyncIterator[NewPage]:
    contexts: list[BrowserContext] = []
    trouble = PageTrouble()

    async def make() -> Page:
        context = await browser.new_context(
            locale="zh-CN", timezone_id="Asia/Shanghai", viewport={"width": 1280, "height": 800}
        )
        contexts.append(context)
        page = await context.new_page()
        page.set_default_timeout(WAIT_MS)
        trouble.watch(page)
        return page

    yield make
    for context in contexts:
        await context.close()
    assert trouble.seen == []


_axe = Axe()


async def serious_accessibility_problems(page: Page) -> list[str]:
    """axe-core's serious and critical findings on the page as it is now."""
    results = await _axe.run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at "
        + ", ".join(str(node["target"]) for node in v["nodes"][:3])
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


async def screenshot(page: Page, name: str) -> Path:
    """The page as it looks now. Every run takes it; with YIWANG_UPDATE_SCREENSHOTS=1 it is
    kept beside the tests (committed: the reviewers look), else in a scratch directory, so a
    run leaves the checkout as it found it (a pixel of the clock differs each time)."""
    folder = SCREENSHOTS if os.environ.get("YIWANG_UPDATE_SCREENSHOTS") else _scratch()
    path = folder / f"{name}.png"
    await page.screenshot(path=str(path))
    assert path.stat().st_size > 0
    return path


def _scratch() -> Path:
    folder = Path(tempfile.gettempdir()) / f"yiwang-screens-{os.getpid()}"
    folder.mkdir(exist_ok=True)
    return folder
