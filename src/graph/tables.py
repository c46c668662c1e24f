"""Networks as two Arrow tables, nodes and edges, and back: how the store keeps a network
and how :meth:`graph.store.StoredNetwork.to_networkx` rebuilds it.

Every attribute becomes one typed column (bool, int64, float64 or string); an absent value
is null, and null is left out again on the way back, so a round trip gives the same graph.

>>> import networkx as nx
>>> G = nx.Graph()
>>> G.add_node("a", kind="author", label="A", articles=2)
>>> G.add_node("b", kind="author", label="B")
>>> G.add_edge("a", "b", weight=1.5)
>>> nodes, edges = network_tables(G)
>>> nodes.column_names, edges.column_names
(['id', 'articles', 'kind', 'label'], ['source', 'target', 'weight'])
>>> H = network_graph(nodes, edges, directed=False, multi=False)
>>> dict(H.nodes(data=True)) == dict(G.nodes(data=True)), list(H.edges(data=True))
(True, [('a', 'b', {'weight': 1.5})])
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, cast

import pyarrow as pa

if TYPE_CHECKING:  # networkx only where a graph is converted: the store reads no graph
    import networkx as nx

_ARROW = {bool: pa.bool_(), int: pa.int64(), float: pa.float64(), str: pa.string()}
KEY = "key"


def _column_type(values: Iterable[object]) -> pa.DataType:
    seen = {type(v) for v in values if v is not None}
    if seen and seen <= {list, tuple}:
        return pa.list_(pa.string())
    if seen <= {bool}:
        return _ARROW[bool]
    if seen <= {int}:
        return _ARROW[int]
    if seen <= {int, float}:
        return _ARROW[float]
    return _ARROW[str]


def _columns(
    records: list[dict[str, object]], first: Mapping[str, list[str]], ordered: bool = False
) -> pa.Table:
    arrays: dict[str, pa.Array] = {k: pa.array(v, pa.string()) for k, v in first.items()}
    try:  # Arrow infers one type per key over every record, in C: 8× the loop below
        inferred = pa.array(records, from_pandas=False) if records else None
    except (pa.ArrowInvalid, pa.ArrowTypeError, OverflowError):
        inferred = None  # a key holding text in one record and a number in another
    if inferred is not None and pa.types.is_struct(inferred.type):
        names = [inferred.type.field(i).name for i in range(inferred.type.num_fields)]
        for name in names if ordered else sorted(names):
            arrays[name] = inferred.field(name)
        return pa.table(arrays)
    seen = dict.fromkeys(k for r in records for k in r if k not in first)
    for name in list(seen) if ordered else sorted(seen):
        values = [r.get(name) for r in records]
        kind = _column_type(values)
        if kind == pa.string():
            values = [None if v is None else str(v) for v in values]
        elif kind == pa.list_(pa.string()):
            values = [None if v is None else [str(x) for x in cast(list[object], v)]
                      for v in values]  # fmt: skip
        arrays[name] = pa.array(values, kind)
    return pa.table(arrays)


def rows_table(rows: list[dict[str, object]], columns: tuple[str, ...] = ()) -> pa.Table:
    """Rows of scalars (or lists of strings) as a table, columns in order of appearance;
    ``columns`` are the names an empty table still has (as strings).

    >>> rows_table([{"a": 1, "b": ["x"]}, {"a": 2}]).to_pylist()
    [{'a': 1, 'b': ['x']}, {'a': 2, 'b': None}]
    >>> rows_table([], ("kept", "reason")).column_names
    ['kept', 'reason']
    """
    if not rows:
        return pa.table({c: pa.array([], pa.string()) for c in columns})
    return _columns(rows, {}, ordered=True)


def network_tables(G: nx.Graph) -> tuple[pa.Table, pa.Table]:
    """The nodes (``id`` and one column per attribute) and edges (``source``, ``target``,
    ``key`` for a multigraph, then one column per attribute) of ``G``, sorted (by Arrow:
    sorting the edge views in Python cost more than the rest of the conversion)."""
    nodes = list(G.nodes(data=True))
    node_table = _columns([d for _, d in nodes], {"id": [str(n) for n, _ in nodes]})
    if G.is_multigraph():
        edges = list(G.edges(keys=True, data=True))
        first = {
            "source": [str(e[0]) for e in edges],
            "target": [str(e[1]) for e in edges],
            KEY: [str(e[2]) for e in edges],
        }
    else:
        edges = list(G.edges(data=True))
        first = {"source": [str(e[0]) for e in edges], "target": [str(e[1]) for e in edges]}
    edge_table = _columns([e[-1] for e in edges], first)
    order = [(name, "ascending") for name in first]
    return node_table.sort_by([("id", "ascending")]), edge_table.sort_by(order)


def _records(table: pa.Table, skip: tuple[str, ...]) -> list[dict[str, object]]:
    names = [n for n in table.column_names if n not in skip]
    columns = [table.column(n).to_pylist() for n in names]
    return (
        [
            {n: v for n, v in zip(names, values, strict=True) if v is not None}
            for values in zip(*columns, strict=True)
        ]
        if names
        else [{} for _ in range(table.num_rows)]
    )


def network_graph(nodes: pa.Table, edges: pa.Table, directed: bool, multi: bool) -> nx.Graph:
    """The networkx graph of a network's two tables (:func:`network_tables`)."""
    import networkx as nx

    kind = {
        (False, False): nx.Graph,
        (True, False): nx.DiGraph,
        (False, True): nx.MultiGraph,
        (True, True): nx.MultiDiGraph,
    }[(directed, multi)]
    G = kind()
    ids = nodes.column("id").to_pylist()
    G.add_nodes_from(zip(ids, _records(nodes, ("id",)), strict=True))
    sources, targets = edges.column("source").to_pylist(), edges.column("target").to_pylist()
    data = _records(edges, ("source", "target", KEY))
    if multi:
        keys = edges.column(KEY).to_pylist()
        G.add_edges_from(zip(sources, targets, keys, data, strict=True))
    else:
        G.add_edges_from(zip(sources, targets, data, strict=True))
    return G
