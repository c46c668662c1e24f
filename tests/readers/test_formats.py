"""Every reader on small real fixtures cut from the exports in shared/data/real."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.readers import READERS, detect, expand, parse_file
from tests.conftest import DATA, LISTING, is_record

# (fixture, format, records, title start, first author, year, volume, issue, pages, doi, refs)
CASES = [
    ("wos/savedrecs-optics-3.txt", "wos", 3, "EXPERIMENTS IN PHENOMENOLOGICAL", "I BREVIK",
     1979, "52", "3", "133-201", "10.1016/0370-1573(79)90074-7", 104),
    ("wos/bluetooth-tab-3.txt", "wos-tab", 3, "Accurate Indoor Localization", "Zhiqing Luo",
     2025, "12", "2", "1805-1816", "10.1109/jiot.2024.3468428", 0),
    ("bibtex/wos-export-2.bib", "bibtex", 2, "ELECTRE-SCORE : A first", "Jose Rui Figueira",
     2022, "297", "3", "986-1005", "10.1016/j.ejor.2021.05.017", 47),
    ("bibtex/scopus-export-3.bib", "bibtex", 3, "ELECTRE-SCORE: A first", "J.R. Figueira",
     2022, "297", "3", "986-1005", "10.1016/j.ejor.2021.05.017", 48),
    ("bibtex/jabref-3.bib", "bibtex", 3, "Trust Management in Social", "Wafa Abdelghani",
     2016, None, None, "430-441", "10.1007/978-3-319-45234-0_39", 0),
    ("ris/ieee-xplore-3.ris", "ris", 3, "The European Approach to the Exascale", "G. Kalbe",
     2019, "21", "1", "42-47", "10.1109/mcse.2018.2884139", 0),
    ("ris/scopus-biodiversity-3.ris", "ris", 3, "Greenhouse gas emissions information", None,
     2023, None, None, "1-174", "10.17226/26641", 0),
    ("scopus/metaknowledge-3.csv", "scopus", 3, "Strain Distribution of Complex-Bending", "T. Yagai",
     2016, "26", "4", "7433444", "10.1109/tasc.2016.2541670", 8),
    ("scopus/litstudy-3.csv", "scopus", 3, "Scalable molecular dynamics with NAMD", "J.C. Phillips",
     2005, "26", "16", "1781-1802", "10.1002/jcc.20289", 148),
    ("ieee/litstudy-3.csv", "ieee-csv", 3, "Exascale Computing Trends", "P. Kogge",
     2013, "15", "6", "16-26", "10.1109/mcse.2013.95", 0),
    ("springer/cna-quality-3.csv", "springer-csv", 3, "Autonomic Management Framework", "Joanna Kosińska",
     2020, "18", "4", None, "10.1007/s10723-020-09532-0", 0),
    ("lens/lens-3.csv", "lens-csv", 3, "Construction And Verification", "Y. Hayakawa",
     2015, "10", "S1", "300-301", "10.1007/s11548-015-1213-2", 2),
    ("endnote/jabref-article.xml", "endnote-xml", 1, "Trends in the lifetime risk", "AS Ahmad",
     2015, "112", "5", "943-947", "10.1038/bjc.2014.606", 0),
    ("endnote/zotero-translator-4.xml", "endnote-xml", 4, "Country Clustering", "John S Ahlquist",
     2009, None, None, "32", None, 0),
    ("pubmed/dermatophytes-3.txt", "pubmed", 3, "Bioinformatic survey of ABC", "Marek Gadzalski",
     2016, "576", "1 Pt 3", "466-475", "10.1016/j.gene.2015.10.064", 0),
    ("pubmed/mcda-3.nbib", "pubmed", 3, "Knowledge Mapping of Multicriteria", "Zeqi Dai",
     2022, "10", None, "895552", "10.3389/fpubh.2022.895552", 0),
    ("openalex/donners-2.json", "openalex", 2, "Rayyan—a web and mobile app", "Mourad Ouzzani",
     2016, "5", "1", None, "10.1186/s13643-016-0384-4", 11),
    ("openalex/donners-3.jsonl", "openalex", 3, "Parenteral protein formulations", "Valeria Gervasi",
     2018, "131", None, "8-24", "10.1016/j.ejpb.2018.07.011", 78),
    ("crossref/peerj-2.json", "crossref", 2, "We’re building it up to burn it down", "Luisa Maria Diele Viegas",
     2022, "10", None, "e14276", "10.7717/peerj.14276", 75),
    ("csljson/deep-review-3.json", "csljson", 3, "HOGWILD!: A Lock-Free Approach", "Feng Niu",
     2011, None, None, None, None, 0),
]  # fmt: skip


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_fixture_reads_with_its_format_and_fields(case) -> None:
    path, fmt, count, title, author, year, volume, issue, pages, doi, refs = case
    name, articles, problems = parse_file(str(DATA / path))
    assert name == fmt
    assert (len(articles), problems) == (count, [])
    first = articles[0]
    assert (first.title or "").startswith(title)
    assert (first.authors[0].name if first.authors else None) == author
    assert (first.year, first.volume, first.issue, first.pages) == (year, volume, issue, pages)
    assert first.doi == doi
    assert len(first.references) == refs
    assert first.source == str(DATA / path) and first.line is not None and first.line >= 1


def test_every_format_has_a_fixture() -> None:
    assert {c[1] for c in CASES} | {"listing"} == set(READERS)


@pytest.mark.parametrize(
    "path",
    [
        p
        for p, _ in expand([str(DATA)])
        if "/listing/" not in p and "hostile" not in p and is_record(p)
    ],
)
def test_detection_is_by_content_not_by_name(path: str, tmp_path) -> None:
    text = Path(path).read_text(encoding="utf-8-sig", errors="replace")
    expected = detect(path, text[:8192]).NAME
    assert expected == detect("renamed.txt", text[:8192]).NAME
    assert expected == detect("renamed.dat", text[:8192]).NAME


def test_line_endings_are_normalised_for_ieee_ris() -> None:
    raw = (DATA / "ris/ieee-xplore-3.ris").read_bytes()
    assert b"\r\n" in raw and b"\rTY  - " in raw  # the fixture keeps IEEE's lone CRs
    _, articles, _ = parse_file(str(DATA / "ris/ieee-xplore-3.ris"))
    assert len(articles) == 3
    assert [a.name for a in articles[0].authors] == ["G. Kalbe"]  # AU repeated in the file


def test_bibtex_recovers_entries_with_repeated_fields_and_decodes_latex() -> None:
    _, articles, _ = parse_file(str(DATA / "bibtex/scopus-export-3.bib"))
    assert "funding_details" in (DATA / "bibtex/scopus-export-3.bib").read_text().split("@")[1]
    assert articles[0].ids == {"eid": "2-s2.0-85107941291"}
    _, jabref, _ = parse_file(str(DATA / "bibtex/jabref-3.bib"))
    names = [a.name for article in jabref for a in article.authors]
    assert "Francisco-Javier Ferrández-Pastor" in names and "Sergio Gómez-Trillo" in names


def test_wos_uses_full_names_ids_and_counts() -> None:
    _, articles, _ = parse_file(str(DATA / "wos/savedrecs-optics-3.txt"))
    assert articles[0].ids == {"wos": "A1979GV55600001"} and articles[0].cited_by == 244
    assert articles[0].journal == "PHYSICS REPORTS-REVIEW SECTION OF PHYSICS LETTERS"
    assert articles[0].references[2].doi == "10.1119/1.1972585"


def test_pubmed_takes_full_names_and_mesh_keywords() -> None:
    _, articles, _ = parse_file(str(DATA / "pubmed/mcda-3.nbib"))
    assert articles[0].ids == {"pmid": "35757629"}
    assert "Bibliometrics" in articles[0].keywords
    assert not any(k.startswith("*") or "/" in k for a in articles for k in a.keywords)


def test_openalex_rebuilds_abstracts_and_keeps_author_ids() -> None:
    _, articles, _ = parse_file(str(DATA / "openalex/donners-2.json"))
    first = articles[0]
    assert first.abstract and first.abstract.startswith(
        "Synthesis of multiple randomized controlled trials"
    )
    assert first.authors[0].source_id == "openalex:A4350645525"
    assert first.references[0].source_id.startswith("openalex:W")
    assert first.cited_by == 5818


def test_crossref_strips_jats_and_keeps_orcids() -> None:
    _, articles, _ = parse_file(str(DATA / "crossref/peerj-2.json"))
    assert articles[0].abstract and "<jats" not in articles[0].abstract
    assert articles[0].abstract.startswith("Background Terrestrial biomes")
    assert sum(1 for r in articles[0].references if r.doi) > 40


def test_csl_web_page_with_only_a_url_is_kept() -> None:
    _, articles, _ = parse_file(str(DATA / "csljson/deep-review-3.json"))
    page = articles[2]
    assert page.title is None and page.ids["url"].startswith("https://blogs.nature.com/")
    assert page.label == page.ids["url"]


def test_scopus_rows_with_unnamed_funding_cells_stay_aligned() -> None:
    """litstudy's third row has 46 cells for 45 named columns (a 'Funding Text 2')."""
    _, articles, _ = parse_file(str(DATA / "scopus/litstudy-3.csv"))
    assert [a.ids["eid"][:7] for a in articles] == ["2-s2.0-"] * 3
    assert articles[2].doc_type == "Article"


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-8-sig"])
def test_every_fixture_reads_the_same_in_unicode_encodings_with_a_bom(
    case, encoding: str, tmp_path
) -> None:
    """Windows tools save exports as UTF-16 with a BOM; the records must not change."""
    path = DATA / case[0]
    target = tmp_path / path.name
    text = path.read_text("utf-8-sig")
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data  # Python writes no BOM for an explicit byte order
    target.write_bytes(data)
    _, articles, problems = parse_file(str(target))
    _, expected, _ = parse_file(str(path))
    assert problems == []
    dump = ("title", "authors", "year", "doi", "abstract", "references")
    assert [a.model_dump(include=set(dump)) for a in articles] == [
        a.model_dump(include=set(dump)) for a in expected
    ]


def test_mojibake_is_repaired_and_counted(tmp_path) -> None:
    """UTF-8 read as cp1252 somewhere upstream ("childrenâ€™s") is repaired, with a note."""
    source = DATA / "wos" / "savedrecs-optics-3.txt"
    text = source.read_text("utf-8-sig")
    title = "Café culture and the children’s ward"
    damaged = title.encode("utf-8").decode("cp1252")  # 'CafÃ© culture … childrenâ€™s ward'
    target = tmp_path / "damaged.txt"
    target.write_text(text.replace("TI EXPERIMENTS", f"TI {damaged} EXPERIMENTS", 1), "utf-8")
    _, articles, problems = parse_file(str(target))
    assert articles[0].title.startswith(title + " EXPERIMENTS")
    assert [p.message for p in problems] == [
        "mojibake (UTF-8 read as cp1252) repaired by ftfy on 1 line(s)"
    ]
    assert problems[0].skipped is False


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_clean_fixtures_are_left_alone(case) -> None:
    """Accents, dashes and the listing's ◽ markers are not mistaken for mojibake."""
    from graph.readers import repair_mojibake

    for path in (DATA / case[0], LISTING):
        text = path.read_text("utf-8-sig")
        assert repair_mojibake(text) == (text, 0)
