"""Metrics agree with networkx and are deterministic."""

from __future__ import annotations

from collections import Counter

import networkx as nx
import pytest

from graph.analysis.communities import METHODS, detect_communities, louvain
from graph.analysis.metrics import graph_metrics, node_metrics, path_lengths


def test_values_match_networkx_on_a_small_graph() -> None:
    G = nx.karate_club_graph()
    G = nx.relabel_nodes(G, {n: f"n{n:02d}" for n in G})
    ours = node_metrics(G)
    betweenness = nx.betweenness_centrality(G)
    pagerank = nx.pagerank(G, weight="weight", tol=1e-12)  # igraph solves exactly
    for node in G:
        assert ours[node]["degree"] == G.degree(node)
        assert ours[node]["betweenness"] == pytest.approx(betweenness[node], abs=1e-6)
        assert ours[node]["pagerank"] == pytest.approx(pagerank[node], abs=1e-6)


def test_closeness_matches_networkx_across_components() -> None:
    G = nx.relabel_nodes(nx.karate_club_graph(), str)
    G.add_edges_from([("x1", "x2"), ("x2", "x3"), ("y", "y2")])
    G.add_node("alone")
    closeness = nx.closeness_centrality(G)
    ours = node_metrics(G)
    for node in G:
        assert ours[node]["closeness"] == pytest.approx(closeness[node], abs=1e-6)


def test_communities_are_seeded() -> None:
    G = nx.relabel_nodes(nx.karate_club_graph(), str)
    assert louvain(G, seed=1) == louvain(G, seed=1)
    assert len(set(louvain(G).values())) >= 2


def test_graph_level_metrics_of_the_listing(listing_analysis) -> None:
    co = graph_metrics(listing_analysis.coauthors)
    assert (co["nodes"], co["edges"], co["components"], co["largest_component"]) == (14, 11, 7, 4)
    typed = listing_analysis.networks["typed"]
    assert typed["nodes_by_kind"] == {"article": 11, "author": 14, "issue": 11}
    assert typed["edges_by_kind"]["authored"] == 18
    assert typed["edges_by_kind"]["published_in"] == 11


def test_every_author_and_article_has_its_metrics(listing_analysis) -> None:
    for _, data in listing_analysis.graph.nodes(data=True):
        for metric in ("degree", "betweenness", "closeness", "pagerank", "community"):
            assert metric in data
    watson = listing_analysis.graph.nodes["author:name:watson|e"]
    assert (watson["degree"], watson["metrics_network"]) == (3, "coauthorship")
    assert (watson["coauthors"], watson["first_author"], watson["articles"]) == (3, 4, 5)


def test_sampled_estimates_are_close_to_exact(monkeypatch) -> None:
    import graph.analysis.metrics as metrics

    G = nx.relabel_nodes(nx.connected_watts_strogatz_graph(600, 6, 0.1, seed=3), str)
    G.add_edge("island-a", "island-b")  # a small component keeps exact closeness
    exact = node_metrics(G)
    monkeypatch.setattr(metrics, "EXACT_WORK", 10_000)
    monkeypatch.setattr(metrics, "_SMALL_COMPONENT", 100)
    sampled = node_metrics(G)
    assert metrics.sample_size(G) == 100
    assert graph_metrics(G)["path_metrics_sampled_k"] == 100
    for node in G:
        assert sampled[node]["closeness"] == pytest.approx(exact[node]["closeness"], rel=0.10)
    # Betweenness from 100 of 602 sources: each value is noisy, the picture is not.
    error = sum(abs(sampled[v]["betweenness"] - exact[v]["betweenness"]) for v in G) / len(G)
    assert error < 0.005

    def top(values):
        return set(sorted(G, key=lambda v: -values[v]["betweenness"])[:20])

    assert len(top(sampled) & top(exact)) >= 12
    assert sampled["island-a"]["closeness"] == exact["island-a"]["closeness"]


def test_extended_graph_metrics_match_networkx() -> None:
    G = nx.relabel_nodes(nx.karate_club_graph(), str)
    partition = louvain(G)
    found = graph_metrics(G, partition)
    assert found["transitivity"] == pytest.approx(nx.transitivity(G), abs=1e-6)
    assert found["degree_assortativity"] == pytest.approx(
        nx.degree_assortativity_coefficient(G), abs=1e-6
    )
    groups: dict[int, set[str]] = {}
    for node, community in partition.items():
        groups.setdefault(community, set()).add(node)
    assert found["modularity"] == pytest.approx(
        nx.community.modularity(G, groups.values()), abs=1e-6
    )
    assert sum(found["degree_distribution"].values()) == 34
    assert found["largest_component_share"] == 1.0


def test_core_number_clustering_and_bridging() -> None:
    # Two triangles joined through a hub that also touches a third pair.
    G = nx.Graph([("a1", "a2"), ("a2", "a3"), ("a1", "a3"), ("b1", "b2"), ("b2", "b3"),
                  ("b1", "b3"), ("c1", "c2"), ("hub", "a1"), ("hub", "b1"), ("hub", "c1")])  # fmt: skip
    found = node_metrics(G)
    # Peeling c2 then c1 leaves the hub with two neighbours in the 2-core.
    assert {n: found[n]["core_number"] for n in ("a1", "hub", "c1", "c2")} == {
        "a1": 2, "hub": 2, "c1": 1, "c2": 1,
    }  # fmt: skip
    assert found["a2"]["clustering"] == 1.0 and found["hub"]["clustering"] == 0.0
    communities = {found[n]["community"] for n in ("a1", "b1", "c1")}
    assert len(communities) == 3  # the three groups are found apart
    assert found["hub"]["bridging"] is True and found["a2"]["bridging"] is False


def test_path_lengths_match_networkx_when_exact() -> None:
    G = nx.relabel_nodes(nx.karate_club_graph(), str)
    G.add_edge("x", "y")  # a second component is left out
    found = path_lengths(G)
    largest = G.subgraph(max(nx.connected_components(G), key=len))
    assert found["average_shortest_path"] == pytest.approx(
        nx.average_shortest_path_length(largest), abs=1e-6
    )
    assert found["diameter"] == nx.diameter(largest)
    assert (found["path_sources"], found["path_exact"]) == (34, True)


def test_sampled_path_lengths_are_close_and_say_so() -> None:
    G = nx.relabel_nodes(nx.connected_watts_strogatz_graph(3000, 6, 0.05, seed=5), str)
    exact = path_lengths(G, exact_up_to=10_000)
    sampled = path_lengths(G, exact_up_to=1000, samples=300)
    assert (sampled["path_sources"], sampled["path_exact"]) == (300, False)
    assert sampled["average_shortest_path"] == pytest.approx(
        exact["average_shortest_path"], rel=0.03
    )
    # Sampled sources can only miss the farthest pair: a lower bound, close to the truth.
    assert exact["diameter"] - 2 <= sampled["diameter"] <= exact["diameter"]


def test_best_of_runs_has_the_highest_modularity_and_is_scored() -> None:
    G = nx.relabel_nodes(nx.les_miserables_graph(), str)
    found = detect_communities(G, seed=0, runs=10)
    singles = [louvain(G, seed=s) for s in range(10)]

    def modularity(partition):
        groups: dict[int, set[str]] = {}
        for node, community in partition.items():
            groups.setdefault(community, set()).add(node)
        return nx.community.modularity(G, groups.values(), weight="weight")

    assert found.modularity == pytest.approx(max(modularity(p) for p in singles), abs=1e-6)
    assert found.modularity == pytest.approx(modularity(found.communities), abs=1e-6)
    assert 0 < found.mean_ari <= 1 and 0 < found.mean_nmi <= 1
    clear = nx.relabel_nodes(nx.disjoint_union(nx.complete_graph(5), nx.complete_graph(5)), str)
    clear_found = detect_communities(clear, runs=5)
    assert (clear_found.mean_ari, clear_found.mean_nmi) == (1.0, 1.0)


def test_resolution_changes_the_number_of_communities() -> None:
    G = nx.relabel_nodes(nx.les_miserables_graph(), str)
    coarse = detect_communities(G, resolution=0.5).communities
    fine = detect_communities(G, resolution=2.0).communities
    assert len(set(coarse.values())) < len(set(fine.values()))


def test_leiden_is_the_default_seeded_and_needs_no_extra() -> None:
    from graph.settings import Settings

    assert "leiden" in METHODS and Settings().communities == "leiden"
    G = nx.relabel_nodes(nx.les_miserables_graph(), str)
    first = detect_communities(G, method="leiden", runs=3)
    assert first.communities == detect_communities(G, method="leiden", runs=3).communities
    assert first.modularity > 0.5


def test_cpm_finds_dense_groups() -> None:
    # Two 5-cliques joined by one link: CPM at density 0.5 keeps each clique whole, and
    # at density 1.1 no group is dense enough, so every node stands alone.
    G = nx.relabel_nodes(nx.barbell_graph(5, 0), str)
    dense = detect_communities(G, method="leiden", quality="cpm", resolution=0.5, runs=3)
    assert sorted(Counter(dense.communities.values()).values()) == [5, 5]
    assert dense.quality == "cpm" and dense.modularity == pytest.approx(0.452, abs=1e-3)
    alone = detect_communities(G, method="leiden", quality="cpm", resolution=1.1, runs=2)
    assert len(set(alone.communities.values())) == 10
    with pytest.raises(ValueError, match="CPM quality needs the Leiden method"):
        detect_communities(G, method="louvain", quality="cpm")


def test_graphs_without_links_are_measured_not_crashed() -> None:
    G = nx.Graph()
    G.add_nodes_from(["a", "b", "c"])
    found = graph_metrics(G, {"a": 0, "b": 1, "c": 2})
    assert (found["edges"], found["components"], found["diameter"]) == (0, 3, 0)
    assert {m["degree"] for m in node_metrics(G).values()} == {0}
    assert detect_communities(G).modularity is None
