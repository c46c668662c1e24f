"""Affiliations are read wherever a format carries them, with the country each names,
and they reach the authorships table (issue #16, point 4)."""

from __future__ import annotations

import pycountry
from hypothesis import given
from hypothesis import strategies as st

from graph.affiliations import _ALIASES, countries, country
from graph.build import build_graph
from graph.corpus import corpus_tables
from graph.readers import parse_file
from graph.readers.csvtable import from_columns
from tests.conftest import DATA


def _first(path: str) -> tuple[list[str], list[tuple[str, ...]]]:
    _, articles, _ = parse_file(str(DATA / path))
    return [x.name for x in articles[0].authors], [x.affiliations for x in articles[0].authors]


def test_wos_c1_gives_each_bracketed_author_their_addresses() -> None:
    names, places = _first("wos/bluetooth-tab-3.txt")
    assert places[0] == (
        "Huazhong Univ Sci & Technol, Sch Elect Informat & Commun, Wuhan 430074, Peoples R China",
    )
    assert all(places) and len(names) == len(places)


def test_wos_c1_without_brackets_goes_to_a_sole_author_else_stays_on_the_record() -> None:
    _, articles, _ = parse_file(str(DATA / "wos/savedrecs-optics-3.txt"))
    sole = [a for a in articles if len(a.authors) == 1 and a.authors[0].affiliations]
    assert sole[0].authors[0].affiliations == (
        "UNIV TRONDHEIM,INST THEORET PHYS,N-7034 TRONDHEIM,NORWAY.",
        "LUFTKRIGSSKOLEN,TRONDHEIM MIL 7000,NORWAY.",
    )
    shared = [a for a in articles if len(a.authors) > 1 and a.addresses]
    assert shared and all(not x.affiliations for x in shared[0].authors)


def test_medline_ad_belongs_to_the_author_before_it() -> None:
    _, places = _first("pubmed/mcda-3.nbib")
    assert places[0] == (
        "Center for Evidence-Based Chinese Medicine, Institute of Basic Research in Clinical "
        "Medicine, China Academy of Chinese Medical Sciences, Beijing, China.",
    )
    assert all(places)


def test_scopus_authors_with_affiliations_are_matched_to_authors() -> None:
    names, places = _first("scopus/metaknowledge-3.csv")
    assert (names[0], places[0]) == ("T. Yagai", ("Sophia University, Tokyo, Japan",))
    assert places[1] == ("Meiji University, Kanagawa, Japan",)


def test_openalex_and_crossref_affiliations_are_per_author() -> None:
    _, oa = _first("openalex/donners-3.jsonl")
    assert oa[0] == (
        "Synthesis and Solid State Pharmaceutical Centre, School of Pharmacy, "
        "University College Cork, Cork, Ireland",
    )
    _, cr = _first("crossref/peerj-2.json")
    assert cr[0] == (
        "Instituto de Biologia, Universidade Federal da Bahia, Salvador, Bahia, Brazil",
        "Fórum Clima Salvador, Salvador, Brazil",
    )


def test_ris_ad_and_bibtex_affiliation_stay_on_the_record_with_several_authors() -> None:
    _, ris, _ = parse_file(str(DATA / "ris/scopus-biodiversity-3.ris"))
    assert [len(a.addresses) for a in ris] == [0, 8, 6]
    _, bib, _ = parse_file(str(DATA / "bibtex/wos-export-2.bib"))
    assert (
        bib[0].addresses[1]
        == "Greco, Salvatore, Univ Catania, Dept Econ & Business, Catania, Italy."
    )


def test_the_authorships_table_carries_affiliations_and_countries() -> None:
    _, articles, _ = parse_file(str(DATA / "crossref/peerj-2.json"))
    table = corpus_tables(articles, build_graph(articles)).authorships.to_pylist()
    first = min(table, key=lambda r: (r["work"], r["position"]))
    assert first["countries"] == ["Brazil"]
    assert len(first["affiliations"]) == 2
    assert all(isinstance(r["countries"], list) for r in table)


def test_countries_as_databases_write_them() -> None:
    assert [
        country("Univ Michigan, Ann Arbor, MI 48109 USA."),
        country("Univ Oxford, Oxford OX1 3PU, England"),
        country("Seoul Natl Univ, Seoul, South Korea"),
        country("Kyoto University, Kyoto, Japan"),
        country("Universidade de Lisboa, 1049-001, Lisbon, Portugal"),
        country("Dept Urol, San Francisco, CA 94143"),  # CA is California, not Canada
        country("ETH Zurich, Zurich"),
        country("University of Lodz, Poland. Electronic address: m@biol.uni.lodz.pl."),
    ] == ["United States", "United Kingdom", "South Korea", "Japan", "Portugal", "United States",
          None, "Poland"]  # fmt: skip
    assert countries(["A, USA", "B, Peoples R China", "C, USA"]) == ["United States", "China"]


_NAMES = sorted({c.name for c in pycountry.countries if "," not in c.name})


@given(st.sampled_from(_NAMES), st.text(max_size=40))
def test_any_address_ending_in_a_country_name_is_read_as_it(name: str, before: str) -> None:
    found = country(f"{before.replace(',', ' ').replace(';', ' ')}, {name}")
    record = pycountry.countries.lookup(name)
    common = getattr(record, "common_name", None) or record.name
    assert found == common or found in set(_ALIASES.values())


@given(st.text(max_size=200))
def test_country_never_raises(text: str) -> None:
    assert country(text) is None or isinstance(country(text), str)


def test_ieee_author_affiliations_go_one_to_each_author() -> None:
    names, places = _first("ieee/litstudy-3.csv")
    assert list(zip(names, places, strict=True)) == [
        ("P. Kogge", ("University of Notre Dame",)),
        ("J. Shalf", ("Lawrence Berkeley National Laboratory",)),
    ]
    _, articles, _ = parse_file(str(DATA / "ieee/litstudy-3.csv"))
    assert countries(articles[2].authors[0].affiliations) == ["United Kingdom"]


def test_openalex_country_codes_count_only_where_the_affiliation_names_none() -> None:
    _, articles, _ = parse_file(str(DATA / "openalex/donners-3.jsonl"))
    table = corpus_tables(articles, build_graph(articles)).authorships.to_pylist()
    by_name = {r["name"]: r["countries"] for r in table}
    # The raw string names Ireland and Brazil; OpenAlex's codes say Brazil only.
    assert by_name["R. Dall Agnol"] == ["Ireland", "Brazil"]
    # Sanofi's code is France (its seat); the affiliation as written says Waterford, Ireland.
    assert by_name["Shay Cullen"] == ["Ireland"]
    assert {a.authors[2].countries for a in articles[:1]} == {("France",)}


def test_columns_can_name_an_affiliations_column() -> None:
    layout = from_columns("title=Document Title,authors=Authors,affiliations=Author Affiliations")
    _, articles, _ = parse_file(str(DATA / "ieee/litstudy-3.csv"), layout=layout)
    assert articles[0].authors[1].affiliations == ("Lawrence Berkeley National Laboratory",)
