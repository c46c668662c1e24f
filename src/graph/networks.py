"""The one registry of networks: each network's name, files, title, how it is built and how
it is measured. The pipeline, the store, the views, the exports and the CLI all read it, so
a network is named once.

>>> [n.name for n in NETWORKS][:4]
['all', 'coauthors', 'topics', 'terms']
>>> NETWORK["coauthors"].metrics_key, NETWORK["coauthors"].measures
('coauthorship', 'author')
>>> NETWORK["citations"].needs_references, NETWORK["citations"].directed
(True, True)
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NetworkSpec:
    """One network of a build."""

    name: str
    """What the CLI (``--view``, ``--network``), the store and :func:`graph.open` call it."""
    title: str
    built_from: str
    """How it is built, in a sentence."""
    metrics_key: str
    """Its key under ``networks`` in ``metrics.json`` and ``citegraph stats``."""
    measured: str
    """``full`` (communities, node and graph metrics), ``colour`` (communities and
    PageRank, no path lengths) or ``graph`` (graph-level metrics only)."""
    view_file: str | None = None
    """The HTML view ``citegraph build`` draws of it, if any."""
    measures: str | None = None
    """The node kind whose node metrics come from this network."""
    directed: bool = False
    multi: bool = False
    needs_references: bool = False
    """Built only when the records have cited references."""


NETWORKS: tuple[NetworkSpec, ...] = (
    NetworkSpec("all", "Whole graph: authors, articles and issues",
                "authored, published_in and part_of edges of the records, cites edges between "
                "articles of the corpus, and the projections' links", "typed", "graph",
                view_file="graph.html", directed=True, multi=True),
    NetworkSpec("coauthors", "Co-authorship",
                "authors linked by joint articles (AᵀA of the authorship matrix)",
                "coauthorship", "full", view_file="coauthors.html", measures="author"),
    NetworkSpec("topics", "Topic overlap",
                "articles linked by TF-IDF cosine similarity, top k per article",
                "topic", "full", view_file="topics.html", measures="article"),
    NetworkSpec("terms", "Term map",
                "terms linked by co-occurrence, weighted by association strength",
                "terms", "full", view_file="terms.html", measures="term"),
    NetworkSpec("issues", "Issue topic overlap",
                "issues linked by the cosine similarity of their topic profiles",
                "issue_topic", "graph"),
    NetworkSpec("issue_authors", "Issues sharing authors",
                "issues linked by the authors they share", "issue_authors", "full",
                measures="issue"),
    NetworkSpec("citations", "Direct citation",
                "articles linked to the articles of the corpus they cite", "citation", "graph",
                view_file="citations.html", directed=True, needs_references=True),
    NetworkSpec("coupling", "Bibliographic coupling",
                "articles linked by the references they share (RRᵀ), top k per article",
                "coupling", "colour", view_file="coupling.html", needs_references=True),
    NetworkSpec("cocitation", "Co-citation",
                "cited works linked by the articles citing both (RᵀR), top k per work",
                "cocitation", "colour", view_file="cocitation.html", needs_references=True),
)  # fmt: skip

NETWORK: dict[str, NetworkSpec] = {n.name: n for n in NETWORKS}
NETWORK_NAMES: tuple[str, ...] = tuple(NETWORK)
