"""Journal issues linked by the authors they share.

An issue is first-class: two issues are linked when at least one author wrote in both.
A link has ``weight`` (shared authors) and ``authors`` (their ids).

>>> import networkx as nx
>>> G = nx.DiGraph()
>>> G.add_nodes_from(["i1", "i2"], kind="issue", label="x")
>>> G.add_nodes_from(["p", "q"], kind="article", label="x")
>>> G.add_node("a", kind="author", label="x")
>>> G.add_edges_from([("a", "p"), ("a", "q")], kind="authored")
>>> G.add_edges_from([("p", "i1"), ("q", "i2")], kind="published_in")
>>> I = issue_author_graph(G)
>>> I.edges["i1", "i2"]["weight"], I.edges["i1", "i2"]["authors"]
(1, 'a')
"""

from __future__ import annotations

from itertools import combinations

import networkx as nx

from graph.kinds import AUTHORED, ISSUE, PUBLISHED_IN, SHARED_AUTHORS
from graph.settings import SEP


def issue_author_graph(G: nx.DiGraph) -> nx.Graph:
    """Every issue of ``G``, linked to the issues that share an author with it."""
    linked = nx.Graph()
    linked.add_nodes_from((n, d) for n, d in sorted(G.nodes(data=True)) if d.get("kind") == ISSUE)
    issues_of: dict[str, set[str]] = {}
    for author, article, kind in G.edges(data="kind"):
        if kind != AUTHORED:
            continue
        for _, issue, edge_kind in G.out_edges(article, data="kind"):
            if edge_kind == PUBLISHED_IN:
                issues_of.setdefault(author, set()).add(issue)
    shared: dict[tuple[str, str], list[str]] = {}
    for author, issues in sorted(issues_of.items()):
        for pair in combinations(sorted(issues), 2):
            shared.setdefault(pair, []).append(author)
    for (a, b), authors in sorted(shared.items()):
        linked.add_edge(a, b, kind=SHARED_AUTHORS, weight=len(authors), authors=SEP.join(authors))
    return linked
