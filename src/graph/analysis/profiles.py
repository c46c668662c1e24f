"""Topic profiles: what an author or an issue writes about, from the terms of its articles.

A profile is the sum of its articles' TF-IDF rows (:func:`graph.analysis.topics.article_vectors`),
L2-normalised, so two profiles compare by cosine as two articles do. This gives
author–author and issue–issue topic similarity, and :func:`suggest_coauthors`: people
who work on the same themes and have never written together.

>>> import networkx as nx
>>> from graph.analysis.topics import article_vectors
>>> G = nx.DiGraph()
>>> texts = {"p": "Peer support workers.", "q": "Peer support workers at home.",
...          "r": "Smoke-free hospital grounds."}
>>> for node, text in texts.items():
...     G.add_node(node, kind="article", label=node, title=text)
>>> for name in ("ann", "bob", "cy"):
...     G.add_node(name, kind="author", label=name.title())
>>> G.add_edges_from([("ann", "p"), ("bob", "q"), ("cy", "r")], kind="authored")
>>> [(s["label"], s["shared_terms"]) for s in suggest_coauthors(G, article_vectors(G), "ann")]
[('Bob', 'peer; peer support; support; support workers; workers')]
"""

from __future__ import annotations

from typing import Any

import networkx as nx
import numpy as np
from scipy import sparse

from graph.analysis.pair import pair_similarity, summed
from graph.analysis.topics import top_neighbours
from graph.analysis.vectors import (
    PEER_THRESHOLD,
    TermVectors,
    peers,
    profile_matrix,
    shared_terms_of_pairs,
)
from graph.kinds import ARTICLE, AUTHOR, AUTHORED, ISSUE, PUBLISHED_IN
from graph.settings import SEP

DEFAULT_THRESHOLD = PEER_THRESHOLD
DEFAULT_TOP_K = 5


def articles_of(G: nx.DiGraph, node: str) -> set[str]:
    """The articles behind a node: itself, an author's articles or an issue's articles."""
    kind = G.nodes[node].get("kind")
    if kind == ARTICLE:
        return {node}
    if kind == AUTHOR:
        return {v for _, v, k in G.out_edges(node, data="kind") if k == AUTHORED}
    if kind == ISSUE:
        return {u for u, _, k in G.in_edges(node, data="kind") if k == PUBLISHED_IN}
    return set()


def _membership(
    G: nx.DiGraph, vectors: TermVectors, nodes: list[str]
) -> tuple[sparse.csr_matrix, list[set[str]]]:
    """Nodes × articles, 1 for each article behind a node; and those articles."""
    behind = [articles_of(G, node) & vectors.rows.keys() for node in nodes]
    rows = [i for i, arts in enumerate(behind) for _ in arts]
    cols = [vectors.rows[a] for arts in behind for a in sorted(arts)]
    membership = sparse.csr_matrix(
        (np.ones(len(rows)), (rows, cols)), shape=(len(nodes), len(vectors.articles))
    )
    return membership, behind


def profiles(
    G: nx.DiGraph, vectors: TermVectors, nodes: list[str]
) -> tuple[sparse.csr_matrix, list[set[str]]]:
    """The profile row of each of ``nodes`` (in order) and the articles behind it."""
    membership, behind = _membership(G, vectors, nodes)
    return profile_matrix(membership, vectors.matrix), behind


def profile_overlap(
    G: nx.DiGraph,
    vectors: TermVectors,
    kind: str,
    threshold: float = DEFAULT_THRESHOLD,
    top_k: int = DEFAULT_TOP_K,
    n_terms: int = 5,
) -> nx.Graph:
    """Nodes of ``kind`` (authors or issues) linked by the cosine of their profiles, each
    keeping its ``top_k`` most similar at or above ``threshold``. Links carry ``weight``,
    ``shared_terms`` and the ``articles`` of both ends."""
    nodes = sorted(n for n, k in G.nodes(data="kind") if k == kind)
    S = nx.Graph()
    S.add_nodes_from((n, G.nodes[n]) for n in nodes)
    if len(nodes) < 2 or vectors.matrix.shape[1] == 0:
        return S
    P, behind = profiles(G, vectors, nodes)
    pairs = sorted(top_neighbours(P, threshold, top_k).items())
    ends = np.array([pair for pair, _ in pairs], dtype=np.int64).reshape(-1, 2)
    shared = shared_terms_of_pairs(P, ends[:, 0], ends[:, 1], vectors.terms, n_terms)
    for ((i, j), weight), common in zip(pairs, shared, strict=True):
        S.add_edge(
            nodes[i],
            nodes[j],
            kind=f"{kind}_topic",
            weight=round(weight, 4),
            shared_terms=common,
            articles=SEP.join(sorted(behind[i] | behind[j])),
        )
    return S


def topic_similarity(
    G: nx.DiGraph, vectors: TermVectors, a: str, b: str, n_terms: int = 10
) -> dict[str, Any] | None:
    """The cosine of two nodes' profiles (articles, authors or issues, in any pair) and
    the terms behind it, or None when either has no articles with terms."""
    X = vectors.matrix
    first, second = (summed([vectors.rows[x] for x in articles_of(G, node) & vectors.rows.keys()],
                            X.indptr, X.indices, X.data) for node in (a, b))  # fmt: skip
    return pair_similarity(first, second, lambda at: list(vectors.terms[at]), n_terms)


def suggest_coauthors(
    G: nx.DiGraph,
    vectors: TermVectors,
    author: str,
    top: int = 10,
    threshold: float = DEFAULT_THRESHOLD,
    n_terms: int = 5,
) -> list[dict[str, Any]]:
    """Authors whose profile is most like ``author``'s (cosine ≥ ``threshold``) and who
    share no article with them, most similar first."""
    people = sorted(n for n, k in G.nodes(data="kind") if k == AUTHOR)
    membership, _ = _membership(G, vectors, people)
    labels = [str(G.nodes[p].get("label")) for p in people]
    return peers(people, labels, membership, vectors, people.index(author), top, threshold,
                 n_terms)  # fmt: skip
