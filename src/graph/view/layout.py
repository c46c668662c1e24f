"""Fixed, seeded node positions: each connected component laid out on its own, then packed.

Laying out components separately keeps small islands from being flung to the edges, and
lets the page draw with physics off. The layouts are igraph's (C): Kamada–Kawai for
small components, grid Fruchterman–Reingold for large ones. networkx's force layouts are
O(n²) per iteration (24 s for one 3,686-node component here; igraph takes 0.3 s).

>>> import networkx as nx
>>> pos = component_layout(nx.Graph([("a", "b"), ("c", "d")]))
>>> sorted(pos) == ["a", "b", "c", "d"]
True
>>> pos == component_layout(nx.Graph([("c", "d"), ("a", "b")]))
True
"""

from __future__ import annotations

import contextlib
import math
import random
from collections.abc import Iterator

import igraph as ig
import networkx as nx

_UNIT = 80.0  # pixels per node, roughly, in a component's radius
_GAP = 40.0
_KAMADA_KAWAI_MAX = 300


@contextlib.contextmanager
def _seeded(seed: int) -> Iterator[None]:
    """igraph draws from one global generator: seed it for this layout, then restore it."""
    ig.set_random_number_generator(random.Random(seed))
    try:
        yield
    finally:
        ig.set_random_number_generator(random)


def _component_positions(
    H: nx.Graph, nodes: list[str], seed: int
) -> dict[str, tuple[float, float]]:
    if len(nodes) == 1:
        return {nodes[0]: (0.0, 0.0)}
    index = {node: i for i, node in enumerate(nodes)}  # sorted: input order cannot matter
    edges = sorted({tuple(sorted((index[u], index[v]))) for u, v in H.subgraph(nodes).edges()})
    g = ig.Graph(n=len(nodes), edges=edges)
    with _seeded(seed):
        if len(nodes) <= _KAMADA_KAWAI_MAX:
            layout = g.layout_kamada_kawai()
        else:
            layout = g.layout_fruchterman_reingold(grid="grid" if len(nodes) > 1000 else "nogrid")
    coords = [(float(x), float(y)) for x, y in layout.coords]
    xs, ys = [x for x, _ in coords], [y for _, y in coords]
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    span = max(max(xs) - min(xs), max(ys) - min(ys)) / 2 or 1.0
    radius = _UNIT * math.sqrt(len(nodes))
    return {
        node: ((x - cx) / span * radius, (y - cy) / span * radius)
        for node, (x, y) in zip(nodes, coords, strict=True)
    }


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
