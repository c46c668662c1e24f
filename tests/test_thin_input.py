"""Thin input builds every output that makes sense and says plainly why the others were
left out (issue #16, point 6)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.cli import cli
from tests.conftest import DATA

NO_REFS = "no article lists its references"


def _build(tmp_path: Path, source: Path) -> list[str]:
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", str(source), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    return result.output.splitlines()


def _left(lines: list[str]) -> list[str]:
    return [line for line in lines if line.startswith("left out ")]


def test_identifiers_only_leave_out_every_view_but_the_graph(tmp_path: Path) -> None:
    ris = tmp_path / "dois.ris"
    ris.write_text("TY  - JOUR\nDO  - 10.1000/a1\nER  - \n\nTY  - JOUR\nDO  - 10.1000/a2\nER  - \n")
    lines = _build(tmp_path, ris)
    assert lines[0] == "2 records: 2 articles, 0 authors, 1 issues"
    assert _left(lines) == [
        "left out coauthors.html: no article names an author",
        "left out topics.html: no article has a title, abstract or keywords to compare",
        "left out terms.html: no article has a title, abstract or keywords",
        f"left out citations.html: {NO_REFS}",
        f"left out coupling.html: {NO_REFS}",
        f"left out cocitation.html: {NO_REFS}",
    ]
    out = tmp_path / "out"
    assert (out / "graph.html").exists() and not (out / "topics.html").exists()
    assert "Not drawn: coauthors.html (no article names an author)" in (
        out / "index.html"
    ).read_text(encoding="utf-8")
    for command in (["stats"], ["metrics", "--top", "3"], ["topics"], ["export", "--to", "json",
                    "-o", str(tmp_path / "x.json")]):  # fmt: skip
        answer = CliRunner().invoke(cli, [command[0], str(out), *command[1:]])
        assert answer.exit_code == 0, (command, answer.output)
        assert "Traceback" not in answer.output


def test_no_article_at_all_draws_no_view_and_says_why(tmp_path: Path) -> None:
    ris = tmp_path / "none.ris"
    ris.write_text("TY  - JOUR\nER  - \n")
    lines = _build(tmp_path, ris)
    assert "1 records: 0 articles, 0 authors, 0 issues" in lines
    why = "no record became an article (the problems report says why)"
    assert _left(lines) == [
        f"left out {name}.html: {why}" for name in ("graph", "coauthors", "topics", "terms")
    ]
    assert not list((tmp_path / "out").glob("*.html"))[1:]  # only index.html


@pytest.mark.parametrize("fixture", ["endnote/zotero-translator-4.xml", "ieee/litstudy-3.csv"])
def test_real_records_without_references_leave_out_only_the_citation_views(
    tmp_path: Path, fixture: str
) -> None:
    lines = _build(tmp_path, DATA / fixture)
    assert [line.split(":")[0] for line in _left(lines)] == [
        "left out citations.html", "left out coupling.html", "left out cocitation.html"
    ]  # fmt: skip
    assert (tmp_path / "out" / "coauthors.html").exists()
