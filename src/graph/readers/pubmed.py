"""Reader for PubMed's MEDLINE format (``.txt`` or ``.nbib``).

Tags are up to four letters padded to ``XXXX- ``; continuation lines start with six
spaces; a blank line (or the next ``PMID-``) ends a record. Full names come from ``FAU``,
ORCIDs from the ``AUID`` line after an author, the DOI from ``LID``/``AID`` ``[doi]``.

>>> text = "PMID- 1\\nDP  - 2016 Jan 15\\nTI  - A title\\n      continued.\\nPG  - 466-75\\n"
>>> text += "LID - 10.1016/j.gene.2015.10.064 [doi]\\nFAU - Gadzalski, Marek\\nAU  - Gadzalski M\\n"
>>> [a], _ = parse(text, "x.txt")
>>> a.title, a.year, a.pages, a.doi
('A title continued.', 2016, '466-475', '10.1016/j.gene.2015.10.064')
>>> a.authors[0].name, a.ids
('Marek Gadzalski', {'pmid': '1'})
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from graph.models import Article, Author, Problem
from graph.normalize import (
    author_from_parts,
    clean_text,
    normalize_doi,
    parse_year,
    split_initials_name,
    split_name,
)
from graph.readers._common import Stray, finish, split_results, unique

NAME = "pubmed"
SUFFIXES = (".nbib", ".medline")

_TAG = re.compile(r"^([A-Z]{2,4}) {0,3}- ?(.*)$")
Fields = list[tuple[str, str]]


def sniff(head: str) -> bool:
    """A MEDLINE file's first tag is ``PMID-``.

    >>> sniff("\\nPMID- 26524502\\nOWN - NLM\\n")
    True
    """
    for line in head.lstrip("\ufeff").splitlines():
        if line.strip():
            return line.startswith("PMID-")
    return False


def records(text: str, stray: Stray | None = None) -> Iterator[tuple[int, Fields, str]]:
    """(first line, ordered (tag, value) pairs, raw text) for each record. Lines that are
    neither a tag nor a continuation go to ``stray``."""
    fields: Fields = []
    start, raw = 0, list[str]()
    for number, line in enumerate(text.lstrip("\ufeff").splitlines(), start=1):
        match = _TAG.match(line)
        if (not line.strip() or (match and match.group(1) == "PMID")) and fields:
            yield start, fields, "\n".join(raw)
            fields, raw = [], []
        if not line.strip():
            continue
        if match:
            if not fields:
                start = number
            fields.append((match.group(1), match.group(2).strip()))
            raw.append(line)
        elif fields and line.startswith(" "):
            tag, value = fields[-1]
            fields[-1] = (tag, f"{value} {line.strip()}")
            raw.append(line)
        elif stray is not None:
            stray.add(number, line)
    if fields:
        yield start, fields, "\n".join(raw)


def _people(fields: Fields) -> list[dict[str, str]]:
    """Each author's ``FAU`` (full name), ``AU`` (initials form), ORCID and ``AD``
    addresses (one per line, in ``ad``), as far as the record gives them: an ``AU`` right
    after an ``FAU`` is the same person's, and an ``AD`` belongs to the author before it."""
    people: list[dict[str, str]] = []
    for tag, value in fields:
        if tag == "FAU":
            people.append({"full": value})
        elif tag == "AU":
            if people and "full" in people[-1] and "short" not in people[-1]:
                people[-1]["short"] = value
            else:
                people.append({"short": value})
        elif tag == "AUID" and people and "ORCID" in value.upper():
            people[-1]["orcid"] = value
        elif tag == "AD" and people:
            people[-1]["ad"] = (people[-1].get("ad", "") + "\n" + value).strip()
    return people


def _authors(fields: Fields) -> list[Author]:
    """Authors in order, by ``FAU`` where it holds a name, else by ``AU``, with the
    ORCID of ``AUID`` and the addresses of ``AD``; an author line with no name at all is
    passed over."""
    authors = []
    for person in _people(fields):
        if person.get("full"):
            family, given = split_name(person["full"])
        elif person.get("short"):
            family, given = split_initials_name(person["short"])
        else:
            continue
        places = person.get("ad", "").splitlines()
        authors.append(author_from_parts(family, given, person.get("orcid"), None, places))
    return authors


def _doi(fields: Fields) -> str | None:
    """The first DOI of ``LID``/``AID``: ``10.… [doi]``, or ``doi:10.…`` as some write it."""
    for tag, value in fields:
        if tag in ("LID", "AID") and (value.endswith("[doi]") or value.lower().startswith("doi:")):
            doi = normalize_doi(value.removesuffix("[doi]"))
            if doi:
                return doi
    return None


def expand_pages(pages: str | None) -> str | None:
    """MEDLINE abbreviates end pages: ``466-75`` means 466-475.

    >>> expand_pages("466-75"), expand_pages("e123"), expand_pages("1229-1234")
    ('466-475', 'e123', '1229-1234')
    """
    if not pages:
        return None
    first, dash, last = pages.partition("-")
    if dash and first.isdigit() and last.isdigit() and len(last) < len(first):
        last = first[: len(first) - len(last)] + last
    return f"{first}{dash}{last}"


def _fields(fields: Fields) -> dict[str, object]:
    first: dict[str, str] = {}
    for tag, value in fields:
        first.setdefault(tag, value)
    pmid = first.get("PMID")
    return {
        "title": clean_text(first.get("TI", "")) or clean_text(first.get("BTI", "")),
        "year": parse_year(first.get("DP")) or parse_year(first.get("DA")),
        "year_text": first.get("DP"),
        "volume": first.get("VI"),
        "issue": first.get("IP"),
        "pages": expand_pages(first.get("PG")),
        "journal": first.get("JT") or first.get("TA"),
        "issn": re.sub(r"\s*\(.*\)$", "", first.get("IS", "")) or None,
        "authors": _authors(fields),
        "abstract": first.get("AB"),
        "doi": _doi(fields),
        # MeSH headings carry "*" for major topics and "/qualifier" suffixes.
        "keywords": unique(
            v if t == "OT" else v.split("/")[0].lstrip("*") for t, v in fields if t in ("OT", "MH")
        ),
        "doc_type": first.get("PT"),
        "ids": {"pmid": pmid} if pmid else {},
    }


def parse(text: str, source: str) -> tuple[list[Article], list[Problem]]:
    """Parse a MEDLINE file; never raises for a bad record."""
    stray = Stray()
    articles, problems = split_results(
        finish(_fields(f), source, line, raw) for line, f, raw in records(text, stray)
    )
    return articles, problems + stray.notes(source)
