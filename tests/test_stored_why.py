"""``why`` and ``suggest`` answered from a store's tables give what the in-memory analysis
gives: the same links, joint articles, topic links, profile similarity and shared
references, a shortest path as short, and the same suggested co-authors."""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import sparse
from sklearn.preprocessing import normalize

from graph.analysis.explain import why
from graph.analysis.profiles import suggest_coauthors
from graph.analysis.vectors import unit_rows
from graph.neighbourhoods import NotAnAuthor, stored_suggest, stored_vectors, stored_why
from graph.pipeline import Analysis, analyse, linked, load
from graph.results import save_store
from graph.store import Store, open_store
from tests.conftest import DATA, LISTING

FILES = [LISTING, *(DATA / f for f in ("wos", "scopus", "openalex", "crossref"))]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Analysis, Store]:
    result = analyse(load([str(f) for f in FILES]))
    out = tmp_path_factory.mktemp("why")
    save_store(result, out)
    return result, open_store(out)


def _pairs(result: Analysis) -> list[tuple[str, str]]:
    """Pairs with every kind of evidence: coupled, co-authors, topic links, and authors,
    articles and issues taken pairwise."""
    pairs = [(u, v) for u, v in result.coupling.edges]
    pairs += [(u, v) for u, v in itertools.islice(result.coauthors.edges, 30)]
    pairs += [(u, v) for u, v in itertools.islice(result.topics.edges, 30)]
    by_kind: dict[str, list[str]] = {}
    for node, kind in sorted(result.graph.nodes(data="kind")):
        by_kind.setdefault(kind, []).append(node)
    for kind in ("author", "article", "issue"):
        pairs += list(itertools.combinations(by_kind[kind][:8], 2))
    pairs += list(zip(by_kind["author"][:10], by_kind["issue"][:10], strict=False))
    return pairs


def test_why_from_the_store_is_why_of_the_analysis(built) -> None:
    result, store = built
    G = linked(result)
    pairs = _pairs(result)
    assert len(pairs) > 150 and result.coupling.number_of_edges() > 0
    with_references = 0
    for u, v in pairs:
        expected = why(G, u, v, result.vectors, result.cited)
        found, labels = stored_why(store, u, v)
        path, expected_path = found.pop("shortest_path"), expected.pop("shortest_path")
        assert found == expected, (u, v)
        assert len(path) == len(expected_path), (u, v)
        steps = [step["id"] for step in path]
        assert all(G.has_edge(x, y) or G.has_edge(y, x) for x, y in itertools.pairwise(steps))
        for reference in found["shared_references"]:
            want = result.reference_labels.get(reference) or G.nodes[reference]["label"]
            assert labels[reference] == want
        with_references += bool(found["shared_references"])
    assert with_references > 0


def test_why_by_label_and_its_refusals(built) -> None:
    _, store = built
    found, labels = stored_why(store, "Emma Watson", "Helen Oldknow")
    assert [link["kind"] for link in found["links"]] == ["coauthor"]
    assert [labels[a] for a in found["joint_articles"]] == ["Lambert 2014, 9(4):222–231"]
    with pytest.raises(LookupError, match="4 nodes match 'Watson'"):
        stored_why(store, "Watson", "Oldknow")
    with pytest.raises(LookupError, match="no node has the id or label 'Nobody At All'"):
        stored_why(store, "Nobody At All", "Emma Watson")


def test_suggest_from_the_store_is_suggest_of_the_analysis(built) -> None:
    result, store = built
    authors = sorted(n for n, k in result.graph.nodes(data="kind") if k == "author")
    suggested = 0
    for author in authors[:: max(1, len(authors) // 25)]:
        label, found = stored_suggest(store, author, top=7)
        assert label == result.graph.nodes[author]["label"]
        assert found == suggest_coauthors(result.graph, result.vectors, author, top=7)
        suggested += len(found)
    assert suggested > 0
    with pytest.raises(NotAnAuthor, match="'Hurley 2015' is not an author"):
        stored_suggest(store, "Hurley 2015")


def test_stored_vectors_are_the_analysis_vectors(built) -> None:
    result, store = built
    vectors = stored_vectors(store)
    assert vectors.articles == result.vectors.articles
    assert (vectors.matrix != result.vectors.matrix).nnz == 0
    assert list(vectors.terms) == list(result.vectors.terms)


@settings(max_examples=200, deadline=None)
@given(
    st.integers(1, 12),
    st.integers(1, 12),
    st.lists(st.floats(-1e6, 1e6, allow_nan=False, allow_subnormal=False), max_size=60),
    st.randoms(use_true_random=False),
)
def test_unit_rows_agrees_with_scikit_learn_to_the_bit(rows, cols, values, rng) -> None:
    at = [(rng.randrange(rows), rng.randrange(cols)) for _ in values]
    X = sparse.csr_matrix(
        (values, ([r for r, _ in at], [c for _, c in at])), shape=(rows, cols), dtype=float
    )
    assert np.array_equal(unit_rows(X).toarray(), normalize(X).toarray())


def test_unit_rows_leaves_an_empty_matrix_empty(tmp_path: Path) -> None:
    assert unit_rows(sparse.csr_matrix((3, 0))).shape == (3, 0)
    assert unit_rows(sparse.csr_matrix((0, 4))).nnz == 0


def _links(G) -> list[tuple[str, str, list[tuple[str, object]]]]:
    """Every link with its attributes, sorted; an undirected link from its smaller end."""
    ends = [(u, v) if G.is_directed() else (min(u, v), max(u, v)) for u, v in G.edges()]
    return sorted((u, v, sorted(d.items(), key=repr))
                  for (u, v), (*_, d) in zip(ends, G.edges(data=True), strict=True))  # fmt: skip


@pytest.mark.parametrize("name", ["all", "coauthors", "topics", "terms", "coupling"])
@pytest.mark.parametrize("depth", [1, 2])
def test_a_neighbourhood_from_the_store_is_focus_view_of_the_analysis(built, name, depth):
    from graph.neighbourhoods import stored_ego
    from graph.pipeline import focus_view, network_of

    result, store = built
    network = network_of(result, name)
    centres = sorted(network.nodes)[:: max(1, network.number_of_nodes() // 6)]
    for centre in centres:
        ego, spec = focus_view(network, {}, centre, depth, name)
        found = stored_ego(store, name, centre, depth)
        # The same nodes and links with the same attributes; the store's are in id order.
        assert dict(found.graph.nodes(data=True)) == dict(ego.nodes(data=True))
        assert _links(found.graph) == _links(ego)
        assert (found.node, found.total) == (centre, network.number_of_nodes())
        assert (
            spec.title == f"{found.label}: {({1: '1 link'}).get(depth, f'{depth} links')} around it"
        )


def test_path_links_are_every_typed_and_projected_link_inside_the_typed_graph(built) -> None:
    result, store = built
    links = store.arrow("path_links")
    ids = sorted(result.graph.nodes)
    pairs = {(ids[u], ids[v]) for u, v in zip(*(links.column(c).to_pylist()
                                                for c in ("source", "target")), strict=True)}  # fmt: skip
    G = linked(result)
    assert {frozenset(p) for p in pairs} == {frozenset((u, v)) for u, v in G.edges()}


def test_the_record_formats_are_declared_once() -> None:
    from graph.readers import READERS
    from graph.settings import FORMATS

    assert tuple(READERS) == FORMATS


QUESTIONS = [
    ["why", "Emma Watson", "Helen Oldknow", "BUILD", "--json"],
    ["suggest", "BUILD", "--author", "Emma Watson"],
    ["metrics", "BUILD", "--top", "3"],
    ["stats", "BUILD"],
    ["info", "BUILD"],
]


@pytest.mark.parametrize("args", QUESTIONS, ids=lambda a: a[0])
def test_a_question_of_a_store_loads_no_heavy_library(built, args) -> None:
    """Startup is most of a stored answer: scikit-learn alone costs 1.5 s to import, and
    pandas (which pyarrow imports the first time a Python value becomes Arrow) 0.3 s."""
    from tests.imports import heavy_imports

    _, store = built
    argv = [str(store.path) if a == "BUILD" else a for a in args]
    heavy = ("sklearn", "igraph", "pydantic", "networkx", "pyvis", "polars", "pandas")
    assert heavy_imports(argv, heavy) == []


def test_a_store_written_before_path_links_finds_the_same_paths(built, tmp_path) -> None:
    import json
    import shutil

    _, store = built
    older = tmp_path / "store"
    shutil.copytree(store.path, older)
    manifest = json.loads((older / "manifest.json").read_text("utf-8"))
    del manifest["tables"]["path_links"]
    (older / "path_links.parquet").unlink()
    (older / "manifest.json").write_text(json.dumps(manifest), "utf-8")
    old = open_store(older)
    assert "path_links" not in old.tables
    for first, second in [("Emma Watson", "Di Hurley"), ("Emma Watson", "Helen Oldknow")]:
        assert stored_why(old, first, second) == stored_why(store, first, second)
        assert len(stored_why(old, first, second)[0]["shortest_path"]) > 1
