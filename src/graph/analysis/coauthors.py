"""Co-authorship: the author–author projection of the typed graph.

A link joins two authors who wrote at least one article together. It carries
``weight`` (joint articles), ``fractional`` (the sum over joint articles of 1/(n−1),
n being the article's author count) and ``articles`` (the ids behind the link).
Authors who never co-wrote stay in the graph as isolated nodes. An article with more than
``max_team`` authors adds no links (a team of n authors makes n(n−1)/2 of them); the graph's
``over_max_team`` attribute counts such articles.

>>> import networkx as nx
>>> G = nx.DiGraph()
>>> G.add_nodes_from(["p", "q"], kind="article", label="x")
>>> G.add_nodes_from(["a", "b", "c"], kind="author", label="x")
>>> G.add_edges_from([("a", "p"), ("b", "p"), ("c", "p"), ("a", "q"), ("b", "q")], kind="authored")
>>> C = coauthorship_graph(G)
>>> C.edges["a", "b"]["weight"], C.edges["a", "b"]["fractional"], C.edges["a", "b"]["articles"]
(2, 1.5, 'p; q')
"""

from __future__ import annotations

from itertools import combinations

import networkx as nx

from graph.kinds import ARTICLE, AUTHOR, AUTHORED, COAUTHOR
from graph.settings import MAX_TEAM, SEP

DEFAULT_MAX_TEAM = MAX_TEAM


def _authors_of(G: nx.DiGraph, article: str) -> list[str]:
    return sorted(u for u, _, kind in G.in_edges(article, data="kind") if kind == AUTHORED)


def coauthorship_graph(G: nx.DiGraph, max_team: int | None = DEFAULT_MAX_TEAM) -> nx.Graph:
    """The co-authorship graph of the typed graph ``G``: every author, linked by joint work.

    Articles with more than ``max_team`` authors (None: no limit) add no links.
    """
    C = nx.Graph(over_max_team=0)
    for node, data in sorted(G.nodes(data=True)):
        if data.get("kind") == AUTHOR:
            C.add_node(node, **data)
    joint: dict[tuple[str, str], list[str]] = {}
    share: dict[tuple[str, str], float] = {}
    for article in sorted(n for n, kind in G.nodes(data="kind") if kind == ARTICLE):
        authors = _authors_of(G, article)
        if len(authors) < 2:
            continue
        if max_team is not None and len(authors) > max_team:
            C.graph["over_max_team"] += 1
            continue
        for pair in combinations(authors, 2):
            joint.setdefault(pair, []).append(article)
            share[pair] = share.get(pair, 0.0) + 1.0 / (len(authors) - 1)
    for (a, b), articles in sorted(joint.items()):
        C.add_edge(
            a,
            b,
            kind=COAUTHOR,
            weight=len(articles),
            fractional=round(share[(a, b)], 6),
            articles=SEP.join(articles),
        )
    return C
