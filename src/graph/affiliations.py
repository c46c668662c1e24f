"""Affiliations as records give them, and the country each one names.

Readers keep an affiliation as the string the record gives; the country is read from it
here, against ISO 3166 (pycountry) and the short forms bibliographic databases write
("USA", "Peoples R China", "England").

>>> country("Univ Georgia, Ctr Computat Quantum Chem, Athens, GA 30602 USA.")
'United States'
>>> country("Dept Chem, Peking Univ, Beijing 100871, Peoples R China")
'China'
>>> country("Cancer Research UK, 407 St John Street, London EC1V 4AD, UK.")
'United Kingdom'
>>> country("Baylor Coll Med, Houston, TX") is None
True
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache, lru_cache

import pycountry

from graph.models import Author

_UK, _US, _CN, _KR = "United Kingdom", "United States", "China", "South Korea"
_AE, _CD = "United Arab Emirates", "Congo, The Democratic Republic of the"
_ALIASES = {
    "usa": _US, "u.s.a": _US, "us": _US, "u.s": _US, "united states of america": _US,
    "new jersey": _US, "new mexico": _US, "new york": _US,
    "uk": _UK, "u.k": _UK, "england": _UK, "scotland": _UK, "wales": _UK,
    "north ireland": _UK, "northern ireland": _UK, "great britain": _UK,
    "peoples r china": _CN, "people's republic of china": _CN, "pr china": _CN,
    "p.r. china": _CN, "p. r. china": _CN, "prc": _CN,
    "korea": _KR, "republic of korea": _KR, "rep korea": _KR, "south korea": _KR,
    "russia": "Russia", "russian federation": "Russia", "iran": "Iran", "taiwan": "Taiwan",
    "vietnam": "Vietnam", "viet nam": "Vietnam", "turkey": "Türkiye", "turkiye": "Türkiye",
    "czech republic": "Czechia", "u arab emirates": _AE, "uae": _AE,
    "brasil": "Brazil", "the netherlands": "Netherlands", "holland": "Netherlands",
    "bosnia & herceg": "Bosnia and Herzegovina", "trinid & tobago": "Trinidad and Tobago",
    "papua n guinea": "Papua New Guinea", "byelarus": "Belarus", "dem rep congo": _CD,
    "cote ivoire": "Côte d'Ivoire", "ivory coast": "Côte d'Ivoire", "syria": "Syria",
    "venezuela": "Venezuela", "bolivia": "Bolivia", "tanzania": "Tanzania", "laos": "Laos",
    "macedonia": "North Macedonia", "hong kong": "Hong Kong", "macau": "Macao",
    "palestine": "Palestine, State of",
}  # fmt: skip
_POSTCODE = re.compile(r"\b[\w-]*\d[\w-]*\b")
_EMAIL = re.compile(r"(?:electronic address:\s*)?\S+@\S+", re.IGNORECASE)
_PART = re.compile(r"[,;]")


@cache
def _names() -> dict[str, str]:
    """Every ISO 3166 country name, official and common, folded → its common name."""
    names: dict[str, str] = {}
    for c in pycountry.countries:
        common = getattr(c, "common_name", None) or c.name
        for n in (c.name, getattr(c, "official_name", None), common):
            if n:
                names[n.lower()] = common
    return names | _ALIASES


@lru_cache(maxsize=65536)
def country(address: str) -> str | None:
    """The country an address ends with, by its common English name, or None.

    Only names count, never two-letter codes: "CA" in "San Francisco, CA" is a state.

    >>> country("Ruhr-Universität Bochum, Bochum, Germany. jane@rub.de")
    'Germany'
    >>> country("Univ Auckland, Auckland 1, New Zealand")
    'New Zealand'
    """
    text = _EMAIL.sub(" ", address).strip().rstrip(".").strip()
    parts = [p.strip() for p in _PART.split(text) if p.strip()]
    names = _names()
    for part in reversed(parts[-2:]):
        words = _POSTCODE.sub(" ", part).split()
        for size in range(min(6, len(words)), 0, -1):
            found = names.get(" ".join(words[-size:]).lower().rstrip("."))
            if found and (size > 1 or len(words[-1]) > 2 or words[-1].upper() in ("UK", "US")):
                return found
    return None


def country_name(code: object) -> str | None:
    """The common name of an ISO 3166 alpha-2 code, as OpenAlex gives institutions.

    >>> country_name("GB"), country_name("KR"), country_name("XX")
    ('United Kingdom', 'South Korea', None)
    """
    found = pycountry.countries.get(alpha_2=str(code).upper()) if code else None
    if found is None:
        return None
    return _names().get(found.name.lower(), found.name)


def with_affiliations(authors: Sequence[Author], addresses: Sequence[str]) -> list[Author]:
    """Give record-level ``addresses`` to the author when the record has only one;
    with several authors nobody can say whose each is, so they stay on the record.

    >>> [a.affiliations for a in with_affiliations([Author(name="A")], ["Univ X, Spain"])]
    [('Univ X, Spain',)]
    >>> [a.affiliations for a in with_affiliations([Author(name="A"), Author(name="B")], ["X"])]
    [(), ()]
    """
    if len(authors) != 1 or not addresses or authors[0].affiliations:
        return list(authors)
    return [authors[0].model_copy(update={"affiliations": tuple(addresses)})]


def countries(affiliations: Sequence[str]) -> list[str]:
    """The distinct countries of ``affiliations``, in the order they first appear.

    >>> countries(["MIT, Cambridge, MA 02139 USA", "Harvard, Boston, USA", "ETH, Zurich"])
    ['United States']
    """
    found = (country(a) for a in affiliations)
    return list(dict.fromkeys(c for c in found if c))
