"""Author identity: which name variants are one person.

1. An id from the source decides: ORCID first, then an OpenAlex or Scopus author id.
2. Without one, a person is a folded family name and a first given name: ``Watson, Emma``
   and ``Emma J. Watson`` are one person; ``Li, Xiaoming`` and ``Li, Xiaohong`` never are.
3. A name with initials only (``Watson, E.``, ``WATSON E``) joins the one full-name person
   whose initials fit, when exactly one does; with none or several it stays on its own.
   Each such merge is reported.
4. Initials left on their own join the one full name or longer initials they fit with
   which they share two or more co-authors and no article ("P. Celliers", "P. M. Celliers").
5. A full-name person without an id joins the one id-keyed person (ORCID, OpenAlex or
   Scopus id) of the same family and first given name, when the two share a co-author:
   an ORCID on some records and not on others no longer splits one author in two.
6. ``--authors-map`` (a CSV of ``name,canonical``, like VOSviewer's thesaurus) renames
   variants first, to force a merge, or to keep two people apart.

Node ids stay short where they can: ``author:name:watson|e`` (family and initials); when
two people share a family name and first initial, their ids spell the first given name.

>>> from graph.models import Article
>>> from graph.normalize import make_author
>>> records = [Article(authors=[make_author("Emma Watson")]),
...            Article(authors=[make_author("Watson, E.")])]
>>> people = resolve_authors(records)
>>> [a.authors[0].key for a in people.articles]
['author:name:watson|e', 'author:name:watson|e']
>>> people.merges[0].reason
'initials fit one full name'
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from graph.errors import InputNotFound, InputUnreadable
from graph.models import Article, Author, AuthorMerge
from graph.normalize import (
    author_from_parts,
    author_key,
    fold,
    initials,
    split_initials_name,
    split_name,
)

_ID_NAMES = {"orcid": "ORCID", "openalex": "OpenAlex author id", "scopus": "Scopus author id"}
_INITIAL_SEPARATORS = re.compile(r"[\s.\-\u2010]+")


def read_authors_map(path: str) -> dict[str, str]:
    """``name,canonical`` rows from a CSV file (a header row is allowed), folded names as keys.

    Raises :class:`InputNotFound` or :class:`InputUnreadable` for a file that cannot be used.
    """
    file = Path(path)
    if not file.is_file():
        raise InputNotFound(path)
    mapping: dict[str, str] = {}
    try:
        with file.open(encoding="utf-8-sig", newline="") as handle:
            for number, row in enumerate(csv.reader(handle), start=1):
                if (
                    len(row) < 2
                    or not row[0].strip()
                    or (number == 1 and row[0].strip().lower() == "name")
                ):
                    continue
                mapping[name_key(row[0])] = row[1].strip()
    except (UnicodeDecodeError, csv.Error) as err:
        raise InputUnreadable(path, f"is not a name,canonical CSV file: {err}") from err
    return mapping


def name_key(name: str) -> str:
    """Case, accents, commas and full stops folded: ``Li, X.`` and ``li x`` are one key.

    >>> name_key("Li, X."), name_key("li x")
    ('li x', 'li x')
    """
    return " ".join(fold(name).replace(",", " ").replace(".", " ").split())


def is_initials(given: str | None) -> bool:
    """Whether a given name is initials only (``E.``, ``E. J.``, ``EJ``, ``J-P``): every
    part between dots, spaces and hyphens is one letter or two or three capitals written
    together ("EJ"), four initials at most; after a first initial, a short part is a
    transliterated or abbreviated one ("A. Gh.", "A. Ya", "F. Md", "N. Mat"). A short given
    name is a name, not initials: "Amy L", "Li Na", "Yu-Te", "Jay P." (#19).

    >>> is_initials("E. J."), is_initials("EJ"), is_initials("Emma"), is_initials("Jo")
    (True, True, False, False)
    >>> is_initials("Amy L"), is_initials("Li Na"), is_initials("Jay P."), is_initials("A. Gh.")
    (False, False, False, True)
    """
    if not given:
        return True
    parts = [p for p in _INITIAL_SEPARATORS.split(given.strip()) if p]
    if not parts or not all(p.isalpha() for p in parts):
        return False
    led = len(parts[0]) == 1  # "A. Gh.": an initial first, then a short part may follow
    for i, part in enumerate(parts):
        capitals = part.isupper() and len(part) <= 3
        short = i > 0 and led and len(part) <= 3 and part.istitle()
        if len(part) > 1 and not (capitals or short):
            return False
    return sum(len(p) if p.isupper() else 1 for p in parts) <= 4


@dataclass(eq=False)
class _Person:
    family: str
    first: str  # folded first given name ("" for initials-only people)
    initials: str
    variants: Counter[str] = field(default_factory=Counter)
    reasons: set[str] = field(default_factory=set)
    key: str = ""


@dataclass
class People:
    """The articles with every author's ``key`` set, and the name merges that were made."""

    articles: list[Article]
    merges: list[AuthorMerge]
    variants: dict[str, list[str]]


def _parts(author: Author) -> tuple[str, str | None]:
    if author.family is None:
        return split_name(author.name)
    return author.family, author.given


def _fits(short: str, full: str) -> bool:
    return bool(short) and bool(full) and (full.startswith(short) or short.startswith(full))


def _assign_keys(people: list[_Person]) -> None:
    crowds = Counter((fold(p.family), p.initials[:1]) for p in people if p.first)
    for person in people:
        family = author_key(person.family, None).rstrip("|")
        if person.first and crowds[(fold(person.family), person.initials[:1])] > 1:
            person.key = f"author:name:{family}|{re.sub(r'[^0-9a-z]+', '-', person.first)}"
        else:
            person.key = f"author:name:{family}|{person.initials}"


def _name_people(occurrences: list[Author]) -> dict[Author, _Person]:
    """Group authors without ids into people, by the rules in the module docstring."""
    full: dict[tuple[str, str], _Person] = {}
    by_family: dict[str, list[_Person]] = {}
    short: dict[tuple[str, str], _Person] = {}
    chosen: dict[Author, _Person] = {}
    for author in sorted(set(occurrences), key=lambda a: (a.name, a.family or "", a.given or "")):
        family, given = _parts(author)
        if (name := _full_name(author)) is not None:
            fam, first = name
            if (fam, first) not in full:
                full[(fam, first)] = _Person(family, first, initials(given))
                by_family.setdefault(fam, []).append(full[(fam, first)])
            person = full[(fam, first)]
            person.initials = max(person.initials, initials(given), key=len)
            chosen[author] = person
    for author in sorted(
        set(occurrences) - set(chosen), key=lambda a: (a.name, a.family or "", a.given or "")
    ):
        family, given = _parts(author)
        fam, inits = fold(family), initials(given)
        candidates = [p for p in by_family.get(fam, []) if _fits(inits, p.initials)]
        if len(candidates) == 1:
            chosen[author] = candidates[0]
            candidates[0].reasons.add("initials fit one full name")
        else:
            chosen[author] = short.setdefault((fam, inits), _Person(family, "", inits))
            if len(candidates) > 1:
                chosen[author].reasons.add(f"not merged: initials fit {len(candidates)} full names")
    _assign_keys([*full.values(), *short.values()])
    return chosen


def _source_key(author: Author) -> str | None:
    if author.orcid:
        return f"author:orcid:{author.orcid}"
    if author.source_id:
        return f"author:{author.source_id}"
    return None


def _name_merges(
    people: Iterable[_Person], variants: Mapping[str, Counter[str]]
) -> list[AuthorMerge]:
    """A merge row for each reason each person was joined from several names."""
    merges: list[AuthorMerge] = []
    for person in people:
        names = sorted(variants.get(person.key, {}))
        reasons = set(person.reasons)
        if len(names) > 1 and not any(r.startswith("initials fit") for r in reasons):
            reasons.add(
                "same family and first name" if person.first else "same family and initials"
            )
        merges.extend(AuthorMerge(key=person.key, variants=names, reason=r) for r in reasons)
    return merges


def _by_key_reason(merge: AuthorMerge) -> tuple[str, str]:
    # Two people can share a key ("marin castrillon|d" and "marin-castrillon|d"); the
    # reason then decides the order, where the set's order (by memory address) did.
    return merge.key, merge.reason


def resolve_authors(
    articles: list[Article], authors_map: Mapping[str, str] | None = None
) -> People:
    """Set every author's ``key`` (its node id); report the name merges made."""
    mapping = authors_map or {}

    def renamed(author: Author) -> Author:
        family, given = _parts(author)
        forms = (author.name, f"{family} {given or ''}", f"{given or ''} {family}")
        canonical = next((mapping[k] for k in map(name_key, forms) if k in mapping), None)
        if canonical is None:
            return author
        fresh = author_from_parts(*split_initials_name(canonical))
        return author.model_copy(
            update={"name": fresh.name, "family": fresh.family, "given": fresh.given}
        )

    articles = [a.model_copy(update={"authors": [renamed(x) for x in a.authors]}) for a in articles]
    named = [x for a in articles for x in a.authors if _source_key(x) is None]
    people = _name_people(named)
    keyed: list[Article] = []
    variants: dict[str, Counter[str]] = {}
    for article in articles:
        authors = []
        for author in article.authors:
            key = _source_key(author) or people[author].key
            variants.setdefault(key, Counter())[author.name] += 1
            for alias in author.aliases:
                variants[key].setdefault(alias, 0)
            authors.append(author.model_copy(update={"key": key}))
        keyed.append(article.model_copy(update={"authors": authors}))
    merges = [
        AuthorMerge(key=key, variants=sorted(names), reason=f"same {_ID_NAMES[key.split(':')[1]]}")
        for key, names in sorted(variants.items())
        if len(names) > 1 and key.split(":")[1] in _ID_NAMES
    ]
    joined: list[AuthorMerge] = []
    persons = set(people.values())
    for find, reason in ((_initials_joins, INITIALS_JOIN), (_id_joins, ID_JOIN)):
        joins = find(keyed, persons)
        if joins:
            keyed = _rekeyed(keyed, joins)
            joined += _joined_rows(joins, variants, reason)
            for person in persons:
                person.key = joins.get(person.key, person.key)
    merges.extend(sorted([*_name_merges(set(people.values()), variants), *joined],
                         key=_by_key_reason))  # fmt: skip
    return People(keyed, merges, {k: sorted(v) for k, v in sorted(variants.items())})


ID_JOIN = "same full name as an id-keyed author, and a shared co-author"
INITIALS_JOIN = "initials fit, and two or more shared co-authors"
SHARED_FOR_INITIALS = 2
"""Shared co-authors that let initials join a name they fit among several, or a longer
set of initials ("P. Celliers" and "P. M. Celliers")."""


def _coauthor_sets(articles: list[Article]) -> dict[str, set[str]]:
    coauthors: dict[str, set[str]] = {}
    for article in articles:
        keys = {str(a.key) for a in article.authors if a.key}
        for key in keys:
            coauthors.setdefault(key, set()).update(keys - {key})
    return coauthors


def _initials_joins(articles: list[Article], persons: set[_Person]) -> dict[str, str]:
    """Initials-only key → key: each initials-only person left on its own whose initials
    fit exactly one person of the same family (a full name, or longer initials) with whom
    it shares :data:`SHARED_FOR_INITIALS` co-authors and no article."""
    coauthors = _coauthor_sets(articles)
    by_family: dict[str, dict[str, _Person]] = {}
    # Two people can share a key ("marin castrillon|d", "marin-castrillon|d"): sorted by
    # their names too, so the one kept does not depend on the set's (memory) order.
    for person in sorted(persons, key=lambda p: (p.key, p.family, p.first, p.initials)):
        by_family.setdefault(fold(person.family), {}).setdefault(person.key, person)
    joins = {}
    for family in sorted(by_family):
        people = by_family[family]
        for key, person in people.items():
            if person.first:
                continue
            theirs = coauthors.get(key, set())
            fits = [k for k, q in people.items() if k != key and k not in theirs
                    and (q.first or len(q.initials) > len(person.initials))
                    and _fits(person.initials, q.initials)
                    and len(theirs & coauthors.get(k, set())) >= SHARED_FOR_INITIALS]  # fmt: skip
            if len(fits) == 1:
                joins[key] = fits[0]
    return {k: _final(joins, k) for k in joins}


def _final(joins: Mapping[str, str], key: str) -> str:
    seen = {key}
    while key in joins and joins[key] not in seen:
        key = joins[key]
        seen.add(key)
    return key


def _full_name(author: Author) -> tuple[str, str] | None:
    """(folded family, folded first given name) of an author whose given name is a name."""
    family, given = _parts(author)
    if not given or is_initials(given):
        return None
    return fold(family), fold(given.split()[0].rstrip("."))


def _id_joins(articles: list[Article], _: set[_Person] | None = None) -> dict[str, str]:
    """Name key → id key: each full-name person without an id whose family and first
    given name belong to exactly one id-keyed person, who shares a co-author with it."""
    coauthors = _coauthor_sets(articles)
    names: dict[str, set[tuple[str, str]]] = {}
    for article in articles:
        for author in article.authors:
            if (full := _full_name(author)) is not None:
                names.setdefault(str(author.key), set()).add(full)
    owners: dict[tuple[str, str], set[str]] = {}
    for key, fulls in names.items():
        if not key.startswith("author:name:"):
            for full in fulls:
                owners.setdefault(full, set()).add(key)
    joins = {}
    for key, fulls in sorted(names.items()):
        found = {o for f in fulls for o in owners.get(f, ())}
        if key.startswith("author:name:") and len(found) == 1:
            owner, theirs = found.pop(), coauthors.get(key, set())
            # Two of one name on one article are two people.
            if owner not in theirs and theirs & coauthors.get(owner, set()):
                joins[key] = owner
    return joins


def _rekeyed(articles: list[Article], joins: Mapping[str, str]) -> list[Article]:
    out = []
    for article in articles:
        if any(a.key in joins for a in article.authors):
            authors = [a.model_copy(update={"key": joins.get(str(a.key), a.key)})
                       for a in article.authors]  # fmt: skip
            article = article.model_copy(update={"authors": authors})
        out.append(article)
    return out


def _joined_rows(
    joins: Mapping[str, str], variants: dict[str, Counter[str]], reason: str
) -> list[AuthorMerge]:
    """Fold each joined key's variants into its target's, and a row for each join."""
    rows = []
    for key, target in sorted(joins.items()):
        names = variants.pop(key, Counter())
        into = variants.setdefault(target, Counter())
        rows.append(AuthorMerge(key=target, variants=sorted({*names, *into}), reason=reason))
        into.update(names)
    return rows
