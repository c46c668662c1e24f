"""Exports of the typed graph for other tools: GraphML for Gephi, Cytoscape and igraph.

Text is made valid XML 1.0 first (control characters and lone surrogates replaced), and
the file is written atomically.

>>> import networkx as nx, tempfile, pathlib
>>> G = nx.DiGraph()
>>> G.add_node("a", kind="article", label="bad\\x00text")
>>> path = pathlib.Path(tempfile.mkdtemp()) / "g.graphml"
>>> write_graphml(G, path)
>>> nx.read_graphml(path).nodes["a"]["label"]
'bad\\ufffdtext'
"""

from __future__ import annotations

import os
import re

import networkx as nx

from graph.files import atomic_path

FORMATS = ("graphml",)
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """``text`` with every character XML 1.0 forbids replaced by U+FFFD.

    >>> xml_safe("a\\x0bb\\ud800c")
    'a\\ufffdb\\ufffdc'
    """
    return _XML_INVALID.sub("\ufffd", text)


def _common_types(items: list[dict[str, object]]) -> dict[str, type]:
    """One type per attribute name, so a writer declares each key once: the widest seen."""
    seen: dict[str, set[type]] = {}
    for data in items:
        for key, value in data.items():
            seen.setdefault(key, set()).add(type(value))
    common: dict[str, type] = {}
    for key, types in seen.items():
        if types <= {bool}:
            common[key] = bool
        elif types <= {int}:
            common[key] = int
        elif types <= {int, float}:
            common[key] = float
        else:
            common[key] = str
    return common


def _cast(data: dict[str, object], types: dict[str, type]) -> dict[str, object]:
    out: dict[str, object] = {}
    for key, value in sorted(data.items()):
        value = types[key](value)
        out[key] = xml_safe(value) if isinstance(value, str) else value
    return out


def xml_safe_graph(G: nx.Graph) -> nx.Graph:
    """A sorted copy of ``G`` fit for XML: valid XML 1.0 text, one type per attribute name."""
    H = G.__class__()
    node_types = _common_types([d for _, d in G.nodes(data=True)])
    edge_types = _common_types([d for _, _, d in G.edges(data=True)])
    for node, data in sorted(G.nodes(data=True)):
        H.add_node(xml_safe(str(node)), **_cast(data, node_types))
    if G.is_multigraph():
        edges = sorted(
            G.edges(keys=True, data=True), key=lambda e: (str(e[0]), str(e[1]), str(e[2]))
        )
        for u, v, key, data in edges:
            H.add_edge(
                xml_safe(str(u)),
                xml_safe(str(v)),
                key=xml_safe(str(key)),
                **_cast(data, edge_types),
            )
    else:
        for u, v, data in sorted(G.edges(data=True), key=lambda e: (str(e[0]), str(e[1]))):
            H.add_edge(xml_safe(str(u)), xml_safe(str(v)), **_cast(data, edge_types))
    return H


def write_graphml(G: nx.Graph, path: str | os.PathLike[str]) -> None:
    """Write ``G`` as GraphML, with sorted nodes and edges, atomically."""
    H = xml_safe_graph(G)
    with atomic_path(path) as tmp:
        nx.write_graphml(H, tmp, encoding="utf-8", prettyprint=True)
