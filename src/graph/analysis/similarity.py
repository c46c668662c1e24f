"""Each row's best partners in ``X @ X.T``, without holding the product.

Topic overlap (cosines of TF-IDF rows) and coupling and co-citation (shared counts of 0/1
rows) all ask the same question: for every row, its ``top_k`` strongest other rows at or
above a threshold, ties broken by row index. sparse_dot_topn multiplies in C++ on both
cores and keeps only a few candidates per row, so memory stays linear in the rows. Its
order among equal values is its own, so it is asked for spare candidates; a row whose
k-th best equals its last candidate may have lost a tied partner, and is recomputed
exactly (a block of rows at a time).

>>> X = sparse.csr_matrix([[1.0, 0.0], [0.8, 0.6], [0.0, 1.0]])
>>> [(i, cols.tolist(), vals.round(2).tolist()) for i, cols, vals in row_best(X, 1, 0.5)]
[(0, [1], [0.8]), (1, [0], [0.8]), (2, [1], [0.6])]
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import numpy as np
from scipy import sparse
from sparse_dot_topn import sp_matmul_topn

from graph.forked import threads

SPARE = 16  # candidates beyond top k, to see whether a tie was cut
THREADS = min(2, os.cpu_count() or 1)
_CHUNK_CELLS = 20_000_000  # bounds the exact recomputation's dense-ish blocks


def _best(
    i: int, cols: np.ndarray, vals: np.ndarray, top_k: int, threshold: float
) -> tuple[int, np.ndarray, np.ndarray]:
    keep = (cols != i) & (vals >= threshold)
    cols, vals = cols[keep], vals[keep]
    order = np.lexsort((cols, -vals))[:top_k]
    return i, cols[order], vals[order]


def row_best(
    X: sparse.spmatrix | sparse.sparray, top_k: int, threshold: float
) -> Iterator[tuple[int, np.ndarray, np.ndarray]]:
    """(row, partner columns, products) for each row with partners, best first."""
    if X.shape[0] == 0 or X.nnz == 0:
        return
    A = sparse.csr_matrix(X, dtype=np.float64)
    AT = A.T.tocsr()
    wanted = top_k + 1 + SPARE  # the row itself comes back too
    best = sp_matmul_topn(
        A, AT, top_n=wanted, threshold=threshold - 1e-9, n_threads=threads(THREADS)
    )
    tied = []
    for i in range(best.shape[0]):
        lo, hi = best.indptr[i], best.indptr[i + 1]
        cols, vals = best.indices[lo:hi], best.data[lo:hi]
        if hi - lo == wanted:
            others = np.sort(vals[cols != i])[::-1]
            if len(others) >= top_k and others[top_k - 1] == others[-1]:  # a tie at the cut
                tied.append(i)
                continue
        if hi > lo:
            yield _best(i, cols, vals, top_k, threshold)
    chunk = max(1, _CHUNK_CELLS // max(A.shape[0], 1))
    for start in range(0, len(tied), chunk):
        rows = tied[start : start + chunk]
        exact = sparse.csr_matrix(A[rows] @ AT)
        for r, i in enumerate(rows):
            lo, hi = exact.indptr[r], exact.indptr[r + 1]
            yield _best(i, exact.indices[lo:hi], exact.data[lo:hi], top_k, threshold)
