"""Exports for other tools: GraphML (Gephi, Cytoscape, igraph), GEXF 1.3 with years for
Gephi's timeline, VOSviewer JSON (VOSviewer Online), node-link JSON and CSV (pandas,
spreadsheets).

Values are plain scalars with one type per attribute name; XML text is made valid XML 1.0
first (control characters and lone surrogates replaced); CSV cells that a spreadsheet
would run as a formula are neutralised; nodes and edges are sorted; every file is
written atomically.

>>> import networkx as nx, tempfile, pathlib
>>> G = nx.DiGraph()
>>> G.add_node("a", kind="article", label="bad\\x00text")
>>> path = pathlib.Path(tempfile.mkdtemp()) / "g.graphml"
>>> write_graphml(G, path)
>>> nx.read_graphml(path).nodes["a"]["label"]
'bad\\ufffdtext'
"""

from __future__ import annotations

import csv
import html
import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from graph.arrow import text
from graph.files import atomic_path, write_text_atomic
from graph.gexf import write_network_gexf
from graph.graphml import KEY, one_way, write_network_graphml
from graph.settings import EXPORT_FORMATS
from graph.tables import network_graph, network_tables

if TYPE_CHECKING:  # networkx is imported where a graph is written, not to export a store's
    import networkx as nx

    from graph.store import Store, StoredNetwork

FORMATS = EXPORT_FORMATS
JSON_VERSION = 1
_BATCH = 50_000
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


@dataclass(frozen=True)
class Network:
    """A network as the writers take it: its node and edge tables (:mod:`graph.tables`),
    whether it is directed and a multigraph, and its registry name where it has one."""

    nodes: pa.Table
    edges: pa.Table
    directed: bool
    multi: bool
    name: str | None = None

    @classmethod
    def of_graph(cls, G: nx.Graph, name: str | None = None) -> Network:
        """The tables of ``G``; text Arrow cannot hold (a lone surrogate) made valid first."""
        try:
            nodes, edges = network_tables(G)
        except UnicodeEncodeError:
            nodes, edges = network_tables(xml_safe_graph(G))
        return cls(nodes, edges, G.is_directed(), G.is_multigraph(), name)

    def ordered_edges(self) -> pa.Table:
        """The edges in (source, target, key) order, an undirected link's ends in order."""
        edges = self.edges if self.directed else one_way(self.edges)
        ends = [n for n in ("source", "target", KEY) if n in edges.column_names]
        return edges.sort_by([(n, "ascending") for n in ends])


def write_graphml(G: nx.Graph, path: str | os.PathLike[str], name: str | None = None) -> None:
    """Write ``G`` as GraphML 1.0, streamed, with sorted nodes and edges, atomically.

    ``G`` becomes its two tables (:func:`graph.tables.network_tables`), which
    :func:`graph.graphml.write_network_graphml` writes: each attribute name is declared
    once per domain with one type (the widest seen: boolean, long, double, else string),
    text is made valid XML 1.0 and escaped, and a multigraph's edge keys become edge kinds.
    """
    net = Network.of_graph(G, name)
    write_network_graphml(net.nodes, net.edges, path, net.directed, name)


def write_gexf(G: nx.Graph, path: str | os.PathLike[str]) -> None:
    """Write ``G`` as GEXF 1.3 (:func:`graph.gexf.write_network_gexf`), with ``start`` years
    so Gephi's timeline grows the network and edge ``kind`` so parallel kinds stay apart.

    A node starts in its year (an article) or first year (an author); an edge starts when
    both its ends exist, in the later of their years. Nothing ends: the corpus is kept.
    """
    net = Network.of_graph(G)
    write_network_gexf(net.nodes, net.edges, path, net.directed)


def _json_rows(table: pa.Table) -> Iterator[str]:
    """Each row of ``table`` as one JSON object, keys sorted, nulls left out."""
    for start in range(0, table.num_rows, _BATCH):
        for row in table.slice(start, _BATCH).to_pylist():
            yield json.dumps({k: v for k, v in sorted(row.items()) if v is not None},
                             ensure_ascii=False)  # fmt: skip


def _write_json_list(out: TextIO, name: str, table: pa.Table, last: bool) -> None:
    out.write(f' "{name}": [')
    for i, line in enumerate(_json_rows(table)):
        out.write(("\n  " if i == 0 else ",\n  ") + line)
    out.write("\n ]" + ("\n}\n" if last else ",\n"))


def write_network_json(net: Network, path: str | os.PathLike[str]) -> None:
    """Write ``net`` as networkx's node-link JSON (``edges`` named so), with citegraph's
    format version and the network's name, one node or edge per line, a batch at a time.

    >>> import pyarrow as pa, tempfile, pathlib
    >>> net = Network(pa.table({"id": ["b", "a"]}),
    ...               pa.table({"source": ["b"], "target": ["a"], "weight": [2]}), False, False)
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "g.json"
    >>> write_network_json(net, path)
    >>> print(path.read_text("utf-8"))
    {"citegraph_node_link": 1, "directed": false, "multigraph": false, "graph": {},
     "nodes": [
      {"id": "a"},
      {"id": "b"}
     ],
     "edges": [
      {"source": "a", "target": "b", "weight": 2}
     ]
    }
    <BLANKLINE>
    """
    graph = {} if net.name is None else {"name": net.name}
    head = (f'{{"citegraph_node_link": {JSON_VERSION}, "directed": {json.dumps(net.directed)}, '
            f'"multigraph": {json.dumps(net.multi)}, "graph": {json.dumps(graph)},\n')  # fmt: skip
    with atomic_path(path) as tmp, open(tmp, "w", encoding="utf-8", newline="\n") as out:
        out.write(head)
        _write_json_list(out, "nodes", net.nodes.sort_by([("id", "ascending")]), last=False)
        _write_json_list(out, "edges", net.ordered_edges(), last=True)


def write_node_link_json(G: nx.Graph, path: str | os.PathLike[str]) -> None:
    """Write ``G`` as node-link JSON (:func:`write_network_json`), atomically."""
    write_network_json(Network.of_graph(G), path)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_FORMULA = r"^[=+\-@\t\r]"


def csv_safe(value: object) -> object:
    """A cell a spreadsheet will not run: text starting with = + - @ (or a tab or CR) gets a
    leading apostrophe. Numbers stay numbers.

    >>> print(csv_safe('=HYPERLINK("http://x")'), csv_safe(-1.5), csv_safe("peer"))
    '=HYPERLINK("http://x") -1.5 peer
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _write_rows(path: Path, rows: list[dict[str, object]], first: list[str]) -> None:
    columns = first + sorted({k for row in rows for k in row} - set(first))
    with atomic_path(path) as tmp, open(tmp, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows({k: csv_safe(v) for k, v in row.items()} for row in rows)


def write_rows_csv(
    rows: list[dict[str, object]], path: str | os.PathLike[str], columns: list[str]
) -> None:
    """Write ``rows`` as CSV with ``columns`` first (formulas neutralised), atomically."""
    _write_rows(Path(path), rows, columns)


def csv_safe_table(table: pa.Table) -> pa.Table:
    """``table`` with :func:`csv_safe` applied to every text column, column by column.

    >>> csv_safe_table(pa.table({"a": ["=1+1", "ok", None]})).column("a").to_pylist()
    ["'=1+1", 'ok', None]
    """
    for i, name in enumerate(table.column_names):
        column = table.column(name).combine_chunks()
        if pa.types.is_string(column.type) or pa.types.is_large_string(column.type):
            risky = pc.match_substring_regex(column, _FORMULA)
            fixed = pc.binary_join_element_wise(text("'"), column, text(""))
            table = table.set_column(i, name, pc.if_else(risky, fixed, column))
    return table


def gephi_edges(net: Network) -> pa.Table:
    """The edges as Gephi's spreadsheet import reads them: ``Source``, ``Target``, ``Type``
    (Directed or Undirected), ``Kind`` (which keeps parallel kinds apart), ``Weight`` (1
    for an unweighted link, Gephi's own default), then the other columns, sorted."""
    edges = net.ordered_edges()
    n = edges.num_rows
    kind = next((edges.column(c) for c in (KEY, "kind") if c in edges.column_names),
                pa.nulls(n, pa.string()))  # fmt: skip
    weight = (pc.fill_null(pc.cast(edges.column("weight"), pa.float64()), 1.0)
              if "weight" in edges.column_names else pa.array(np.ones(n)))  # fmt: skip
    direction = "Directed" if net.directed else "Undirected"
    first = {"Source": edges.column("source"), "Target": edges.column("target"),
             "Type": pa.array([direction] * n, pa.string()), "Kind": kind,
             "Weight": weight}  # fmt: skip
    rest = sorted(set(edges.column_names) - {"source", "target", KEY, "kind", "weight"})
    return pa.table({**first, **{c: edges.column(c) for c in rest}})


def gephi_nodes(net: Network) -> pa.Table:
    """The nodes as Gephi's spreadsheet import reads them: ``Id``, ``Label`` (the id where a
    node has none), then the other columns, sorted."""
    nodes = net.nodes.sort_by([("id", "ascending")])
    ids = nodes.column("id")
    label = (pc.coalesce(pc.cast(nodes.column("label"), pa.string()), ids)
             if "label" in nodes.column_names else ids)  # fmt: skip
    rest = sorted(set(nodes.column_names) - {"id", "label"})
    return pa.table({"Id": ids, "Label": label, **{c: nodes.column(c) for c in rest}})


def _write_table_csv(table: pa.Table, path: Path) -> None:
    import pyarrow.csv as pacsv

    options = pacsv.WriteOptions(quoting_style="needed", batch_size=_BATCH)
    with atomic_path(path) as tmp:
        pacsv.write_csv(csv_safe_table(table), tmp, options)


def write_network_csv(net: Network, folder: str | os.PathLike[str]) -> list[Path]:
    """Write ``nodes.csv`` (:func:`gephi_nodes`) and ``edges.csv`` (:func:`gephi_edges`) into
    ``folder``: the columns Gephi's spreadsheet import, pandas and any spreadsheet read."""
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    _write_table_csv(gephi_nodes(net), out / "nodes.csv")
    _write_table_csv(gephi_edges(net), out / "edges.csv")
    return [out / "nodes.csv", out / "edges.csv"]


def write_csv(G: nx.Graph, folder: str | os.PathLike[str]) -> list[Path]:
    """Write ``G`` as ``nodes.csv`` and ``edges.csv`` (:func:`write_network_csv`)."""
    return write_network_csv(Network.of_graph(G), folder)


def _simple(G: nx.Graph) -> nx.Graph:
    """``G`` as one undirected link per pair, the weights of its parallel links (a typed
    graph's several kinds, both directions) summed, never one kind's kept."""
    import networkx as nx

    U = nx.Graph()
    U.add_nodes_from(G.nodes(data=True))
    for u, v, w in G.edges(data="weight", default=1.0):
        before = U.edges[u, v]["weight"] if U.has_edge(u, v) else 0.0
        U.add_edge(u, v, weight=before + float(w))
    return U


_WEIGHTS = (("articles", "Documents"), ("occurrences", "Occurrences"),
            ("citations_in_corpus", "Citations"))  # fmt: skip
_SCORES = (("avg_year", "Avg. pub. year"), ("year", "Pub. year"),
           ("citations_in_corpus", "Citations"), ("pagerank", "PageRank"))  # fmt: skip


def _vos_item(node: str, data: dict[str, Any], number: int, xy: tuple[float, float],
              links: tuple[int, float]) -> dict[str, Any]:  # fmt: skip
    label = xml_safe(str(data.get("label", node)))
    kind = data.get("kind")
    item: dict[str, Any] = {
        "id": number, "label": label, "x": round(xy[0], 6), "y": round(xy[1], 6),
        "weights": {"Links": links[0], "Total link strength": round(links[1], 6)},
        "scores": {},
        # VOSviewer reads the description as HTML: plain text, escaped.
        "description": html.escape(f"{label} ({kind})" if kind else label),
    }  # fmt: skip
    if isinstance(data.get("community"), int):
        item["cluster"] = int(data["community"]) + 1
    for key, name in _WEIGHTS:
        if isinstance(data.get(key), int | float):
            item["weights"][name] = data[key]
    for key, name in _SCORES:
        if isinstance(data.get(key), int | float):
            item["scores"][name] = data[key]
    return item


def vosviewer_document(
    G: nx.Graph, seed: int = 42, cluster_names: dict[int, str] | None = None
) -> dict[str, Any]:
    """``G`` in VOSviewer's JSON map format: items with id, label, x, y, cluster (from
    ``community``, numbered from 1), weights and scores; links with source_id, target_id
    and strength; clusters. Positions come from citegraph's layout, scaled to about ±1.

    Every item carries every weight some item has (0 where it has none): VOSviewer Online
    fills a missing weight with null and then refuses the whole file. Scores (years,
    citations, PageRank) are the overlays VOSviewer colours by. A cluster is named by
    ``cluster_names`` (community → name) where it has a name, else "Cluster N".
    """
    from graph.view.layout import component_layout

    U = _simple(G)
    order = sorted(U)
    ids = {node: i + 1 for i, node in enumerate(order)}
    positions = component_layout(U, seed=seed, community="community")
    scale = max((max(abs(x), abs(y)) for x, y in positions.values()), default=1.0) or 1.0
    strength = dict(U.degree(weight="weight"))
    items = [
        _vos_item(n, U.nodes[n], ids[n], (positions[n][0] / scale, -positions[n][1] / scale),
                  (U.degree(n), strength[n]))
        for n in order
    ]  # fmt: skip
    present = {name for item in items for name in item["weights"]}
    names = ["Links", "Total link strength", *(n for _, n in _WEIGHTS if n in present)]
    for item in items:
        item["weights"] = {name: item["weights"].get(name, 0) for name in names}
    links = [
        {"source_id": ids[u], "target_id": ids[v], "strength": round(float(w), 6)}
        for u, v, w in sorted((min(a, b), max(a, b), w) for a, b, w in U.edges(data="weight"))
    ]
    clusters = sorted({i["cluster"] for i in items if "cluster" in i})
    named = cluster_names or {}
    legend = [{"cluster": c, "label": named.get(c - 1, f"Cluster {c}")} for c in clusters]
    return {
        "network": {
            "items": items,
            "links": links,
            "clusters": legend,
        }
    }


def write_vosviewer(
    G: nx.Graph, path: str | os.PathLike[str], seed: int = 42,
    cluster_names: dict[int, str] | None = None,
) -> None:  # fmt: skip
    """Write :func:`vosviewer_document` as JSON, atomically."""
    document = vosviewer_document(G, seed, cluster_names)
    write_text_atomic(path, json.dumps(document, ensure_ascii=False, indent=1) + "\n")


def write_network(
    net: Network, to: str, path: str | os.PathLike[str], seed: int = 42,
    cluster_names: dict[int, str] | None = None,
) -> list[Path]:  # fmt: skip
    """Write ``net`` in format ``to`` (one of :data:`FORMATS`) at ``path`` (a folder for
    CSV). GraphML, GEXF, JSON and CSV stream from the tables; VOSviewer needs a layout,
    so it is drawn from a networkx copy (:func:`vosviewer_document`)."""
    if to == "csv":
        return write_network_csv(net, path)
    if to == "graphml":
        write_network_graphml(net.nodes, net.edges, path, net.directed, net.name)
    elif to == "gexf":
        write_network_gexf(net.nodes, net.edges, path, net.directed)
    elif to == "json":
        write_network_json(net, path)
    else:
        G = network_graph(net.nodes, net.edges, net.directed, net.multi)
        write_vosviewer(G, path, seed, cluster_names)
    return [Path(path)]


def write_export(
    G: nx.Graph, to: str, path: str | os.PathLike[str], seed: int = 42, name: str | None = None
) -> list[Path]:
    """Write ``G`` in format ``to`` (one of :data:`FORMATS`) at ``path`` (a folder for
    CSV); ``name``, the network's registry name, names the graph where a format can. The
    clusters are named as the build named them (``G.graph["cluster_names"]``)."""
    names = {int(c): str(n) for c, n in G.graph.get("cluster_names", {}).items()}
    return write_network(Network.of_graph(G, name), to, path, seed, names)


def cluster_names(store: Store, name: str) -> dict[int, str]:
    """The names of network ``name``'s clusters where the build made them, as ``topics``
    prints them and the views' legends show them: the topic, term, co-author, coupling,
    co-citation and citation clusters, named by their distinctive terms; {} for the others."""
    key = {"topics": "topic_clusters", "terms": "term_clusters"}.get(name)
    if key is None:  # the others keep their names on their nodes
        nodes = store.network(name).nodes
        if "cluster_name" not in nodes.column_names:
            return {}
        pairs = zip(nodes.column("community").to_pylist(),
                    nodes.column("cluster_name").to_pylist(), strict=True)  # fmt: skip
        return {int(c): str(n) for c, n in pairs if c is not None and n}
    clusters = store.document("results").get(key, [])
    return {int(c["cluster"]): str(c["name"]) for c in clusters if c.get("name")}


def write_stored_export(
    store: Store, stored: StoredNetwork, to: str, path: str | os.PathLike[str]
) -> list[Path]:
    """Write ``stored``, a network of ``store`` (:meth:`graph.store.Store.network`), in
    format ``to``, from its tables, with the build's seed and cluster names."""
    name = stored.spec.name
    net = Network(stored.nodes, stored.edges, stored.spec.directed, stored.spec.multi, name)
    seed = int(store.manifest["settings"]["seed"])
    return write_network(net, to, path, seed, cluster_names(store, name))
