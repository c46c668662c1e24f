"""Reader for CSL-JSON (Zotero, Manubot, pandoc citeproc): an array of items, or one item.

>>> item = ('[{"id": "x", "type": "article-journal", "title": "T", "DOI": "10.1/ABC.D",'
...         ' "author": [{"family": "Niu", "given": "Feng"}, {"literal": "The Consortium"}],'
...         ' "issued": {"date-parts": [[2011, 11, 14]]}, "container-title": "arXiv",'
...         ' "volume": "3", "page": "1-9", "PMID": "123"}]')
>>> [a], _ = parse(item, "x.json")
>>> [x.name for x in a.authors], a.year, a.journal, a.ids
(['Feng Niu', 'The Consortium'], 2011, 'arXiv', {'pmid': '123'})
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from graph.models import Article, Author, Problem
from graph.normalize import author_from_parts, normalize_doi, parse_year, strip_markup
from graph.readers._common import unique
from graph.readers._json import parse_records

NAME = "csljson"
SUFFIXES: tuple[str, ...] = ()
_CSL_KEYS = ('"container-title"', '"issued"', '"author"', '"title"')


def sniff(head: str) -> bool:
    """CSL items have ``type`` and ``id`` with CSL's own field names (``issued``, …).

    >>> sniff('[{"id": "x", "type": "report", "title": "T", "issued": {"date-parts": [[2011]]}}]')
    True
    """
    return (
        head.lstrip("\ufeff \n\r\t")[:1] in ("[", "{")
        and '"type"' in head
        and '"id"' in head
        and any(k in head for k in _CSL_KEYS)
    )


def _text(value: object) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    return str(value).strip() or None if value not in (None, "") else None


def _year(item: Mapping[str, Any]) -> int | None:
    issued = item.get("issued") or {}
    if isinstance(issued, Mapping):
        parts = issued.get("date-parts") or [[None]]
        if parts and parts[0] and parts[0][0]:
            return parse_year(parts[0][0])
        return parse_year(issued.get("raw") or issued.get("literal"))
    return parse_year(issued)


def _authors(item: Mapping[str, Any]) -> list[Author]:
    authors = []
    for person in item.get("author") or []:
        if not isinstance(person, Mapping):
            continue
        if person.get("family"):
            family = " ".join(
                p for p in (person.get("non-dropping-particle"), person["family"]) if p
            )
            authors.append(author_from_parts(family, person.get("given")))
        elif person.get("literal"):
            authors.append(author_from_parts(person["literal"], None))
    return authors


def fields(item: Mapping[str, Any]) -> dict[str, object]:
    """Article fields from one CSL item."""
    keywords = _text(item.get("keyword")) or ""
    ids = {"pmid": _text(item.get("PMID"))}
    if not item.get("DOI") and not ids["pmid"]:
        ids["url"] = _text(item.get("URL"))  # a web page's only identifier
    return {
        "title": strip_markup(_text(item.get("title"))),
        "year": _year(item),
        "volume": _text(item.get("volume")),
        "issue": _text(item.get("issue")),
        "pages": _text(item.get("page")),
        "journal": _text(item.get("container-title")),
        "issn": _text(item.get("ISSN")),
        "authors": _authors(item),
        "abstract": strip_markup(_text(item.get("abstract"))),
        "doi": normalize_doi(_text(item.get("DOI"))),
        "keywords": unique(re.split(r"[;,]", keywords)),
        "doc_type": _text(item.get("type")),
        "ids": {k: v for k, v in ids.items() if v},
    }


def parse(text: str, source: str) -> tuple[list[Article], list[Problem]]:
    """Parse CSL-JSON; an item that is not an object becomes a problem."""
    return parse_records(text, source, [("items",)], fields, "id")
