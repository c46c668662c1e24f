"""Author identity: which name variants are one person.

1. An id from the source decides: ORCID first, then an OpenAlex or Scopus author id.
2. Without one, a person is a folded family name and a first given name: ``Watson, Emma``
   and ``Emma J. Watson`` are one person; ``Li, Xiaoming`` and ``Li, Xiaohong`` never are.
   A name with initials only (``Watson, E.``, ``WATSON E``) is a person of its own.
3. Initials join a name they fit (a full name, or longer initials: "P. Celliers" and
   "P. M. Celliers") only on evidence, and never one they share an article with. The
   kinds of evidence: a shared co-author; the same institution; the same journal within
   :data:`VENUE_YEARS` years; a close topic profile (TF-IDF of titles and keywords, cosine
   at least :data:`TOPIC_SIMILARITY`). Strong evidence (:data:`SHARED_FOR_INITIALS` shared
   co-authors, or two kinds) picks one name among several; where only one name fits, any
   evidence does, unless the family name is crowded (:data:`CROWDED_FAMILY` full first
   names in the corpus: Chen, Kim, Nguyen), where it must be strong. A fit alone is not
   evidence: "Z Chen" of radiotherapy never becomes Zhongfang Chen of graphene chemistry.
   Every join is reported with its evidence, and every refused fit with the reason.
4. Two full names of one family whose first names are one name, a nickname from the
   ``nicknames`` table or a spelling (rapidfuzz: "Mathew", "Matthew"), with middle
   initials that agree, join on the same evidence ("Larry B. Levy", "Lawrence B. Levy").
   This runs before the initials join, so "LB Levy" then fits one name, not two.
5. A full-name person without an id joins the one id-keyed person (ORCID, OpenAlex or
   Scopus id) of the same family and first given name, on the same evidence: an ORCID on
   some records and not on others no longer splits one author in two.
6. ``--authors-map`` (a CSV of ``name,canonical``, like VOSviewer's thesaurus) renames
   variants first, to force a merge, or to keep two people apart.

Node ids stay short where they can: ``author:name:watson|e`` (family and initials); when
two people share a family name and first initial (initials left on their own count as
one), their ids spell the first given name.

>>> from graph.models import Article
>>> from graph.normalize import make_author
>>> records = [Article(authors=[make_author("Emma Watson")], journal="Nature", year=2019),
...            Article(authors=[make_author("Watson, E.")], journal="Nature", year=2020)]
>>> people = resolve_authors(records)
>>> [a.authors[0].key for a in people.articles]
['author:name:watson|emma', 'author:name:watson|emma']
>>> people.merges[0].reason
'initials fit, and the same journal within 3 years'
>>> far = records[:1] + [Article(authors=[make_author("Watson, E.")], journal="Cell")]
>>> resolve_authors(far).merges[0].reason.split(", and ")  # doctest: +NORMALIZE_WHITESPACE
['not merged: initials fit one name (author:name:watson|emma)',
 'no co-author, institution, journal or topic agrees']
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import Any

import numpy as np

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
    refused: dict[str, list[str]] = field(default_factory=dict)  # fits refused: evidence
    key: str = ""
    chosen_by: str = ""  # the evidence an initials join rests on, for its merge row
    shown: list[str] = field(default_factory=list)  # that evidence, item by item


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
    # Initials on their own are a person of their own until evidence joins them (their
    # key is family and initials), so a full name they share a first initial with spells
    # its first name: the two ids must not fall together.
    crowds.update({(fold(p.family), p.initials[:1]) for p in people if not p.first})
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
        # Initials join a name they fit only on evidence (_initials_joins), never on fit alone.
        chosen[author] = short.setdefault((fam, inits), _Person(family, "", inits))
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
    """A merge row for each person written in several ways, before any join."""
    merges: list[AuthorMerge] = []
    for person in people:
        if len(names := sorted(variants.get(person.key, {}))) > 1:
            reason = "same family and first name" if person.first else "same family and initials"
            merges.append(AuthorMerge(key=person.key, variants=names, reason=reason))
    return merges


def _refusals(
    people: Iterable[_Person], variants: Mapping[str, Counter[str]], moved: Mapping[str, str]
) -> list[AuthorMerge]:
    """A row for each person whose fits the evidence refused, naming them (by their final
    ids) and saying why."""
    return [AuthorMerge(key=p.key, variants=sorted(variants.get(p.key, {})),
                        reason=_refusal({moved.get(k, k): kinds for k, kinds in p.refused.items()}),
                        candidates=sorted({moved.get(k, k) for k in p.refused}))
            for p in people if p.refused]  # fmt: skip


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
    persons = set(people.values())
    keyed, rows = _joined(keyed, persons, variants)
    merges.extend(sorted(rows, key=_by_key_reason))
    return People(keyed, merges, {k: sorted(v) for k, v in sorted(variants.items())})


def _joined(
    articles: list[Article], persons: set[_Person], variants: dict[str, Counter[str]]
) -> tuple[list[Article], list[AuthorMerge]]:
    """The articles after the evidence joins, and every name merge row, each under its
    person's final key: how each person is written, each join, and each join refused."""
    written, joined = _name_merges(persons, variants), list[AuthorMerge]()
    moved: dict[str, str] = {}
    words = _Words(articles)
    for find in (_given_name_joins, _initials_joins, _id_joins):
        for person in persons:
            person.chosen_by = ""  # each pass says why it joined; an earlier pass's reason goes
            person.shown = []
        joins = find(articles, persons, words)
        if joins:
            why = {p.key: p.chosen_by for p in persons if p.chosen_by and p.key in joins}
            shown = {p.key: p.shown for p in persons if p.chosen_by and p.key in joins}
            articles = _rekeyed(articles, joins)
            joined += _joined_rows(joins, variants, {k: why.get(k, ID_JOIN) for k in joins}, shown)
            moved = {k: joins.get(v, v) for k, v in moved.items()} | joins
            for person in persons:
                person.key = joins.get(person.key, person.key)
    rows = [m.model_copy(update={"key": moved.get(m.key, m.key)}) for m in [*written, *joined]]
    return articles, [*rows, *_refusals(persons, variants, moved)]


ID_JOIN = "same full name as an id-keyed author"
INITIALS_JOIN = "initials fit"
GIVEN_JOIN = "one given name (a nickname or a spelling)"
SHARED_FOR_INITIALS = 2
"""Shared co-authors that alone are strong evidence for initials joining a name."""
STRONG_COAUTHORS = "two or more shared co-authors"
VENUE_YEARS = 3
"""Two articles in one journal at most this many years apart are evidence of one author."""
TOPIC_SIMILARITY = 0.2
"""Cosine of two people's TF-IDF profiles (titles and keywords of their articles) at or
above which their topics are close: on the 500-record WoS file, initials and full names
of one surgeon score 0.22-0.61; "Z Chen" of radiotherapy and Zhongfang Chen of graphene
chemistry score 0."""
CROWDED_FAMILY = 3
"""A family name carried by this many different full first names in the corpus (Chen,
Kim, Nguyen) is crowded: its initials carry little, so they need strong evidence."""
_INSTITUTION = re.compile(
    r"\b(univ|inst|hosp|coll|acad|lab|clin|ctr|cent(er|re)|corp|inc|ltd|gmbh|fdn|found)"
)
_SUFFIX = re.compile(r"(\s+(inc|ltd|llc|corp|co|gmbh|ag|sa|plc|bv))+\.?$")
_UNIT = re.compile(r"^(dept|department|div|division|sch|school|fac|faculty|sect|unit)\b")


def institutions(affiliations: Iterable[str]) -> set[str]:
    """The folded institution parts of affiliations: the first comma-separated piece (WoS
    writes the organisation first), and any piece that names a university, institute,
    hospital, centre, laboratory or company; never a department. Company suffixes go.

    >>> sorted(institutions(["Dept Urol, Univ Calif Los Angeles, Los Angeles, CA USA",
    ...                      "Infinera Canada Inc, Ottawa", "Infinera Canada, Kanata"]))
    ['infinera canada', 'univ calif los angeles']
    """
    return set().union(*map(_institutions_of, affiliations))


@cache
def _institutions_of(affiliation: str) -> frozenset[str]:
    found = set()
    for i, piece in enumerate(affiliation.split(",")):
        piece = _SUFFIX.sub("", fold(piece.strip(" .")))
        if piece and (i == 0 or _INSTITUTION.search(piece)) and not _UNIT.match(piece):
            found.add(piece)
    return frozenset(found)


def _coauthor_sets(articles: list[Article]) -> dict[str, set[str]]:
    coauthors: dict[str, set[str]] = {}
    for article in articles:
        keys = {str(a.key) for a in article.authors if a.key}
        for key in keys:
            coauthors.setdefault(key, set()).update(keys - {key})
    return coauthors


def _row(matrix: Any, i: int) -> tuple[Any, Any]:
    """The column indices and values of row ``i`` of a CSR matrix."""
    cells = slice(matrix.indptr[i], matrix.indptr[i + 1])
    return matrix.indices[cells], matrix.data[cells]


class _Words:
    """TF-IDF rows of the articles' titles and keywords, made once for every join pass
    (the passes change authors' keys, never the articles' words)."""

    def __init__(self, articles: list[Article]) -> None:
        self.texts = [" ".join([a.title or "", *a.keywords]) for a in articles]

    @cached_property
    def tfidf(self) -> Any:
        from sklearn.feature_extraction.text import TfidfVectorizer  # only when asked

        vectorizer = TfidfVectorizer(stop_words="english", sublinear_tf=True, norm=None)
        try:
            return vectorizer.fit_transform(self.texts).tocsr()
        except ValueError:  # no word in any title or keyword: no profile says anything
            return None


@dataclass
class _Evidence:
    """What each author key's articles say of it, for the joins."""

    coauthors: dict[str, set[str]]
    institutions: dict[str, set[str]]
    venues: dict[str, set[tuple[str, int]]]
    rows: dict[str, list[int]]
    words: _Words

    @classmethod
    def of(cls, articles: list[Article], words: _Words) -> _Evidence:
        places: dict[str, set[str]] = {}
        venues: dict[str, set[tuple[str, int]]] = {}
        rows: dict[str, list[int]] = {}
        for row, article in enumerate(articles):
            journal = fold(article.journal) if article.journal and article.year else None
            for author in article.authors:
                key = str(author.key)
                rows.setdefault(key, []).append(row)
                places.setdefault(key, set()).update(*map(_institutions_of, author.affiliations))
                if journal:
                    venues.setdefault(key, set()).add((journal, int(article.year or 0)))
        return cls(_coauthor_sets(articles), places, venues, rows, words)

    @cached_property
    def _profiles(self) -> tuple[dict[str, int], Any]:
        """Each key's row, and the L2-normalised sums of its articles' TF-IDF rows."""
        from scipy import sparse
        from sklearn.preprocessing import normalize

        index = {key: i for i, key in enumerate(self.rows)}
        tfidf = self.words.tfidf
        if tfidf is None:
            return index, None
        cells = [(i, row) for key, i in index.items() for row in self.rows[key]]
        who, which = zip(*cells, strict=True) if cells else ((), ())
        incidence = sparse.csr_matrix(
            (np.ones(len(who)), (who, which)), shape=(len(index), tfidf.shape[0])
        )
        return index, normalize(incidence @ tfidf).tocsr()

    def topic(self, one: str, other: str) -> float:
        """Cosine of the two people's TF-IDF profiles: the sums of their articles' rows."""
        index, profiles = self._profiles
        if profiles is None or one not in index or other not in index:
            return 0.0
        (a, x), (b, y) = (_row(profiles, index[key]) for key in (one, other))
        _, i, j = np.intersect1d(a, b, assume_unique=True, return_indices=True)
        return float(x[i] @ y[j])  # CSR slicing per pair cost 20 times as much

    def details(self, one: str, other: str) -> list[str]:
        """The evidence that ``one`` and ``other`` are one person, item by item: each
        shared co-author (by id), institution and journal (with both years), and the
        topic profiles' cosine where it counts, for the merges report."""

        def both(of: dict[str, set[str]]) -> list[str]:
            return sorted(of.get(one, set()) & of.get(other, set()))

        items = [f"co-author {c}" for c in both(self.coauthors)]
        items += [f"institution {i}" for i in both(self.institutions)]
        theirs = self.venues.get(other, set())
        items += sorted({f"journal {j} ({y}, {z})" for j, y in self.venues.get(one, ())
                         for k, z in theirs if j == k and abs(y - z) <= VENUE_YEARS})  # fmt: skip
        if (cosine := self.topic(one, other)) >= TOPIC_SIMILARITY:
            items.append(f"topic profile cosine {cosine:.2f}")
        return items

    def between(self, one: str, other: str) -> list[str]:
        """The kinds of evidence that agree that ``one`` and ``other`` are one person."""
        shared = len(self.coauthors.get(one, set()) & self.coauthors.get(other, set()))
        theirs = self.venues.get(other, set())
        kinds = []
        if shared:
            kinds.append(
                STRONG_COAUTHORS if shared >= SHARED_FOR_INITIALS else "a shared co-author"
            )
        if self.institutions.get(one, set()) & self.institutions.get(other, set()):
            kinds.append("the same institution")
        if any(
            j == k and abs(y - z) <= VENUE_YEARS
            for j, y in self.venues.get(one, ())
            for k, z in theirs
        ):
            kinds.append(f"the same journal within {VENUE_YEARS} years")
        if self.topic(one, other) >= TOPIC_SIMILARITY:
            kinds.append("a close topic profile")
        return kinds


def _strong(kinds: list[str]) -> bool:
    return len(kinds) > 1 or STRONG_COAUTHORS in kinds


def _initials_joins(
    articles: list[Article], persons: set[_Person], words: _Words
) -> dict[str, str]:
    """Initials-only key → key: each initials-only person whose initials fit a person of
    the same family (a full name, or longer initials) it shares no article with, where
    evidence agrees. Strong evidence (two shared co-authors, or two kinds) picks one among
    several fits; one fit takes any evidence unless the family name is crowded. What is
    refused, and why, is kept on the person for the merges report."""
    evidence = _Evidence.of(articles, words)
    by_family: dict[str, dict[str, _Person]] = {}
    # Two people can share a key ("marin castrillon|d", "marin-castrillon|d"): sorted by
    # their names too, so the one kept does not depend on the set's (memory) order.
    for person in sorted(persons, key=lambda p: (p.key, p.family, p.first, p.initials)):
        by_family.setdefault(fold(person.family), {}).setdefault(person.key, person)
    joins = {}
    for family in sorted(by_family):
        people = by_family[family]
        crowded = len({p.first for p in people.values() if p.first}) >= CROWDED_FAMILY
        for key, person in people.items():
            if not person.first and (
                found := _initials_target(key, person, people, evidence, crowded)
            ):
                joins[key] = found
    return {k: _final(joins, k) for k in joins}


def _initials_target(
    key: str, person: _Person, people: Mapping[str, _Person], evidence: _Evidence, crowded: bool
) -> str | None:
    theirs = evidence.coauthors.get(key, set())
    fits = {k: evidence.between(key, k) for k, q in people.items()
            if k != key and k not in theirs  # two of one name on one article are two people
            and (q.first or len(q.initials) > len(person.initials))
            and _fits(person.initials, q.initials)}  # fmt: skip
    if (chosen := _pick(fits, crowded)) is None:
        person.refused = fits
        return None
    person.chosen_by = f"{INITIALS_JOIN}, and " + " and ".join(fits[chosen])
    person.shown = evidence.details(key, chosen)
    return chosen


NO_EVIDENCE = "no co-author, institution, journal or topic agrees"


def _refusal(fits: Mapping[str, list[str]]) -> str:
    """Why initials were not joined to the ids they fit, which it names (five at most).

    >>> _refusal({"author:name:vaughan|de": []}).split(", and ")  # doctest: +NORMALIZE_WHITESPACE
    ['not merged: initials fit one name (author:name:vaughan|de)',
     'no co-author, institution, journal or topic agrees']
    """
    shown = sorted(fits)[:5]
    more = f" and {len(fits) - len(shown)} more" if len(fits) > 5 else ""
    names = f"{len(fits)} names" if len(fits) > 1 else "one name"
    names += f" ({', '.join(shown)}{more})"
    if not any(fits.values()):
        return f"not merged: initials fit {names}, and {NO_EVIDENCE}"
    if len(fits) > 1:
        return f"not merged: initials fit {names}, and the evidence does not pick one"
    return f"not merged: initials fit {names}, but the family name is crowded and the evidence weak"


GIVEN_SIMILARITY = 90
"""rapidfuzz ratio (0-100) at or above which two first names of the same first and last
letter are one name spelt two ways ("Mathew"/"Matthew" 92; "Michael"/"Michaela" differ
in their last letter; "Xiaohong"/"Xiaoming" 75)."""


@cache
def _nicknamer() -> Any:
    from nicknames import NickNamer  # a hand-curated table of English nicknames

    return NickNamer()


def same_given_name(one: str, other: str) -> bool:
    """Whether two folded first names are one: a nickname of the other, or one spelling
    of it. Two nicknames of one name are not ("Chris": Christopher or Christina).

    >>> [same_given_name(a, b) for a, b in [("larry", "lawrence"), ("mathew", "matthew"),
    ...     ("chris", "christina"), ("christopher", "christina"), ("michael", "michaela")]]
    [True, True, True, False, False]
    """
    if one == other or other in _nicknames_of(one) or one in _nicknames_of(other):
        return True
    from rapidfuzz import fuzz

    return (one[0], one[-1]) == (other[0], other[-1]) and fuzz.ratio(one, other) >= GIVEN_SIMILARITY


def _related_firsts(firsts: set[str]) -> dict[str, set[str]]:
    """Each first name → the other names among ``firsts`` that are one name with it, as
    :func:`same_given_name` says, without comparing every pair: nicknames are looked up,
    and spellings compared only within one first and last letter."""
    from rapidfuzz import fuzz

    related: dict[str, set[str]] = {first: set() for first in firsts}
    spelt: dict[tuple[str, str], list[str]] = {}
    for first in sorted(firsts):
        for other in _nicknames_of(first) & firsts:
            related[first].add(other)
            related[other].add(first)
        spelt.setdefault((first[0], first[-1]), []).append(first)
    for group in spelt.values():
        for i, one in enumerate(group):
            for other in group[i + 1 :]:
                if fuzz.ratio(one, other) >= GIVEN_SIMILARITY:
                    related[one].add(other)
                    related[other].add(one)
    return {first: others - {first} for first, others in related.items()}


@cache
def _nicknames_of(name: str) -> frozenset[str]:
    return frozenset(_nicknamer().nicknames_of(name))


def _given_name_joins(
    articles: list[Article], persons: set[_Person], words: _Words
) -> dict[str, str]:
    """Full-name key → key: two people of one family whose first names are one name
    (:func:`same_given_name`) and whose middle initials agree join on evidence, as
    initials do; the one with fewer articles joins the other ("Larry B. Levy", "Lawrence
    B. Levy")."""
    evidence = _Evidence.of(articles, words)
    by_family: dict[str, dict[str, _Person]] = {}
    for person in sorted(persons, key=lambda p: (p.key, p.family, p.first, p.initials)):
        if person.first and person.key.startswith("author:name:"):
            by_family.setdefault(fold(person.family), {}).setdefault(person.key, person)
    joins: dict[str, str] = {}
    for family in sorted(by_family):
        people = by_family[family]
        crowded = len({p.first for p in people.values()}) >= CROWDED_FAMILY
        size = {k: len(evidence.rows.get(k, ())) for k in people}
        named: dict[str, list[str]] = {}
        for k, q in people.items():
            named.setdefault(q.first, []).append(k)
        related = _related_firsts(set(named))
        for key, person in people.items():
            theirs = evidence.coauthors.get(key, set())
            others = (k for first in related[person.first] for k in named[first])
            fits = {k: evidence.between(key, k) for k in others
                    if (size[k], k) > (size[key], key) and k not in theirs
                    and _middles_agree(person.initials[1:], people[k].initials[1:])}  # fmt: skip
            if chosen := _pick(fits, crowded):
                joins[key] = chosen
                person.chosen_by = f"{GIVEN_JOIN}, and " + " and ".join(fits[chosen])
                person.shown = evidence.details(key, chosen)
    return {k: _final(joins, k) for k in joins}


def _middles_agree(one: str, other: str) -> bool:
    """Middle initials agree when either has none, or one starts the other."""
    return not one or not other or _fits(one, other)


def _pick(fits: Mapping[str, list[str]], crowded: bool) -> str | None:
    """The one fit the evidence picks: the only one with strong evidence, or the only fit
    at all with some evidence where the family name is not crowded."""
    strong = [k for k, kinds in fits.items() if _strong(kinds)]
    if len(strong) == 1:
        return strong[0]
    if len(fits) == 1 and not crowded and next(iter(fits.values())):
        return next(iter(fits))
    return None


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


def _id_joins(articles: list[Article], persons: set[_Person], words: _Words) -> dict[str, str]:
    """Name key → id key: each full-name person without an id whose family and first
    given name belong to exactly one id-keyed person, when evidence agrees as for the
    initials join (any kind; strong where the family name is crowded)."""
    evidence = _Evidence.of(articles, words)
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
    firsts: dict[str, set[str]] = {}
    named: dict[str, list[_Person]] = {}
    for person in persons:
        named.setdefault(person.key, []).append(person)
        if person.first:
            firsts.setdefault(fold(person.family), set()).add(person.first)
    joins = {}
    for key, fulls in sorted(names.items()):
        found = {o for f in fulls for o in owners.get(f, ())}
        if key.startswith("author:name:") and len(found) == 1:
            owner = found.pop()
            if owner in evidence.coauthors.get(key, set()):
                continue  # two of one name on one article are two people
            crowded = len(firsts.get(next(iter(fulls))[0], ())) >= CROWDED_FAMILY
            kinds = evidence.between(key, owner)
            if _pick({owner: kinds}, crowded):
                joins[key] = owner
                for person in named.get(key, ()):
                    person.chosen_by = f"{ID_JOIN}, and " + " and ".join(kinds)
                    person.shown = evidence.details(key, owner)
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
    joins: Mapping[str, str],
    variants: dict[str, Counter[str]],
    reasons: Mapping[str, str],
    shown: Mapping[str, list[str]],
) -> list[AuthorMerge]:
    """Fold each joined key's variants into its target's, and a row for each join, with
    the key joined, the reason ``reasons`` gives it and the evidence ``shown`` for it."""
    rows = []
    for key, target in sorted(joins.items()):
        names = variants.pop(key, Counter())
        into = variants.setdefault(target, Counter())
        rows.append(AuthorMerge(key=target, variants=sorted({*names, *into}), reason=reasons[key],
                                joined=key, evidence=shown.get(key, [])))  # fmt: skip
        into.update(names)
    return rows
