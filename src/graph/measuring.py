"""Communities and metrics of every network, half of them on the second core.

Measuring a network (its communities, node metrics and graph metrics) reads it and
changes nothing; only setting the results on its nodes, and on the typed graph's, does.
So the two are apart here: :func:`measured` and :func:`coloured` compute a
:class:`Measured`, and :meth:`Measured.apply` sets it. On a large corpus the networks of
:data:`BESIDE` are measured in a forked copy of the process (:mod:`graph.forked`) while
this one measures the others and builds the term map; their results are set when the
copy is done, so the networks end as they would in one process.

>>> import networkx as nx
>>> from graph.settings import Settings
>>> G = nx.Graph([("a", "b"), ("b", "c"), ("x", "y")])
>>> found = measured(G, Settings())
>>> found.apply(G)
>>> G.nodes["a"]["community"] == G.nodes["b"]["community"], G.nodes["a"]["degree"]
(True, 1)
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from typing import TypeVar

import networkx as nx

from graph.analysis.citations import citation_graph
from graph.analysis.communities import Partition, as_igraph, detect_communities
from graph.analysis.metrics import (
    Metrics,
    Simple,
    graph_metrics,
    node_metrics,
    pagerank,
    simplified,
)
from graph.forked import Forked, can_fork
from graph.networks import NETWORKS
from graph.settings import Settings

Stage = Callable[[str], None]

BESIDE = ("typed", "issue_authors", "issue_topic", "citation", "coupling", "cocitation")
"""The networks measured in the second process on a large corpus: their results land on
their own nodes only (or nowhere), while the others' land on the typed graph's too."""
BESIDE_ARTICLES = 2_000
"""From this many articles on (where the platform forks), :data:`BESIDE` is measured in a
second process. At 10,000 articles each half of the measuring takes about 10 s."""
METRIC_NETWORK = {n.measures: n.metrics_key for n in NETWORKS if n.measures}
"""The network whose node metrics each kind of node of the typed graph carries."""


def beside_for(articles: int) -> bool:
    """Whether a corpus of ``articles`` articles is measured on two processes.

    >>> beside_for(10)
    False
    """
    return can_fork() and articles >= BESIDE_ARTICLES


@dataclass(frozen=True)
class Measured:
    """One network's measurement, not yet set on any node: its graph-level ``metrics``
    (for metrics.json), and its ``communities``, per-node ``nodes`` metrics and
    ``ranks`` (PageRank) where measured."""

    metrics: dict[str, object]
    communities: Mapping[str, int] | None = None
    nodes: Metrics | None = None
    ranks: Mapping[str, float] | None = None

    def apply(self, network: nx.Graph, G: nx.Graph | None = None, kind: str = "") -> None:
        """Set the results on ``network``'s nodes, and the node metrics also on ``G``'s
        nodes of ``kind`` (with ``metrics_network``, the network they come from)."""
        if self.communities is not None:
            nx.set_node_attributes(network, self.communities, "community")
        for node, values in (self.nodes or {}).items():
            network.nodes[node].update(values)
            if G is not None and node in G and G.nodes[node].get("kind") == kind:
                G.nodes[node].update(values, metrics_network=METRIC_NETWORK[kind])
        for node, rank in (self.ranks or {}).items():
            network.nodes[node]["pagerank"] = round(rank, 6)


def _partition(network: nx.Graph, settings: Settings) -> tuple[Partition, Simple]:
    """Communities of ``network``, and its simple igraph form for the metrics: the
    network is converted to igraph once for both."""
    prepared = as_igraph(network)
    partition = detect_communities(
        network,
        seed=settings.seed,
        resolution=settings.resolution,
        runs=settings.community_runs,
        method=settings.communities,
        prepared=prepared,
        quality=settings.quality,
    )
    return partition, simplified(prepared)


def measured(network: nx.Graph, settings: Settings) -> Measured:
    """Communities, node metrics and graph metrics of ``network``."""
    partition, simple = _partition(network, settings)
    values = node_metrics(network, settings.seed, partition.communities, simple)
    metrics = graph_metrics(network, partition.communities, settings.seed, simple=simple)
    return Measured({**metrics, "communities": partition.report()}, partition.communities,
                    values)  # fmt: skip


def coloured(network: nx.Graph, settings: Settings) -> Measured:
    """Communities, PageRank and graph metrics without path lengths: on coupling and
    co-citation networks of 50,000 articles the sampled searches cost 4 s each, for
    numbers nobody reads off a similarity network."""
    partition, simple = _partition(network, settings)
    ranks = pagerank(network, simple)
    metrics = graph_metrics(network, partition.communities, settings.seed, paths=False,
                            simple=simple)  # fmt: skip
    return Measured({**metrics, "communities": partition.report()}, partition.communities,
                    ranks=ranks)  # fmt: skip


Results = dict[str, dict[str, object]]
T = TypeVar("T")


def _jobs(
    G: nx.MultiDiGraph, projections: Mapping[str, nx.Graph], settings: Settings, cited: bool
) -> dict[str, Callable[[], Measured]]:
    """How each network is measured, in metrics.json's order. The citation network's
    graph metrics count only links, so the second process builds its own copy; in this
    process, :func:`measuring` measures the one it builds at the end instead."""
    seed, C = settings.seed, projections["coauthorship"]

    def coauthorship() -> Measured:
        found = measured(C, settings)
        found.metrics["articles_over_max_team"] = C.graph["over_max_team"]
        return found

    jobs: dict[str, Callable[[], Measured]] = {
        "typed": lambda: Measured(graph_metrics(G, seed=seed, paths=False)),
        "coauthorship": coauthorship,
        "topic": lambda: measured(projections["topic"], settings),
        "issue_authors": lambda: measured(projections["issue_authors"], settings),
        "issue_topic": lambda: Measured(graph_metrics(projections["issue_topic"], seed=seed)),
    }
    if cited:
        jobs["citation"] = lambda: Measured(graph_metrics(citation_graph(G), seed=seed))
        jobs["coupling"] = lambda: coloured(projections["coupling"], settings)
        jobs["cocitation"] = lambda: coloured(projections["cocitation"], settings)
    return jobs


_KINDS = {network: kind for kind, network in METRIC_NETWORK.items()}
"""The kind of typed-graph node each network's node metrics land on."""


def _run(jobs: Mapping[str, Callable[[], Measured]], names: list[str], say: Stage,
         where: str = "") -> dict[str, Measured]:  # fmt: skip
    out: dict[str, Measured] = {}
    for name in names:
        say(f"communities and metrics: {name} ({list(jobs).index(name) + 1}/{len(jobs)}){where}")
        out[name] = jobs[name]()
    return out


def _apply(
    G: nx.MultiDiGraph, projections: Mapping[str, nx.Graph], done: Mapping[str, Measured]
) -> None:
    """Set each result on its network's nodes (the node metrics of co-authors, topics and
    issue authors on the typed graph's too)."""
    for name, found in done.items():
        if name in projections:
            found.apply(projections[name], G, _KINDS.get(name, ""))


@contextmanager
def measuring(
    G: nx.MultiDiGraph,
    projections: Mapping[str, nx.Graph],
    settings: Settings,
    cited: bool,
    detail: Stage,
    also: Callable[[], T],
    beside: bool,
) -> Iterator[Callable[[], tuple[Results, nx.DiGraph, T]]]:
    """Measure the typed graph and every projection but the term map, the citation
    network too where ``cited`` (any article lists references), and compute ``also()``
    (work that reads these networks and changes nothing). Yields ``finish``: call it,
    after any other work, for the graph-level metrics of each network (in metrics.json's
    order), the citation network, and ``also()``'s value, once every result is on its
    nodes.

    With ``beside``, the networks of :data:`BESIDE` and ``also()`` are computed in a
    forked second process from entry on; the rest are measured, and set, here before
    yielding, so the work inside the block sees them. ``detail`` hears each network start.
    """
    jobs = _jobs(G, projections, settings, cited)
    there = [name for name in jobs if beside and name in BESIDE]

    def job(say: Stage) -> tuple[dict[str, Measured], T]:
        return _run(jobs, there, say, " (second process)"), also()

    with Forked(job) if there else nullcontext() as child:
        # The citation network is measured here once it is built, at the end.
        done = _run(jobs, [n for n in jobs if n not in there and n != "citation"], detail)
        _apply(G, projections, done)

        def finish() -> tuple[Results, nx.DiGraph, T]:
            if child is None:
                value = also()
            else:
                later, value = child.wait(detail)
                _apply(G, projections, later)
                done.update(later)
            # Built last: its nodes copy the typed graph's metrics as they are.
            cites = citation_graph(G)
            if cited and "citation" not in done:
                seed = settings.seed
                here = {**jobs, "citation": lambda: Measured(graph_metrics(cites, seed=seed))}
                done.update(_run(here, ["citation"], detail))
            return {name: done[name].metrics for name in jobs}, cites, value

        yield finish
