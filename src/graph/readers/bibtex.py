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
from bibtexparser.library import Library
from bibtexparser.middlewares.names import (
    InvalidNameError,
    parse_single_name_into_parts,
    split_multiple_persons_names,
)
from bibtexparser.model import (
    DuplicateBlockKeyBlock,
    DuplicateFieldKeyBlock,
    Entry,
    ImplicitComment,
)
from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db

from graph.affiliations import with_affiliations
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
_TIE = re.compile(r"(?<!\\)~")
_SIMPLE_ESCAPES = (("\\&", "&"), ("\\%", "%"), ("\\_", "_"), ("\\#", "#"))


def _latex() -> LatexNodes2Text:
    """pylatexenc, keeping the text of ``\\mbox{k}`` and its kin inside math, so that
    ``Radix-2\\({}^{\\mbox{k}}\\)`` reads "Radix-2^k", not "Radix-2^"."""
    context = get_default_latex_context_db().filter_context()
    kept = ("mbox", "hbox", "text", "textrm", "textsf", "mathrm", "mathit", "mathbf", "mathsf")
    macros = [MacroTextSpec(name, simplify_repl="%(1)s") for name in kept]
    context.add_context_category("kept-text", prepend=True, macros=macros)
    return LatexNodes2Text(latex_context=context, math_mode="text", strict_latex_spaces=True)


_LATEX = _latex()
# Fields an entry never takes from its crossref or xdata parent.
_NOT_INHERITED = frozenset({"_key", "crossref", "xdata", "ids", "entryset", "related"})


def sniff(head: str) -> bool:
    """A BibTeX file has an ``@type{`` entry near its start.

    >>> sniff("% JabRef\\n@Article{key,\\n")
    True
    """
    return bool(_ENTRY.search(head))


def _unescape(value: str) -> str:
    r"""``value`` with only the escapes \& \% \_ \# undone: for DOIs and URLs, whose
    dashes and tildes are theirs."""
    for escape, plain in _SIMPLE_ESCAPES:
        value = value.replace(escape, plain)
    return value


def decode_latex(value: str) -> str:
    """Plain text from a BibTeX value: LaTeX accents and escapes decoded, braces dropped.

    >>> decode_latex("S{\\\\`e}des \\\\& {{IoT}}")
    'Sèdes & IoT'
    >>> decode_latex("J.~Organomet. Chem. -- 1989--1990"), decode_latex("Espa\\\\~{n}a")
    ('J. Organomet. Chem. – 1989–1990', 'España')
    >>> decode_latex("Radix-2\\\\({}^{\\\\mbox{k}}\\\\) FFT")
    'Radix-2^k FFT'
    """
    simple = _unescape(value)
    # A tie (~) is a space, and --- and -- are dashes, as LaTeX typesets them.
    simple = _TIE.sub(" ", simple).replace("---", "—").replace("--", "–")
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


def _addresses(raw: Mapping[str, str]) -> list[str]:
    """``affiliation`` (or ``affiliations``): one per line as WoS writes them, else split
    at ``; `` as Scopus does.

    >>> _addresses({"affiliation": "{Univ A, Italy.\\n   Univ B, Dept \\\\& Co, France.}"})
    ['Univ A, Italy.', 'Univ B, Dept & Co, France.']
    """
    text = unbrace(raw.get("affiliation") or raw.get("affiliations") or "")
    parts = text.splitlines() if "\n" in text.strip() else text.split("; ")
    return unique(p for p in (decode_latex(x) for x in parts) if p)


def _fields(raw: Mapping[str, str], entry_type: str) -> dict[str, object]:
    authors, addresses = with_affiliations(_authors(raw.get("author", "")), _addresses(raw))
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
        # BibLaTeX writes date (2019-03-15, or EDTF: 2019-03/2020, 2019~) for year.
        "year": parse_year(f.get("year") or f.get("date")),
        "year_text": f.get("year") or f.get("date"),
        "volume": f.get("volume"),
        "issue": f.get("number") or f.get("issue"),
        "pages": (f.get("pages") or "").replace("--", "-").replace("–", "-") or None,
        "journal": f.get("journal") or f.get("journaltitle") or f.get("booktitle"),
        "issn": f.get("issn"),
        "authors": authors,
        "addresses": addresses,
        "abstract": f.get("abstract"),
        "doi": normalize_doi(_unescape(raw.get("doi", ""))),  # a DOI may hold "--" or "~"
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


def inherit(raw: dict[str, str], parents: Mapping[str, dict[str, str]]) -> dict[str, str]:
    """``raw`` with the fields it lacks taken from its ``xdata`` and ``crossref`` parents.

    As BibLaTeX has it, a crossref parent's title becomes the child's ``booktitle`` (the
    proceedings a paper is in), never its title: a paper without a title of its own must
    not take the proceedings' and then merge with them as a duplicate.

    >>> parents = {"conf": {"_key": "conf", "title": "Proc. X", "year": "2020"}}
    >>> inherit({"_key": "a", "title": "Paper", "crossref": "conf"}, parents)["booktitle"]
    'Proc. X'
    """
    keys = [k.strip() for k in raw.get("xdata", "").split(",") if k.strip()]
    keys += [raw["crossref"].strip()] if raw.get("crossref", "").strip() else []
    merged = dict(raw)
    crossref = raw.get("crossref", "").strip()
    for key in keys:
        parent = parents.get(key) or parents.get(key.lower()) or {}
        if "title" in parent and key == crossref:
            merged.setdefault("booktitle", parent["title"])
        for name, value in parent.items():
            if name not in _NOT_INHERITED and not (name == "title" and key == crossref):
                merged.setdefault(name, value)
    return merged


def _blocks(library: Library, source: str) -> tuple[list[Entry], list[Problem]]:
    """The library's entries, those its parser set aside for a repeated field or key
    included, and a problem for each block it could not read."""
    entries: list[Entry] = list(library.entries)
    problems: list[Problem] = []
    for block in library.failed_blocks:
        kept = getattr(block, "ignore_error_block", None)
        if isinstance(block, DuplicateFieldKeyBlock | DuplicateBlockKeyBlock) and isinstance(
            kept, Entry
        ):
            entries.append(kept)
            continue
        message = f"unreadable BibTeX block: {clean_text(str(getattr(block, 'error', '')))[:160]}"
        problems.append(Problem(file=source, line=(block.start_line or 0) + 1, message=message,
                                excerpt=excerpt(block.raw or "")))  # fmt: skip
    entries.sort(key=lambda e: e.start_line or 0)
    return entries, problems + _key_notes(entries, source)


def _key_notes(entries: list[Entry], source: str) -> list[Problem]:
    """A note for each entry whose key is empty or was used before: it is read all the
    same, as exporters write such keys (a Citavi export leaves every key empty)."""
    notes, seen = [], set()
    for entry in entries:
        key = entry.key.strip()
        if not key:
            message = "entry has no key; read all the same"
        elif key.lower() in seen:
            message = f"entry key {key!r} is used again; read as an entry of its own"
        else:
            seen.add(key.lower())
            continue
        notes.append(Problem(file=source, line=(entry.start_line or 0) + 1, message=message,
                             skipped=False))  # fmt: skip
    return notes


def _stray(library: Library, source: str) -> list[Problem]:
    """A note for text between entries that is not a ``%`` comment."""
    problems = []
    for comment in library.comments:
        lines = [ln for ln in comment.comment.splitlines() if ln.strip()]
        if isinstance(comment, ImplicitComment) and any(not ln.lstrip().startswith("%")
                                                        for ln in lines):  # fmt: skip
            message = f"{len(lines)} line(s) outside any entry skipped"
            problems.append(Problem(file=source, line=(comment.start_line or 0) + 1,
                                    message=message, skipped=False,
                                    excerpt=excerpt(comment.comment)))  # fmt: skip
    return problems


def parse(text: str, source: str) -> tuple[list[Article], list[Problem]]:
    """Parse BibTeX or BibLaTeX; a block bibtexparser cannot read becomes a problem with
    its line. Entries inherit what their ``crossref`` and ``xdata`` parents hold; an
    ``@xdata`` entry is such a container, not a work, and is not read as one."""
    library = bibtexparser.parse_string(text)  # type: ignore[attr-defined]
    entries, problems = _blocks(library, source)
    raws = [_entry_fields(entry) for entry in entries]
    parents: dict[str, dict[str, str]] = {}
    for raw in raws:
        parents.setdefault(raw["_key"], raw)
        parents.setdefault(raw["_key"].lower(), raw)  # BibTeX keys match case-insensitively
    results: list[Article | Problem] = [*problems, *_stray(library, source)]
    for entry, raw in zip(entries, raws, strict=True):
        if entry.entry_type.lower() == "xdata":  # a container of shared fields, no work
            continue
        fields = _fields(inherit(raw, parents), entry.entry_type.lower())
        results.extend(finish(fields, source, (entry.start_line or 0) + 1, entry.raw or ""))
    return split_results(results)
