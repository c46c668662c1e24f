"""Reader for Web of Science plain-text ("tagged") exports.

Each line starts with a two-character tag; continuation lines start with spaces. ``ER``
ends a record, ``FN``/``VR`` head the file and ``EF`` ends it. Full names come from
``AF`` (``AU`` holds initials), cited references from ``CR``.

>>> text = "FN Clarivate\\nVR 1.0\\nPT J\\nAU BREVIK, I\\nAF BREVIK, Iver\\n"
>>> text += "TI A TITLE\\n   GOES ON\\n"
>>> text += "PY 1979\\nVL 52\\nIS 3\\nBP 133\\nEP 201\\nUT WOS:A1979GV55600001\\nER\\nEF\\n"
>>> [a], problems = parse(text, "x.txt")
>>> a.title, a.authors[0].name, a.pages, a.ids, a.line
('A TITLE GOES ON', 'Iver BREVIK', '133-201', {'wos': 'A1979GV55600001'}, 3)
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from graph.affiliations import with_affiliations
from graph.models import Article, Author, Problem, Reference
from graph.normalize import (
    author_from_parts,
    clean_text,
    fold,
    normalize_doi,
    page_range,
    parse_year,
    split_name,
)
from graph.readers._common import Stray, finish, split_results, unique

NAME = "wos"
SUFFIXES = (".ciw",)

_TAG = re.compile(r"^([A-Z][A-Z0-9])(?: (.*))?$")
_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_TAGS = frozenset(a + b for a in _UPPER for b in _UPPER + "0123456789")  # what _TAG matches
_HEADER_TAGS = frozenset({"FN", "VR", "EF"})
# Tags whose continuation lines are separate values, not one wrapped value.
_LIST_TAGS = frozenset({"AU", "AF", "CR", "C1", "BA", "BF", "CA", "GP", "BE"})
_SEMICOLON_TAGS = frozenset({"DE", "ID", "OI", "RI"})


def sniff(head: str) -> bool:
    """A WoS tagged export starts with ``FN`` and ``VR``, or with a ``PT`` record.

    >>> sniff("\\ufeffFN Clarivate Analytics Web of Science\\nVR 1.0\\nPT J\\n")
    True
    >>> sniff("PMID- 1\\n")
    False
    """
    lines = [line.rstrip() for line in head.lstrip("\ufeff").splitlines() if line.strip()][:5]
    return bool(lines) and (
        (lines[0].startswith("FN ") and any(x.startswith("VR ") for x in lines))
        or (lines[0].startswith("PT ") and any(_TAG.match(x) for x in lines[1:]))
    )


def records(
    text: str, stray: Stray | None = None
) -> Iterator[tuple[int, dict[str, list[str]], str]]:
    """(first line, tag → values, raw text) for each record; ``ER`` or ``EF`` closes one.
    Lines that are neither a tag nor a continuation go to ``stray``.

    >>> stray = Stray()
    >>> [(line, tags) for line, tags, _ in records("PT J\\nTI A\\n  B\\nER\\nlost\\n", stray)]
    [(1, {'PT': ['J'], 'TI': ['A B']})]
    >>> [str(note) for note in stray.notes("x.txt")]
    ['x.txt:5 1 line(s) outside any record skipped']
    """
    tags: dict[str, list[str]] = {}
    start, last, raw = 0, "", list[str]()
    for number, line in enumerate(text.lstrip("\ufeff").splitlines(), start=1):
        if line[:1] == " ":  # a continuation, or a blank line
            value = line.strip()
            if value and last:
                if last in _LIST_TAGS:
                    tags[last].append(value)
                else:
                    tags[last][-1] += " " + value
                raw.append(line)
            elif value and stray is not None:
                stray.add(number, line)
            continue
        line = line.rstrip()
        tag = line[:2]  # a tag as _TAG matches it, without a regular expression per line
        if tag not in _TAGS or (len(line) > 2 and line[2] != " "):
            if stray is not None and line:
                stray.add(number, line)
            continue
        value = line[3:]
        if tag == "ER" or tag == "EF" or (tag == "PT" and tags):  # PT: the last lost its ER
            if tags:
                yield start, tags, "\n".join(raw)
            tags, last, raw = {}, "", []
            if tag != "PT":
                continue
        if tags or tag not in _HEADER_TAGS:
            last = tag
            start = start if tags else number
            tags.setdefault(tag, []).append(value)
            raw.append(line)
    if tags:  # a truncated file: the last record had no ER
        yield start, tags, "\n".join(raw)


def _orcids(tags: Mapping[str, list[str]]) -> dict[str, str]:
    """Folded ``Family, Given`` → ORCID, from ``OI`` entries like ``Greco, S/0000-…``."""
    found: dict[str, str] = {}
    for entry in "; ".join(tags.get("OI", [])).split(";"):
        name, _, orcid = entry.rpartition("/")
        if name.strip() and orcid.strip():
            found[fold(clean_text(name))] = orcid.strip()
    return found


def addresses(tags: Mapping[str, list[str]]) -> tuple[dict[str, list[str]], list[str]]:
    """``C1`` as folded author name → their addresses, and the addresses that name nobody.

    >>> addresses({"C1": ["[Bates, Eric R.; Li, X] Univ Michigan, USA.", "Rice U"]})
    ({'bates, eric r.': ['Univ Michigan, USA.'], 'li, x': ['Univ Michigan, USA.']}, ['Rice U'])
    """
    whose: dict[str, list[str]] = {}
    nobody: list[str] = []
    for line in tags.get("C1", []):
        names, bracket, address = line.partition("] ")
        if not (bracket and names.startswith("[")):
            nobody.append(clean_text(line))
            continue
        address = clean_text(address)
        for name in names[1:].split(";"):
            whose.setdefault(fold(clean_text(name)), []).append(address)
    return whose, [a for a in unique(nobody) if a]


def _authors(tags: Mapping[str, list[str]]) -> tuple[list[Author], list[str]]:
    names = tags.get("AF") or tags.get("AU") or tags.get("BF") or tags.get("BA") or []
    orcids = _orcids(tags)
    whose, nobody = addresses(tags)
    authors = []
    for name in unique(names):  # cleaned already
        family, given = split_name(name)
        key = fold(name)
        authors.append(author_from_parts(family, given, orcids.get(key), None, whose.get(key, [])))
    return with_affiliations(authors, nobody)


def _references(values: list[str]) -> list[Reference]:
    refs = []
    for raw in unique(values):
        _, has_doi, doi = raw.partition(" DOI ")
        refs.append(Reference(raw, normalize_doi(doi) if has_doi else None))
    return refs


def _one(tags: Mapping[str, list[str]], tag: str) -> str | None:
    values = tags.get(tag)
    return clean_text(" ".join(values)) or None if values else None


def _list(tags: Mapping[str, list[str]], *names: str) -> list[str]:
    return unique(v for tag in names for value in tags.get(tag, []) for v in value.split(";"))


def fields_from_tags(tags: Mapping[str, list[str]]) -> dict[str, object]:
    """Article fields from WoS tags; shared with the tab-delimited reader."""
    ut = _one(tags, "UT")
    cited = _one(tags, "TC") or _one(tags, "Z9")
    authors, unassigned = _authors(tags)
    return {
        "title": _one(tags, "TI"),
        "year": parse_year(_one(tags, "PY")) or parse_year(_one(tags, "EA")),
        "year_text": _one(tags, "PY"),
        "volume": _one(tags, "VL"),
        "issue": _one(tags, "IS"),
        "pages": page_range(_one(tags, "BP"), _one(tags, "EP")) or _one(tags, "AR"),
        "journal": _one(tags, "SO"),
        "issn": _one(tags, "SN") or _one(tags, "EI"),
        "authors": authors,
        "addresses": unassigned,
        "abstract": _one(tags, "AB"),
        "doi": normalize_doi(_one(tags, "DI")),
        "keywords": _list(tags, "DE", "ID"),
        "references": _references(tags.get("CR", [])),
        "doc_type": _one(tags, "DT"),
        "ids": {"wos": ut.removeprefix("WOS:")} if ut else {},
        "cited_by": int(cited) if cited and cited.isdigit() else None,
    }


def parse(text: str, source: str) -> tuple[list[Article], list[Problem]]:
    """Parse a WoS tagged export; never raises for a bad record."""
    stray = Stray()
    articles, problems = split_results(
        finish(fields_from_tags(tags), source, line, raw)
        for line, tags, raw in records(text, stray)
    )
    return articles, problems + stray.notes(source)
