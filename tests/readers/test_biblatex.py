"""BibLaTeX read whole: date and journaltitle, crossref and xdata, its entry types, math
kept as text, and entries with clashing or empty keys kept (issue #16, point 3)."""

from __future__ import annotations

from pathlib import Path

from graph.readers import bibtex, parse_file
from tests.conftest import DATA

BIBLATEX = DATA / "bibtex" / "biblatex-5.bib"
SCOPUS_BIB = DATA / "bibtex" / "scopus-export-3.bib"


def _by_line(path: Path) -> dict[int, object]:
    _, articles, problems = parse_file(str(path))
    assert problems == []
    return {a.line: a for a in articles}


def test_biblatex_date_and_journaltitle_are_read() -> None:
    entries = _by_line(BIBLATEX)
    aksin, angenendt, schlenker = entries[3], entries[18], entries[64]
    assert (aksin.year, aksin.journal, aksin.volume, aksin.issue) == (
        2006,
        "J. Organomet. Chem.",
        "691",
        "13",
    )
    assert aksin.authors[0].name == "Özge Aksın"
    assert (angenendt.year, angenendt.journal) == (2002, "Revue d'Histoire Ecclésiastique")
    assert angenendt.title == "In Honore Salvatoris – Vom Sinn und Unsinn der Patrozinienkunde"
    assert (schlenker.year, schlenker.journal, schlenker.doi) == (
        2010,
        "Environmental Research Letters",
        "10.1088/1748-9326/5/1/014010",
    )


def test_a_crossref_child_takes_its_parents_fields_but_not_its_title() -> None:
    entries = _by_line(BIBLATEX)
    space, frontier = entries[34], entries[50]
    assert (space.title, space.year, space.journal, space.pages) == (
        "The True Frontier",
        2000,
        "Space and Beyond",
        "55-65",
    )
    assert (frontier.title, frontier.year, frontier.doc_type) == (
        "Space and Beyond",
        2000,
        "collection",
    )


def test_xdata_and_a_crossref_child_without_a_title() -> None:
    text = (
        "@xdata{jt, journaltitle = {Journal of Tests}, date = {2019-03/2020}}\n"
        "@article{a, title = {First}, author = {Lee, Ann}, xdata = {jt}}\n"
        "@proceedings{conf, title = {Proc. of Tests}, date = {2021}}\n"
        "@inproceedings{b, author = {Chan, Bo}, crossref = {CONF}, pages = {1--9}}\n"
    )
    articles, problems = bibtex.parse(text, "x.bib")
    first = next(a for a in articles if a.title == "First")
    assert (first.year, first.journal) == (2019, "Journal of Tests")
    paper = next(a for a in articles if a.doc_type == "inproceedings")
    assert (paper.title, paper.year, paper.journal) == (None, 2021, "Proc. of Tests")
    assert [p for p in problems if p.skipped] == []


def test_online_thesis_and_software_entries_are_read() -> None:
    text = (
        "@online{w, title = {A page}, author = {Chan, Bo}, date = {2022-05-01}}\n"
        "@thesis{t, title = {A thesis}, author = {Doe, Jo}, date = {2018}, type = {phdthesis}}\n"
        "@software{s, title = {Tool}, author = {Roe, Al}, date = {2020~}}\n"
    )
    articles, problems = bibtex.parse(text, "x.bib")
    assert [(a.doc_type, a.title, a.year) for a in articles] == [
        ("online", "A page", 2022),
        ("thesis", "A thesis", 2018),
        ("software", "Tool", 2020),
    ]
    assert problems == []


def test_math_in_a_title_is_kept_as_text() -> None:
    text = "@article{m, title = {Radix-2\\({}^{\\mbox{k}}\\) {FFT} for \\(\\mathrm{CO}_2\\)}, year = 2001}"
    [article], _ = bibtex.parse(text, "x.bib")
    assert article.title == "Radix-2^k FFT for CO_2"


def test_entries_with_a_repeated_or_empty_key_are_read_with_a_note() -> None:
    real = SCOPUS_BIB.read_text(encoding="utf-8")
    first = real[: real.index("\n@", 1) + 1]
    key = first[first.index("{") + 1 : first.index(",")]
    text = first + "\n" + first + "\n" + first.replace(key, "", 1) * 2
    articles, problems = bibtex.parse(text, "x.bib")
    assert len(articles) == 4
    notes = [(p.message, p.skipped) for p in problems]
    assert (
        notes.count((f"entry key {key!r} is used again; read as an entry of its own", False)) == 1
    )
    assert notes.count(("entry has no key; read all the same", False)) == 2
