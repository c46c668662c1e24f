"""Reader for Scopus CSV exports (older 41-column and newer 45-column layouts).

Cells may span lines; ``References`` holds references separated by ``; ``; titles may
carry markup such as ``YBa<inf>2</inf>Cu<inf>3</inf>O``; ``Author(s) ID`` gives Scopus
author ids when the export has it.

>>> text = '\\ufeffAuthors,Author(s) ID,Title,Year,Volume,Issue,Page start,Page end,DOI,EID\\n'
>>> text += '"Phillips J.C., Braun R.","1;2;","NAMD <i>v2</i>",2005,26,16,1781,1802,'
>>> text += '10.1002/jcc.20289,2-s2.0-1\\n'
>>> [a], _ = parse(text, "x.csv")
>>> a.title, [x.name for x in a.authors], a.authors[1].source_id, a.pages, a.ids
('NAMD v2', ['J.C. Phillips', 'R. Braun'], 'scopus:2', '1781-1802', {'eid': '2-s2.0-1'})
"""

from __future__ import annotations

from collections.abc import Mapping

from graph.affiliations import with_affiliations
from graph.models import Article, Author, Problem, Reference
from graph.normalize import (
    author_from_parts,
    fold,
    normalize_doi,
    page_range,
    parse_year,
    split_initials_name,
    strip_markup,
)
from graph.readers._common import excerpt, finish, split_results, unique
from graph.readers._csv import Table, columns

NAME = "scopus"
SUFFIXES = (".csv",)
_SIGNATURE = {"Authors", "Title", "Year", "Source title"}


def sniff(head: str) -> bool:
    """The header row names Scopus's columns (Authors, Title, Year, Source title, …),
    with commas, semicolons or tabs between them.

    >>> sniff('\\ufeff"Authors","Title","Year","Source title","EID"\\n')
    True
    >>> sniff('Authors;Title;Year;Source title\\n')
    True
    """
    return set(columns(head)) >= _SIGNATURE


def _letters(name: str) -> str:
    return "".join(ch for ch in fold(name) if ch.isalpha())


def _with_affiliations(row: Mapping[str, str]) -> list[tuple[str, str]]:
    """``Authors with affiliations`` as (folded ``Family, I.``, the affiliation text).

    >>> _with_affiliations({"Authors with affiliations": "Yagai, T., Sophia Univ, Japan; Li, X."})
    [('yagait', 'Sophia Univ, Japan'), ('lix', '')]
    """
    entries = []
    for entry in (row.get("Authors with affiliations") or "").split("; "):
        family, _, rest = entry.strip().partition(", ")
        given, _, place = rest.partition(", ")
        if family:
            entries.append((_letters(f"{family}{given}"), place.strip()))
    return entries


def _authors(row: Mapping[str, str]) -> tuple[list[Author], list[str]]:
    """The authors, each with their ``Authors with affiliations`` entry (by position when
    the counts agree, else by name), and the ``Affiliations`` nobody could be given."""
    text = row.get("Authors", "")
    if not text.strip() or text.strip() == "[No author name available]":
        return [], []
    names = unique(text.split(";") if ";" in text else text.split(", "))
    ids = [i.strip() for i in row.get("Author(s) ID", "").split(";") if i.strip()]
    placed = _with_affiliations(row)
    by_name = dict(placed)
    authors = []
    for n, name in enumerate(names):
        family, given = split_initials_name(name)
        source_id = f"scopus:{ids[n]}" if n < len(ids) and len(ids) == len(names) else None
        place = placed[n][1] if len(placed) == len(names) else by_name.get(_letters(name), "")
        authors.append(author_from_parts(family, given, None, source_id, [place] if place else []))
    if any(a.affiliations for a in authors):
        return authors, []
    nobody = [a.strip() for a in (row.get("Affiliations") or "").split(";") if a.strip()]
    return with_affiliations(authors, nobody)


def _fields(row: Mapping[str, str]) -> dict[str, object]:
    authors, addresses = _authors(row)
    cited = (row.get("Cited by") or "").strip()
    eid = (row.get("EID") or "").strip()
    references = row.get("References") or ""
    return {
        "title": strip_markup(row.get("Title")),
        "year": parse_year(row.get("Year")),
        "year_text": row.get("Year"),
        "volume": (row.get("Volume") or "").strip() or None,
        "issue": (row.get("Issue") or "").strip() or None,
        "pages": page_range(row.get("Page start"), row.get("Page end"))
        or (row.get("Art. No.") or "").strip()
        or None,
        "journal": (row.get("Source title") or "").strip() or None,
        "issn": (row.get("ISSN") or "").strip() or None,
        "authors": authors,
        "addresses": addresses,
        "abstract": strip_markup(row.get("Abstract")),
        "doi": normalize_doi(row.get("DOI")),
        "keywords": unique(
            k
            for col in ("Author Keywords", "Index Keywords")
            for k in (row.get(col) or "").split(";")
        ),
        "references": [Reference(r, normalize_doi(r)) for r in unique(references.split("; "))],
        "doc_type": (row.get("Document Type") or "").strip() or None,
        "ids": {"eid": eid} if eid else {},
        "cited_by": int(cited) if cited.isdigit() else None,
    }


def align(header: list[str], cells: list[str]) -> dict[str, str]:
    """Column name → cell. Scopus writes extra ``Funding Text N`` cells that its header
    does not name: columns after ``Funding Text 1`` are then matched from the right.

    >>> align(["A", "Funding Text 1", "EID"], ["a", "f1", "f2", "2-s2.0-1"])
    {'A': 'a', 'Funding Text 1': 'f1; f2', 'EID': '2-s2.0-1'}
    """
    extra = len(cells) - len(header)
    if extra <= 0 or "Funding Text 1" not in header:
        return dict(zip(header, cells, strict=False))
    k = header.index("Funding Text 1")
    row = dict(zip(header[:k], cells[:k], strict=True))
    row["Funding Text 1"] = "; ".join(c for c in cells[k : k + extra + 1] if c)
    row.update(zip(header[k + 1 :], cells[k + extra + 1 :], strict=True))
    return row


def parse(text: str, source: str) -> tuple[list[Article], list[Problem]]:
    """Parse a Scopus CSV export; a row the CSV reader cannot take becomes a problem."""
    table = Table.of(text, source)
    header = table.header
    results: list[Article | Problem | list[Article | Problem]] = []
    damaged = False
    for start, cells in table.rows():
        # Scopus writes every column, plus a few Funding Text cells: far fewer or far more
        # cells mean a lost or extra quote joined rows.
        if not damaged and not len(header) <= len(cells) < len(header) * 3 // 2:
            damaged = True
            message = (
                f"row has {len(cells)} cells for {len(header)} columns: a quote is "
                "probably lost or extra here, and rows from here on may be joined"
            )
            results.append(Problem(file=source, line=start, message=message, skipped=False,
                                   excerpt=excerpt(",".join(cells))))  # fmt: skip
        row = align(header, cells)
        results.append(finish(_fields(row), source, start, table.delimiter.join(cells)))
    return split_results([*results, *table.problems])
