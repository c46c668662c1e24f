"""Reader for BibTeX, parsed with bibtexparser 2.

Scopus exports repeat field keys (``funding_details``), which bibtexparser 2 sets aside as
failed blocks; those entries are recovered, not lost. LaTeX in values (``M{\\"a}ntym{\\"a}ki``,
``\\&``) is decoded with pylatexenc, only where a value holds LaTeX, since decoding every
value is slow. Field names are matched case-insensitively (JabRef writes ``Author``).

>>> text = '@article{k, Author = {M{\\\\"a}ntym{\\\\"a}ki, Matti and Roy, B.},'
>>> text += ' Title = {{ELECTRE} \\\\& more}, year = 2022, doi = {10.1016/J.X.1}}'
>>> [a], _ = parse(text, "x.bib")
>>> a.title, [x.name for x in a.authors], a.year, a.line
('ELECTRE & more', ['Matti Mäntymäki', 'B. Roy'], 2022, 1)
"""

from __future__ import annotations

import contextlib
import logging
import re
from collections.abc import Mapping

import bibtexparser
from bibtexparser.middlewares.names import (
    InvalidNameError,
    parse_single_name_into_parts,
    split_multiple_persons_names,
)
from bibtexparser.model import DuplicateFieldKeyBlock, Entry, ImplicitComment
from pylatexenc.latex2text import LatexNodes2Text

from graph.models import Article, Author, Problem, Reference
from graph.normalize import author_from_parts, clean_text, normalize_doi, parse_year, split_name
from graph.readers._common import excerpt, finish, split_results, unique

NAME = "bibtex"
SUFFIXES = (".bib", ".bibtex")

# Bad blocks become problems; the libraries' own log lines would only repeat them.
for _name in ("bibtexparser", "pylatexenc"):
    logging.getLogger(_name).addHandler(logging.NullHandler())
    logging.getLogger(_name).propagate = False

_ENTRY = re.compile(r"^\s*@\s*[A-Za-z]+\s*[{(]", re.M)
_SIMPLE_ESCAPES = (("\\&", "&"), ("\\%", "%"), ("\\_", "_"), ("\\#", "#"))
_LATEX = LatexNodes2Text(math_mode="text", strict_latex_spaces=True)


def sniff(head: str) -> bool:
    """A BibTeX file has an ``@type{`` entry near its start.

    >>> sniff("% JabRef\\n@Article{key,\\n")
    True
    """
    return bool(_ENTRY.search(head))


def decode_latex(value: str) -> str:
    """Plain text from a BibTeX value: LaTeX accents and escapes decoded, braces dropped.

    >>> decode_latex("S{\\\\`e}des \\\\& {{IoT}}")
    'Sèdes & IoT'
    """
    simple = value
    for escape, plain in _SIMPLE_ESCAPES:
        simple = simple.replace(escape, plain)
    if "\\" in simple or "$" in simple:
        # pylatexenc drops a bare & or % (alignment, comment): escape them first.
        protected = re.sub(r"(?<!\\)([&%#])", r"\\\1", value)
        with contextlib.suppress(Exception):  # pylatexenc rejects some malformed LaTeX
            simple = _LATEX.latex_to_text(protected)
    return clean_text(simple.replace("{", "").replace("}", ""))


def _authors(value: str) -> list[Author]:
    authors = []
    for person in unique(split_multiple_persons_names(value)):
        try:
            parts = parse_single_name_into_parts(person, strict=False)
            family = " ".join([*parts.von, *parts.last])
            given = " ".join(parts.first) or None
        except InvalidNameError:
            family, given = split_name(person)
        authors.append(author_from_parts(decode_latex(family), decode_latex(given or "")))
    return authors


def _fields(raw: Mapping[str, str], entry_type: str) -> dict[str, object]:
    f = {
        k: decode_latex(v)
        for k, v in raw.items()
        if k not in ("author", "cited-references", "references")
    }
    refs = raw.get("cited-references") or raw.get("references") or ""
    keywords = ";".join(f.get(k, "") for k in ("keywords", "author_keywords", "keywords-plus"))
    wos = (f.get("unique-id") or raw.get("_key", "")).strip()
    eid = re.search(r"eid=(2-s2\.0-\d+)", raw.get("url", ""))
    cited_text = raw.get("times-cited") or (
        raw["note"] if "cited by" in raw.get("note", "").lower() else ""
    )
    cited = re.search(r"\d+", cited_text)
    return {
        "title": f.get("title"),
        "year": parse_year(f.get("year")),
        "year_text": f.get("year"),
        "volume": f.get("volume"),
        "issue": f.get("number") or f.get("issue"),
        "pages": (f.get("pages") or "").replace("--", "-").replace("–", "-") or None,
        "journal": f.get("journal") or f.get("booktitle"),
        "issn": f.get("issn"),
        "authors": _authors(raw.get("author", "")),
        "abstract": f.get("abstract"),
        "doi": normalize_doi(f.get("doi")),
        "keywords": unique(re.split(r";|,(?=\s)", keywords)) if keywords.strip(";") else [],
        "references": [
            Reference(r, normalize_doi(r)) for r in unique(re.split(r"\n|; ", refs))
        ],
        "doc_type": entry_type,
        "ids": {"wos": wos.removeprefix("WOS:")} if wos.upper().startswith("WOS:") else
               ({"eid": eid.group(1)} if eid else {}),
        "cited_by": int(cited.group()) if cited else None,
    }  # fmt: skip


def unbrace(value: str) -> str:
    """``value`` without braces that enclose all of it (WoS writes ``{{...}}``).

    >>> unbrace("{{A} and {B}}"), unbrace("{A} and {B}")
    ('{A} and {B}', '{A} and {B}')
    """
    value = value.strip()
    while value.startswith("{") and value.endswith("}"):
        depth = 0
        for i, char in enumerate(value):
            depth += {"{": 1, "}": -1}.get(char, 0)
            if depth == 0 and i < len(value) - 1:
                return value
        value = value[1:-1].strip()
    return value


def _entry_fields(entry: Entry) -> dict[str, str]:
    """Field name (lower-cased) → raw value; a repeated field keeps its first value."""
    raw: dict[str, str] = {"_key": entry.key}
    for field in entry.fields:
        raw.setdefault(clean_text(field.key).lower(), unbrace(str(field.value)))
    return raw


def parse(text: str, source: str) -> tuple[list[Article], list[Problem]]:
    """Parse BibTeX; a block bibtexparser cannot read becomes a problem with its line."""
    library = bibtexparser.parse_string(text)  # type: ignore[attr-defined]
    entries: list[Entry] = list(library.entries)
    problems: list[Problem] = []
    for block in library.failed_blocks:
        if isinstance(block, DuplicateFieldKeyBlock) and isinstance(
            block.ignore_error_block, Entry
        ):
            entries.append(block.ignore_error_block)
        else:
            line = (block.start_line or 0) + 1
            message = (
                f"unreadable BibTeX block: {clean_text(str(getattr(block, 'error', '')))[:160]}"
            )
            problems.append(
                Problem(file=source, line=line, message=message, excerpt=excerpt(block.raw or ""))
            )
    entries.sort(key=lambda e: e.start_line or 0)
    for comment in library.comments:  # text between entries that is not a % comment
        lines = [ln for ln in comment.comment.splitlines() if ln.strip()]
        if isinstance(comment, ImplicitComment) and any(not ln.lstrip().startswith("%")
                                                        for ln in lines):  # fmt: skip
            message = f"{len(lines)} line(s) outside any entry skipped"
            problems.append(Problem(file=source, line=(comment.start_line or 0) + 1,
                                    message=message, skipped=False,
                                    excerpt=excerpt(comment.comment)))  # fmt: skip
    results: list[Article | Problem] = list(problems)
    for entry in entries:
        result = finish(_fields(_entry_fields(entry), entry.entry_type.lower()), source,
                        (entry.start_line or 0) + 1, entry.raw or "")  # fmt: skip
        results.extend(result)
    return split_results(results)
