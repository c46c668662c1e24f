"""What every reader does last: turn the fields it found into an Article, or a Problem.

A record becomes a problem only when it cannot become an article: it has no title, no
authors and no identifier, or a value the model rejects.

>>> finish({"title": "T", "year": 2020}, "x.ris", 3)
[Article(title='T', ...)]
>>> print(finish({"year": 2020}, "x.ris", 9, "TY  - JOUR")[0])
x.ris:9 record has no title, authors or identifier
>>> [type(r).__name__ for r in finish({"title": "T", "year_text": "20x5"}, "x.ris", 3)]
['Article', 'Problem']
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from pydantic import ValidationError

from graph.models import Article, Problem
from graph.normalize import clean_text

_EXCERPT = 120


def excerpt(text: str) -> str:
    """A short, single-line piece of a record's raw text for a problem report."""
    return clean_text(text)[:_EXCERPT]


def finish(
    fields: Mapping[str, object], source: str, line: int, raw: str = ""
) -> list[Article | Problem]:
    """An :class:`Article` from ``fields`` (with notes on what it lost), or a Problem.

    ``year_text``, when given, is the year as the record wrote it: if it holds no year,
    the article is kept without one and a note says so.
    """
    values = {k: v for k, v in fields.items() if v not in (None, "", [], {})}
    year_text = values.pop("year_text", None)
    if not (values.get("title") or values.get("authors") or values.get("doi") or values.get("ids")):
        message = "record has no title, authors or identifier"
        return [Problem(file=source, line=line, message=message, excerpt=excerpt(raw) or None)]
    try:
        article = Article(source=source, line=line, **values)  # type: ignore[arg-type]
    except ValidationError as err:
        first = err.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        message = f"record has an unusable {where}: {first['msg']}"
        return [Problem(file=source, line=line, message=message, excerpt=excerpt(raw) or None)]
    if year_text and article.year is None:
        message = f"year {str(year_text)[:40]!r} holds no year; the article is kept without one"
        return [article, Problem(file=source, line=line, message=message, skipped=False)]
    return [article]


def split_results(
    results: Iterable[Article | Problem | list[Article | Problem]],
) -> tuple[list[Article], list[Problem]]:
    """Articles and problems (notes included), each in input order."""
    articles: list[Article] = []
    problems: list[Problem] = []
    for result in results:
        for item in result if isinstance(result, list) else [result]:
            if isinstance(item, Article):
                articles.append(item)
            else:
                problems.append(item)
    return articles, problems


@dataclass
class _Run:
    line: int
    count: int
    text: str


class Stray:
    """Runs of consecutive lines that belong to no record, kept as (first line, count,
    excerpt), so a gigabyte of junk costs nothing to remember.

    >>> stray = Stray()
    >>> for number in (4, 5, 9):
    ...     stray.add(number, f"junk {number}")
    >>> [str(note) for note in stray.notes("x.ris")]
    ['x.ris:4 2 line(s) outside any record skipped', 'x.ris:9 1 line(s) outside any record skipped']
    """

    def __init__(self) -> None:
        self.runs: list[_Run] = []

    def add(self, number: int, line: str) -> None:
        if self.runs and self.runs[-1].line + self.runs[-1].count == number:
            self.runs[-1].count += 1
        else:
            self.runs.append(_Run(number, 1, excerpt(line)))

    def notes(self, source: str) -> list[Problem]:
        return [
            Problem(file=source, line=run.line, skipped=False, excerpt=run.text or None,
                    message=f"{run.count} line(s) outside any record skipped")
            for run in self.runs
        ]  # fmt: skip


def unique(values: Iterable[str]) -> list[str]:
    """Non-empty values, cleaned, first occurrence kept.

    >>> unique(["a ", "", "b", "a"])
    ['a', 'b']
    """
    return list(dict.fromkeys(v for v in (clean_text(x) for x in values) if v))
