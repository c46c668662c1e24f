"""Name, DOI and text normalisation: known cases and properties."""

from __future__ import annotations

import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graph.normalize import (
    author_key,
    clean_text,
    fold,
    make_author,
    normalize_doi,
    slug,
    split_name,
    title_key,
)


@pytest.mark.parametrize(
    ("name", "family", "given_name"),
    [
        pytest.param("Emma Watson", "Watson", "Emma", id="given-family"),
        pytest.param("Watson, Emma J.", "Watson", "Emma J.", id="family-comma-given"),
        pytest.param("Nicole S. Gevaux", "Gevaux", "Nicole S.", id="middle-initial"),
        pytest.param("Di Hurley", "Hurley", "Di", id="capitalised-given-not-particle"),
        pytest.param("Ludwig van Beethoven", "van Beethoven", "Ludwig", id="particle"),
        pytest.param("Emma\u00a0Watson", "Watson", "Emma", id="non-breaking-space"),
    ],
)
def test_split_name(name: str, family: str, given_name: str) -> None:
    assert split_name(name) == (family, given_name)


def test_name_keys_fold_accents_and_case() -> None:
    assert author_key("Mäntymäki", "Matti") == author_key("MANTYMAKI", "m.") == "mantymaki|m"
    assert make_author("Emma Watson ◽\u00a0").name == "Emma Watson"


def test_doi_forms() -> None:
    expected = "10.1108/mhsi-05-2015-0019"
    for form in (
        "10.1108/MHSI-05-2015-0019",
        "https://doi.org/10.1108/mhsi-05-2015-0019",
        "doi:10.1108/MHSI-05-2015-0019.",
    ):
        assert normalize_doi(form) == expected
    assert normalize_doi("") is None and normalize_doi("10.12/x") is None


def test_clean_text_shortcut_misses_no_white_space() -> None:
    # clean_text returns printable text as it is when no space is doubled or at an end:
    # that holds only while every white-space character but the space is unprintable.
    printable_spaces = [
        c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace() and c.isprintable()
    ]
    assert printable_spaces == [" "]


@given(st.text(alphabet=st.sampled_from(" \t\u00a0\u2003\u3000x\u00e9\n\x1c")))
def test_clean_text_collapses_as_a_split_does(text: str) -> None:
    assert clean_text(text) == " ".join(text.split())


@given(st.text())
def test_text_normalisers_are_idempotent(text: str) -> None:
    assert clean_text(clean_text(text)) == clean_text(text)
    assert fold(fold(text)) == fold(text)
    assert slug(slug(text)) == slug(text)
    assert title_key(title_key(text)) == title_key(text)


@given(st.text())
def test_name_parsing_never_raises_and_keys_are_stable(text: str) -> None:
    author = make_author(text)
    key = author_key(author.family, author.given)
    assert "|" in key
    assert author_key(*split_name(author.name)) == key
