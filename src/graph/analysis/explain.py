"""Why are two nodes linked? Every link between them, with the evidence behind it.

>>> from typing import Any

import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("a", kind="article", label="A")
>>> G.add_node("b", kind="article", label="B")
>>> G.add_edge("a", "b", key="topic", kind="topic", weight=0.5, shared_terms="peer; support")
'topic'
>>> why(G, "A", "b")["links"]
[{'kind': 'topic', 'from': 'a', 'to': 'b', 'weight': 0.5, 'shared_terms': 'peer; support'}]
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from graph.build import ARTICLE, AUTHOR, AUTHORED, ISSUE, PUBLISHED_IN, TOPIC


def find_node(G: nx.Graph, text: str) -> str:
    """A node by id, else by label (case-insensitive), else by a label part only one has.

    Raises :class:`LookupError` naming the candidates when none or several match.
    """
    if text in G:
        return text
    wanted = text.casefold()
    exact = sorted(n for n, label in G.nodes(data="label") if str(label).casefold() == wanted)
    if len(exact) == 1:
        return str(exact[0])
    partial = exact or sorted(
        n for n, label in G.nodes(data="label") if wanted in str(label).casefold()
    )
    if len(partial) == 1:
        return str(partial[0])
    if not partial:
        raise LookupError(f"no node has the id or label {text!r}")
    shown = ", ".join(f"{n} ({G.nodes[n]['label']})" for n in partial[:5])
    raise LookupError(f"{len(partial)} nodes match {text!r}: {shown}; give an id")


def _articles_of(G: nx.MultiDiGraph, node: str) -> set[str]:
    kind = G.nodes[node].get("kind")
    if kind == ARTICLE:
        return {node}
    if kind == AUTHOR:
        return {v for _, v, k in G.out_edges(node, data="kind") if k == AUTHORED}
    if kind == ISSUE:
        return {u for u, _, k in G.in_edges(node, data="kind") if k == PUBLISHED_IN}
    return set()


def _edges_between(G: nx.MultiDiGraph, a: str, b: str) -> list[dict[str, object]]:
    links = []
    for u, v in ((a, b), (b, a)):
        for _, data in sorted((G.get_edge_data(u, v) or {}).items()):
            links.append({"kind": data.get("kind"), "from": u, "to": v,
                          **{k: x for k, x in data.items() if k != "kind"}})  # fmt: skip
    return links


def why(G: nx.MultiDiGraph, first: str, second: str) -> dict[str, Any]:
    """Direct links, joint articles, topic links between their articles, and the shortest
    path in the typed graph, for two nodes named by id or label."""
    a, b = find_node(G, first), find_node(G, second)
    mine, theirs = _articles_of(G, a), _articles_of(G, b)
    topic_links: list[dict[str, Any]] = []
    for x in sorted(mine):
        for y in sorted(theirs):
            data = (G.get_edge_data(x, y) or {}).get(TOPIC) or (G.get_edge_data(y, x) or {}).get(
                TOPIC
            )
            if x != y and data:
                topic_links.append({"articles": [x, y], "weight": data.get("weight"),
                                    "shared_terms": data.get("shared_terms")})  # fmt: skip
    try:
        path = nx.shortest_path(G.to_undirected(as_view=True), a, b)
    except nx.NetworkXNoPath:
        path = []
    return {
        "nodes": [
            {"id": n, "kind": G.nodes[n].get("kind"), "label": G.nodes[n].get("label")}
            for n in (a, b)
        ],
        "links": _edges_between(G, a, b),
        "joint_articles": sorted(mine & theirs),
        "topic_links": sorted(topic_links, key=lambda t: -float(t["weight"] or 0)),
        "shortest_path": [{"id": n, "label": G.nodes[n].get("label")} for n in path],
    }
