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
>>> country("Baylor Coll Med, Houston, TX"), country("UCL Cancer Institute, London")
('United States', None)
"""

from __future__ import annotations

import re
import unicodedata
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
    "trinidad tobago": "Trinidad and Tobago",
    "papua n guinea": "Papua New Guinea", "byelarus": "Belarus", "dem rep congo": _CD,
    "cote ivoire": "Côte d'Ivoire", "ivory coast": "Côte d'Ivoire", "syria": "Syria",
    "venezuela": "Venezuela", "bolivia": "Bolivia", "tanzania": "Tanzania", "laos": "Laos",
    "macedonia": "North Macedonia", "hong kong": "Hong Kong", "macau": "Macao",
    "palestine": "Palestine, State of",
}  # fmt: skip
# Older WoS and MEDLINE records end a US address with its state: "CHICAGO,IL 60611."
_STATES = frozenset({
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA",
    "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ",
    "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT",
    "VA", "WA", "WV", "WI", "WY", "DC",
})  # fmt: skip
_STATE_NAMES = (
    "alabama", "alaska", "arizona", "arkansas", "california", "colorado", "connecticut",
    "delaware", "florida", "hawaii", "idaho", "illinois", "indiana", "iowa", "kansas",
    "kentucky", "louisiana", "maine", "maryland", "massachusetts", "michigan", "minnesota",
    "mississippi", "missouri", "montana", "nebraska", "nevada", "ohio", "oklahoma", "oregon",
    "pennsylvania", "tennessee", "texas", "utah", "vermont", "virginia", "washington",
    "wisconsin", "wyoming",
)  # fmt: skip  # not Georgia, which is a country too
_US_STATE = re.compile(r"^([A-Z]{2})(?:\s+\d{5}(?:-\d{4})?)?$")
_POSTCODE = re.compile(r"\b[\w-]*\d[\w-]*\b")
# "… Australia. Electronic address: x@y.org." or "… Australia. Email." ends many MEDLINE ADs.
_TRAILER = re.compile(
    r"\S+@\S+|\b(?:electronic address|e-?mail)\b\s*[:.]?\s*(?:\S+@\S+)?[\s.]*$", re.IGNORECASE
)
_PART = re.compile(r"[,;]")


def _key(text: str) -> str:
    """Lower-cased, accents stripped: "México" and "Mexico" are one key."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).rstrip(".")


@cache
def _names() -> dict[str, str]:
    """Every ISO 3166 country name, official and common, folded → its common name."""
    names: dict[str, str] = {}
    for c in pycountry.countries:
        common = getattr(c, "common_name", None) or c.name
        for n in (c.name, getattr(c, "official_name", None), common):
            if n:
                names[_key(n)] = common
    return names | {state: _US for state in _STATE_NAMES} | _ALIASES


@lru_cache(maxsize=65536)
def country(address: str) -> str | None:
    """The country an address ends with, by its common English name, or None.

    Names count, and a US state code at the very end; never other two-letter codes.

    >>> country("Ruhr-Universität Bochum, Bochum, Germany. jane@rub.de")
    'Germany'
    >>> country("Univ Auckland, Auckland 1, New Zealand")
    'New Zealand'
    >>> country("NORTHWESTERN UNIV,SCH MED,CHICAGO,IL 60611."), country("Cuernavaca, México")
    ('United States', 'Mexico')
    """
    text = _TRAILER.sub(" ", address).strip().rstrip(".").strip()
    parts = [p.strip() for p in _PART.split(text) if p.strip()]
    if parts and (state := _US_STATE.match(parts[-1])) and state.group(1) in _STATES:
        return _US
    names = _names()
    for part in reversed(parts[-2:]):
        words = _POSTCODE.sub(" ", part).split()
        for size in range(min(8, len(words)), 0, -1):
            found = names.get(_key(" ".join(words[-size:])))
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


def with_affiliations(
    authors: Sequence[Author], addresses: Sequence[str]
) -> tuple[list[Author], list[str]]:
    """The authors, record-level ``addresses`` given to the author when there is only one,
    and the addresses that stay on the record: with several authors (or none) nobody can
    say whose each is.

    >>> authors, kept = with_affiliations([Author(name="A")], ["Univ X, Spain"])
    >>> [a.affiliations for a in authors], kept
    ([('Univ X, Spain',)], [])
    >>> authors, kept = with_affiliations([Author(name="A"), Author(name="B")], ["X"])
    >>> [a.affiliations for a in authors], kept
    ([(), ()], ['X'])
    """
    if len(authors) != 1 or not addresses:
        return list(authors), list(addresses)
    places = tuple(dict.fromkeys([*authors[0].affiliations, *addresses]))
    return [authors[0].model_copy(update={"affiliations": places})], []


def countries(affiliations: Sequence[str]) -> list[str]:
    """The distinct countries of ``affiliations``, in the order they first appear; one
    string may hold several affiliations joined by ``;``.

    >>> countries(["MIT, Cambridge, MA 02139 USA", "Harvard, Boston, USA", "ETH, Zurich"])
    ['United States']
    >>> countries(["Univ Coll Cork, Cork, Ireland; Univ Caxias do Sul, Brazil."])
    ['Ireland', 'Brazil']
    """
    found = (country(piece) for a in affiliations for piece in a.split(";"))
    return list(dict.fromkeys(c for c in found if c))
