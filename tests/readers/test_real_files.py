"""Every real export in ../shared/data/real, checked against real/PROVENANCE.md.

The counts below are PROVENANCE.md's (records, and records with an abstract, a DOI, and
cited references), made by other scripts than ours. These tests need ../shared beside the
clone (CI has it) and skip, saying so, where it is absent.
"""

from __future__ import annotations

import json
import lzma
import re

import pytest
from click.testing import CliRunner

from graph.cli import cli
from graph.normalize import clean_text, fold
from graph.readers import parse_file
from tests.conftest import SHARED

REAL = SHARED / "real"
pytestmark = pytest.mark.skipif(
    not REAL.is_dir(), reason=f"{REAL} is absent: the real exports live beside the clone in CI"
)

# file: (format, records, with abstract, with DOI, references in all)
EXPECTED = {
    "bibtex/wos-export_mcda_pybibx.bib.xz": ("bibtex", 236, 236, 198, None),
    "bibtex/scopus-export_mcda_pybibx.bib.xz": ("bibtex", 263, 262, 236, None),
    "bibtex/jabref-library_iot-scientometrics-paper_scientopy.bib.xz": ("bibtex", 304, 283, 250, 0),
    "ris/ieee-xplore_exascale_litstudy.ris.xz": ("ris", 25, 25, 24, 0),
    "ris/scopus-export_biodiversity-2023.ris.xz": ("ris", 244, 242, 237, 0),
    # 958 CR lines; one record cites the same work twice on two lines, which counts once.
    "wos/savedrecs_optics-example_metaknowledge.txt.xz": ("wos", 32, 10, 17, 956),
    "wos/many-authors_500-records_metaknowledge.txt.xz": ("wos", 500, 403, 413, 40321),
    "scopus/scopus-export_metaknowledge-testing.csv.xz": ("scopus", 220, 220, 160, None),
    "scopus/scopus-export_exascale_litstudy.csv.xz": ("scopus", 58, 58, 44, None),
    "pubmed/medline_dermatophytes-etc_metaknowledge.txt.xz": ("pubmed", 175, 171, 171, 0),
    "pubmed/pubmed-medline_mcda-healthcare_pybibx.txt.xz": ("pubmed", 335, 335, 331, 0),
    "openalex/synergy_Donners-2021_works_258.json.xz": ("openalex", 258, 250, 256, 7528),
    "openalex/synergy_Nelson-2002_works-page-0-25_verbatim.json.xz": ("openalex", 25, 24, 23, 793),
    "crossref/crossref_peerj-ecology_works-list_habanero.json.xz": ("crossref", 20, 20, 20, 1225),
    "crossref/crossref_nsf-funded-engineering_works-list_habanero.json.xz": ("crossref", 100, 5, 100, 5803),
    "csljson/deep-review_references_manubot.csl.json.xz": ("csljson", 615, 213, 435, 0),
}  # fmt: skip


def _raw(path: str) -> str:
    with lzma.open(REAL / path, "rt", encoding="utf-8-sig") as handle:
        text = handle.read()
    return fold(clean_text(text)).replace("\\/", "/")  # JSON may escape "/"


@pytest.mark.parametrize("path", sorted(EXPECTED))
def test_format_and_counts_match_provenance(path: str) -> None:
    fmt, records, abstracts, dois, references = EXPECTED[path]
    name, articles, problems = parse_file(str(REAL / path))
    assert name == fmt
    skipped = [p for p in problems if p.skipped]
    assert len(articles) + len(skipped) == records
    assert skipped == []
    notes = [p.message for p in problems if not p.skipped]
    # The only notes they earn: mojibake repaired, control characters (a real U+2028
    # line separator in a Donners affiliation) replaced, and a BibTeX key used twice (the
    # Scopus export has two Viana2020857), each entry read.
    allowed = ("mojibake", "entry key")
    assert all(n.startswith(allowed) or n.endswith("replaced with spaces") for n in notes), notes
    assert sum(1 for a in articles if a.abstract) == abstracts
    assert sum(1 for a in articles if a.doi) == dois
    if references is not None:
        assert sum(len(a.references) for a in articles) == references


@pytest.mark.parametrize("path", sorted(EXPECTED))
def test_spot_check_the_last_record_against_the_text(path: str) -> None:
    """The last record's title, first author, year, volume, issue and DOI are in the file."""
    _, articles, _ = parse_file(str(REAL / path))
    raw = _raw(path)
    last = articles[-1]
    if last.title:
        assert fold(last.title[:30]) in raw or fold(last.title[:30]).replace("’", "'") in raw
    if last.authors:
        assert fold(last.authors[0].family or "") in raw
    for value in (last.year, last.volume, last.issue):
        if value is not None:
            assert fold(str(value)) in raw
    if last.doi:
        assert last.doi in raw.replace("%2f", "/")


def test_whole_real_folder_in_one_run(tmp_path) -> None:
    result = CliRunner().invoke(cli, ["info", str(REAL), "--json", "-q"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    by_file = {re.sub(r"^.*?/real/", "", f["path"]): f for f in summary["files"]}
    assert set(by_file) == set(EXPECTED)  # PROVENANCE.md is passed over, not an error
    for path, (fmt, records, *_) in EXPECTED.items():
        entry = by_file[path]
        assert (entry["format"], entry["records_read"]) == (fmt, records)
        assert (
            entry["records_read"]
            == entry["articles"] + entry["duplicates_merged"] + entry["problems"]
        )
    assert summary["records_read"] == 3410
    assert any("PROVENANCE.md" in note for note in summary["notes"])
    assert summary["journals"] > 0


LARGE = SHARED / "large"


@pytest.mark.skipif(
    not LARGE.is_dir(), reason=f"{LARGE} is absent: the large corpora live beside the clone in CI"
)
def test_large_wos_corpus_and_tab_delimited_file(tmp_path) -> None:
    import tarfile

    with tarfile.open(LARGE / "wos_citespace-bci-signal-processing_2020-2025.tar.xz") as archive:
        archive.extractall(tmp_path / "wos", filter="data")
    tab = LARGE / "wos-tab_scientopy-bluetooth-low-energy_2026-04-02_first-1000.txt.xz"
    result = CliRunner().invoke(cli, ["info", str(tmp_path / "wos"), str(tab), "--json", "-q"])
    summary = json.loads(result.stdout)
    wos = [f for f in summary["files"] if f["format"] == "wos"]
    assert len(wos) == 20 and all(f["records_read"] == 500 for f in wos)
    assert [f["records_read"] for f in summary["files"] if f["format"] == "wos-tab"] == [1000]
    assert summary["problems"] == 0
    # savedrecs (13) and (14) are byte-identical: all 500 of the second merge by UT.
    assert max(f["duplicates_merged"] for f in wos) == 500
    assert sum(f["articles"] for f in wos) <= 9500


@pytest.mark.parametrize("path", sorted(EXPECTED))
def test_source_ids_are_well_formed_and_unique(path: str) -> None:
    """A shifted column (Scopus's unnamed 'Funding Text 2' cells) would show up here."""
    _, articles, _ = parse_file(str(REAL / path))
    shapes = {"wos": r"^[A-Z0-9]{15}$", "pmid": r"^\d+$",
              "openalex": r"^W\d+$", "eid": r"^2-s2\.0-\d+$"}  # fmt: skip
    for scheme, shape in shapes.items():
        values = [a.ids[scheme] for a in articles if scheme in a.ids]
        assert all(re.match(shape, v) for v in values), scheme
        assert len(values) == len(set(values)), scheme


def test_citations_in_corpus_match_the_cited_dois_in_the_text() -> None:
    """Counted by hand with grep: 10.1364/OL.27.001421 is on 1 DI line and 5 CR lines,
    10.1088/0150-536X/8/2/001 on 1 DI line and 7 CR lines of the optics export."""
    from graph.pipeline import assemble
    from graph.readers import read

    path = "wos/savedrecs_optics-example_metaknowledge.txt.xz"
    G = assemble(read([str(REAL / path)])).graph
    assert G.nodes["article:doi:10.1364/ol.27.001421"]["citations_in_corpus"] == 5
    assert G.nodes["article:doi:10.1088/0150-536x/8/2/001"]["citations_in_corpus"] == 7
    with lzma.open(REAL / path, "rt", encoding="utf-8-sig") as handle:
        records = handle.read().lower().split("\ner\n")
    for node, data in G.nodes(data=True):
        if node.startswith("article:doi:"):
            doi = node.removeprefix("article:doi:")
            citing = sum(1 for r in records if doi in r and f"\ndi {doi}" not in r)
            assert data["citations_in_corpus"] >= citing, node


def test_real_mojibake_is_repaired_where_it_is_and_nowhere_else() -> None:
    """Scopus's BibTeX export carries "FundaÃ§Ã£o para a CiÃªncia" in funding lines and
    "Ã¢ÂÂ" in a JabRef title field; every other real file is clean."""
    repaired = {}
    for path in sorted(REAL.glob("*/*.xz")):
        _, _, problems = parse_file(str(path))
        notes = [p.message for p in problems if p.message.startswith("mojibake")]
        if notes:
            repaired[path.name] = notes
    assert set(repaired) == {
        "scopus-export_mcda_pybibx.bib.xz",
        "jabref-library_iot-scientometrics-paper_scientopy.bib.xz",
        "scopus-export_metaknowledge-testing.csv.xz",
    }
