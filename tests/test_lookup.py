"""A node is found by what a user types: its id, its label, a part of it, or a person's
name as readers write it ("E Watson", "Watson E", "Watson, Emma"). Where several match,
the error names each with what tells them apart, and ids to pass back."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from graph.analysis.lookup import AmbiguousNode, match_node, name_matches
from graph.cli import cli
from tests.conftest import LISTING, build_of

PEOPLE = ["Yijun Wang", "Emily Wang", "Yu Wang", "ZY Wang", "Wang Yang", "Y. Wang"]


@pytest.mark.parametrize("typed", ["Y Wang", "Wang Y", "Wang, Y.", "y wang"])
def test_a_name_with_initials_finds_every_person_it_could_be(typed: str) -> None:
    assert [PEOPLE[i] for i in name_matches(PEOPLE, typed)] == ["Yijun Wang", "Yu Wang", "Y. Wang"]


def test_a_full_label_wins_and_a_unique_name_is_found() -> None:
    ids = [f"author:{i}" for i in range(len(PEOPLE))]
    assert match_node(ids, PEOPLE, "yu wang") == "author:2"
    assert match_node(ids, PEOPLE, "Wang, Yijun") == "author:0"
    with pytest.raises(AmbiguousNode) as error:
        match_node(ids, PEOPLE, "Y Wang", lambda found: [f"note on {n}" for n in found])
    assert error.value.candidates == ["author:0", "author:1", "author:2", "author:3", "author:5"]
    assert "author:1 (Emily Wang; note on author:1)" in str(error.value)  # "y wang" inside it


@given(st.sampled_from(PEOPLE), st.sampled_from(["{g} {f}", "{f} {g}", "{f}, {g}"]))
def test_every_person_is_among_the_matches_of_their_initials(label: str, form: str) -> None:
    given_names, _, family = label.rpartition(" ")
    if not given_names or family == "Yang":  # "Wang Yang" is written family first
        return
    typed = form.format(g=given_names[0], f=family)
    assert PEOPLE.index(label) in name_matches(PEOPLE, typed)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_of(tmp_path_factory, "built", LISTING)


def test_why_takes_initials_and_names_the_candidates_of_an_ambiguous_text(built: Path) -> None:
    found = CliRunner().invoke(cli, ["why", "Watson E", "D Hurley", str(built), "--json"])
    assert found.exit_code == 0 and '"label": "Emma Watson"' in found.stdout
    refused = CliRunner().invoke(cli, ["why", "Watson", "Di Hurley", str(built)])
    assert refused.exit_code == 1
    assert refused.stderr == (
        "Error: 4 nodes match 'Watson': "
        "article:key:025693d87ab2dc59 (Watson 2015, 19(2):68–72; 2015), "
        "article:key:63bd751bf4158104 (Watson 2016, 20(3):149–152; 2016), "
        "article:key:96727db5e4d551b1 (Watson 2014, 18(2):59–60; 2014), "
        "author:name:watson|e (Emma Watson; 5 articles, 2014–2016); give an id "
        "(citegraph metrics lists ids and labels)\n"
    )
