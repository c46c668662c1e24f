"""Benchmark: how big a view can be and still open fast in a browser.

Builds views of random graphs (3 links per node, as issue 6 measured pyvis) at 1k, 5k and
20k nodes with citegraph's own view code, then opens each in Debian's chromium (headless,
every non-file request blocked) and times the first draw. Prints one line per size and
writes benchmarks/results-views.json. Timings belong here, never in tests.

    python benchmarks/views.py [--sizes 1000 5000 20000]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

import networkx as nx
from playwright.sync_api import sync_playwright

from graph.view import ViewSpec, network_html

CHROMIUM = "/usr/bin/chromium"
HERE = Path(__file__).resolve().parent


def random_view_graph(n: int, seed: int = 1) -> nx.Graph:
    """A random graph of ``n`` author nodes with about 3 links each."""
    G = nx.gnm_random_graph(n, 3 * n, seed=seed)
    G = nx.relabel_nodes(G, {i: f"author:name:n{i:06d}" for i in G})
    for i, node in enumerate(sorted(G)):
        G.nodes[node].update(kind="author", label=f"Author {i}", articles=1 + i % 7,
                             community=i % 12, year=2000 + i % 25)  # fmt: skip
    for u, v in G.edges():
        G.edges[u, v].update(kind="coauthor", weight=1, articles="")
    return G


def measure(n: int, browser: object, folder: Path) -> dict[str, float | int]:
    G = random_view_graph(n)
    start = time.perf_counter()
    html = network_html(G, ViewSpec(f"{n} nodes", "community", "articles", max_nodes=n))
    build = time.perf_counter() - start
    page_path = folder / f"view-{n}.html"
    page_path.write_text(html, "utf-8")
    page = browser.new_page(viewport={"width": 1200, "height": 800})  # type: ignore[attr-defined]
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
    start = time.perf_counter()
    page.goto(page_path.as_uri())
    page.wait_for_function("window.citegraph && window.citegraph.drawn", timeout=120_000)
    draw = time.perf_counter() - start
    page.fill("#search", "Author 7")
    start = time.perf_counter()
    page.press("#search", "Enter")
    page.wait_for_function("window.citegraph.network.getSelectedNodes().length === 1")
    search = time.perf_counter() - start
    page.close()
    return {
        "nodes": n,
        "links": G.number_of_edges(),
        "html_mb": round(len(html.encode()) / 1e6, 2),
        "build_s": round(build, 2),
        "first_draw_s": round(draw, 2),
        "search_s": round(search, 2),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 20000])
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        for n in args.sizes:
            row = measure(n, browser, Path(tmp))
            print(json.dumps(row))
            results.append(row)
        browser.close()
    (HERE / "results-views.json").write_text(json.dumps(results, indent=2) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
