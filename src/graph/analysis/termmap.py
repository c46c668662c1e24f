"""The term map, as VOSviewer draws it: terms linked by how often articles use them together.

Terms are the noun phrases of titles, abstracts and keywords
(:mod:`graph.analysis.nounphrases`) that occur in at least
:func:`~graph.analysis.terms.min_occurrences` articles, less the nested fragments that
mostly occur with their whole (:func:`nested_fragments`). From 50 articles on, the most
relevant share of those candidates is kept (60% by default). A term is relevant when its
articles keep to a few themes, the communities of the topic network
(:func:`theme_relevance`; without themes, VOSviewer's own way: :func:`relevance`): one
spread evenly over every theme tells nothing apart, however often it occurs. The
``max_terms`` most frequent of the relevant terms are mapped.
Two terms co-occur once per article holding both (full counting), or that
article shares one unit among all its term pairs (fractional counting). Links are
normalised by association strength, the ratio of observed to expected co-occurrence::

    association(i, j) = cooccurrences(i, j) × articles / (occurrences(i) × occurrences(j))

Each term keeps its ``top_k`` strongest links (by association) among pairs that co-occur in
at least ``min_cooccurrence`` articles. Term nodes have ``kind="term"``, ``occurrences``,
``relevance`` and ``avg_year`` (the mean publication year of their articles, for the
overlay); links have ``kind="cooccurrence"``, ``weight`` (association strength),
``cooccurrences`` and the ids of the first ``EVIDENCE`` (20) ``articles`` behind them:
common terms co-occur in thousands, and listing them all made the 50,000-article term map
280 MB of HTML.

>>> import networkx as nx
>>> G = nx.DiGraph()
>>> texts = ["Peer support on hospital wards.", "Peer support at home.", "Smoke on wards."]
>>> for i, text in enumerate(texts):
...     G.add_node(f"a{i}", kind="article", label=f"a{i}", title=text, year=2020 + i)
>>> M = term_map(G, min_df=1, relevant_share=1.0)
>>> sorted(M)
['term:home', 'term:hospital ward', 'term:peer support', 'term:smoke', 'term:ward']
>>> M.edges["term:peer support", "term:home"]["cooccurrences"], M.nodes["term:ward"]["avg_year"]
(1, 2022.0)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

import networkx as nx
import numpy as np
from scipy import sparse

from graph.analysis.communities import louvain
from graph.analysis.labels import contrast_rankings, distinct, unique_names
from graph.analysis.nounphrases import Terms, extract_terms
from graph.analysis.terms import article_text, min_occurrences
from graph.kinds import ARTICLE, AUTHORED, COOCCURRENCE, TERM
from graph.settings import MAX_TERMS, SEP, TERM_RELEVANCE

DEFAULT_MAX_TERMS = MAX_TERMS
DEFAULT_TOP_K = 10
EVIDENCE = 20  # article ids kept on a link as evidence; `cooccurrences` has the count
RELEVANCE_LINKS = 20  # each candidate's strongest links, for the themes relevance is over
RELEVANCE_FROM = 50
"""Fewer articles than this keep every candidate: their themes are too few to judge by."""


def article_noun_terms(G: nx.Graph) -> tuple[list[str], Terms]:
    """The article ids of ``G``, sorted, and their noun-phrase terms."""
    articles, texts = article_texts(G)
    return articles, extract_terms(texts)


def article_texts(G: nx.Graph) -> tuple[list[str], list[str]]:
    """The article ids of ``G``, sorted, and the text each is tagged from: title,
    abstract and keywords, in reading order.

    >>> G = nx.Graph()
    >>> G.add_node("article:1", kind="article", title="Renal failure", keywords="ICU")
    >>> article_texts(G)
    (['article:1'], ['Renal failure\\n\\nICU'])
    """
    articles = sorted(n for n, kind in G.nodes(data="kind") if kind == ARTICLE)
    return articles, [article_text(G.nodes[a], reading_order=True) for a in articles]


def candidate_matrix(
    documents: list[list[str]], min_df: int
) -> tuple[sparse.csc_matrix, list[str]]:
    """The binary article × term matrix (CSC) of the terms in at least ``min_df``
    articles, and those terms, sorted.

    >>> B, terms = candidate_matrix([["a", "b"], ["a"], ["c"]], 2)
    >>> B.toarray().tolist(), terms
    ([[1], [1], [0]], ['a'])
    """
    df: dict[str, int] = {}
    for document in documents:
        for term in set(document):
            df[term] = df.get(term, 0) + 1
    terms = sorted(t for t, n in df.items() if n >= min_df)
    at = {t: k for k, t in enumerate(terms)}
    rows, cols = [], []
    for i, document in enumerate(documents):
        for k in sorted({at[t] for t in document if t in at}):
            rows.append(i)
            cols.append(k)
    data = np.ones(len(rows), dtype=np.int64)
    B = sparse.csc_matrix((data, (rows, cols)), shape=(len(documents), len(terms)))
    return B, terms


FRAGMENT_SHARE = 0.5
"""A candidate inside a longer one (word for word) that shares at least this share of its
articles with it is dropped: "prostate" where "prostate cancer" is written says nothing
the longer term does not, and would only be linked to it."""


def nested_fragments(B: sparse.csc_matrix, terms: list[str]) -> list[int]:
    """Columns of candidates that are fragments of longer candidates and occur with them
    in at least :data:`FRAGMENT_SHARE` of their articles, sorted.

    >>> B = sparse.csc_matrix([[1, 1, 0], [1, 1, 1], [0, 0, 1], [0, 0, 1]])
    >>> nested_fragments(B, ["prostate", "prostate cancer", "cancer"])  # cancer: 1 of 3
    [0]
    """
    at = {t: k for k, t in enumerate(terms)}
    df = np.asarray(B.sum(axis=0)).ravel()
    dropped: set[int] = set()
    for k, term in enumerate(terms):
        words = term.split()
        for n in range(1, len(words)):
            for i in range(len(words) - n + 1):
                j = at.get(" ".join(words[i : i + n]))
                if j is None or j in dropped:
                    continue
                both = B[:, j].multiply(B[:, k]).sum()
                if both >= FRAGMENT_SHARE * df[j]:
                    dropped.add(j)
    return sorted(dropped)


def relevance(B: sparse.csc_matrix, seed: int = 42) -> np.ndarray:
    """Each term's relevance, as VOSviewer scores it (van Eck & Waltman 2011): the terms
    are grouped into themes (Louvain communities of their strongest association-strength
    links), and a term scores the Kullback–Leibler divergence of its co-occurrences' spread
    over the themes from the spread of all co-occurrences. A term used with every theme
    alike scores near 0; one used with a single theme scores high.

    Three themes of two terms, three articles each, and a seventh term in every article:

    >>> rows = [[int(k in (2 * t, 2 * t + 1, 6)) for k in range(7)] for t in (0, 1, 2)]
    >>> scores = relevance(sparse.csc_matrix(rows * 3))
    >>> [round(float(r), 3) for r in scores], int(scores.argmin())
    ([0.588, 0.588, 0.353, 0.353, 0.353, 0.353, 0.1], 6)
    """
    n_terms = B.shape[1]
    full = cooccurrences(B)
    if n_terms < 2 or full.nnz == 0:
        return np.zeros(n_terms)
    df = np.asarray(B.sum(axis=0)).ravel()
    links = _strongest_links(full, full, df, B.shape[0], RELEVANCE_LINKS, 1)
    T = nx.Graph()
    T.add_nodes_from(range(n_terms))
    T.add_weighted_edges_from((i, j, w) for (i, j), w in sorted(links.items()))
    themes = louvain(nx.relabel_nodes(T, {i: f"{i:09d}" for i in T}), seed=seed)
    membership = np.array([themes[f"{i:09d}"] for i in range(n_terms)])
    M = sparse.csr_matrix((np.ones(n_terms), (np.arange(n_terms), membership)))
    spread = np.asarray((full @ M).todense(), dtype=np.float64)  # terms × themes
    overall = spread.sum(axis=0) / spread.sum()
    totals = spread.sum(axis=1, keepdims=True)
    p = np.divide(spread, totals, out=np.zeros_like(spread), where=totals > 0)
    ratio = np.divide(p, overall, out=np.ones_like(p), where=p > 0)
    return np.asarray((p * np.log(ratio)).sum(axis=1))


def theme_relevance(B: sparse.csc_matrix, themes: np.ndarray, prior: float = 5.0) -> np.ndarray:
    """Each term's relevance from the themes of its articles: the Kullback–Leibler
    divergence of the spread of a term's articles over the article themes (``themes``,
    one per row of ``B``: the topic network's communities; -1 for none) from the spread of
    all articles. The spread is smoothed towards the overall one by ``prior`` articles, so
    a term in five articles is not taken for a theme's own on so little evidence.

    >>> B = sparse.csc_matrix([[1, 1], [1, 0], [1, 1], [0, 0]])  # 2 of 3 in theme 0; 1 and 1
    >>> [round(float(r), 3) for r in theme_relevance(B, np.array([0, 0, 1, 1]), prior=0)]
    [0.057, 0.0]
    """
    themed = themes >= 0
    if not themed.any() or B.shape[1] == 0:
        return np.zeros(B.shape[1])
    labels = themes[themed]
    M = sparse.csr_matrix((np.ones(len(labels)), (np.arange(len(labels)), labels)))
    counts = np.asarray((sparse.csr_matrix(B)[themed].T @ M).todense(), dtype=np.float64)
    overall = np.asarray(M.sum(axis=0)).ravel() / len(labels)
    p = (counts + prior * overall) / (counts.sum(axis=1, keepdims=True) + prior)
    ratio = np.divide(p, overall, out=np.ones_like(p), where=p > 0)
    return np.asarray((p * np.log(ratio)).sum(axis=1))


def term_matrix(
    G: nx.Graph,
    min_df: int | None = None,
    max_terms: int = DEFAULT_MAX_TERMS,
    found: tuple[list[str], Terms] | None = None,
    relevant_share: float = TERM_RELEVANCE,
    seed: int = 42,
    themes: dict[str, int] | None = None,
) -> tuple[list[str], sparse.csc_matrix, list[str], np.ndarray]:
    """Articles, their binary article × term matrix (CSC), the kept terms and their
    relevance: of the terms in at least ``min_df`` articles, the ``relevant_share`` most
    relevant, then the ``max_terms`` most frequent of those. ``found`` is
    :func:`article_noun_terms` of ``G`` when already made. Relevance is over the article
    ``themes`` (article → theme: the topic network's communities) where given
    (:func:`theme_relevance`), else over themes of the terms themselves (:func:`relevance`)."""
    articles, terms = found or article_noun_terms(G)
    B, candidates = candidate_matrix(terms.documents, min_df or min_occurrences(len(articles)))
    fragments = set(nested_fragments(B, candidates))
    whole = [k for k in range(len(candidates)) if k not in fragments]
    B, candidates = B[:, whole], [candidates[k] for k in whole]
    if not candidates:
        return articles, B, [], np.zeros(0)
    if themes is not None:
        rows = np.array([themes.get(a, -1) for a in articles], dtype=np.int64)
        scores = theme_relevance(B, rows, float(min_df or min_occurrences(len(articles))))
    else:
        scores = relevance(B, seed)
    df = np.asarray(B.sum(axis=0)).ravel()
    names = np.array(candidates, dtype=object)
    if len(articles) < RELEVANCE_FROM:  # too few articles for themes to mean anything
        relevant_share = 1.0
    share = max(1, int(np.ceil(relevant_share * len(candidates))))
    relevant = np.lexsort((names, -df, -np.round(scores, 9)))[:share]
    keep = np.sort(relevant[np.lexsort((names[relevant], -df[relevant]))[:max_terms]])
    return articles, B[:, keep], [str(t) for t in names[keep]], scores[keep]


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
    found: tuple[list[str], Terms] | None = None,
    relevant_share: float = TERM_RELEVANCE,
    seed: int = 42,
    themes: dict[str, int] | None = None,
) -> nx.Graph:
    """The term co-occurrence map of the articles of ``G`` (see the module text)."""
    found = found or article_noun_terms(G)
    articles, B, terms, scores = term_matrix(G, min_df, max_terms, found, relevant_share,
                                             seed, themes)  # fmt: skip
    n = len(articles)
    M = nx.Graph()
    if not terms:
        return M
    df = np.asarray(B.sum(axis=0)).ravel()
    years = np.array([float(G.nodes[a].get("year", np.nan)) for a in articles])
    dated = sparse.csc_matrix(B.multiply(~np.isnan(years)[:, None]))
    year_sums = dated.T @ np.nan_to_num(years)
    year_counts = np.asarray(dated.sum(axis=0)).ravel()
    labels = found[1].labels
    for k, term in enumerate(terms):
        data: dict[str, Any] = {"kind": TERM, "label": labels.get(term, term),
                                "occurrences": int(df[k]),
                                "relevance": round(float(scores[k]), 4)}  # fmt: skip
        if year_counts[k]:
            data["avg_year"] = round(float(year_sums[k] / year_counts[k]), 2)
        M.add_node(f"term:{term}", **data)
    _add_links(M, articles, B, terms, (top_k, counting, min_cooccurrence or (1 if n < 50 else 2)))
    return M


def _add_links(M: nx.Graph, articles: list[str], B: sparse.csc_matrix, terms: list[str],
               how: tuple[int, str, int]) -> None:  # fmt: skip
    top_k, counting, least = how
    df = np.asarray(B.sum(axis=0)).ravel()
    full = cooccurrences(B)
    C = full if counting == "full" else cooccurrences(B, counting)
    strongest = _strongest_links(C, full, df, len(articles), top_k, least)
    for (i, j), strength in sorted(strongest.items()):
        both = B[:, i].multiply(B[:, j]).nonzero()[0]
        M.add_edge(
            f"term:{terms[i]}",
            f"term:{terms[j]}",
            kind=COOCCURRENCE,
            weight=round(strength, 6),
            cooccurrences=round(float(C[i, j]), 6) if counting != "full" else int(C[i, j]),
            articles=SEP.join(articles[a] for a in sorted(both)[:EVIDENCE]),
        )


def _groups(network: nx.Graph) -> dict[int, list[str]]:
    groups: dict[int, list[str]] = {}
    for node, community in sorted(network.nodes(data="community")):
        if community is not None:
            groups.setdefault(int(community), []).append(node)
    return groups


def topic_rankings(T: nx.Graph, found: tuple[list[str], Terms]) -> dict[int, list[str]]:
    """The noun-phrase terms of each community of the topic network ``T``, ranked by
    contrast with the other articles (:func:`graph.analysis.labels.contrast_rankings`)."""
    return ranked_by_articles(dict(T.nodes(data="community")), found)


Candidates = tuple[sparse.csc_matrix, list[str]]


def name_candidates(found: tuple[list[str], Terms]) -> Candidates:
    """The article × term matrix clusters are named from, and its terms as shown."""
    articles, terms = found
    B, keys = candidate_matrix(terms.documents, 1 if len(articles) < 50 else 2)
    return B, [terms.labels.get(k, k) for k in keys]


def ranked_by_articles(
    community: Mapping[str, object],
    found: tuple[list[str], Terms],
    candidates: Candidates | None = None,
) -> dict[int, list[str]]:
    """The noun-phrase terms of each community, ranked by contrast with the other
    articles, where ``community`` maps each article to the community it stands in (an
    article left out stands in none); ``candidates`` is :func:`name_candidates` of
    ``found``, when the caller names several networks."""
    B, shown = candidates or name_candidates(found)
    membership = [int(str(c)) if (c := community.get(a)) is not None else -1 for a in found[0]]
    return contrast_rankings(B, shown, membership)


def voted_community(members: Mapping[str, Iterable[str]], network: nx.Graph) -> dict[str, int]:
    """Each article's community in ``network``: the one most of its ``members`` (the
    nodes of ``network`` it stands for) are in, ties to the lower number; articles with
    none in ``network`` stand in none.

    >>> N = nx.Graph()
    >>> N.add_nodes_from([("x", {"community": 0}), ("y", {"community": 1}),
    ...                   ("z", {"community": 1})])
    >>> voted_community({"a1": ["x", "y", "z"], "a2": ["x", "w"], "a3": ["w"]}, N)
    {'a1': 1, 'a2': 0}
    """
    out: dict[str, int] = {}
    for article, nodes in members.items():
        found = (network.nodes[n].get("community") for n in nodes if n in network)
        votes = Counter(int(c) for c in found if c is not None)
        if votes:
            out[article] = min(votes, key=lambda c: (-votes[c], c))
    return out


def authors_of_articles(G: nx.MultiDiGraph) -> dict[str, list[str]]:
    """Each article node of the typed graph ``G`` → its authors."""
    return {article: [a for a, _, k in G.in_edges(article, data="kind") if k == AUTHORED]
            for article, kind in G.nodes(data="kind") if kind == ARTICLE}  # fmt: skip


def set_cluster_names(network: nx.Graph, names: dict[int, list[str]]) -> dict[int, str]:
    """Name each community of ``network`` by its ``names`` terms joined by "; ":
    ``cluster_name`` on its nodes and ``graph["cluster_names"]``; the names."""
    joined = {c: SEP.join(terms) for c, terms in names.items() if terms}
    network.graph["cluster_names"] = joined
    for node, community in network.nodes(data="community"):
        if community is not None and int(community) in joined:
            network.nodes[node]["cluster_name"] = joined[int(community)]
    return joined


def term_names(M: nx.Graph) -> dict[int, list[str]]:
    """A name for each community of the term map ``M``: its own terms (each is in one
    cluster only, and passed the relevance filter), the most used first, ties to the more
    relevant."""

    def rank(t: str) -> tuple[int, float, str]:
        data = M.nodes[t]
        return (-int(data["occurrences"]), -float(data.get("relevance", 0.0)), t)

    ranked = {c: [str(M.nodes[t]["label"]) for t in sorted(members, key=rank)]
              for c, members in _groups(M).items()}  # fmt: skip
    return unique_names(ranked)


def name_clusters(T: nx.Graph, M: nx.Graph, found: tuple[list[str], Terms]) -> None:
    """Set ``cluster_name`` (its terms joined by "; ") on every node of a named community
    of the topic network ``T`` and the term map ``M``, and keep the names on the graphs
    (``graph["cluster_names"]``; the topic clusters' five most distinctive terms in
    ``graph["cluster_terms"]``)."""
    ranked = topic_rankings(T, found)
    T.graph["cluster_terms"] = {c: distinct(terms, 5) for c, terms in ranked.items()}
    set_cluster_names(T, unique_names(ranked))
    set_cluster_names(M, term_names(M))


def term_clusters(M: nx.Graph, n_terms: int = 5) -> list[dict[str, object]]:
    """Each community of the term map (node ``community``), largest first: its name
    (:func:`name_clusters`), size, most frequent terms, and the mean of its terms'
    average years."""
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
            "name": M.graph.get("cluster_names", {}).get(cluster, ""),
            "size": len(members),
            "terms": [str(M.nodes[t]["label"]) for t in ranked[:n_terms]],
            "avg_year": round(sum(years) / len(years), 2) if years else None,
        })  # fmt: skip
    return out
