"""Topic overlap: article–article similarity from TF-IDF over title, abstract and keywords.

Structured-abstract labels and generic paper words ("purpose", "paper", "findings", …)
are stripped first, or every structured abstract would look like every other. Scores are
cosine similarities of L2-normalised TF-IDF rows, computed as sparse products in chunks,
keeping for each article its ``top_k`` neighbours at or above ``threshold``.

>>> import networkx as nx
>>> G = nx.DiGraph()
>>> G.add_node("a", kind="article", label="a", abstract="Peer support workers in wards.")
>>> G.add_node("b", kind="article", label="b", abstract="Peer support workers at home.")
>>> G.add_node("c", kind="article", label="c", abstract="Smoke free hospital grounds.")
>>> T = topic_overlap(G, threshold=0.1)
>>> sorted(T.edges()), T.edges["a", "b"]["shared_terms"]
([('a', 'b')], 'peer; peer support; support; support workers; workers')
"""

from __future__ import annotations

from typing import Any

import networkx as nx
import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

from graph.analysis.similarity import row_best
from graph.analysis.terms import (
    article_terms,
    article_text,
    similarity_ngrams,
)
from graph.analysis.vectors import TermVectors, shared_terms_of_pairs
from graph.kinds import ARTICLE, AUTHORED, TOPIC
from graph.settings import SEP, TOPIC_THRESHOLD, TOPIC_TOP_K

DEFAULT_THRESHOLD = TOPIC_THRESHOLD
DEFAULT_TOP_K = TOPIC_TOP_K


def article_vectors(G: nx.Graph) -> TermVectors:
    """TF-IDF over the terms (:mod:`graph.analysis.terms`) of every article node of ``G``.

    Terms in at least two articles count once the corpus has 50 or more, and terms in
    more than half of them are dropped there, as they tell nothing apart.
    """
    articles = sorted(n for n, kind in G.nodes(data="kind") if kind == ARTICLE)
    documents = article_terms([article_text(G.nodes[n]) for n in articles])
    small = len(articles) < 50
    vectorizer = TfidfVectorizer(
        analyzer=similarity_ngrams,
        min_df=1 if small else 2,
        max_df=1.0 if small else 0.5,
        sublinear_tf=True,
        dtype=np.float64,
    )
    try:
        X = vectorizer.fit_transform(documents).tocsr()
        terms = vectorizer.get_feature_names_out()
    except ValueError:  # no article has a term left once stop words are removed
        X, terms = sparse.csr_matrix((len(articles), 0)), np.array([], dtype=object)
    return TermVectors(articles, X, terms, documents)


def top_neighbours(
    X: sparse.csr_matrix, threshold: float, top_k: int
) -> dict[tuple[int, int], float]:
    """Pairs (i < j) of rows of ``X`` whose product is at least ``threshold``, where j is
    among i's ``top_k`` best or i among j's.

    >>> X = sparse.csr_matrix([[1.0, 0.0], [0.8, 0.6], [0.0, 1.0]])
    >>> sorted(top_neighbours(X, 0.5, 1).items())
    [((0, 1), 0.8), ((1, 2), 0.6)]
    """
    pairs: dict[tuple[int, int], float] = {}
    for i, cols, vals in row_best(X, top_k, threshold):
        for j, value in zip(cols.tolist(), vals.tolist(), strict=True):
            pairs[(min(i, j), max(i, j))] = value
    return pairs


def topic_overlap(
    G: nx.Graph,
    threshold: float = DEFAULT_THRESHOLD,
    top_k: int = DEFAULT_TOP_K,
    n_terms: int = 5,
    vectors: TermVectors | None = None,
) -> nx.Graph:
    """Articles of ``G`` linked by topic similarity, with ``weight`` and ``shared_terms``."""
    vectors = vectors or article_vectors(G)
    articles, X, terms = vectors.articles, vectors.matrix, vectors.terms
    T = nx.Graph()
    T.add_nodes_from((n, G.nodes[n]) for n in articles)
    if len(articles) < 2 or X.shape[1] == 0:
        return T
    pairs = sorted(top_neighbours(X, threshold, top_k).items())
    ends = np.array([pair for pair, _ in pairs], dtype=np.int64).reshape(-1, 2)
    shared = shared_terms_of_pairs(X, ends[:, 0], ends[:, 1], terms, n_terms)
    for ((i, j), weight), common in zip(pairs, shared, strict=True):
        T.add_edge(
            articles[i],
            articles[j],
            kind=TOPIC,
            weight=round(weight, 4),
            shared_terms=common,
            articles=SEP.join((articles[i], articles[j])),
        )
    return T


def cluster_terms(
    vectors: TermVectors, clusters: dict[str, int], n_terms: int = 5
) -> dict[int, list[str]]:
    """The most distinctive terms of each cluster: class-based TF-IDF against the rest.

    A term scores its mean TF-IDF weight over the cluster's articles minus its mean over
    all other articles, so a term every article has labels no cluster, and each article
    counts once however long it is.

    >>> X = sparse.csr_matrix([[0.8, 0.6, 0.0], [0.8, 0.0, 0.6], [0.0, 0.6, 0.8]])
    >>> V = TermVectors(["a", "b", "c"], X, np.array(["peer", "ward", "home"]))
    >>> cluster_terms(V, {"a": 0, "b": 0, "c": 1}, n_terms=2)
    {0: ['peer'], 1: ['home', 'ward']}
    """
    ids = sorted(set(clusters.values()))
    at = {c: k for k, c in enumerate(ids)}
    members = sorted(clusters)
    rows = [vectors.rows[n] for n in members]
    # One sparse product sums every cluster's rows: clusters × terms, non-zero only where
    # a cluster uses a term (no other term can score above zero).
    M = sparse.csr_matrix((np.ones(len(members)), ([at[clusters[n]] for n in members], rows)),
                          shape=(len(ids), vectors.matrix.shape[0]))  # fmt: skip
    sums = sparse.csr_matrix(M @ vectors.matrix)
    sums.sort_indices()
    sizes = np.asarray(M.sum(axis=1)).ravel()
    total = np.asarray(sums.sum(axis=0)).ravel()
    labels: dict[int, list[str]] = {}
    for k, cluster in enumerate(ids):
        cols = sums.indices[sums.indptr[k] : sums.indptr[k + 1]]
        inside = sums.data[sums.indptr[k] : sums.indptr[k + 1]]
        rest = len(members) - sizes[k]
        outside = (total[cols] - inside) / rest if rest else 0.0
        scores = inside / sizes[k] - outside
        order = np.lexsort((vectors.terms[cols], -scores))
        labels[cluster] = [str(vectors.terms[cols[j]]) for j in order[:n_terms] if scores[j] > 0]
    return labels


def topic_clusters(
    G: nx.Graph, T: nx.Graph, n_terms: int = 5, vectors: TermVectors | None = None
) -> list[dict[str, Any]]:
    """Communities of the topic graph ``T``, largest first, each labelled by its terms, with
    its size, year span, top authors and three most central articles (by PageRank in T)."""
    clusters = {n: int(d["community"]) for n, d in T.nodes(data=True) if "community" in d}
    labels = T.graph.get("cluster_terms") or cluster_terms(
        vectors or article_vectors(G), clusters, n_terms
    )
    grouped: dict[int, list[str]] = {}
    for node in sorted(clusters):
        grouped.setdefault(clusters[node], []).append(node)
    out = []
    for cluster in sorted(grouped):
        members = grouped[cluster]
        years = [int(G.nodes[n]["year"]) for n in members if "year" in G.nodes[n]]
        authors: dict[str, int] = {}
        for article in members:
            for person, _, kind in G.in_edges(article, data="kind"):
                if kind == AUTHORED:
                    authors[person] = authors.get(person, 0) + 1
        top_authors = sorted(authors, key=lambda p: (-authors[p], G.nodes[p]["label"]))[:5]
        central = sorted(members, key=lambda n: (-float(T.nodes[n].get("pagerank", 0)), n))[:3]
        out.append({
            "cluster": cluster,
            "name": T.graph.get("cluster_names", {}).get(cluster, ""),
            "size": len(members),
            "terms": labels.get(cluster, []),
            "years": [min(years), max(years)] if years else [],
            "top_authors": [G.nodes[p]["label"] for p in top_authors],
            "central_articles": [{"id": n, "label": G.nodes[n]["label"]} for n in central],
            "articles": members,
        })  # fmt: skip
    return out
