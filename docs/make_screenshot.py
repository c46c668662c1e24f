"""Make docs/screenshot.png: a view of the bundled data in headless chromium, with the
search box used, the legend, and the details panel of the author found.

Run from the repository root after `citegraph build data/`:
    python docs/make_screenshot.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
VIEW = ROOT / "output" / "graph.html"


def main() -> int:
    if not VIEW.exists():
        print(f"{VIEW} is missing: run `citegraph build data/` first", file=sys.stderr)
        return 1
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        page = browser.new_page(viewport={"width": 1100, "height": 720})
        page.goto(VIEW.as_uri())
        page.wait_for_function("window.citegraph && window.citegraph.drawn")
        page.fill("#search", "Emma Watson")
        page.dispatch_event("#search", "change")
        page.wait_for_selector("#details", state="visible")
        page.evaluate("window.citegraph.network.fit()")
        page.screenshot(path=str(ROOT / "docs" / "screenshot.png"))
        browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
