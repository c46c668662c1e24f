"""Terms, the term map, topic profiles and corpus indicators."""

from __future__ import annotations

import networkx as nx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from graph import load
from graph.analysis.bibliometrics import articles_per_year, issue_indicators, lotka
from graph.analysis.profiles import articles_of, profile_overlap, suggest_coauthors
from graph.analysis.termmap import cooccurrences, term_clusters, term_map
from graph.analysis.terms import (
    STOP_WORDS,
    article_terms,
    min_occurrences,
    ngrams,
    phrases,
    plural_folds,
    words,
)
from graph.pipeline import analyse
from tests.conftest import SHARED

BIODIVERSITY = SHARED / "real" / "ris" / "scopus-export_biodiversity-2023.ris.xz"

texts = st.lists(
    st.sampled_from(list("abcdefgh ABC.,;:-'s\n0123éü"))
    | st.sampled_from(
        [" the ", " paper ", " purpose ", " workers ", " worker ", " for ", " studies "]
    ),
    max_size=80,
).map("".join)


@given(st.lists(texts, min_size=1, max_size=5))
def test_terms_are_one_to_three_words_never_stop_words(documents: list[str]) -> None:
    for document in article_terms(documents):
        for term in ngrams(document):
            parts = term.split(" ")
            assert 1 <= len(parts) <= 3
            assert not set(parts) & STOP_WORDS
            assert term == term.casefold() and not any(ch.isdigit() for ch in term[:1])


@given(st.lists(texts, min_size=1, max_size=5))
def test_plural_folding_maps_only_onto_words_in_the_corpus(documents: list[str]) -> None:
    vocabulary = {w for doc in documents for chunk in words(doc) for w in chunk}
    for plural, singular in plural_folds(vocabulary).items():
        assert singular in vocabulary and plural != singular


def test_phrases_break_at_punctuation_and_stop_words() -> None:
    found = phrases(words("Peer support workers. Ward staff; the quality of life"))
    assert found == [["peer", "support", "workers"], ["ward", "staff"], ["quality"], ["life"]]


def test_plurals_fold_across_the_corpus() -> None:
    [first, second] = article_terms(["Peer support workers", "A peer support worker"])
    assert first == second == [["peer", "support", "worker"]]


def test_min_occurrences_scales_with_the_corpus() -> None:
    assert [min_occurrences(n) for n in (5, 11, 244, 10_000, 100_000)] == [1, 2, 5, 33, 105]


def _typed(texts_by_year: list[tuple[str, int]]) -> nx.DiGraph:
    G = nx.DiGraph()
    for i, (text, year) in enumerate(texts_by_year):
        G.add_node(f"a{i}", kind="article", label=f"a{i}", title=text, year=year)
    return G


def test_association_strength_by_hand() -> None:
    G = _typed([("Peer and ward.", 2020), ("Peer and home.", 2021),
                ("Peer and ward.", 2022), ("Smoke and ward.", 2022)])  # fmt: skip
    M = term_map(G, min_df=2, top_k=10, relevant_share=1.0)
    # peer in 3 articles, ward in 3, both in 2; 4 articles: 2 × 4 / (3 × 3).
    link = M.edges["term:peer", "term:ward"]
    assert link["cooccurrences"] == 2
    assert link["weight"] == pytest.approx(2 * 4 / 9, abs=1e-6)
    assert link["articles"] == "a0; a2"
    assert M.nodes["term:ward"]["avg_year"] == pytest.approx((2020 + 2022 + 2022) / 3, abs=0.01)
    assert M.nodes["term:peer"]["kind"] == "term" and M.nodes["term:peer"]["occurrences"] == 3


def test_fractional_cooccurrence_shares_one_unit_per_article() -> None:
    from scipy import sparse

    B = sparse.csc_matrix([[1, 1, 1, 1], [1, 1, 0, 0]])
    C = cooccurrences(B, "fractional")
    # Article 0 has 4 terms: each term's links from it add to 1; article 1 has 2 terms.
    assert C.sum(axis=1).tolist() == [[2.0], [2.0], [1.0], [1.0]]


def test_term_map_of_the_listing(listing_analysis) -> None:
    M = listing_analysis.terms
    assert M.number_of_nodes() >= 20 and all(k == "term" for _, k in M.nodes(data="kind"))
    assert "term:peer support worker" in M and "term:mental health service" in M
    assert "term:peer support" not in M  # a fragment that keeps to its whole
    for _, _, data in M.edges(data=True):
        assert data["kind"] == "cooccurrence" and data["articles"]
    clusters = term_clusters(M)
    assert sum(c["size"] for c in clusters) == M.number_of_nodes()


@pytest.mark.skipif(not BIODIVERSITY.exists(), reason="needs ../shared/data (real exports)")
def test_biodiversity_term_map_has_recognisable_clusters() -> None:
    M = analyse(load([str(BIODIVERSITY)])).terms  # relevance over the topic themes
    labels = [set(c["terms"]) for c in term_clusters(M, n_terms=8)]
    for theme in ("citizen science", "remote sensing", "machine learning", "climate change"):
        assert any(theme in term for terms in labels for term in terms), theme
    # The themes are told apart, not lumped into one cluster.
    homes = {i for i, terms in enumerate(labels) for t in ("citizen science", "machine learning")
             if t in terms}  # fmt: skip
    assert len(homes) == 2


def test_suggestions_never_include_coauthors(listing_analysis) -> None:
    G, vectors = listing_analysis.graph, listing_analysis.vectors
    watson = "author:name:watson|e"
    found = suggest_coauthors(G, vectors, watson, top=20, threshold=0.0)
    mine = articles_of(G, watson)
    assert found and all(not (articles_of(G, s["id"]) & mine) for s in found)
    coauthors = set(listing_analysis.coauthors[watson])
    assert not coauthors & {s["id"] for s in found}
    assert [s["similarity"] for s in found] == sorted(
        (s["similarity"] for s in found), reverse=True
    )
    assert found[0]["shared_terms"]


def test_issue_topic_overlap_is_in_the_linked_graph(listing_analysis) -> None:
    from graph.pipeline import linked

    G = linked(listing_analysis)
    links = [(u, v, d) for u, v, d in G.edges(data=True) if d["kind"] == "issue_topic"]
    assert links and all(G.nodes[u]["kind"] == G.nodes[v]["kind"] == "issue" for u, v, _ in links)
    threshold = listing_analysis.settings.topic_threshold
    issues = profile_overlap(G, listing_analysis.vectors, "issue", threshold)
    assert issues.number_of_edges() == len(links)


def test_issue_indicators_of_the_listing(listing_analysis) -> None:
    found = issue_indicators(
        listing_analysis.graph, listing_analysis.coauthors, listing_analysis.vectors
    )
    lambert = next(v for k, v in found.items() if ":9:4" in k)
    assert (lambert["articles"], lambert["author_count"], lambert["coauthorship_density"]) == (
        1,
        4,
        1.0,
    )
    assert "transition" in lambert["top_terms"]


def test_corpus_indicators(listing_analysis) -> None:
    assert articles_per_year(listing_analysis.graph) == {
        "2014": 3, "2015": 3, "2016": 2, "2018": 2, "2020": 1,
    }  # fmt: skip
    fit = lotka([1] * 60 + [2] * 15 + [3] * 7 + [4] * 4 + [6] * 2)
    assert fit["exponent"] == pytest.approx(2.0, abs=0.1) and fit["r_squared"] > 0.95
    assert "fit" in lotka([1, 1, 5])  # two points are no test of a law
