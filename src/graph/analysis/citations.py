"""Citation networks: bibliographic coupling, co-citation, and citation indicators.

Both similarity networks come from one sparse incidence matrix (citing article × cited
work, references outside the corpus included), multiplied in row chunks that keep each
row's ``top_k`` strongest links at or above ``min_weight`` shared items. Nothing
quadratic is ever held: metaknowledge makes 4.4 M co-citation edges from 500 records.

Counting: ``full`` (each shared reference counts 1) or ``fractional`` (a citing article's
references share one unit). Normalisation: ``raw``, ``association`` (strength, as
VOSviewer), ``cosine`` (Salton) or ``jaccard``.

>>> cited = {"a": ["x", "y", "z"], "b": ["x", "y"], "c": ["z"]}
>>> C = bibliographic_coupling(cited, min_weight=1)
>>> sorted(C.edges(data="shared"))
[('a', 'b', 2), ('a', 'c', 1)]
>>> K = cocitation(cited, {}, min_weight=2)
>>> sorted(K.edges(data="shared")), K.edges["x", "y"]["articles"]
([('x', 'y', 2)], 'a; b')
"""

from __future__ import annotations

from collections.abc import Mapping

import networkx as nx
import numpy as np
from scipy import sparse

from graph.analysis.similarity import row_best
from graph.kinds import ARTICLE, AUTHOR, AUTHORED, CITES, COCITATION, COUPLING, REFERENCE
from graph.settings import COUNTINGS, NORMALIZATIONS, SEP
from graph.settings import MIN_WEIGHT as DEFAULT_MIN_WEIGHT
from graph.settings import SIMILARITY_TOP_K as DEFAULT_TOP_K

_EVIDENCE = 5
_EVIDENCE_ENTRIES = 4_000_000
"""Row entries (both ends of every pair) per product in :func:`_evidence`. A chunk of a
fixed 20,000 pairs held 5.6 GB at once in the co-citation network of 100,000 articles,
whose most cited works are cited by thousands."""
_CHUNK_CELLS = 20_000_000


def _incidence(
    rows: list[str], columns: list[str], links: Mapping[str, list[str]]
) -> sparse.csr_array:
    col = {c: j for j, c in enumerate(columns)}
    indptr, indices = [0], []
    for row in rows:
        indices.extend(sorted(col[c] for c in links.get(row, []) if c in col))
        indptr.append(len(indices))
    data = np.ones(len(indices))
    return sparse.csr_array(
        (data, np.array(indices, dtype=np.int64), np.array(indptr)), shape=(len(rows), len(columns))
    )


def _weights(
    shared: np.ndarray,
    counted: np.ndarray,
    i: int,
    js: np.ndarray,
    norms: dict[str, np.ndarray],
    how: str,
) -> np.ndarray:
    if how == "raw":
        return counted
    if how == "cosine":
        return np.asarray(counted / np.sqrt(norms["sq"][i] * norms["sq"][js]))
    if how == "jaccard":
        return np.asarray(shared / (norms["n"][i] + norms["n"][js] - shared))
    return np.asarray(counted * norms["total"] / (norms["sum"][i] * norms["sum"][js]))


def similar_pairs(
    A: sparse.csr_array,
    min_weight: int,
    top_k: int,
    normalization: str = "raw",
    counting: str = "full",
) -> dict[tuple[int, int], tuple[float, int]]:
    """(i < j) → (weight, shared items) for rows of ``A`` sharing at least ``min_weight``
    items, keeping for each row its ``top_k`` strongest (ties by index)."""
    if normalization not in NORMALIZATIONS or counting not in COUNTINGS:
        raise ValueError(f"normalization {normalization!r} or counting {counting!r} unknown")
    if normalization == "raw" and counting == "full":
        return _raw_pairs(A, min_weight, top_k)
    n = np.asarray(A.sum(axis=1)).ravel()
    counted = A if counting == "full" else sparse.csr_array(sparse.diags(1 / np.maximum(n, 1)) @ A)
    norms = {
        "n": n,
        "sq": np.asarray(counted.multiply(counted).sum(axis=1)).ravel(),
        "sum": np.asarray(counted.sum(axis=1)).ravel(),
        "total": np.array(counted.sum()),
    }
    AT = A.T.tocsc()
    CT = AT if counting == "full" else counted.T.tocsc()
    chunk = max(1, _CHUNK_CELLS // max(A.shape[0], 1))
    pairs: dict[tuple[int, int], tuple[float, int]] = {}
    for start in range(0, A.shape[0], chunk):
        S = sparse.csr_array(A[start : start + chunk] @ AT)
        S.sort_indices()
        if counting == "full":  # the counted matrix is A itself: one product, not two
            W = S
        else:
            W = sparse.csr_array(counted[start : start + chunk] @ CT)  # same pattern as S
            W.sort_indices()
        for row in range(S.shape[0]):
            i = start + row
            span = slice(S.indptr[row], S.indptr[row + 1])
            cols, shared, counts = S.indices[span], S.data[span], W.data[span]
            keep = (cols != i) & (shared >= min_weight)
            cols, shared, counts = cols[keep], shared[keep], counts[keep]
            if not len(cols):
                continue
            weights = _weights(shared, counts, i, cols, norms, normalization)
            for k in np.lexsort((cols, -weights))[:top_k]:
                j = int(cols[k])
                pairs[(min(i, j), max(i, j))] = (round(float(weights[k]), 6), int(shared[k]))
    return pairs


def _raw_pairs(
    A: sparse.csr_array, min_weight: int, top_k: int
) -> dict[tuple[int, int], tuple[float, int]]:
    """:func:`similar_pairs` for raw weights under full counting (the default): the weight
    is the shared count, so :func:`~graph.analysis.similarity.row_best` finds each row's
    best without holding the product."""
    pairs: dict[tuple[int, int], tuple[float, int]] = {}
    for i, cols, shared in row_best(A, top_k, min_weight):
        for j, count in zip(cols.tolist(), shared.tolist(), strict=True):
            pairs[(min(i, j), max(i, j))] = (round(count, 6), round(count))
    return pairs


def _chunks(sizes: np.ndarray, budget: int = _EVIDENCE_ENTRIES) -> list[tuple[int, int]]:
    """Consecutive spans of items whose ``sizes`` add up to about ``budget`` each (an item
    larger than the budget gets a span of its own).

    >>> _chunks(np.array([3, 3, 3, 9, 1]), budget=6)
    [(0, 2), (2, 3), (3, 4), (4, 5)]
    """
    spans, start, total = [], 0, 0
    for k, size in enumerate(sizes.tolist()):
        if k > start and total + size > budget:
            spans.append((start, k))
            start, total = k, 0
        total += size
    spans.append((start, len(sizes)))
    return spans


def _evidence(A: sparse.csr_array, pairs: list[tuple[int, int]], names: list[str]) -> list[str]:
    """For each pair of rows, the first few columns (in order) where both are non-zero.

    One sparse product for all pairs: row p of ``A[I] * A[J]`` is non-zero exactly where
    rows I[p] and J[p] share a column.

    >>> A = sparse.csr_array(np.array([[1, 1, 0, 1], [1, 0, 0, 1], [0, 1, 1, 0]]))
    >>> _evidence(A, [(0, 1), (0, 2), (1, 2)], ["a", "b", "c", "d"])
    ['a; d', 'b', '']
    """
    if not pairs:
        return []
    out: list[str] = []
    every = np.array(pairs, dtype=np.int64)
    for lo, hi in _chunks(np.diff(A.indptr)[every].sum(axis=1), _EVIDENCE_ENTRIES):
        ends = every[lo:hi]
        both = sparse.csr_array(A[ends[:, 0]].multiply(A[ends[:, 1]]))
        both.eliminate_zeros()
        both.sort_indices()
        cols = both.indices
        spans = zip(both.indptr[:-1].tolist(), both.indptr[1:].tolist(), strict=True)
        out.extend(SEP.join(names[k] for k in cols[lo : min(hi, lo + _EVIDENCE)])
                   for lo, hi in spans)  # fmt: skip
    return out


def bibliographic_coupling(
    cited: Mapping[str, list[str]],
    min_weight: int = DEFAULT_MIN_WEIGHT,
    top_k: int = DEFAULT_TOP_K,
    normalization: str = "raw",
    counting: str = "full",
) -> nx.Graph:
    """Articles linked by the references they share; ``references`` names a few of them."""
    articles = sorted(a for a, works in cited.items() if works)
    works = sorted({w for a in articles for w in cited[a]})
    A = _incidence(articles, works, cited)
    C = nx.Graph()
    C.add_nodes_from(articles, kind=ARTICLE)
    found = sorted(similar_pairs(A, min_weight, top_k, normalization, counting).items())
    evidence = _evidence(A, [pair for pair, _ in found], works)
    for ((i, j), (weight, shared)), references in zip(found, evidence, strict=True):
        C.add_edge(articles[i], articles[j], kind=COUPLING, weight=weight, shared=shared,
                   references=references)  # fmt: skip
    return C


def cocitation(
    cited: Mapping[str, list[str]],
    labels: Mapping[str, str],
    min_weight: int = DEFAULT_MIN_WEIGHT,
    top_k: int = DEFAULT_TOP_K,
    normalization: str = "raw",
    counting: str = "full",
) -> nx.Graph:
    """Cited works linked by the articles citing both; ``articles`` names a few of them.

    Only works cited at least ``min_weight`` times can qualify, so only those are kept.
    Works outside the corpus become ``reference`` nodes labelled with the reference text.
    """
    citing = sorted(a for a, works in cited.items() if works)
    times: dict[str, int] = {}
    for a in citing:
        for w in cited[a]:
            times[w] = times.get(w, 0) + 1
    works = sorted(w for w, t in times.items() if t >= min_weight)
    by_work: dict[str, list[str]] = {w: [] for w in works}
    for a in citing:
        for w in cited[a]:
            if w in by_work:
                by_work[w].append(a)
    B = _incidence(works, citing, by_work)
    K = nx.Graph()
    found = sorted(similar_pairs(B, min_weight, top_k, normalization, counting).items())
    evidence = _evidence(B, [pair for pair, _ in found], citing)
    for ((i, j), (weight, shared)), articles in zip(found, evidence, strict=True):
        K.add_edge(works[i], works[j], kind=COCITATION, weight=weight, shared=shared,
                   articles=articles)  # fmt: skip
    for node in K:
        outside = node.startswith(f"{REFERENCE}:")
        K.nodes[node].update(
            kind=REFERENCE if outside else ARTICLE,
            citations=times[node],
            label=labels.get(node, node),
        )
    return K


def h_index(citations: list[int]) -> int:
    """The largest h such that h of the items have at least h citations each.

    >>> h_index([10, 8, 5, 4, 3]), h_index([0, 0]), h_index([])
    (4, 0, 0)
    """
    ranked = sorted(citations, reverse=True)
    return sum(1 for rank, c in enumerate(ranked, start=1) if c >= rank)


def add_citation_indicators(G: nx.MultiDiGraph) -> None:
    """Authors get ``h_index_in_corpus`` and, where sources report them, ``cited_by_source``."""
    for node, data in G.nodes(data=True):
        if data.get("kind") != AUTHOR:
            continue
        papers = [v for _, v, k in G.out_edges(node, data="kind") if k == AUTHORED]
        data["h_index_in_corpus"] = h_index(
            [int(G.nodes[p].get("citations_in_corpus", 0)) for p in papers]
        )
        reported = [int(G.nodes[p]["cited_by"]) for p in papers if "cited_by" in G.nodes[p]]
        if reported:
            data["cited_by_source"] = sum(reported)


def citation_graph(G: nx.MultiDiGraph) -> nx.DiGraph:
    """The direct-citation network: articles and the ``cites`` edges between them."""
    D = nx.DiGraph()
    for u, v, kind in G.edges(data="kind"):
        if kind == CITES:
            D.add_node(u, **G.nodes[u])
            D.add_node(v, **G.nodes[v])
            D.add_edge(u, v, kind=CITES)
    return D
