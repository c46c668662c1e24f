"""Node and graph metrics for the co-authorship, topic and typed graphs.

Betweenness and closeness use hop distance (edge weights are strengths, not lengths).
They cost a breadth-first search per source node; when nodes × edges exceeds
``EXACT_WORK``, both are estimated from ``k`` seeded sample sources (k = EXACT_WORK / edges,
at least ``MIN_SAMPLES``), and :func:`graph_metrics` states ``k``. Closeness stays exact
in components too small to matter for the budget. PageRank and weighted degree use
``weight``.

>>> import networkx as nx
>>> P = nx.path_graph(["a", "b", "c"])
>>> node_metrics(P)["b"]["betweenness"], node_metrics(P)["b"]["degree"]
(1.0, 2)
>>> graph_metrics(P)["components"], graph_metrics(P)["largest_component"]
(1, 3)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

import igraph
import networkx as nx
import numpy as np
from scipy import sparse
from scipy.sparse import csgraph

from graph.analysis.communities import DEFAULT_SEED, Prepared, as_igraph, components, louvain
from graph.forked import one_thread

EXACT_WORK = 20_000_000
MIN_SAMPLES = 100
_SMALL_COMPONENT = 2000
PATH_EXACT = 2000
PATH_SAMPLES = 200

Metrics = dict[str, dict[str, float | int | bool]]


def sample_size(G: nx.Graph) -> int | None:
    """How many sources path metrics sample on ``G``; None means exact.

    >>> sample_size(nx.path_graph(10)) is None
    True
    """
    return _samples(G.number_of_nodes(), G.number_of_edges())


def _samples(n: int, m: int) -> int | None:
    m = max(m, 1)
    if n * m <= EXACT_WORK:
        return None
    return int(min(n, max(MIN_SAMPLES, EXACT_WORK // m)))


Simple = tuple[list[str], igraph.Graph]


def simple_igraph(G: nx.Graph) -> Simple:
    """``G`` undirected, without loops or parallel links, in igraph over its sorted nodes;
    edge ``weight`` (1 where absent) is summed over the parallel links it merges."""
    return simplified(as_igraph(G))  # its link ends are sorted, so direction is gone


def simplified(prepared: Prepared) -> Simple:
    """:func:`simple_igraph` of a graph already converted by :func:`as_igraph`."""
    H = prepared.graph.copy()
    H.es["weight"] = prepared.weights or []
    H.simplify(combine_edges={"weight": "sum"})
    return prepared.order, H


def pagerank(G: nx.Graph, simple: Simple | None = None) -> dict[str, float]:
    """PageRank (damping 0.85, edge ``weight``) of each node of ``G`` taken undirected, by
    igraph's PRPACK solver in C: exact where networkx's power iteration stops at a
    tolerance, and 20 times faster. Every node gets 1/n on a graph without links.

    >>> ranks = pagerank(nx.star_graph(3))
    >>> round(ranks[0], 4), round(ranks[1], 4)
    (0.4797, 0.1734)
    """
    order, H = simple or simple_igraph(G)
    if not H.ecount():
        return {node: 1.0 / len(order) for node in order}
    # PRPACK on one OpenMP thread: on two, its sums change order from run to run (1e-17
    # apart), and in a forked child after the parent's threads ran, it hangs.
    with one_thread():
        ranks = H.pagerank(weights="weight")
    return dict(zip(order, ranks, strict=True))


def adjacency(H: igraph.Graph) -> sparse.csr_array:
    """The symmetric 0/1 adjacency matrix of an undirected igraph graph (igraph's own
    fails on a graph without edges).

    >>> adjacency(igraph.Graph(n=3, edges=[(0, 1)])).toarray().tolist()
    [[0, 1, 0], [1, 0, 0], [0, 0, 0]]
    """
    n = H.vcount()
    ends = np.array(H.get_edgelist(), dtype=np.int64).reshape(-1, 2)
    rows = np.concatenate([ends[:, 0], ends[:, 1]])
    cols = np.concatenate([ends[:, 1], ends[:, 0]])
    return sparse.csr_array((np.ones(len(rows), dtype=np.int64), (rows, cols)), shape=(n, n))


def _betweenness(H: igraph.Graph, k: int | None, seed: int) -> np.ndarray:
    """Betweenness normalised as networkx does, by igraph in C; from ``k`` seeded sample
    sources (scaled by n / k, as networkx's ``k``) when ``k`` is given."""
    n = H.vcount()
    if n < 3:
        return np.zeros(n)
    if k is None:
        raw = np.array(H.betweenness(directed=False))
    else:
        sources = np.sort(np.random.default_rng(seed).choice(n, size=k, replace=False))
        # The pairs of k sampled sources stand for the pairs of all n.
        raw = np.array(H.betweenness(directed=False, sources=sources.tolist())) * n / k
    scaled: np.ndarray = 2 * raw / ((n - 1) * (n - 2))
    return scaled


def _distance_sums(A: sparse.csr_array, sources: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per node: the sum of hop distances from ``sources``, and how many sources reach it."""
    total = np.zeros(A.shape[0])
    reached = np.zeros(A.shape[0])
    chunk = max(1, 4_000_000 // max(A.shape[0], 1))  # bounds the distance matrix's memory
    for start in range(0, len(sources), chunk):
        D = csgraph.shortest_path(
            A, directed=False, unweighted=True, indices=sources[start : start + chunk]
        )
        finite = np.isfinite(D)
        total += np.where(finite, D, 0).sum(axis=0)
        reached += (finite & (D > 0)).sum(axis=0)
    return total, reached


def _closeness(order: list[str], H: igraph.Graph, k: int | None, seed: int) -> dict[str, float]:
    """Closeness (Wasserman–Faust, as networkx), by breadth-first search in C.

    Components above ``_SMALL_COMPONENT`` nodes use ``k`` seeded sample sources when ``k``
    is given: each node's mean distance to the sources stands for its mean distance. The
    other components are measured exactly, all in one igraph call.
    """
    n = len(order)
    A = adjacency(H)
    _, labels = csgraph.connected_components(A, directed=False)
    sizes = np.bincount(labels)
    size_of = sizes[labels]
    sampled = sizes > _SMALL_COMPONENT if k is not None else np.zeros(len(sizes), dtype=bool)
    closeness = np.zeros(n)
    exact = np.flatnonzero((size_of >= 2) & ~sampled[labels])
    if len(exact):
        # igraph's closeness is the inverse mean distance to the nodes a node reaches.
        inverse = np.array(H.induced_subgraph(exact.tolist(), "copy_and_delete").closeness())
        closeness[exact] = np.nan_to_num(inverse) * (size_of[exact] - 1) / (n - 1)
    rng = np.random.default_rng(seed)
    for label in np.flatnonzero(sampled):
        members = np.flatnonzero(labels == label)
        size = len(members)
        sources = np.sort(rng.choice(size, size=min(k or size, size), replace=False))
        total, reached = _distance_sums(A[members][:, members], sources)
        mean = np.divide(total, reached, out=np.zeros(size), where=reached > 0)
        scale = (size - 1) / (n - 1)
        closeness[members] = np.divide(scale, mean, out=np.zeros(size), where=mean > 0)
    return {node: float(closeness[i]) for i, node in enumerate(order)}


def _bridging(G: nx.Graph, community: Mapping[str, int]) -> dict[str, bool]:
    """Whether a node links to two or more communities other than its own."""
    return {node: len({community[m] for m in G[node] if m != node} - {community[node]}) >= 2
            for node in G}  # fmt: skip


def node_metrics(
    G: nx.Graph,
    seed: int = DEFAULT_SEED,
    community: Mapping[str, int] | None = None,
    simple: Simple | None = None,
) -> Metrics:
    """Degree, weighted degree, betweenness, closeness, PageRank, component, community
    (``community``, else seeded Louvain), k-core number, local clustering, and a bridging
    flag (links to two or more other communities). ``simple`` is :func:`simple_igraph`'s
    result for ``G`` when the caller has it already."""
    if G.number_of_nodes() == 0:
        return {}
    k = sample_size(G)
    order, H = simple or simple_igraph(G)
    at = {node: i for i, node in enumerate(order)}
    betweenness = _betweenness(H, k, seed)
    closeness = _closeness(order, H, k, seed)
    ranks = pagerank(G, (order, H))
    component = components(G)
    community = community if community is not None else louvain(G, seed=seed)
    cores = H.coreness()
    clustering = H.transitivity_local_undirected(mode="zero")
    bridging = _bridging(G, community)
    out: Metrics = {}
    for node in sorted(G):
        out[node] = {
            "degree": int(G.degree(node)),
            "weighted_degree": round(float(G.degree(node, weight="weight")), 6),
            "betweenness": round(float(betweenness[at[node]]), 6),
            "closeness": round(closeness[node], 6),
            "pagerank": round(ranks[node], 6),
            "component": component[node],
            "community": community[node],
            "core_number": int(cores[at[node]]),
            "clustering": round(float(clustering[at[node]]), 6),
            "bridging": bridging[node],
        }
    return out


def path_lengths(
    G: nx.Graph,
    seed: int = DEFAULT_SEED,
    exact_up_to: int = PATH_EXACT,
    samples: int = PATH_SAMPLES,
    simple: Simple | None = None,
) -> dict[str, object]:
    """Average shortest path and diameter (in hops) of the largest component of ``G``.

    Exact up to ``exact_up_to`` nodes in that component; above it, breadth-first searches
    run from ``samples`` seeded random sources, so the average is an estimate and the
    diameter a lower bound. ``path_sources`` states how many sources were used.

    >>> path_lengths(nx.path_graph(5))
    {'average_shortest_path': 2.0, 'diameter': 4, 'path_sources': 5, 'path_exact': True}
    """
    if G.number_of_nodes() == 0:
        return {}
    _, H = simple or simple_igraph(G)
    parts = H.connected_components()
    sizes = parts.sizes()
    largest = sizes.index(max(sizes))  # igraph numbers components by their first node
    size = sizes[largest]
    if size < 2:
        return {"average_shortest_path": 0.0, "diameter": 0, "path_sources": size,
                "path_exact": True}  # fmt: skip
    A = adjacency(parts.subgraph(largest))
    exact = size <= exact_up_to
    rng = np.random.default_rng(seed)
    sources = (
        np.arange(size) if exact else np.sort(rng.choice(size, min(samples, size), replace=False))
    )
    total, longest = 0.0, 0
    chunk = max(1, 4_000_000 // size)
    for start in range(0, len(sources), chunk):
        D = csgraph.shortest_path(A, directed=False, unweighted=True,
                                  indices=sources[start : start + chunk])  # fmt: skip
        total += float(D.sum())
        longest = max(longest, int(D.max()))
    return {
        "average_shortest_path": round(total / (len(sources) * (size - 1)), 6),
        "diameter": longest,
        "path_sources": len(sources),
        "path_exact": exact,
    }


def graph_metrics(
    G: nx.Graph,
    partition: Mapping[str, int] | None = None,
    seed: int = DEFAULT_SEED,
    paths: bool = True,
    simple: Simple | None = None,
) -> dict[str, object]:
    """Nodes and edges (by kind where typed), density, components, the largest component's
    share, clustering (average and transitivity), degree assortativity, the average
    shortest path and diameter of the largest component (:func:`path_lengths`), the degree
    distribution, and the modularity of ``partition`` (node → community) when given.
    Directed graphs are measured on their undirected form. ``paths=False`` skips the path
    lengths (the typed graph's mix of link kinds gives them no plain meaning).
    """
    n, m = G.number_of_nodes(), G.number_of_edges()
    # An undirected view of a simple digraph merges reciprocal links; of a multigraph, not.
    m_undirected = (
        G.to_undirected(as_view=True).number_of_edges()
        if G.is_directed() and not G.is_multigraph()
        else m
    )
    order, H = simple or simple_igraph(G)
    sizes = sorted(H.connected_components().sizes(), reverse=True)
    transitivity = H.transitivity_undirected() if H.ecount() else 0.0
    out: dict[str, object] = {
        "nodes": n,
        "edges": m,
        "density": round(2 * m_undirected / (n * (n - 1)), 6) if n > 1 else 0.0,
        "components": len(sizes),
        "largest_component": sizes[0] if sizes else 0,
        "largest_component_share": round(sizes[0] / n, 6) if sizes else 0.0,
        "average_clustering": round(H.transitivity_avglocal_undirected(mode="zero"), 6)
        if sizes
        else 0.0,
        "transitivity": round(transitivity, 6) if np.isfinite(transitivity) else 0.0,
        **(path_lengths(G, seed, simple=(order, H)) if paths else {}),
        "degree_distribution": dict(sorted(Counter(H.degree()).items())),
    }
    if H.ecount() > 1:
        assortativity = H.assortativity_degree(directed=False)
        if assortativity is not None and np.isfinite(assortativity):
            out["degree_assortativity"] = round(float(assortativity), 6)
    if partition and H.ecount():
        membership = [partition[node] for node in order]
        out["modularity"] = round(H.modularity(membership, weights="weight"), 6)
    kinds = Counter(kind for _, kind in G.nodes(data="kind") if kind)
    if kinds:
        out["nodes_by_kind"] = dict(sorted(kinds.items()))
    edge_kinds = Counter(kind for _, _, kind in G.edges(data="kind") if kind)
    if edge_kinds:
        out["edges_by_kind"] = dict(sorted(edge_kinds.items()))
    k = _samples(n, m_undirected)
    if k is not None:
        out["path_metrics_sampled_k"] = k
    return out
