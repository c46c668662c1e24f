"""GraphML 1.0 written straight from a network's two Arrow tables (:mod:`graph.tables`):
the nodes (``id``, then one column per attribute) and the edges (``source``, ``target``,
``key`` for a multigraph, then one column per attribute).

The text is made column by column in Arrow, not value by value in Python, and no networkx
graph is built, so ``citegraph export BUILD --to graphml`` answers from the store without
importing networkx. Each attribute with a value is declared once per domain, with the
type of its column; text is made valid XML 1.0 and escaped; nodes and edges are sorted.

>>> import pyarrow as pa, tempfile, pathlib
>>> nodes = pa.table({"id": ["b|x", "a"], "label": ["B & co", None], "rank": [0.5, 1.0]})
>>> edges = pa.table({"source": ["a"], "target": ["b|x"], "weight": [2]})
>>> path = pathlib.Path(tempfile.mkdtemp()) / "g.graphml"
>>> write_network_graphml(nodes, edges, path, directed=False, name="demo")
>>> print(path.read_text("utf-8").split("<graph ")[1])
id="demo" edgedefault="undirected">
    <node id="a">
      <data key="d0">a</data>
      <data key="d2">a</data>
      <data key="d3">1.0</data>
    </node>
    <node id="b_x007C_x">
      <data key="d0">b|x</data>
      <data key="d1">B &amp; co</data>
      <data key="d2">B &amp; co</data>
      <data key="d3">0.5</data>
    </node>
    <edge id="e0" source="a" target="b_x007C_x">
      <data key="d4">2</data>
    </edge>
  </graph>
</graphml>
<BLANKLINE>

Node ids are made ``xs:NMTOKEN`` (:func:`nmtoken`) and citegraph's own id is the
``citegraph_id`` data; edge ids are ``e0 …``, unique, and a multigraph's key (the link's
kind) is the edge's ``kind`` data.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from typing import BinaryIO
from xml.sax.saxutils import quoteattr

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from graph.arrow import integers, strings
from graph.arrow import text as _text
from graph.files import atomic_path

KEY = "key"
"""The edge column a multigraph's keys are in (the link's kind); written as the ``kind``
data of the edge, never as its id, which must be unique."""
NAME = "name"
"""The node data key Cytoscape names its nodes by: the label."""
CITEGRAPH_ID = "citegraph_id"
"""The data key that carries citegraph's node id, which the XML id only encodes."""
_NOT_NMTOKEN = r"[^A-Za-z0-9.:-]"  # _ is escaped too, so the encoding can be undone
HEAD = (
    "<?xml version='1.0' encoding='utf-8'?>\n"
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
    'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
)
_INVALID = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x{fffe}\x{ffff}]"  # RE2; Arrow text has no surrogates
_ATTRIBUTE_SPECIAL = r"[\"'\n\r\t]"
_BATCH = 50_000  # rows made and written at a time


def graphml_type(kind: pa.DataType) -> str:
    """The GraphML ``attr.type`` of a column of Arrow type ``kind``.

    >>> graphml_type(pa.int64()), graphml_type(pa.float64()), graphml_type(pa.list_(pa.string()))
    ('long', 'double', 'string')
    """
    if pa.types.is_boolean(kind):
        return "boolean"
    if pa.types.is_integer(kind):
        return "long"
    if pa.types.is_floating(kind):
        return "double"
    return "string"


def _valid(text: pa.Array) -> pa.Array:
    return pc.replace_substring_regex(text, pattern=_INVALID, replacement="\ufffd")


def _escape(text: pa.Array) -> pa.Array:
    for char, entity in (("&", "&amp;"), (">", "&gt;"), ("<", "&lt;"), ("\r", "&#13;")):
        text = pc.replace_substring(text, pattern=char, replacement=entity)
    return text


def escaped(text: pa.Array) -> pa.Array:
    """``text`` with the characters XML 1.0 forbids replaced by U+FFFD and ``& < >``
    escaped, as :func:`xml.sax.saxutils.escape` does, for a whole column at once; a
    carriage return becomes ``&#13;``, which a parser would otherwise read as a newline.

    >>> escaped(pa.array(["a<b>&\\x0bc", None])).to_pylist()
    ['a&lt;b&gt;&amp;\\ufffdc', None]
    """
    return _escape(_valid(text))


def quoted(text: pa.Array) -> pa.Array:
    """Each value of ``text`` as :func:`xml.sax.saxutils.quoteattr` quotes it (after
    replacing what XML 1.0 forbids); the few values holding a quote or a line break go
    through quoteattr itself.

    >>> quoted(pa.array(["a&b", 'say "hi"'])).to_pylist()
    ['"a&amp;b"', '\\'say "hi"\\'']
    """
    valid = _valid(text)
    plain = pc.binary_join_element_wise(_text('"'), _escape(valid), _text('"'), _text(""))
    special = pc.match_substring_regex(valid, _ATTRIBUTE_SPECIAL)
    if not pc.any(special).as_py():
        return plain
    by_python = [quoteattr(v) if f else None
                 for v, f in zip(valid.to_pylist(), special.to_pylist(), strict=True)]  # fmt: skip
    return pc.coalesce(strings(by_python), plain)


def _escape_char(char: str) -> str:
    return f"_x{ord(char):04X}_"


def nmtoken(ids: pa.Array) -> pa.Array:
    """Each id as an ``xs:NMTOKEN``, which GraphML ids must be: every character outside
    ``A-Z a-z 0-9 . : -`` becomes ``_xHHHH_`` (its code point, as XmlConvert writes it), so
    distinct ids stay distinct and the original can be read back.

    >>> nmtoken(pa.array(["author:name:aarsvold|jn", "issue:?:2015:19:2", "a_b"])).to_pylist()
    ['author:name:aarsvold_x007C_jn', 'issue:_x003F_:2015:19:2', 'a_x005F_b']
    """
    bad = pc.match_substring_regex(ids, _NOT_NMTOKEN)
    if not pc.any(bad).as_py():
        return ids
    fixed = [re.sub(_NOT_NMTOKEN, lambda m: _escape_char(m.group()), v) if b else None
             for v, b in zip(ids.to_pylist(), bad.to_pylist(), strict=True)]  # fmt: skip
    return pc.coalesce(strings(fixed), ids)


def plain_text(column: pa.Array) -> pa.Array:
    """A column's values as text, not yet escaped (null stays null): numbers as Python
    writes them (``repr``), booleans as ``true``/``false``, anything else as ``str``.

    >>> plain_text(pa.array([0.1, None])).to_pylist(), plain_text(pa.array([True])).to_pylist()
    (['0.1', None], ['true'])
    """
    kind = column.type
    if pa.types.is_boolean(kind):
        return pc.if_else(column, _text("true"), _text("false"))
    if pa.types.is_integer(kind):
        return pc.cast(column, pa.string())
    if pa.types.is_floating(kind):
        return strings([None if v is None else repr(v) for v in column.to_pylist()])
    if pa.types.is_string(kind) or pa.types.is_large_string(kind):
        return column
    return strings([None if v is None else str(v) for v in column.to_pylist()])


def _values(column: pa.Array) -> pa.Array:
    """A column's values as GraphML element text: :func:`plain_text`, text escaped."""
    text = plain_text(column)
    kind = column.type
    if pa.types.is_boolean(kind) or pa.types.is_integer(kind) or pa.types.is_floating(kind):
        return text
    return escaped(text)


def column_of(table: pa.Table, name: str) -> pa.Array:
    """Column ``name`` of ``table`` as one array."""
    return table.column(name).combine_chunks()


_column = column_of


def _declared(
    table: pa.Table, skip: tuple[str, ...], domain: str, start: int
) -> list[tuple[str, str, str]]:
    """(name, key id, declaration line) of each column of ``table`` that holds a value,
    sorted by name, numbered from ``start``."""
    names = [n for n in table.column_names if n not in skip]
    names = sorted(n for n in names if table.column(n).null_count < table.num_rows)
    out = []
    for offset, name in enumerate(names):
        ident, kind = f"d{start + offset}", graphml_type(table.column(name).type)
        line = (f'  <key id="{ident}" for="{domain}" attr.name={quoteattr(name)} '
                f'attr.type="{kind}"/>\n')  # fmt: skip
        out.append((name, ident, line))
    return out


def _elements(
    table: pa.Table, opening: pa.Array, closing: str, declared: list[tuple[str, str, str]]
) -> pa.Array:
    """One element per row: ``opening``, a ``<data>`` line per attribute with a value, and
    ``closing``."""
    parts = [opening]
    for name, ident, _ in declared:
        value = _values(_column(table, name))
        data = pc.binary_join_element_wise(_text(f'      <data key="{ident}">'), value,
                                           _text("</data>\n"), _text(""))  # fmt: skip
        parts.append(pc.fill_null(data, _text("")))
    return pc.binary_join_element_wise(*parts, _text(closing), _text(""))


def write_strings(out: BinaryIO, elements: pa.Array) -> None:
    """Write the strings of ``elements`` one after another: their UTF-8 bytes already lie
    end to end in the array's data buffer."""
    if not len(elements):
        return
    _, offsets, data = elements.buffers()
    ends = np.frombuffer(offsets, np.int32)[[elements.offset, elements.offset + len(elements)]]
    out.write(memoryview(data)[int(ends[0]) : int(ends[1])])


def _write_rows(
    out: BinaryIO, table: pa.Table, opening: Callable[[pa.Table], pa.Array], closing: str,
    declared: list[tuple[str, str, str]],
) -> None:  # fmt: skip
    """Write the element of each row of ``table``, a batch of rows at a time, so memory
    stays flat however long the table is."""
    for start in range(0, table.num_rows, _BATCH):
        rows = table.slice(start, _BATCH)
        write_strings(out, _elements(rows, opening(rows), closing, declared))


def one_way(edges: pa.Table) -> pa.Table:
    """Undirected ``edges`` with each link's ends in order (source before target), so a
    link is written the same way however the network was built."""
    source, target = _column(edges, "source"), _column(edges, "target")
    keep = pc.less_equal(source, target)
    edges = edges.set_column(0, "source", pc.if_else(keep, source, target))
    return edges.set_column(1, "target", pc.if_else(keep, target, source))


def _node_opening(nodes: pa.Table) -> pa.Array:
    ids = quoted(nmtoken(_column(nodes, "id")))
    return pc.binary_join_element_wise(_text("    <node id="), ids, _text(">\n"), _text(""))


def _edge_opening(edges: pa.Table) -> pa.Array:
    """``<edge id=… source=… target=…>``, the id ``e`` and the edge's row number in the
    whole table (the ``_row`` column), unique as GraphML requires."""
    rows = pc.cast(_column(edges, "_row"), pa.string())
    parts = [_text('    <edge id="e'), rows, _text('" source='),
             quoted(nmtoken(_column(edges, "source"))), _text(" target="),
             quoted(nmtoken(_column(edges, "target"))), _text(">\n")]  # fmt: skip
    return pc.binary_join_element_wise(*parts, _text(""))


def prepared_edges(edges: pa.Table, directed: bool) -> pa.Table:
    """``edges`` in their written order, the multigraph key moved to ``kind`` (where no
    ``kind`` column holds it already) and each row numbered in ``_row``."""
    ends = [n for n in ("source", "target", KEY) if n in edges.column_names]
    if not directed:
        edges = one_way(edges)
    edges = edges.sort_by([(n, "ascending") for n in ends])
    if KEY in edges.column_names:
        key = edges.column(KEY)
        edges = edges.drop_columns([KEY])
        if "kind" not in edges.column_names:
            edges = edges.append_column("kind", key)
    return edges.append_column("_row", integers(np.arange(edges.num_rows), pa.int64()))


def with_names(nodes: pa.Table) -> pa.Table:
    """``nodes`` with a ``name`` column (the label, else the id) where none is there yet:
    Cytoscape names each node by its GraphML id until a ``name`` data replaces it.

    >>> with_names(pa.table({"id": ["a", "b"], "label": ["A", None]})).column("name").to_pylist()
    ['A', 'b']
    """
    if NAME in nodes.column_names:
        return nodes
    ids = column_of(nodes, "id")
    label = column_of(nodes, "label") if "label" in nodes.column_names else None
    names = ids if label is None else pc.coalesce(pc.cast(label, pa.string()), ids)
    return nodes.append_column(NAME, names)


def write_network_graphml(
    nodes: pa.Table, edges: pa.Table, path: str | os.PathLike[str], directed: bool,
    name: str | None = None,
) -> None:  # fmt: skip
    """Write the network of ``nodes`` and ``edges`` as GraphML 1.0 at ``path``, atomically.

    Nodes go in id order, edges in (source, target, key) order; a ``key`` column (a
    multigraph's) becomes the edges' ``kind``. Each attribute column with a value is
    declared once (``boolean``, ``long``, ``double`` or ``string``, from its Arrow type);
    nodes come first, so their keys are ``d0 …``, and the edges' follow on. ``name`` (an
    NMTOKEN: the network's registry name) is the ``<graph>`` id, which Cytoscape takes as
    the network's name; each node's ``name`` data is its label (:func:`with_names`).
    """
    nodes = with_names(nodes.sort_by([("id", "ascending")]))
    nodes = nodes.append_column(CITEGRAPH_ID, nodes.column("id"))
    edges = prepared_edges(edges, directed)
    node_keys = _declared(nodes, ("id",), "node", 0)
    edge_keys = _declared(edges, ("source", "target", "_row"), "edge", len(node_keys))
    direction = "directed" if directed else "undirected"
    ident = "" if name is None else f"id={quoteattr(name)} "
    with atomic_path(path) as tmp, tmp.open("wb") as out:
        out.write(HEAD.encode())
        out.write("".join(line for *_, line in node_keys + edge_keys).encode())
        out.write(f'  <graph {ident}edgedefault="{direction}">\n'.encode())
        _write_rows(out, nodes, _node_opening, "    </node>\n", node_keys)
        _write_rows(out, edges, _edge_opening, "    </edge>\n", edge_keys)
        out.write(b"  </graph>\n</graphml>\n")
