"""Playwright driving Debian's Chromium (Playwright's own browser download cannot work here)."""

import os
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="module")
def chromium():
    if not Path(CHROMIUM).exists():
        message = "Debian's chromium is not installed (run `make browser`)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    # While Playwright's sync API is open it runs an event loop in this thread; the ORM calls the
    # tests make (demo data, assertions) are still synchronous and safe. Only for this module.
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class PageWatch:
    """Everything a page asked for and complained about, to check that nothing left the machine."""

    def __init__(self, page, base_url):
        self.base_host = urlsplit(base_url).netloc
        self.outside_requests, self.console_errors = [], []
        page.on("request", self._request)
        page.on("console", lambda msg: msg.type == "error" and self.console_errors.append(msg.text))

    def _request(self, request):
        parts = urlsplit(request.url)
        if parts.scheme in {"http", "https", "ws", "wss"} and parts.netloc != self.base_host:
            self.outside_requests.append(request.url)


@pytest.fixture
def page(chromium, live_server):
    context = chromium.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.watch = PageWatch(page, live_server.url)
    yield page
    context.close()


def axe_violations(page):
    """WCAG 2.1 A/AA violations that axe-core finds on the current page."""
    page.evaluate(AXE.read_text())
    return page.evaluate(
        """async () => {
            const result = await axe.run(document, {
                runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
            });
            return result.violations.map(v => `${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(" | ")}`);
        }"""
    )
