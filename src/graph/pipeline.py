"""The whole job, as plain functions: read, merge, build, analyse, then write the outputs.

``cli.py`` calls these and echoes; so can any program.

>>> result = analyse(load(["data/peer-support-listing.txt"]))
>>> summary(result)["articles"], summary(result)["authors"]
(11, 14)
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from graph import __version__
from graph.analysis.citations import (
    DEFAULT_MIN_WEIGHT,
    add_citation_indicators,
    bibliographic_coupling,
    citation_graph,
    cocitation,
)
from graph.analysis.citations import DEFAULT_TOP_K as DEFAULT_SIMILARITY_TOP_K
from graph.analysis.coauthors import coauthorship_graph
from graph.analysis.communities import louvain
from graph.analysis.issues import issue_author_graph
from graph.analysis.metrics import NODE_METRICS, graph_metrics, node_metrics
from graph.analysis.topics import DEFAULT_THRESHOLD, DEFAULT_TOP_K, topic_overlap
from graph.build import (
    ARTICLE,
    AUTHOR,
    COAUTHOR,
    COCITATION,
    COUPLING,
    ISSUE,
    JOURNAL,
    TOPIC,
    add_citations,
    add_links,
    build_graph,
    cited_works,
)
from graph.dedupe import merge_duplicates
from graph.errors import OutputError
from graph.export import write_graphml
from graph.files import write_text_atomic
from graph.identity import resolve_authors
from graph.models import AuthorMerge, Loaded, MergeGroup
from graph.readers import read
from graph.view import ViewSpec, index_html, network_html

Stage = Callable[[str], None]
METRIC_NETWORK = {AUTHOR: "coauthorship", ARTICLE: "topic", ISSUE: "issue_authors"}
VIEW_FILES = {
    "graph": "graph.html",
    "coauthors": "coauthors.html",
    "topics": "topics.html",
    "citations": "citations.html",
    "coupling": "coupling.html",
    "cocitation": "cocitation.html",
}


@dataclass
class Settings:
    """The knobs of one analysis run."""

    topic_threshold: float = DEFAULT_THRESHOLD
    topic_top_k: int = DEFAULT_TOP_K
    seed: int = 42
    min_weight: int = DEFAULT_MIN_WEIGHT
    """Least shared references (coupling) or citing articles (co-citation) for a link."""
    similarity_top_k: int = DEFAULT_SIMILARITY_TOP_K
    normalization: str = "raw"
    counting: str = "full"


@dataclass
class Corpus:
    """The records of one run, merged and built into the typed graph."""

    loaded: Loaded
    graph: nx.MultiDiGraph
    duplicates: dict[str, int]
    merges: list[MergeGroup]
    author_merges: list[AuthorMerge]
    cited: dict[str, list[str]]
    reference_labels: dict[str, str]


@dataclass
class Analysis(Corpus):
    """Everything one run computed."""

    settings: Settings
    coauthors: nx.Graph
    topics: nx.Graph
    issues: nx.Graph
    citations: nx.DiGraph
    coupling: nx.Graph
    cocitation: nx.Graph
    networks: dict[str, dict[str, object]] = field(default_factory=dict)


def _quiet(_: str) -> None:
    return None


def load(paths: Iterable[str], fmt: str | None = None, journal: str | None = None) -> Loaded:
    """Read every input into records and problems (see :func:`graph.readers.read`)."""
    return read(paths, fmt=fmt, journal=journal)


def _attach_metrics(G: nx.MultiDiGraph, network: nx.Graph, kind: str, seed: int) -> None:
    for node, values in node_metrics(network, seed=seed).items():
        if G.nodes[node].get("kind") == kind:
            G.nodes[node].update(values, metrics_network=METRIC_NETWORK[kind])
            network.nodes[node].update(values)


def assemble(
    loaded: Loaded, stage: Stage = _quiet, authors_map: Mapping[str, str] | None = None
) -> Corpus:
    """Merge duplicate records, resolve authors and build the typed graph."""
    stage("merging duplicates")
    articles, duplicates, merges = merge_duplicates(loaded.articles)
    stage("resolving authors")
    people = resolve_authors(articles, authors_map)
    stage("building the graph")
    G = build_graph(people.articles)
    stage("resolving citations")
    cited, labels = cited_works(people.articles)
    add_citations(G, cited)
    return Corpus(loaded, G, duplicates, merges, people.merges, cited, labels)


def analyse(
    loaded: Loaded,
    settings: Settings | None = None,
    stage: Stage = _quiet,
    authors_map: Mapping[str, str] | None = None,
) -> Analysis:
    """Merge duplicates, build the typed graph, and compute co-authorship, topics and metrics."""
    settings = settings or Settings()
    corpus = assemble(loaded, stage, authors_map)
    G = corpus.graph
    stage("co-authorship")
    C = coauthorship_graph(G)
    stage("topic overlap")
    T = topic_overlap(G, threshold=settings.topic_threshold, top_k=settings.topic_top_k)
    add_links(G, C, COAUTHOR)
    add_links(G, T, TOPIC)
    issue_graph = issue_author_graph(G)
    stage("citations, coupling and co-citation")
    add_citation_indicators(G)
    similarity = {
        "min_weight": settings.min_weight,
        "top_k": settings.similarity_top_k,
        "normalization": settings.normalization,
        "counting": settings.counting,
    }
    coupling = bibliographic_coupling(corpus.cited, **similarity)  # type: ignore[arg-type]
    cocited = cocitation(corpus.cited, corpus.reference_labels, **similarity)  # type: ignore[arg-type]
    for network in (coupling, cocited):
        for node in network:
            if node in G:
                network.nodes[node].update(G.nodes[node])
    add_links(G, coupling, COUPLING)
    add_links(G, cocited.subgraph(n for n in cocited if n in G), COCITATION)
    stage("metrics")
    _attach_metrics(G, C, AUTHOR, settings.seed)
    _attach_metrics(G, T, ARTICLE, settings.seed)
    _attach_metrics(G, issue_graph, ISSUE, settings.seed)
    for network in (coupling, cocited):
        # Colour and size only: path metrics would cost most of the run here.
        ranks = nx.pagerank(network, weight="weight") if network.number_of_edges() else {}
        for node, community in louvain(network, seed=settings.seed).items():
            network.nodes[node].update(community=community, pagerank=round(ranks.get(node, 0), 6))
    cites = citation_graph(G)

    def partition(network: nx.Graph) -> dict[str, int]:
        return {n: int(c) for n, c in network.nodes(data="community")}

    networks = {
        "typed": graph_metrics(G),
        "coauthorship": graph_metrics(C, partition(C)),
        "topic": graph_metrics(T, partition(T)),
        "issue_authors": graph_metrics(issue_graph, partition(issue_graph)),
        "citation": graph_metrics(cites),
        "coupling": graph_metrics(coupling, partition(coupling)),
        "cocitation": graph_metrics(cocited, partition(cocited)),
    }
    return Analysis(
        loaded,
        G,
        corpus.duplicates,
        corpus.merges,
        corpus.author_merges,
        corpus.cited,
        corpus.reference_labels,
        settings,
        C,
        T,
        issue_graph,
        cites,
        coupling,
        cocited,
        networks,
    )


def summary(result: Corpus) -> dict[str, object]:
    """The run's counts; the keys are stable, since other tools script against them."""
    kinds = Counter(kind for _, kind in result.graph.nodes(data="kind"))
    files = [
        {**report.model_dump(), "duplicates_merged": result.duplicates.get(report.path, 0)}
        for report in result.loaded.files
    ]
    for entry in files:
        entry["articles"] = int(entry["articles"]) - int(entry["duplicates_merged"])
    return {
        "records_read": sum(int(f["records_read"]) for f in files),
        "articles": kinds.get(ARTICLE, 0),
        "authors": kinds.get(AUTHOR, 0),
        "issues": kinds.get(ISSUE, 0),
        "journals": kinds.get(JOURNAL, 0),
        "duplicates_merged": sum(result.duplicates.values()),
        "problems": len(result.loaded.problems),
        "files": files,
        "problem_list": [p.model_dump() for p in result.loaded.problems],
        "notes": [str(n) for n in result.loaded.notes],
    }


def node_rows(result: Analysis, kind: str | None = None) -> list[dict[str, object]]:
    """One row per node (of ``kind``, if given) with its id, label and metrics, sorted by id."""
    rows = []
    for node, data in sorted(result.graph.nodes(data=True)):
        if kind is not None and data.get("kind") != kind:
            continue
        row: dict[str, object] = {"id": node, "kind": data.get("kind"), "label": data.get("label")}
        for key in INDICATOR_KEYS:
            if key in data:
                row[key] = data[key]
        row.update({k: data[k] for k in data if k in _METRIC_KEYS})
        rows.append(row)
    return rows


_METRIC_KEYS = ("metrics_network", *NODE_METRICS)
INDICATOR_KEYS = (
    "articles", "fractional_articles", "first_author", "first_year", "last_year",
    "year", "citations_in_corpus", "references_in_corpus",
    "h_index_in_corpus", "cited_by", "cited_by_source",
)  # fmt: skip


def author_rows(corpus: Corpus) -> list[dict[str, object]]:
    """One row per author node: id, label, articles, name variants and merge reasons."""
    reasons: dict[str, list[str]] = {}
    for merge in corpus.author_merges:
        reasons.setdefault(merge.key, []).append(merge.reason)
    rows = []
    for node, data in sorted(corpus.graph.nodes(data=True)):
        if data.get("kind") != AUTHOR:
            continue
        rows.append(
            {
                "id": node,
                "label": data.get("label"),
                "articles": data.get("articles"),
                "variants": str(data.get("variants", data.get("label"))).split("; "),
                "reason": "; ".join(reasons.get(node, [])) or None,
            }
        )
    return rows


def sort_rows(rows: list[dict[str, object]], by: str, top: int | None) -> list[dict[str, object]]:
    """Rows sorted by ``by`` (largest first, ties by label), cut to ``top``."""

    def key(row: dict[str, object]) -> tuple[float, str]:
        value = row.get(by)
        number = float(value) if isinstance(value, int | float) else float("-inf")
        return (-number, str(row.get("label", "")))

    ordered = sorted(rows, key=key)
    return ordered[:top] if top else ordered


def metrics_document(result: Analysis) -> dict[str, object]:
    """What metrics.json holds: settings, graph-level metrics per network, and node rows."""
    return {
        "citegraph": __version__,
        "settings": {
            "seed": result.settings.seed,
            "topic_threshold": result.settings.topic_threshold,
            "topic_top_k": result.settings.topic_top_k,
        },
        "networks": result.networks,
        "nodes": node_rows(result),
    }


def _views(result: Analysis) -> list[tuple[str, nx.Graph, ViewSpec, str]]:
    labels = {n: str(d.get("label", n)) for n, d in result.graph.nodes(data=True)}
    seed = result.settings.seed
    views: list[tuple[str, nx.Graph, ViewSpec, str]] = [
        (
            "graph",
            result.graph,
            ViewSpec(
                "Whole graph: authors, articles and issues",
                "kind",
                "degree",
                "colour by kind",
                seed,
                labels,
            ),
            "Every node and link, coloured by kind.",
        ),
        (
            "coauthors",
            result.coauthors,
            ViewSpec(
                "Co-authorship",
                "community",
                "articles",
                "colour by Louvain community",
                seed,
                labels,
            ),
            "Authors linked by joint articles; size by article count.",
        ),
        (
            "topics",
            result.topics,
            ViewSpec(
                "Topic overlap",
                "community",
                "pagerank",
                f"TF-IDF cosine ≥ {result.settings.topic_threshold}, "
                f"top {result.settings.topic_top_k} per article",
                seed,
                labels,
            ),
            "Articles linked by shared terms; size by PageRank.",
        ),
    ]
    if not any(result.cited.values()):
        return views
    similarity = (
        f"at least {result.settings.min_weight} shared, top {result.settings.similarity_top_k}, "
        f"{result.settings.normalization} weights, {result.settings.counting} counting"
    )
    views += [
        ("citations", result.citations,
         ViewSpec("Direct citation", "community", "citations_in_corpus",
                  "left to right by year", seed, labels, x_by="year"),
         "Articles citing articles of the corpus, laid out by publication year."),
        ("coupling", result.coupling,
         ViewSpec("Bibliographic coupling", "community", "pagerank", similarity, seed, labels),
         "Articles linked by the references they share."),
        ("cocitation", result.cocitation,
         ViewSpec("Co-citation", "community", "citations", similarity, seed, labels),
         "Cited works (in the corpus or not) linked by the articles citing both."),
    ]  # fmt: skip
    return views


def _index_context(result: Analysis, views: list[dict[str, object]]) -> dict[str, object]:
    counts = summary(result)
    authors = sort_rows(node_rows(result, AUTHOR), "articles", 10)
    numbers = [
        ("records read", counts["records_read"]),
        ("articles", counts["articles"]),
        ("authors", counts["authors"]),
        ("journal issues", counts["issues"]),
        ("co-author links", result.coauthors.number_of_edges()),
        ("topic links", result.topics.number_of_edges()),
        ("co-author components", result.networks["coauthorship"]["components"]),
        ("problems", counts["problems"]),
    ]
    if counts["journals"]:
        numbers.insert(4, ("journals", counts["journals"]))
    return {
        "title": "citegraph: " + ", ".join(Path(f.path).name for f in result.loaded.files[:3]),
        "files": result.loaded.files,
        "numbers": numbers,
        "views": views,
        "top_authors": authors,
        "problems": result.loaded.problems,
        "version": __version__,
    }


def _prepare(out_dir: Path) -> None:
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError(str(out_dir), "is a file, not a folder", "give a folder for --out")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise OutputError(str(out_dir), f"cannot be created: {err.strerror}") from err


def write_outputs(result: Analysis, out_dir: str | Path, stage: Stage = _quiet) -> list[Path]:
    """Write index.html, one page per view, graph.graphml, metrics.json and summary.json."""
    out = Path(out_dir)
    _prepare(out)
    written: list[Path] = []
    views: list[dict[str, object]] = []
    for name, network, spec, about in _views(result):
        stage(f"drawing {VIEW_FILES[name]}")
        write_text_atomic(out / VIEW_FILES[name], network_html(network, spec))
        written.append(out / VIEW_FILES[name])
        views.append(
            {
                "file": VIEW_FILES[name],
                "title": spec.title,
                "about": about,
                "nodes": network.number_of_nodes(),
                "edges": network.number_of_edges(),
            }
        )
    stage("writing graph.graphml")
    write_graphml(result.graph, out / "graph.graphml")
    write_text_atomic(out / "metrics.json", to_json(metrics_document(result)))
    write_text_atomic(out / "summary.json", to_json(summary(result)))
    write_text_atomic(out / "index.html", index_html(_index_context(result, views)))
    written += [
        out / "graph.graphml",
        out / "metrics.json",
        out / "summary.json",
        out / "index.html",
    ]
    return written


def to_json(document: object) -> str:
    """Deterministic, readable JSON text."""
    return json.dumps(document, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
