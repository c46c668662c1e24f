"""Reader for RIS files (IEEE Xplore, Scopus, Zotero, EndNote), parsed with rispy.

Line endings are normalised first: IEEE Xplore mixes CRLF, lone CR and LF, and rispy then
finds 1 record instead of 25. Records are split at ``TY`` lines here, so that each keeps
its line number and a broken one cannot swallow its neighbours.

>>> text = "TY  - JOUR\\r\\nTI  - A title\\r\\nAU  - Kalbe, G.\\r\\nAU  - Kalbe, G.\\r"
>>> text += "PY  - 2019\\rVL  - 21\\r\\nIS  - 1\\r\\nSP  - 42\\r\\nEP  - 47\\r\\n"
>>> text += "DO  - 10.1109/MCSE.2018.2884139\\r\\nER  - \\r\\n"
>>> [a], _ = parse(text, "x.ris")
>>> a.title, [x.name for x in a.authors], a.volume, a.pages, a.doi
('A title', ['G. Kalbe'], '21', '42-47', '10.1109/mcse.2018.2884139')
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

import rispy

from graph.affiliations import with_affiliations
from graph.models import Article, Author, Problem
from graph.normalize import (
    author_from_parts,
    clean_text,
    normalize_doi,
    page_range,
    parse_year,
    split_initials_name,
)
from graph.readers._common import Stray, excerpt, finish, split_results, unique

NAME = "ris"
SUFFIXES = (".ris",)

_TAG_LINE = re.compile(r"^([A-Z][A-Z0-9])  - ?(.*)$")
_EID = re.compile(r"eid=(2-s2\.0-\d+)")


def sniff(head: str) -> bool:
    """The first tag line of an RIS file is ``TY  - ``.

    >>> sniff("\\ufeffTY  - BOOK\\nTI  - x\\n")
    True
    """
    for line in head.lstrip("\ufeff").replace("\r", "\n").split("\n"):
        if line.strip():
            return line.startswith("TY  -")
    return False


_TAG_LINE = re.compile(r"^[A-Z][A-Z0-9]  -")


def records(text: str, stray: Stray | None = None) -> Iterator[tuple[int, str]]:
    """(first line, text) of each record; a record runs from its ``TY`` to its ``ER``.

    A tag line outside a record starts one (its ``TY`` line was lost); other lines outside
    records go to ``stray``.
    """
    lines = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    start, chunk = 0, list[str]()
    for number, line in enumerate(lines, start=1):
        if line.startswith("TY  -") or (not chunk and _TAG_LINE.match(line)
                                        and not line.startswith("ER  -")):  # fmt: skip
            if chunk:
                yield start, "\n".join(chunk)
            start, chunk = number, [line]
        elif chunk:
            chunk.append(line)
            if line.startswith("ER  -"):
                yield start, "\n".join(chunk)
                chunk = []
        elif line.strip() and stray is not None:
            stray.add(number, line)
    if chunk:
        yield start, "\n".join(chunk)


def _first(entry: Mapping[str, object], *keys: str) -> str | None:
    for key in keys:
        value = entry.get(key)
        if isinstance(value, list):
            value = value[0] if value else None
        if value:
            return clean_text(str(value)) or None
    return None


# The journal: JO, then JF (its full name), T2, then JA and J2 (abbreviations).
_JOURNAL_KEYS = ("journal_name", "alternate_title3", "secondary_title", "alternate_title2",
                 "alternate_title1")  # fmt: skip
_AUTHOR_LINE = re.compile(r"^(?:AU|A1)  - ?(.*)$", re.MULTILINE)
_ADDRESS_LINE = re.compile(r"^AD  - ?(.*)$", re.MULTILINE)


def _authors(chunk: str) -> list[Author]:
    """Authors in the order the record gives them, from ``AU`` and ``A1`` lines alike
    (RIS gives both the same meaning; an exporter may write both)."""
    names = unique(_AUTHOR_LINE.findall(chunk))
    return [author_from_parts(*split_initials_name(name)) for name in names]


def _values(entry: Mapping[str, object], key: str) -> list[object]:
    value = entry.get(key)
    return list(value) if isinstance(value, list | tuple) else ([value] if value else [])


def _eid(entry: Mapping[str, object]) -> dict[str, str]:
    for url in _values(entry, "urls"):
        if match := _EID.search(str(url)):
            return {"eid": match.group(1)}
    return {}


def _cited_by(entry: Mapping[str, object]) -> int | None:
    for note in _values(entry, "notes"):
        if match := re.search(r"Cited By:\s*(\d+)", str(note)):
            return int(match.group(1))
    return None


def _fields(entry: Mapping[str, object], chunk: str) -> dict[str, object]:
    keywords = entry.get("keywords") or []
    assert isinstance(keywords, list)
    # AD says nothing of whose: it goes to a sole author, else it stays on the record.
    addresses = unique(a.strip() for a in _ADDRESS_LINE.findall(chunk) if a.strip())
    authors, addresses = with_affiliations(_authors(chunk), addresses)
    return {
        "title": _first(entry, "title", "primary_title", "translated_title"),
        "year": parse_year(_first(entry, "year", "publication_year", "date")),
        "year_text": _first(entry, "year", "publication_year", "date"),
        "volume": _first(entry, "volume"),
        "issue": _first(entry, "number"),
        "pages": page_range(_first(entry, "start_page"), _first(entry, "end_page")),
        # JO, then JF (full name), T2, JA and J2 (abbreviations)
        "journal": _first(entry, *_JOURNAL_KEYS),
        "issn": _first(entry, "issn"),
        "authors": authors,
        "addresses": addresses,
        "abstract": _first(entry, "abstract", "notes_abstract"),
        "doi": normalize_doi(_first(entry, "doi")),
        "keywords": unique(str(k) for k in keywords),
        "doc_type": _first(entry, "type_of_work", "type_of_reference"),
        "ids": _eid(entry),
        "cited_by": _cited_by(entry),
    }


def _parse_record(chunk: str, source: str, line: int) -> list[Article | Problem]:
    notes: list[Article | Problem] = []
    if not chunk.startswith("TY  -"):  # its TY line was lost: read it as a generic record
        chunk = "TY  - GEN\n" + chunk
        message = "record has no TY line; read as a generic record (GEN)"
        notes.append(Problem(file=source, line=line, message=message, skipped=False))
    if not re.search(r"^ER  -", chunk, re.M):
        chunk += "\nER  - "  # a truncated last record: keep what it has
    try:
        entries = rispy.loads(chunk, skip_unknown_tags=True)
    except Exception as err:  # rispy raises bare exceptions on malformed records
        message = f"unreadable RIS record: {err}"[:200]
        return [Problem(file=source, line=line, message=message, excerpt=excerpt(chunk))]
    if len(entries) != 1:
        message = "unreadable RIS record"
        return [Problem(file=source, line=line, message=message, excerpt=excerpt(chunk))]
    return finish(_fields(entries[0], chunk), source, line, chunk) + notes


def parse(text: str, source: str) -> tuple[list[Article], list[Problem]]:
    """Parse an RIS file; never raises for a bad record."""
    stray = Stray()
    articles, problems = split_results(
        _parse_record(chunk, source, line) for line, chunk in records(text, stray)
    )
    return articles, problems + stray.notes(source)
