"""TF-IDF rows and topic profiles on numpy and scipy alone: what a question asked of a
stored build needs (``why``, ``suggest``), without importing scikit-learn (1.5 s).

A profile is the sum of the TF-IDF rows of the articles behind a node (an author's
articles, an issue's articles), L2-normalised, so two profiles compare by cosine as two
articles do.

>>> X = sparse.csr_matrix([[0.6, 0.8, 0.0], [0.0, 0.6, 0.8]])
>>> membership = sparse.csr_matrix([[1.0, 1.0], [0.0, 1.0]])  # 2 nodes × 2 articles
>>> P = profile_matrix(membership, X)
>>> round(float(P[0].multiply(P[1]).sum()), 4)
0.8602
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy import sparse

from graph.analysis.pair import ranked_shared
from graph.settings import SEP

PEER_THRESHOLD = 0.1
"""Least profile cosine for a suggested co-author."""


@dataclass
class TermVectors:
    """The TF-IDF row of each article (L2-normalised), with the terms of its columns."""

    articles: list[str]
    matrix: sparse.csr_matrix
    terms: np.ndarray
    documents: list[list[list[str]]] = field(default_factory=list, repr=False)
    """Each article's phrases (:func:`graph.analysis.terms.article_terms`), for reuse."""
    rows: dict[str, int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.rows = {a: i for i, a in enumerate(self.articles)}


def unit_rows(X: sparse.spmatrix) -> sparse.csr_matrix:
    """``X`` with every non-empty row scaled to length 1, summing each row's squares in
    order, as scikit-learn's ``normalize`` does, so the two agree to the last bit.

    >>> unit_rows(sparse.csr_matrix([[3.0, 4.0], [0.0, 0.0]])).toarray().tolist()
    [[0.6, 0.8], [0.0, 0.0]]
    """
    P = sparse.csr_matrix(X, dtype=np.float64, copy=True)  # data order kept: it sums in it
    lengths = np.diff(P.indptr)
    # A CSR matrix times a vector sums each row's entries one by one, in data order, as
    # scikit-learn sums the squares (a loop over entry positions took 0.3 s at 23k rows).
    squares = sparse.csr_matrix((P.data * P.data, P.indices, P.indptr), shape=P.shape)
    roots = np.sqrt(squares @ np.ones(P.shape[1]))
    roots[roots == 0] = 1.0
    P.data /= np.repeat(roots, lengths)
    return P


def profile_matrix(membership: sparse.spmatrix, X: sparse.spmatrix) -> sparse.csr_matrix:
    """The profile rows of nodes: ``membership`` (nodes × articles, 1 where an article is
    behind a node) times the articles' TF-IDF rows ``X``, each row L2-normalised."""
    return unit_rows(sparse.csr_matrix(membership @ X))


def shared_terms(X: sparse.csr_matrix, i: int, j: int, terms: np.ndarray, n: int) -> str:
    """The ``n`` terms adding most to the cosine of rows ``i`` and ``j``, joined by ``; ``.

    >>> X = sparse.csr_matrix([[0.6, 0.8, 0.0], [0.8, 0.0, 0.6]])
    >>> shared_terms(X, 0, 1, np.array(["peer", "ward", "home"]), 5)
    'peer'
    """
    # Straight on the CSR arrays: scipy's row slicing costs ~100 µs a call, and a large
    # corpus asks for this once per link.
    lo, hi = X.indptr[i], X.indptr[i + 1]
    lo2, hi2 = X.indptr[j], X.indptr[j + 1]
    top, _ = ranked_shared(X.indices[lo:hi], X.data[lo:hi], X.indices[lo2:hi2], X.data[lo2:hi2], n)
    return SEP.join(str(terms[k]) for k in top)


PAIR_CHUNK = 50_000
"""Pairs per element-wise product in :func:`shared_terms_of_pairs` (bounds its memory)."""


def shared_terms_of_pairs(
    X: sparse.csr_matrix, first: np.ndarray, second: np.ndarray, terms: np.ndarray, n: int
) -> list[str]:
    """:func:`shared_terms` of the row pairs ``(first[k], second[k])``, all at once: one
    element-wise product of the rows gives every shared term's part of each cosine.

    >>> X = sparse.csr_matrix([[0.6, 0.8, 0.0], [0.8, 0.0, 0.6], [0.0, 0.6, 0.8]])
    >>> shared_terms_of_pairs(X, np.array([0, 1]), np.array([1, 2]),
    ...                       np.array(["peer", "ward", "home"]), 5)
    ['peer', 'home']
    """
    out: list[str] = []
    for start in range(0, len(first), PAIR_CHUNK):
        rows = slice(start, start + PAIR_CHUNK)
        P = sparse.csr_matrix(X[first[rows]].multiply(X[second[rows]]))
        pair = np.repeat(np.arange(P.shape[0]), np.diff(P.indptr))
        # Within each pair, the largest parts first, ties to the lower column.
        order = np.lexsort((P.indices, -P.data, pair))
        keep = np.arange(len(order)) - P.indptr[pair[order]] < n
        names = terms[P.indices[order[keep]]].tolist()
        ends = np.cumsum(np.minimum(np.diff(P.indptr), n)).tolist()
        begin = 0
        for end in ends:
            out.append(SEP.join(names[begin:end]))
            begin = end
    return out


def peers(
    people: list[str],
    labels: list[str],
    membership: sparse.csr_matrix,
    vectors: TermVectors,
    me: int,
    top: int = 10,
    threshold: float = PEER_THRESHOLD,
    n_terms: int = 5,
) -> list[dict[str, Any]]:
    """Authors whose profile is most like person ``me``'s and who share no article with
    them (:func:`graph.analysis.profiles.suggest_coauthors`), on arrays: ``people`` (ids,
    sorted) and their ``labels``, ``membership`` (people × articles, 1 for each article of
    theirs) and the articles' TF-IDF rows.

    >>> X = sparse.csr_matrix([[0.6, 0.8], [0.8, 0.6], [0.0, 1.0]])
    >>> M = sparse.csr_matrix(np.eye(3))
    >>> found = peers(["a", "b", "c"], ["A", "B", "C"], M,
    ...               TermVectors(["p", "q", "r"], X, np.array(["peer", "ward"])), 0)
    >>> [(f["label"], f["similarity"]) for f in found]
    [('B', 0.96), ('C', 0.8)]
    """
    M = sparse.csr_matrix(membership, dtype=np.float64)
    P = profile_matrix(M, vectors.matrix)
    scores = (P @ P[me].T).toarray().ravel()
    joint = (M @ M[me].T).toarray().ravel()  # articles shared with me
    counts = np.diff(M.indptr)
    out: list[dict[str, Any]] = []
    for i in np.lexsort((people, -scores)):
        if len(out) >= top or scores[i] < threshold:
            break
        if i == me or joint[i] > 0:
            continue
        out.append({
            "id": people[i],
            "label": labels[i],
            "similarity": round(float(scores[i]), 4),
            "shared_terms": shared_terms(P, me, int(i), vectors.terms, n_terms),
            "articles": int(counts[i]),
        })  # fmt: skip
    return out
