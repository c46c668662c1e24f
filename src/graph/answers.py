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

from typing import TYPE_CHECKING, Any

import pyarrow as pa
import pyarrow.compute as pc

from graph.reports import people_rows
from graph.store import Store, open_store

if TYPE_CHECKING:
    from graph.models import MergeGroup, Problem

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
    from graph.models import AuthorMerge  # pydantic: only the commands that need it

    merges = [AuthorMerge(**row) for row in store.arrow("author_merges").to_pylist()]
    return people_rows(store.arrow("people").to_pylist(), merges)


def stored_problems(store: Store) -> tuple[list[Problem], list[Problem]]:
    """The build's problems (records skipped) and notes, from the store."""
    from graph.models import Problem

    rows = [Problem(**row) for row in store.arrow("problems").to_pylist()]
    return [p for p in rows if p.skipped], [p for p in rows if not p.skipped]


def stored_merges(store: Store) -> list[MergeGroup]:
    """The groups of records merged into one article, from the store."""
    from graph.models import MergeGroup

    return [MergeGroup(**row) for row in store.arrow("merges").to_pylist()]
