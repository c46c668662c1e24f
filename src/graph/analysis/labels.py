"""Cluster names: a few distinct noun-phrase terms that tell a cluster from the others.

A topic cluster (articles) is named by class-based TF-IDF over its articles' noun-phrase
terms: a term scores the share of the cluster's articles that use it minus the share of
the other articles that do, so a term every article has names no cluster. A term cluster
is named by its own terms, the most relevant and frequent first. Either way the name takes
up to three terms, none a fragment of another ("brain injury" keeps out "brain" and
"injury"), and no two clusters get the same name: a later cluster whose name is taken
adds its next term.

>>> distinct(["brain", "traumatic brain injury", "injury", "rehabilitation", "outcome"])
['traumatic brain injury', 'rehabilitation', 'outcome']
>>> unique_names({0: ["peer support", "ward"], 1: ["peer support", "ward", "home"]})
{0: ['peer support', 'ward'], 1: ['peer support', 'ward', 'home']}
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy import sparse

NAME_TERMS = 3
"""Terms in a cluster's name (fewer where the cluster has fewer distinct terms)."""
MOST_NAME_TERMS = 4


def is_fragment(one: str, other: str) -> bool:
    """Whether one term's words all lie, in order and together, inside the other's.

    >>> is_fragment("brain", "brain injury"), is_fragment("brain injury", "injury")
    (True, True)
    >>> is_fragment("care", "healthcare"), is_fragment("peer", "peer")
    (False, True)
    """
    a, b = one.split(), other.split()
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    return any(long[i : i + len(short)] == short for i in range(len(long) - len(short) + 1))


def distinct(ranked: Sequence[str], n: int = NAME_TERMS) -> list[str]:
    """The first ``n`` of ``ranked`` terms none of which is a fragment of another: a term
    holding terms already taken replaces them (the longer phrase says more), a term
    inside one already taken is skipped."""
    chosen: list[str] = []
    for term in ranked:
        held = [c for c in chosen if is_fragment(c, term)]
        if any(len(c.split()) >= len(term.split()) for c in held):
            continue  # a fragment of a term taken (or the same)
        if held:
            at = chosen.index(held[0])
            chosen = [c for c in chosen if c not in held]
            chosen.insert(at, term)
        else:
            chosen.append(term)
        if len(chosen) == n:
            break
    return chosen


def unique_names(ranked: dict[int, list[str]], n: int = NAME_TERMS) -> dict[int, list[str]]:
    """A name for each cluster (in cluster order): :func:`distinct` terms of its ranked
    list, one more term (up to four) while an earlier cluster has the same name."""
    taken: set[tuple[str, ...]] = set()
    names: dict[int, list[str]] = {}
    for cluster in sorted(ranked):
        size = n
        name = distinct(ranked[cluster], size)
        while tuple(sorted(name)) in taken and size < MOST_NAME_TERMS:
            size += 1
            longer = distinct(ranked[cluster], size)
            if len(longer) == len(name):
                break
            name = longer
        taken.add(tuple(sorted(name)))
        names[cluster] = name
    return names


def contrast_rankings(
    B: sparse.spmatrix, terms: Sequence[str], membership: Sequence[int]
) -> dict[int, list[str]]:
    """Terms of the article × term matrix ``B`` ranked for each cluster (``membership``
    gives each article's; −1 is none): the share of the cluster's articles using a term
    minus the other articles' share; only terms with a positive score, ties to the more
    used, then by name. One sparse product counts every cluster's terms at once.

    >>> B = sparse.csr_matrix([[1, 1, 0], [1, 0, 1], [0, 1, 1]])
    >>> contrast_rankings(B, ["peer", "ward", "home"], [0, 0, 1])
    {0: ['peer'], 1: ['home', 'ward']}
    """
    B = sparse.csr_matrix(B, dtype=np.float64)
    B.data[:] = 1.0  # articles using a term, however often
    labels = np.asarray(membership, dtype=np.int64)
    clusters = np.unique(labels[labels >= 0])
    row = np.searchsorted(clusters, labels)
    kept = labels >= 0
    M = sparse.csr_matrix((np.ones(int(kept.sum())), (row[kept], np.flatnonzero(kept))),
                          shape=(len(clusters), B.shape[0]))  # fmt: skip
    used = (M @ B).tocsr()
    total = np.asarray(B.sum(axis=0)).ravel()
    sizes = np.asarray(M.sum(axis=1)).ravel()
    n = B.shape[0]
    names = np.array(terms, dtype=object)
    out: dict[int, list[str]] = {}
    for i, cluster in enumerate(clusters.tolist()):
        cols = used.indices[used.indptr[i] : used.indptr[i + 1]]
        used_in = used.data[used.indptr[i] : used.indptr[i + 1]]
        n_out = n - sizes[i]
        scores = used_in / max(sizes[i], 1) - ((total[cols] - used_in) / n_out if n_out else 0.0)
        order = np.lexsort((names[cols], -used_in, -scores))
        out[cluster] = [str(names[cols[k]]) for k in order if scores[k] > 0]
    return out
