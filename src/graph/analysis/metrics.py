"""Node and graph metrics for the co-authorship, topic and typed graphs.

Betweenness and closeness use hop distance (edge weights are strengths, not lengths);
above ``EXACT_BETWEENNESS_MAX`` nodes betweenness is estimated from ``k`` sampled sources,
and the graph metrics say so. PageRank and weighted degree use ``weight``.

>>> import networkx as nx
>>> P = nx.path_graph(["a", "b", "c"])
>>> node_metrics(P)["b"]["betweenness"], node_metrics(P)["b"]["degree"]
(1.0, 2)
>>> graph_metrics(P)["components"], graph_metrics(P)["largest_component"]
(1, 3)
"""

from __future__ import annotations

from collections import Counter

import networkx as nx

from graph.analysis.communities import DEFAULT_SEED, components, louvain

EXACT_BETWEENNESS_MAX = 5000
BETWEENNESS_SAMPLES = 500
NODE_METRICS = (
    "degree",
    "weighted_degree",
    "betweenness",
    "closeness",
    "pagerank",
    "component",
    "community",
)

Metrics = dict[str, dict[str, float | int]]


def _betweenness(G: nx.Graph, seed: int) -> dict[str, float]:
    n = G.number_of_nodes()
    k = None if n <= EXACT_BETWEENNESS_MAX else BETWEENNESS_SAMPLES
    result: dict[str, float] = nx.betweenness_centrality(G, k=k, seed=seed, normalized=True)
    return result


def node_metrics(G: nx.Graph, seed: int = DEFAULT_SEED) -> Metrics:
    """Degree, weighted degree, betweenness, closeness, PageRank, component and community."""
    if G.number_of_nodes() == 0:
        return {}
    betweenness = _betweenness(G, seed)
    closeness = nx.closeness_centrality(G)
    pagerank = nx.pagerank(G, weight="weight") if G.number_of_edges() else {}
    uniform = 1.0 / G.number_of_nodes()
    component = components(G)
    community = louvain(G, seed=seed)
    out: Metrics = {}
    for node in sorted(G):
        out[node] = {
            "degree": int(G.degree(node)),
            "weighted_degree": round(float(G.degree(node, weight="weight")), 6),
            "betweenness": round(betweenness[node], 6),
            "closeness": round(closeness[node], 6),
            "pagerank": round(pagerank.get(node, uniform), 6),
            "component": component[node],
            "community": community[node],
        }
    return out


def graph_metrics(G: nx.Graph) -> dict[str, object]:
    """Nodes and edges (by kind where typed), density, components and clustering.

    Directed graphs are measured on their undirected form.
    """
    U = G.to_undirected(as_view=True) if G.is_directed() else G
    sizes = sorted((len(c) for c in nx.connected_components(U)), reverse=True)
    out: dict[str, object] = {
        "nodes": G.number_of_nodes(),
        "edges": G.number_of_edges(),
        "density": round(nx.density(U), 6),
        "components": len(sizes),
        "largest_component": sizes[0] if sizes else 0,
        "average_clustering": round(nx.average_clustering(nx.Graph(U)), 6) if sizes else 0.0,
    }
    kinds = Counter(kind for _, kind in G.nodes(data="kind") if kind)
    if kinds:
        out["nodes_by_kind"] = dict(sorted(kinds.items()))
    edge_kinds = Counter(kind for _, _, kind in G.edges(data="kind") if kind)
    if edge_kinds:
        out["edges_by_kind"] = dict(sorted(edge_kinds.items()))
    if G.number_of_nodes() > EXACT_BETWEENNESS_MAX:
        out["betweenness_sampled_k"] = BETWEENNESS_SAMPLES
    return out
