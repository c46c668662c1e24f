"""GraphML export: loads back with the same nodes, edges, kinds and weights."""

from __future__ import annotations

import networkx as nx
from lxml import etree

from graph.export import write_graphml
from graph.pipeline import linked

GRAPHML_NS = "{http://graphml.graphdrawing.org/xmlns}"


def test_graphml_round_trip(listing_analysis, tmp_path) -> None:
    G = listing_analysis.graph
    path = tmp_path / "graph.graphml"
    write_graphml(G, path)
    read = nx.read_graphml(path, force_multigraph=True)
    # XML ids only encode citegraph's ids (NMTOKEN); citegraph_id carries them whole.
    ids = {n: d["citegraph_id"] for n, d in read.nodes(data=True)}
    back = nx.MultiDiGraph()
    back.add_nodes_from((ids[n], d) for n, d in read.nodes(data=True))
    back.add_edges_from((ids[u], ids[v], d["kind"], d) for u, v, d in read.edges(data=True))
    assert set(back.nodes) == set(G.nodes)
    assert set(back.edges(keys=True)) == set(G.edges(keys=True))
    for node, data in G.nodes(data=True):
        assert back.nodes[node]["kind"] == data["kind"]
        assert back.nodes[node]["label"] == data["label"]
    for u, v, key, data in G.edges(keys=True, data=True):
        assert back.edges[u, v, key]["kind"] == data["kind"] == key
        if "weight" in data:
            assert back.edges[u, v, key]["weight"] == float(data["weight"])
        if "articles" in data:
            assert back.edges[u, v, key]["articles"] == data["articles"]


def test_each_attribute_is_declared_once_per_domain(listing_analysis, tmp_path) -> None:
    path = tmp_path / "graph.graphml"
    write_graphml(linked(listing_analysis), path)  # the typed graph with every projection
    keys = etree.parse(str(path)).getroot().findall(f"{GRAPHML_NS}key")
    declared = [(k.get("for"), k.get("attr.name")) for k in keys]
    assert len(declared) == len(set(declared))
    assert all(k.get("for") in {"node", "edge"} and k.get("attr.type") for k in keys)
    weight = [k.get("attr.type") for k in keys if k.get("attr.name") == "weight"]
    assert weight == ["double"]  # co-author counts and topic cosines share one type


def test_control_characters_and_surrogates_are_made_valid(tmp_path) -> None:
    G = nx.DiGraph()
    G.add_node("a", kind="article", label="x\x00y\x0bz\x1f\ud800 ]]> <&\"'")
    path = tmp_path / "g.graphml"
    write_graphml(G, path)
    assert nx.read_graphml(path).nodes["a"]["label"] == "x\ufffdy\ufffdz\ufffd\ufffd ]]> <&\"'"


def test_output_is_byte_identical_across_runs(listing_analysis, tmp_path) -> None:
    write_graphml(listing_analysis.graph, tmp_path / "a.graphml")
    write_graphml(listing_analysis.graph, tmp_path / "b.graphml")
    assert (tmp_path / "a.graphml").read_bytes() == (tmp_path / "b.graphml").read_bytes()


# --- GEXF, node-link JSON, CSV and VOSviewer JSON -------------------------------------

import csv  # noqa: E402
import json  # noqa: E402

import pytest  # noqa: E402
from click.testing import CliRunner  # noqa: E402

from graph.cli import cli  # noqa: E402
from graph.export import (  # noqa: E402
    FORMATS,
    vosviewer_document,
    write_csv,
    write_export,
    write_gexf,
    write_node_link_json,
)
from tests.conftest import LISTING, SHARED  # noqa: E402

MANY = SHARED / "real/wos/many-authors_500-records_metaknowledge.txt.xz"


def _hostile_graph() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    title = "ctl\x00a\x0bb\x1fc \ud800 ]]> <&\"'"
    G.add_node("a", kind="article", label=title, year=2020)
    G.add_node("b", kind="author", label='=HYPERLINK("http://evil")', first_year=2018)
    G.add_edge("b", "a", key="authored", kind="authored", weight=1)
    return G


def test_gexf_round_trip_with_years(listing_analysis, tmp_path) -> None:
    G = linked(listing_analysis)  # the typed graph's links and the weighted projections
    write_gexf(G, tmp_path / "g.gexf")
    back = nx.read_gexf(tmp_path / "g.gexf")
    assert back.number_of_nodes() == G.number_of_nodes()
    assert back.number_of_edges() == G.number_of_edges()
    for node, data in G.nodes(data=True):
        assert (
            back.nodes[node]["kind"] == data["kind"] and back.nodes[node]["label"] == data["label"]
        )
        if data["kind"] == "article":
            assert back.nodes[node]["start"] == data["year"]
    root = etree.parse(str(tmp_path / "g.gexf")).getroot()
    assert root.get("version") == "1.3"
    graph = root.find("{http://gexf.net/1.3}graph")
    assert graph.get("mode") == "dynamic"
    for u, v, data in back.edges(data=True):
        starts = [back.nodes[n]["start"] for n in (u, v) if "start" in back.nodes[n]]
        if starts:
            assert data["start"] == max(starts)
    # GEXF carries link weight as the edge's own attribute; every other key is declared
    # once per class, so Gephi never sees two types under one name.
    assert any(e.get("weight") for e in root.iter("{http://gexf.net/1.3}edge"))
    for block in root.iter("{http://gexf.net/1.3}attributes"):
        titles = [a.get("title") for a in block]
        assert len(titles) == len(set(titles))


def test_node_link_json_round_trip(listing_analysis, tmp_path) -> None:
    G = linked(listing_analysis)
    write_node_link_json(G, tmp_path / "g.json")
    document = json.loads((tmp_path / "g.json").read_text("utf-8"))
    assert document["citegraph_node_link"] == 1
    back = nx.node_link_graph(document, edges="edges")
    assert set(back.nodes) == set(G.nodes)
    assert set(back.edges(keys=True)) == set(G.edges(keys=True))
    link = next(d for _, _, k, d in G.edges(keys=True, data=True) if k == "coauthor")
    assert any(d.get("articles") == link["articles"] for _, _, d in back.edges(data=True))


def test_csv_round_trip_and_formula_neutralised(listing_analysis, tmp_path) -> None:
    G = listing_analysis.graph
    write_csv(G, tmp_path)
    nodes = list(csv.DictReader((tmp_path / "nodes.csv").open(encoding="utf-8")))
    edges = list(csv.DictReader((tmp_path / "edges.csv").open(encoding="utf-8")))
    assert len(nodes) == G.number_of_nodes() and len(edges) == G.number_of_edges()
    assert {r["Kind"] for r in edges} == {d["kind"] for _, _, d in G.edges(data=True)}
    watson = next(r for r in nodes if r["Id"] == "author:name:watson|e")
    assert (watson["Label"], watson["articles"]) == ("Emma Watson", "5")
    write_csv(_hostile_graph(), tmp_path / "hostile")
    rows = list(csv.DictReader((tmp_path / "hostile" / "nodes.csv").open(encoding="utf-8")))
    assert next(r for r in rows if r["Id"] == "b")["Label"] == '\'=HYPERLINK("http://evil")'


def test_hostile_text_stays_well_formed_and_escaped(tmp_path) -> None:
    G = _hostile_graph()
    write_gexf(G, tmp_path / "h.gexf")
    write_graphml(G, tmp_path / "h.graphml")
    for name in ("h.gexf", "h.graphml"):
        etree.parse(str(tmp_path / name))  # well-formed XML 1.0, or this raises
    label = nx.read_gexf(tmp_path / "h.gexf").nodes["a"]["label"]
    assert label == "ctl\ufffda\ufffdb\ufffdc \ufffd ]]> <&\"'"


def test_vosviewer_json_follows_the_map_format(listing_analysis) -> None:
    document = vosviewer_document(listing_analysis.coauthors)
    items, links = document["network"]["items"], document["network"]["links"]
    ids = [i["id"] for i in items]
    assert len(ids) == len(set(ids)) == 14 and all(isinstance(i, int) for i in ids)
    for item in items:
        assert isinstance(item["label"], str) and -1 <= item["x"] <= 1 and -1 <= item["y"] <= 1
        assert item["cluster"] >= 1 and isinstance(item["weights"]["Links"], int)
    assert all({"source_id", "target_id", "strength"} == set(link) for link in links)
    assert {link["source_id"] for link in links} | {link["target_id"] for link in links} <= set(ids)
    assert len(links) == listing_analysis.coauthors.number_of_edges()
    watson = next(i for i in items if i["label"] == "Emma Watson")
    assert watson["weights"]["Documents"] == 5 and watson["weights"]["Links"] == 3
    clusters = {c["cluster"] for c in document["network"]["clusters"]}
    assert clusters == {i["cluster"] for i in items}


def test_vosviewer_items_all_carry_every_weight_and_parallel_links_add_up(listing_analysis):
    """VOSviewer Online fills a weight an item lacks with null, then refuses the file
    ("Weights must be non-negative numbers"); the typed graph mixes kinds of node."""
    G = listing_analysis.graph
    items = vosviewer_document(G)["network"]["items"]
    names = {tuple(i["weights"]) for i in items}
    assert len(names) == 1 and {"Links", "Documents"} <= set(next(iter(names)))
    assert all(isinstance(v, int | float) and v >= 0 for i in items for v in i["weights"].values())
    assert all("<" not in i["description"] for i in items)
    G2 = nx.MultiDiGraph()
    G2.add_edge("a", "b", key="cites", weight=1.0)
    G2.add_edge("b", "a", key="coauthor", weight=2.0)
    assert [link["strength"] for link in vosviewer_document(G2)["network"]["links"]] == [3.0]


@pytest.mark.parametrize("to", FORMATS)
def test_every_format_from_the_cli_is_deterministic(tmp_path, to: str) -> None:
    runner = CliRunner()
    paths = []
    for run, inputs in enumerate(
        ([str(LISTING), str(LISTING.parent)], [str(LISTING.parent), str(LISTING)])
    ):
        out = tmp_path / f"run{run}.{to}"
        result = runner.invoke(cli, ["export", *inputs, "--to", to, "-o", str(out), "-q"])
        assert result.exit_code == 0, result.output
        paths.append(out)
    first, second = paths
    if to == "csv":
        for name in ("nodes.csv", "edges.csv"):
            assert (first / name).read_bytes() == (second / name).read_bytes()
    else:
        assert first.read_bytes() == second.read_bytes()


@pytest.mark.skipif(
    not MANY.exists(), reason=f"{MANY} is absent: real exports live beside the clone in CI"
)
def test_every_format_round_trips_a_real_wos_file(tmp_path) -> None:
    import igraph

    from graph import analyse, load

    G = analyse(load([str(MANY)])).graph
    n, m = G.number_of_nodes(), G.number_of_edges()
    for to in FORMATS:
        write_export(G, to, tmp_path / f"g.{to}")
    assert graphml_rule_breaks(tmp_path / "g.graphml") == []
    assert nx.read_graphml(tmp_path / "g.graphml", force_multigraph=True).number_of_edges() == m
    H = igraph.Graph.Read_GraphML(str(tmp_path / "g.graphml"))
    assert (H.vcount(), H.ecount()) == (n, m)
    back = nx.read_gexf(tmp_path / "g.gexf")
    assert (back.number_of_nodes(), back.number_of_edges()) == (n, m)
    document = json.loads((tmp_path / "g.json").read_text("utf-8"))
    assert (len(document["nodes"]), len(document["edges"])) == (n, m)
    rows = list(csv.DictReader((tmp_path / "g.csv" / "edges.csv").open(encoding="utf-8")))
    assert len(rows) == m
    vos = json.loads((tmp_path / "g.vosviewer").read_text("utf-8"))
    assert len(vos["network"]["items"]) == n


GRAPHML_TYPES = {"boolean", "int", "long", "float", "double", "string"}


def graphml_rule_breaks(path) -> list[str]:
    """Every way the file at ``path`` breaks GraphML 1.0's rules, walked with lxml alone."""
    root = etree.parse(str(path)).getroot()
    breaks: list[str] = []
    keys = {}
    for key in root.findall(f"{GRAPHML_NS}key"):
        if key.get("for") not in {"node", "edge", "graph", "all"}:
            breaks.append(f"key {key.get('id')} has for={key.get('for')!r}")
        if key.get("attr.type") not in GRAPHML_TYPES:
            breaks.append(f"key {key.get('id')} has attr.type={key.get('attr.type')!r}")
        keys[key.get("id")] = key.get("for")
    nodes = [n.get("id") for n in root.iter(f"{GRAPHML_NS}node")]
    if len(nodes) != len(set(nodes)):
        breaks.append("node ids repeat")
    known = set(nodes)
    for edge in root.iter(f"{GRAPHML_NS}edge"):
        for end in ("source", "target"):
            if edge.get(end) not in known:
                breaks.append(f"edge end {edge.get(end)!r} is no node")
    for data in root.iter(f"{GRAPHML_NS}data"):
        owner = etree.QName(data.getparent()).localname
        if keys.get(data.get("key")) not in {owner, "all"}:
            breaks.append(f"data {data.get('key')} on a {owner} is not declared for it")
    return breaks


def test_graphml_keeps_graphml_rules(listing_analysis, tmp_path) -> None:
    for name, G in (("listing", listing_analysis.graph), ("terms", listing_analysis.terms),
                    ("hostile", _hostile_graph())):  # fmt: skip
        path = tmp_path / f"{name}.graphml"
        write_graphml(G, path)
        assert graphml_rule_breaks(path) == [], name


def test_the_rule_walker_catches_a_broken_file(tmp_path) -> None:
    bad = tmp_path / "bad.graphml"
    bad.write_text(
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">'
        '<key id="d0" attr.name="x" attr.type="list"/>'
        '<graph><node id="a"><data key="d0">1</data></node><node id="a"/>'
        '<edge source="a" target="zz"/></graph></graphml>',
        "utf-8",
    )
    breaks = graphml_rule_breaks(bad)
    assert len(breaks) == 5  # no for=, bad type, repeated id, dangling edge, undeclared data
