"""Reader for EndNote XML (EndNote's File > Export as XML; Bookends and Papers write it too).

Each ``<record>`` is parsed on its own, so a broken record becomes a problem and the rest
of the file is still read. Text may sit inside ``<style>`` runs, which are flattened;
``auth-address`` holds the record's addresses, one per line, without saying whose.

>>> text = '''<?xml version="1.0" encoding="UTF-8"?><xml><records><record>
... <ref-type name="Journal Article">17</ref-type>
... <contributors><authors><author><style face="normal">Mullinax, J. W.</style></author>
... </authors></contributors>
... <titles><title>Can DCT Describe Static Correlation?</title>
... <secondary-title>J Chem Theory Comput</secondary-title></titles>
... <periodical><full-title>Journal of Chemical Theory and Computation</full-title></periodical>
... <volume>11</volume><number>6</number><pages>2487-2495</pages>
... <dates><year>2015</year></dates>
... <electronic-resource-num>10.1021/acs.jctc.5b00346</electronic-resource-num>
... </record></records></xml>'''
>>> [a], problems = parse(text, "x.xml")
>>> a.title, a.authors[0].name, a.journal, a.issue, a.year, a.doi, a.line
('Can DCT Describe Static Correlation?', 'J. W. Mullinax', 'Journal of Chemical Theory and Computation', '6', 2015, '10.1021/acs.jctc.5b00346', 1)
"""  # noqa: E501

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from bisect import bisect_left

from graph.affiliations import with_affiliations
from graph.models import Article, Author, Problem
from graph.normalize import author_from_parts, clean_text, normalize_doi, parse_year, split_name
from graph.readers._common import excerpt, finish, split_results, unique
from graph.readers.pubmed import expand_pages

NAME = "endnote-xml"
SUFFIXES = (".xml",)

_HEAD = re.compile(r"<xml>\s*<records>\s*<record\b")
_OPEN = re.compile(r"<record\b")
_CLOSE = "</record>"
_ISSN = re.compile(r"\b\d{4}-\d{3}[\dXx]\b")
_WOS = re.compile(r"WOS:(\w{15})")
_PMID = re.compile(r"(?:ncbi\.nlm\.nih\.gov/pubmed/|pubmed\.ncbi\.nlm\.nih\.gov/)(\d+)")
_CITED = re.compile(r"Times Cited:\s*(\d+)")
# A line that is only a name ("Schaefer, HF"): WoS's reprint author, not an address.
_NAME_ONLY = re.compile(r"^[^,\d]+, [A-Z][A-Z.\- ]{0,6}$")
_LINE_BREAK = re.compile(r"\r\n?|\n(?=\S)")


def sniff(head: str) -> bool:
    """Whether the start of a file is EndNote XML: ``<xml><records><record>``.

    >>> sniff('<?xml version="1.0"?>\\n<xml>\\n  <records>\\n    <record>')
    True
    >>> sniff('<?xml version="1.0"?><graphml>')
    False
    """
    return bool(_HEAD.search(head[:4096]))


def _text(node: ET.Element | None) -> str | None:
    """The text of ``node``, its ``<style>`` runs joined, white space collapsed."""
    if node is None:
        return None
    return clean_text("".join(node.itertext())) or None


def _first(record: ET.Element, *paths: str) -> str | None:
    for path in paths:
        if value := _text(record.find(path)):
            return value
    return None


def _authors(record: ET.Element) -> list[Author]:
    authors = []
    for node in record.iterfind("contributors/authors/author"):
        name = _text(node)
        if name:
            family, given = split_name(name)
            authors.append(author_from_parts(family, given))
    return authors


def _addresses(record: ET.Element) -> list[str]:
    """``auth-address`` split at its line breaks (``&#xD;`` or ``&#xA;``); a line break
    followed by indentation is only the exporter's pretty-printing, not a new address."""
    node = record.find("auth-address")
    if node is None:
        return []
    lines = (clean_text(x) for x in _LINE_BREAK.split("".join(node.itertext())))
    return unique(x for x in lines if x and not _NAME_ONLY.match(x))


def _ids(record: ET.Element) -> dict[str, str]:
    where = " ".join(
        t for t in (_first(record, "accession-num"), *_urls(record)) if t
    )  # accession number or "<Go to ISI>://WOS:…" link
    ids = {}
    if found := _WOS.search(where):
        ids["wos"] = found.group(1)
    if found := _PMID.search(where):
        ids["pmid"] = found.group(1)
    return ids


def _urls(record: ET.Element) -> list[str]:
    return [u for u in (_text(n) for n in record.iterfind("urls/related-urls/url")) if u]


def _fields(record: ET.Element) -> dict[str, object]:
    authors, addresses = with_affiliations(_authors(record), _addresses(record))
    issn = _ISSN.search(_first(record, "isbn") or "")
    cited = _CITED.search(_first(record, "notes") or "")
    ref_type = record.find("ref-type")
    return {
        "title": _first(record, "titles/title"),
        "year": parse_year(_first(record, "dates/year")),
        "year_text": _first(record, "dates/year", "dates/pub-dates/date"),
        "volume": _first(record, "volume"),
        "issue": _first(record, "number", "issue"),
        "pages": expand_pages(_first(record, "pages")),
        "journal": _first(  # the journal, else the book a section is in
            record,
            "periodical/full-title",
            "titles/secondary-title",
            "alt-periodical/full-title",
            "periodical/abbr-1",
        ),
        "issn": issn.group() if issn else None,
        "authors": authors,
        "addresses": addresses,
        "abstract": _first(record, "abstract"),
        "doi": normalize_doi(_first(record, "electronic-resource-num")),
        "keywords": unique(k for k in map(_text, record.iterfind("keywords/keyword")) if k),
        "doc_type": ref_type.get("name") if ref_type is not None else None,
        "ids": _ids(record),
        "cited_by": int(cited.group(1)) if cited else None,
    }


def _chunks(text: str) -> list[tuple[int, str, bool]]:
    """Each ``<record>`` as (line, its text, whether it is closed before the next one)."""
    starts = [m.start() for m in _OPEN.finditer(text)]
    chunks = []
    for n, start in enumerate(starts):
        following = starts[n + 1] if n + 1 < len(starts) else len(text)
        end = text.find(_CLOSE, start, following)
        line = text.count("\n", 0, start) + 1
        if end < 0:
            chunks.append((line, text[start:following], False))
        else:
            chunks.append((line, text[start : end + len(_CLOSE)], True))
    return chunks


def _orphans(text: str, source: str) -> list[Problem]:
    """A ``</record>`` with no ``<record>`` of its own: the opening tag was damaged, so
    the record before it cannot be read."""
    opens = [m.start() for m in _OPEN.finditer(text)]
    problems, previous = [], 0
    for close in (m.start() for m in re.finditer(re.escape(_CLOSE), text)):
        if bisect_left(opens, previous) == bisect_left(opens, close):  # none in between
            line = text.count("\n", 0, close) + 1
            message = "found </record> with no <record> before it: the record ending here is lost"
            head = text[previous:close].strip()
            problems.append(Problem(file=source, line=line, message=message, excerpt=excerpt(head)))
        previous = close + len(_CLOSE)
    return problems


def parse(text: str, source: str) -> tuple[list[Article], list[Problem]]:
    """Parse EndNote XML; a record that is not closed or not well-formed is a problem."""
    results: list[Article | Problem] = []
    for line, chunk, closed in _chunks(text):
        if not closed:
            message = "record has no </record> before the next one or the end of the file"
            results.append(Problem(file=source, line=line, message=message, excerpt=excerpt(chunk)))
            continue
        try:
            record = ET.fromstring(chunk)
        except ET.ParseError as err:
            at = line + err.position[0] - 1
            reason = err.msg.split(":")[0]
            message = f"record is not well-formed XML ({reason}); fix or remove it"
            bad = chunk.splitlines()[err.position[0] - 1 :][:1] or [chunk]
            results.append(Problem(file=source, line=at, message=message, excerpt=excerpt(bad[0])))
            continue
        results.extend(finish(_fields(record), source, line, chunk))
    results.extend(_orphans(text, source))
    return split_results(results)
