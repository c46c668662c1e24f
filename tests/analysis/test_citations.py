"""Citation resolution, indicators, coupling and co-citation on hand-checked corpora."""

from __future__ import annotations

import math

import pytest

from graph.analysis.citations import bibliographic_coupling, citation_graph, cocitation, h_index
from graph.build import add_citations, build_graph, cited_works
from graph.models import Article, Author, Reference
from graph.normalize import article_id
from graph.readers import parse_file
from tests.conftest import DATA

ALLEN = Author(name="P. J. Allen", family="Allen", given="P. J.")


def corpus() -> list[Article]:
    cited_by_doi = Article(title="Cited by DOI", doi="10.1119/1.1972585", year=1966)
    cited_by_string = Article(
        title="Cited by string", year=1966, volume="34", pages="1185-1190", authors=[ALLEN]
    )
    cited_by_id = Article(title="Cited by id", ids={"openalex": "W7"})
    citing = Article(title="Citing", references=[
        Reference(raw="X, 1966, AM J PHYS, V1, P1, DOI 10.1119/1.1972585", doi="10.1119/1.1972585"),
        Reference(raw="ALLEN PJ, 1966, AM J PHYS, V34, P1185"),
        Reference(raw="W7", source_id="openalex:W7"),
        Reference(raw="BETH RA, 1936, PHYS REV, V50, P115"),
    ])  # fmt: skip
    return [cited_by_doi, cited_by_string, cited_by_id, citing]


def test_references_resolve_by_doi_source_id_and_reference_string() -> None:
    articles = corpus()
    cited, labels = cited_works(articles)
    assert cited[article_id(articles[3])] == [
        article_id(articles[0]), article_id(articles[1]), article_id(articles[2]),
        "reference:cr:beth|1936|50|115",
    ]  # fmt: skip
    assert labels == {"reference:cr:beth|1936|50|115": "BETH RA, 1936, PHYS REV, V50, P115"}


def test_citation_counts_in_the_graph() -> None:
    articles = corpus()
    G = build_graph(articles)
    add_citations(G, cited_works(articles)[0])
    citing = G.nodes[article_id(articles[3])]
    assert (citing["references"], citing["references_in_corpus"]) == (4, 3)
    assert [G.nodes[article_id(a)]["citations_in_corpus"] for a in articles] == [1, 1, 1, 0]
    assert citation_graph(G).number_of_edges() == 3


def test_h_index() -> None:
    assert h_index([3, 3, 3]) == 3 and h_index([5, 1, 1]) == 1 and h_index([1]) == 1


CITED = {"a": ["x", "y", "z"], "b": ["x", "y", "w"], "c": ["z"], "d": ["x", "y"]}


def test_coupling_weights_by_normalization() -> None:
    raw = bibliographic_coupling(CITED, min_weight=1)
    assert sorted(raw.edges(data="shared")) == [
        ("a", "b", 2),
        ("a", "c", 1),
        ("a", "d", 2),
        ("b", "d", 2),
    ]
    assert raw.edges["a", "b"]["references"] == "x; y"
    cosine = bibliographic_coupling(CITED, min_weight=1, normalization="cosine")
    assert cosine.edges["a", "b"]["weight"] == pytest.approx(2 / 3)
    assert cosine.edges["a", "d"]["weight"] == pytest.approx(2 / math.sqrt(6), abs=1e-6)
    jaccard = bibliographic_coupling(CITED, min_weight=1, normalization="jaccard")
    assert jaccard.edges["a", "b"]["weight"] == pytest.approx(2 / 4)
    assoc = bibliographic_coupling(CITED, min_weight=1, normalization="association")
    assert assoc.edges["a", "b"]["weight"] == pytest.approx(2 * 9 / (3 * 3), abs=1e-6)
    fractional = bibliographic_coupling(CITED, min_weight=1, counting="fractional")
    assert fractional.edges["a", "b"]["weight"] == pytest.approx(2 / 9, abs=1e-6)


def test_min_weight_and_top_k() -> None:
    assert sorted(bibliographic_coupling(CITED, min_weight=2).edges()) == [
        ("a", "b"),
        ("a", "d"),
        ("b", "d"),
    ]
    one = bibliographic_coupling(CITED, min_weight=1, top_k=1)
    # Each article keeps its single strongest link (ties to the lower index): a-b, b-a, c-a, d-a.
    assert sorted(one.edges()) == [("a", "b"), ("a", "c"), ("a", "d")]


def test_cocitation_keeps_outside_works_as_reference_nodes() -> None:
    K = cocitation(CITED, {"x": "X ref"}, min_weight=2)
    assert sorted(K.edges(data="shared")) == [("x", "y", 3)]
    assert K.edges["x", "y"]["articles"] == "a; b; d"
    assert K.nodes["x"]["label"] == "X ref" and K.nodes["x"]["citations"] == 3


def test_wos_fixture_references_resolve_within_the_fixture() -> None:
    _, articles, _ = parse_file(str(DATA / "wos/savedrecs-optics-3.txt"))
    cited, labels = cited_works(articles)
    total = sum(len(a.references) for a in articles)
    assert sum(len(v) for v in cited.values()) <= total
    assert all(key.startswith("reference:") for key in labels)


def _brute_pairs(M, min_weight: int, top_k: int) -> dict[tuple[int, int], tuple[float, int]]:
    """Every row's top k partners by shared count (ties by index), from the dense product."""
    S = (M @ M.T).astype(int)
    pairs: dict[tuple[int, int], tuple[float, int]] = {}
    for i in range(S.shape[0]):
        partners = sorted(
            (-S[i, j], j) for j in range(S.shape[0]) if j != i and S[i, j] >= min_weight
        )
        for negative, j in partners[:top_k]:
            pairs[(min(i, j), max(i, j))] = (float(-negative), int(-negative))
    return pairs


@pytest.mark.parametrize("seed", range(6))
def test_top_n_pairs_match_the_dense_product_with_many_ties(seed: int) -> None:
    """sparse_dot_topn returns ties at the cut in its own order; the exact recomputation of
    those rows must make the result equal the dense product's, ties broken by index."""
    import numpy as np
    from scipy import sparse

    from graph.analysis.citations import similar_pairs

    rng = np.random.default_rng(seed)
    dense = (rng.random((120, 40)) < 0.12).astype(float)  # few columns: ties everywhere
    found = similar_pairs(sparse.csr_array(dense), min_weight=2, top_k=3)
    assert found == _brute_pairs(dense, 2, 3)
    assert found  # the case is not empty


def test_evidence_in_small_chunks_is_the_same_as_in_one(monkeypatch) -> None:
    import numpy as np
    from scipy import sparse

    import graph.analysis.citations as citations

    rng = np.random.default_rng(7)
    A = sparse.csr_array((rng.random((60, 40)) < 0.3).astype(float))
    pairs = [(i, j) for i in range(60) for j in range(i + 1, 60) if (i * j) % 7 == 0]
    names = [f"w{k}" for k in range(40)]
    whole = citations._evidence(A, pairs, names)
    monkeypatch.setattr(citations, "_EVIDENCE_ENTRIES", 30)
    assert len(citations._chunks(np.diff(A.indptr)[np.array(pairs)].sum(axis=1), 30)) > 50
    assert citations._evidence(A, pairs, names) == whole
    assert sum(bool(e) for e in whole) > 100
