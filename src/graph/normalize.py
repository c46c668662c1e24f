"""Pure functions that fold names, DOIs and text into comparable keys.

>>> split_name("Nicole S. Gevaux")
('Gevaux', 'Nicole S.')
>>> author_key("Gevaux", "Nicole S.")
'gevaux|ns'
>>> normalize_doi("https://doi.org/10.1108/MHSI-05-2015-0019")
'10.1108/mhsi-05-2015-0019'
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Sequence

from graph.models import Article, Author, Issue, Reference
from graph.names import clean_text as clean_text  # re-exported: the readers import them here
from graph.names import fold as fold
from graph.names import initials as initials
from graph.names import split_initials_name as split_initials_name
from graph.names import split_name as split_name

_NON_WORD = re.compile(r"[^0-9a-z]+")
_DOI = re.compile(r"10\.\d{4,9}/\S+", re.IGNORECASE)


def slug(text: str) -> str:
    """A lower-case, accent-free, hyphenated form for use inside node ids.

    >>> slug("Mental Health & Social Inclusion")
    'mental-health-social-inclusion'
    """
    return _NON_WORD.sub("-", fold(text)).strip("-") or "?"


def make_author(name: str) -> Author:
    """An :class:`Author` from a name as printed.

    >>> make_author("Emma\\u00a0Watson ◽").family
    'Watson'
    """
    shown = clean_text(name.replace("◽", " "))
    family, given = split_name(shown)
    return Author(name=shown, family=family, given=given)


def author_key(family: str | None, given: str | None) -> str:
    """The name key of an author without an id: folded family name and initials.

    >>> author_key("Watson", "Emma")
    'watson|e'
    """
    family_key = _NON_WORD.sub(" ", fold(family or "")).strip().replace(" ", "-")
    return f"{family_key or '?'}|{initials(given)}"


def normalize_doi(text: str | None) -> str | None:
    """A DOI lower-cased and without any resolver prefix, or None when there is none.

    >>> normalize_doi("doi:10.1000/ABC") is not None
    True
    >>> normalize_doi("not a doi") is None
    True
    """
    if not text:
        return None
    match = _DOI.search(text)
    return match.group(0).rstrip(".,;").lower() if match else None


def title_key(title: str | None) -> str:
    """A title folded for comparison: accents, case, punctuation and spacing removed.

    >>> title_key("A Day in the Life: Beginnings!") == title_key("a day in the life beginnings")
    True
    """
    return _NON_WORD.sub(" ", fold(title or "")).strip()


def author_id(author: Author) -> str:
    """The stable node id of an author: ORCID when known, else the name key.

    >>> author_id(make_author("Emma Watson"))
    'author:name:watson|e'
    """
    if author.orcid:
        return f"author:orcid:{author.orcid}"
    if author.family is None:
        return f"author:name:{author_key(*split_name(author.name))}"
    return f"author:name:{author_key(author.family, author.given)}"


def journal_id(journal: str) -> str:
    """The stable node id of a journal.

    >>> journal_id("Mental Health and Social Inclusion")
    'journal:mental-health-and-social-inclusion'
    """
    return f"journal:{slug(journal)}"


def issue_id(issue: Issue) -> str:
    """The stable node id of a journal issue; ``?`` stands for what the record does not say.

    >>> issue_id(Issue(year=2015, volume="19", issue="4"))
    'issue:?:2015:19:4'
    """
    parts = [
        slug(issue.journal) if issue.journal else "?",
        str(issue.year) if issue.year is not None else "?",
        slug(issue.volume) if issue.volume else "?",
        slug(issue.issue) if issue.issue else "?",
    ]
    return "issue:" + ":".join(parts)


_ID_PRIORITY = ("wos", "pmid", "openalex", "eid")


def article_id(article: Article) -> str:
    """The stable node id of an article: its DOI, else a source id, else a hash.

    >>> article_id(Article(doi="10.1108/MHSI-05-2015-0019"))
    'article:doi:10.1108/mhsi-05-2015-0019'
    >>> article_id(Article(year=2015, volume="19", issue="4")).startswith("article:key:")
    True
    """
    doi = normalize_doi(article.doi)
    if doi:
        return f"article:doi:{doi}"
    for scheme in (*_ID_PRIORITY, *sorted(article.ids)):
        if article.ids.get(scheme):
            return f"article:{scheme}:{article.ids[scheme].lower()}"
    first = article.authors[0] if article.authors else None
    parts = [
        title_key(article.title),
        str(article.year or ""),
        article.volume or "",
        article.issue or "",
        article.pages or "",
        author_id(first) if first else "",
        title_key(article.journal),
    ]
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]
    return f"article:key:{digest}"


_YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d|21\d\d)(?!\d)")
_ORCID = re.compile(r"(\d{4}-\d{4}-\d{4}-\d{3}[\dX])", re.IGNORECASE)
_TAG = re.compile(r"<[^<>]{0,200}>")
_BLOCK_TAG = re.compile(r"</?(?:jats:)?(?:p|sec|title|list-item|break)\b[^<>]{0,200}>", re.I)


def parse_year(text: object) -> int | None:
    """The first plausible year in ``text``, or None.

    >>> parse_year("1 Jan.-Feb. 2019"), parse_year("20x5"), parse_year(2020)
    (2019, None, 2020)
    """
    match = _YEAR.search(str(text)) if text is not None else None
    return int(match.group(1)) if match else None


def page_range(first: str | None, last: str | None) -> str | None:
    """Pages as ``first-last``, or whichever of the two is known.

    >>> page_range("42", "47"), page_range("e14276", None), page_range(None, None)
    ('42-47', 'e14276', None)
    """
    first, last = (clean_text(first or "") or None), (clean_text(last or "") or None)
    if first and last and first != last:
        return f"{first}-{last}"
    return first or last


def normalize_orcid(text: str | None) -> str | None:
    """An ORCID as ``0000-0002-1825-0097``, from a bare id or an orcid.org URL.

    >>> normalize_orcid("https://orcid.org/0000-0002-1825-009x")
    '0000-0002-1825-009X'
    """
    match = _ORCID.search(text) if text else None
    return match.group(1).upper() if match else None


def strip_markup(text: str | None) -> str | None:
    """Text without XML/HTML tags (JATS abstracts, Scopus ``<inf>``) and entities.

    Block tags become spaces, inline tags vanish; no XML parser is involved, so no
    entity can expand.

    >>> strip_markup("<jats:p>YBa<inf>2</inf>Cu &amp; O</jats:p><jats:p>Next</jats:p>")
    'YBa2Cu & O Next'
    """
    if not text:
        return None
    spaced = _BLOCK_TAG.sub(" ", text)
    return clean_text(html.unescape(_TAG.sub("", spaced))) or None


def author_from_parts(
    family: str | None,
    given: str | None,
    orcid: str | None = None,
    source_id: str | None = None,
    affiliations: Sequence[str] = (),
) -> Author:
    """An :class:`Author` from its parts, with the display name ``Given Family``.

    >>> author_from_parts("Watson", "Emma").name
    'Emma Watson'
    """
    family = clean_text(family or "") or None
    given = clean_text(given or "") or None
    name = " ".join(p for p in (given, family) if p) or "?"
    places = tuple(dict.fromkeys(p for p in map(clean_text, affiliations) if p))
    return Author(
        name=name,
        family=family,
        given=given,
        orcid=normalize_orcid(orcid),
        source_id=source_id,
        affiliations=places,
    )


_CR_YEAR = re.compile(r"^(1[5-9]\d\d|20\d\d)$")
_SCOPUS_REF = re.compile(r"\((1[5-9]\d\d|20\d\d)\)\s*[^,]*,\s*(\d+)")
_SCOPUS_PAGE = re.compile(r"\bpp?\.\s*([A-Za-z]?\d+)")


def _cr_key(surname: str, year: str, volume: str, page: str) -> str | None:
    surname = _NON_WORD.sub("", fold(surname.split(" ")[0]))
    if not (surname and year and volume and page):
        return None
    return f"cr:{surname}|{year}|{volume.lstrip('0') or '0'}|{page.lstrip('0') or '0'}".lower()


def reference_keys(ref: Reference) -> list[str]:
    """Keys that can find the cited work in the corpus: DOI, source id, then the
    (first author, year, volume, first page) of a WoS or Scopus reference string.

    >>> reference_keys(Reference(raw="ALLEN PJ, 1966, AM J PHYS, V34, P1185, DOI 10.1119/1.1972585",
    ...                          doi="10.1119/1.1972585"))
    ['doi:10.1119/1.1972585', 'cr:allen|1966|34|1185']
    >>> reference_keys(Reference(raw="Kalé, L., NAMD2 (1999) J Comput Phys, 151, pp. 283-312."))
    ['cr:kale|1999|151|283']
    """
    keys = [f"doi:{ref.doi}"] if ref.doi else []
    if ref.source_id:
        keys.append(f"id:{ref.source_id.lower()}")
    parts = [p.strip() for p in ref.raw.split(",")]
    if len(parts) >= 4 and _CR_YEAR.match(parts[1]):  # WoS: AUTHOR, YEAR, SOURCE, Vn, Pn
        volume = next((p[1:] for p in parts[3:] if p[:1] == "V"), "")
        page = next((p[1:] for p in parts[3:] if p[:1] == "P"), "")
        key = _cr_key(parts[0], parts[1], volume, page)
    elif (match := _SCOPUS_REF.search(ref.raw)) and (page_match := _SCOPUS_PAGE.search(ref.raw)):
        key = _cr_key(parts[0], match.group(1), match.group(2), page_match.group(1))
    else:
        key = None
    return [*keys, key] if key else keys


def article_keys(article: Article) -> list[str]:
    """The keys a reference may use for this article (see :func:`reference_keys`).

    >>> art = Article(doi="10.1119/1.1972585", year=1966, volume="34", pages="1185-1190",
    ...               authors=[Author(name="P. J. Allen", family="Allen", given="P. J.")])
    >>> article_keys(art)
    ['doi:10.1119/1.1972585', 'cr:allen|1966|34|1185']
    """
    keys = [f"doi:{d}"] if (d := normalize_doi(article.doi)) else []
    keys += [f"id:{scheme}:{value.lower()}" for scheme, value in sorted(article.ids.items())]
    first = article.authors[0] if article.authors else None
    page = (article.pages or "").split("-")[0]
    if first and article.year and article.volume and page:
        key = _cr_key(first.family or first.name, str(article.year), article.volume, page)
        if key:
            keys.append(key)
    return keys
