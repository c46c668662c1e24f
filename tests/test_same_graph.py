"""The same graph in every format (issue #17, point 4), and what Gephi and Cytoscape read
from each file (point 2).

Each view of the bundled listing and of a real WoS fixture is exported as GraphML, GEXF,
node-link JSON, CSV and VOSviewer JSON, and each file is read back by a reader that is not
ours (networkx for GraphML and GEXF, the json and csv modules). Nodes, edges, kinds,
directions and weights must agree. VOSviewer's map format has one undirected link per pair
and no kinds, so a map must equal the network with parallel links summed.

Gephi and Cytoscape cannot run here; what they read is modelled from their importers'
source (cited in each test) and asserted on the files.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest
from lxml import etree

from graph.networks import NETWORK, NETWORK_NAMES
from graph.store import open_store
from tests.conftest import DATA, LISTING, build_each, export

SOURCES = {"listing": LISTING, "wos": DATA / "wos" / "savedrecs-optics-3.txt"}
CITED = ("citations", "coupling", "cocitation")  # the listing cites nothing: no such networks
CASES = [(s, v) for s in sorted(SOURCES) for v in NETWORK_NAMES if s == "wos" or v not in CITED]
FORMATS = ("graphml", "gexf", "json", "csv")
GRAPHML_NS = "{http://graphml.graphdrawing.org/xmlns}"
GEXF_NS = "{http://gexf.net/1.3}"

Edge = tuple[str, str, str, float]  # source, target, kind, weight


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> dict[str, Path]:
    return build_each(tmp_path_factory, SOURCES)


@pytest.fixture(scope="module")
def exported(builds, tmp_path_factory) -> dict[tuple[str, str], dict[str, Path]]:
    """(source, view) → format → the exported file (a folder for CSV)."""
    out: dict[tuple[str, str], dict[str, Path]] = {}
    for source, view in CASES:
        folder = tmp_path_factory.mktemp(f"{source}-{view}")
        out[source, view] = {
            to: export(builds[source], view, to, folder / f"{view}.{to}")
            for to in (*FORMATS, "vosviewer")
        }
    return out


def _edge(u: str, v: str, kind: object, weight: object, directed: bool) -> Edge:
    if not directed:
        u, v = min(u, v), max(u, v)
    return (u, v, str(kind), round(float(1.0 if weight is None else weight), 6))  # type: ignore[arg-type]


def _from_networkx(G: nx.Graph, ids: dict[str, str]) -> tuple[bool, set[str], Counter[Edge]]:
    edges = Counter(
        _edge(ids[u], ids[v], d.get("kind"), d.get("weight"), G.is_directed())
        for u, v, d in G.edges(data=True)
    )
    return G.is_directed(), {ids[n] for n in G}, edges


def read_graphml(path: Path) -> tuple[bool, set[str], Counter[Edge]]:
    G = nx.read_graphml(path, force_multigraph=True)
    return _from_networkx(G, {n: d["citegraph_id"] for n, d in G.nodes(data=True)})


def read_gexf(path: Path) -> tuple[bool, set[str], Counter[Edge]]:
    G = nx.read_gexf(path)
    if not G.is_multigraph():
        G = nx.MultiDiGraph(G) if G.is_directed() else nx.MultiGraph(G)
    return _from_networkx(G, {n: n for n in G})


def read_json(path: Path) -> tuple[bool, set[str], Counter[Edge]]:
    document = json.loads(path.read_text("utf-8"))
    G = nx.node_link_graph(document, edges="edges")
    return _from_networkx(G, {n: n for n in G})


def read_csv(folder: Path) -> tuple[bool | None, set[str], Counter[Edge]]:
    """Nodes and edges of the CSV pair; the direction is None where no edge tells it."""
    with (folder / "nodes.csv").open(encoding="utf-8", newline="") as handle:
        nodes = {row["Id"] for row in csv.DictReader(handle)}
    with (folder / "edges.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    types = {row["Type"] for row in rows}
    assert types <= {"Directed"} or types <= {"Undirected"}
    directed = None if not rows else types == {"Directed"}
    edges = Counter(
        _edge(r["Source"], r["Target"], r["Kind"], r["Weight"], bool(directed)) for r in rows
    )
    return directed, nodes, edges


READERS = {"graphml": read_graphml, "gexf": read_gexf, "json": read_json, "csv": read_csv}


@pytest.mark.parametrize(("source", "view"), CASES)
def test_every_format_holds_the_same_graph(builds, exported, source: str, view: str) -> None:
    files = exported[source, view]
    read = {to: READERS[to](files[to]) for to in FORMATS}
    directed, nodes, edges = read["graphml"]
    stored = open_store(builds[source]).network(view)
    assert directed == NETWORK[view].directed
    assert (len(nodes), sum(edges.values())) == (stored.nodes.num_rows, stored.edges.num_rows)
    for to in FORMATS[1:]:
        assert read[to][0] in (directed, None if not edges else directed), to
        assert read[to][1] == nodes, to
        assert read[to][2] == edges, to


@pytest.mark.parametrize(("source", "view"), CASES)
def test_a_vosviewer_map_is_the_network_with_parallel_links_summed(
    exported, source: str, view: str
) -> None:
    _, nodes, edges = read_graphml(exported[source, view]["graphml"])
    summed: Counter[tuple[str, str]] = Counter()
    for (u, v, _, weight), count in edges.items():
        summed[min(u, v), max(u, v)] += weight * count
    network = json.loads(exported[source, view]["vosviewer"].read_text("utf-8"))["network"]
    order = sorted(nodes)  # items are numbered in id order
    assert len(network["items"]) == len(order)
    links = {
        (order[link["source_id"] - 1], order[link["target_id"] - 1]): link["strength"]
        for link in network["links"]
    }
    assert links == {pair: round(weight, 6) for pair, weight in summed.items()}


def test_gephi_keeps_every_gexf_edge_with_its_kind_and_direction(exported) -> None:
    # Gephi's ImporterGEXF reads an edge's ``type`` as its direction and ``kind`` as its
    # edge type; edges of one (source, target, kind) are merged, their weights summed.
    for (_, view), files in exported.items():
        root = etree.parse(str(files["gexf"])).getroot()
        edges = list(root.iter(f"{GEXF_NS}edge"))
        keys = Counter((e.get("source"), e.get("target"), e.get("kind")) for e in edges)
        assert [k for k, n in keys.items() if n > 1] == [], view
        assert all(e.get("kind") for e in edges), view
        direction = "directed" if NETWORK[view].directed else "undirected"
        assert {e.get("type") for e in edges} <= {direction}, view


def test_gephi_spreadsheet_import_reads_kind_direction_and_weight(exported) -> None:
    # Gephi's ImportEdgesProcess matches Source, Target, Type, Kind, Id, Label and Weight
    # case-insensitively; "undirected" in Type makes an undirected edge, Kind its type.
    files = exported["wos", "coauthors"]["csv"]
    with (files / "edges.csv").open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
    assert reader.fieldnames[:5] == ["Source", "Target", "Type", "Kind", "Weight"]
    assert {r["Type"] for r in rows} == {"Undirected"}
    assert {r["Kind"] for r in rows} == {"coauthor"}
    assert all(float(r["Weight"]) >= 1 for r in rows)
    with (exported["wos", "all"]["csv"] / "edges.csv").open(encoding="utf-8") as handle:
        typed = list(csv.DictReader(handle))
    assert {r["Type"] for r in typed} == {"Directed"}
    kinds = {r["Kind"] for r in typed}
    assert {"authored", "published_in", "part_of"} <= kinds
    assert kinds <= {"authored", "published_in", "part_of", "cites"}
    with (files / "nodes.csv").open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        nodes = list(reader)
    assert reader.fieldnames[:2] == ["Id", "Label"]
    assert all(r["Label"] for r in nodes)


def test_cytoscape_names_the_network_and_each_node_by_its_label(exported) -> None:
    # Cytoscape's GraphMLParser names the network by <graph id> and each node by its id,
    # until a data key named "name" sets the node's name column.
    for (_, view), files in exported.items():
        root = etree.parse(str(files["graphml"])).getroot()
        graph = root.find(f"{GRAPHML_NS}graph")
        assert graph is not None and graph.get("id") == view
        keys = {k.get("attr.name"): k.get("id") for k in root.iter(f"{GRAPHML_NS}key")
                if k.get("for") == "node"}  # fmt: skip
        for node in graph.iter(f"{GRAPHML_NS}node"):
            data = {d.get("key"): d.text for d in node}
            assert data[keys["name"]] == data.get(keys.get("label"), data[keys["citegraph_id"]])


def test_a_vosviewer_map_names_its_clusters_and_carries_overlay_scores(builds, exported) -> None:
    results = open_store(builds["wos"]).document("results")
    named = {c["cluster"] + 1: "; ".join(c["terms"][:3]) for c in results["topic_clusters"]}
    network = json.loads(exported["wos", "topics"]["vosviewer"].read_text("utf-8"))["network"]
    assert named and {c["cluster"]: c["label"] for c in network["clusters"]} == named
    assert all({"Pub. year", "Citations"} <= set(i["scores"]) for i in network["items"])
    authors = json.loads(exported["wos", "coauthors"]["vosviewer"].read_text("utf-8"))
    assert all("Avg. pub. year" in i["scores"] for i in authors["network"]["items"])


def test_exporting_an_empty_network_says_so(builds, tmp_path) -> None:
    from click.testing import CliRunner

    from graph.cli import cli

    path = tmp_path / "citations.json"
    result = CliRunner().invoke(cli, ["export", str(builds["wos"]), "--to", "vosviewer",
                                      "--view", "citations", "-o", str(path)])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stdout == f"wrote {path}: 0 nodes, 0 edges\n"
    assert result.stderr == (
        "note: the citations network is empty, so the file holds no node (VOSviewer Online "
        "says 'No data found' of such a map)\n"
    )
