"""Size limits on input: how large a file may be, and how long one field.

A field past ``max_field`` characters is cut, keeping its start, and a note says so. Before
parsing, lines past four times that (a CSV row or a BibTeX entry holds several fields) are
cut to that length, so a huge value never reaches the parsers whole: a line keeps its start
and its last 100 characters, so the brackets and quotes that close a record survive. JSON
strings are cut once parsed, since cutting a line of JSON would break it.

>>> text, cuts = cut_long_lines("short\\n" + "x" * 500 + "}}\\nnext", 200)
>>> cut = text.split("\\n")[1]
>>> len(cut), cut[145:152], cut.endswith("x}}"), cuts
(200, 'xx … xx', True, [(2, 502)])
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from graph.models import Article, Problem
from graph.settings import MAX_FIELD, MAX_INPUT_MB

DEFAULT_MAX_FIELD = MAX_FIELD
DEFAULT_MAX_INPUT_MB = MAX_INPUT_MB
_TAIL = 100
_CUT = " … "


@dataclass(frozen=True)
class Limits:
    """Size limits for reading; ``max_input_mb`` applies to each file after decompression."""

    max_field: int = DEFAULT_MAX_FIELD
    max_input_mb: int = DEFAULT_MAX_INPUT_MB

    @property
    def max_input_bytes(self) -> int:
        return self.max_input_mb * 1024 * 1024

    @property
    def max_line(self) -> int:
        """Lines longer than this are cut before parsing."""
        return self.max_field * 4


DEFAULT_LIMITS = Limits()


def cut_long_lines(text: str, limit: int) -> tuple[str, list[tuple[int, int]]]:
    """``text`` with each line over ``limit`` characters cut to ``limit``: its start, " … "
    and its last 100 characters; and the (line number, length) of each line cut."""
    if len(text) <= limit:
        return text, []
    long_line = re.compile(f"(?m)^[^\\n]{{{limit + 1},}}")
    cuts: list[tuple[int, int]] = []
    pieces: list[str] = []
    done, line, counted = 0, 1, 0
    for match in long_line.finditer(text):
        start, end = match.span()
        line += text.count("\n", counted, start)
        counted = start
        cuts.append((line, end - start))
        tail = min(_TAIL, limit // 4)
        head = max(limit - tail - len(_CUT), 0)
        pieces += [text[done : start + head], _CUT, text[end - tail : end]]
        done = end
    if not cuts:
        return text, []
    pieces.append(text[done:])
    return "".join(pieces), cuts


_SCALARS = ("title", "journal", "abstract", "volume", "issue", "pages", "doc_type", "issn", "doi")
_AUTHOR_TEXTS = {"name", "family", "given", "key"}


def _cut(value: str, limit: int) -> str:
    return value if len(value) <= limit else value[:limit]


def _texts(article: Article, key: str) -> list[str]:
    """Every string held in one field of ``article``."""
    value = getattr(article, key)
    if key in _SCALARS:
        return [value] if value else []
    if key in ("sections", "ids"):
        return list(value.values())
    if key == "keywords":
        return list(value)
    if key == "references":
        return [r.raw for r in value]
    return [t for a in value for t in (a.name, a.family, a.given, a.key) if t]


def _cut_field(article: Article, key: str, limit: int) -> object:
    value = getattr(article, key)
    if key in _SCALARS:
        return _cut(value, limit)
    if key in ("sections", "ids"):
        return {k: _cut(v, limit) for k, v in value.items()}
    if key == "keywords":
        return [_cut(k, limit) for k in value]
    if key == "references":
        return [r._replace(raw=_cut(r.raw, limit)) for r in value]
    return [
        a.model_copy(
            update={k: _cut(v, limit) for k, v in a.model_dump(include=_AUTHOR_TEXTS).items() if v}
        )
        for a in value
    ]


_FIELDS = (*_SCALARS, "sections", "ids", "keywords", "references", "authors")


def cut_long_fields(
    articles: Iterable[Article], limit: int, source: str
) -> tuple[list[Article], list[Problem]]:
    """``articles`` with every text field cut to ``limit`` characters, and a note for each
    article that lost text.

    >>> [a], [note] = cut_long_fields([Article(title="T" * 30, line=4)], 10, "x.ris")
    >>> a.title, str(note)
    ('TTTTTTTTTT', 'x.ris:4 title cut from 30 to 10 characters (--max-field)')
    """
    kept: list[Article] = []
    notes: list[Problem] = []
    for article in articles:
        lengths = {key: max(map(len, _texts(article, key)), default=0) for key in _FIELDS}
        long = sorted(key for key, length in lengths.items() if length > limit)
        if long:
            longest = max(lengths[key] for key in long)
            message = (
                f"{', '.join(long)} cut from {longest:,} to {limit:,} characters (--max-field)"
            )
            notes.append(Problem(file=source, line=article.line, message=message, skipped=False))
            update = {key: _cut_field(article, key, limit) for key in long}
            article = article.model_copy(update=update)
        kept.append(article)
    return kept, notes
