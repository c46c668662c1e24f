"""What the details panel of a view shows for a node or a link, as (field, text) pairs.

The page writes each pair with ``textContent``, never as HTML, so record text shows as it
is. A ``doi`` field becomes a link to ``https://doi.org/`` built in the page from the
DOI's text, so no record can choose a link's scheme.

>>> node_details({"kind": "article", "label": "T", "title": "A <b>title</b>", "doi": "10.1/x"})
[('kind', 'article'), ('title', 'A <b>title</b>'), ('doi', '10.1/x')]
"""

from __future__ import annotations

from collections.abc import Mapping

from graph.settings import SEP

RECORD_FIELDS = (
    "title", "authors", "year", "journal", "volume", "issue", "pages", "doi", "abstract",
    "keywords", "doc_type", "cited_by", "references", "variants", "top_terms",
)  # fmt: skip
METRIC_FIELDS = (
    "articles", "fractional_articles", "first_author", "coauthors", "first_year", "last_year",
    "occurrences", "avg_year", "author_count", "coauthorship_density", "citations_in_corpus",
    "references_in_corpus", "h_index_in_corpus", "degree", "weighted_degree", "betweenness",
    "closeness", "pagerank", "community", "core_number", "clustering", "bridging",
)  # fmt: skip
_TEXT_MAX = 4000


def _text(value: object) -> str:
    text = str(value)
    return text if len(text) <= _TEXT_MAX else text[: _TEXT_MAX - 1] + "…"


def node_details(data: Mapping[str, object]) -> list[tuple[str, str]]:
    """Kind, the record's metadata, then its indicators and metrics, where present."""
    pairs = [("kind", str(data.get("kind", "")))]
    if "title" not in data:
        pairs.append(("label", _text(data.get("label", ""))))
    for key in (*RECORD_FIELDS, *METRIC_FIELDS):
        if key in data and data[key] != "":
            pairs.append((key, _text(data[key])))
    return pairs


def edge_details(data: Mapping[str, object], labels: Mapping[str, str]) -> list[tuple[str, str]]:
    """The link's kind and weight, and its evidence: shared terms, then one line per
    article behind it, by label.

    >>> edge_details({"kind": "coauthor", "weight": 1, "articles": "a1"}, {"a1": "Paper"})
    [('kind', 'coauthor'), ('weight', '1'), ('article', 'Paper')]
    """
    pairs = [("kind", str(data.get("kind", "")))]
    for key in ("weight", "fractional", "joint_articles", "cooccurrences", "shared_terms",
                "authors", "position"):  # fmt: skip
        if key in data:
            pairs.append((key, _text(data[key])))
    for article in str(data.get("articles", "")).split(SEP):
        if article:
            pairs.append(("article", _text(labels.get(article, article))))
    return pairs
