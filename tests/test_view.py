"""HTML views: self-contained, escaped, deterministic."""

from __future__ import annotations

import json
import re

import pytest
from lxml import html as lxml_html

from graph import analyse, load, write_outputs
from tests.conftest import DATA

PAYLOADS = (
    '<script>alert("title")</script>',
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(2)>',
    "</script><script>alert(5)</script>",
)


@pytest.fixture(scope="module")
def built(tmp_path_factory, listing_analysis):
    out = tmp_path_factory.mktemp("views")
    write_outputs(listing_analysis, out)
    return out


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    out = tmp_path_factory.mktemp("hostile")
    result = analyse(load([str(DATA / "hostile" / "listing-payloads.txt")], journal="<b>J</b>"))
    write_outputs(result, out)
    return out


@pytest.mark.parametrize("page", ["index.html", "graph.html", "coauthors.html", "topics.html"])
def test_no_remote_scripts_or_stylesheets(built, page: str) -> None:
    tree = lxml_html.fromstring((built / page).read_bytes())
    sources = tree.xpath("//script/@src | //link/@href | //img/@src | //iframe/@src")
    assert not [s for s in sources if re.match(r"(https?:)?//", s)]
    if page != "index.html":
        assert "vis.Network" in (built / page).read_text(encoding="utf-8")


@pytest.mark.parametrize("page", ["graph.html", "coauthors.html", "topics.html"])
def test_payloads_never_reach_the_page_as_markup(hostile, page: str) -> None:
    text = (hostile / page).read_text(encoding="utf-8")
    tree = lxml_html.fromstring(text.encode("utf-8"))
    assert len(tree.xpath("//script")) == 2  # vis-network, and our own data script
    assert not tree.xpath("//img | //svg | //*[@onerror] | //*[@onload]")
    for payload in PAYLOADS:
        assert payload not in text


def test_payload_text_is_kept_as_escaped_json(hostile) -> None:
    text = (hostile / "graph.html").read_text(encoding="utf-8")
    assert '\\u003cscript\\u003ealert(\\"title\\")\\u003c/script\\u003e' in text
    assert "\\u003cimg src=x onerror=alert(1)\\u003e Watson" in text


def test_index_escapes_record_text(hostile) -> None:
    text = (hostile / "index.html").read_text(encoding="utf-8")
    assert "<b>J</b>" not in text
    tree = lxml_html.fromstring(text.encode("utf-8"))
    assert not tree.xpath("//script | //img")
    # Our charts are the only SVG, and record text in them is text, not markup.
    assert tree.xpath("//svg") == tree.xpath("//figure[@class='chart']/svg")
    assert not tree.xpath("//svg//*[not(self::g or self::text or self::rect)]")


def test_views_are_deterministic(listing_analysis, tmp_path) -> None:
    write_outputs(listing_analysis, tmp_path / "a")
    write_outputs(listing_analysis, tmp_path / "b")
    for name in ("index.html", "graph.html", "coauthors.html", "topics.html", "metrics.json"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_index_accounts_for_every_record_per_file(tmp_path) -> None:
    result = analyse(load([str(DATA)]))
    write_outputs(result, tmp_path)
    tree = lxml_html.fromstring((tmp_path / "index.html").read_bytes())
    rows = [
        [td.text_content() for td in tr.xpath("td")]
        for tr in tree.xpath("//table[@class='files']/tr[td]")
    ]
    summary = json.loads((tmp_path / "summary.json").read_text(encoding="utf-8"))
    assert len(rows) == len(summary["files"]) >= 10
    for path, _, read, articles, duplicates, problems in rows:
        assert int(read) == int(articles) + int(duplicates) + int(problems), path
    assert sum(int(r[4]) for r in rows) == summary["duplicates_merged"] >= 1
    assert sum(int(r[5]) for r in rows) == summary["problems"] >= 1
    numbers = {s.text_content(): b.text_content() for b, s in zip(
        tree.xpath("//div[@class='number']/b"), tree.xpath("//div[@class='number']/span"), strict=True
    )}  # fmt: skip
    assert numbers["duplicates merged"] == str(summary["duplicates_merged"])
    assert "note(s) on what was repaired" in tree.text_content()


def test_the_coauthor_view_names_the_community_method_the_build_used(built) -> None:
    assert "colour by Leiden community" in (built / "coauthors.html").read_text("utf-8")


def test_the_typed_graph_view_shows_the_most_cited_articles_with_their_people() -> None:
    from graph.kinds import ARTICLE, AUTHORED, PUBLISHED_IN
    from graph.view import ViewSpec, network_html
    from graph.view.network import cap_articles

    result = analyse(load([str(DATA / "terms" / "wos-many-authors-120.txt")]))
    G = result.graph
    kept, left, articles = cap_articles(G, 300)
    assert 0 < kept.number_of_nodes() <= 300 and left == G.number_of_nodes() - len(kept)
    chosen = [n for n, k in kept.nodes(data="kind") if k == ARTICLE]
    assert len(chosen) == articles
    cited = sorted((int(d.get("citations_in_corpus", 0)) for n, d in G.nodes(data=True)
                    if d.get("kind") == ARTICLE), reverse=True)  # fmt: skip
    assert sorted((int(G.nodes[a].get("citations_in_corpus", 0)) for a in chosen),
                  reverse=True) == cited[:articles]  # fmt: skip
    for article in chosen:  # each with every author and its issue
        for u, _, kind in G.in_edges(article, data="kind"):
            assert kind != AUTHORED or u in kept
        for _, v, kind in G.out_edges(article, data="kind"):
            assert kind != PUBLISHED_IN or v in kept
    page = network_html(G, ViewSpec("Whole", "kind", "degree", max_nodes=300, by_articles=True))
    assert f"Showing the {articles} most cited articles with their authors and issues:" in page
    assert f"{kept.number_of_nodes()} of {G.number_of_nodes()} nodes ({left} left out" in page
