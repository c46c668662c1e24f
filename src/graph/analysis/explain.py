"""Why are two nodes linked? Every link between them, with the evidence behind it.

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("a", kind="article", label="A")
>>> G.add_node("b", kind="article", label="B")
>>> G.add_edge("a", "b", key="topic", kind="topic", weight=0.5, shared_terms="peer; support")
'topic'
>>> why(G, "A", "b")["links"]
[{'kind': 'topic', 'from': 'a', 'to': 'b', 'weight': 0.5, 'shared_terms': 'peer; support'}]
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import networkx as nx

from graph.analysis.lookup import match_node
from graph.analysis.profiles import articles_of, topic_similarity
from graph.analysis.vectors import TermVectors
from graph.kinds import TOPIC


def find_node(G: nx.Graph, text: str) -> str:
    """A node by id, else by label (case-insensitive), else by a label part only one has.

    Raises :class:`LookupError` naming the candidates when none or several match.
    """
    ids = sorted(G.nodes)
    return match_node(ids, [str(G.nodes[n].get("label")) for n in ids], text)


def _edges_between(G: nx.MultiDiGraph, a: str, b: str) -> list[dict[str, object]]:
    links = []
    for u, v in ((a, b), (b, a)):
        for _, data in sorted((G.get_edge_data(u, v) or {}).items()):
            links.append({"kind": data.get("kind"), "from": u, "to": v,
                          **{k: x for k, x in data.items() if k != "kind"}})  # fmt: skip
    return links


def why(
    G: nx.MultiDiGraph,
    first: str,
    second: str,
    vectors: TermVectors | None = None,
    cited: Mapping[str, list[str]] | None = None,
) -> dict[str, Any]:
    """Direct links, joint articles, topic links between their articles, the topic
    similarity of their profiles (with ``vectors``), the references their articles share
    (with ``cited``: article → cited work ids), and the shortest path in the typed graph,
    for two nodes named by id or label."""
    a, b = find_node(G, first), find_node(G, second)
    mine, theirs = articles_of(G, a), articles_of(G, b)
    topic_links: list[dict[str, Any]] = []
    for x in sorted(mine):
        for y in sorted(theirs):
            data = (G.get_edge_data(x, y) or {}).get(TOPIC) or (G.get_edge_data(y, x) or {}).get(
                TOPIC
            )
            if x != y and data and {x, y} != {a, b}:  # a direct link is listed once
                topic_links.append({"articles": [x, y], "weight": data.get("weight"),
                                    "shared_terms": data.get("shared_terms")})  # fmt: skip
    try:
        path = nx.shortest_path(G.to_undirected(as_view=True), a, b)
    except nx.NetworkXNoPath:
        path = []
    refs = cited or {}
    shared = set().union(*(refs.get(x, []) for x in mine)) & set().union(
        *(refs.get(y, []) for y in theirs)
    )
    return {
        "nodes": [
            {"id": n, "kind": G.nodes[n].get("kind"), "label": G.nodes[n].get("label")}
            for n in (a, b)
        ],
        "links": _edges_between(G, a, b),
        "joint_articles": sorted(mine & theirs),
        "topic_links": sorted(topic_links, key=lambda t: -float(t["weight"] or 0)),
        "topic_similarity": (
            topic_similarity(G, vectors, a, b) if vectors and (mine, theirs) != ({a}, {b}) else None
        ),
        "shared_references": sorted(shared),
        "shortest_path": [{"id": n, "label": G.nodes[n].get("label")} for n in path],
    }
