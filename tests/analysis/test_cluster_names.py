"""Co-author, coupling and citation clusters are named, as topic clusters are (#20 point 3)."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from graph import Analysis, analyse, load
from graph.cli import cli
from graph.kinds import ARTICLE, AUTHORED
from graph.view import ViewSpec, network_html

from ..conftest import DATA

WOS_120 = DATA / "terms" / "wos-many-authors-120.txt"


@pytest.fixture(scope="module")
def result() -> Analysis:
    return analyse(load([str(WOS_120)]))


def _text(G: nx.MultiDiGraph, article: str) -> str:
    data = G.nodes[article]
    return " ".join(str(data.get(k, "")) for k in ("title", "abstract", "keywords")).lower()


def _over_represented(G: nx.MultiDiGraph, term: str, inside: set[str]) -> bool:
    """Whether ``term`` is in a larger share of the ``inside`` articles than of the rest
    (its first word, as written: terms are singular, "consecutive man" of "men")."""
    articles = [n for n, k in G.nodes(data="kind") if k == ARTICLE]
    stem = term.lower().split()[0].rstrip("s")
    share = [sum(stem in _text(G, a) for a in group) / max(len(group), 1)
             for group in (inside, set(articles) - inside)]  # fmt: skip
    return share[0] > share[1]


def test_coauthor_clusters_are_named_by_their_articles_terms(result: Analysis) -> None:
    C, G = result.coauthors, result.graph
    names = C.graph["cluster_names"]
    assert len(names) >= 10
    assert len(set(names.values())) == len(names)  # no two clusters named alike
    checked = 0
    for community, name in names.items():
        people = {n for n, c in C.nodes(data="community") if c == community}
        articles = {a for p in people for _, a, k in G.out_edges(p, data="kind") if k == AUTHORED}
        if len(articles) < 2:
            continue
        assert all(C.nodes[p]["cluster_name"] == name for p in people)
        assert _over_represented(G, name.split("; ")[0], articles), (community, name)
        checked += 1
    assert checked >= 5


def test_coupling_clusters_are_named_and_citations_take_the_topic_names(result: Analysis) -> None:
    coupling = result.coupling
    assert coupling.graph["cluster_names"]
    named = [d for _, d in coupling.nodes(data=True) if "cluster_name" in d]
    assert len(named) > coupling.number_of_nodes() / 2
    topic_names = result.topics.graph["cluster_names"]
    for _, data in result.citations.nodes(data=True):
        if data.get("community") in topic_names:
            assert data["cluster_name"] == topic_names[data["community"]]


def test_the_coauthor_legend_names_its_clusters(result: Analysis) -> None:
    C = result.coauthors
    labels = {n: str(d.get("label", n)) for n, d in C.nodes(data=True)}
    page = network_html(C, ViewSpec("Co-authorship", "community", "articles", "", 42, labels))
    first = C.graph["cluster_names"][0]
    assert f"community 0: {first}" in page


def test_the_vosviewer_export_names_coauthor_clusters_as_the_build(
    result: Analysis, tmp_path: Path
) -> None:
    out = tmp_path / "build"
    built = CliRunner().invoke(cli, ["build", str(WOS_120), "-o", str(out), "-q"])
    assert built.exit_code == 0, built.output
    path = tmp_path / "coauthors.json"
    exported = CliRunner().invoke(
        cli, ["export", str(out), "--to", "vosviewer", "--view", "coauthors", "-o", str(path)]
    )
    assert exported.exit_code == 0, exported.output
    clusters = json.loads(path.read_text())["network"]["clusters"]
    names = result.coauthors.graph["cluster_names"]
    assert clusters and all(c["label"] == names[c["cluster"] - 1] for c in clusters
                            if c["cluster"] - 1 in names)  # fmt: skip
    assert sum(c["label"] == names.get(c["cluster"] - 1) for c in clusters) >= 10


def test_cocitation_clusters_are_named_by_the_articles_citing_them(result: Analysis) -> None:
    K, G = result.cocitation, result.graph
    names = K.graph["cluster_names"]
    assert len(names) >= 3 and len(set(names.values())) == len(names)
    checked = 0
    for community, name in names.items():
        works = {n for n, c in K.nodes(data="community") if c == community}
        assert all(K.nodes[w]["cluster_name"] == name for w in works)
        citing = {a for a, refs in result.cited.items()
                  if sum(r in works for r in refs) * 2 > sum(r in K for r in refs)}  # fmt: skip
        if len(citing) >= 2:
            assert _over_represented(G, name.split("; ")[0], citing), (community, name)
            checked += 1
    assert checked >= 3
