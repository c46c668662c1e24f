"""EndNote XML reads whole: style runs flattened, the journal, DOI, ISSN, keywords and
addresses taken, and a broken record costs only itself (issue #16, point 2)."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from graph.cli import cli
from graph.readers import choose, endnote, parse_file
from tests.conftest import DATA

JABREF = DATA / "endnote" / "jabref-article.xml"
ZOTERO = DATA / "endnote" / "zotero-translator-4.xml"
STYLES = DATA / "endnote" / "zotero-styles.xml"


def test_a_bookends_export_reads_every_field_the_graph_uses() -> None:
    fmt, [a], problems = parse_file(str(JABREF))
    assert (fmt, problems) == ("endnote-xml", [])
    assert a.title == (
        "Trends in the lifetime risk of developing cancer in Great Britain: "
        "comparison of risk for those born from 1930 to 1960"
    )
    assert [x.name for x in a.authors] == ["AS Ahmad", "N Ormiston-Smith", "PD Sasieni"]
    assert (a.journal, a.year, a.volume, a.issue, a.pages) == (
        "Br J Cancer",
        2015,
        "112",
        "5",
        "943-947",
    )
    assert (a.doi, a.issn, a.ids, a.doc_type) == (
        "10.1038/bjc.2014.606",
        "1532-1827",
        {"pmid": "25647015"},
        "Journal Article",
    )
    assert a.keywords[:3] == ["Age Factors", "Aged", "Aged, 80 and over"]
    assert len(a.keywords) == 13
    assert a.abstract == "test abstract"


def test_auth_address_splits_at_its_line_breaks_not_at_the_pretty_printing() -> None:
    _, [a], _ = parse_file(str(JABREF))
    assert a.addresses == [
        "Queen Mary University of London, Centre for Cancer Prevention, Wolfson Institute of "
        "Preventive Medicine, Charterhouse Square, London EC1M 6BQ, UK.",
        "Cancer Research UK, Head of Statistical Information, Angel Building, "
        "407 St John Street, London EC1V 4AD, UK.",
    ]
    assert all(not x.affiliations for x in a.authors)  # three authors: whose is unknown


def test_editors_are_not_authors_and_the_book_title_is_the_venue() -> None:
    _, articles, problems = parse_file(str(ZOTERO))
    assert problems == []
    got = [(a.line, a.doc_type, [x.name for x in a.authors], a.journal, a.year) for a in articles]
    assert got == [
        (4, "Report", ["John S Ahlquist", "Christian Breunig"], None, 2009),
        (29, "Journal Article", ["Lisa W Foderaro"], "New York Times", 2012),
        (52, "Book", [], None, 2007),
        (76, "Book Section", ["Isabela Mares"],
         "Varieties of capitalism. The institutional foundations of comparative advantage", 2001),
    ]  # fmt: skip


def test_style_runs_are_joined_into_plain_text() -> None:
    _, [a], _ = parse_file(str(STYLES))
    assert a.title == (
        "Plain Bold Italics Underline Superscript Subscript SymbolFont CourierNew "
        "SmallerSize Size12 TimesNewRoman-Bold-Italics-Underline-Superscript"
    )


def test_content_decides_even_under_another_suffix(tmp_path: Path) -> None:
    renamed = tmp_path / "library.txt"
    renamed.write_bytes(JABREF.read_bytes())
    reader, note = choose(str(renamed), renamed.read_text()[:4096], None)
    assert reader.NAME == "endnote-xml"
    assert note is None  # .txt claims no format, so there is nothing to disagree with


def test_a_broken_record_is_a_problem_and_the_others_still_read(tmp_path: Path) -> None:
    text = ZOTERO.read_text()
    broken = text.replace("<title>Rooftop greenhouse", "<title>Rooftop &nbsp; greenhouse", 1)
    path = tmp_path / "lib.xml"
    path.write_text(broken)
    _, articles, problems = parse_file(str(path))
    title_line = text[: text.index("Rooftop")].count("\n") + 1
    assert [a.line for a in articles] == [4, 52, 76]
    assert [(p.line, p.message) for p in problems] == [
        (title_line, "record is not well-formed XML (undefined entity); fix or remove it"),
    ]
    assert "Rooftop" in (problems[0].excerpt or "")


def test_a_record_never_closed_is_named(tmp_path: Path) -> None:
    text = ZOTERO.read_text()
    cut = text[: text.index("</record>", text.index("Mares"))]
    path = tmp_path / "cut.xml"
    path.write_text(cut)
    _, articles, problems = parse_file(str(path))
    assert len(articles) == 3
    assert [(p.line, p.message) for p in problems] == [
        (76, "record has no </record> before the next one or the end of the file")
    ]


def test_info_counts_an_endnote_library() -> None:
    result = CliRunner().invoke(cli, ["info", str(ZOTERO)])
    assert result.exit_code == 0, result.output
    assert "endnote-xml" in result.output
    assert "4 articles" in result.output or " 4 " in result.output


@given(
    title=st.text(min_size=1, max_size=60).filter(lambda t: t.strip()),
    family=st.from_regex(r"[A-Z][a-zà-ÿ]{1,12}", fullmatch=True),
    given_=st.from_regex(r"[A-Z][a-z]{1,10}", fullmatch=True),
)
def test_what_is_written_reads_back(title: str, family: str, given_: str) -> None:
    clean = "".join(ch for ch in title if ch.isprintable() and ch not in "\ufffe\uffff")
    if not clean.strip() or any(0xD800 <= ord(ch) <= 0xDFFF for ch in clean):
        return
    record = (
        '<?xml version="1.0"?><xml><records><record><contributors><authors><author>'
        f'<style face="normal">{escape(family)}, {escape(given_)}</style></author></authors>'
        f"</contributors><titles><title>{escape(clean)}</title></titles></record></records></xml>"
    )
    [a], problems = endnote.parse(record, "x.xml")
    assert problems == []
    assert a.title == " ".join(clean.split())
    assert (a.authors[0].family, a.authors[0].given) == (family, given_)
