"""Benchmark: how big a view can be and still open fast in a browser.

Builds views of random graphs (3 links per node, as issue 6 measured pyvis) at 1k, 5k and
20k nodes with citegraph's own view code, then opens each in Debian's chromium (headless,
every non-file request blocked) and times the first draw. Prints one line per size and
writes benchmarks/results-views.json. Timings belong here, never in tests.

With ``--build DIR`` it times a real build's views instead (issue #20's point 5): for each
page, opening it until its first draw, a click on its largest node until the details show
and the map is redrawn, and one step of the least-weight slider until the redraw; written
to benchmarks/results-views-build.json.

    python benchmarks/views.py [--sizes 1000 5000 20000]
    python benchmarks/views.py --build /tmp/b10k
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


def opened(browser: object, path: Path) -> tuple[object, float]:
    """A new page on ``path``, every non-file request blocked, and the seconds it took to
    open until its first draw."""
    page = browser.new_page(viewport={"width": 1200, "height": 800})  # type: ignore[attr-defined]
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
    start = time.perf_counter()
    page.goto(path.as_uri())
    page.wait_for_function("window.citegraph && window.citegraph.drawn", timeout=120_000)
    return page, time.perf_counter() - start


def measure(n: int, browser: object, folder: Path) -> dict[str, float | int]:
    G = random_view_graph(n)
    start = time.perf_counter()
    html = network_html(G, ViewSpec(f"{n} nodes", "community", "articles", max_nodes=n))
    build = time.perf_counter() - start
    page_path = folder / f"view-{n}.html"
    page_path.write_text(html, "utf-8")
    page, draw = opened(browser, page_path)
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


# In the page: a click on the largest node, then one slider step, each until redrawn (ms).
_ACTIONS = """async () => {
  const c = window.citegraph, net = c.network;
  const frame = () => new Promise(r => requestAnimationFrame(r));
  const big = c.nodes.get().sort((a, b) => b.size - a.size)[0];
  await frame();
  let t = performance.now();
  const at = net.canvasToDOM(net.getPosition(big.id));
  const pointer = {DOM: at, canvas: net.getPosition(big.id)};
  net.body.emitter.emit('click', {nodes: [big.id], edges: [], pointer: pointer});
  net.redraw(); await frame();
  const click = performance.now() - t;
  const shown = !document.getElementById('details').hidden;
  c.reset(); await frame();
  const slider = document.getElementById('min-weight');
  let step = null;
  if (!document.getElementById('weights').hidden) {
    const weights = c.edges.get().map(e => e.weight).sort((a, b) => a - b);
    slider.value = weights[Math.floor(weights.length / 4)];
    t = performance.now();
    slider.dispatchEvent(new Event('input')); net.redraw(); await frame();
    step = performance.now() - t;
  }
  return {click_ms: click, details_shown: shown, slider_step_ms: step};
}"""


def measure_page(path: Path, browser: object) -> dict[str, object]:
    """Open one view of a build; time its first draw, a click and a slider step."""
    page, seconds = opened(browser, path)
    acted = page.evaluate(_ACTIONS)
    nodes, edges = page.evaluate("[window.citegraph.nodes.length, window.citegraph.edges.length]")
    page.close()
    step = acted["slider_step_ms"]
    return {"view": path.name, "nodes": nodes, "links": edges,
            "html_mb": round(path.stat().st_size / 1e6, 2), "open_s": round(seconds, 2),
            "click_ms": round(acted["click_ms"]), "details_shown": acted["details_shown"],
            "slider_step_ms": None if step is None else round(step)}  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 20000])
    parser.add_argument("--build", type=Path, help="time this build folder's views instead")
    args = parser.parse_args()
    if args.build:
        return time_build(args.build)
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


def time_build(folder: Path) -> int:
    """Each view of the build in ``folder``, timed by :func:`measure_page`."""
    pages = sorted(p for p in folder.glob("*.html") if p.name != "index.html")
    if not pages:
        raise SystemExit(f"{folder}: no views; run `citegraph build` first")
    rows = []
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        for path in pages:
            rows.append(measure_page(path, browser))
            print(json.dumps(rows[-1]), flush=True)
        browser.close()
    (HERE / "results-views-build.json").write_text(json.dumps(rows, indent=2) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
