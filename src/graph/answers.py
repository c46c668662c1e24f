"""Answers from a stored build: the rows the query commands print, read from the store
alone, the same as their counterparts in :mod:`graph.pipeline` give from records.

>>> import tempfile
>>> from graph.pipeline import analyse, load
>>> from graph.results import write_build
>>> out = tempfile.mkdtemp()
>>> _ = write_build(analyse(load(["data/peer-support-listing.txt"])), out)
>>> store = open_store(out)
>>> stored_summary(store)["articles"], len(stored_node_rows(store, "author"))
(11, 14)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import networkx as nx
import numpy as np
import pyarrow as pa
from scipy import sparse

from graph.build import (
    COAUTHOR,
    COCITATION,
    COUPLING,
    ISSUE_TOPIC,
    REFERENCE,
    TOPIC,
    linked_graph,
)
from graph.models import AuthorMerge, MergeGroup
from graph.reports import people_rows
from graph.store import Store, open_store

__all__ = ["open_store"]


def _rows(store: Store, name: str) -> list[dict[str, Any]]:
    return [
        {k: v for k, v in row.items() if v is not None} for row in store.arrow(name).to_pylist()
    ]


def stored_summary(store: Store) -> dict[str, Any]:
    """``summary.json`` of the build: :func:`graph.pipeline.summary`."""
    return dict(store.document("results")["summary"])


def stored_node_rows(
    store: Store, kind: str | None = None, sort_by: str | None = None, top: int | None = None
) -> list[dict[str, Any]]:
    """:func:`graph.pipeline.node_rows`, sorted and cut as
    :func:`graph.reports.sort_rows` would, from the store: filtered, sorted (stably) and cut
    in Arrow first, so only the rows asked for become Python objects."""
    import pyarrow.compute as pc

    table = store.arrow("node_metrics")
    if kind is not None:
        table = table.filter(pc.equal(table.column("kind"), kind))
    if sort_by is not None:
        # As sort_rows: largest first, a missing or non-numeric value last, ties by label.
        field = table.schema.field(sort_by).type if sort_by in table.column_names else None
        numeric = field is not None and any(
            test(field) for test in (pa.types.is_integer, pa.types.is_floating, pa.types.is_boolean)
        )
        keys = [("label", "ascending")]
        if numeric:
            table = table.append_column("_key", pc.cast(table.column(sort_by), pa.float64()))
            keys.insert(0, ("_key", "descending"))
        order = pc.sort_indices(table, sort_keys=keys)  # nulls go last by default
        table = table.take(order).drop_columns(["_key"] if numeric else [])
    if top:
        table = table.slice(0, top)
    return [{k: v for k, v in row.items() if v is not None} for row in table.to_pylist()]


def stored_author_rows(store: Store) -> list[dict[str, object]]:
    """:func:`graph.pipeline.author_rows` from the store."""
    merges = [AuthorMerge(**row) for row in store.arrow("author_merges").to_pylist()]
    return people_rows(store.arrow("people").to_pylist(), merges)


def stored_merges(store: Store) -> list[MergeGroup]:
    """The groups of records merged into one article, from the store."""
    return [MergeGroup(**row) for row in store.arrow("merges").to_pylist()]


@dataclass
class StoredAnalysis:
    """What ``why``, ``suggest`` and ``view`` read: the typed graph, TF-IDF rows, what
    each article cites and the labels of works outside the corpus, rebuilt from a store."""

    graph: nx.MultiDiGraph
    """The typed graph with the projections' links added."""
    vectors: Any
    """A :class:`graph.analysis.topics.TermVectors`: each article's TF-IDF row."""
    cited: dict[str, list[str]]
    reference_labels: dict[str, str]
    settings: dict[str, Any]


def _vectors(store: Store, works: list[str]) -> Any:
    from graph.analysis.topics import TermVectors  # scikit-learn: only why and suggest

    tfidf = store.arrow("tfidf")
    terms = np.array(store.arrow("vocabulary").column("text").to_pylist(), dtype=object)
    matrix = sparse.csr_matrix(
        (tfidf.column("weight").to_numpy(),
         (tfidf.column("work").to_numpy(), tfidf.column("term").to_numpy())),
        shape=(len(works), len(terms)),
    )  # fmt: skip
    return TermVectors(works, matrix, terms)


def _cited(store: Store, works: list[str]) -> tuple[dict[str, list[str]], dict[str, str]]:
    references = store.arrow("references")
    cited: dict[str, list[str]] = {w: [] for w in works}
    labels: dict[str, str] = {}
    rows = zip(*(references.column(c).to_pylist() for c in ("work", "raw", "key")), strict=True)
    for work, raw, key in rows:
        if key.startswith(f"{REFERENCE}:"):
            labels.setdefault(key, raw)
        if key != works[work]:
            cited[works[work]].append(key)
    return {w: list(dict.fromkeys(keys)) for w, keys in cited.items()}, labels


# The projections whose links ``why`` walks beside the typed graph's own, in the order the
# analysis made them (the shortest path it reports depends on it).
LINKED = (("coauthors", COAUTHOR), ("topics", TOPIC), ("issues", ISSUE_TOPIC),
          ("coupling", COUPLING), ("cocitation", COCITATION))  # fmt: skip


def stored_analysis(store: Store, linked: bool = True) -> StoredAnalysis:
    """The typed graph, with the projections' links when ``linked``
    (:func:`graph.build.linked_graph`: what ``why`` walks), and what ``why`` and ``suggest``
    need beside it, from ``store``."""
    works = store.arrow("works").column("id").to_pylist()
    cited, labels = _cited(store, works)
    built = set(store.tables) if linked else set()
    projections = [(kind, store.network(name).to_networkx()) for name, kind in LINKED
                   if f"{name}_edges" in built]  # fmt: skip
    graph = linked_graph(store.network("all").to_networkx(), projections)
    return StoredAnalysis(graph, _vectors(store, works), cited, labels, store.manifest["settings"])
