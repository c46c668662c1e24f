"""Fixed, seeded node positions: each connected component laid out on its own, then packed.

Laying out components separately keeps small islands from being flung to the edges, and
lets the page draw with physics off. The layouts are igraph's (C): Kamada–Kawai for
small components, grid Fruchterman–Reingold for large ones. networkx's force layouts are
O(n²) per iteration (24 s for one 3,686-node component here; igraph takes 0.3 s).

Where nodes carry communities, a component of several is laid out in two levels, as
group-in-a-box layouts do (Rodrigues et al. 2011, NodeXL): Fruchterman–Reingold on the
graph of its communities, weighted by the links between them, places each community's
disc; each disc holds its community laid out on its own, sized by its nodes, and discs
are pushed apart until none overlap. So communities sit apart by construction. On the
10k WoS corpus's capped views, the silhouette of positions by community (−1 to 1) went
from 0.11 to 0.69 in coupling, 0.03 to 0.63 in co-citation, 0.13 to 0.51 in the term map,
−0.23 to 0.31 in topics and −0.16 to 0.27 in co-authorship, for at most 0.6 s more
(``benchmarks/layout.py``).

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
import numpy as np

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


Positions = dict[str, tuple[float, float]]


def _centred(positions: Positions) -> Positions:
    """``positions`` moved so their bounding box is centred on the origin."""
    xs, ys = [x for x, _ in positions.values()], [y for _, y in positions.values()]
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    return {node: (x - cx, y - cy) for node, (x, y) in positions.items()}


def _radius(positions: Positions) -> float:
    return max((math.hypot(x, y) for x, y in positions.values()), default=0.0)


def _separated(centres: np.ndarray, radii: np.ndarray, rounds: int = 200) -> np.ndarray:
    """``centres`` pushed apart, pair by pair, until no two discs of ``radii`` (plus a gap)
    overlap, or ``rounds`` passes have run."""
    points = centres.copy()
    need = radii[:, None] + radii[None, :] + _GAP
    np.fill_diagonal(need, 0.0)
    for _ in range(rounds):
        delta = points[:, None, :] - points[None, :, :]
        dist = np.hypot(delta[..., 0], delta[..., 1])
        short = np.clip(need - dist, 0.0, None)
        if not short.any():
            break
        direction = delta / np.where(dist > 0, dist, 1.0)[..., None]
        points += (direction * short[..., None] / 2).sum(axis=1)
    return points


def _community_positions(
    U: nx.Graph, nodes: list[str], groups: list[list[str]], seed: int
) -> Positions:
    """One component of several communities: each laid out in its own disc, the discs
    placed by a layout of the communities' graph and kept from overlapping."""
    at = {node: i for i, group in enumerate(groups) for node in group}
    between: dict[tuple[int, int], float] = {}
    ends = sorted((min(at[u], at[v]), max(at[u], at[v]), abs(float(w)))  # one order, always
                  for u, v, w in U.subgraph(nodes).edges(data="weight", default=1.0))  # fmt: skip
    for a, b, weight in ends:
        if a != b:
            between[(a, b)] = between.get((a, b), 0.0) + weight
    links = sorted(between)
    meta = ig.Graph(n=len(groups), edges=links)
    with _seeded(seed):
        coords = meta.layout_fruchterman_reingold(weights=[between[e] for e in links] or None)
    inner = [_centred(component_layout(U.subgraph(group), seed)) for group in groups]
    radii = np.array([max(_radius(p), _UNIT / 2) for p in inner])
    centres = np.array(coords.coords, dtype=float)
    spread = np.ptp(centres, axis=0).max() or 1.0
    # Spread as wide as the discs packed edge to edge; then no two may overlap.
    centres = _separated(centres / spread * 2 * math.sqrt((radii**2).sum()), radii)
    return {node: (float(cx + x), float(cy + y))
            for (cx, cy), placed in zip(centres, inner, strict=True)
            for node, (x, y) in placed.items()}  # fmt: skip


def _clustered(U: nx.Graph, nodes: list[str], community: str | None) -> list[list[str]]:
    """The communities (by node attribute ``community``) of one component, largest first;
    one group where nodes lack it."""
    if community is None:
        return [nodes]
    groups: dict[object, list[str]] = {}
    for node in nodes:
        groups.setdefault(U.nodes[node].get(community), []).append(node)
    if None in groups:
        return [nodes]
    return sorted(groups.values(), key=lambda g: (-len(g), g[0]))


def component_layout(
    H: nx.Graph, seed: int = 42, community: str | None = None
) -> dict[str, tuple[float, float]]:
    """Positions in pixels for every node of ``H``; larger components come first. With
    ``community`` (a node attribute every node has), a component's communities are laid
    out apart from each other.

    >>> G = nx.Graph([("a1", "a2"), ("a2", "a3"), ("a1", "a3"), ("a3", "b1"),
    ...               ("b1", "b2"), ("b2", "b3"), ("b1", "b3")])
    >>> nx.set_node_attributes(G, {n: n[0] for n in G}, "group")
    >>> pos = component_layout(G, community="group")
    >>> far = min(math.dist(pos[a], pos[b]) for a in ("a1", "a2") for b in ("b2", "b3"))
    >>> near = max(math.dist(pos[a], pos[b]) for a in ("a1", "a2") for b in ("a1", "a2"))
    >>> far > near
    True
    """
    U = H.to_undirected(as_view=True) if H.is_directed() else H
    groups = sorted((sorted(c) for c in nx.connected_components(U)), key=lambda c: (-len(c), c[0]))
    placed = [_centred(_placed(U, group, community, seed)) for group in groups]
    sizes = [2 * max(_radius(p), _UNIT / 2) + _GAP for p in placed]
    row_width = max(math.sqrt(sum(size**2 for size in sizes)), 1.0)
    positions: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for size, group in zip(sizes, placed, strict=True):
        if x > 0 and x + size > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        for node, (px, py) in group.items():
            positions[node] = (round(x + size / 2 + px, 2), round(y + size / 2 + py, 2))
        x += size
        row_height = max(row_height, size)
    return positions


def _placed(U: nx.Graph, group: list[str], community: str | None, seed: int) -> Positions:
    """One component's positions: in communities where it has several, else whole."""
    clusters = _clustered(U, group, community)
    if len(clusters) > 1:
        return _community_positions(U, group, clusters, seed)
    return _component_positions(U, group, seed)
