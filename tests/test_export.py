"""GraphML export: loads back with the same nodes, edges, kinds and weights."""

from __future__ import annotations

import networkx as nx
from lxml import etree

from graph.export import write_graphml

GRAPHML_NS = "{http://graphml.graphdrawing.org/xmlns}"


def test_graphml_round_trip(listing_analysis, tmp_path) -> None:
    G = listing_analysis.graph
    path = tmp_path / "graph.graphml"
    write_graphml(G, path)
    back = nx.read_graphml(path, force_multigraph=True)
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
    write_graphml(listing_analysis.graph, path)
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
