"""Reader for Crossref REST API JSON: a ``work-list`` message, one ``work``, or bare works.

Abstracts are JATS: the markup is stripped without an XML parser, so no entity can expand.
``reference`` entries keep their DOI when Crossref has one.

>>> work = ('{"message-type": "work", "message": {"DOI": "10.7717/PEERJ.1", "title": ["T"],'
...         ' "issued": {"date-parts": [[2022, 10]]}, "container-title": ["PeerJ"],'
...         ' "author": [{"given": "Luisa", "family": "Viegas", "ORCID": "http://orcid.org/0000-0002-1825-0097"}],'
...         ' "abstract": "<jats:p>Fire &amp; climate</jats:p>",'
...         ' "reference": [{"DOI": "10.1016/A", "key": "r1"}]}}')
>>> [a], _ = parse(work, "x.json")
>>> a.doi, a.year, a.journal, a.authors[0].orcid, a.abstract, a.references[0].doi
('10.7717/peerj.1', 2022, 'PeerJ', '0000-0002-1825-0097', 'Fire & climate', '10.1016/a')
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from graph.models import Article, Author, Problem, Reference
from graph.normalize import author_from_parts, normalize_doi, parse_year, split_name, strip_markup
from graph.readers._common import unique
from graph.readers._json import parse_records

NAME = "crossref"
SUFFIXES: tuple[str, ...] = ()
_MARKERS = ('"message-type"', '"reference-count"', '"is-referenced-by-count"', '"deposited"')


def sniff(head: str) -> bool:
    """Crossref JSON carries keys only Crossref writes (``message-type``, ``reference-count``).

    >>> sniff('{"status":"ok","message-type":"work-list","message":{}}')
    True
    """
    return head.lstrip("\ufeff \n\r\t")[:1] in ("[", "{") and any(m in head for m in _MARKERS)


def _first(value: object) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    return str(value).strip() or None if value not in (None, "") else None


def _year(work: Mapping[str, Any]) -> int | None:
    for key in ("issued", "published", "published-print", "published-online", "created"):
        parts = (work.get(key) or {}).get("date-parts") or [[None]]
        if parts and parts[0] and parts[0][0]:
            return parse_year(parts[0][0])
    return None


def _authors(work: Mapping[str, Any]) -> list[Author]:
    authors = []
    for person in work.get("author") or []:
        if person.get("family"):
            family, given = person["family"], person.get("given")
        elif person.get("name"):
            family, given = split_name(person["name"])
        else:
            continue
        places = [a.get("name", "") for a in person.get("affiliation") or [] if isinstance(a, dict)]
        authors.append(author_from_parts(family, given, person.get("ORCID"), None, places))
    return authors


def _reference(ref: Mapping[str, Any]) -> Reference:
    parts = [
        ref.get("author"),
        ref.get("year"),
        ref.get("journal-title") or ref.get("volume-title"),
        ref.get("volume") and f"V{ref['volume']}",
        ref.get("first-page") and f"P{ref['first-page']}",
    ]
    raw = (
        ref.get("unstructured") or ", ".join(str(p) for p in parts if p) or str(ref.get("key", ""))
    )
    return Reference(raw=raw, doi=normalize_doi(ref.get("DOI")))


def fields(work: Mapping[str, Any]) -> dict[str, object]:
    """Article fields from one Crossref work."""
    cited = work.get("is-referenced-by-count")
    return {
        "title": strip_markup(_first(work.get("title"))),
        "year": _year(work),
        "volume": _first(work.get("volume")),
        "issue": _first(work.get("issue")),
        "pages": _first(work.get("page")) or _first(work.get("article-number")),
        "journal": _first(work.get("container-title")),
        "issn": _first(work.get("ISSN")),
        "authors": _authors(work),
        "abstract": strip_markup(work.get("abstract")),
        "doi": normalize_doi(work.get("DOI")),
        "keywords": unique(str(s) for s in work.get("subject") or []),
        "references": [
            _reference(r) for r in work.get("reference") or [] if isinstance(r, Mapping)
        ],
        "doc_type": work.get("type"),
        "cited_by": cited if isinstance(cited, int) else None,
    }


def parse(text: str, source: str) -> tuple[list[Article], list[Problem]]:
    """Parse Crossref JSON; an item that is not a work object becomes a problem."""
    return parse_records(
        text, source, [("message", "items"), ("message",), ("items",)], fields, "DOI"
    )
