"""The views in a real browser: Debian's chromium, driven by playwright, with no network."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph import analyse, load, write_outputs
from graph.view.network import DEFAULT_MAX_NODES, cap_nodes
from tests.conftest import DATA, SHARED

CHROMIUM = "/usr/bin/chromium"
pytestmark = pytest.mark.browser

if not os.path.exists(CHROMIUM):
    pytest.skip(
        f"{CHROMIUM} is absent: install Debian's chromium (apt-get install -y chromium); "
        ".ci/run does",
        allow_module_level=True,
    )
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


class Visit:
    """One page load with every non-file request blocked and every console error kept."""

    def __init__(self, browser, path: Path, fragment: str = "", **context) -> None:
        self.page = browser.new_page(viewport={"width": 1000, "height": 700}, **context)
        self.left: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page.route("**/*", self._route)
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", self._dialog)
        self.page.goto(path.as_uri() + fragment)

    def _route(self, route) -> None:
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            self.left.append(route.request.url)
            route.abort()

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def wait_drawn(self) -> None:
        self.page.wait_for_function("window.citegraph && window.citegraph.drawn", timeout=15000)

    def painted_pixels(self) -> int:
        return int(
            self.page.evaluate(
                """() => {
                const c = document.querySelector('#network canvas');
                const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                let n = 0;
                for (let i = 0; i < d.length; i += 4)
                    if (d[i + 3] > 0 && d[i] + d[i + 1] + d[i + 2] < 700) n++;
                return n;
            }"""
            )
        )

    def hover_text(self, cid: str) -> str:
        """Move the mouse onto a node and return the tooltip's text."""
        box = self.page.evaluate(
            """(cid) => {
                const c = window.citegraph;
                const id = c.nodes.get({filter: n => n.cid === cid})[0].id;
                c.network.moveTo({position: c.network.getPosition(id), scale: 1.5});
                const p = c.network.canvasToDOM(c.network.getPosition(id));
                const r = document.getElementById('network').getBoundingClientRect();
                return {x: p.x + r.left, y: p.y + r.top};
            }""",
            cid,
        )
        self.page.wait_for_timeout(300)
        self.page.mouse.move(box["x"], box["y"])
        tooltip = self.page.locator("div.vis-tooltip")
        tooltip.wait_for(state="visible", timeout=5000)
        return str(tooltip.inner_text())


@pytest.fixture(scope="module")
def built(tmp_path_factory, listing_analysis) -> Path:
    out = tmp_path_factory.mktemp("browser")
    write_outputs(listing_analysis, out)
    return out


@pytest.mark.parametrize(
    ("page", "nodes"), [("graph.html", 36), ("coauthors.html", 14), ("topics.html", 11)]
)
def test_each_view_draws_offline(browser, built, page: str, nodes: int) -> None:
    visit = Visit(browser, built / page)
    visit.wait_drawn()
    assert visit.page.evaluate("window.citegraph.nodes.length") == nodes
    assert visit.painted_pixels() > 500
    assert visit.errors == [] and visit.left == []
    visit.page.close()


def test_term_map_draws_offline_with_term_tooltips(browser, built, listing_analysis) -> None:
    visit = Visit(browser, built / "terms.html")
    visit.wait_drawn()
    assert visit.page.evaluate("window.citegraph.nodes.length") == len(listing_analysis.terms)
    assert visit.hover_text("term:peer support worker").startswith("peer support worker")
    assert visit.errors == [] and visit.left == []
    visit.page.close()


def test_index_charts_are_inline_svg(browser, built) -> None:
    visit = Visit(browser, built / "index.html")
    captions = visit.page.eval_on_selector_all(
        "figure.chart figcaption", "fs => fs.map(f => f.textContent)"
    )
    assert captions[0] == "Articles per year" and "Top terms (articles)" in captions
    years = visit.page.eval_on_selector_all(
        "figure.chart:first-child text[text-anchor=end]", "ts => ts.map(t => t.textContent)"
    )
    assert years == ["2014", "2015", "2016", "2018", "2020"]
    assert visit.errors == [] and visit.left == []
    visit.page.close()


def test_index_links_every_view(browser, built) -> None:
    visit = Visit(browser, built / "index.html")
    links = visit.page.eval_on_selector_all("a", "as => as.map(a => a.getAttribute('href'))")
    assert {"graph.html", "coauthors.html", "topics.html", "terms.html"} <= set(links)
    assert "14" in visit.page.inner_text(".numbers")
    visit.page.click("text=Co-authorship")
    visit.wait_drawn()
    assert visit.errors == [] and visit.left == []
    visit.page.close()


def test_coauthor_tooltip_names_the_article(browser, built) -> None:
    visit = Visit(browser, built / "coauthors.html")
    visit.wait_drawn()
    text = visit.hover_text("author:name:watson|e")
    assert text.startswith("Emma Watson\n5 articles")
    visit.page.close()


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("hostile-browser")
    result = analyse(load([str(DATA / "hostile" / "listing-payloads.txt")], journal="<b>J</b>"))
    write_outputs(result, out)
    return out


@pytest.mark.parametrize(
    "page", ["index.html", "graph.html", "coauthors.html", "topics.html", "terms.html"]
)
def test_payloads_do_not_run(browser, hostile, page: str) -> None:
    visit = Visit(browser, hostile / page)
    if page != "index.html":
        visit.wait_drawn()
    visit.page.wait_for_timeout(300)
    assert visit.dialogs == []
    assert visit.errors == [] and visit.left == []
    assert visit.page.evaluate("document.querySelectorAll('img, iframe').length") == 0
    # The only SVG is our own charts on the index page, never one from record text.
    assert visit.page.evaluate(
        "document.querySelectorAll('svg').length === document.querySelectorAll('figure.chart > svg').length"
    )
    visit.page.close()


@pytest.mark.parametrize("fmt", ["scopus", "crossref", "bibtex"])
def test_the_shared_hostile_corpus_runs_nothing(browser, fmt: str, tmp_path: Path) -> None:
    """Formats that decode markup (Scopus, Crossref) or LaTeX (BibTeX) turn payloads into
    new text: the pages must still show it as text."""
    from tests.hostile import hostile_file

    result = analyse(load([str(hostile_file(fmt, tmp_path))]))
    write_outputs(result, tmp_path / "out")
    for page in ("index.html", "graph.html", "coauthors.html", "topics.html"):
        visit = Visit(browser, tmp_path / "out" / page)
        if page != "index.html":
            visit.wait_drawn()
            visit.page.mouse.move(500, 350)  # a hover draws a tooltip
        visit.page.wait_for_timeout(200)
        assert (visit.dialogs, visit.errors, visit.left) == ([], [], []), (fmt, page)
        assert visit.page.evaluate("document.querySelectorAll('img, iframe').length") == 0
        visit.page.close()


def test_payloads_show_as_text_in_tooltips(browser, hostile) -> None:
    visit = Visit(browser, hostile / "graph.html")
    visit.wait_drawn()
    cid = visit.page.evaluate(
        "window.citegraph.nodes.get({filter: n => n.kind === 'article'"
        " && n.title.includes('alert(\"title\")')})[0].cid"
    )
    text = visit.hover_text(cid)
    assert '<script>alert("title")</script> A day in the life' in text
    assert "<img src=x onerror=alert(1)> Watson" in text
    assert visit.dialogs == []
    lambert = visit.page.evaluate(
        "window.citegraph.nodes.get({filter: n => n.text.endsWith('Lambert')})[0].cid"
    )
    author = visit.hover_text(lambert)
    assert author.startswith('"><svg onload=alert(2)> Lambert')
    assert visit.dialogs == []
    visit.page.close()


MANY = SHARED / "real/wos/many-authors_500-records_metaknowledge.txt.xz"


@pytest.mark.skipif(
    not MANY.exists(), reason=f"{MANY} is absent: the real exports live beside the clone in CI"
)
def test_citation_views_of_a_real_wos_file_draw(browser, tmp_path_factory) -> None:
    out = tmp_path_factory.mktemp("citations")
    result = analyse(load([str(MANY)]))
    write_outputs(result, out)
    for page, network in (("citations.html", result.citations), ("coupling.html", result.coupling),
                          ("cocitation.html", result.cocitation)):  # fmt: skip
        drawn, _ = cap_nodes(network, "citations", DEFAULT_MAX_NODES)  # co-citation is capped
        visit = Visit(browser, out / page)
        visit.wait_drawn()
        assert visit.page.evaluate("window.citegraph.nodes.length") == drawn.number_of_nodes()
        assert visit.page.evaluate("window.citegraph.edges.length") == drawn.number_of_edges()
        assert visit.painted_pixels() > 500
        assert visit.errors == [] and visit.left == []
        visit.page.close()


def _node_id(visit: Visit, cid: str) -> int:
    return int(
        visit.page.evaluate(f"window.citegraph.nodes.get({{filter: n => n.cid === {cid!r}}})[0].id")
    )


def test_search_selects_and_shows_the_author(browser, built) -> None:
    visit = Visit(browser, built / "coauthors.html")
    visit.wait_drawn()
    labels = visit.page.eval_on_selector_all("#labels option", "os => os.map(o => o.value)")
    assert "Emma Watson" in labels  # the type-ahead list
    visit.page.fill("#search", "Watson")
    visit.page.press("#search", "Enter")
    selected = visit.page.evaluate("window.citegraph.network.getSelectedNodes()")
    assert selected == [_node_id(visit, "author:name:watson|e")]
    details = visit.page.inner_text("#details")
    assert "Emma Watson" in details and "articles\n5" in details
    visit.page.click("#reset")
    assert visit.page.evaluate("window.citegraph.network.getSelectedNodes()") == []
    assert visit.page.is_hidden("#details")
    assert visit.errors == [] and visit.left == []
    visit.page.close()


def test_find_reaches_two_people_of_one_name_and_says_when_nothing_matches(
    browser, tmp_path
) -> None:
    import networkx as nx

    from graph.view import ViewSpec, network_html

    G = nx.Graph()
    for node, articles, years in (("author:a", 3, (2001, 2009)), ("author:b", 1, (2020, 2020))):
        G.add_node(node, kind="author", label="Jian Li", articles=articles,
                   first_year=years[0], last_year=years[1])  # fmt: skip
    G.add_node("author:c", kind="author", label="Mei Chen", articles=2)
    G.add_edges_from([("author:a", "author:c"), ("author:b", "author:c")], weight=1.0)
    page = tmp_path / "two.html"
    page.write_text(network_html(G, ViewSpec("Two", "kind", "articles")), "utf-8")
    visit = Visit(browser, page)
    visit.wait_drawn()
    entries = visit.page.eval_on_selector_all(
        "#labels option", "os => os.map(o => [o.value, o.label])"
    )
    assert entries == [
        ["Jian Li · 3 articles, 2001–2009", "author · 3 articles, 2001–2009"],
        ["Jian Li · 1 article, 2020", "author · 1 article, 2020"],
        ["Mei Chen", "author · 2 articles"],
    ]
    selected = "window.citegraph.network.getSelectedNodes()"
    visit.page.fill("#search", "Jian Li")
    visit.page.press("#search", "Enter")
    assert visit.page.inner_text("#find-status") == "2 matches: pick one from the list"
    assert visit.page.evaluate(selected) == []
    visit.page.fill("#search", "Jian Li · 1 article, 2020")
    visit.page.press("#search", "Enter")
    assert visit.page.evaluate(selected) == [_node_id(visit, "author:b")]
    visit.page.fill("#search", "Nobody")
    visit.page.press("#search", "Enter")
    assert visit.page.inner_text("#find-status") == "no match"
    visit.page.click("#reset")
    visit.page.fill("#search", "Mei")
    visit.page.press("#search", "Tab")  # the box loses focus: no jump to "Mei Chen"
    assert visit.page.evaluate(selected) == []
    assert visit.errors == [] and visit.left == []
    visit.page.close()


def test_no_year_slider_where_nodes_have_no_year(browser, built) -> None:
    visit = Visit(browser, built / "coauthors.html")
    visit.wait_drawn()
    assert visit.page.evaluate("window.citegraph.nodes.get().every(n => n.year === null)")
    assert visit.page.is_hidden("#years")  # the page's CSS once showed it anyway
    topics = Visit(browser, built / "topics.html")
    topics.wait_drawn()
    assert topics.page.is_visible("#years")
    visit.page.close()
    topics.page.close()


def test_links_are_as_wide_as_their_weight_and_fade_beside_a_highlight(browser, built) -> None:
    visit = Visit(browser, built / "topics.html")
    visit.wait_drawn()
    links = visit.page.evaluate("window.citegraph.edges.get().map(e => [e.weight, e.width])")
    colours = visit.page.evaluate(
        """(() => { const c = window.citegraph;
          return c.edges.get().map(e => [c.nodes.get(e.from).color, c.nodes.get(e.to).color,
                                         e.color]); })()"""
    )
    inside = [link for a, b, link in colours if a == b]
    assert inside and all(link == a for a, b, link in colours if a == b)
    assert {link for a, b, link in colours if a != b} == {"#c8c8c8"}
    heaviest = max(weight for weight, _ in links)
    assert len(links) > 10 and max(width for _, width in links) == 6.0
    for weight, width in links:
        assert width == pytest.approx(0.5 + 5.5 * weight / heaviest, abs=1e-3)
    visit.page.fill("#search", "A day in the life")
    visit.page.press("#search", "Enter")
    [chosen] = visit.page.evaluate("window.citegraph.network.getSelectedNodes()")
    opacity = """Object.values(window.citegraph.network.body.edges)
        .filter(e => (e.fromId === {0}) === (e.toId === {0}) === {1})
        .map(e => e.options.color.opacity)"""
    beside, away = (visit.page.evaluate(opacity.format(chosen, side)) for side in ("false", "true"))
    assert beside and set(beside) == {1} and away and set(away) == {0.12}
    visit.page.click("#reset")
    assert set(visit.page.evaluate(opacity.format(chosen, "true"))) == {1}
    other = visit.page.evaluate(f"window.citegraph.network.getConnectedNodes({chosen})[0]")
    visit.page.evaluate(f"window.citegraph.selectNode({other})")  # links lit before now fade
    beside, away = (visit.page.evaluate(opacity.format(other, side)) for side in ("false", "true"))
    assert set(beside) == {1} and set(away) == {0.12}
    # The nodes fade too, but for the node and its neighbours; their labels grey with them.
    faded = """(id) => { const net = window.citegraph.network;
        const near = new Set(net.getConnectedNodes(id).concat([id]));
        return Object.values(net.body.nodes).map(n => [near.has(n.id), n.options.opacity]); }"""
    pairs = visit.page.evaluate(faded, other)
    assert {o for lit, o in pairs if lit} == {1} and {o for lit, o in pairs if not lit} == {0.2}
    visit.page.click("#reset")
    assert {o for _, o in visit.page.evaluate(faded, other)} == {1}
    visit.page.close()


def test_whole_graph_clears_the_filters_and_refits(browser, built) -> None:
    visit = Visit(browser, built / "topics.html")
    visit.wait_drawn()
    every = visit.page.evaluate("window.citegraph.nodeView.length")
    visit.page.select_option("#community", "1")
    kept = visit.page.evaluate("window.citegraph.nodeView.length")
    assert 0 < kept < every
    scale = visit.page.evaluate("window.citegraph.network.getScale()")
    visit.page.click("#reset")
    assert visit.page.evaluate("window.citegraph.nodeView.length") == every
    assert visit.page.input_value("#community") == ""
    assert visit.page.evaluate("window.citegraph.network.getScale()") != scale  # re-fit
    visit.page.close()


@pytest.mark.parametrize("view", ["topics.html", "graph.html", "terms.html"])
def test_drawn_labels_never_overlap_and_more_appear_as_you_zoom_in(browser, built, view) -> None:
    visit = Visit(browser, built / view)
    visit.wait_drawn()
    visit.page.wait_for_function("window.citegraph.labels !== undefined")

    def drawn() -> list[dict[str, float]]:
        return list(visit.page.evaluate("window.citegraph.labels"))

    def overlapping(boxes: list[dict[str, float]]) -> list[tuple[int, int]]:
        return [(a["id"], b["id"]) for i, a in enumerate(boxes) for b in boxes[i + 1 :]
                if a["x"] < b["x"] + b["w"] and b["x"] < a["x"] + a["w"]
                and a["y"] < b["y"] + b["h"] and b["y"] < a["y"] + a["h"]]  # fmt: skip

    opening = drawn()
    largest = visit.page.evaluate(
        "window.citegraph.nodes.get().sort((a, b) => b.size - a.size || a.id - b.id)[0].id"
    )
    assert opening and overlapping(opening) == [] and opening[0]["id"] == largest
    visit.page.evaluate(
        "window.citegraph.network.moveTo({scale: window.citegraph.network.getScale() * 3})"
    )
    visit.page.wait_for_timeout(200)
    closer = drawn()
    assert overlapping(closer) == []
    heights = {round(box["h"]) for box in opening + closer}
    assert heights == {14}  # 12 px text at every zoom
    assert visit.errors == []
    visit.page.close()


def test_only_the_1000_strongest_links_are_drawn_until_asked_for_more(browser, tmp_path) -> None:
    import networkx as nx

    from graph.view import ViewSpec, network_html

    G = nx.gnm_random_graph(400, 1500, seed=3)
    G = nx.relabel_nodes(G, {i: f"term:t{i:03d}" for i in G})
    for i, node in enumerate(sorted(G)):
        G.nodes[node].update(kind="term", label=f"term {i}", occurrences=1 + i % 9)
    for k, (u, v) in enumerate(sorted(G.edges())):
        G.edges[u, v].update(kind="cooccurrence", weight=float(1 + k % 50))
    page = tmp_path / "dense.html"
    page.write_text(network_html(G, ViewSpec("Dense", "kind", "occurrences")), "utf-8")
    visit = Visit(browser, page)
    visit.wait_drawn()
    drawn = "window.citegraph.edgeView.get().map(e => e.weight)"
    weights = visit.page.evaluate(drawn)
    assert len(weights) == 1000 and min(weights) >= 17  # 30 links of each weight 1-50
    assert visit.page.inner_text("#links-text") == "1,000 of 1,500 links drawn, the strongest"
    visit.page.fill("#max-links", "1500")
    visit.page.dispatch_event("#max-links", "change")
    assert len(visit.page.evaluate(drawn)) == 1500
    visit.page.click("#reset")
    assert len(visit.page.evaluate(drawn)) == 1000
    assert visit.errors == []
    visit.page.close()


def test_an_overlay_recolours_the_nodes_in_the_page_and_back(browser, built) -> None:
    visit = Visit(browser, built / "topics.html")
    visit.wait_drawn()
    colours = "window.citegraph.nodes.get().map(n => [n.year, n.color])"
    own = visit.page.evaluate(colours)
    choices = visit.page.eval_on_selector_all("#overlay option", "os => os.map(o => o.value)")
    assert choices[0] == "" and {"year", "pagerank", "degree"} <= set(choices)
    visit.page.select_option("#overlay", "year")
    shaded = visit.page.evaluate(colours)
    assert {c for y, c in shaded if y == 2014} == {"#440154"}  # the lowest year
    assert {c for y, c in shaded if y == 2020} == {"#fde725"}  # the highest
    assert visit.page.is_hidden("#legend") and visit.page.is_visible("#overlay-legend")
    assert visit.page.inner_text("#overlay-low") == "year 2014"
    assert visit.page.inner_text("#overlay-high") == "2020"
    visit.page.select_option("#overlay", "")
    assert visit.page.evaluate(colours) == own and visit.page.is_visible("#legend")
    assert visit.errors == []
    visit.page.close()


def test_year_filter_hides_the_2014_articles(browser, built) -> None:
    visit = Visit(browser, built / "topics.html")
    visit.wait_drawn()
    assert visit.page.evaluate("window.citegraph.nodeView.length") == 11
    visit.page.eval_on_selector(
        "#year-from", "e => { e.value = 2015; e.dispatchEvent(new Event('input')); }"
    )
    years = visit.page.evaluate("window.citegraph.nodeView.get().map(n => n.year)")
    assert len(years) == 8 and min(years) == 2015
    assert visit.page.inner_text("#year-text") == "2015–2020"
    visit.page.close()


def test_clicking_a_coauthor_link_lists_the_article_behind_it(browser, built) -> None:
    visit = Visit(browser, built / "coauthors.html")
    visit.wait_drawn()
    watson, oldknow = (
        _node_id(visit, "author:name:watson|e"),
        _node_id(visit, "author:name:oldknow|h"),
    )
    point = visit.page.evaluate(
        f"""(() => {{
          const net = window.citegraph.network;
          net.moveTo({{scale: 1.0}});
          net.focus({watson}, {{scale: 1.0, animation: false}});
          const p = net.getPositions([{watson}, {oldknow}]);
          const a = net.canvasToDOM(p[{watson}]), b = net.canvasToDOM(p[{oldknow}]);
          const box = document.getElementById('network').getBoundingClientRect();
          return {{x: box.left + (a.x + b.x) / 2, y: box.top + (a.y + b.y) / 2}};
        }})()"""
    )
    visit.page.mouse.click(point["x"], point["y"])
    details = visit.page.inner_text("#details")
    assert "coauthor" in details and "Lambert 2014, 9(4):222–231" in details
    visit.page.close()


def test_payloads_show_as_text_in_the_details_panel(browser, hostile) -> None:
    visit = Visit(browser, hostile / "graph.html")
    visit.wait_drawn()
    visit.page.fill("#search", "A day in the life")
    visit.page.press("#search", "Enter")
    details = visit.page.inner_text("#details")
    assert '<script>alert("title")</script> A day in the life' in details
    assert "<img src=x onerror=alert(1)> Watson" in details
    assert "&lt;script&gt;alert(4)&lt;/script&gt;" in details
    assert (
        visit.page.evaluate("document.querySelectorAll('#details a[href^=javascript]').length") == 0
    )
    assert visit.dialogs == [] and visit.errors == []
    visit.page.close()


LARGE = SHARED / "large" / "wos_citespace-bci-signal-processing_2020-2025.tar.xz"


@pytest.mark.skipif(
    not LARGE.exists(), reason=f"{LARGE} is absent: the large corpus lives beside the clone in CI"
)
def test_a_5000_node_view_of_the_large_corpus_draws_and_searches(browser, tmp_path) -> None:
    import tarfile

    from graph.analysis.coauthors import coauthorship_graph
    from graph.pipeline import assemble
    from graph.view import ViewSpec, network_html

    with tarfile.open(LARGE) as archive:
        members = sorted((m for m in archive.getmembers() if m.isfile()), key=lambda m: m.name)
        archive.extractall(tmp_path, members=members[:5], filter="data")
    corpus = assemble(load([str(tmp_path)]))
    C = coauthorship_graph(corpus.graph)
    assert C.number_of_nodes() > 5000
    page = tmp_path / "big.html"
    page.write_text(network_html(C, ViewSpec("Big", "kind", "articles", max_nodes=5000)), "utf-8")
    visit = Visit(browser, page)
    visit.wait_drawn()
    assert visit.page.evaluate("window.citegraph.nodes.length") == 5000
    assert "left out" in visit.page.inner_text("#capped")
    assert visit.painted_pixels() > 500
    name = visit.page.evaluate("window.citegraph.nodes.get(0).name")
    visit.page.fill("#search", name)
    visit.page.press("#search", "Enter")
    assert visit.page.evaluate("window.citegraph.network.getSelectedNodes()") == [0]
    assert visit.errors == [] and visit.left == []
    visit.page.close()


def test_colour_by_year_has_a_scale_legend(browser, tmp_path, listing_analysis) -> None:
    from dataclasses import replace

    result = replace(listing_analysis)
    result.settings = replace(listing_analysis.settings, color_by="avg_year", max_nodes=5)
    write_outputs(result, tmp_path)
    visit = Visit(browser, tmp_path / "coauthors.html")
    visit.wait_drawn()
    legend = visit.page.inner_text("#legend")
    assert legend.count("avg_year ") == 5 and "avg_year 2014–" in legend
    assert visit.page.evaluate("window.citegraph.nodes.length") == 5
    assert "Showing the top nodes by articles: 5 of 14 nodes (9 left out" in visit.page.inner_text(
        "#capped"
    )
    visit.page.close()


def _fragment(visit: Visit) -> dict[str, str]:
    from urllib.parse import parse_qsl

    return dict(parse_qsl(visit.page.evaluate("location.hash").lstrip("#")))


def test_the_address_keeps_the_view_across_a_reload(browser, built) -> None:
    visit = Visit(browser, built / "topics.html")
    visit.wait_drawn()
    assert _fragment(visit) == {}
    visit.page.select_option("#overlay", "year")
    first = visit.page.evaluate("window.citegraph.nodes.get()[0]")
    visit.page.evaluate(f"window.citegraph.selectNode({first['id']})")
    assert _fragment(visit) == {"overlay": "year", "item": first["cid"]}
    visit.page.reload()
    visit.wait_drawn()
    assert visit.page.input_value("#overlay") == "year"
    assert visit.page.evaluate("window.citegraph.network.getSelectedNodes()") == [first["id"]]
    assert visit.page.inner_text("#details-title") == first["name"]
    visit.page.click("#reset")  # clears the selection and filters, not the colouring
    assert _fragment(visit) == {"overlay": "year"}
    visit.page.select_option("#overlay", "")
    assert _fragment(visit) == {}
    assert visit.errors == []
    visit.page.close()


def test_a_link_with_parameters_opens_that_view(browser, built) -> None:
    target = "article:key:025693d87ab2dc59"  # in community 0
    visit = Visit(browser, built / "topics.html",
                  f"#overlay=pagerank&community=0&zoom=2.5&x=10&y=-20&item={target}")  # fmt: skip
    visit.wait_drawn()
    assert visit.page.input_value("#overlay") == "pagerank"
    assert visit.page.input_value("#community") == "0"
    assert visit.page.evaluate("window.citegraph.network.getScale()") == pytest.approx(2.5)
    at = visit.page.evaluate("window.citegraph.network.getViewPosition()")
    assert at["x"] == pytest.approx(10) and at["y"] == pytest.approx(-20)
    assert visit.page.evaluate("window.citegraph.network.getSelectedNodes()") == [
        _node_id(visit, target)
    ]
    shown = visit.page.evaluate("window.citegraph.nodeView.get().map(n => n.community)")
    assert shown and set(shown) == {0}
    assert visit.errors == []
    visit.page.close()


def test_the_png_button_saves_what_is_drawn(browser, built) -> None:
    import struct

    visit = Visit(browser, built / "terms.html", accept_downloads=True)
    visit.wait_drawn()
    with visit.page.expect_download() as download:
        visit.page.click("#png")
    data = Path(download.value.path()).read_bytes()
    assert download.value.suggested_filename == "terms.png"
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    size = visit.page.evaluate("[document.querySelector('#network canvas').width, "
                               "document.querySelector('#network canvas').height]")  # fmt: skip
    assert [width, height] == size
    assert visit.errors == []
    visit.page.close()


def test_the_density_view_shows_where_the_weight_lies(browser, built) -> None:
    visit = Visit(browser, built / "terms.html")
    visit.wait_drawn()
    before = visit.painted_pixels()
    visit.page.check("#density")
    visit.page.wait_for_function("window.citegraph.density.drawn")
    after = visit.painted_pixels()
    assert after > before * 2, (before, after)
    # The grid is densest under the largest node, and empty far from every node.
    densest, corner = visit.page.evaluate("""() => {
        const c = window.citegraph, d = c.density, b = d.box;
        const big = c.nodes.get().sort((x, y) => y.size - x.size)[0];
        const at = c.network.getPositions([big.id])[big.id];
        const i = Math.floor((at.x - b.x) / b.cell), j = Math.floor((at.y - b.y) / b.cell);
        return [d.grid[j * 256 + i] / d.most, d.grid[0] / d.most];
    }""")
    assert densest > 0.5 and corner < 0.01
    assert _fragment(visit) == {"density": "1"}
    visit.page.uncheck("#density")
    assert visit.page.evaluate("window.citegraph.density.on") is False
    assert _fragment(visit) == {}
    assert visit.errors == []
    visit.page.close()


@pytest.mark.skipif(
    not MANY.exists(), reason=f"{MANY} is absent: the real exports live beside the clone in CI"
)
def test_link_details_give_the_shared_references_and_who_cites_whom(
    browser, tmp_path_factory
) -> None:
    out = tmp_path_factory.mktemp("evidence")
    result = analyse(load([str(MANY)]))
    write_outputs(result, out)
    labels = {**result.reference_labels,
              **{n: str(d.get("label", n)) for n, d in result.graph.nodes(data=True)}}  # fmt: skip
    visit = Visit(browser, out / "coupling.html")
    visit.wait_drawn()
    edge = visit.page.evaluate(
        "window.citegraph.edges.get().sort((a, b) => b.weight - a.weight)[0]"
    )
    ends = visit.page.evaluate(f"[window.citegraph.nodes.get({edge['from']}).cid, "
                               f"window.citegraph.nodes.get({edge['to']}).cid]")  # fmt: skip
    shared = set(result.cited[ends[0]]) & set(result.cited[ends[1]])
    visit.page.evaluate(f"window.citegraph.showLink(window.citegraph.edges.get({edge['id']!r}))")
    rows = visit.page.eval_on_selector_all(
        "#details-list dt", "ds => ds.map(d => [d.textContent, d.nextSibling.textContent])"
    )
    assert ["shared references", str(len(shared))] in rows
    named = [text for key, text in rows if key == "shared reference"]
    assert 0 < len(named) <= 5 and set(named) <= {labels[k] for k in shared}
    page = (out / "coupling.html").read_text()
    start = page.index("var EVIDENCE = ") + len("var EVIDENCE = ")
    evidence = json.loads(page[start : page.index(";\n", start)])
    assert len(evidence) == len(set(evidence)) > 0  # each reference text is in the page once
    assert set(named) <= set(evidence)
    visit.page.close()

    visit = Visit(browser, out / "citations.html")
    visit.wait_drawn()
    edge = visit.page.evaluate("window.citegraph.edges.get()[0]")
    visit.page.evaluate(f"window.citegraph.showLink(window.citegraph.edges.get({edge['id']!r}))")
    citing, cited = (
        visit.page.evaluate(f"window.citegraph.nodes.get({edge[k]})") for k in ("from", "to")
    )
    rows = visit.page.eval_on_selector_all(
        "#details-list dt", "ds => ds.map(d => [d.textContent, d.nextSibling.textContent])"
    )
    assert rows[0] == ["citing", f"{citing['name']} ({citing['year']})"]
    assert rows[1] == ["cited", f"{cited['name']} ({cited['year']})"]
    assert visit.page.inner_text("#details-title") == f"{citing['name']} → {cited['name']}"
    assert visit.errors == []
    visit.page.close()


def test_a_click_goes_to_the_node_drawn_on_top_where_it_lands(browser, built) -> None:
    visit = Visit(browser, built / "coauthors.html")
    visit.wait_drawn()
    # Put the smallest node on the rim of the largest, and click three points.
    found = visit.page.evaluate("""() => {
        const c = window.citegraph, net = c.network;
        const bySize = c.nodes.get().sort((a, b) => b.size - a.size);
        const big = bySize[0], small = bySize[bySize.length - 1];
        net.moveNode(big.id, 0, 0); net.moveNode(small.id, big.size * 0.8, 0);
        net.moveTo({position: {x: 0, y: 0}, scale: 4, animation: false});
        const at = (x, y) => c.nodeAt({x: x, y: y});
        const corner = {x: big.size * 0.8 - small.size * 0.95, y: -small.size * 0.95};
        return {big: big.id, small: small.id, sizes: [big.size, small.size],
                onSmall: at(big.size * 0.8, 0), onBig: at(-big.size * 0.5, 0),
                smallsCorner: at(corner.x, corner.y), outside: at(big.size * 3, big.size * 3),
                cornerInBig: Math.hypot(corner.x, corner.y) < big.size};
    }""")
    assert found["sizes"][0] > found["sizes"][1] and found["cornerInBig"]
    assert found["onSmall"] == found["small"]  # the small node is drawn over the big one
    assert found["onBig"] == found["big"]
    assert found["smallsCorner"] == found["big"]  # in the small node's square, not its circle
    assert found["outside"] is None
    # A real click at the small node's centre selects it.
    point = visit.page.evaluate(f"""() => {{
        const net = window.citegraph.network, box = document.getElementById('network').getBoundingClientRect();
        const p = net.canvasToDOM(net.getPosition({found["small"]}));
        return {{x: box.left + p.x, y: box.top + p.y}}; }}""")
    visit.page.mouse.click(point["x"], point["y"])
    assert visit.page.evaluate("window.citegraph.network.getSelectedNodes()") == [found["small"]]
    assert visit.errors == []
    visit.page.close()


@pytest.mark.parametrize(("page", "network"), [("terms.html", "terms"), ("topics.html", "topics"),
                                               ("coauthors.html", "coauthors")])  # fmt: skip
def test_the_legend_names_each_cluster_in_its_colour(
    browser, built, listing_analysis, page: str, network: str
) -> None:
    names = getattr(listing_analysis, network).graph["cluster_names"]
    assert names
    visit = Visit(browser, built / page)
    visit.wait_drawn()
    entries = visit.page.eval_on_selector_all(
        "#legend > span",
        "es => es.map(e => [e.textContent.trim(), "
        "e.querySelector('.swatch') && getComputedStyle(e.querySelector('.swatch')).backgroundColor])",
    )
    colours = visit.page.evaluate("window.citegraph.nodes.get().map(n => [n.community, n.color])")
    rgb = visit.page.evaluate("""(hexes) => hexes.map(h => { const d = document.createElement('i');
        d.style.color = h; document.body.appendChild(d); const c = getComputedStyle(d).color;
        d.remove(); return c; })""", [c for _, c in colours])  # fmt: skip
    by_community = {community: shown for (community, _), shown in zip(colours, rgb, strict=True)}
    for community, name in names.items():
        [(text, swatch)] = [e for e in entries if e[0].startswith(f"community {community}:")]
        assert text == f"community {community}: {name}"
        assert swatch == by_community[community]  # the legend's colour is its nodes' colour
    assert visit.errors == []
    visit.page.close()
