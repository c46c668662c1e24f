"""The whole run: the same input and seed give the same bytes."""

from __future__ import annotations

import json

from graph import analyse, load
from graph.pipeline import metrics_document, to_json, write_outputs
from tests.conftest import DATA, LISTING


def test_metrics_json_is_byte_identical_across_runs_and_input_order(tmp_path) -> None:
    inputs = [str(LISTING), str(DATA / "ris"), str(DATA / "wos")]
    first, second = tmp_path / "first", tmp_path / "second"
    write_outputs(analyse(load(inputs)), first)
    write_outputs(analyse(load(list(reversed(inputs)))), second)
    for name in ("metrics.json", "terms.graphml", "graph.graphml", "terms.html"):
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    document = json.loads((first / "metrics.json").read_text())
    assert document["settings"]["seed"] == 42 and document["term_clusters"]


def test_another_seed_is_recorded_and_still_whole() -> None:
    from graph.pipeline import Settings

    result = analyse(load([str(LISTING)]), Settings(seed=7))
    document = metrics_document(result)
    assert document["settings"]["seed"] == 7
    assert to_json(document) == to_json(metrics_document(result))
    assert sum(c["size"] for c in document["topic_clusters"]) == 11


def test_fractional_counting_weighs_coauthor_links() -> None:
    from graph.pipeline import Settings

    full = analyse(load([str(LISTING)]))
    fractional = analyse(load([str(LISTING)]), Settings(counting="fractional"))
    watson = "author:name:watson|e"
    shares = sum(d["fractional"] for _, _, d in full.coauthors.edges(watson, data=True))
    assert fractional.graph.nodes[watson]["weighted_degree"] == round(shares, 6)
    assert full.graph.nodes[watson]["weighted_degree"] == 3
    link = fractional.coauthors.edges[watson, "author:name:oldknow|h"]
    assert (link["joint_articles"], link["weight"]) == (1, link["fractional"])


def test_reported_stages_match_the_declared_ones(listing_analysis, tmp_path) -> None:
    """The progress bar's totals come from these lists, so they must not drift."""
    from graph.pipeline import ANALYSIS_STAGES, output_stages

    seen: list[str] = []
    result = analyse(load([str(LISTING)]), stage=seen.append)
    assert seen == list(ANALYSIS_STAGES)
    written: list[str] = []
    write_outputs(result, tmp_path, stage=written.append)
    assert written == output_stages(result)
