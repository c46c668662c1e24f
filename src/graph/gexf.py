"""GEXF 1.3 written straight from a network's two Arrow tables (:mod:`graph.tables`), as
:mod:`graph.graphml` writes GraphML: column by column in Arrow, a batch of rows at a time,
no networkx graph, valid by the GEXF 1.3 schema.

Gephi reads what it needs from the element attributes: a node's ``label``; an edge's
``weight``, ``type`` (the network's direction) and ``kind``, which keeps parallel edges of
different kinds apart instead of merging them and summing their weights. Every other
column is an ``<attvalue>`` (the kind as well, for readers that ignore ``kind``). A node
``start``\\ s in its year (an article) or first year (an author), an edge in the later of
its ends' years, so Gephi's timeline grows the network.

>>> import pyarrow as pa, tempfile, pathlib
>>> nodes = pa.table({"id": ["b", "a"], "label": ["B & co", None], "year": [2019, 2020]})
>>> edges = pa.table({"source": ["b"], "target": ["a"], "kind": ["coauthor"], "weight": [2]})
>>> path = pathlib.Path(tempfile.mkdtemp()) / "g.gexf"
>>> write_network_gexf(nodes, edges, path, directed=False)
>>> print(path.read_text("utf-8").split("<nodes>")[1])
<BLANKLINE>
      <node id="a" label="a" start="2020">
        <attvalues>
          <attvalue for="0" value="2020"/>
        </attvalues>
      </node>
      <node id="b" label="B &amp; co" start="2019">
        <attvalues>
          <attvalue for="0" value="2019"/>
        </attvalues>
      </node>
    </nodes>
    <edges>
      <edge id="0" source="a" target="b" type="undirected" weight="2" kind="coauthor" start="2020">
        <attvalues>
          <attvalue for="1" value="coauthor"/>
        </attvalues>
      </edge>
    </edges>
  </graph>
</gexf>
<BLANKLINE>
"""

from __future__ import annotations

import os
from xml.sax.saxutils import quoteattr

import pyarrow as pa
import pyarrow.compute as pc

from graph.arrow import text as _text
from graph.files import atomic_path
from graph.graphml import (
    column_of,
    graphml_type,
    plain_text,
    prepared_edges,
    quoted,
    write_strings,
)

HEAD = (
    "<?xml version='1.0' encoding='utf-8'?>\n"
    '<gexf xmlns="http://gexf.net/1.3" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">\n'
    "  <meta>\n    <creator>citegraph</creator>\n  </meta>\n"
)
YEARS = ("year", "first_year")
"""The node columns a node's ``start`` comes from, the first that has a value."""
_BATCH = 50_000
_EMPTY = _text("")
_Declared = list[tuple[str, str]]  # (column, attribute id)


def _join(*parts: pa.Array | pa.Scalar) -> pa.Array:
    return pc.binary_join_element_wise(*parts, _EMPTY)


def _declare(table: pa.Table, skip: tuple[str, ...], domain: str, start: int) -> tuple[_Declared, str]:  # fmt: skip  # noqa: E501
    """The attribute columns of ``table`` that hold a value, with their ids from ``start``,
    and their ``<attributes>`` block."""
    names = sorted(n for n in table.column_names
                   if n not in skip and table.column(n).null_count < table.num_rows)  # fmt: skip
    declared = [(name, str(start + i)) for i, name in enumerate(names)]
    lines = [f'    <attributes class="{domain}" mode="static">\n']
    for name, ident in declared:
        kind = graphml_type(table.column(name).type)  # GEXF 1.3 names the four types alike
        lines.append(f'      <attribute id="{ident}" title={quoteattr(name)} type="{kind}"/>\n')
    lines.append("    </attributes>\n")
    return declared, "".join(lines)


def _optional(name: str, values: pa.Array) -> pa.Array:
    """`` name="value"`` where ``values`` has one, else nothing."""
    return pc.fill_null(_join(_text(f" {name}="), quoted(values)), _EMPTY)


def _attvalues(table: pa.Table, declared: _Declared) -> pa.Array:
    parts: list[pa.Array | pa.Scalar] = [_text("        <attvalues>\n")]
    for name, ident in declared:
        value = quoted(plain_text(column_of(table, name)))
        line = _join(_text(f'          <attvalue for="{ident}" value='), value, _text("/>\n"))
        parts.append(pc.fill_null(line, _EMPTY))
    parts.append(_text("        </attvalues>\n"))
    return _join(*parts)


def _starts(nodes: pa.Table) -> pa.Array:
    """Each node's year (``year``, else ``first_year``) as an integer array with nulls."""
    found = [pc.cast(column_of(nodes, n), pa.int64()) for n in YEARS if n in nodes.column_names
             and pa.types.is_integer(nodes.column(n).type)]  # fmt: skip
    if not found:
        return pa.nulls(nodes.num_rows, pa.int64())
    return pc.coalesce(*found) if len(found) > 1 else found[0]


def _edge_starts(edges: pa.Table, ids: pa.Array, starts: pa.Array) -> pa.Array:
    """The later of the years of each edge's two ends, where either has one."""
    ends = [pc.take(starts, pc.index_in(column_of(edges, n), value_set=ids))
            for n in ("source", "target")]  # fmt: skip
    return pc.max_element_wise(*ends, skip_nulls=True)


def _node_rows(nodes: pa.Table, declared: _Declared) -> pa.Array:
    ids = column_of(nodes, "id")
    label = column_of(nodes, "label") if "label" in nodes.column_names else ids
    label = pc.coalesce(pc.cast(label, pa.string()), ids)
    start = pc.cast(_starts(nodes), pa.string())
    return _join(_text("      <node id="), quoted(ids), _text(" label="), quoted(label),
                 _optional("start", start), _text(">\n"), _attvalues(nodes, declared),
                 _text("      </node>\n"))  # fmt: skip


def _edge_rows(edges: pa.Table, declared: _Declared, direction: str) -> pa.Array:
    rows = pc.cast(column_of(edges, "_row"), pa.string())
    weight = (plain_text(column_of(edges, "weight")) if "weight" in edges.column_names
              else pa.nulls(edges.num_rows, pa.string()))  # fmt: skip
    kind = (column_of(edges, "kind") if "kind" in edges.column_names
            else pa.nulls(edges.num_rows, pa.string()))  # fmt: skip
    return _join(_text('      <edge id="'), rows, _text('" source='),
                 quoted(column_of(edges, "source")), _text(" target="),
                 quoted(column_of(edges, "target")), _text(f' type="{direction}"'),
                 _optional("weight", weight), _optional("kind", pc.cast(kind, pa.string())),
                 _optional("start", pc.cast(column_of(edges, "_start"), pa.string())),
                 _text(">\n"), _attvalues(edges, declared), _text("      </edge>\n"))  # fmt: skip


def _prepared(nodes: pa.Table, edges: pa.Table, directed: bool) -> tuple[pa.Table, pa.Table]:
    """Nodes in id order; edges in (source, target, key) order, an undirected link's ends
    in order, the multigraph key as ``kind``, numbered in ``_row``, with ``_start``."""
    nodes = nodes.sort_by([("id", "ascending")])
    edges = prepared_edges(edges, directed)
    starts = _edge_starts(edges, column_of(nodes, "id"), _starts(nodes))
    return nodes, edges.append_column("_start", starts)


def write_network_gexf(
    nodes: pa.Table, edges: pa.Table, path: str | os.PathLike[str], directed: bool
) -> None:
    """Write the network of ``nodes`` and ``edges`` as GEXF 1.3 at ``path``, atomically.

    Attributes are declared once per class with the type of their column (node ids from
    0, the edges' after them); ``label`` and an edge's ``weight`` are element attributes.
    """
    nodes, edges = _prepared(nodes, edges, directed)
    node_declared, node_block = _declare(nodes, ("id", "label"), "node", 0)
    edge_declared, edge_block = _declare(
        edges, ("source", "target", "weight", "_row", "_start"), "edge", len(node_declared)
    )
    direction = "directed" if directed else "undirected"
    with atomic_path(path) as tmp, tmp.open("wb") as out:
        out.write(HEAD.encode())
        out.write(f'  <graph defaultedgetype="{direction}" mode="dynamic" '
                  'timeformat="integer">\n'.encode())  # fmt: skip
        out.write((node_block + edge_block + "    <nodes>\n").encode())
        for start in range(0, nodes.num_rows, _BATCH):
            write_strings(out, _node_rows(nodes.slice(start, _BATCH), node_declared))
        out.write(b"    </nodes>\n    <edges>\n")
        for start in range(0, edges.num_rows, _BATCH):
            write_strings(out, _edge_rows(edges.slice(start, _BATCH), edge_declared, direction))
        out.write(b"    </edges>\n  </graph>\n</gexf>\n")
