"""Fixed, seeded node positions: each connected component laid out on its own, then packed.

Laying out components separately keeps small islands from being flung to the edges, and
lets the page draw with physics off.

>>> import networkx as nx
>>> pos = component_layout(nx.Graph([("a", "b"), ("c", "d")]))
>>> sorted(pos) == ["a", "b", "c", "d"]
True
>>> pos == component_layout(nx.Graph([("c", "d"), ("a", "b")]))
True
"""

from __future__ import annotations

import math

import networkx as nx

_UNIT = 80.0  # pixels per node, roughly, in a component's radius
_GAP = 40.0
_KAMADA_KAWAI_MAX = 300


def _component_positions(
    H: nx.Graph, nodes: list[str], seed: int
) -> dict[str, tuple[float, float]]:
    if len(nodes) == 1:
        return {nodes[0]: (0.0, 0.0)}
    sub = nx.Graph()
    sub.add_nodes_from(nodes)  # sorted order, so the layout does not depend on input order
    sub.add_edges_from(sorted(tuple(sorted(e)) for e in H.subgraph(nodes).edges()))
    if len(nodes) <= _KAMADA_KAWAI_MAX:  # evenly spread, but quadratic in memory and time
        raw = nx.kamada_kawai_layout(sub, weight=None)
    else:
        raw = nx.spring_layout(sub, seed=seed, weight=None)
    radius = _UNIT * math.sqrt(len(nodes))
    return {n: (float(x) * radius, float(y) * radius) for n, (x, y) in raw.items()}


def component_layout(H: nx.Graph, seed: int = 42) -> dict[str, tuple[float, float]]:
    """Positions in pixels for every node of ``H``; larger components come first."""
    U = H.to_undirected(as_view=True) if H.is_directed() else H
    groups = sorted((sorted(c) for c in nx.connected_components(U)), key=lambda c: (-len(c), c[0]))
    total = sum((_UNIT * math.sqrt(len(g)) * 2 + _GAP) ** 2 for g in groups)
    row_width = max(math.sqrt(total), 1.0)
    positions: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for group in groups:
        size = _UNIT * math.sqrt(len(group)) * 2 + _GAP
        if x > 0 and x + size > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        for node, (px, py) in _component_positions(U, group, seed).items():
            positions[node] = (round(x + size / 2 + px, 2), round(y + size / 2 + py, 2))
        x += size
        row_height = max(row_height, size)
    return positions
