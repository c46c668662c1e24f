"""Corpus and issue indicators: articles per year, Lotka's law, top journals, issue profiles.

Lotka's law says the number of authors with n articles falls as C / n^β (β ≈ 2 in
Lotka's data). :func:`lotka` fits β and C by least squares on the log–log counts, as
bibliometrix does, and reports R² as goodness of fit.

>>> import networkx as nx
>>> G = nx.DiGraph()
>>> G.add_nodes_from(["p", "q"], kind="article", journal="J", year=2020)
>>> G.add_node("r", kind="article", journal="K", year=2021)
>>> articles_per_year(G), top_journals(G)
({'2020': 2, '2021': 1}, [{'journal': 'J', 'articles': 2}, {'journal': 'K', 'articles': 1}])
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import networkx as nx
import numpy as np

from graph.analysis.profiles import articles_of, profiles
from graph.analysis.vectors import TermVectors
from graph.kinds import ARTICLE, AUTHOR, AUTHORED, ISSUE


def articles_per_year(G: nx.Graph) -> dict[str, int]:
    """Article count per publication year, oldest first; ``"unknown"`` for undated ones."""
    years = Counter(
        str(d.get("year", "unknown")) for _, d in G.nodes(data=True) if d.get("kind") == ARTICLE
    )
    return dict(sorted(years.items(), key=lambda item: (item[0] == "unknown", item[0])))


def top_journals(G: nx.Graph, top: int = 10) -> list[dict[str, Any]]:
    """The journals with most articles (ties by name); articles naming none are left out."""
    counts = Counter(
        str(d["journal"])
        for _, d in G.nodes(data=True)
        if d.get("kind") == ARTICLE and d.get("journal")
    )
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:top]
    return [{"journal": name, "articles": n} for name, n in ranked]


def lotka(articles_by_author: list[int]) -> dict[str, Any]:
    """Fit Lotka's law to authors' article counts (full counting).

    >>> fit = lotka([1] * 144 + [2] * 36 + [3] * 16 + [4] * 9)
    >>> fit["exponent"], fit["r_squared"]
    (2.0, 1.0)
    """
    counts = Counter(n for n in articles_by_author if n > 0)
    table = {str(n): counts[n] for n in sorted(counts)}
    out: dict[str, Any] = {"authors": sum(counts.values()), "authors_by_articles": table}
    if len(counts) < 3:  # two points always fit a line exactly
        out["fit"] = "needs authors with at least three different article counts"
        return out
    n = np.array(sorted(counts), dtype=float)
    share = np.array([counts[int(k)] for k in n], dtype=float) / sum(counts.values())
    from scipy import stats  # imported here: scipy.stats takes 1.4 s to import

    fit = stats.linregress(np.log10(n), np.log10(share))
    out.update(
        exponent=round(-float(fit.slope), 2),
        constant=round(float(10**fit.intercept), 4),
        r_squared=round(float(fit.rvalue**2), 4),
    )
    return out


def issue_indicators(
    G: nx.DiGraph, coauthors: nx.Graph, vectors: TermVectors, n_terms: int = 5
) -> dict[str, dict[str, Any]]:
    """Per issue: articles, authors, top terms (of its profile) and internal co-authorship
    density: the share of its author pairs who wrote an article of the issue together."""
    issues = sorted(n for n, k in G.nodes(data="kind") if k == ISSUE)
    P, _ = profiles(G, vectors, issues)
    out: dict[str, dict[str, Any]] = {}
    for row, issue in enumerate(issues):
        articles = articles_of(G, issue)
        authors = sorted({a for art in articles for a, _, k in G.in_edges(art, data="kind")
                          if k == AUTHORED and G.nodes[a].get("kind") == AUTHOR})  # fmt: skip
        within = set(authors)
        # Only pairs linked in ``coauthors`` can count: walk the links, not all n² pairs.
        joint = sum(
            1
            for a in authors
            if a in coauthors
            for b, data in coauthors.adj[a].items()
            if a < b and b in within and articles & set(str(data["articles"]).split("; "))
        )
        pairs = len(authors) * (len(authors) - 1) // 2
        profile = P[row]
        order = np.lexsort((vectors.terms[profile.indices], -profile.data))[:n_terms]
        out[issue] = {
            "articles": len(articles),
            "author_count": len(authors),
            "top_terms": "; ".join(str(vectors.terms[profile.indices[k]]) for k in order),
            "coauthorship_density": round(joint / pairs, 6) if pairs else 0.0,
        }
    return out
