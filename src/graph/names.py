"""Personal names and text as readers write them: white space collapsed, accents
folded, a name split into family and given names, given names into initials. Pure string
functions, with no models: a stored build's lookups use them without loading pydantic.

>>> split_name("Nicole S. Gevaux"), initials("Nicole S.")
(('Gevaux', 'Nicole S.'), 'ns')
"""

from __future__ import annotations

import re
import unicodedata

_PARTICLES = frozenset(
    {"van", "von", "der", "den", "de", "del", "della", "di", "da", "dos", "du", "la", "le", "ter"}
)
INITIALS = re.compile(r"^(?:[A-Z]\.?-?){1,4}$")


def clean_text(text: str) -> str:
    """Collapse every run of white space (non-breaking spaces too) to one space and trim.

    >>> clean_text("  Emma\\u00a0 Watson \\n")
    'Emma Watson'
    """
    # Most values are clean already. Every white-space character but the space is also
    # unprintable (a test checks all of Unicode), so this test finds them without a split.
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    return " ".join(text.split())  # str.split() splits on what \s matches: U+00A0 too


def fold(text: str) -> str:
    """Lower-case ``text`` and strip its accents, for comparing names and titles.

    >>> fold("Mäntymäki")
    'mantymaki'
    """
    if text.isascii():  # most text: no accent to strip, and casefold is lower
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped.casefold()


def split_name(name: str) -> tuple[str, str | None]:
    """Split a personal name into (family, given), for ``Given Family`` or ``Family, Given``.

    >>> split_name("Watson, Emma J.")
    ('Watson', 'Emma J.')
    >>> split_name("Ludwig van Beethoven")
    ('van Beethoven', 'Ludwig')
    >>> split_name("Roach, Mack, III")
    ('Roach', 'Mack')
    >>> split_name("Di Hurley")
    ('Hurley', 'Di')
    >>> split_name("Plato")
    ('Plato', None)
    """
    name = clean_text(name)
    if "," in name:
        family, _, given = name.partition(",")
        given = given.partition(",")[0]  # "Roach, Mack, III": the suffix is not a given name
        return family.strip(), (given.strip() or None)
    tokens = name.split(" ")
    start = len(tokens) - 1
    # Only lower-case particles join the family name: "Di Hurley" is given name Di.
    while start > 1 and tokens[start - 1] in _PARTICLES:
        start -= 1
    return " ".join(tokens[start:]), (" ".join(tokens[:start]) or None)


def initials(given: str | None) -> str:
    """The initials of the given names, lower-case and accent-free.

    A run of capitals (``DR`` in ``Anderson, DR``, as WoS and MEDLINE write initials) is
    one initial a letter.

    >>> initials("Jean-Paul S."), initials("DR"), initials("Di")
    ('jps', 'dr', 'd')
    """
    if not given:
        return ""
    letters: list[str] = []
    for part in re.split(r"[\s.\-]+", given):
        if not part:
            continue
        if part.isalpha() and part.isupper() and len(part) <= 3:
            letters.extend(fold(part))
        elif fold(part)[:1].isalnum():
            letters.append(fold(part)[0])
    return "".join(letters)


def split_initials_name(name: str) -> tuple[str, str | None]:
    """Split ``Family I.J.`` (Scopus, MEDLINE ``AU``) or ``Family, Given`` into parts.

    >>> split_initials_name("Phillips J.C."), split_initials_name("de Araújo M.C.B.")
    (('Phillips', 'J.C.'), ('de Araújo', 'M.C.B.'))
    >>> split_initials_name("Watson, Emma")
    ('Watson', 'Emma')
    """
    name = clean_text(name)
    if "," in name:
        return split_name(name)
    family, _, last = name.rpartition(" ")
    if family and INITIALS.match(last):
        return family, last
    return split_name(name)
