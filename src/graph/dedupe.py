"""Merging records that are the same work, and name variants that are the same person.

Works match, in order of trust, on: the DOI; a source id (WoS UT, PMID, OpenAlex id,
Scopus EID); the same folded title (at least 20 characters) with the same first-author
family name and a year at most one apart; or, for records with no identifier at all, the
same title, year, volume, issue, pages and first author. Two records with different DOIs
never merge on their title, nor do two records of one database that :func:`separate`
tells apart: a conference paper and its journal version, or two journals. The
merged article takes where it was published (journal, ISSN, volume, issue, pages, year)
whole from the record that says most of it, the richest title and abstract, the union of
keywords and references, and where every duplicate came from; every merge is reported
with its reason. The result does not depend on the order of the input: records are taken in
(file, line) order and the first of each group is kept.

>>> from graph.models import Article
>>> a = Article(doi="10.1108/x", title="T", source="a.ris", line=1)
>>> b = Article(doi="10.1108/X", abstract="Longer text", source="b.ris", line=9)
>>> [merged], counts, [group] = merge_duplicates([b, a])
>>> merged.title, merged.abstract, merged.merged_from, counts, group.reason
('T', 'Longer text', ['b.ris:9'], {'b.ris': 1}, 'doi')
"""

from __future__ import annotations

import re
from collections import Counter

from graph.models import Article, Author, MergeGroup
from graph.normalize import article_id, fold, normalize_doi, title_key

_TEXT_FIELDS = ("title", "abstract", "doc_type")
# Where the work was published is taken whole from one record, never field by field: a
# journal from one record and a volume and pages from another cite nothing that exists.
_LOCATOR = ("journal", "issn", "volume", "issue", "pages", "year")
_MIN_TITLE = 20
_REASONS = ("doi", "source id", "title, year and first author", "same bibliographic details")


def _richer(first: str | None, second: str | None) -> str | None:
    if not first:
        return second
    if not second:
        return first
    return second if len(second) > len(first) else first


def _located(article: Article) -> int:
    return sum(getattr(article, name) not in (None, "") for name in _LOCATOR)


def merge_pair(kept: Article, other: Article) -> Article:
    """``kept`` enriched with what ``other`` knows and ``kept`` does not."""
    update: dict[str, object] = {
        name: _richer(getattr(kept, name), getattr(other, name)) for name in _TEXT_FIELDS
    }
    source = other if _located(other) > _located(kept) else kept
    update.update({name: getattr(source, name) for name in _LOCATOR})
    if update["year"] is None:  # a year is the work's too: a record without one takes it
        update["year"] = kept.year if kept.year is not None else other.year
    update["doi"] = source.doi or kept.doi or other.doi
    update["authors"] = _merged_authors(kept, other)
    update["sections"] = kept.sections or other.sections
    update["keywords"] = list(dict.fromkeys([*kept.keywords, *other.keywords]))
    update["addresses"] = list(dict.fromkeys([*kept.addresses, *other.addresses]))
    update["references"] = list(dict.fromkeys([*kept.references, *other.references]))
    update["ids"] = {**other.ids, **kept.ids}
    update["cited_by"] = max(
        (c for c in (kept.cited_by, other.cited_by) if c is not None), default=None
    )
    update["merged_from"] = [*kept.merged_from, other.position, *other.merged_from]
    return kept.model_copy(update=update)


def _merged_authors(kept: Article, other: Article) -> list[Author]:
    """The longer author list, each author remembering how the other record spelled them."""
    chosen, dropped = (
        (kept.authors, other.authors)
        if len(kept.authors) >= len(other.authors)
        else (other.authors, kept.authors)
    )
    merged = []
    for n, author in enumerate(chosen):
        twin = dropped[n] if n < len(dropped) else None
        spellings = (twin.name, *twin.aliases) if twin else ()
        if twin and fold(twin.family or twin.name) == fold(author.family or author.name):
            new = tuple(s for s in spellings if s != author.name and s not in author.aliases)
            places = tuple(dict.fromkeys([*author.affiliations, *twin.affiliations]))
            lands = tuple(dict.fromkeys([*author.countries, *twin.countries]))
            author = author.model_copy(
                update={
                    "aliases": (*author.aliases, *new),
                    "affiliations": places,
                    "countries": lands,
                }
            )
        merged.append(author)
    return merged


class _Groups:
    """Union-find over record indexes, remembering the strongest reason for each union."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))
        self.reason: dict[int, int] = {}

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int, reason: int) -> None:
        ra, rb = sorted((self.find(a), self.find(b)))
        if ra == rb and a == b:
            return
        self.parent[rb] = ra
        self.reason[ra] = min(reason, self.reason.get(ra, reason), self.reason.get(rb, reason))


def _surname(article: Article) -> str:
    first = article.authors[0] if article.authors else None
    return fold(first.family or first.name) if first else ""


def _title_match(title: str | None) -> str:
    """The title key the title rule compares: ``+`` and ``&`` read as words, so "GRASP+SA"
    and "GRASP plus SA" are one title.

    >>> _title_match("GRASP+SA for scheduling") == _title_match("GRASP plus SA for scheduling")
    True
    """
    return title_key((title or "").replace("+", " plus ").replace("&", " and "))


def same_surname(one: str, other: str) -> bool:
    """Folded family names that can be one person's: equal, or one the end or the start of
    the other, word by word (Iberian compound surnames: "borges de araujo", "de araujo").

    >>> same_surname("borges de araujo", "de araujo"), same_surname("borges", "borges de araujo")
    (True, True)
    >>> same_surname("araujo", "de araujo"), same_surname("smith", "smithson")
    (True, False)
    """
    a, b = sorted((one.split(), other.split()), key=len)
    return (
        a == b[-len(a) :]
        or a == b[: len(a)]
        or a == [w for w in b if w not in _PARTICLES][-len(a) :]
    )


_PARTICLES = frozenset({"de", "da", "do", "dos", "das", "del", "la", "van", "von", "der"})


def _link(records: list[Article], groups: _Groups) -> None:
    by_doi: dict[str, int] = {}
    by_id: dict[str, int] = {}
    by_title: dict[str, list[int]] = {}
    by_details: dict[str, int] = {}
    for i, article in enumerate(records):
        if not normalize_doi(article.doi) and not article.ids:
            # No identifier: the same title, year, volume, issue, pages and first author.
            groups.union(by_details.setdefault(article_id(article), i), i, 3)
        doi = normalize_doi(article.doi)
        if doi:
            groups.union(by_doi.setdefault(doi, i), i, 0)
        for scheme, value in sorted(article.ids.items()):
            groups.union(by_id.setdefault(f"{scheme}:{value.lower()}", i), i, 1)
        title = _title_match(article.title)
        if len(title) >= _MIN_TITLE and _surname(article) and article.year is not None:
            for j in by_title.setdefault(title, []):
                other = records[j]
                if not same_surname(_surname(article), _surname(other)):
                    continue
                dois = {normalize_doi(article.doi), normalize_doi(other.doi)} - {None}
                close = other.year is not None and abs(other.year - article.year) <= 1
                if len(dois) < 2 and close and separate(article, other) is None:
                    groups.union(j, i, 2)
            by_title[title].append(i)


_CONFERENCE = re.compile(r"proceeding|conference|symposium|workshop|congress|meeting")
_JOURNAL_TYPE = re.compile(r"(^|[;,]\s*)(journal )?article\b")  # WoS "Article; Proceedings Paper"
_JOURNAL_STOP = frozenset({"of", "the", "and", "for", "in", "on", "de", "la"})


def venue_kind(article: Article) -> str | None:
    """``conference`` or ``journal`` as the record's document type says, or None.

    >>> [venue_kind(Article(title="T", doc_type=t)) for t in ("Proceedings Paper",
    ...  "Article; Proceedings Paper", "inproceedings", "proceedings-article", "Article")]
    ['conference', 'journal', 'conference', 'conference', 'journal']
    """
    kind = fold(article.doc_type or "")
    if _JOURNAL_TYPE.search(kind):
        return "journal"
    return "conference" if _CONFERENCE.search(kind) else None


def same_journal(one: str, other: str) -> bool:
    """Whether two journal names can be one journal: equal when folded, or most words of
    the shorter start a word of the longer (``J Appl Phys``, ``Journal of Applied Physics``).

    >>> same_journal("ANNALS OF THORACIC SURGERY", "Ann. Thorac. Surg.")
    True
    >>> same_journal("Circulation", "Journal of the American College of Cardiology")
    False
    """
    words = [[w for w in title_key(x).split() if w not in _JOURNAL_STOP] for x in (one, other)]
    short, long = sorted(words, key=lambda w: (len(w), len("".join(w)), w))  # either order
    if short == long:
        return True
    starts = sum(any(w.startswith(s) for w in long) for s in short)
    return bool(short) and starts >= _SAME_JOURNAL_SHARE * len(short)


_SAME_JOURNAL_SHARE = 0.6


def separate(one: Article, other: Article) -> str | None:
    """Why two records with one title are still two publications, or None. Only records
    one database holds apart (different WoS UTs, PMIDs, EIDs) are compared, and they are
    two publications when one is a conference paper and the other a journal article, or
    their journals differ. The ids alone say nothing: WoS holds some papers twice, with
    and without a DOI (16 of the 30 title matches in the 10k WoS corpus are in one journal
    or proceedings). Across databases venues are named too differently to compare: Scopus
    BibTeX files an LNCS paper as an article in "Lecture Notes in Computer Science", WoS
    BibTeX as a paper in its conference's proceedings.

    >>> a = Article(title="T", journal="Proc IEEE EMBC", doc_type="Proceedings Paper",
    ...             ids={"wos": "000260"})
    >>> b = Article(title="T", journal="J Neural Eng", doc_type="Article", ids={"wos": "0002"})
    >>> separate(a, b), separate(a, b.model_copy(update={"ids": {"eid": "2-s2.0-1"}}))
    ('a conference paper and a journal article', None)
    """
    schemes = one.ids.keys() & other.ids.keys()
    if not any(one.ids[s].lower() != other.ids[s].lower() for s in schemes):
        return None
    if {venue_kind(one), venue_kind(other)} == {"conference", "journal"}:
        return "a conference paper and a journal article"
    if one.journal and other.journal and not same_journal(one.journal, other.journal):
        return "different journals"
    return None


def merge_duplicates(
    articles: list[Article],
) -> tuple[list[Article], dict[str, int], list[MergeGroup]]:
    """One article per work, how many records merged away per file, and every merge made."""
    records = sorted(articles, key=lambda a: (a.source, a.line or 0))
    groups = _Groups(len(records))
    _link(records, groups)
    members: dict[int, list[int]] = {}
    for i in range(len(records)):
        members.setdefault(groups.find(i), []).append(i)
    merged: list[Article] = []
    per_file: Counter[str] = Counter()
    report: list[MergeGroup] = []
    for root, indexes in sorted(members.items()):
        article = records[indexes[0]]
        for j in indexes[1:]:
            article = merge_pair(article, records[j])
            per_file[records[j].source] += 1
        merged.append(article)
        if len(indexes) > 1:
            report.append(
                MergeGroup(
                    kept=records[indexes[0]].position,
                    merged=[records[j].position for j in indexes[1:]],
                    reason=_REASONS[groups.reason[root]],
                    label=article.label,
                )
            )
    return merged, dict(per_file), report
