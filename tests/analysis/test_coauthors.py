"""Co-authorship facts of the bundled listing."""

from __future__ import annotations

import networkx as nx


def test_eleven_links_and_seven_components(listing_analysis) -> None:
    C = listing_analysis.coauthors
    assert C.number_of_nodes() == 14
    assert C.number_of_edges() == 11
    assert nx.number_connected_components(C) == 7


def test_watson_has_three_coauthors_from_one_article(listing_analysis) -> None:
    C, G = listing_analysis.coauthors, listing_analysis.graph
    watson = "author:name:watson|e"
    names = sorted(G.nodes[n]["label"] for n in C[watson])
    assert names == ["Helen Oldknow", "Marissa Lambert", "Rachael Matharoo"]
    behind = {C.edges[watson, n]["articles"] for n in C[watson]}
    assert len(behind) == 1
    (article,) = behind
    assert G.nodes[article]["label"] == "Lambert 2014, 9(4):222–231"


def test_weights_and_fractional_counts(listing_analysis) -> None:
    C = listing_analysis.coauthors
    four = C.edges["author:name:watson|e", "author:name:lambert|m"]
    two = C.edges["author:name:conchar|c", "author:name:repper|j"]
    assert (four["weight"], four["fractional"]) == (1, round(1 / 3, 6))
    assert (two["weight"], two["fractional"]) == (1, 1.0)


def test_links_are_in_the_linked_graph_not_the_typed_graph(listing_analysis) -> None:
    from graph.pipeline import linked

    typed = [k for _, _, k in listing_analysis.graph.edges(data="kind") if k == "coauthor"]
    assert typed == []  # the typed graph holds its own links only
    G = linked(listing_analysis)
    coauthor = [(u, v) for u, v, k in G.edges(data="kind") if k == "coauthor"]
    assert len(coauthor) == 11
