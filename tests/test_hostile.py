"""The shared hostile corpus through every reader and every output: each record is read,
no payload becomes markup, a formula or a path, and no XML entity expands."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from lxml import etree
from lxml import html as lxml_html

from graph import analyse, load, write_outputs
from graph.export import FORMATS, write_export
from graph.normalize import strip_markup
from graph.readers import READERS, parse_file
from tests.hostile import HOSTILE, PAYLOADS, WRITERS, hostile_file, title

# Formats whose titles may hold markup (Scopus <inf>, IEEE <sup>, Crossref and CSL <i>):
# tags are stripped and entities decoded, so a payload arrives as the text it spells.
MARKUP = {"scopus", "ieee-csv", "crossref", "csljson"}
FORMULA = ("=", "+", "-", "@", "\t", "\r")


def test_every_reader_has_a_hostile_corpus() -> None:
    assert set(WRITERS) == set(READERS)
    assert len(PAYLOADS) >= 15


@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_every_hostile_record_is_read(fmt: str, tmp_path: Path) -> None:
    path = hostile_file(fmt, tmp_path)
    name, articles, problems = parse_file(str(path))
    assert name == fmt
    assert [p for p in problems if p.skipped] == []
    assert len(articles) == len(PAYLOADS)
    for i, article in enumerate(articles):
        assert (article.title or "").startswith(f"title {i}:")
        if not set(PAYLOADS[i]) & set(",;"):  # author-list separators in some formats
            assert any(a.family == "Watson" for a in article.authors)
        if fmt in MARKUP:
            assert article.title == strip_markup(title(i))
        elif fmt != "bibtex":  # BibTeX decodes LaTeX: braces and backslashes are syntax
            assert article.title == title(i)


def _html_is_inert(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    tree = lxml_html.fromstring(text.encode("utf-8"))
    scripts = tree.xpath("//script")
    assert len(scripts) == (0 if page.name == "index.html" else 2), page.name
    assert not tree.xpath("//img | //iframe | //object | //embed | //form")
    assert not tree.xpath("//@*[starts-with(name(), 'on')]")
    assert not [h for h in tree.xpath("//@href | //@src") if "javascript" in h.lower()]
    assert tree.xpath("//svg") == tree.xpath("//figure[@class='chart']/svg")
    for payload in [*PAYLOADS, "<script>alert(6)</script>", "<img src=x onerror=alert(7)>"]:
        if "<" in payload:
            assert payload not in text, (page.name, payload)


def _csv_is_inert(path: Path) -> int:
    cells = [cell for row in csv.reader(path.open(encoding="utf-8")) for cell in row]
    assert not [c for c in cells if c.startswith(FORMULA)], path.name
    return sum(c.startswith("'=HYPERLINK") for c in cells)


@pytest.fixture(scope="module", params=sorted(WRITERS))
def hostile_build(request, tmp_path_factory) -> tuple[str, Path, Path]:
    fmt = request.param
    root = tmp_path_factory.mktemp(f"hostile-{fmt}")
    path = hostile_file(fmt, root)
    result = analyse(load([str(path)], journal="<b>J</b>"))
    out = root / "out"
    write_outputs(result, out)
    (out / "exports").mkdir()
    for to in FORMATS:
        write_export(result.graph, to, out / "exports" / (to if to == "csv" else f"graph.{to}"))
    return fmt, root, out


def test_no_payload_becomes_markup_in_any_page(hostile_build) -> None:
    _, _, out = hostile_build
    pages = sorted(out.glob("*.html"))
    assert len(pages) >= 5
    for page in pages:
        _html_is_inert(page)


def test_exports_hold_payloads_as_text_and_csv_runs_no_formula(hostile_build) -> None:
    fmt, _, out = hostile_build
    exports = out / "exports"
    graphml = etree.parse(str(exports / "graph.graphml"))  # raises on invalid XML
    texts = " ".join(graphml.getroot().itertext())
    assert "javascript:alert(5)" in texts
    if fmt not in MARKUP:
        assert '<script>alert("title")</script>' in texts
    etree.parse(str(exports / "graph.gexf"))
    json.loads((exports / "graph.json").read_text(encoding="utf-8"))
    json.loads((exports / "graph.vosviewer").read_text(encoding="utf-8"))
    neutralised = sum(_csv_is_inert(p) for p in sorted((exports / "csv").glob("*.csv")))
    assert neutralised >= 1  # the =HYPERLINK payload is there, defused


def test_no_path_is_derived_from_record_text(hostile_build) -> None:
    fmt, root, _ = hostile_build
    written = {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}
    outside = {p for p in written if not p.startswith("out/")}
    assert outside == {WRITERS[fmt][0]}
    names = {Path(p).name for p in written}
    assert not names & {"passwd", "win.ini", "windows"}
    assert all(n.isascii() and "‮" not in n for n in names)


def test_an_xml_entity_bomb_in_a_jats_abstract_does_not_expand(tmp_path: Path) -> None:
    name, [article], problems = parse_file(str(HOSTILE / "entity-bomb.json"))
    assert (name, problems) == ("crossref", [])
    abstract = article.abstract or ""
    assert "Peer support" in abstract and len(abstract) < 1000
    assert "lollol" not in abstract and "root:" not in abstract
    result = analyse(load([str(HOSTILE / "entity-bomb.json")]))
    write_outputs(result, tmp_path)
    for path in tmp_path.iterdir():
        text = path.read_text(encoding="utf-8")
        assert "lollollol" not in text and "root:x:" not in text, path.name


def test_control_characters_and_lone_surrogates_reach_no_output(tmp_path: Path) -> None:
    path = tmp_path / "works.jsonl"
    path.write_text(
        '{"id": "https://openalex.org/W1", "title": "Peer\\u0000 support \\ud800 work\\u000b",'
        ' "publication_year": 2015, "authorships": [{"author": {"display_name": '
        '"Emma \\udfff Watson"}}]}\n'
        '{"id": "https://openalex.org/W2", "title": "Emoji \\ud83d\\ude00 kept",'
        ' "publication_year": 2016}\n',
        encoding="utf-8",
    )
    _, articles, notes = parse_file(str(path))
    assert [" ".join((a.title or "").split()) for a in articles] == [
        "Peer support \ufffd work",
        "Emoji 😀 kept",
    ]
    assert articles[0].authors[0].name == "Emma \ufffd Watson"
    assert sorted(n.message for n in notes) == [
        "2 control character(s) replaced with spaces",
        "2 unpaired surrogate escape(s) replaced with U+FFFD",
    ]
    out = tmp_path / "out"
    write_outputs(analyse(load([str(path)])), out)
    for page in out.iterdir():
        text = page.read_bytes().decode("utf-8")  # strict: a lone surrogate cannot be here
        assert "\x00" not in text and "\\u0000" not in text, page.name
