"""Communities and connected components, numbered deterministically.

Both are numbered by size, largest first, ties broken by their smallest node id, so the
same graph always gets the same numbers.

>>> import networkx as nx
>>> G = nx.Graph([("a", "b"), ("c", "d"), ("d", "e")])
>>> components(G)
{'c': 0, 'd': 0, 'e': 0, 'a': 1, 'b': 1}
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

DEFAULT_SEED = 42


def _numbered(groups: Iterable[set[str]]) -> dict[str, int]:
    ordered = sorted((sorted(g) for g in groups), key=lambda g: (-len(g), g[0]))
    return {node: number for number, group in enumerate(ordered) for node in group}


def components(G: nx.Graph) -> dict[str, int]:
    """The connected component of each node (0 is the largest)."""
    return _numbered(nx.connected_components(G))


def louvain(G: nx.Graph, seed: int = DEFAULT_SEED, resolution: float = 1.0) -> dict[str, int]:
    """The Louvain community of each node, seeded, using edge ``weight``.

    >>> G = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("x", "y")])
    >>> louvain(G)
    {'a': 0, 'b': 0, 'c': 0, 'x': 1, 'y': 1}
    """
    if G.number_of_nodes() == 0:
        return {}
    found = nx.community.louvain_communities(G, weight="weight", resolution=resolution, seed=seed)
    return _numbered(found)
