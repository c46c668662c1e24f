"""Record models shared by every reader and every later stage.

Readers fill these; nothing downstream sees a format's own shape.

>>> a = Article(year=2016, volume="20", issue="3", pages="149-152",
...             authors=[Author(name="Emma Watson", family="Watson", given="Emma")],
...             source="data/x.txt", line=11)
>>> a.label
'Watson 2016, 20(3):149–152'
"""

from __future__ import annotations

from typing import NamedTuple

from pydantic import BaseModel, ConfigDict, Field, InstanceOf


class Author(BaseModel):
    """One author of one article, as the record names them."""

    model_config = ConfigDict(frozen=True)

    name: str
    family: str | None = None
    given: str | None = None
    orcid: str | None = None
    source_id: str | None = None
    key: str | None = None
    """The person's node id, once identity is resolved (see :mod:`graph.identity`)."""
    affiliations: tuple[str, ...] = ()
    """The author's affiliations as the record gives them, where it says whose they are."""
    countries: tuple[str, ...] = ()
    """Countries the record gives as codes of their own (OpenAlex), beside the affiliations."""
    aliases: tuple[str, ...] = ()
    """How duplicates of the same work, merged away, spelled this author."""


class Issue(BaseModel):
    """A journal issue: the journal when known, and year, volume and issue number."""

    model_config = ConfigDict(frozen=True)

    journal: str | None = None
    year: int | None = None
    volume: str | None = None
    issue: str | None = None


class Reference(NamedTuple):
    """A cited reference as the record gives it.

    A plain tuple, not a model: a 10,000-record WoS export cites 300,000 of them, and a
    pydantic object per reference cost more than the rest of the parse.

    >>> Reference("Allen PJ, 1966, AM J PHYS", "10.1119/1.1972585").doi
    '10.1119/1.1972585'
    """

    raw: str
    doi: str | None = None
    source_id: str | None = None


class Article(BaseModel):
    """One bibliographic record: an article with its authors and where it was read from."""

    title: str | None = None
    year: int | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    journal: str | None = None
    issn: str | None = None
    authors: list[Author] = Field(default_factory=list)
    abstract: str | None = None
    sections: dict[str, str] = Field(default_factory=dict)
    doi: str | None = None
    keywords: list[str] = Field(default_factory=list)
    addresses: list[str] = Field(default_factory=list)
    """Affiliations the record gives without saying whose (RIS ``AD``, EndNote
    ``auth-address``, an unbracketed WoS ``C1``) when it has more than one author."""
    references: list[InstanceOf[Reference] | Reference] = Field(default_factory=list)
    """References readers built are taken as they are (an instance check, no copy); any
    other value is validated into one."""
    doc_type: str | None = None
    ids: dict[str, str] = Field(default_factory=dict)
    """Source identifiers: ``wos`` (UT), ``pmid``, ``openalex`` (W-id), ``eid`` (Scopus)."""
    cited_by: int | None = None
    """The citation count the source reports (WoS TC, Scopus Cited by, OpenAlex)."""
    source: str = ""
    line: int | None = None
    merged_from: list[str] = Field(default_factory=list)
    """``file:line`` of every duplicate record merged into this one."""

    @property
    def journal_issue(self) -> Issue:
        """The issue this article was published in."""
        return Issue(journal=self.journal, year=self.year, volume=self.volume, issue=self.issue)

    @property
    def label(self) -> str:
        """The title, or a citation-style label when the record has no title.

        >>> Article(title="  A day in the life ").label
        'A day in the life'
        >>> Article(year=2015, volume="19").label
        'Anonymous 2015, 19'
        """
        if self.title and self.title.strip():
            return self.title.strip()
        if not self.authors and (self.doi or self.ids):
            return self.doi or next(iter(sorted(self.ids.items())))[1]
        first = self.authors[0] if self.authors else None
        who = (first.family or first.name) if first else "Anonymous"
        when = str(self.year) if self.year is not None else "n.d."
        where = self.volume or ""
        if self.issue:
            where += f"({self.issue})"
        if self.pages:
            where += ":" + self.pages.replace("-", "–")
        return f"{who} {when}, {where}" if where else f"{who} {when}"

    @property
    def position(self) -> str:
        """Where the record was read from, as ``file:line``."""
        return f"{self.source}:{self.line}" if self.line is not None else self.source


class Problem(BaseModel):
    """A record that could not become an article, or a note about a whole file."""

    model_config = ConfigDict(frozen=True)

    file: str
    line: int | None = None
    message: str
    excerpt: str | None = None
    skipped: bool = True
    """True: the record was not read. False: a note; the record (or file) was still read."""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line is not None else self.file
        return f"{where} {self.message}"


class AuthorMerge(BaseModel):
    """Name variants taken as one person (or kept apart), and why."""

    key: str
    variants: list[str]
    reason: str
    joined: str | None = None
    """The id joined into ``key``, for a join."""
    evidence: list[str] = []
    """What agreed, item by item (a shared co-author's id, an institution, a journal and
    its years, the topic profiles' cosine), for a join made on evidence."""
    candidates: list[str] = []
    """The ids a refused fit named, for a refusal."""


class MergeGroup(BaseModel):
    """Records merged into one article: the one kept, the ones merged into it, and why."""

    kept: str
    merged: list[str]
    reason: str
    label: str


class FileReport(BaseModel):
    """What one input file gave: records read and what became of them."""

    path: str
    format: str
    records_read: int = 0
    articles: int = 0
    duplicates_merged: int = 0
    problems: int = 0


class Loaded(BaseModel):
    """Everything read from the inputs of one run."""

    articles: list[Article] = Field(default_factory=list)
    problems: list[Problem] = Field(default_factory=list)
    notes: list[Problem] = Field(default_factory=list)
    """File-level notes (an encoding fallback, a file passed over): not records."""
    files: list[FileReport] = Field(default_factory=list)
    inputs: list[str] = Field(default_factory=list)
    """The files and folders as the user named them."""
