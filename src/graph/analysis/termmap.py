"""The term map, as VOSviewer draws it: terms linked by how often articles use them together.

Terms come from :mod:`graph.analysis.terms` and must occur in at least
:func:`~graph.analysis.terms.min_occurrences` articles (terms in more than half of 50 or
more articles are dropped: they tell nothing apart). The ``max_terms`` most frequent are
kept. Two terms co-occur once per article holding both (full counting), or that article
shares one unit among all its term pairs (fractional counting). Links are normalised by
association strength, the ratio of observed to expected co-occurrence::

    association(i, j) = cooccurrences(i, j) × articles / (occurrences(i) × occurrences(j))

Each term keeps its ``top_k`` strongest links (by association) among pairs that co-occur in
at least ``min_cooccurrence`` articles. Term nodes have ``kind="term"``, ``occurrences``
and ``avg_year`` (the mean publication year of their articles, for the overlay); links
have ``kind="cooccurrence"``, ``weight`` (association strength), ``cooccurrences`` and the
ids of the first ``EVIDENCE`` (20) ``articles`` behind them: common terms co-occur in
thousands, and listing them all made the 50,000-article term map 280 MB of HTML.

>>> import networkx as nx
>>> G = nx.DiGraph()
>>> texts = ["Peer support on wards.", "Peer support at home.", "Smoke-free wards."]
>>> for i, text in enumerate(texts):
...     G.add_node(f"a{i}", kind="article", label=f"a{i}", title=text, year=2020 + i)
>>> M = term_map(G, min_df=2)
>>> sorted(M), M.edges["term:peer", "term:support"]["cooccurrences"]
(['term:peer', 'term:peer support', 'term:support', 'term:wards'], 2)
>>> M.nodes["term:wards"]["avg_year"]
2021.0
"""

from __future__ import annotations

from typing import Any

import networkx as nx
import numpy as np
from scipy import sparse

from graph.analysis.terms import article_terms, article_text, min_occurrences, term_vectorizer
from graph.kinds import ARTICLE, COOCCURRENCE, TERM
from graph.settings import MAX_TERMS, SEP

DEFAULT_MAX_TERMS = MAX_TERMS
DEFAULT_TOP_K = 10
EVIDENCE = 20  # article ids kept on a link as evidence; `cooccurrences` has the count


def term_matrix(
    G: nx.Graph,
    min_df: int | None = None,
    max_terms: int = DEFAULT_MAX_TERMS,
    documents: list[list[list[str]]] | None = None,
) -> tuple[list[str], sparse.csc_matrix, list[str]]:
    """Articles, their binary article × term matrix (CSC) and the kept terms; ``documents``
    are the articles' phrases when already extracted (in sorted article order)."""
    articles = sorted(n for n, kind in G.nodes(data="kind") if kind == ARTICLE)
    n = len(articles)
    vectorizer = term_vectorizer(
        min_df=min_df or min_occurrences(n), max_df=0.5 if n >= 50 else 1.0
    )
    try:
        if documents is None:
            documents = article_terms([article_text(G.nodes[a]) for a in articles])
        B = vectorizer.fit_transform(documents)
    except ValueError:  # no term occurs often enough
        return articles, sparse.csc_matrix((n, 0)), []
    terms = vectorizer.get_feature_names_out()
    df = np.asarray(B.sum(axis=0)).ravel()
    keep = np.sort(np.lexsort((terms, -df))[:max_terms])
    return articles, B.tocsc()[:, keep], [str(t) for t in terms[keep]]


def cooccurrences(B: sparse.csc_matrix, counting: str = "full") -> sparse.csr_matrix:
    """Term × term co-occurrence counts (diagonal zero), full or fractional.

    >>> B = sparse.csc_matrix([[1, 1, 1], [1, 1, 0]])
    >>> cooccurrences(B).toarray().tolist()
    [[0, 2, 1], [2, 0, 1], [1, 1, 0]]
    >>> cooccurrences(B, "fractional").toarray().round(3).tolist()
    [[0.0, 1.5, 0.5], [1.5, 0.0, 0.5], [0.5, 0.5, 0.0]]
    """
    B = sparse.csr_matrix(B)
    if counting == "fractional":
        terms_per_article = np.asarray(B.sum(axis=1)).ravel()
        share = np.divide(1.0, terms_per_article - 1, out=np.zeros(B.shape[0]),
                          where=terms_per_article > 1)  # fmt: skip
        C = (B.T @ sparse.diags(share) @ B).tocsr()
    else:
        C = (B.T @ B).tocsr()
    C.setdiag(0)
    C.eliminate_zeros()
    return C


def _strongest_links(
    C: sparse.csr_matrix, full: sparse.csr_matrix, df: np.ndarray, n: int, top_k: int, least: int
) -> dict[tuple[int, int], float]:
    pairs: dict[tuple[int, int], float] = {}
    for i in range(C.shape[0]):
        lo, hi = C.indptr[i], C.indptr[i + 1]
        cols = C.indices[lo:hi]
        counts = np.asarray(full[i, cols].todense()).ravel() if len(cols) else cols
        cols, weights = cols[counts >= least], C.data[lo:hi][counts >= least]
        strength = weights * n / (df[i] * df[cols])
        for k in np.lexsort((cols, -strength))[:top_k]:
            j = int(cols[k])
            pairs[(min(i, j), max(i, j))] = float(strength[k])
    return pairs


def term_map(
    G: nx.Graph,
    min_df: int | None = None,
    max_terms: int = DEFAULT_MAX_TERMS,
    top_k: int = DEFAULT_TOP_K,
    counting: str = "full",
    min_cooccurrence: int | None = None,
    documents: list[list[list[str]]] | None = None,
) -> nx.Graph:
    """The term co-occurrence map of the articles of ``G`` (see the module text)."""
    articles, B, terms = term_matrix(G, min_df, max_terms, documents)
    n = len(articles)
    M = nx.Graph()
    if not terms:
        return M
    df = np.asarray(B.sum(axis=0)).ravel()
    years = np.array([float(G.nodes[a].get("year", np.nan)) for a in articles])
    dated = sparse.csc_matrix(B.multiply(~np.isnan(years)[:, None]))
    year_sums = dated.T @ np.nan_to_num(years)
    year_counts = np.asarray(dated.sum(axis=0)).ravel()
    for k, term in enumerate(terms):
        data: dict[str, Any] = {"kind": TERM, "label": term, "occurrences": int(df[k])}
        if year_counts[k]:
            data["avg_year"] = round(float(year_sums[k] / year_counts[k]), 2)
        M.add_node(f"term:{term}", **data)
    full = cooccurrences(B)
    C = full if counting == "full" else cooccurrences(B, counting)
    least = min_cooccurrence or (1 if n < 50 else 2)
    for (i, j), strength in sorted(_strongest_links(C, full, df, n, top_k, least).items()):
        both = B[:, i].multiply(B[:, j]).nonzero()[0]
        M.add_edge(
            f"term:{terms[i]}",
            f"term:{terms[j]}",
            kind=COOCCURRENCE,
            weight=round(strength, 6),
            cooccurrences=round(float(C[i, j]), 6) if counting != "full" else int(C[i, j]),
            articles=SEP.join(articles[a] for a in sorted(both)[:EVIDENCE]),
        )
    return M


def term_clusters(M: nx.Graph, n_terms: int = 5) -> list[dict[str, object]]:
    """Each community of the term map (node ``community``), largest first: its size, its
    most frequent terms as a label, and the mean of its terms' average years."""
    groups: dict[int, list[str]] = {}
    for node, community in M.nodes(data="community"):
        if community is not None:
            groups.setdefault(int(community), []).append(node)
    out: list[dict[str, object]] = []
    for cluster, members in sorted(groups.items()):
        ranked = sorted(members, key=lambda t: (-int(M.nodes[t]["occurrences"]), t))
        years = [float(M.nodes[t]["avg_year"]) for t in members if "avg_year" in M.nodes[t]]
        out.append({
            "cluster": cluster,
            "size": len(members),
            "terms": [str(M.nodes[t]["label"]) for t in ranked[:n_terms]],
            "avg_year": round(sum(years) / len(years), 2) if years else None,
        })  # fmt: skip
    return out
