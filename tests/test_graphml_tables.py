"""GraphML written straight from a network's Arrow tables (graph.graphml): the text
functions agree with the standard library's, and what it writes reads back whole in
networkx and lxml, the same however the network was built."""

from __future__ import annotations

import math
from xml.sax.saxutils import escape, quoteattr

import networkx as nx
import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from graph.arrow import strings
from graph.export import write_graphml, xml_safe
from graph.graphml import escaped, quoted, write_network_graphml

# Text Arrow can hold (no lone surrogates), control characters and markup included.
TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=30)


@given(st.lists(st.one_of(st.none(), TEXT), max_size=20))
def test_strings_built_from_buffers_hold_the_values(values) -> None:
    assert strings(values).to_pylist() == values


@given(st.lists(TEXT, max_size=20))
def test_text_is_escaped_and_quoted_as_the_standard_library_does(values) -> None:
    kept = {"\r": "&#13;"}  # a parser reads a bare CR as a newline
    assert escaped(strings(values)).to_pylist() == [escape(xml_safe(v), kept) for v in values]
    assert quoted(strings(values)).to_pylist() == [quoteattr(xml_safe(v)) for v in values]


VALUE = st.one_of(
    st.none(),
    TEXT,
    st.integers(-(2**62), 2**62),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
)


@st.composite
def graphs(draw: st.DrawFn) -> nx.Graph:
    """A small graph whose attributes each hold one type (Arrow's rule), with gaps."""
    # Ids are citegraph's own (the readers replace control characters first), so two ids
    # never become one once made valid XML.
    ids = draw(st.lists(TEXT.filter(lambda t: t and xml_safe(t) == t), min_size=1, max_size=8,
                        unique=True))  # fmt: skip
    kinds = draw(st.dictionaries(st.sampled_from(["a", "b", "c", "label"]),
                                 st.sampled_from(["text", "int", "float", "bool"])))  # fmt: skip
    strategy = {"text": TEXT, "int": st.integers(-(2**62), 2**62), "bool": st.booleans(),
                "float": st.floats(allow_nan=False, allow_infinity=False)}  # fmt: skip
    G = nx.Graph()
    for node in ids:
        values = {k: draw(st.one_of(st.none(), strategy[kind])) for k, kind in kinds.items()}
        G.add_node(node, **{k: v for k, v in values.items() if v is not None})
    for u, v in draw(st.lists(st.tuples(st.sampled_from(ids), st.sampled_from(ids)), max_size=12)):
        G.add_edge(u, v, weight=draw(st.floats(0, 10, allow_nan=False)))
    return G


def _same_value(written: object, read: object) -> bool:
    if isinstance(written, float):
        return isinstance(read, float) and math.isclose(written, read, rel_tol=0, abs_tol=0)
    if isinstance(written, str):
        return read == xml_safe(written)
    return written == read


@settings(max_examples=300, deadline=None)
@given(graphs())
def test_every_node_edge_and_value_reads_back_in_networkx(tmp_path_factory, G) -> None:
    path = tmp_path_factory.mktemp("g") / "g.graphml"
    write_graphml(G, path)
    read_back = nx.read_graphml(path, node_type=str)
    # XML ids encode citegraph's (NMTOKEN); the citegraph_id data holds each one whole.
    back = nx.relabel_nodes(
        read_back, {n: d["citegraph_id"] for n, d in read_back.nodes(data=True)}
    )
    assert sorted(back.nodes) == sorted(xml_safe(n) for n in G.nodes)
    assert back.number_of_edges() == G.number_of_edges()
    for node, data in G.nodes(data=True):
        read = dict(back.nodes[xml_safe(node)])
        assert read.pop("citegraph_id") == xml_safe(node)
        # Cytoscape names a node by its ``name`` data: the label, else the id.
        name, label = read.pop("name"), read.get("label", xml_safe(node))
        assert name == label if isinstance(label, str) else name == str(label) or name
        assert set(read) == set(data)
        wrong = [(k, v, read[k]) for k, v in data.items() if not _same_value(v, read[k])]
        assert wrong == []
    for u, v, weight in G.edges(data="weight"):
        assert back.edges[xml_safe(u), xml_safe(v)]["weight"] == weight


def test_a_link_is_written_the_same_way_however_the_network_was_built(tmp_path) -> None:
    one, other = nx.Graph(), nx.Graph()
    one.add_edge("b", "a", weight=1.0)
    other.add_edge("a", "b", weight=1.0)
    for name, G in (("one", one), ("other", other)):
        write_graphml(G, tmp_path / f"{name}.graphml")
    text = (tmp_path / "one.graphml").read_text("utf-8")
    assert text == (tmp_path / "other.graphml").read_text("utf-8")
    assert '<edge id="e0" source="a" target="b">' in text


def test_a_directed_link_keeps_its_direction(tmp_path) -> None:
    G = nx.MultiDiGraph()
    G.add_edge("b", "a", key="cites")
    write_graphml(G, tmp_path / "g.graphml")
    back = nx.read_graphml(tmp_path / "g.graphml", force_multigraph=True)
    assert [(u, v, d["kind"]) for u, v, d in back.edges(data=True)] == [("b", "a", "cites")]
    text = (tmp_path / "g.graphml").read_text("utf-8")
    assert (
        '<graph edgedefault="directed">' in text and '<edge id="e0" source="b" target="a">' in text
    )


def test_large_tables_are_written_in_batches_with_nothing_lost(tmp_path) -> None:
    n = 120_007  # more than two batches of rows, not a multiple of one
    nodes = pa.table({"id": strings([f"n{i:06d}" for i in range(n)]),
                      "rank": pa.array([i / 7 for i in range(n)])})  # fmt: skip
    edges = pa.table({"source": strings([f"n{i:06d}" for i in range(n - 1)]),
                      "target": strings([f"n{i + 1:06d}" for i in range(n - 1)])})  # fmt: skip
    path = tmp_path / "big.graphml"
    write_network_graphml(nodes, edges, path, directed=True)
    root = etree.parse(str(path)).getroot()
    graph = root.find("{http://graphml.graphdrawing.org/xmlns}graph")
    assert graph is not None
    found = [e.get("id") for e in graph if e.tag.endswith("node")]
    assert found == [f"n{i:06d}" for i in range(n)]
    assert sum(1 for e in graph if e.tag.endswith("edge")) == n - 1
    last = graph.findall("{http://graphml.graphdrawing.org/xmlns}node")[-1]
    # citegraph_id, name (no label: the id), rank
    assert [d.text for d in last] == [f"n{n - 1:06d}", f"n{n - 1:06d}", repr((n - 1) / 7)]


def test_a_graphml_export_of_a_store_loads_neither_networkx_nor_pandas(listing_analysis,
                                                                     tmp_path) -> None:  # fmt: skip
    """The export answers from the tables: networkx and pandas cost 0.4 s and 0.3 s."""
    from graph.results import save_store
    from tests.imports import heavy_imports

    save_store(listing_analysis, tmp_path)
    target = tmp_path / "coauthors.graphml"
    argv = ["export", str(tmp_path), "--to", "graphml", "--view", "coauthors", "-o", str(target)]
    assert heavy_imports(argv, ("networkx", "pandas", "pyvis", "sklearn", "polars")) == []
    back = nx.read_graphml(target)
    assert back.number_of_nodes() == listing_analysis.coauthors.number_of_nodes()
    assert back.number_of_edges() == listing_analysis.coauthors.number_of_edges()
