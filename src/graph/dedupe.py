"""Merging records that are the same work.

Two records are one work when they share an article id (see
:func:`graph.normalize.article_id`): the same DOI, or, without one, the same title,
year, volume, issue, pages and first author. The merged article keeps the richest value
of each field and the union of keywords and references, and lists where every duplicate
came from.

>>> from graph.models import Article
>>> a = Article(doi="10.1108/x", title="T", source="a.ris", line=1)
>>> b = Article(doi="10.1108/X", abstract="Longer text", source="b.ris", line=9)
>>> [merged], counts = merge_duplicates([a, b])
>>> merged.title, merged.abstract, merged.merged_from, counts
('T', 'Longer text', ['b.ris:9'], {'b.ris': 1})
"""

from __future__ import annotations

from collections import Counter

from graph.models import Article
from graph.normalize import article_id

_TEXT_FIELDS = ("title", "abstract", "pages", "journal", "issn", "doc_type", "volume", "issue")


def _richer(first: str | None, second: str | None) -> str | None:
    if not first:
        return second
    if not second:
        return first
    return second if len(second) > len(first) else first


def merge_pair(kept: Article, other: Article) -> Article:
    """``kept`` enriched with what ``other`` knows and ``kept`` does not."""
    update: dict[str, object] = {
        name: _richer(getattr(kept, name), getattr(other, name)) for name in _TEXT_FIELDS
    }
    update["year"] = kept.year if kept.year is not None else other.year
    update["doi"] = kept.doi or other.doi
    update["authors"] = kept.authors if len(kept.authors) >= len(other.authors) else other.authors
    update["sections"] = kept.sections or other.sections
    update["keywords"] = list(dict.fromkeys([*kept.keywords, *other.keywords]))
    update["references"] = list(dict.fromkeys([*kept.references, *other.references]))
    update["merged_from"] = [*kept.merged_from, other.position, *other.merged_from]
    return kept.model_copy(update=update)


def merge_duplicates(articles: list[Article]) -> tuple[list[Article], dict[str, int]]:
    """One article per work, in first-seen order, and how many records merged per file."""
    by_id: dict[str, Article] = {}
    merged_per_file: Counter[str] = Counter()
    for article in articles:
        key = article_id(article)
        if key in by_id:
            by_id[key] = merge_pair(by_id[key], article)
            merged_per_file[article.source] += 1
        else:
            by_id[key] = article
    return list(by_id.values()), dict(merged_per_file)
