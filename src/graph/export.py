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
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graph.files import atomic_path, write_text_atomic
from graph.graphml import write_network_graphml
from graph.settings import EXPORT_FORMATS
from graph.tables import network_tables

if TYPE_CHECKING:  # networkx is imported where a graph is written, not to export a store's
    import networkx as nx

    from graph.store import StoredNetwork

FORMATS = EXPORT_FORMATS
JSON_VERSION = 1
_GEXF_DATE = re.compile(r' lastmodifieddate="[0-9-]+"')
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
    """Write ``G`` as GraphML 1.0, streamed, with sorted nodes and edges, atomically.

    ``G`` becomes its two tables (:func:`graph.tables.network_tables`), which
    :func:`graph.graphml.write_network_graphml` writes: each attribute name is declared
    once per domain with one type (the widest seen: boolean, long, double, else string),
    text is made valid XML 1.0 and escaped, and a multigraph's edge keys become edge ids.
    """
    try:
        nodes, edges = network_tables(G)
    except UnicodeEncodeError:  # a lone surrogate, which Arrow cannot hold
        nodes, edges = network_tables(xml_safe_graph(G))
    write_network_graphml(nodes, edges, path, G.is_directed())


def _years(G: nx.Graph) -> dict[str, int]:
    """Each node's first year: an article's year, an author's first year."""
    out: dict[str, int] = {}
    for node, data in G.nodes(data=True):
        year = data.get("year", data.get("first_year"))
        if isinstance(year, int) and not isinstance(year, bool):
            out[node] = year
    return out


_GEXF_HEAD = 4096  # the <gexf> and <graph> start tags lie within the first few lines


def gexf_header_fixed(text: str) -> str:
    """networkx's GEXF made valid by the GEXF 1.3 schema: the xsi namespace it misspells
    (``http://w3.org/…``), the ``timeformat="long"`` it writes over ours (1.3 allows
    integer, double, date, dateTime) and the ``name`` attribute ``<graph>`` may not have.

    >>> gexf_header_fixed('<gexf xmlns:xsi="http://w3.org/2001/XMLSchema-instance">'
    ...                   '<graph defaultedgetype="directed" name="" timeformat="long">')
    '<gexf xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><graph defaultedgetype="directed" timeformat="integer">'
    """  # noqa: E501
    head, rest = text[:_GEXF_HEAD], text[_GEXF_HEAD:]
    head = head.replace('"http://w3.org/2001/XMLSchema-instance"',
                        '"http://www.w3.org/2001/XMLSchema-instance"', 1)  # fmt: skip
    head = re.sub(r'(<graph\b[^>]*?) name="[^"]*"', r"\1", head, count=1)
    head = re.sub(r'(<graph\b[^>]*?)timeformat="long"', r'\1timeformat="integer"', head, count=1)
    return head + rest


def write_gexf(G: nx.Graph, path: str | os.PathLike[str]) -> None:
    """Write ``G`` as GEXF 1.3 with ``start`` years, so Gephi's timeline grows the network.

    A node starts in its year (an article) or first year (an author); an edge starts when
    both its ends exist, in the later of their years. Nothing ends: the corpus is kept.
    """
    H = xml_safe_graph(G)
    years = _years(H)
    for node, year in years.items():
        H.nodes[node]["start"] = year
    for u, v, data in H.edges(data=True):
        ends = [years[n] for n in (u, v) if n in years]
        if ends:
            data["start"] = max(ends)
    H.graph.update(mode="dynamic", timeformat="integer")
    with atomic_path(path) as tmp:
        import networkx as nx

        nx.write_gexf(H, tmp, encoding="utf-8", prettyprint=True, version="1.3")
        # networkx stamps today's date; without it, the same input gives the same bytes.
        text = _GEXF_DATE.sub("", tmp.read_text("utf-8"), count=1)
        tmp.write_text(gexf_header_fixed(text), "utf-8", newline="")


def node_link_document(G: nx.Graph) -> dict[str, Any]:
    """networkx's node-link data of ``G`` (sorted, scalar values), with a format version."""
    import networkx as nx

    H = xml_safe_graph(G)
    document: dict[str, Any] = nx.node_link_data(H, edges="edges")
    return {"citegraph_node_link": JSON_VERSION, **document}


def write_node_link_json(G: nx.Graph, path: str | os.PathLike[str]) -> None:
    """Write :func:`node_link_document` as JSON, atomically."""
    text = json.dumps(node_link_document(G), ensure_ascii=False, indent=1, sort_keys=True)
    write_text_atomic(path, text + "\n")


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


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


def write_csv(G: nx.Graph, folder: str | os.PathLike[str]) -> list[Path]:
    """Write ``nodes.csv`` (id and a column per attribute) and ``edges.csv`` (source,
    target, kind and a column per attribute) into ``folder``."""
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    H = xml_safe_graph(G)
    nodes = [{"id": n, **d} for n, d in H.nodes(data=True)]
    edges = [{"source": u, "target": v, **d} for u, v, d in H.edges(data=True)]
    _write_rows(out / "nodes.csv", nodes, ["id", "kind", "label"])
    _write_rows(out / "edges.csv", edges, ["source", "target", "kind", "weight"])
    return [out / "nodes.csv", out / "edges.csv"]


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
_SCORES = (("avg_year", "Avg. pub. year"), ("year", "Pub. year"), ("pagerank", "PageRank"))


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


def vosviewer_document(G: nx.Graph, seed: int = 42) -> dict[str, Any]:
    """``G`` in VOSviewer's JSON map format: items with id, label, x, y, cluster (from
    ``community``, numbered from 1), weights and scores; links with source_id, target_id
    and strength; clusters. Positions come from citegraph's layout, scaled to about ±1.

    Every item carries every weight some item has (0 where it has none): VOSviewer Online
    fills a missing weight with null and then refuses the whole file.
    """
    from graph.view.layout import component_layout

    U = _simple(G)
    order = sorted(U)
    ids = {node: i + 1 for i, node in enumerate(order)}
    positions = component_layout(U, seed=seed)
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
    return {
        "network": {
            "items": items,
            "links": links,
            "clusters": [{"cluster": c, "label": f"Cluster {c}"} for c in clusters],
        }
    }


def write_vosviewer(G: nx.Graph, path: str | os.PathLike[str], seed: int = 42) -> None:
    """Write :func:`vosviewer_document` as JSON, atomically."""
    text = json.dumps(vosviewer_document(G, seed), ensure_ascii=False, indent=1)
    write_text_atomic(path, text + "\n")


def write_export(G: nx.Graph, to: str, path: str | os.PathLike[str], seed: int = 42) -> list[Path]:
    """Write ``G`` in format ``to`` (one of :data:`FORMATS`) at ``path`` (a folder for CSV)."""
    if to == "csv":
        return write_csv(G, path)
    writers = {"graphml": write_graphml, "gexf": write_gexf, "json": write_node_link_json}
    if to == "vosviewer":
        write_vosviewer(G, path, seed)
    else:
        writers[to](G, path)
    return [Path(path)]


def write_stored_export(
    network: StoredNetwork, to: str, path: str | os.PathLike[str], seed: int = 42
) -> list[Path]:
    """Write a stored network (:meth:`graph.store.Store.network`) in format ``to``, as
    :func:`write_export` writes the same network's graph. GraphML is written straight
    from the tables; the other formats go through networkx."""
    if to == "graphml":
        write_network_graphml(network.nodes, network.edges, path, network.spec.directed)
        return [Path(path)]
    return write_export(network.to_networkx(), to, path, seed)
