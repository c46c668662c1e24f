"""Answers that walk a stored build's networks: why two nodes are linked (the links between
them, the articles behind them, their shortest path, shared terms and references), whom
to suggest as a co-author, and a node's neighbourhood, as :mod:`graph.pipeline` finds
them from records. The table lookups that need no matrix are in :mod:`graph.answers`.
scipy (0.2–0.3 s to import) is imported only by the answers that make a matrix, so a
neighbourhood for ``view`` is found with numpy alone.

>>> import tempfile
>>> from graph.pipeline import analyse, load
>>> from graph.results import save_store
>>> out = tempfile.mkdtemp()
>>> _ = save_store(analyse(load(["data/peer-support-listing.txt"])), out)
>>> why, _ = stored_why(open_store(out), "Emma Watson", "Helen Oldknow")
>>> [step["label"] for step in why["shortest_path"]][::len(why["shortest_path"]) - 1]
['Emma Watson', 'Helen Oldknow']
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from graph.analysis.lookup import match_node
from graph.arrow import integers, numbers, strings, text
from graph.errors import StoreVersion
from graph.kinds import (
    ARTICLE,
    AUTHOR,
    AUTHORED,
    COAUTHOR,
    COCITATION,
    COUPLING,
    ISSUE,
    ISSUE_TOPIC,
    PUBLISHED_IN,
    REFERENCE,
    TOPIC,
    scalars,
)
from graph.store import Store, open_store

if TYPE_CHECKING:
    from scipy import sparse

    from graph.analysis.vectors import TermVectors

__all__ = ["open_store"]


@dataclass(frozen=True)
class TypedNodes:
    """The typed graph's nodes in id order: what ``why`` and ``suggest`` look names up in."""

    ids: list[str]
    kinds: list[str]
    labels: list[str]

    def at(self, node: str) -> int:
        """The row of node id ``node`` (where it would go, when it is not a node)."""
        return bisect.bisect_left(self.ids, node)

    def has(self, node: str) -> bool:
        """Whether ``node`` is a node id."""
        at = self.at(node)
        return at < len(self.ids) and self.ids[at] == node

    def label(self, node: str) -> str:
        """The label of node ``node``."""
        return self.labels[self.at(node)]


def describe_nodes(store: Store, ids: list[str]) -> list[str]:
    """What tells the nodes ``ids`` apart (:func:`graph.reports.node_hint`), one text each.

    >>> import tempfile
    >>> from graph.pipeline import analyse, load
    >>> from graph.results import save_store
    >>> out = tempfile.mkdtemp()
    >>> _ = save_store(analyse(load(["data/peer-support-listing.txt"])), out)
    >>> describe_nodes(open_store(out), ["author:name:watson|e", "issue:none"])
    ['5 articles, 2014–2016', '']
    """
    from graph.reports import node_hint

    columns = ("id", "kind", "articles", "first_year", "last_year", "orcid", "year", "journal")
    stored = store.manifest["tables"]["all_nodes"]["columns"]
    table = store.columns("all_nodes", tuple(c for c in columns if c in stored))
    rows = table.filter(pc.is_in(table.column("id"), value_set=strings(ids))).to_pylist()
    found = {row["id"]: node_hint(row) for row in rows}
    return [found.get(node, "") for node in ids]


def _describer(store: Store) -> Callable[[list[str]], list[str]]:
    return lambda ids: describe_nodes(store, ids)


def typed_nodes(store: Store) -> TypedNodes:
    """The ids, kinds and labels of the typed graph's nodes (``all_nodes``), sorted by id."""
    table = store.columns("all_nodes", ("id", "kind", "label"))
    table = table.sort_by([("id", "ascending")])
    ids, kinds, labels = (table.column(c).to_pylist() for c in ("id", "kind", "label"))
    return TypedNodes(ids, [str(k) for k in kinds], [str(label) for label in labels])


def _typed_edges(store: Store, kind: str) -> pa.Table:
    table = store.columns("all_edges", ("source", "target", "key"))
    return table.filter(pc.equal(table.column("key"), text(kind)))


def articles_behind(store: Store, node: str, kind: str) -> set[str]:
    """:func:`graph.analysis.profiles.articles_of` from the store: an article itself, an
    author's articles or an issue's articles."""
    if kind == ARTICLE:
        return {node}
    if kind not in (AUTHOR, ISSUE):
        return set()
    edges = _typed_edges(store, AUTHORED if kind == AUTHOR else PUBLISHED_IN)
    mine, other = ("source", "target") if kind == AUTHOR else ("target", "source")
    return set(edges.filter(pc.equal(edges.column(mine), text(node))).column(other).to_pylist())


def _matching(store: Store, name: str, mask: pa.ChunkedArray) -> list[dict[str, Any]]:
    """The rows of table ``name`` where ``mask`` (made from a few of its columns) holds,
    all columns; the rest of the table is read only when some row matches."""
    if not pc.any(mask).as_py():
        return []
    return list(store.arrow(name).filter(mask).to_pylist())


def _ends(store: Store, name: str) -> pa.Table:
    return store.columns(name, ("source", "target"))


def _pair(store: Store, name: str, a: str, b: str) -> list[dict[str, Any]]:
    ends = _ends(store, name)
    src, dst = ends.column("source"), ends.column("target")
    a, b = text(a), text(b)
    forward = pc.and_(pc.equal(src, a), pc.equal(dst, b))
    return _matching(store, name, pc.or_(forward, pc.and_(pc.equal(src, b), pc.equal(dst, a))))


def links_between(store: Store, a: str, b: str) -> list[dict[str, object]]:
    """Every link of ``a`` and ``b`` in the typed graph and the projections ``why`` walks
    (:data:`LINKED`), as :func:`graph.analysis.explain.why` lists them: a → b then b → a,
    by kind; a projection's link runs from the smaller id."""
    found: list[tuple[bool, str, dict[str, object]]] = []
    for name, kind in (("all", None), *LINKED):
        if f"{name}_edges" not in store.tables:
            continue
        for row in _pair(store, f"{name}_edges", a, b):
            u, v = row.pop("source"), row.pop("target")
            if kind is not None:
                u, v = sorted((u, v))
                row = scalars({**{k: x for k, x in row.items() if x is not None}, "kind": kind})
            key = str(row.pop("key", None) or kind)
            data = {k: x for k, x in row.items() if x is not None}
            found.append((u != a, key, {"kind": data.pop("kind", None), "from": u, "to": v,
                                        **data}))  # fmt: skip
    return [link for *_, link in sorted(found, key=lambda f: f[:2])]


# The projections whose links ``why`` walks beside the typed graph's own, in the order the
# analysis made them (the shortest path it reports depends on it).
LINKED = (("coauthors", COAUTHOR), ("topics", TOPIC), ("issues", ISSUE_TOPIC),
          ("coupling", COUPLING), ("cocitation", COCITATION))  # fmt: skip


def stored_vectors(store: Store) -> TermVectors:
    """Each article's TF-IDF row, from the store (rows in the works' order)."""
    from scipy import sparse

    from graph.analysis.vectors import TermVectors

    works = store.columns("works", ("id",)).column("id").to_pylist()
    tfidf = store.arrow("tfidf")
    terms = np.array(store.arrow("vocabulary").column("text").to_pylist(), dtype=object)
    # The rows were stored in the CSR's own order (row by row, each row's entries as the
    # analysis had them): rebuilt as they were, sums over them add up to the same bits.
    rows = numbers(tfidf.column("work"))
    if len(rows) and np.any(np.diff(rows) < 0):
        raise StoreVersion(str(store.path))  # not written by this layout's build
    indptr = np.concatenate([[0], np.cumsum(np.bincount(rows, minlength=len(works)))])
    matrix = sparse.csr_matrix(
        (numbers(tfidf.column("weight")), numbers(tfidf.column("term")), indptr),
        shape=(len(works), len(terms)),
    )
    return TermVectors(works, matrix, terms)


def _ends_at(
    edges: pa.Table, sources: pa.Array, targets: pa.Array
) -> tuple[np.ndarray, np.ndarray]:
    """Each link of ``edges`` as the positions of its ends in ``sources`` and ``targets``;
    a link with an end in neither (a cited work outside the typed graph) is left out."""
    missing = integers(np.array([-1]), pa.int32())[0]
    u, v = (numbers(pc.fill_null(pc.index_in(edges.column(end), value_set=ids), missing))
            for end, ids in (("source", sources), ("target", targets)))  # fmt: skip
    keep = (u >= 0) & (v >= 0)
    return u[keep].astype(np.int64), v[keep].astype(np.int64)


PATH_LINKS = "path_links"
"""The table of every link ``why`` walks, as rows of ``all_nodes`` in id order."""


def path_links(ids: pa.Array, edges: Callable[[str], pa.Table | None]) -> pa.Table:
    """The links of the typed graph and of the projections (:data:`LINKED`) as pairs of
    rows of ``ids`` (the typed graph's node ids, sorted): ``source`` and ``target``,
    int32. ``edges(name)`` gives a network's edge table, or None when it was not built;
    links to a cited work outside the typed graph are left out.

    >>> import pyarrow as pa
    >>> links = {"all": pa.table({"source": ["b"], "target": ["a"]}),
    ...          "coauthors": pa.table({"source": ["a"], "target": ["x"]})}
    >>> path_links(pa.array(["a", "b"]), links.get).to_pylist()
    [{'source': 1, 'target': 0}]
    """
    rows, cols = [], []
    for name in ("all", *(n for n, _ in LINKED)):
        table = edges(name)
        if table is not None:
            u, v = _ends_at(table, ids, ids)
            rows.append(u.astype(np.int32))
            cols.append(v.astype(np.int32))
    empty = np.array([], np.int32)
    return pa.table({"source": np.concatenate([empty, *rows]),
                     "target": np.concatenate([empty, *cols])})  # fmt: skip


def _stored_links(store: Store, nodes: TypedNodes) -> pa.Table:
    if PATH_LINKS in store.tables:
        return store.arrow(PATH_LINKS)

    def edges(name: str) -> pa.Table | None:  # a store written before the table was
        return _ends(store, f"{name}_edges") if f"{name}_edges" in store.tables else None

    return path_links(strings(nodes.ids), edges)


def shortest_path(store: Store, nodes: TypedNodes, a: str, b: str) -> list[str]:
    """A shortest path from ``a`` to ``b`` over the typed graph's links and the
    projections' (:func:`path_links`), links taken both ways; [] when none joins them."""
    links = _stored_links(store, nodes)
    ends = (numbers(links.column("source")), numbers(links.column("target")))
    start, end = nodes.at(a), nodes.at(b)
    before = breadth_first(len(nodes.ids), *ends, start, end)
    if before[end] < 0:
        return []
    path = [end]
    while path[-1] != start:
        path.append(int(before[path[-1]]))
    return [nodes.ids[i] for i in reversed(path)]


def breadth_first(n: int, u: np.ndarray, v: np.ndarray, start: int, end: int) -> np.ndarray:
    """Each node's predecessor on a breadth-first search from ``start`` over the links
    ``u``–``v`` (both ways) of ``n`` nodes, stopped once ``end`` is reached: -1 where not
    reached, ``start`` for itself. Each layer is taken in id order, and a node's
    predecessor is the first of the layer before to reach it. On numpy alone: scipy's
    would cost 0.3 s to import, a third of a query's budget.

    >>> breadth_first(4, np.array([0, 1, 0]), np.array([1, 2, 2]), 0, 2).tolist()
    [0, 0, 0, -1]
    """
    source, target = np.concatenate([u, v]), np.concatenate([v, u])
    order = np.lexsort((target, source))
    source, target = source[order], target[order]
    starts = np.searchsorted(source, np.arange(n + 1))
    before = np.full(n, -1, np.int64)
    before[start] = start
    layer = np.array([start], np.int64)
    while len(layer) and before[end] < 0:
        counts = starts[layer + 1] - starts[layer]
        offsets = np.repeat(starts[layer] - np.cumsum(counts) + counts, counts)
        reached = target[offsets + np.arange(int(counts.sum()))]
        came = np.repeat(layer, counts)
        fresh = before[reached] < 0
        layer, first = np.unique(reached[fresh], return_index=True)
        before[layer] = came[fresh][first]
    return before


def topic_links_between(
    store: Store, a: str, b: str, mine: set[str], theirs: set[str]
) -> list[dict[str, Any]]:
    """The topic links from an article of ``mine`` to one of ``theirs`` (but the direct
    link of ``a`` and ``b``, listed once among the links), strongest first."""
    if "topics_edges" not in store.tables:
        return []
    ends = _ends(store, "topics_edges")
    either = strings(sorted(mine | theirs))
    mask = pc.and_(pc.is_in(ends.column("source"), value_set=either),
                   pc.is_in(ends.column("target"), value_set=either))  # fmt: skip
    found: list[dict[str, Any]] = []
    for row in _matching(store, "topics_edges", mask):
        data = scalars({k: x for k, x in row.items() if x is not None})
        for x, y in ((row["source"], row["target"]), (row["target"], row["source"])):
            if x in mine and y in theirs and x != y and {x, y} != {a, b}:
                found.append({"articles": [x, y], "weight": data.get("weight"),
                              "shared_terms": data.get("shared_terms")})  # fmt: skip
    found.sort(key=lambda t: t["articles"])
    return sorted(found, key=lambda t: -float(t["weight"] or 0))


def _work_rows(store: Store, articles: set[str]) -> np.ndarray:
    works = store.columns("works", ("id",)).column("id")
    inside = pc.is_in(works, value_set=strings(sorted(articles)))
    return np.flatnonzero(numbers(inside))


def profile_similarity(store: Store, mine: set[str], theirs: set[str]) -> dict[str, Any] | None:
    """:func:`graph.analysis.profiles.topic_similarity` of two nodes with the articles
    ``mine`` and ``theirs``, from the stored TF-IDF rows, on numpy alone."""
    from graph.analysis.pair import pair_similarity, summed

    first, second = _work_rows(store, mine), _work_rows(store, theirs)
    tfidf = store.arrow("tfidf")
    rows = numbers(tfidf.column("work"))
    if len(rows) and np.any(np.diff(rows) < 0):
        raise StoreVersion(str(store.path))  # not written by this layout's build
    works = store.columns("works", ("id",)).num_rows
    indptr = np.concatenate([[0], np.cumsum(np.bincount(rows, minlength=works))])
    terms, weights = numbers(tfidf.column("term")), numbers(tfidf.column("weight"))
    a, b = (summed(side.tolist(), indptr, terms, weights) for side in (first, second))
    vocabulary = store.columns("vocabulary", ("text",)).column("text")
    return pair_similarity(a, b, lambda at: vocabulary.take(integers(at)).to_pylist())


def shared_references(
    store: Store, mine: set[str], theirs: set[str]
) -> tuple[list[str], dict[str, str]]:
    """The works (node ids) cited by an article of ``mine`` and by one of ``theirs``, an
    article citing itself left out; and a label for each of them outside the corpus: the
    reference as the first article citing it wrote it."""
    works = store.columns("works", ("id",)).column("id").to_pylist()
    references = store.columns("references", ("work", "key"))
    cited = []
    for articles in (mine, theirs):
        at = integers(_work_rows(store, articles), references.schema.field("work").type)
        rows = references.filter(pc.is_in(references.column("work"), value_set=at))
        pairs = zip(rows.column("work").to_pylist(), rows.column("key").to_pylist(), strict=True)
        cited.append({key for work, key in pairs if key != works[work]})
    shared = sorted(cited[0] & cited[1])
    outside = strings([key for key in shared if key.startswith(f"{REFERENCE}:")])
    labels: dict[str, str] = {}
    mask = pc.is_in(references.column("key"), value_set=outside)
    if pc.any(mask).as_py():  # the raw text only of the references asked about
        rows = store.columns("references", ("key", "raw")).filter(mask)
        for key, raw in zip(*(rows.column(c).to_pylist() for c in ("key", "raw")), strict=True):
            labels.setdefault(key, raw)
    return shared, labels


def stored_why(store: Store, first: str, second: str) -> tuple[dict[str, Any], dict[str, str]]:
    """:func:`graph.analysis.explain.why` answered from the store's tables, with a label
    for every node and reference the answer names."""
    nodes = typed_nodes(store)
    a, b = (
        match_node(nodes.ids, nodes.labels, text, _describer(store)) for text in (first, second)
    )
    kind = {n: nodes.kinds[nodes.at(n)] for n in (a, b)}
    mine, theirs = articles_behind(store, a, kind[a]), articles_behind(store, b, kind[b])
    shared, labels = shared_references(store, mine, theirs)
    links = links_between(store, a, b)
    # A direct link is a path of one step, and the only one that short: the links
    # between them are of the very networks the path walks (PATH_LINKS).
    path = [a, b] if links and a != b else shortest_path(store, nodes, a, b)
    found = {
        "nodes": [{"id": n, "kind": kind[n], "label": nodes.label(n)} for n in (a, b)],
        "links": links,
        "joint_articles": sorted(mine & theirs),
        "topic_links": topic_links_between(store, a, b, mine, theirs),
        "topic_similarity": (
            profile_similarity(store, mine, theirs) if (mine, theirs) != ({a}, {b}) else None
        ),
        "shared_references": shared,
        "shortest_path": [{"id": n, "label": nodes.label(n)} for n in path],
    }
    for node in (*mine, *theirs, *shared, *path):
        if node not in labels and nodes.has(node):
            labels[node] = nodes.label(node)
    return found, labels


class NotAnAuthor(LookupError):
    """``suggest`` was given a node that is not an author."""


def _membership(store: Store, people: pa.Array, works: pa.Array) -> sparse.csr_matrix:
    """People × works, 1 where a person authored a work (the typed graph's links)."""
    from scipy import sparse

    edges = _typed_edges(store, AUTHORED)
    rows, cols = _ends_at(edges, people, works)
    M = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(people), len(works)))
    M.data[:] = 1.0  # an article once, however many links say so
    return M


def stored_suggest(store: Store, author: str, top: int = 10) -> tuple[str, list[dict[str, Any]]]:
    """The label of ``author`` (an id or name) and the authors writing most like them who
    never wrote with them (:func:`graph.analysis.profiles.suggest_coauthors`), from the
    store. Raises :class:`LookupError` (:class:`NotAnAuthor` for a node of another kind)."""
    from graph.analysis.vectors import peers

    nodes = typed_nodes(store)
    node = match_node(nodes.ids, nodes.labels, author, _describer(store))
    if nodes.kinds[nodes.at(node)] != AUTHOR:
        raise NotAnAuthor(f"{author!r} is not an author")
    people = [nodes.ids[i] for i, kind in enumerate(nodes.kinds) if kind == AUTHOR]
    vectors = stored_vectors(store)
    membership = _membership(store, strings(people), strings(vectors.articles))
    labels = [nodes.label(p) for p in people]
    found = peers(people, labels, membership, vectors, people.index(node), top)
    return nodes.label(node), found


@dataclass(frozen=True)
class Ego:
    """The neighbourhood of one node in one stored network (:func:`stored_ego`)."""

    graph: Any
    """A networkx graph of the nodes within reach and the links among them."""
    node: str
    label: str
    total: int
    """How many nodes the whole network has."""


def _reach(edges: pa.Table, ids: pa.Array, start: int, depth: int) -> np.ndarray:
    """The rows of ``ids`` within ``depth`` links of row ``start``, links both ways."""
    u, v = _ends_at(edges, ids, ids)
    seen = np.zeros(len(ids), bool)
    seen[start] = True
    frontier = seen.copy()
    for _ in range(depth):  # each step: the ends of every link with one end on the frontier
        reached = np.zeros(len(ids), bool)
        reached[v[frontier[u]]] = True
        reached[u[frontier[v]]] = True
        frontier = reached & ~seen
        if not frontier.any():
            break
        seen |= frontier
    return np.flatnonzero(seen)


def stored_ego(store: Store, name: str, focus: str, depth: int) -> Ego:
    """Every node of network ``name`` within ``depth`` links of ``focus`` (an id or label),
    with the links among them, as :func:`graph.pipeline.focus_view` finds it: read from
    the network's tables, only the neighbourhood becomes a networkx graph.
    Raises :class:`LookupError` when no node, or more than one, matches ``focus``."""
    from graph.tables import network_graph  # networkx: only for drawing

    network = store.network(name)  # KeyError when it was not built
    nodes = network.nodes.sort_by([("id", "ascending")])
    ids = nodes.column("id").combine_chunks()
    id_list = ids.to_pylist()
    labels = [str(label) for label in nodes.column("label").to_pylist()]
    node = match_node(id_list, labels, focus, _describer(store))
    start = bisect.bisect_left(id_list, node)
    around = integers(_reach(network.edges, ids, start, depth))
    inside = ids.take(around)
    edges = network.edges
    edges = edges.filter(pc.and_(pc.is_in(edges.column("source"), value_set=inside),
                                 pc.is_in(edges.column("target"), value_set=inside)))  # fmt: skip
    spec = network.spec
    graph = network_graph(nodes.take(around), edges, spec.directed, spec.multi)
    return Ego(graph, node, labels[start], nodes.num_rows)
