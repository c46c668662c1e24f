"""Lens.org scholarly-works CSV reads whole, and its references (Lens IDs) find the works
of the corpus they cite (issue #16, point 2)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from graph.build import build_graph
from graph.corpus import corpus_tables
from graph.readers import parse_file
from tests.conftest import DATA

LENS = DATA / "lens" / "lens-3.csv"


def test_a_lens_export_reads_every_field_the_graph_uses() -> None:
    fmt, articles, problems = parse_file(str(LENS))
    assert (fmt, problems, len(articles)) == ("lens-csv", [], 3)
    a = articles[1]
    assert a.title == "Recent progress in road and lane detection: a survey"
    assert [x.name for x in a.authors] == [
        "Aharon Bar Hillel",
        "Ronen Lerner",
        "Dan Levi",
        "Guy Raz",
    ]
    assert (a.year, a.journal, a.volume, a.issue, a.pages) == (
        2012,
        "Machine Vision and Applications",
        "25",
        "3",
        "727-745",
    )
    assert (a.doi, a.issn, a.doc_type, a.cited_by) == (
        "10.1007/s00138-011-0404-2",
        "09328092",
        "journal article",
        676,
    )
    assert a.ids == {"lens": "000-122-946-719-709"}
    assert articles[0].ids == {"lens": "000-102-656-132-186", "pmid": "25985879"}
    assert len(a.references) == 67
    assert a.references[0].source_id == "lens:003-399-951-983-687"
    assert articles[2].volume is None and articles[2].issn is None


def test_a_reference_by_lens_id_finds_the_work_it_cites(tmp_path: Path) -> None:
    rows = list(csv.reader(io.StringIO(LENS.read_text(encoding="utf-8"), newline="")))
    column = rows[0].index("References")
    rows[3][column] += f"; {rows[1][0]}"  # the third work now cites the first
    path = tmp_path / "lens.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    _, articles, _ = parse_file(str(path))
    refs = corpus_tables(articles, build_graph(articles)).references.to_pylist()
    resolved = [(r["work"], r["cited_work"]) for r in refs if r["cited_work"] is not None]
    titles = [a.title for a in sorted(articles, key=lambda a: a.doi or "")]
    assert len(resolved) == 1
    citing, cited = resolved[0]
    assert titles[cited].startswith("Construction And Verification")
    assert titles[citing] == "Guidance System for Visually Impaired People"


def test_a_semicolon_resave_reads_the_same(tmp_path: Path) -> None:
    rows = list(csv.reader(io.StringIO(LENS.read_text(encoding="utf-8"), newline="")))
    path = tmp_path / "lens-excel.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, delimiter=";").writerows(rows)
    _, again, problems = parse_file(str(path))
    _, articles, _ = parse_file(str(LENS))
    assert problems == []
    assert [a.model_dump(exclude={"source"}) for a in again] == [
        a.model_dump(exclude={"source"}) for a in articles
    ]
