"""The topic similarity of two nodes on numpy alone, from their articles' TF-IDF rows.

``why`` asks this of one pair, where scipy would cost 0.3 s to import (a third of a
query's budget on a stored build), so the analysis and the store both answer it here,
on the arrays of a CSR matrix, and agree to the last bit.

>>> indptr, indices = np.array([0, 2, 4]), np.array([0, 1, 1, 2])
>>> data = np.array([0.6, 0.8, 0.6, 0.8])
>>> names = ["peer", "ward", "home"]
>>> pair_similarity(summed([0], indptr, indices, data), summed([1], indptr, indices, data),
...                 lambda at: [names[i] for i in at])
{'similarity': 0.48, 'shared_terms': 'ward'}
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from graph.settings import SEP

Profile = tuple[np.ndarray, np.ndarray]
"""A profile: its term columns (sorted) and their weights, L2-normalised."""


def summed(
    rows: Sequence[int], indptr: np.ndarray, indices: np.ndarray, data: np.ndarray
) -> Profile:
    """The sum of the CSR rows ``rows`` (taken in ascending order), L2-normalised.

    >>> summed([0, 1], np.array([0, 1, 2]), np.array([3, 3]), np.array([0.5, 0.5]))
    (array([3]), array([1.]))
    """
    spans = [np.arange(indptr[r], indptr[r + 1]) for r in sorted(rows)]
    at = np.concatenate(spans) if spans else np.array([], np.int64)
    terms, inverse = np.unique(indices[at], return_inverse=True)
    sums = np.bincount(inverse, weights=data[at], minlength=len(terms))
    length = float(np.sqrt(np.dot(sums, sums)))
    return terms, (sums / length if length else sums)


def ranked_shared(
    cols: np.ndarray, vals: np.ndarray, other_cols: np.ndarray, other_vals: np.ndarray, n: int
) -> tuple[np.ndarray, np.ndarray]:
    """The columns two sparse rows share, the ``n`` adding most to their product first
    (ties to the lower column), and every shared column's part of the product.

    >>> ranked_shared(np.array([0, 1]), np.array([0.6, 0.8]), np.array([1, 2]),
    ...               np.array([0.6, 0.8]), 5)
    (array([1]), array([0.48]))
    """
    common, at, other_at = np.intersect1d(cols, other_cols, assume_unique=True, return_indices=True)
    contribution = vals[at] * other_vals[other_at]
    return common[np.lexsort((common, -contribution))[:n]], contribution


def pair_similarity(
    first: Profile, second: Profile, term_text: Callable[[np.ndarray], list[str]], n_terms: int = 10
) -> dict[str, object] | None:
    """The cosine of two profiles and the ``n_terms`` terms adding most to it (their text
    from ``term_text`` of their columns), or None when either profile is empty."""
    if not len(first[0]) or not len(second[0]):
        return None
    top, contribution = ranked_shared(*first, *second, n_terms)
    return {
        "similarity": round(float(contribution.sum()), 4),
        "shared_terms": SEP.join(term_text(top)),
    }
