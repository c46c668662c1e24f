"""CSV exports told apart by their header columns: IEEE Xplore, Springer Link, and any
other CSV whose columns the user names with ``--columns``.

Each layout says which column holds each field the graph uses, how authors are
separated and written, and which columns identify it. Scopus CSV has its own reader
(:mod:`graph.readers.scopus`), for its quirks.

>>> text = '"Document Title",Authors,"Author Affiliations","Publication Title",'
>>> text += '"Publication Year","Start Page","End Page","DOI","Author Keywords"\\n'
>>> text += '"Exascale","P. Kogge; J. Shalf","ND; LBNL","CiSE","2013","16","26",'
>>> text += '"10.1109/MCSE.2013.95","HPC;exascale"\\n'
>>> [a], _ = IEEE.parse(text, "x.csv")
>>> a.title, [x.name for x in a.authors], a.year, a.pages, a.journal, a.keywords
('Exascale', ['P. Kogge', 'J. Shalf'], 2013, '16-26', 'CiSE', ['HPC', 'exascale'])
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from graph.affiliations import with_affiliations
from graph.errors import UnknownFormat
from graph.models import Article, Author, Problem, Reference
from graph.normalize import (
    author_from_parts,
    normalize_doi,
    page_range,
    parse_year,
    split_initials_name,
    strip_markup,
)
from graph.readers._common import finish, split_results, unique
from graph.readers._csv import Table, columns

FIELDS = (
    "title", "authors", "year", "doi", "journal", "volume", "issue", "pages", "start_page",
    "end_page", "abstract", "keywords", "issn", "doc_type", "cited_by", "affiliations",
)  # fmt: skip
"""The fields a CSV column can give, as ``--columns`` names them."""

# Springer Link runs its authors together: "Datong WeiCan LiuXiaolong (Luke) Zhang".
# A new name starts where a capital follows a lower-case letter, except after Mc or Mac.
_CLAN = re.compile(r"(?:^|[\s-])Ma?c$")
_NICKNAME = re.compile(r"\s*\([^)]*\)")
_TITLES = re.compile(
    r"^(?:(?:Univ\.-Prof\.|Prof\.|Dr\.|Ph\.D\.|Assist\.|Assoc\.|Emeritus|Professor|Dr)\s+)+"
)


def split_run_on(text: str) -> list[str]:
    """Names from a Springer Link ``Authors`` cell, their titles and nicknames dropped.

    >>> split_run_on("Datong WeiXiaolong (Luke) ZhangProf. Dr. Ian McIntoshW.-J. van den Heuvel")
    ['Datong Wei', 'Xiaolong Zhang', 'Ian McIntosh', 'W.-J. van den Heuvel']
    """
    names, start = [], 0
    for i in range(1, len(text)):
        if text[i].isupper() and text[i - 1].islower() and not _CLAN.search(text[start:i]):
            names.append(text[start:i])
            start = i
    names.append(text[start:])
    return unique(_TITLES.sub("", _NICKNAME.sub("", n).strip()) for n in names)


def _uneven(source: str, line: int, cells: int, columns: int) -> Problem:
    message = (
        f"row has {cells} cells for {columns} columns: a quote or line break is probably "
        "lost here or in the header, and rows may be joined or split"
    )
    return Problem(file=source, line=line, message=message, skipped=False)


def _plain(text: str | None) -> str | None:
    return text


def _split(sep: str) -> Callable[[str], list[str]]:
    return lambda text: unique(text.split(sep))


@dataclass(frozen=True)
class Layout:
    """A CSV layout: which column holds which field, and how its authors are written."""

    NAME: str
    label: str
    signature: frozenset[str]
    """Columns that only this layout's header holds together."""
    columns: Mapping[str, tuple[str, ...]]
    """Field → the columns that may hold it, first found wins; keywords join them all."""
    names: Callable[[str], list[str]] = field(default=_split(";"))
    keyword_sep: str = ";"
    markup: bool = False
    """Whether titles and abstracts hold tags to strip (IEEE writes ``<sup>``)."""
    ids: Mapping[str, str] = field(default_factory=dict)
    """Source id scheme → its column (``lens`` → ``Lens ID``)."""
    cites: tuple[str, str] | None = None
    """(column, id scheme) of a column listing the cited works by id, ``; `` between."""
    SUFFIXES: tuple[str, ...] = (".csv",)

    def sniff(self, head: str) -> bool:
        """Whether the header of ``head`` holds this layout's signature columns."""
        return bool(self.signature) and set(columns(head)) >= self.signature

    def parse(self, text: str, source: str) -> tuple[list[Article], list[Problem]]:
        """Each row an article (or a problem, for a row with nothing to identify it)."""
        table = Table.of(text, source)
        missing = sorted({c for cs in self.columns.values() for c in cs} - set(table.header))
        if not self.signature and missing:  # a layout the user named must fit the file
            raise UnknownFormat(source, f"has no column {missing[0]!r} (its columns: "
                                f"{', '.join(table.header)})", "fix --columns")  # fmt: skip
        results: list[Article | Problem | list[Article | Problem]] = []
        uneven = False
        for line, cells in table.rows():
            if not uneven and len(cells) != len(table.header):
                uneven = True  # said once: a lost quote or line break shifts every row after
                results.append(_uneven(source, line, len(cells), len(table.header)))
            row = dict(zip(table.header, cells, strict=False))
            results.append(finish(self.fields(row), source, line, table.delimiter.join(cells)))
        return split_results([*results, *table.problems])

    def _cell(self, row: Mapping[str, str], name: str) -> str | None:
        for column in self.columns.get(name, ()):
            value = (row.get(column) or "").strip()
            if value and value.upper() != "NA":
                return value
        return None

    def fields(self, row: Mapping[str, str]) -> dict[str, object]:
        """The article fields of one row, keyed as :class:`~graph.models.Article` names them."""

        def get(name: str) -> str | None:
            return self._cell(row, name)

        cited = get("cited_by") or ""
        keywords = (
            k
            for column in self.columns.get("keywords", ())
            for k in (row.get(column) or "").split(self.keyword_sep)
        )
        text = strip_markup if self.markup else _plain
        authors, addresses = self._placed(self.authors(get("authors") or ""), get("affiliations"))
        return {
            "title": text(get("title")),
            "year": parse_year(get("year")),
            "year_text": get("year"),
            "volume": get("volume"),
            "issue": get("issue"),
            "pages": get("pages") or page_range(get("start_page"), get("end_page")),
            "journal": get("journal"),
            "issn": (get("issn") or "").split(";")[0].strip() or None,  # Lens lists several
            "authors": authors,
            "addresses": addresses,
            "abstract": text(get("abstract")),
            "doi": normalize_doi(get("doi")),
            "keywords": unique(keywords),
            "doc_type": get("doc_type"),
            "cited_by": int(cited) if cited.isdigit() else None,
            "ids": {k: v for k, c in self.ids.items() if (v := (row.get(c) or "").strip())},
            "references": self._cited(row),
        }

    def _cited(self, row: Mapping[str, str]) -> list[Reference]:
        """The works a row cites by id (Lens lists Lens IDs): each found again by that id
        when it is in the corpus."""
        if self.cites is None:
            return []
        column, scheme = self.cites
        cited = unique(i.strip() for i in (row.get(column) or "").split(";"))
        return [Reference(f"{scheme}:{i}", None, f"{scheme}:{i}") for i in cited if i]

    def _placed(self, authors: list[Author], cell: str | None) -> tuple[list[Author], list[str]]:
        """Authors with the affiliations cell's entries, one each when the counts agree (as
        IEEE writes them); otherwise the entries stay on the record (or go to a sole author).
        """
        places = [p.strip() for p in (cell or "").split(";")]
        if len(places) == len(authors) > 1 and all(places):
            return [
                a.model_copy(update={"affiliations": (p,)})
                for a, p in zip(authors, places, strict=True)
            ], []
        places = unique(p for p in places if p)
        return with_affiliations(authors, places)

    def authors(self, text: str) -> list[Author]:
        """The authors of one ``Authors`` cell."""
        return [author_from_parts(*split_initials_name(n)) for n in self.names(text)]


IEEE = Layout(
    NAME="ieee-csv",
    label="IEEE Xplore CSV",
    signature=frozenset({"Document Title", "Authors", "Publication Title", "Start Page"}),
    columns={
        "title": ("Document Title",),
        "authors": ("Authors",),
        "year": ("Publication Year", "Year"),
        "journal": ("Publication Title",),
        "volume": ("Volume",),
        "issue": ("Issue",),
        "start_page": ("Start Page",),
        "end_page": ("End Page",),
        "abstract": ("Abstract",),
        "issn": ("ISSN",),
        "doi": ("DOI",),
        "keywords": ("Author Keywords", "IEEE Terms"),
        "cited_by": ("Article Citation Count",),
        "doc_type": ("Document Identifier",),
        "affiliations": ("Author Affiliations",),
    },
    names=_split(";"),
    markup=True,
)
SPRINGER = Layout(
    NAME="springer-csv",
    label="Springer Link CSV",
    signature=frozenset({"Item Title", "Item DOI", "Content Type", "Publication Title"}),
    columns={
        "title": ("Item Title",),
        "authors": ("Authors",),
        "year": ("Publication Year",),
        "journal": ("Publication Title", "Book Series Title"),
        "volume": ("Journal Volume",),
        "issue": ("Journal Issue",),
        "doi": ("Item DOI",),
        "doc_type": ("Content Type",),
    },
    names=split_run_on,
)
LENS = Layout(
    NAME="lens-csv",
    label="Lens.org scholarly works CSV",
    signature=frozenset({"Lens ID", "Title", "Author/s", "Source Title"}),
    columns={
        "title": ("Title",),
        "authors": ("Author/s",),
        "year": ("Publication Year",),
        "journal": ("Source Title",),
        "volume": ("Volume",),
        "issue": ("Issue Number",),
        "start_page": ("Start Page",),
        "end_page": ("End Page",),
        "abstract": ("Abstract",),
        "issn": ("ISSNs",),
        "doi": ("DOI",),
        "keywords": ("Keywords", "MeSH Terms"),
        "doc_type": ("Publication Type",),
        "cited_by": ("Citing Works Count",),
    },
    ids={"lens": "Lens ID", "pmid": "PMID"},
    cites=("References", "lens"),
)
LAYOUTS = (IEEE, SPRINGER, LENS)


def from_columns(spec: str, author_sep: str = ";") -> Layout:
    """A layout from ``--columns field=Column,…`` for a CSV no built-in layout knows.

    >>> layout = from_columns("title=Paper,authors=Who,year=Year", author_sep="|")
    >>> [a], _ = layout.parse("Paper,Who,Year\\nT,Ann Lee|Bo Chan,2020\\n", "x.csv")
    >>> a.title, [x.name for x in a.authors], a.year
    ('T', ['Ann Lee', 'Bo Chan'], 2020)
    """
    mapping: dict[str, tuple[str, ...]] = {}
    for part in (p for p in spec.split(",") if p.strip()):
        name, eq, column = part.partition("=")
        name = name.strip()
        if not eq or name not in FIELDS or not column.strip():
            raise ValueError(f"{part.strip()!r} is not field=Column, with a field "
                             f"among {', '.join(FIELDS)}")  # fmt: skip
        mapping[name] = (*mapping.get(name, ()), column.strip())
    if not {"title", "authors", "doi"} & set(mapping):
        raise ValueError("--columns must name a title, authors or doi column")
    return Layout(NAME="csv", label="CSV (--columns)", signature=frozenset(), columns=mapping,
                  names=_split(author_sep), keyword_sep=";")  # fmt: skip
