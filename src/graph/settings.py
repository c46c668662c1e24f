"""The settings of a build and the choices the CLI offers, declared once, with no heavy
imports: a query on a stored build reads these without loading scikit-learn or igraph.

>>> Settings().topic_threshold, Settings().similarity_top_k
(0.12, 20)
>>> "degree" in NODE_METRICS, "author_count" in INDICATOR_KEYS
(True, True)
"""

from __future__ import annotations

from dataclasses import dataclass

TOPIC_THRESHOLD = 0.12
TOPIC_TOP_K = 5
MIN_WEIGHT = 2
SIMILARITY_TOP_K = 20
NORMALIZATIONS = ("raw", "association", "cosine", "jaccard")
COUNTINGS = ("full", "fractional")
MAX_TEAM = 500
"""Past this many authors an article adds no co-author links: 500 authors already make
124,750 of them. VOSviewer's default is 25; the largest real teams pass 5,000."""
MAX_TERMS = 500
TERM_RELEVANCE = 0.6
"""The share of candidate terms the term map keeps, most relevant first (VOSviewer's)."""
MAX_NODES = 2000
EXPORT_FORMATS = ("graphml", "gexf", "vosviewer", "json", "csv")
FORMATS = ("listing", "wos", "wos-tab", "pubmed", "ris", "bibtex", "scopus", "ieee-csv",
           "springer-csv", "lens-csv", "endnote-xml", "openalex", "crossref",
           "csljson")  # fmt: skip
"""The record formats, in the order detection tries them: :data:`graph.readers.READERS`."""
MAX_FIELD = 2_000_000
"""Characters kept of one field: a thousand times a long abstract."""
MAX_INPUT_MB = 2048
"""Largest input file, after decompression."""
SEP = "; "
"""How a list becomes one attribute value in every output."""


METHODS = ("louvain", "leiden")
DEFAULT_METHOD = "leiden"
"""Leiden: its communities are always connected, Louvain's are not."""
QUALITIES = ("modularity", "cpm")
"""What Leiden optimises: modularity (with ``resolution``), or the constant Potts model,
where ``resolution`` is the least link density inside a community."""
NODE_METRICS = (
    "degree", "weighted_degree", "betweenness", "closeness", "pagerank", "component",
    "community", "core_number", "clustering", "bridging",
)  # fmt: skip
INDICATOR_KEYS = (
    "articles", "fractional_articles", "first_author", "coauthors", "first_year", "last_year",
    "year", "citations_in_corpus", "references_in_corpus",
    "h_index_in_corpus", "cited_by", "cited_by_source", "author_count", "coauthorship_density",
    "top_terms", "occurrences", "avg_year",
)  # fmt: skip


@dataclass
class Settings:
    """The knobs of one analysis run."""

    topic_threshold: float = TOPIC_THRESHOLD
    topic_top_k: int = TOPIC_TOP_K
    seed: int = 42
    min_weight: int = MIN_WEIGHT
    """Least shared references (coupling) or citing articles (co-citation) for a link."""
    similarity_top_k: int = SIMILARITY_TOP_K
    normalization: str = "raw"
    counting: str = "full"
    resolution: float = 1.0
    community_runs: int | None = None  # None: 10, fewer on very large networks
    """Seeded runs per network: the best partition is kept and their agreement reported."""
    communities: str = DEFAULT_METHOD
    quality: str = "modularity"
    """Leiden's quality function, one of :data:`QUALITIES`; Louvain is modularity only."""
    max_team: int | None = MAX_TEAM
    """Articles with more authors add no co-author links."""
    max_terms: int = MAX_TERMS
    term_relevance: float = TERM_RELEVANCE
    """The share of candidate terms kept, the most relevant first."""
    min_term_articles: int | None = None
    """Least articles a term-map term occurs in; None scales it with the corpus."""
    max_nodes: int | None = MAX_NODES
    """Most nodes drawn in one view (the top ones by the size metric); None draws all."""
    color_by: str | None = None
    """Colour every view by this attribute instead of each view's own default."""
    size_by: str | None = None
    """Size every view's nodes by this attribute instead of each view's own default."""
