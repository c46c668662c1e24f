"""The views' layout places communities apart (#20 point 1), on real records."""

from __future__ import annotations

import itertools
import math

import networkx as nx
import numpy as np
import pytest
from sklearn.metrics import silhouette_score

from graph import Analysis, analyse, load
from graph.view.layout import component_layout

from .conftest import DATA

WOS_120 = DATA / "terms" / "wos-many-authors-120.txt"


@pytest.fixture(scope="module")
def result() -> Analysis:
    return analyse(load([str(WOS_120)]))


def _silhouette(H: nx.Graph, positions: dict[str, tuple[float, float]]) -> float:
    """How well positions separate communities of five or more nodes (−1 to 1)."""
    order = sorted(H)
    labels = np.array([H.nodes[n]["community"] for n in order])
    values, counts = np.unique(labels, return_counts=True)
    kept = np.isin(labels, values[counts >= 5])
    points = np.array([positions[n] for n in order])
    return float(silhouette_score(points[kept], labels[kept]))


@pytest.mark.parametrize("name", ["topics", "terms", "cocitation"])
def test_communities_sit_further_apart_than_in_a_plain_layout(result: Analysis, name: str) -> None:
    H = getattr(result, name)
    plain = _silhouette(H, component_layout(H, 42))
    grouped = _silhouette(H, component_layout(H, 42, community="community"))
    assert grouped > plain + 0.03, (plain, grouped)


def _discs(H: nx.Graph, positions: dict[str, tuple[float, float]], members: list[str]):
    """Each community of ``members``: the centre of its bounding box and the radius around
    it that holds every member."""
    by: dict[int, list[tuple[float, float]]] = {}
    for node in members:
        by.setdefault(H.nodes[node]["community"], []).append(positions[node])
    discs = []
    for points in by.values():
        xs, ys = zip(*points, strict=True)
        centre = ((max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2)
        discs.append((centre, max(math.dist(centre, p) for p in points)))
    return discs


@pytest.mark.parametrize("name", ["topics", "terms", "cocitation", "coauthors"])
def test_no_two_communities_overlap(result: Analysis, name: str) -> None:
    H = getattr(result, name)
    positions = component_layout(H, 42, community="community")
    checked = 0
    for component in nx.connected_components(H):
        discs = _discs(H, positions, sorted(component))
        for (a, ra), (b, rb) in itertools.combinations(discs, 2):
            assert math.dist(a, b) >= ra + rb, (name, a, ra, b, rb)
            checked += 1
    if name != "coauthors":  # its communities are mostly whole components
        assert checked > 0


def test_the_layout_does_not_depend_on_input_order(result: Analysis) -> None:
    H = result.terms
    shuffled = nx.Graph()
    shuffled.add_nodes_from(sorted(H.nodes(data=True), reverse=True))
    shuffled.add_edges_from(sorted(H.edges(data=True), reverse=True))
    assert component_layout(shuffled, 7, "community") == component_layout(H, 7, "community")


def test_nodes_without_communities_get_the_plain_layout(result: Analysis) -> None:
    H = result.topics.copy()
    assert component_layout(H, 42, "community") != component_layout(H, 42)
    for node in H:
        del H.nodes[node]["community"]
    assert component_layout(H, 42, "community") == component_layout(H, 42)
