"""The whole job, as plain functions: read, merge, build, analyse, then write the outputs.

``cli.py`` calls these and echoes; so can any program.

>>> result = analyse(load(["data/peer-support-listing.txt"]))
>>> summary(result)["articles"], summary(result)["authors"]
(11, 14)
"""

from __future__ import annotations

import copy
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any, cast

import networkx as nx
import pyarrow as pa

from graph import __version__
from graph.analysis.bibliometrics import (
    articles_per_year,
    issue_indicators,
    lotka,
    top_journals,
)
from graph.analysis.citations import (
    add_citation_indicators,
    bibliographic_coupling,
    cocitation,
)
from graph.analysis.coauthors import coauthorship_graph
from graph.analysis.communities import louvain
from graph.analysis.explain import find_node
from graph.analysis.issues import issue_author_graph
from graph.analysis.labels import unique_names
from graph.analysis.nounphrases import Terms, reading_ahead, terms_of
from graph.analysis.profiles import profile_overlap
from graph.analysis.termmap import (
    article_texts,
    authors_of_articles,
    name_candidates,
    name_clusters,
    ranked_by_articles,
    set_cluster_names,
    term_clusters,
    term_map,
    voted_community,
)
from graph.analysis.terms import min_occurrences
from graph.analysis.topics import (
    article_vectors,
    topic_clusters,
    topic_overlap,
)
from graph.analysis.vectors import TermVectors
from graph.build import add_citations, build_graph, cited_works, linked_graph, reference_rows
from graph.collector import fewer_collections
from graph.corpus import CorpusTables, corpus_tables
from graph.dedupe import merge_duplicates
from graph.errors import OutputError
from graph.files import write_text_atomic
from graph.graphml import write_network_graphml
from graph.identity import resolve_authors
from graph.kinds import (
    ARTICLE,
    AUTHOR,
    COAUTHOR,
    COCITATION,
    COUPLING,
    ISSUE,
    ISSUE_TOPIC,
    JOURNAL,
    TERM,
    TOPIC,
)
from graph.measuring import beside_for, measured, measuring
from graph.models import AuthorMerge, Loaded, MergeGroup
from graph.networks import NETWORK, NETWORK_NAMES, NETWORKS
from graph.readers import read
from graph.reports import people_rows, rows_json, sort_rows, stability, to_json
from graph.settings import INDICATOR_KEYS, MAX_NODES, NODE_METRICS, Settings
from graph.tables import network_tables
from graph.thesaurus import Thesaurus
from graph.view import ViewSpec, index_html, network_html
from graph.view.charts import Bar, bars
from graph.view.network import focus_spec

Stage = Callable[[str], None]
# The views build draws, by the view's name ("graph" for the whole typed graph).
VIEW_FILES = {
    ("graph" if n.name == "all" else n.name): n.view_file for n in NETWORKS if n.view_file
}


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
    tables: CorpusTables
    """The immutable corpus tables (:mod:`graph.corpus`)."""


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
    terms: nx.Graph
    issue_topics: nx.Graph
    vectors: TermVectors
    networks: dict[str, dict[str, object]] = field(default_factory=dict)
    corpus: dict[str, object] = field(default_factory=dict)
    _memo: dict[str, Any] = field(default_factory=dict, init=False, repr=False, compare=False)
    """What the outputs derive more than once (node rows, metrics.json), made once."""


def _quiet(_: str) -> None:
    return None


load = read
"""Read every input into records and problems: :func:`graph.readers.read`, under the
name the public API has always used."""


# The stages :func:`assemble` and :func:`analyse` report, in order (a progress bar's total).
ASSEMBLY_STAGES = (
    "merging duplicates",
    "resolving authors",
    "building the graph",
    "resolving citations",
)
ANALYSIS_STAGES = (
    *ASSEMBLY_STAGES,
    "co-authorship",
    "topic overlap",
    "citations, coupling and co-citation",
    "communities and metrics",
    "term map",
)
# metrics.json's networks, in this order, whichever was measured first.
MEASURED = ("typed", "coauthorship", "topic", "issue_authors", "issue_topic", "terms",
            "citation", "coupling", "cocitation")  # fmt: skip


def output_stages(result: Analysis) -> list[str]:
    """The stages :func:`write_outputs` reports for ``result``, in order."""
    return [*view_stages(result), *FILE_STAGES]


def view_stages(result: Analysis) -> list[str]:
    """The stages :func:`draw_views` reports for ``result``, in order."""
    return [f"drawing {VIEW_FILES[name]}" for name, *_ in _views(result)]


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
    references = list(reference_rows(people.articles))  # one pass, for both
    cited, labels = cited_works(people.articles, references)
    add_citations(G, cited)
    tables = corpus_tables(people.articles, G, references)
    # The readers' records are not kept: what later stages need is in the graph and tables.
    read = loaded.model_copy(update={"articles": []})
    return Corpus(read, G, duplicates, merges, people.merges, cited, labels, tables)


@fewer_collections()
def analyse(
    loaded: Loaded,
    settings: Settings | None = None,
    stage: Stage = _quiet,
    authors_map: Mapping[str, str] | None = None,
    detail: Stage = _quiet,
    thesaurus: Thesaurus | None = None,
) -> Analysis:
    """Merge duplicates, build the typed graph, and compute co-authorship, topics,
    citations, communities and metrics, and the term map; ``detail`` hears which network
    the long communities-and-metrics stage is measuring. A ``thesaurus`` merges and drops
    terms (its author renames belong in ``authors_map``: :meth:`Thesaurus.author_renames`).

    The noun-phrase tagger, the slowest part of the term map, runs in a worker process
    from the start (:func:`reading_ahead`), while the other stages use the second core.
    """
    settings = settings or Settings()
    corpus = assemble(loaded, stage, authors_map)
    G = corpus.graph
    articles, texts = article_texts(G)
    with reading_ahead(texts) as readings:
        stage("co-authorship")
        C = _coauthors(G, settings)
        stage("topic overlap")
        vectors = article_vectors(G)
        T = topic_overlap(G, settings.topic_threshold, settings.topic_top_k, vectors=vectors)
        issue_graph = issue_author_graph(G)
        issue_topics = profile_overlap(G, vectors, ISSUE, settings.topic_threshold)
        stage("citations, coupling and co-citation")
        add_citation_indicators(G)
        coupling, cocited = _similarity_networks(corpus, settings)
        stage("communities and metrics")
        projections = {"coauthorship": C, "topic": T, "issue_authors": issue_graph,
                       "issue_topic": issue_topics, "coupling": coupling,
                       "cocitation": cocited}  # fmt: skip
        cited, beside = any(corpus.cited.values()), beside_for(len(articles))
        issues = lambda: issue_indicators(G, C, vectors)  # noqa: E731
        with measuring(G, projections, settings, cited, detail, issues, beside) as finish:
            stage("term map")
            found = (articles, terms_of(readings()))
            terms, term_metrics = _term_map(G, T, found, settings, thesaurus)
            networks, cites, by_issue = finish()
    networks["terms"] = term_metrics
    _name_more_clusters(corpus, C, T, (coupling, cocited), cites, found)
    networks = {name: networks[name] for name in MEASURED if name in networks}
    for issue, values in by_issue.items():
        G.nodes[issue].update({k: v for k, v in values.items() if v != ""})
    _add_author_indicators(G, C)
    return Analysis(
        loaded, G, corpus.duplicates, corpus.merges, corpus.author_merges, corpus.cited,
        corpus.reference_labels, corpus.tables, settings, C, T, issue_graph, cites, coupling,
        cocited, terms, issue_topics, vectors, networks, _corpus_indicators(G),
    )  # fmt: skip


def _coauthors(G: nx.MultiDiGraph, settings: Settings) -> nx.Graph:
    C = coauthorship_graph(G, settings.max_team)
    if settings.counting == "fractional":  # links weigh their fractional joint articles
        for _, _, data in C.edges(data=True):
            data.update(joint_articles=data["weight"], weight=data["fractional"])
    return C


def _term_map(
    G: nx.MultiDiGraph,
    T: nx.Graph,
    found: tuple[list[str], Terms],
    settings: Settings,
    thesaurus: Thesaurus | None,
) -> tuple[nx.Graph, dict[str, object]]:
    """The term map of ``found`` after the thesaurus's merges and drops, its relevance
    judged over the topic communities of ``T``, and its metrics; the clusters of both
    networks are named (:func:`name_clusters`)."""
    if thesaurus is not None:
        found = (found[0], found[1].replaced(thesaurus.term_rules(), thesaurus.term_labels()))
    # One seeded run, not the topic network's best of many: relevance is judged over
    # these themes, and on the biodiversity file the best-of-ten partition drops
    # "climate change" (48 articles) as evenly spread.
    themes = louvain(T, seed=settings.seed) if T.number_of_edges() else None
    terms = term_map(G, settings.min_term_articles, settings.max_terms,
                     counting=settings.counting, found=found,
                     relevant_share=settings.term_relevance, seed=settings.seed,
                     themes=themes)  # fmt: skip
    found_metrics = measured(terms, settings)
    found_metrics.apply(terms, G, TERM)
    name_clusters(T, terms, found)
    return terms, found_metrics.metrics


def _name_more_clusters(
    corpus: Corpus, C: nx.Graph, T: nx.Graph, similar: tuple[nx.Graph, nx.Graph],
    cites: nx.DiGraph, found: tuple[list[str], Terms],
) -> None:  # fmt: skip
    """Name the co-author, coupling and co-citation clusters by the distinctive terms of
    their articles, as the topic clusters are named: a co-author cluster by the articles
    most of whose authors are in it, a co-citation cluster by the articles that cite its
    works most. The citation view's clusters are the topic clusters, and take their names."""
    coupling, cocited = similar
    candidates = name_candidates(found)
    for network, members in (
        (C, authors_of_articles(corpus.graph)),
        (coupling, {a: [a] for a in coupling}),
        (cocited, corpus.cited),
    ):
        if network.number_of_nodes():
            voted = voted_community(members, network)
            set_cluster_names(network, unique_names(ranked_by_articles(voted, found, candidates)))
    names = T.graph.get("cluster_names", {})
    for node, community in cites.nodes(data="community"):
        if community is not None and int(community) in names:
            cites.nodes[node]["cluster_name"] = names[int(community)]


def _add_author_indicators(G: nx.MultiDiGraph, C: nx.Graph) -> None:
    years = {n: y for n, y in G.nodes(data="year") if isinstance(y, int)}
    for author in C:
        G.nodes[author]["coauthors"] = C.degree(author)
        dated = [years[a] for _, a, k in G.out_edges(author, data="kind") if a in years]
        if dated:
            G.nodes[author]["avg_year"] = C.nodes[author]["avg_year"] = round(
                sum(dated) / len(dated), 2
            )


def _similarity_networks(corpus: Corpus, settings: Settings) -> tuple[nx.Graph, nx.Graph]:
    G = corpus.graph
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
    return coupling, cocited


def _corpus_indicators(G: nx.MultiDiGraph) -> dict[str, object]:
    productivity = [int(d.get("articles", 0)) for _, d in G.nodes(data=True)
                    if d.get("kind") == AUTHOR]  # fmt: skip
    return {
        "articles_per_year": articles_per_year(G),
        "top_journals": top_journals(G),
        "lotka": lotka(productivity),
    }


EXPORT_VIEWS = NETWORK_NAMES
# Where each network of the registry sits in an :class:`Analysis`.
_ANALYSIS_FIELD = {
    "all": "graph",
    "coauthors": "coauthors",
    "topics": "topics",
    "terms": "terms",
    "issues": "issue_topics",
    "issue_authors": "issues",
    "citations": "citations",
    "coupling": "coupling",
    "cocitation": "cocitation",
}


def linked(result: Analysis) -> nx.MultiDiGraph:
    """The typed graph with the projections' links (co-author, topic, issue topic, coupling,
    co-citation) added: what :func:`graph.analysis.explain.why` walks."""
    projections = [(COAUTHOR, result.coauthors), (TOPIC, result.topics),
                   (ISSUE_TOPIC, result.issue_topics), (COUPLING, result.coupling),
                   (COCITATION, result.cocitation)]  # fmt: skip
    return linked_graph(result.graph, projections)


def network_of(result: Analysis, view: str) -> nx.Graph:
    """The network ``view`` names (:data:`graph.networks.NETWORKS`): ``all`` is the typed
    graph, the rest its projections."""
    return cast(nx.Graph, getattr(result, _ANALYSIS_FIELD[NETWORK[view].name]))


def focus_view(
    network: nx.Graph,
    labels: Mapping[str, str],
    focus: str,
    depth: int = 2,
    view: str = "all",
    seed: int = 42,
    max_nodes: int | None = MAX_NODES,
) -> tuple[nx.Graph, ViewSpec]:
    """The ego network of ``focus`` (an id or label) in ``network`` (the one named
    ``view``): every node within ``depth`` links of it, with the links among them, and the
    spec to draw it; ``labels`` names every node of the typed graph.

    Raises :class:`LookupError` when no node, or more than one, matches ``focus``.
    """
    node = find_node(network, focus)
    U = network.to_undirected(as_view=True) if network.is_directed() else network
    around = nx.single_source_shortest_path_length(U, node, cutoff=depth)
    ego = network.subgraph(sorted(around)).copy()
    label = str(network.nodes[node].get("label", node))
    total = network.number_of_nodes()
    return ego, focus_spec(label, depth, view, len(around), total, labels, seed, max_nodes)


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


def tables_of(result: Analysis, name: str) -> tuple[pa.Table, pa.Table]:
    """The nodes and edges tables of network ``name`` (:func:`graph.tables.network_tables`),
    made once per analysis: graph.graphml, terms.graphml and the store all write them."""
    key = f"tables:{name}"
    if key not in result._memo:
        result._memo[key] = network_tables(network_of(result, name))
    return cast(tuple[pa.Table, pa.Table], result._memo[key])


def node_rows(result: Analysis, kind: str | None = None) -> list[dict[str, object]]:
    """One row per node (of ``kind``, if given) with its id, label and metrics, sorted by id;
    the keys in one order: id, kind, label, indicators, then metrics. Made once per
    analysis (metrics.json, the index and the store all ask); each call gets new rows."""
    if "rows" not in result._memo:
        rows = []
        nodes = sorted([*result.graph.nodes(data=True), *result.terms.nodes(data=True)])
        for node, data in nodes:
            row: dict[str, object] = {"id": node, "kind": data.get("kind"),
                                      "label": data.get("label")}  # fmt: skip
            row.update({k: data[k] for k in (*INDICATOR_KEYS, *_METRIC_KEYS) if k in data})
            rows.append(row)
        result._memo["rows"] = rows
    return [dict(r) for r in result._memo["rows"] if kind is None or r["kind"] == kind]


_METRIC_KEYS = ("metrics_network", *NODE_METRICS)


def author_rows(corpus: Corpus) -> list[dict[str, object]]:
    """One row per author node: id, label, articles, name variants and merge reasons."""
    return people_rows(corpus.tables.people.to_pylist(), corpus.author_merges)


def metrics_document(result: Analysis) -> dict[str, object]:
    """What metrics.json holds: settings, corpus indicators, graph-level metrics per
    network, topic and term-map clusters, and node rows. The clusters are made once per
    analysis."""
    if "clusters" not in result._memo:
        result._memo["clusters"] = (
            topic_clusters(result.graph, result.topics, vectors=result.vectors),
            term_clusters(result.terms),
        )
    topics, terms = result._memo["clusters"]
    return {
        "citegraph": __version__,
        "settings": asdict(result.settings),
        "corpus": result.corpus,
        "networks": result.networks,
        "topic_clusters": copy.deepcopy(topics),
        "term_clusters": copy.deepcopy(terms),
        "nodes": node_rows(result),
    }


def left_out(result: Analysis) -> list[tuple[str, str]]:
    """The views a build does not draw, each with why: a network with nothing in it.

    A corpus whose articles have no text, no authors or no references still gets every
    other output.
    """
    if not result.vectors.articles:
        why = "no record became an article (the problems report says why)"
        return [(VIEW_FILES[name], why) for name, *_ in _all_views(result)]
    reasons = []
    if result.coauthors.number_of_nodes() == 0:
        reasons.append(("coauthors", "no article names an author"))
    textless = result.vectors.matrix.nnz == 0
    if textless:
        reasons.append(("topics", "no article has a title, abstract or keywords to compare"))
    if result.terms.number_of_nodes() == 0:
        least = _least_articles(result)
        why = f"no term occurs in {least} articles or more, the least a term needs"
        reasons.append(
            ("terms", "no article has a title, abstract or keywords" if textless else why)
        )
    if not any(result.cited.values()):
        why = "no article lists its references"
        reasons += [(name, why) for name in ("citations", "coupling", "cocitation")]
    return [(VIEW_FILES[name], why) for name, why in reasons]


def _views(result: Analysis) -> list[tuple[str, nx.Graph, ViewSpec, str]]:
    skipped = {file for file, _ in left_out(result)}
    return [v for v in _all_views(result) if VIEW_FILES[v[0]] not in skipped]


def _all_views(result: Analysis) -> list[tuple[str, nx.Graph, ViewSpec, str]]:
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
                by_articles=True,
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
                f"colour by {result.settings.communities.capitalize()} community",
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
    views.append((
        "terms", result.terms,
        ViewSpec("Term map", "community", "occurrences",
                 f"{result.terms.number_of_nodes()} terms in at least "
                 f"{_least_articles(result)} articles; links by association strength",
                 seed, labels),
        "Terms of titles, abstracts and keywords, linked by co-occurrence.",
    ))  # fmt: skip
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
         ViewSpec("Bibliographic coupling", "community", "pagerank", similarity, seed,
                  {**result.reference_labels, **labels}),
         "Articles linked by the references they share."),
        ("cocitation", result.cocitation,
         ViewSpec("Co-citation", "community", "citations", similarity, seed, labels),
         "Cited works (in the corpus or not) linked by the articles citing both."),
    ]  # fmt: skip
    return views


def _least_articles(result: Analysis) -> int:
    articles = sum(1 for _, kind in result.graph.nodes(data="kind") if kind == ARTICLE)
    return result.settings.min_term_articles or min_occurrences(articles)


def _charts(result: Analysis, authors: list[dict[str, object]]) -> list[tuple[str, list[Bar]]]:
    """The index page's bar charts: articles per year, top authors, journals and terms."""
    per_year = cast(dict[str, int], result.corpus["articles_per_year"])
    journals = cast(list[dict[str, Any]], result.corpus["top_journals"])
    terms = sorted(result.terms.nodes(data=True), key=lambda t: (-int(t[1]["occurrences"]), t[0]))
    charts = [
        ("Articles per year", bars([(year, n) for year, n in per_year.items()])),
        ("Top authors (articles)",
         bars([(str(r["label"]), float(cast(int, r["articles"]))) for r in authors])),
        ("Top journals (articles)", bars([(j["journal"], j["articles"]) for j in journals])),
        ("Top terms (articles)",
         bars([(str(d["label"]), float(d["occurrences"])) for _, d in terms[:10]])),
    ]  # fmt: skip
    return [(title, chart) for title, chart in charts if chart]


def _index_context(result: Analysis, views: list[dict[str, object]]) -> dict[str, object]:
    counts = summary(result)
    authors = sort_rows(node_rows(result, AUTHOR), "articles", 10)
    numbers = [
        ("records read", counts["records_read"]),
        ("articles", counts["articles"]),
        ("duplicates merged", counts["duplicates_merged"]),
        ("authors", counts["authors"]),
        ("journal issues", counts["issues"]),
        ("co-author links", result.coauthors.number_of_edges()),
        ("topic links", result.topics.number_of_edges()),
        ("co-author components", result.networks["coauthorship"]["components"]),
        ("problems", counts["problems"]),
    ]
    if counts["journals"]:
        numbers.insert(5, ("journals", counts["journals"]))
    return {
        "charts": _charts(result, authors),
        "title": "citegraph: " + ", ".join(Path(f.path).name for f in result.loaded.files[:3]),
        "files": counts["files"],
        "notes": counts["notes"],
        "numbers": numbers,
        "views": views,
        "left_out": left_out(result),
        "stability": stability(result.networks),
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


def _drawn(result: Analysis) -> list[tuple[str, nx.Graph, ViewSpec, dict[str, object]]]:
    """Each view to draw: its name, network, spec (with the build's settings) and the
    entry index.html lists for it."""
    out = []
    for name, network, spec, about in _views(result):
        spec = replace(
            spec,
            max_nodes=result.settings.max_nodes,
            color_by=result.settings.color_by or spec.color_by,
            size_by=result.settings.size_by or spec.size_by,
        )
        entry: dict[str, object] = {
            "file": VIEW_FILES[name],
            "title": spec.title,
            "about": about,
            "nodes": network.number_of_nodes(),
            "edges": network.number_of_edges(),
        }
        out.append((name, network, spec, entry))
    return out


def draw_views(result: Analysis, out_dir: str | Path, stage: Stage = _quiet) -> list[Path]:
    """Write one HTML page per view of ``result`` into ``out_dir``."""
    out = Path(out_dir)
    _prepare(out)
    written = []
    for name, network, spec, _ in _drawn(result):
        stage(f"drawing {VIEW_FILES[name]}")
        write_text_atomic(out / VIEW_FILES[name], network_html(network, spec))
        written.append(out / VIEW_FILES[name])
    return written


FILE_STAGES = ("writing graph.graphml", "writing metrics.json and summary.json",
               "writing index.html")  # fmt: skip
"""The stages :func:`write_files` reports, in order."""


def write_files(result: Analysis, out_dir: str | Path, stage: Stage = _quiet) -> list[Path]:
    """Write graph.graphml, terms.graphml, metrics.json, summary.json and index.html (whose
    list of views needs no view drawn) into ``out_dir``."""
    out = Path(out_dir)
    _prepare(out)
    stage(FILE_STAGES[0])
    for name, file in (("all", "graph.graphml"), ("terms", "terms.graphml")):
        write_network_graphml(*tables_of(result, name), out / file, NETWORK[name].directed, name)
    stage(FILE_STAGES[1])
    write_text_atomic(out / "metrics.json", rows_json(metrics_document(result), "nodes"))
    write_text_atomic(out / "summary.json", to_json(summary(result)))
    stage(FILE_STAGES[2])
    views = [entry for *_, entry in _drawn(result)]
    write_text_atomic(out / "index.html", index_html(_index_context(result, views)))
    names = ("graph.graphml", "terms.graphml", "metrics.json", "summary.json", "index.html")
    return [out / name for name in names]


def write_outputs(result: Analysis, out_dir: str | Path, stage: Stage = _quiet) -> list[Path]:
    """Write one page per view, graph.graphml, terms.graphml, metrics.json, summary.json
    and index.html: :func:`draw_views`, then :func:`write_files`."""
    return [*draw_views(result, out_dir, stage), *write_files(result, out_dir, stage)]
