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
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer, TfidfVectorizer

from graph.build import ARTICLE, AUTHORED, SEP

DEFAULT_THRESHOLD = 0.1
DEFAULT_TOP_K = 5
_CHUNK = 2000

GENERIC_WORDS = frozenset(
    [
        "purpose",
        "paper",
        "papers",
        "findings",
        "finding",
        "originality",
        "value",
        "approach",
        "design",
        "methodology",
        "method",
        "methods",
        "study",
        "studies",
        "research",
        "article",
        "articles",
        "aim",
        "aims",
        "aimed",
        "discuss",
        "discusses",
        "discussed",
        "issue",
        "issues",
        "provide",
        "provides",
        "provided",
        "implications",
        "implication",
        "limitations",
        "results",
        "result",
        "conclusion",
        "conclusions",
        "author",
        "authors",
        "use",
        "used",
        "using",
        "based",
        "including",
        "also",
        "new",
        "one",
        "two",
        "three",
        "however",
        "within",
        "well",
        "may",
        "can",
        "paper's",
        "present",
        "presents",
        "presented",
        "practical",
        "social",
        "viewpoint",
        "explores",
        "explored",
        "examine",
        "examines",
        "examined",
        "outline",
    ]
)
STOP_WORDS = frozenset(ENGLISH_STOP_WORDS | GENERIC_WORDS)


def article_text(data: dict[str, object]) -> str:
    """The words of one article node: title, abstract without section labels, keywords.

    >>> article_text({"title": "T", "abstract": "Purpose – Why.", "sections": "Purpose"})
    'T\\n– Why.\\n'
    """
    abstract = str(data.get("abstract", ""))
    for label in str(data.get("sections", "")).split(SEP):
        if label:
            abstract = abstract.replace(label, " ")
    keywords = str(data.get("keywords", "")).replace(SEP, ". ")
    return "\n".join([str(data.get("title", "")), abstract.strip(), keywords])


# Words of two or more letters, hyphens inside allowed: "one-to-one", not "2015".
TOKEN_PATTERN = r"(?u)\b[^\W\d_][\w\-]*[^\W_]\b"


def _vectorizer(n_docs: int) -> TfidfVectorizer:
    return TfidfVectorizer(
        stop_words=sorted(STOP_WORDS),
        token_pattern=TOKEN_PATTERN,
        ngram_range=(1, 2),
        min_df=1 if n_docs < 50 else 2,
        max_df=1.0 if n_docs < 50 else 0.5,
        sublinear_tf=True,
        dtype=np.float64,
    )


def _top_neighbours(
    X: sparse.csr_matrix, threshold: float, top_k: int
) -> dict[tuple[int, int], float]:
    """Pairs (i < j) where j is among i's top-k neighbours or i among j's."""
    pairs: dict[tuple[int, int], float] = {}
    XT = X.T.tocsc()
    for start in range(0, X.shape[0], _CHUNK):
        block = (X[start : start + _CHUNK] @ XT).tocsr()
        for row in range(block.shape[0]):
            i = start + row
            lo, hi = block.indptr[row], block.indptr[row + 1]
            cols, vals = block.indices[lo:hi], block.data[lo:hi]
            keep = (cols != i) & (vals >= threshold)
            cols, vals = cols[keep], vals[keep]
            # Ties broken by column so the result does not depend on the sparse layout.
            order = np.lexsort((cols, -vals))[:top_k]
            for j, value in zip(cols[order], vals[order], strict=True):
                pairs[(min(i, int(j)), max(i, int(j)))] = float(value)
    return pairs


def _shared_terms(X: sparse.csr_matrix, i: int, j: int, terms: np.ndarray, n: int) -> str:
    contribution = X[i].multiply(X[j]).tocsr()
    order = np.lexsort((contribution.indices, -contribution.data))[:n]
    return SEP.join(str(terms[contribution.indices[k]]) for k in order)


def topic_overlap(
    G: nx.Graph,
    threshold: float = DEFAULT_THRESHOLD,
    top_k: int = DEFAULT_TOP_K,
    n_terms: int = 5,
) -> nx.Graph:
    """Articles of ``G`` linked by topic similarity, with ``weight`` and ``shared_terms``."""
    articles = sorted(n for n, kind in G.nodes(data="kind") if kind == ARTICLE)
    T = nx.Graph()
    T.add_nodes_from((n, G.nodes[n]) for n in articles)
    texts = [article_text(G.nodes[n]) for n in articles]
    if len(articles) < 2:
        return T
    vectorizer = _vectorizer(len(articles))
    try:
        X = vectorizer.fit_transform(texts).tocsr()
    except ValueError:  # no article has a word left once stop words are removed
        return T
    terms = vectorizer.get_feature_names_out()
    for (i, j), weight in sorted(_top_neighbours(X, threshold, top_k).items()):
        T.add_edge(
            articles[i],
            articles[j],
            weight=round(weight, 4),
            shared_terms=_shared_terms(X, i, j, terms, n_terms),
            articles=SEP.join((articles[i], articles[j])),
        )
    return T


def cluster_terms(G: nx.Graph, clusters: dict[str, int], n_terms: int = 5) -> dict[int, list[str]]:
    """The most distinctive terms of each cluster: class-based TF-IDF against the corpus.

    A cluster's articles are read as one document; a term scores its frequency there
    times log(1 + average cluster length / the term's frequency in all clusters).
    """
    ids = sorted(set(clusters.values()))
    if not ids:
        return {}
    texts: dict[int, list[str]] = {c: [] for c in ids}
    for node, cluster in clusters.items():
        texts[cluster].append(article_text(G.nodes[node]))
    counter = CountVectorizer(
        stop_words=sorted(STOP_WORDS),
        token_pattern=TOKEN_PATTERN,
        ngram_range=(1, 2),
    )
    try:
        counts = counter.fit_transform(["\n".join(texts[c]) for c in ids]).toarray().astype(float)
    except ValueError:  # no words left
        return {c: [] for c in ids}
    terms = counter.get_feature_names_out()
    tf = counts / np.maximum(counts.sum(axis=1, keepdims=True), 1)
    idf = np.log(1 + counts.sum(axis=1).mean() / np.maximum(counts.sum(axis=0), 1))
    scores = tf * idf
    labels: dict[int, list[str]] = {}
    for row, cluster in enumerate(ids):
        order = np.lexsort((terms, -scores[row]))
        labels[cluster] = [str(terms[k]) for k in order[:n_terms] if scores[row, k] > 0]
    return labels


def topic_clusters(G: nx.Graph, T: nx.Graph, n_terms: int = 5) -> list[dict[str, Any]]:
    """Communities of the topic graph ``T``, largest first, each labelled by its terms, with
    its size, year span, top authors and three most central articles (by PageRank in T)."""
    clusters = {n: int(d["community"]) for n, d in T.nodes(data=True) if "community" in d}
    labels = cluster_terms(G, clusters, n_terms)
    out = []
    for cluster in sorted(set(clusters.values())):
        members = sorted(n for n, c in clusters.items() if c == cluster)
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
            "size": len(members),
            "terms": labels.get(cluster, []),
            "years": [min(years), max(years)] if years else [],
            "top_authors": [G.nodes[p]["label"] for p in top_authors],
            "central_articles": [{"id": n, "label": G.nodes[n]["label"]} for n in central],
            "articles": members,
        })  # fmt: skip
    return out
