"""The typed graph built from the bundled listing."""

from __future__ import annotations

import networkx as nx

from graph import analyse, load
from graph.build import build_graph, nodes_of_kind
from graph.readers import read
from tests.conftest import LISTING


def test_node_counts_by_kind(listing_analysis) -> None:
    G = listing_analysis.graph
    assert len(nodes_of_kind(G, "article")) == 11
    assert len(nodes_of_kind(G, "author")) == 14
    assert len(nodes_of_kind(G, "issue")) == 11
    assert nodes_of_kind(G, "journal") == []  # the listing names no journal


def test_typed_stable_ids(listing_analysis) -> None:
    G = listing_analysis.graph
    assert "author:name:watson|e" in G
    assert "author:name:gevaux|ns" in G
    assert "issue:?:2014:9:4" in G
    assert all(n.startswith("article:key:") for n in nodes_of_kind(G, "article"))


def test_every_node_and_edge_is_typed_with_scalar_values(listing_analysis) -> None:
    G = listing_analysis.graph
    for _, data in G.nodes(data=True):
        assert data["kind"] in {"author", "article", "issue", "journal"} and data["label"]
        assert all(isinstance(v, str | int | float | bool) for v in data.values())
    for _, _, data in G.edges(data=True):
        assert data["kind"] in {
            "authored",
            "published_in",
            "part_of",
            "coauthor",
            "topic",
            "issue_topic",
        }
        assert all(isinstance(v, str | int | float | bool) for v in data.values())


def test_authored_edges_carry_positions(listing_analysis) -> None:
    G = listing_analysis.graph
    article = next(a for a in G.predecessors("issue:?:2014:9:4"))
    positions = {
        u: d["position"] for u, _, d in G.in_edges(article, data=True) if d["kind"] == "authored"
    }
    assert positions == {
        "author:name:lambert|m": 1,
        "author:name:matharoo|r": 2,
        "author:name:watson|e": 3,
        "author:name:oldknow|h": 4,
    }


def test_author_article_counts(listing_analysis) -> None:
    watson = listing_analysis.graph.nodes["author:name:watson|e"]
    assert watson["articles"] == 5
    assert watson["fractional_articles"] == 4.25  # four solo papers and one of four authors


def test_journal_option_adds_journal_nodes() -> None:
    loaded = read([str(LISTING)], journal="Mental Health and Social Inclusion")
    G = build_graph(loaded.articles)
    assert nodes_of_kind(G, "journal") == ["journal:mental-health-and-social-inclusion"]
    part_of = [(u, v) for u, v, k in G.edges(data="kind") if k == "part_of"]
    assert len(part_of) == 11
    assert "issue:mental-health-and-social-inclusion:2015:19:4" in G


def test_the_same_records_twice_merge_as_duplicates(tmp_path) -> None:
    copy = tmp_path / "copy.txt"
    copy.write_bytes(LISTING.read_bytes())
    result = analyse(load([str(LISTING), str(copy)]))
    assert len(nodes_of_kind(result.graph, "article")) == 11
    assert sum(result.duplicates.values()) == 11  # whichever file sorts first is kept
    assert len(result.merges) == 11
    merged = result.graph.nodes[nodes_of_kind(result.graph, "article")[0]]
    assert {merged["source"].split(":")[0], merged["merged_from"].split(":")[0]} == {
        str(copy),
        str(LISTING),
    }
    assert {g.reason for g in result.merges} == {
        "title, year and first author",  # the one record with a title
        "same bibliographic details",
    }


def test_build_is_independent_of_record_order(listing_analysis) -> None:
    articles = read([str(LISTING)]).articles
    forward, backward = build_graph(articles), build_graph(list(reversed(articles)))
    assert nx.utils.graphs_equal(forward, backward)


def test_author_indicators(listing_analysis) -> None:
    watson = listing_analysis.graph.nodes["author:name:watson|e"]
    # First author of her four solo papers; third of four on Lambert 2014.
    assert (watson["first_author"], watson["first_year"], watson["last_year"]) == (4, 2014, 2016)
    lambert = listing_analysis.graph.nodes["author:name:lambert|m"]
    assert (lambert["first_author"], lambert["first_year"], lambert["last_year"]) == (1, 2014, 2014)
