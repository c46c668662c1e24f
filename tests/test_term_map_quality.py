"""A term map an expert accepts (issue #18): the top terms of a real WoS fixture are noun
phrases with no nested fragments, hyphen twins or generic words; relevance decides what is
kept; clusters have distinct names that travel into `topics`, the views and the exports; a
VOSviewer thesaurus merges and drops; `topics` says how stable its clusters are."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.analysis.labels import is_fragment
from graph.analysis.termmap import FRAGMENT_SHARE, article_noun_terms, term_matrix
from graph.cli import cli
from graph.pipeline import analyse, load
from graph.store import open_store
from tests.conftest import DATA, LISTING, SHARED, build_each, export

WOS_120 = DATA / "terms" / "wos-many-authors-120.txt"
WOS_500 = SHARED / "real" / "wos" / "many-authors_500-records_metaknowledge.txt.xz"
# Words no expert counts as a domain term: the issue's own examples (generic nouns, words
# that are no noun phrase, MeSH check tags, structured-abstract labels) and their kin.
GENERIC = frozenset(
    """
    background objective objectives aim purpose method methods result results conclusion
    conclusions finding findings year years analysis study studies patient patients
    outcome outcomes group groups time rate level number effect data case treatment
    associated compared performed underwent respectively versus higher lower total ml ng
    female male aged humans human adult significant increased use
    """.split()  # noqa: SIM905
)


@pytest.fixture(scope="module")
def wos() -> object:
    return analyse(load([str(WOS_120)]))


def _top(M, n: int = 30) -> list[str]:
    ranked = sorted(M.nodes(data=True), key=lambda x: (-x[1]["occurrences"], x[0]))
    return [data["label"] for _, data in ranked[:n]]


def test_the_top_30_terms_have_no_fragment_twin_or_generic_word(wos) -> None:
    top = _top(wos.terms)
    assert len(top) == 30
    assert not set(top) & GENERIC, set(top) & GENERIC
    folded = [t.casefold().replace("-", " ") for t in top]
    assert len(set(folded)) == 30  # no hyphen or case twins
    articles, terms = article_noun_terms(wos.graph)
    keys = {data["label"]: node.removeprefix("term:") for node, data in wos.terms.nodes(data=True)}
    where = {k: {a for a, doc in zip(articles, terms.documents, strict=True) if k in doc}
             for k in (keys[t] for t in top)}  # fmt: skip
    for short in top:
        for long in top:
            if short != long and is_fragment(short, long) and len(short) < len(long):
                shared = len(where[keys[short]] & where[keys[long]])
                # A fragment stays only where it mostly stands alone.
                assert shared < FRAGMENT_SHARE * len(where[keys[short]]), (short, long)
    assert {"prostate specific antigen", "gleason score", "coronary artery bypass grafting"} <= set(
        top
    )


def test_nested_fragments_of_the_old_counting_are_gone(wos) -> None:
    labels = {data["label"] for _, data in wos.terms.nodes(data=True)}
    assert "coronary artery bypass grafting" in labels
    assert not labels & {"artery", "coronary artery", "artery bypass", "bypass grafting"}


def test_relevance_keeps_the_most_relevant_share(wos) -> None:
    found = article_noun_terms(wos.graph)
    themes = {n: int(c) for n, c in wos.topics.nodes(data="community")}
    _, _, every, all_scores = term_matrix(wos.graph, found=found, relevant_share=1.0,
                                          themes=themes)  # fmt: skip
    _, _, kept, scores = term_matrix(wos.graph, found=found, relevant_share=0.6, themes=themes)
    assert 0.55 * len(every) <= len(kept) <= 0.65 * len(every) + 1
    dropped = [s for t, s in zip(every, all_scores, strict=True) if t not in set(kept)]
    assert max(dropped) <= min(scores) + 1e-9


def _names(clusters: list[dict]) -> list[list[str]]:
    return [c["name"].split("; ") for c in clusters if c["name"]]


def test_every_cluster_name_is_distinct_and_without_fragments(tmp_path_factory) -> None:
    build = build_each(tmp_path_factory, {"wos": WOS_120})["wos"]
    results = open_store(build).document("results")
    for key in ("topic_clusters", "term_clusters"):
        names = _names(results[key])
        assert names and len({tuple(sorted(n)) for n in names}) == len(names), key
        for name in names:
            assert 1 <= len(name) <= 4 and len(set(name)) == len(name)
            assert not [(a, b) for a in name for b in name if a != b and is_fragment(a, b)]
        big = [c for c in results[key] if c["size"] >= 5]
        assert all(2 <= len(c["name"].split("; ")) <= 4 for c in big), key


def test_cluster_names_travel_into_topics_views_and_exports(tmp_path_factory) -> None:
    build = build_each(tmp_path_factory, {"wos": WOS_120})["wos"]
    topics = json.loads(CliRunner().invoke(cli, ["topics", str(build), "--json"]).stdout)
    first = topics[0]["name"]
    assert first and first in (build / "topics.html").read_text("utf-8")
    folder = tmp_path_factory.mktemp("exports")
    vos = json.loads(export(build, "topics", "vosviewer", folder / "t.json").read_text("utf-8"))
    exported = {c["cluster"]: c["label"] for c in vos["network"]["clusters"]}
    named = {c["cluster"]: c["name"] for c in topics}
    assert exported and all(exported[k] == named[k - 1] for k in exported if k - 1 in named)
    graphml = export(build, "terms", "graphml", folder / "t.graphml").read_text("utf-8")
    gexf = export(build, "terms", "gexf", folder / "t.gexf").read_text("utf-8")
    assert 'attr.name="cluster_name"' in graphml and 'title="cluster_name"' in gexf


def test_exports_name_clusters_as_topics_does_not_by_their_first_terms() -> None:
    """On the 10k corpus 10 of 78 topic names differ from the first three ranked terms
    ("digital signal processing; …" against "digital signal processing algorithm; …")."""
    from graph.export import cluster_names

    class Results:
        def document(self, name: str) -> dict[str, object]:
            assert name == "results"
            return {"topic_clusters": [
                {"cluster": 0, "name": "p300; event related potential",
                 "terms": ["p300 speller", "event related potential", "bci"]},
                {"cluster": 1, "name": "", "terms": ["x"]},
            ]}  # fmt: skip

        def network(self, name: str) -> object:  # the other networks name clusters on nodes
            from types import SimpleNamespace

            import pyarrow as pa

            named = {"id": ["a", "b", "c"], "community": [1, 0, 1],
                     "cluster_name": ["ssvep; speller", None, "ssvep; speller"]}  # fmt: skip
            if name == "cocitation":
                del named["cluster_name"]
            return SimpleNamespace(nodes=pa.table(named))

    assert cluster_names(Results(), "topics") == {0: "p300; event related potential"}  # type: ignore[arg-type]
    assert cluster_names(Results(), "coupling") == {1: "ssvep; speller"}  # type: ignore[arg-type]
    assert cluster_names(Results(), "cocitation") == {}  # type: ignore[arg-type]


def test_a_vosviewer_thesaurus_merges_and_drops_terms_and_renames_authors(tmp_path) -> None:
    thesaurus = tmp_path / "thesaurus.txt"
    thesaurus.write_text("label\treplace by\npeer support worker\tPSW\nreflections\t\n"
                         "Emma Watson\tEmma J. Watson\n", "utf-8")  # fmt: skip
    out = tmp_path / "build"
    result = CliRunner().invoke(cli, ["build", str(LISTING), "--out", str(out), "-q",
                                      "--thesaurus", str(thesaurus)])  # fmt: skip
    assert result.exit_code == 0, result.output
    store = open_store(out)
    labels = set(store.network("terms").nodes.column("label").to_pylist())
    assert "PSW" in labels and "peer support worker" not in labels and "reflections" not in labels
    people = set(store.arrow("people").column("label").to_pylist())
    assert "Emma J. Watson" in people and "Emma Watson" not in people


def test_a_thesaurus_not_in_vosviewer_format_is_one_clear_error(tmp_path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("label,replace by\nx,y\n", "utf-8")
    result = CliRunner().invoke(cli, ["build", str(LISTING), "--out", str(tmp_path / "b"), "-q",
                                      "--thesaurus", str(bad)])  # fmt: skip
    assert result.exit_code == 1
    assert result.output == (
        f"Error: {bad}: line 1: is not the header 'label<TAB>replace by' (VOSviewer's thesaurus "
        "format: a 'label<TAB>replace by' header, then label<TAB>replacement)\n"
    )


def test_topics_says_how_stable_its_clusters_are(tmp_path) -> None:
    result = CliRunner().invoke(cli, ["topics", str(LISTING), "-q", "--csv"])
    assert result.exit_code == 0
    assert result.stderr == "the topic clusters agree across seeds: ARI 1.00 over 10 runs\n"
    terms = CliRunner().invoke(cli, ["topics", str(LISTING), "-q", "--csv", "--term-map"])
    assert terms.stderr == "the terms clusters agree across seeds: ARI 0.86 over 10 runs\n"
    args = ["topics", str(LISTING), "-q", "--csv", "--term-map", "--communities", "louvain"]
    louvain = CliRunner().invoke(cli, args)  # Leiden, the default, is steadier here
    assert louvain.stderr == "the terms clusters agree across seeds: ARI 0.85 over 10 runs\n"


@pytest.mark.skipif(
    not WOS_500.exists(), reason=f"{WOS_500} is absent: the real exports live beside the clone"
)
def test_the_500_record_top_30_has_no_generic_word(tmp_path: Path) -> None:
    import lzma

    source = tmp_path / "wos500.txt"
    source.write_bytes(lzma.decompress(WOS_500.read_bytes()))
    top = _top(analyse(load([str(source)])).terms)
    assert not set(top) & GENERIC and len({t.replace("-", " ") for t in top}) == 30


JUDGED = {"judged-top100-wos-many-authors-500.tsv": (54, 31, 0, 15),
          "judged-top100-pubmed-mcda-335.tsv": (40, 55, 0, 5)}  # fmt: skip


@pytest.mark.parametrize(("name", "counts"), sorted(JUDGED.items()))
def test_the_judged_top_100_lists_hold_the_counts_the_readme_gives(name, counts) -> None:
    import csv
    from collections import Counter

    with (DATA / "terms" / name).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    assert [int(r["rank"]) for r in rows] == list(range(1, 101))
    found = Counter(r["judgement"] for r in rows)
    kinds = ("domain", "generic", "not-noun-phrase", "fragment-or-duplicate")
    assert set(found) <= set(kinds) and tuple(found[k] for k in kinds) == counts
