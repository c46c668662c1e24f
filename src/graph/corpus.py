"""The corpus as immutable, integer-indexed Arrow tables, made once after dedupe and
identity: works, people, authorships, issues, journals, references and keywords.

Each table has an integer key (``work``, ``person``, ``issue``, ``journal``) and the node
id the graphs and the views use (``id``); relations point at the integer keys. Arrow
tables cannot be changed in place, so nothing downstream can write onto the corpus.

>>> from graph.models import Article, Author
>>> from graph.build import build_graph
>>> art = Article(title="Peer support", year=2015, volume="19", issue="4",
...               keywords=["peer support"],
...               authors=[Author(name="Emma Watson", family="Watson", given="Emma",
...                              affiliations=("Univ Leeds, Leeds, England",))])
>>> tables = corpus_tables([art], build_graph([art]))
>>> tables.works.column("title").to_pylist(), tables.people.column("label").to_pylist()
(['Peer support'], ['Emma Watson'])
>>> tables.authorships.to_pylist()
[{'work': 0, 'person': 0, 'position': 1, 'name': 'Emma Watson', \
'affiliations': ['Univ Leeds, Leeds, England'], 'countries': ['United Kingdom']}]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from typing import Any

import networkx as nx
import pyarrow as pa

from graph.affiliations import countries
from graph.build import ReferenceRow, reference_rows
from graph.kinds import AUTHOR, ISSUE, JOURNAL, REFERENCE
from graph.models import Article, Author
from graph.normalize import article_id, author_id, issue_id, journal_id
from graph.schemas import SCHEMAS


@dataclass(frozen=True)
class CorpusTables:
    """The corpus after dedupe and identity; one Arrow table per entity or relation."""

    works: pa.Table
    people: pa.Table
    authorships: pa.Table
    issues: pa.Table
    journals: pa.Table
    references: pa.Table
    keywords: pa.Table

    def items(self) -> list[tuple[str, pa.Table]]:
        """(name, table) for every table, in declaration order."""
        return [(f.name, getattr(self, f.name)) for f in fields(self)]


def _table(name: str, rows: list[dict[str, Any]]) -> pa.Table:
    return pa.Table.from_pylist(rows, schema=SCHEMAS[name])


def _index(G: nx.Graph, kind: str) -> dict[str, int]:
    return {n: i for i, n in enumerate(sorted(n for n, k in G.nodes(data="kind") if k == kind))}


def _people(G: nx.Graph, people: dict[str, int]) -> pa.Table:
    rows = []
    for node, i in people.items():
        data = G.nodes[node]
        row = {c: data.get(c) for c in SCHEMAS["people"].names}
        variants = data.get("variants")
        row.update(person=i, id=node, variants=str(variants).split("; ") if variants else [])
        rows.append(row)
    return _table("people", rows)


def _issues(G: nx.Graph, issues: dict[str, int], journals: dict[str, int]) -> pa.Table:
    rows = []
    for node, i in issues.items():
        data = G.nodes[node]
        journal = data.get("journal")
        rows.append(
            {
                "issue": i,
                "id": node,
                "label": data.get("label"),
                "journal_name": journal,
                "year": data.get("year"),
                "volume": data.get("volume"),
                "issue_number": data.get("issue"),
                "journal": journals.get(journal_id(journal)) if journal else None,
            }
        )
    return _table("issues", rows)


def _work_row(article: Article, i: int, issue: int, journal: int | None) -> dict[str, Any]:
    return {
        "work": i,
        "id": article_id(article),
        "label": article.label,
        "title": article.title,
        "year": article.year,
        "volume": article.volume,
        "issue_number": article.issue,
        "pages": article.pages,
        "journal_name": article.journal,
        "issn": article.issn,
        "doi": article.doi,
        "abstract": article.abstract,
        "doc_type": article.doc_type,
        "cited_by": article.cited_by,
        **{k: article.ids.get(k) for k in ("wos", "pmid", "openalex", "eid")},
        "source": article.position,
        "issue": issue,
        "journal": journal,
        "addresses": article.addresses,
    }


def _authorships(article: Article, work: int, people: dict[str, int]) -> list[dict[str, Any]]:
    # As in the typed graph: a person listed twice on one paper counts once, first position.
    first: dict[str, tuple[int, Author]] = {}
    for position, author in enumerate(article.authors, 1):
        first.setdefault(author.key or author_id(author), (position, author))
    return [
        {
            "work": work,
            "person": people[who],
            "position": position,
            "name": author.name,
            "affiliations": list(author.affiliations),
            # read from the affiliations; a source's own codes only where none can be read
            "countries": countries(author.affiliations) or list(author.countries),
        }
        for who, (position, author) in sorted(first.items(), key=lambda kv: kv[1][0])
    ]


def corpus_tables(
    articles: Sequence[Article], G: nx.Graph, references: list[ReferenceRow] | None = None
) -> CorpusTables:
    """The corpus tables of the merged, identity-resolved ``articles``, whose typed graph
    ``G`` (:func:`graph.build.build_graph`) gives each person's and issue's label
    (``references``: :func:`graph.build.reference_rows` of them, when already made)."""
    articles = sorted(articles, key=article_id)
    works = {article_id(a): i for i, a in enumerate(articles)}
    people, issues, journals = _index(G, AUTHOR), _index(G, ISSUE), _index(G, JOURNAL)
    work_rows, authorship_rows, keyword_rows = [], [], []
    for i, article in enumerate(articles):
        journal = journals.get(journal_id(article.journal)) if article.journal else None
        work_rows.append(_work_row(article, i, issues[issue_id(article.journal_issue)], journal))
        authorship_rows += _authorships(article, i, people)
        keyword_rows += [{"work": i, "keyword": k} for k in article.keywords]
    reference_rows_ = [
        {
            "work": works[citing],
            "position": position,
            "raw": ref.raw,
            "doi": ref.doi,
            "key": key,
            "cited_work": None if key.startswith(f"{REFERENCE}:") else works[key],
        }
        for citing, position, ref, key in (
            reference_rows(articles) if references is None else references
        )
    ]
    journal_rows = [
        {"journal": i, "id": n, "label": G.nodes[n].get("label")} for n, i in journals.items()
    ]
    return CorpusTables(
        works=_table("works", work_rows),
        people=_people(G, people),
        authorships=_table("authorships", authorship_rows),
        issues=_issues(G, issues, journals),
        journals=_table("journals", journal_rows),
        references=_table("references", reference_rows_),
        keywords=_table("keywords", keyword_rows),
    )
