"""Reader for a journal site's search-results listing, saved as text.

A record is a header block (year, ``Vol N (M)``, pages, ``Author(s):`` and one author a
line, separated by ``◽`` markers), an optional title line before it, and a structured
abstract after it. Blocks are separated by blank lines; the page's own text (``Sign in /
Sign up``) is neither a record nor a problem.

>>> text = '''A day in the life
...
... 2015 ◽
... Vol 19 (4) ◽
... pp. 169-173
... Author(s):
... Emma Watson
...
... Purpose – To share. Findings – Reflections.
... '''
>>> [article], problems = parse(text, "x.txt")
>>> article.label, article.year, article.issue, article.line, list(article.sections)
('A day in the life', 2015, '4', 1, ['Purpose', 'Findings'])
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import cast

from graph.models import Article, Author, Problem
from graph.normalize import clean_text, make_author

NAME = "listing"
SUFFIXES: tuple[str, ...] = ()  # saved as .txt, which WoS and MEDLINE share: sniffing decides

_YEAR_LINE = re.compile(r"^(\S{1,8})\s*◽")
_VOLUME = re.compile(r"^Vol\.?\s*([^\s(◽]+)(?:\s*\(([^)]*)\))?", re.IGNORECASE)
_PAGES = re.compile(r"^pp?\.\s*([^\s◽]+)", re.IGNORECASE)
_AUTHORS = "Author(s):"
_PAGE_TEXT = frozenset({"sign in / sign up", "export citation format", "share document"})
_TITLE_MAX = 300

# Emerald's structured-abstract labels, in the order they appear; variants map onto them.
SECTION_LABELS: tuple[str, ...] = (
    "Purpose",
    "Design/methodology/approach",
    "Findings",
    "Research limitations/implications",
    "Practical implications",
    "Social implications",
    "Originality/value",
)
_LABEL_VARIANTS = {
    "Research limitations": "Research limitations/implications",
    "Research implications": "Research limitations/implications",
}
_LABEL_ORDER = {label: i for i, label in enumerate(SECTION_LABELS)}
_ALL_LABELS = sorted([*SECTION_LABELS, *_LABEL_VARIANTS], key=len, reverse=True)
# The lookahead on first letters lets the engine skip most positions before it tries the
# look-behind and every label there: a third less time on real abstracts, same matches.
_FIRST_LETTERS = "".join(sorted({label[0] for label in _ALL_LABELS}))
_LABELS_PATTERN = "|".join(re.escape(label) for label in _ALL_LABELS)
_SECTION = re.compile(
    rf"(?=[{_FIRST_LETTERS}])(?<![A-Za-z])({_LABELS_PATTERN})"
    r"(?:\s*[–—-]\s*|\s+(?=[A-Z0-9“\"‘'(])|(?=[A-Z0-9“\"‘'(]))"
)


def sniff(head: str) -> bool:
    """Whether the start of a file looks like a listing: a ``2015 ◽`` line and ``Author(s):``.

    >>> sniff("2015 ◽\\nVol 1 (2) ◽\\nAuthor(s):\\nA B")
    True
    >>> sniff("TY  - JOUR")
    False
    """
    has_year = any(_YEAR_LINE.match(clean_text(line)) for line in head.splitlines())
    return has_year and _AUTHORS in head


def split_sections(abstract: str) -> dict[str, str]:
    """Split a structured abstract into its labelled sections, in order.

    The label may be followed by a dash, a plain space, or nothing at all.

    >>> split_sections("PurposeTo test.Design/methodology/approachA trial.FindingsIt works.")
    {'Purpose': 'To test.', 'Design/methodology/approach': 'A trial.', 'Findings': 'It works.'}
    >>> split_sections("An unstructured abstract.")
    {}
    """
    accepted: list[tuple[str, int, int]] = []
    last = -1
    for match in _SECTION.finditer(abstract):
        label = _LABEL_VARIANTS.get(match.group(1), match.group(1))
        order = _LABEL_ORDER[label]
        if order <= last or (not accepted and match.start() != 0):
            continue
        accepted.append((label, match.start(), match.end()))
        last = order
    sections: dict[str, str] = {}
    for i, (label, _, body_start) in enumerate(accepted):
        body_end = accepted[i + 1][1] if i + 1 < len(accepted) else len(abstract)
        sections[label] = abstract[body_start:body_end].strip()
    return sections


@dataclass
class _Block:
    line: int
    lines: list[str]
    """The block's lines, each already through :func:`clean_text` (none is empty)."""

    # A block's lines are all in place before anything reads these, so each is worked
    # out once; the grouping asks for them several times per block.
    @cached_property
    def text(self) -> str:
        return " ".join(self.lines)

    @cached_property
    def is_header(self) -> bool:
        first = self.lines[0]
        return bool(_YEAR_LINE.match(first) and first[:4].isdigit()) or any(
            line.startswith(_AUTHORS) for line in self.lines
        )

    @cached_property
    def sections(self) -> dict[str, str]:
        return split_sections(self.text)

    @property
    def looks_like_title(self) -> bool:
        return len(self.lines) == 1 and len(self.text) <= _TITLE_MAX and not self.is_abstract

    @property
    def is_abstract(self) -> bool:
        return bool(self.sections) or len(self.text) > _TITLE_MAX


def _blocks(text: str) -> list[_Block]:
    blocks: list[_Block] = []
    current: _Block | None = None
    for number, raw in enumerate(text.lstrip("\ufeff").splitlines(), start=1):
        line = clean_text(raw)
        if not line:
            current = None
            continue
        if current is None:
            current = _Block(number, [])
            blocks.append(current)
        current.lines.append(line)
    blocks = [part for b in blocks for part in _split_glued_abstract(b)]
    return [b for b in blocks if b.text.casefold() not in _PAGE_TEXT]


def _split_glued_abstract(block: _Block) -> list[_Block]:
    """A header block whose abstract follows its authors with no blank line, as two blocks.

    >>> abstract = "Purpose – The purpose of this paper is to share the experiences of a worker."
    >>> parts = _split_glued_abstract(_Block(3, ["Author(s):", "Emma Watson", abstract]))
    >>> [(p.line, p.lines[-1][:7]) for p in parts]
    [(3, 'Emma Wa'), (5, 'Purpose')]
    """
    starts = [i for i, line in enumerate(block.lines) if line.startswith(_AUTHORS)]
    for i in range(starts[0] + 1 if starts else len(block.lines), len(block.lines)):
        line = block.lines[i]
        if len(line) > _TITLE_MAX or (len(line) > 60 and split_sections(line)):
            return [_Block(block.line, block.lines[:i]), _Block(block.line + i, block.lines[i:])]
    return [block]


@dataclass
class _Record:
    header: _Block
    title: _Block | None = None
    body: list[_Block] | None = None


def _group(blocks: list[_Block]) -> tuple[list[_Record], list[_Block]]:
    """Assign every block to a record as header, title or abstract; return the leftovers."""
    header_at = [i for i, block in enumerate(blocks) if block.is_header]
    if not header_at:
        return [], blocks
    records = [_Record(blocks[i]) for i in header_at]
    leftovers: list[_Block] = []
    before = blocks[: header_at[0]]
    if before and before[-1].looks_like_title:
        records[0].title = before.pop()
    leftovers.extend(before)
    for n, start in enumerate(header_at):
        end = header_at[n + 1] if n + 1 < len(header_at) else len(blocks)
        following = blocks[start + 1 : end]
        if n + 1 < len(header_at) and following:
            last = following[-1]
            if last.looks_like_title and (len(following) > 1 or not last.is_abstract):
                records[n + 1].title = following.pop()
        if n + 1 == len(header_at) and len(following) > 1:
            leftovers.extend(following[1:])
            following = following[:1]
        records[n].body = following
    return records, leftovers


def _parse_header(block: _Block) -> dict[str, object]:
    fields: dict[str, object] = {"authors": []}
    authors: list[Author] = []
    other: list[str] = []
    in_authors = False
    for line in block.lines:
        if in_authors:
            authors.extend(make_author(n) for n in line.split("◽") if clean_text(n))
            continue
        if line.startswith(_AUTHORS):
            in_authors = True
            rest = line[len(_AUTHORS) :]
            authors.extend(make_author(n) for n in rest.split("◽") if clean_text(n))
        elif (year := _YEAR_LINE.match(line)) and "year" not in fields:
            if re.fullmatch(r"\d{4}", year.group(1)):
                fields["year"] = int(year.group(1))
            else:
                fields["year"], fields["bad_year"] = None, year.group(1)
        elif volume := _VOLUME.match(line):
            fields["volume"], fields["issue"] = volume.group(1), volume.group(2) or None
        elif pages := _PAGES.match(line):
            fields["pages"] = pages.group(1)
        elif line:  # a title with no blank line after it, or text we do not know
            other.append(line)
    fields["authors"] = authors
    fields["other"] = other
    return fields


def _to_article(record: _Record, source: str) -> list[Article | Problem]:
    fields = _parse_header(record.header)
    other = cast(list[str], fields.pop("other"))
    title = record.title.text if record.title else None
    notes: list[Article | Problem] = []
    if other and not title:  # the title line, glued to the year line below it
        title, other = other[0], other[1:]
    if other:
        message = f"{len(other)} line(s) in the record's header not understood; skipped"
        notes.append(Problem(file=source, line=record.header.line, message=message,
                             excerpt=other[0][:80], skipped=False))  # fmt: skip
    start = record.title.line if record.title else record.header.line
    if not title and not fields["authors"]:
        excerpt = record.header.text[:80]
        return [
            *notes,
            Problem(
                file=source,
                line=start,
                message="record has neither a title nor authors",
                excerpt=excerpt,
            ),
        ]
    body = record.body or []
    abstract = "\n".join(block.text for block in body) or None
    bad_year = fields.pop("bad_year", None)
    article = Article(
        title=title,
        abstract=abstract,
        sections=_sections(body, abstract),
        source=source,
        line=start,
        **fields,  # type: ignore[arg-type]
    )
    if bad_year:
        message = f"year {bad_year!r} holds no year; the article is kept without one"
        notes.append(Problem(file=source, line=record.header.line, message=message,
                             skipped=False))  # fmt: skip
    return [article, *notes]


def _sections(body: list[_Block], abstract: str | None) -> dict[str, str]:
    """The sections of a record's abstract; one block's were worked out already."""
    if len(body) == 1:
        return body[0].sections
    return split_sections(abstract) if abstract else {}


def parse(text: str, source: str) -> tuple[list[Article], list[Problem]]:
    """Parse listing text into articles and problems; never raises for bad records."""
    records, leftovers = _group(_blocks(text))
    articles: list[Article] = []
    problems = [
        Problem(
            file=source,
            line=block.line,
            message="text outside any record was skipped",
            excerpt=block.text[:80],
        )
        for block in leftovers
    ]
    for record in records:
        for result in _to_article(record, source):
            if isinstance(result, Article):
                articles.append(result)
            else:
                problems.append(result)
    problems.sort(key=lambda p: p.line or 0)
    return articles, problems
