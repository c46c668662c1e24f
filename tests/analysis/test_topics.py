"""Topic overlap on the bundled listing."""

from __future__ import annotations

import random

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import sparse

from graph.analysis.terms import STOP_WORDS
from graph.analysis.topics import topic_overlap
from graph.analysis.vectors import shared_terms, shared_terms_of_pairs
from graph.build import build_graph
from graph.readers import read
from tests.conftest import LISTING

WATSON_2015_2 = "Watson 2015, 19(2):68–72"
WATSON_2016_3 = "Watson 2016, 20(3):149–152"


@pytest.fixture(scope="module")
def typed() -> nx.DiGraph:
    return build_graph(read([str(LISTING)]).articles)


def _label(G: nx.Graph, node: str) -> str:
    return str(G.nodes[node]["label"])


def test_strongest_link_joins_two_day_in_the_life_articles(typed) -> None:
    T = topic_overlap(typed)
    u, v, data = max(T.edges(data=True), key=lambda e: e[2]["weight"])
    assert {_label(T, u), _label(T, v)} == {WATSON_2015_2, WATSON_2016_3}
    assert 0 < data["weight"] <= 1
    assert "reflections" in data["shared_terms"].split("; ")


def test_generic_words_and_labels_never_count(typed) -> None:
    T = topic_overlap(typed, threshold=0.0, top_k=20)
    terms = {t for _, _, d in T.edges(data=True) for t in d["shared_terms"].split("; ")}
    assert terms, "links must name their shared terms"
    for word in ("purpose", "paper", "findings", "originality", "value", "approach", "design"):
        assert word in STOP_WORDS
        assert not any(word in term.split() for term in terms)


def test_threshold_and_top_k_are_honoured(typed) -> None:
    loose = topic_overlap(typed, threshold=0.0, top_k=20)
    strict = topic_overlap(typed, threshold=0.2, top_k=20)
    assert all(d["weight"] >= 0.2 for _, _, d in strict.edges(data=True))
    assert strict.number_of_edges() < loose.number_of_edges()
    one = topic_overlap(typed, threshold=0.0, top_k=1)
    assert one.number_of_edges() <= one.number_of_nodes()


def test_default_gives_a_readable_graph(typed) -> None:
    T = topic_overlap(typed)
    assert T.number_of_nodes() == 11
    assert 3 <= T.number_of_edges() <= 30


def test_input_order_does_not_change_the_links(typed) -> None:
    articles = read([str(LISTING)]).articles
    random.Random(7).shuffle(articles)
    shuffled = topic_overlap(build_graph(articles))
    original = topic_overlap(typed)
    assert sorted(shuffled.edges(data=True)) == sorted(original.edges(data=True))


@given(
    st.integers(min_value=2, max_value=12),
    st.integers(min_value=1, max_value=8),
    st.integers(min_value=0, max_value=10_000),
    st.integers(min_value=1, max_value=6),
)
@settings(max_examples=60, deadline=None)
def test_shared_terms_of_many_pairs_agree_with_one_pair_at_a_time(
    rows: int, columns: int, seed: int, n: int
) -> None:
    # Ties in a term's part of the cosine are common here (values drawn from three),
    # so the order "largest part first, then lower column" is put to the test.
    rng = np.random.default_rng(seed)
    X = sparse.csr_matrix(rng.choice([0.0, 0.0, 0.5, 1.0, 2.0], size=(rows, columns)))
    terms = np.array([f"t{k}" for k in range(columns)], dtype=object)
    first, second = rng.integers(0, rows, size=(2, 3 * rows))
    batch = shared_terms_of_pairs(X, first, second, terms, n)
    one_by_one = [
        shared_terms(X, int(i), int(j), terms, n) for i, j in zip(first, second, strict=True)
    ]
    assert batch == one_by_one
