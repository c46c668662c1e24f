"""Communities and connected components, numbered deterministically.

Both are numbered by size, largest first, ties broken by their smallest node id, so the
same graph always gets the same numbers.

>>> import networkx as nx
>>> G = nx.Graph([("a", "b"), ("c", "d"), ("d", "e")])
>>> components(G)
{'c': 0, 'd': 0, 'e': 0, 'a': 1, 'b': 1}
"""

from __future__ import annotations

import importlib.util
import random
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from itertools import combinations

import igraph
import networkx as nx
import numpy as np
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

DEFAULT_SEED = 42


def _numbered(groups: Iterable[set[str]]) -> dict[str, int]:
    ordered = sorted((sorted(g) for g in groups), key=lambda g: (-len(g), g[0]))
    return {node: number for number, group in enumerate(ordered) for node in group}


def components(G: nx.Graph) -> dict[str, int]:
    """The connected component of each node (0 is the largest)."""
    return _numbered(nx.connected_components(G))


def _as_igraph(G: nx.Graph) -> tuple[list[str], igraph.Graph, list[float] | None]:
    """``G`` as an igraph graph over its sorted nodes, with edge weights (1 when absent)."""
    order = sorted(G)
    index = {node: i for i, node in enumerate(order)}
    edges = sorted((min(index[u], index[v]), max(index[u], index[v]), float(w))
                   for u, v, w in G.edges(data="weight", default=1.0))  # fmt: skip
    H = igraph.Graph(n=len(order), edges=[(u, v) for u, v, _ in edges])
    return order, H, [w for _, _, w in edges] or None


def louvain(G: nx.Graph, seed: int = DEFAULT_SEED, resolution: float = 1.0) -> dict[str, int]:
    """The Louvain community of each node, seeded, using edge ``weight``.

    Runs igraph's multilevel method (in C; networkx's takes minutes at 50,000 nodes) with
    its random generator seeded for this call only.

    >>> G = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("x", "y")])
    >>> louvain(G)
    {'a': 0, 'b': 0, 'c': 0, 'x': 1, 'y': 1}
    """
    if G.number_of_nodes() == 0:
        return {}
    order, H, weights = _as_igraph(G)
    igraph.set_random_number_generator(random.Random(seed))
    try:
        found = H.community_multilevel(weights=weights, resolution=resolution)
    finally:
        igraph.set_random_number_generator(random)
    return _numbered({order[i] for i in members} for members in found)


def leiden_available() -> bool:
    """Whether the Leiden method can run: it needs the ``leiden`` extra (leidenalg)."""
    return importlib.util.find_spec("leidenalg") is not None


METHODS = ("louvain", "leiden") if leiden_available() else ("louvain",)


def leiden(G: nx.Graph, seed: int = DEFAULT_SEED, resolution: float = 1.0) -> dict[str, int]:
    """The Leiden community of each node (leidenalg, modularity with ``resolution``).

    Raises ImportError without the ``leiden`` extra; callers offer the method only when
    :func:`leiden_available` says so.
    """
    import leidenalg

    if G.number_of_nodes() == 0:
        return {}
    order, H, weights = _as_igraph(G)
    found = leidenalg.find_partition(
        H,
        leidenalg.RBConfigurationVertexPartition,
        weights=weights,
        resolution_parameter=resolution,
        seed=seed,
    )
    return _numbered({order[i] for i in members} for members in found)


@dataclass
class Partition:
    """The communities of one network: the best of several seeded runs, and how stable
    they are across those runs (mean pairwise adjusted Rand index and NMI)."""

    communities: dict[str, int]
    method: str
    resolution: float
    runs: int
    modularity: float | None
    mean_ari: float | None
    mean_nmi: float | None

    def report(self) -> dict[str, object]:
        """Everything but the communities themselves (their count instead), for metrics.json."""
        report = {k: v for k, v in asdict(self).items() if k != "communities" and v is not None}
        return {**report, "count": len(set(self.communities.values()))}


def detect_communities(
    G: nx.Graph,
    seed: int = DEFAULT_SEED,
    resolution: float = 1.0,
    runs: int = 10,
    method: str = "louvain",
) -> Partition:
    """Run ``method`` with seeds ``seed … seed + runs − 1``; keep the partition of highest
    modularity (first seed wins ties) and score the runs' agreement, as VOSviewer does with
    its random starts.

    >>> G = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("x", "y")])
    >>> found = detect_communities(G, runs=3)
    >>> found.communities, found.mean_ari, found.mean_nmi
    ({'a': 0, 'b': 0, 'c': 0, 'x': 1, 'y': 1}, 1.0, 1.0)
    """
    detect = leiden if method == "leiden" else louvain
    runs = max(1, runs)
    found = [detect(G, seed=seed + i, resolution=resolution) for i in range(runs)]
    if G.number_of_edges() == 0:
        return Partition(found[0], method, resolution, runs, None, None, None)
    scores = [_modularity(G, partition, resolution) for partition in found]
    best = max(range(runs), key=lambda i: (scores[i], -i))
    order = sorted(G)
    labels = [[partition[n] for n in order] for partition in found]
    pairs = list(combinations(labels, 2))
    ari = [adjusted_rand_score(a, b) for a, b in pairs]
    nmi = [normalized_mutual_info_score(a, b) for a, b in pairs]
    return Partition(
        found[best],
        method,
        resolution,
        runs,
        round(scores[best], 6),
        round(float(np.mean(ari)), 6) if pairs else None,
        round(float(np.mean(nmi)), 6) if pairs else None,
    )


def _modularity(G: nx.Graph, partition: dict[str, int], resolution: float) -> float:
    order, H, weights = _as_igraph(G)
    membership = [partition[node] for node in order]
    return float(H.modularity(membership, weights=weights, resolution=resolution))
