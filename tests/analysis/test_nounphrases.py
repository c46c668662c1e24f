"""Noun-phrase terms (issue #18, point 1): maximal phrases from a real tagger, hyphen and
space forms folded, acronyms kept and merged with their definitions, labels and MeSH check
tags never terms."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from graph.analysis.nounphrases import extract_terms, noun_phrases, term_key
from graph.readers import read
from tests.conftest import DATA


def keys(text: str) -> list[str]:
    return [k for k, _ in noun_phrases(text)]


def test_only_the_whole_phrase_counts() -> None:
    found = keys("Coronary artery bypass grafting lowers mortality in older patients.")
    assert found == ["coronary artery bypass grafting", "mortality", "older patient"]
    assert not {"artery", "coronary", "artery bypass", "bypass grafting"} & set(found)


def test_hyphen_and_space_forms_are_one_term() -> None:
    both = extract_terms(["Decision-making in wards.", "Decision making at home."])
    assert both.documents == [["decision making", "ward"], ["decision making", "home"]]


def test_acronyms_are_never_singularised_and_merge_with_their_definition() -> None:
    assert keys("Risk of AIDS in GIS layers.") == ["risk", "aids", "gis layer"]
    found = extract_terms(["The analytic hierarchy process (AHP) ranks sites.",
                           "The AHP was applied."])  # fmt: skip
    assert found.documents[1][0] == "analytic hierarchy process"
    assert found.labels["analytic hierarchy process"] == "analytic hierarchy process"


def test_verbs_adverbs_and_units_are_not_terms() -> None:
    found = keys("Results were significantly higher (12 ml versus 3 ng), respectively.")
    assert found == []


def test_structured_labels_and_mesh_check_tags_are_not_terms() -> None:
    articles = read([str(DATA / "pubmed" / "mcda-3.nbib")]).articles
    texts = [f"{a.title}. {a.abstract or ''}. {'. '.join(a.keywords)}" for a in articles]
    assert any("Humans" in a.keywords for a in articles)  # the check tags are there
    terms = {t for doc in extract_terms(texts).documents for t in doc}
    assert terms and not terms & {"human", "female", "male", "aged", "adult", "middle aged",
                                  "background", "objective", "method", "result"}  # fmt: skip


def test_keywords_plus_in_capitals_are_not_acronyms() -> None:
    assert keys("CARDIOPULMONARY BYPASS. SURVIVAL. GIS") == [
        "cardiopulmonary bypass", "survival", "gis"
    ]  # fmt: skip
    assert noun_phrases("CARDIOPULMONARY BYPASS")[0][1] == "cardiopulmonary bypass"


def test_a_thesaurus_label_folds_as_the_records_do() -> None:
    assert term_key("Decision-Making") == term_key("decision making") == "decision making"
    assert term_key("GISs") == "gis"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_text_gives_folded_keys_and_never_raises(text: str) -> None:
    for key, shown in noun_phrases(text):
        assert key == key.casefold() and "-" not in key and key.strip() == key
        assert shown and len(key.split()) == len(shown.split())
