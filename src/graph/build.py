"""Records become one typed graph of author, article, issue and journal nodes.

Every node has ``kind`` and ``label``; every edge has ``kind``, which is also its key in
the multigraph (a citation and a topic link may join the same two articles). Attribute values are
scalars only (lists are joined with ``"; "``, absent values are left out), so any
writer can take the graph as it is.

>>> from graph.models import Article, Author
>>> art = Article(year=2015, volume="19", issue="4",
...               authors=[Author(name="Emma Watson", family="Watson", given="Emma")])
>>> G = build_graph([art])
>>> sorted(G.nodes[n]["kind"] for n in G)
['article', 'author', 'issue']
>>> sorted(d["kind"] for _, _, d in G.edges(data=True))
['authored', 'published_in']
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping

import networkx as nx

from graph.kinds import (
    ARTICLE,
    AUTHOR,
    AUTHORED,
    CITES,
    ISSUE,
    JOURNAL,
    PART_OF,
    PUBLISHED_IN,
    REFERENCE,
    Scalar,
    scalars,
)
from graph.models import Article, Reference
from graph.normalize import (
    article_id,
    article_keys,
    author_id,
    issue_id,
    journal_id,
    reference_keys,
    title_key,
)
from graph.settings import SEP


def _issue_label(article: Article) -> str:
    parts = [article.journal or "", str(article.year or "n.d.")]
    if article.volume:
        parts.append(f"Vol {article.volume}" + (f" ({article.issue})" if article.issue else ""))
    return " ".join(p for p in parts if p)


def _article_attributes(article: Article) -> dict[str, Scalar]:
    return scalars(
        {
            "kind": ARTICLE,
            "label": article.label,
            "title": article.title,
            "year": article.year,
            "volume": article.volume,
            "issue": article.issue,
            "pages": article.pages,
            "journal": article.journal,
            "doi": article.doi,
            "authors": [a.name for a in article.authors],
            "abstract": article.abstract,
            "sections": list(article.sections),
            "keywords": article.keywords,
            "references": len(article.references),
            "doc_type": article.doc_type,
            "cited_by": article.cited_by,
            "source": article.position,
            "merged_from": article.merged_from,
        }
    )


def _add_authors(
    G: nx.MultiDiGraph, article: Article, node: str, names: dict[str, Counter[str]]
) -> None:
    # The same person listed twice on one paper counts once, at their first position.
    unique = {
        a.key or author_id(a): (position, a)
        for position, a in reversed(list(enumerate(article.authors, 1)))
    }
    n_authors = len(unique)
    for who, (position, author) in sorted(unique.items(), key=lambda item: item[1][0]):
        if who not in G:
            G.add_node(who, **scalars({"kind": AUTHOR, "label": author.name}))
            G.nodes[who].update(articles=0, fractional_articles=0.0, first_author=0)
        if author.orcid:
            G.nodes[who]["orcid"] = author.orcid
        names.setdefault(who, Counter())[author.name] += 1
        for alias in author.aliases:  # spellings of merged duplicates: variants, not votes
            names[who].setdefault(alias, 0)
        G.nodes[who]["articles"] += 1
        G.nodes[who]["first_author"] += position == 1
        if article.year is not None:
            first, last = G.nodes[who].get("first_year"), G.nodes[who].get("last_year")
            G.nodes[who]["first_year"] = min(article.year, first or article.year)
            G.nodes[who]["last_year"] = max(article.year, last or article.year)
        G.nodes[who]["fractional_articles"] += 1.0 / n_authors
        G.add_edge(who, node, key=AUTHORED, kind=AUTHORED, position=position)


def _add_issue(G: nx.MultiDiGraph, article: Article, node: str) -> None:
    issue = issue_id(article.journal_issue)
    if issue not in G:
        G.add_node(
            issue,
            **scalars(
                {
                    "kind": ISSUE,
                    "label": _issue_label(article),
                    "journal": article.journal,
                    "year": article.year,
                    "volume": article.volume,
                    "issue": article.issue,
                }
            ),
            articles=0,
        )
    G.nodes[issue]["articles"] += 1
    G.add_edge(node, issue, key=PUBLISHED_IN, kind=PUBLISHED_IN)
    if article.journal:
        journal = journal_id(article.journal)
        if journal not in G:
            G.add_node(journal, **scalars({"kind": JOURNAL, "label": article.journal}))
        G.add_edge(issue, journal, key=PART_OF, kind=PART_OF)


def build_graph(articles: Iterable[Article]) -> nx.MultiDiGraph:
    """The typed graph of ``articles``: authored, published_in and part_of edges.

    Authors get ``articles`` (their article count), ``fractional_articles`` (the sum of
    1/n over their articles, n being the article's author count), ``first_author`` (how
    often they are listed first) and ``first_year``/``last_year`` (years active).
    """
    G = nx.MultiDiGraph()
    names: dict[str, Counter[str]] = {}
    for article in articles:
        node = article_id(article)
        G.add_node(node, **_article_attributes(article))
        _add_authors(G, article, node, names)
        _add_issue(G, article, node)
    for who, counts in names.items():
        data = G.nodes[who]
        data["fractional_articles"] = round(data["fractional_articles"], 6)
        # The label is the commonest spelling; ties go to the longest, then the first.
        data["label"] = min(counts, key=lambda name: (-counts[name], -len(name), name))
        if len(counts) > 1:
            data["variants"] = SEP.join(sorted(counts))
    return G


def linked_graph(G: nx.MultiDiGraph, projections: list[tuple[str, nx.Graph]]) -> nx.MultiDiGraph:
    """A copy of the typed graph ``G`` with the links of each (kind, projection) added as
    edges of that kind, between nodes of ``G``: the graph ``why`` walks for its evidence
    and shortest path. The typed graph itself holds only its own links.

    >>> from graph.kinds import COAUTHOR
    >>> from graph.models import Article, Author
    >>> G = build_graph([Article(title="T", authors=[Author(name="A B", family="B")])])
    >>> C = nx.Graph([("author:name:b|a", "author:name:x|y")])
    >>> sorted(k for *_, k in linked_graph(G, [(COAUTHOR, C)]).edges(keys=True))
    ['authored', 'published_in']
    """
    H = G.copy()
    for kind, links in projections:
        for u, v, data in links.edges(data=True):  # in the projection's order: deterministic
            if u in G and v in G:
                a, b = sorted((u, v))
                H.add_edge(a, b, key=kind, **scalars({**data, "kind": kind}))
    return H


def nodes_of_kind(G: nx.Graph, kind: str) -> list[str]:
    """The ids of the nodes of one kind, sorted."""
    return sorted(n for n, k in G.nodes(data="kind") if k == kind)


def cited_works(
    articles: Iterable[Article], rows: list[ReferenceRow] | None = None
) -> tuple[dict[str, list[str]], dict[str, str]]:
    """What each article cites, as node ids, and a label for each work outside the corpus
    (from ``rows``, :func:`reference_rows` of ``articles``, when already made).

    A reference is found in the corpus by DOI, then source id, then its (first author,
    year, volume, first page); a work not found gets a ``reference:<key>`` id.

    >>> from graph.models import Author, Reference
    >>> allen = Article(title="Cited", doi="10.1119/1.1972585")
    >>> citing = Article(title="Citing", references=[
    ...     Reference(raw="ALLEN PJ, 1966, AM J PHYS, V34, P1185", doi="10.1119/1.1972585"),
    ...     Reference(raw="BETH RA, 1936, PHYS REV, V50, P115")])
    >>> cited, labels = cited_works([allen, citing])
    >>> cited[article_id(citing)]
    ['article:doi:10.1119/1.1972585', 'reference:cr:beth|1936|50|115']
    >>> labels["reference:cr:beth|1936|50|115"]
    'BETH RA, 1936, PHYS REV, V50, P115'
    """
    articles = list(articles)
    cited: dict[str, list[str]] = {article_id(a): [] for a in articles}
    labels: dict[str, str] = {}
    for node, _, ref, found in reference_rows(articles) if rows is None else rows:
        if found.startswith(f"{REFERENCE}:"):
            labels.setdefault(found, ref.raw)
        if found != node:
            cited[node].append(found)
    return {node: list(dict.fromkeys(works)) for node, works in cited.items()}, labels


ReferenceRow = tuple[str, int, Reference, str]


def reference_rows(articles: Iterable[Article]) -> Iterator[ReferenceRow]:
    """(citing article id, position, reference, what it cites) for every reference.

    A reference is found in the corpus by DOI, then source id, then its (first author,
    year, volume, first page); a work not found gets a ``reference:<key>`` id.
    """
    articles = list(articles)
    index: dict[str, str] = {}
    for article in articles:
        for key in article_keys(article):
            index.setdefault(key, article_id(article))
    # A work is cited by many articles in the same words: 126,499 distinct references
    # among the 10k WoS corpus's 301,356, so each is looked up once.
    seen: dict[Reference, str] = {}
    for article in articles:
        node = article_id(article)
        for position, ref in enumerate(article.references, 1):
            found = seen.get(ref)
            if found is None:
                found = seen[ref] = _found(ref, index)
            yield node, position, ref, found


def _found(ref: Reference, index: Mapping[str, str]) -> str:
    """The corpus work ``ref`` cites, by the first of its keys in ``index``, else its
    ``reference:`` id."""
    keys = reference_keys(ref)
    found = next((index[k] for k in keys if k in index), None)
    if found is None:
        found = f"{REFERENCE}:{keys[0] if keys else 'raw:' + title_key(ref.raw)[:160]}"
    return found


def add_citations(G: nx.MultiDiGraph, cited: dict[str, list[str]]) -> None:
    """``cites`` edges between articles of the corpus, and each article's counts:
    ``references_in_corpus`` (it cites) and ``citations_in_corpus`` (it is cited)."""
    for node in cited:
        G.nodes[node].update(references_in_corpus=0, citations_in_corpus=0)
    for node, works in sorted(cited.items()):
        for work in works:
            if work in G and G.nodes[work].get("kind") == ARTICLE:
                G.add_edge(node, work, key=CITES, kind=CITES)
                G.nodes[node]["references_in_corpus"] += 1
                G.nodes[work]["citations_in_corpus"] += 1
