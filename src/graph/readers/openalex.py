"""Reader for OpenAlex works: a JSON array, one work, a ``{"results": [...]}`` page, or
JSON Lines (``.jsonl``, as in the OpenAlex snapshot).

The abstract is rebuilt from ``abstract_inverted_index``; authors keep their OpenAlex id
and ORCID; ``referenced_works`` become references with OpenAlex ids.

>>> work = ('{"id": "https://openalex.org/W1", "doi": "https://doi.org/10.1/X.Y", "title": "T",'
...         ' "publication_year": 2016, "abstract_inverted_index": {"Hello": [0], "world": [1]},'
...         ' "authorships": [{"author": {"id": "https://openalex.org/A9",'
...         ' "display_name": "Mourad Ouzzani", "orcid": null}}],'
...         ' "biblio": {"volume": "5", "issue": "1", "first_page": "2", "last_page": "9"},'
...         ' "referenced_works": ["https://openalex.org/W7"]}')
>>> [a], _ = parse(work, "x.json")
>>> a.abstract, a.authors[0].source_id, a.pages, a.ids, a.references[0].source_id
('Hello world', 'openalex:A9', '2-9', {'openalex': 'W1'}, 'openalex:W7')
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from graph.affiliations import country_name
from graph.models import Article, Author, Problem, Reference
from graph.normalize import (
    author_from_parts,
    normalize_doi,
    page_range,
    parse_year,
    split_name,
)
from graph.readers._common import unique
from graph.readers._json import parse_records

NAME = "openalex"
SUFFIXES = (".jsonl", ".ndjson")
_PREFIX = "https://openalex.org/"


def sniff(head: str) -> bool:
    """OpenAlex works name themselves with ``https://openalex.org/W…`` ids.

    >>> sniff('[{"id": "https://openalex.org/W2560438049", "doi": null}]')
    True
    """
    start = head.lstrip("\ufeff \n\r\t")[:1]
    return start in ("[", "{") and (
        f'"{_PREFIX}W' in head or '"abstract_inverted_index"' in head or '"authorships"' in head
    )


def short_id(value: object) -> str | None:
    """``W2560438049`` from an OpenAlex URL or bare id.

    >>> short_id("https://openalex.org/W2560438049")
    'W2560438049'
    """
    return str(value).removeprefix(_PREFIX) or None if value else None


def abstract_from_index(index: object) -> str | None:
    """The abstract text from OpenAlex's inverted index (word → positions).

    >>> abstract_from_index({"world": [1], "Hello": [0, 2]})
    'Hello world Hello'
    """
    if not isinstance(index, Mapping) or not index:
        return None
    placed = sorted(
        (p, str(w))
        for w, ps in index.items()
        if isinstance(ps, list)
        for p in ps
        if isinstance(p, int)
    )
    return " ".join(w for _, w in placed) or None


def _places(authorship: Mapping[str, Any]) -> list[str]:
    """The affiliations as written (``raw_affiliation_strings``), else the names of the
    institutions.

    >>> _places({"institutions": [{"display_name": "Utrecht University", "country_code": "NL"}]})
    ['Utrecht University']
    """
    raw = authorship.get("raw_affiliation_strings") or []
    if isinstance(raw, str):
        raw = [raw]
    if authorship.get("raw_affiliation_string"):
        raw = [*raw, authorship["raw_affiliation_string"]]
    if raw:
        return [str(r) for r in raw if r]
    institutions = authorship.get("institutions") or []
    return [str(i["display_name"]) for i in institutions if (i or {}).get("display_name")]


def _countries(authorship: Mapping[str, Any]) -> tuple[str, ...]:
    """The countries of ``countries`` and of each institution's ``country_code``.

    >>> _countries({"countries": ["KR"], "institutions": [{"country_code": "us"}, {}]})
    ('South Korea', 'United States')
    """
    codes = [*(authorship.get("countries") or [])]
    codes += [(i or {}).get("country_code") for i in authorship.get("institutions") or []]
    return tuple(dict.fromkeys(n for n in map(country_name, codes) if n))


def _authors(work: Mapping[str, Any]) -> list[Author]:
    authors = []
    for authorship in work.get("authorships") or []:
        person = (authorship or {}).get("author") or {}
        name = person.get("display_name") or authorship.get("raw_author_name")
        if not name:
            continue
        family, given = split_name(name)
        source = short_id(person.get("id"))
        author = author_from_parts(
            family, given, person.get("orcid"), f"openalex:{source}" if source else None,
            _places(authorship),
        )  # fmt: skip
        authors.append(author.model_copy(update={"countries": _countries(authorship)}))
    return authors


def _venue(work: Mapping[str, Any]) -> Mapping[str, Any]:
    location = work.get("primary_location") or {}
    return location.get("source") or work.get("host_venue") or {}


def _keywords(work: Mapping[str, Any]) -> list[str]:
    if work.get("keywords"):
        return unique(
            str(k.get("display_name") or k.get("keyword") or "")
            for k in work["keywords"]
            if isinstance(k, Mapping)
        )
    return unique(str(c.get("display_name", "")) for c in work.get("concepts") or []
                  if isinstance(c, Mapping) and float(c.get("score") or 0) >= 0.5)  # fmt: skip


def fields(work: Mapping[str, Any]) -> dict[str, object]:
    """Article fields from one OpenAlex work."""
    biblio = work.get("biblio") or {}
    venue = _venue(work)
    ids = work.get("ids") or {}
    own = {"openalex": short_id(work.get("id"))}
    if ids.get("pmid"):
        own["pmid"] = str(ids["pmid"]).rstrip("/").rsplit("/", 1)[-1]
    refs = [
        Reference(raw=short_id(r) or "", source_id=f"openalex:{short_id(r)}")
        for r in work.get("referenced_works") or []
        if r
    ]
    return {
        "title": work.get("title") or work.get("display_name"),
        "year": parse_year(work.get("publication_year") or work.get("publication_date")),
        "volume": biblio.get("volume"),
        "issue": biblio.get("issue"),
        "pages": page_range(biblio.get("first_page"), biblio.get("last_page")),
        "journal": venue.get("display_name"),
        "issn": venue.get("issn_l"),
        "authors": _authors(work),
        "abstract": abstract_from_index(work.get("abstract_inverted_index"))
        or work.get("abstract"),
        "doi": normalize_doi(work.get("doi")),
        "keywords": _keywords(work),
        "references": refs,
        "doc_type": work.get("type"),
        "ids": {k: v for k, v in own.items() if v},
        "cited_by": cited if isinstance(cited := work.get("cited_by_count"), int) else None,
    }  # fmt: skip


def parse(text: str, source: str) -> tuple[list[Article], list[Problem]]:
    """Parse OpenAlex works; a record that is not a work object becomes a problem."""
    return parse_records(text, source, [("results",)], fields, "id")
