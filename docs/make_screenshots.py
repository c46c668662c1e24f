"""Make the README's three screenshots from a build, in headless chromium (Debian's):

- docs/coauthors.png: the co-author map, clusters named in the legend;
- docs/terms.png: the term map, with its cluster names;
- docs/year-overlay.png: the topic map coloured by publication year (an overlay
  chosen in the page, through the page's own address: ``topics.html#overlay=year``).

The README's come from the 10,000-record WoS corpus in ``../shared/data/large/``:

    citegraph build /path/to/wos-10k/ --out /tmp/b10k
    python docs/make_screenshots.py /tmp/b10k

Any build folder works (``citegraph build data/`` and then no argument uses output/).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
SHOTS = (("coauthors.png", "coauthors.html", ""), ("terms.png", "terms.html", ""),
         ("year-overlay.png", "topics.html", "#overlay=year"))  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("build", nargs="?", type=Path, default=ROOT / "output")
    args = parser.parse_args()
    missing = [page for _, page, _ in SHOTS if not (args.build / page).exists()]
    if missing:
        pages = ", ".join(missing)
        print(f"{args.build}: no {pages}; run `citegraph build` first", file=sys.stderr)
        return 1
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        for image, page_file, fragment in SHOTS:
            page = browser.new_page(viewport={"width": 1200, "height": 800})
            page.goto((args.build / page_file).resolve().as_uri() + fragment)
            page.wait_for_function("window.citegraph && window.citegraph.drawn", timeout=60_000)
            page.wait_for_timeout(300)
            page.screenshot(path=str(ROOT / "docs" / image))
            print(f"wrote docs/{image}")
            page.close()
        browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
