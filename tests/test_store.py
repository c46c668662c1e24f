"""The stored build: corpus tables, networks as tables, the store on disk, and the same
answers from it as from the records."""

from __future__ import annotations

import json
import os
from pathlib import Path

import duckdb
import networkx as nx
import polars as pl
import pyarrow.parquet as pq
import pytest

import graph
from graph.answers import stored_node_rows, stored_summary
from graph.errors import NoStore
from graph.networks import NETWORK_NAMES, NETWORKS
from graph.pipeline import analyse, load, metrics_document, network_of, node_rows, summary
from graph.reports import sort_rows
from graph.results import save_store, write_build
from graph.settings import Settings
from graph.store import open_store, store_dir
from tests.conftest import DATA, LISTING

WOS = DATA / "wos" / "savedrecs-optics-3.txt"
PUBMED = DATA / "pubmed" / "mcda-3.nbib"
EXPECTED = Path(__file__).parent / "golden"


@pytest.fixture(scope="module")
def wos_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[graph.Analysis, Path]:
    result = analyse(load([str(WOS)]))
    out = tmp_path_factory.mktemp("wos-build")
    save_store(result, out)
    return result, out


def _edges(G: nx.Graph) -> list[tuple[object, ...]]:
    """Every edge as (ends, key, sorted data); undirected ends in order. A weight stored
    as float64 beside floats compares equal to the int it was (1 == 1.0)."""
    edges = G.edges(keys=True, data=True) if G.is_multigraph() else G.edges(data=True)
    flip = not G.is_directed()
    out = []
    for e in edges:
        ends = tuple(sorted(e[:2])) if flip else tuple(e[:2])
        out.append((ends, e[2] if G.is_multigraph() else None, sorted(e[-1].items())))
    return sorted(out, key=lambda item: (item[0], str(item[1])))


@pytest.mark.parametrize("name", NETWORK_NAMES)
def test_every_network_comes_back_the_same_from_its_tables(wos_build, name) -> None:
    result, out = wos_build
    G, H = network_of(result, name), open_store(out).network(name).to_networkx()
    assert (G.is_directed(), G.is_multigraph()) == (H.is_directed(), H.is_multigraph())
    assert dict(G.nodes(data=True)) == dict(H.nodes(data=True))
    assert _edges(G) == _edges(H)
    assert H.number_of_nodes() == G.number_of_nodes()


def test_igraph_form_has_every_node_and_edge(wos_build) -> None:
    result, out = wos_build
    stored = open_store(out).network("coupling")
    g = stored.to_igraph()
    assert (g.vcount(), g.ecount()) == (
        result.coupling.number_of_nodes(),
        result.coupling.number_of_edges(),
    )
    assert sorted(g.vs["name"]) == sorted(result.coupling.nodes)
    assert sorted(g.es["weight"]) == sorted(w for _, _, w in result.coupling.edges(data="weight"))


def test_corpus_tables_agree_with_the_typed_graph(wos_build) -> None:
    result, out = wos_build
    store = open_store(out)
    kinds = summary(result)
    works, people = store.arrow("works"), store.arrow("people")
    assert (works.num_rows, people.num_rows, store.arrow("issues").num_rows) == (
        kinds["articles"],
        kinds["authors"],
        kinds["issues"],
    )
    authored = sum(1 for _, _, k in result.graph.edges(data="kind") if k == "authored")
    assert store.arrow("authorships").num_rows == authored
    # Every reference row is kept; those resolved inside the corpus are the cites edges.
    refs = store.table("references")
    resolved = refs.filter(
        pl.col("cited_work").is_not_null() & (pl.col("cited_work") != pl.col("work"))
    )
    cites = sum(1 for _, _, k in result.graph.edges(data="kind") if k == "cites")
    assert resolved.select(["work", "cited_work"]).unique().height == cites
    assert refs.height == sum(1 for _ in refs.iter_rows()) > cites
    ids = works.column("id").to_pylist()
    assert ids == sorted(ids)


def _without_terms(document: dict) -> dict:
    """``document`` without what the noun-phrase term map of #18 changed on purpose: the
    term nodes, the terms network, the cluster lists (now named, from noun phrases) and
    the term-map setting it added."""
    metrics = document["metrics"]
    metrics["nodes"] = [n for n in metrics["nodes"] if n["kind"] != "term"]
    metrics["networks"].pop("terms")
    for key in ("topic_clusters", "term_clusters"):
        metrics.pop(key)
    metrics["settings"].pop("term_relevance", None)
    metrics["settings"].pop("quality", None)
    for network in metrics["networks"].values():
        network.get("communities", {}).pop("quality", None)
    return document


@pytest.mark.parametrize(
    ("name", "files"),
    [
        pytest.param("listing", [LISTING], id="listing"),
        pytest.param("wos-optics", [WOS], id="wos"),
        pytest.param("pubmed-mcda", [PUBMED], id="pubmed"),
    ],
)
def test_same_counts_communities_and_metrics_as_before_the_store(name, files) -> None:
    """The golden files were written by the code before the store (commit 7d0f23d), with
    the issues' author count renamed from ``authors`` to ``author_count``. Everything but
    the term map (rebuilt from noun phrases in #18) is still the same, with Louvain, their
    method, pinned: Leiden is the default where installed since #18, and the reports name
    their quality function."""
    expected = json.loads((EXPECTED / f"before-store-{name}.json").read_text(encoding="utf-8"))
    expected = _without_terms(expected)
    result = analyse(load([str(f) for f in files]), Settings(communities="louvain"))
    document = metrics_document(result)
    document.pop("citegraph")
    counts = {k: v for k, v in summary(result).items() if k != "files"}
    now = json.loads(json.dumps({"summary": counts, "metrics": document}, sort_keys=True))
    now = _without_terms(now)
    assert now["summary"]["problem_list"] == expected["summary"]["problem_list"]
    assert now["metrics"]["nodes"] == expected["metrics"]["nodes"]
    assert now["metrics"]["networks"] == expected["metrics"]["networks"]
    assert now == expected


def test_stored_answers_equal_the_answers_from_records(wos_build) -> None:
    result, out = wos_build
    store = open_store(out)
    assert stored_node_rows(store) == node_rows(result)
    assert stored_node_rows(store, "author") == node_rows(result, "author")
    assert stored_summary(store) == json.loads(json.dumps(summary(result)))


@pytest.mark.parametrize("kind", [None, "author", "article", "issue", "term"])
def test_stored_rows_sort_and_cut_as_sort_rows_does(wos_build, kind) -> None:
    result, out = wos_build
    store = open_store(out)
    for key in ("label", "degree", "pagerank", "articles", "year", "bridging", "top_terms"):
        for top in (None, 3):
            expected = sort_rows(node_rows(result, kind), key, top)
            assert stored_node_rows(store, kind, key, top) == expected, (key, top)


def test_manifest_names_version_settings_and_every_input(wos_build) -> None:
    _, out = wos_build
    manifest = json.loads((out / "store" / "manifest.json").read_text(encoding="utf-8"))
    assert (manifest["schema"], manifest["citegraph"]) == (2, graph.__version__)
    assert manifest["settings"]["seed"] == 42
    [entry] = manifest["inputs"]
    assert entry["path"] == str(WOS)
    assert entry["bytes"] == WOS.stat().st_size
    assert len(entry["sha256"]) == 64
    assert set(manifest["tables"]) == set(open_store(out).tables)


def test_other_tools_read_the_files_as_they_are(wos_build) -> None:
    _, out = wos_build
    folder = out / "store"
    people = pl.read_parquet(folder / "people.parquet")
    assert pq.read_metadata(folder / "people.parquet").row_group(0).column(0).compression == "ZSTD"
    top = duckdb.sql(
        f"SELECT label, articles FROM read_parquet('{folder / 'people.parquet'}') "
        "ORDER BY articles DESC, label LIMIT 1"
    ).fetchall()
    best = people.sort(["articles", "label"], descending=[True, False]).row(0, named=True)
    assert top == [(best["label"], best["articles"])]


def test_the_store_is_replaced_whole_and_a_killed_swap_leaves_the_old_one(
    tmp_path, monkeypatch
) -> None:
    result = analyse(load([str(LISTING)]))
    save_store(result, tmp_path)
    first = open_store(tmp_path).manifest
    real_replace = os.replace
    calls = []

    def killed_after_first_rename(src, dst):  # the moment between the swap's two renames
        calls.append((src, dst))
        if len(calls) == 2:
            raise KeyboardInterrupt
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", killed_after_first_rename)
    other = analyse(load([str(WOS)]))
    with pytest.raises(KeyboardInterrupt):
        save_store(other, tmp_path)
    monkeypatch.setattr(os, "replace", real_replace)
    assert not (tmp_path / "store").exists()
    assert store_dir(tmp_path) == tmp_path / "store.old"
    assert open_store(tmp_path).manifest == first  # the previous build still answers
    save_store(other, tmp_path)
    assert store_dir(tmp_path) == tmp_path / "store"
    assert not (tmp_path / "store.old").exists()
    assert open_store(tmp_path).manifest["inputs"][0]["path"] == str(WOS)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".store-")] == []


def test_no_store_is_a_clear_error(tmp_path) -> None:
    with pytest.raises(NoStore, match="holds no citegraph build"):
        open_store(tmp_path)


def test_build_writes_the_store_beside_the_views(tmp_path) -> None:
    written = write_build(analyse(load([str(LISTING)])), tmp_path)
    assert tmp_path / "store" in written
    assert (tmp_path / "index.html").is_file()
    tables = set(open_store(tmp_path).tables)
    for spec in NETWORKS:
        nodes, edges = f"{spec.name}_nodes", f"{spec.name}_edges"
        assert ((nodes in tables) and (edges in tables)) != spec.needs_references
