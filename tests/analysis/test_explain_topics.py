"""Topic clusters and 'why': the listing's facts from issue 5."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from graph.analysis.explain import find_node, why
from graph.analysis.topics import topic_clusters
from graph.cli import cli
from graph.pipeline import linked
from tests.conftest import LISTING

DAY_IN_THE_LIFE = {"A day in the life of a peer support worker: beginnings",
                   "Watson 2016, 20(3):149–152", "Watson 2015, 19(2):68–72"}  # fmt: skip


def _labels(result, ids):
    return {result.graph.nodes[n]["label"] for n in ids}


def test_day_in_the_life_articles_share_a_cluster_without_hurley(listing_analysis) -> None:
    clusters = topic_clusters(listing_analysis.graph, listing_analysis.topics)
    home = next(c for c in clusters if _labels(listing_analysis, c["articles"]) >= DAY_IN_THE_LIFE)
    assert "Hurley 2015, 19(1):52–55" not in _labels(listing_analysis, home["articles"])
    assert home["terms"][:3] == ["experience", "account", "small number"]
    assert home["name"] == "experience; account; small number"
    assert home["top_authors"][0] == "Emma Watson"
    assert {a["label"] for a in home["central_articles"]} == DAY_IN_THE_LIFE
    assert sum(c["size"] for c in clusters) == 11


def test_why_names_the_shared_terms_of_the_strongest_link(listing_analysis) -> None:
    found = why(linked(listing_analysis), "Watson 2016, 20(3):149–152", "Watson 2015, 19(2):68–72")
    [topic] = [link for link in found["links"] if link["kind"] == "topic"]
    strongest = max(w for _, _, w in listing_analysis.topics.edges(data="weight"))
    assert topic["weight"] == strongest
    assert topic["shared_terms"].split("; ")[:2] == ["reflections", "experience"]


def test_why_between_two_authors_names_the_joint_article(listing_analysis) -> None:
    found = why(linked(listing_analysis), "Emma Watson", "author:name:oldknow|h")
    assert _labels(listing_analysis, found["joint_articles"]) == {"Lambert 2014, 9(4):222–231"}
    assert [link["kind"] for link in found["links"]] == ["coauthor"]
    assert len(found["shortest_path"]) == 2


def test_find_node_refuses_ambiguous_and_unknown_names(listing_analysis) -> None:
    with pytest.raises(LookupError, match="4 nodes match 'Watson'"):
        find_node(listing_analysis.graph, "Watson")
    with pytest.raises(LookupError, match="no node"):
        find_node(listing_analysis.graph, "Nobody At All")


def test_topics_and_why_commands() -> None:
    runner = CliRunner()
    clusters = json.loads(runner.invoke(cli, ["topics", str(LISTING), "--json", "-q"]).stdout)
    assert sum(c["size"] for c in clusters) == 11
    text = runner.invoke(cli, ["why", "Emma Watson", "Helen Oldknow", str(LISTING), "-q"])
    assert text.exit_code == 0 and "joint article" in text.output
    assert "Lambert 2014, 9(4):222–231" in text.output
    bad = runner.invoke(cli, ["why", "Watson", "Oldknow", str(LISTING), "-q"])
    assert bad.exit_code == 1 and bad.output.startswith("Error: 4 nodes match 'Watson'")


def test_why_lists_the_references_behind_a_coupling_link() -> None:
    from graph import analyse, load
    from tests.conftest import DATA

    result = analyse(load([str(DATA / f) for f in ("wos", "scopus", "openalex", "crossref")]))
    assert result.coupling.number_of_edges() > 0
    for u, v, data in result.coupling.edges(data=True):
        found = why(result.graph, u, v, result.vectors, result.cited)
        assert len(found["shared_references"]) == data["weight"]  # raw counting
        assert set(found["shared_references"]) == set(result.cited[u]) & set(result.cited[v])
