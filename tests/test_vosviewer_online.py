"""Our VOSviewer map files opened in VOSviewer Online itself (npm ``vosviewer-online``,
bundled by tests/consumers/vosviewer/build.sh, which .ci/run runs), in Debian's chromium:
no error dialog, and the info line counts the items and links the file holds (issue #17)."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import DATA, LISTING, ROOT, SHARED, build_each, export

CHROMIUM = "/usr/bin/chromium"
BUNDLE = ROOT / "tests" / "consumers" / "vosviewer" / "dist" / "vosviewer-check.js"
pytestmark = pytest.mark.browser

if not os.path.exists(CHROMIUM):
    pytest.skip(f"{CHROMIUM} is absent: install Debian's chromium; .ci/run does",
                allow_module_level=True)  # fmt: skip
if not BUNDLE.exists():
    pytest.skip(f"{BUNDLE} is absent: run tests/consumers/vosviewer/build.sh (npm); .ci/run does",
                allow_module_level=True)  # fmt: skip
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")

WOS_500 = SHARED / "real" / "wos" / "many-authors_500-records_metaknowledge.txt.xz"
SOURCES = {"listing": LISTING, "wos": DATA / "wos" / "savedrecs-optics-3.txt", "wos-500": WOS_500}
# The three WoS records cite none of each other: their citation network is empty, a map
# VOSviewer Online rightly refuses ("No data found"); the 500 records have one.
VIEWS = {"listing": ["all", "coauthors", "topics", "terms"],
         "wos": ["all", "coauthors", "topics", "coupling", "cocitation"],
         "wos-500": ["all", "citations", "cocitation", "terms"]}  # fmt: skip
INFO = re.compile(r"Items: (\d+)\s*\|\s*Links: (\d+)")


@pytest.fixture(scope="module")
def page() -> Iterator[object]:
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield browser.new_page(viewport={"width": 1100, "height": 800})
        browser.close()


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> dict[str, Path]:
    return build_each(tmp_path_factory, SOURCES)


def _open(page, document: str, folder: Path) -> str:
    """The text VOSviewer Online shows once it has read ``document``."""
    html = folder / "vosviewer.html"
    html.write_text(
        '<!doctype html><html><head><meta charset="utf-8"></head><body><div id="root"></div>'
        f"<script>window.CITEGRAPH_MAP = {document};</script>"
        f'<script src="{BUNDLE.as_uri()}"></script></body></html>',
        encoding="utf-8",
    )
    page.goto(html.as_uri())
    page.wait_for_function(
        "() => /Items: \\d+/.test(document.body.innerText)"
        " || /Error while reading/.test(document.body.innerText)",
        timeout=30_000,
    )
    return str(page.inner_text("body"))


@pytest.mark.parametrize(("source", "view"), [(s, v) for s, vs in VIEWS.items() for v in vs])
def test_every_map_opens_whole_in_vosviewer_online(page, builds, tmp_path, source, view) -> None:
    if source not in builds:
        pytest.skip(f"{SOURCES[source]} is absent: the real exports live beside the clone")
    path = export(builds[source], view, "vosviewer", tmp_path / f"{view}.json")
    text = path.read_text(encoding="utf-8")
    network = json.loads(text)["network"]
    shown = _open(page, text, tmp_path)
    assert "Error while reading" not in shown, shown[:300]
    found = INFO.search(shown)
    assert found, shown[:300]
    assert (int(found[1]), int(found[2])) == (len(network["items"]), len(network["links"]))
