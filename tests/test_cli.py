"""The citegraph command through click's CliRunner."""

from __future__ import annotations

import csv
import io
import json
import re

import networkx as nx
import pytest
from click.testing import CliRunner

from graph.cli import cli
from tests.conftest import DATA, LISTING, ROOT

SUMMARY_KEYS = {
    "records_read",
    "articles",
    "authors",
    "issues",
    "journals",
    "duplicates_merged",
    "problems",
    "files",
}
FILE_KEYS = {"path", "format", "records_read", "articles", "duplicates_merged", "problems"}


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_build_writes_every_output(runner, tmp_path) -> None:
    result = runner.invoke(cli, ["build", str(ROOT / "data"), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("11 records: 11 articles, 14 authors, 11 issues\n")
    for name in (
        "index.html",
        "graph.html",
        "coauthors.html",
        "topics.html",
        "terms.html",
        "graph.graphml",
        "terms.graphml",
        "metrics.json",
        "summary.json",
    ):
        assert (tmp_path / name).stat().st_size > 0, name
    summary = json.loads((tmp_path / "summary.json").read_text())
    assert set(summary) >= SUMMARY_KEYS
    assert [set(f) >= FILE_KEYS for f in summary["files"]] == [True]
    assert (summary["records_read"], summary["articles"], summary["authors"]) == (11, 11, 14)
    metrics = json.loads((tmp_path / "metrics.json").read_text())
    assert metrics["networks"]["coauthorship"]["components"] == 7
    assert metrics["networks"]["topic"]["communities"]["runs"] == 10
    assert metrics["corpus"]["articles_per_year"]["2014"] == 3
    assert metrics["topic_clusters"] and metrics["term_clusters"]
    assert any(row["kind"] == "term" for row in metrics["nodes"])
    terms = nx.read_graphml(tmp_path / "terms.graphml")
    assert terms.number_of_nodes() == sum(1 for r in metrics["nodes"] if r["kind"] == "term")


def test_info_json_matches_summary(runner, tmp_path) -> None:
    result = runner.invoke(cli, ["info", str(LISTING), "--json"])
    assert result.exit_code == 0
    counts = json.loads(result.output)
    assert set(counts) >= SUMMARY_KEYS
    assert (counts["articles"], counts["authors"], counts["issues"], counts["journals"]) == (
        11,
        14,
        11,
        0,
    )
    assert counts["files"][0]["format"] == "listing"
    built = runner.invoke(cli, ["build", str(LISTING), "--out", str(tmp_path)])
    assert built.exit_code == 0
    assert json.loads((tmp_path / "summary.json").read_text()) == counts


def test_info_text(runner) -> None:
    result = runner.invoke(cli, ["info", str(LISTING)])
    assert result.exit_code == 0
    assert "articles: 11\nauthors: 14\nissues: 11\n" in result.output


def test_metrics_lists_watson_first_with_five_articles(runner) -> None:
    result = runner.invoke(
        cli, ["metrics", str(ROOT / "data"), "--kind", "author", "--sort", "articles"]
    )
    assert result.exit_code == 0, result.output
    rows = [line for line in result.output.splitlines() if "author" in line and "│" in line]
    assert rows[0].split("│")[0].strip() == "Emma Watson"
    assert rows[0].split("│")[2].strip() == "5"
    assert len(rows) == 14


def test_metrics_json_and_csv(runner) -> None:
    args = ["metrics", str(LISTING), "--kind", "author", "--sort", "articles", "--top", "3"]
    rows = json.loads(runner.invoke(cli, [*args, "--json"]).output)
    assert rows[0]["label"] == "Emma Watson" and len(rows) == 3
    assert rows[0]["articles"] == 5 and rows[0]["degree"] == 3
    table = list(csv.DictReader(io.StringIO(runner.invoke(cli, [*args, "--csv"]).output)))
    assert table[0]["id"] == "author:name:watson|e" and table[0]["articles"] == "5"


def test_metrics_of_issues(runner) -> None:
    rows = json.loads(
        runner.invoke(cli, ["metrics", str(LISTING), "--kind", "issue", "--json"]).output
    )
    assert len(rows) == 11 and all(r["kind"] == "issue" for r in rows)


def test_export_graphml(runner, tmp_path) -> None:
    out = tmp_path / "g.graphml"
    result = runner.invoke(cli, ["export", str(LISTING), "--to", "graphml", "-o", str(out)])
    assert result.exit_code == 0, result.output
    G = nx.read_graphml(out)
    assert sum(1 for _, k in G.nodes(data="kind") if k == "author") == 14
    terms = tmp_path / "terms.graphml"
    args = ["export", str(LISTING), "--to", "graphml", "--view", "terms", "-o", str(terms), "-q"]
    assert runner.invoke(cli, args).exit_code == 0
    M = nx.read_graphml(terms)
    assert {k for _, k in M.nodes(data="kind")} == {"term"}
    assert all(d["articles"] and d["weight"] > 0 for _, _, d in M.edges(data=True))


def test_journal_option(runner) -> None:
    result = runner.invoke(cli, ["info", str(LISTING), "--json", "--journal", "MHSI"])
    assert json.loads(result.output)["journals"] == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(
            ["info", "no/such/file.txt"],
            "Error: no/such/file.txt: no such file or folder (check the path)\n",
            id="missing-file",
        ),
        pytest.param(
            ["info", str(ROOT / "pyproject.toml")],
            "not a recognised record format (tried: listing, wos, wos-tab, pubmed, ris, bibtex,",
            id="unknown-format",
        ),
        pytest.param(
            ["export", str(LISTING), "--to", "graphml", "-o", str(ROOT / "src")],
            "is a folder",
            id="output-is-a-folder",
        ),
    ],
)
def test_user_errors_are_one_line_exit_1(runner, args: list[str], message: str) -> None:
    result = runner.invoke(cli, args)
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output
    assert result.output.count("\n") == 1


@pytest.mark.parametrize("content", [b"", b"\n \r\n", b"\xef\xbb\xbf", b"\xff\xfe"])
def test_an_empty_file_says_so(runner, tmp_path, content: bytes) -> None:
    empty = tmp_path / "export.ris"
    empty.write_bytes(content)
    result = runner.invoke(cli, ["info", str(empty)])
    assert (result.exit_code, result.output) == (
        1,
        f"Error: {empty}: is empty (export the records again)\n",
    )
    (tmp_path / "listing.txt").write_bytes(LISTING.read_bytes())
    folder = runner.invoke(cli, ["info", str(tmp_path), "-v", "-q"])
    assert folder.exit_code == 0
    assert f"note: {empty} empty; passed over" in folder.stderr


def test_empty_folder_is_an_error(runner, tmp_path) -> None:
    result = runner.invoke(cli, ["info", str(tmp_path)])
    assert result.exit_code == 1
    assert "holds no records" in result.output


def test_build_out_is_a_file(runner, tmp_path) -> None:
    target = tmp_path / "taken"
    target.write_text("x")
    result = runner.invoke(cli, ["build", str(LISTING), "--out", str(target)])
    assert result.exit_code == 1 and "is a file, not a folder" in result.output


def test_usage_errors_exit_2(runner) -> None:
    assert runner.invoke(cli, ["info", str(LISTING), "--no-such-option"]).exit_code == 2
    assert runner.invoke(cli, ["info", str(LISTING), "--format", "nope"]).exit_code == 2
    assert runner.invoke(cli, ["info"]).exit_code == 2
    assert runner.invoke(cli, ["metrics", str(LISTING), "--json", "--csv"]).exit_code == 2


def test_problems_are_summarised_and_strict_fails(runner) -> None:
    broken = str(DATA / "listing" / "broken.txt")
    result = runner.invoke(cli, ["info", broken])
    assert result.exit_code == 0
    assert "2 records skipped; first: " in result.output
    assert "broken.txt:10 record has neither a title nor authors" in result.output
    verbose = runner.invoke(cli, ["info", broken, "-v"])
    assert verbose.output.count("problem: ") == 2
    strict = runner.invoke(cli, ["info", broken, "--strict"])
    assert strict.exit_code == 1 and "Error: 2 records could not be read" in strict.output


def test_accounting_holds_per_file(runner) -> None:
    counts = json.loads(runner.invoke(cli, ["info", str(DATA / "listing"), "--json"]).stdout)
    for entry in counts["files"]:
        assert entry["records_read"] == (
            entry["articles"] + entry["duplicates_merged"] + entry["problems"]
        )


def test_python_dash_m_works() -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "graph", "info", str(LISTING)],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert done.returncode == 0 and "authors: 14" in done.stdout


def test_every_fixture_format_in_one_run(runner) -> None:
    result = runner.invoke(cli, ["info", str(DATA), "--json", "-q"])
    assert result.exit_code == 0, result.output
    counts = json.loads(result.stdout)
    formats = {f["format"] for f in counts["files"]}
    assert formats == {
        "listing", "wos", "wos-tab", "pubmed", "ris", "bibtex", "scopus", "ieee-csv",
        "springer-csv", "lens-csv", "endnote-xml", "openalex", "crossref", "csljson",
    }  # fmt: skip
    for entry in counts["files"]:
        assert entry["records_read"] == (
            entry["articles"] + entry["duplicates_merged"] + entry["problems"]
        )
    # The WoS and Scopus BibTeX fixtures both hold ELECTRE-SCORE (same DOI): one article.
    assert counts["duplicates_merged"] >= 1


def test_compressed_inputs_are_read(runner, tmp_path) -> None:
    import bz2
    import gzip
    import lzma

    raw = (DATA / "ris" / "ieee-xplore-3.ris").read_bytes()
    (tmp_path / "a.ris.gz").write_bytes(gzip.compress(raw))
    (tmp_path / "b.ris.xz").write_bytes(lzma.compress(raw))
    (tmp_path / "c.ris.bz2").write_bytes(bz2.compress(raw))
    (tmp_path / "d.ris.xz").write_bytes(b"not xz at all")
    ok = runner.invoke(cli, ["info", str(tmp_path / "a.ris.gz"), str(tmp_path / "b.ris.xz"),
                             str(tmp_path / "c.ris.bz2"), "--json"])  # fmt: skip
    counts = json.loads(ok.stdout)
    assert [f["records_read"] for f in counts["files"]] == [3, 3, 3]
    assert counts["articles"] == 3 and counts["duplicates_merged"] == 6
    bad = runner.invoke(cli, ["info", str(tmp_path / "d.ris.xz")])
    assert bad.exit_code == 1 and "d.ris.xz: is not valid xz data (re-download it)" in bad.output


def test_notes_are_summarised(runner) -> None:
    result = runner.invoke(cli, ["info", str(DATA / "listing")])
    assert "3 notes; first: " in result.stderr
    assert "not valid UTF-8; 2 undecodable byte(s) replaced" in result.stderr


def test_build_a_wos_file(runner, tmp_path) -> None:
    result = runner.invoke(cli, ["build", str(DATA / "wos"), "--out", str(tmp_path), "-q"])
    assert result.exit_code == 0, result.output
    summary = json.loads((tmp_path / "summary.json").read_text())
    assert (summary["articles"], summary["journals"]) == (6, 6)  # six SO values in the files
    G = nx.read_graphml(tmp_path / "graph.graphml")
    assert sum(1 for _, _, k in G.edges(data="kind") if k == "part_of") == summary["issues"]


def test_stats_table_json_and_csv(runner) -> None:
    table = runner.invoke(cli, ["stats", str(LISTING), "-q"])
    assert table.exit_code == 0, table.output
    assert "average_shortest_path" in table.output and "community_mean_ari" in table.output
    assert "articles per year: 2014: 3" in table.output
    document = json.loads(runner.invoke(cli, ["stats", str(LISTING), "-q", "--json"]).output)
    topic = document["networks"]["topic"]
    assert topic["nodes"] == 11 and topic["path_exact"] is True
    assert 0 <= topic["communities"]["mean_ari"] <= 1
    assert document["corpus"]["lotka"]["authors"] == 14
    rows = list(
        csv.DictReader(
            io.StringIO(
                runner.invoke(cli, ["stats", str(LISTING), "-q", "--csv", "--sort", "nodes"]).output
            )
        )
    )
    assert [r["network"] for r in rows[:2]] == ["typed", "terms"] and rows[0]["nodes"] == "36"


def test_suggest_finds_authors_never_written_with(runner) -> None:
    result = runner.invoke(
        cli, ["suggest", str(LISTING), "--author", "Emma Watson", "-q", "--json", "--top", "3"]
    )
    assert result.exit_code == 0, result.output
    found = json.loads(result.output)
    assert len(found) == 3
    assert not {"Helen Oldknow", "Marissa Lambert", "Rachael Matharoo"} & {
        f["label"] for f in found
    }
    unknown = runner.invoke(cli, ["suggest", str(LISTING), "--author", "Nobody Here", "-q"])
    assert unknown.exit_code == 1 and "no node has the id or label" in unknown.output
    article = runner.invoke(cli, ["suggest", str(LISTING), "--author", "Hurley 2015", "-q"])
    assert article.exit_code == 1 and "is not an author" in article.output


def test_why_csv_and_topics_term_map(runner) -> None:
    result = runner.invoke(
        cli, ["why", "Watson 2016, 20(3)", "Watson 2015, 19(2)", str(LISTING), "-q", "--csv"]
    )
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert rows[0]["evidence"] == "topic link" and "reflections" in rows[0]["details"]
    clusters = json.loads(
        runner.invoke(cli, ["topics", str(LISTING), "-q", "--term-map", "--json"]).stdout
    )
    assert any("mental health service" in c["terms"] for c in clusters)
    top = runner.invoke(
        cli, ["topics", str(LISTING), "-q", "--csv", "--sort", "size", "--top", "1"]
    )
    [row] = list(csv.DictReader(io.StringIO(top.stdout)))
    assert row["size"] == "7"


def test_resolution_and_community_method_options(runner) -> None:
    def communities(*extra: str) -> int:
        out = runner.invoke(cli, ["stats", str(LISTING), "-q", "--json", *extra]).output
        return json.loads(out)["networks"]["terms"]["communities"]

    coarse, fine = communities("--resolution", "0.5"), communities("--resolution", "3")
    assert coarse["resolution"] == 0.5 and fine["resolution"] == 3.0
    assert coarse["count"] < fine["count"]
    assert communities("--community-runs", "3")["runs"] == 3
    bad = runner.invoke(cli, ["stats", str(LISTING), "--communities", "nonsense"])
    assert bad.exit_code == 2


def test_view_draws_one_neighbourhood(runner, tmp_path) -> None:
    out = tmp_path / "watson.html"
    args = ["view", str(LISTING), "--focus", "Emma Watson", "--depth", "1", "-o", str(out), "-q"]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    # Watson and her five articles: in the typed graph her co-authors are two links away,
    # through a joint article (the coauthors network has them one link away).
    assert result.output == f"wrote {out}: 6 nodes, 5 edges\n"
    assert "Emma Watson: 1 link around it" in out.read_text("utf-8")
    terms = tmp_path / "terms.html"
    args = ["view", str(LISTING), "--focus", "mental health service", "--network", "terms",
            "-o",
            str(terms), "-q"]  # fmt: skip
    assert runner.invoke(cli, args).exit_code == 0 and terms.stat().st_size > 0
    missing = runner.invoke(cli, ["view", str(LISTING), "--focus", "Nobody", "-o", str(out)])
    assert missing.exit_code == 1 and "no node has the id or label 'Nobody'" in missing.output


def test_build_caps_colours_and_sizes_views(runner, tmp_path) -> None:
    args = ["build", str(LISTING), "--out", str(tmp_path), "--max-nodes", "5",
            "--color-by", "pagerank", "--size-by", "degree", "-q"]  # fmt: skip
    assert runner.invoke(cli, args).exit_code == 0
    page = (tmp_path / "coauthors.html").read_text("utf-8")
    assert (
        "Showing the top nodes by degree: 5 of 14 nodes (9 left out" in page
        and "pagerank 0" in page
    )
    bad = runner.invoke(cli, ["build", str(LISTING), "--color-by", "nonsense"])
    assert bad.exit_code == 2


def test_profile_times_every_stage(runner, tmp_path) -> None:
    result = runner.invoke(cli, ["build", str(LISTING), "--out", str(tmp_path), "-q", "--profile"])
    assert result.exit_code == 0, result.output
    table = result.stderr
    for stage in ("reading records", "term map", "communities and metrics",
                  "drawing terms.html", "writing index.html", "total"):  # fmt: skip
        assert stage in table, stage
    quiet = runner.invoke(cli, ["info", str(LISTING), "-q"])
    assert "peak_mb" not in quiet.stderr  # no table without --profile


def test_problems_csv_lists_every_problem(runner, tmp_path) -> None:
    out = tmp_path / "problems.csv"
    broken = str(DATA / "listing" / "broken.txt")
    result = runner.invoke(cli, ["info", broken, "--problems", str(out)])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    skipped = [r for r in rows if r["skipped"] == "True"]
    assert len(skipped) == 2
    assert skipped[0]["file"].endswith("broken.txt") and skipped[0]["line"] == "10"
    assert skipped[0]["message"] == "record has neither a title nor authors"
    folder = runner.invoke(cli, ["info", broken, "--problems", str(tmp_path)])
    assert folder.exit_code == 1 and "is a folder" in folder.output


def test_profile_json_names_every_stage_in_order(runner, tmp_path) -> None:
    from graph.pipeline import ANALYSIS_STAGES

    target = tmp_path / "profile.json"
    args = ["build", str(LISTING), "--out", str(tmp_path / "out"), "-q", "--profile-json",
            str(target)]  # fmt: skip
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    stages = [row["stage"] for row in json.loads(target.read_text("utf-8"))["stages"]]
    assert stages[: 1 + len(ANALYSIS_STAGES)] == ["reading records", *ANALYSIS_STAGES]
    assert stages[-3:] == ["writing index.html", "writing the store (Parquet)", "total"]
    assert "peak_mb" not in result.stderr  # the JSON file replaces the printed table


def _terminal(monkeypatch) -> io.StringIO:
    """Make the CLI's progress console a terminal that writes into a buffer."""
    from rich.console import Console

    import graph.cli

    buffer = io.StringIO()
    monkeypatch.setattr(graph.cli, "_err", Console(file=buffer, force_terminal=True, width=120))
    return buffer


def test_progress_bar_counts_the_stages_on_a_terminal(runner, tmp_path, monkeypatch) -> None:
    from graph.pipeline import ANALYSIS_STAGES

    buffer = _terminal(monkeypatch)
    result = runner.invoke(cli, ["build", str(LISTING), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    shown = buffer.getvalue()
    assert "communities and metrics" in shown and "drawing graph.html" in shown
    assert f"0/{1 + len(ANALYSIS_STAGES)}" in shown  # the bar's total is the stage count
    # One bar for the whole build: once the views are known it grows to take them and the
    # store, and it never starts again from 0.
    from graph.pipeline import analyse, load, output_stages

    whole = 1 + len(ANALYSIS_STAGES) + len(output_stages(analyse(load([str(LISTING)])))) + 1
    assert f"/{whole}" in shown
    assert re.search(rf"(?<!\d)0/{whole}", shown) is None
    assert "━" in shown


def test_long_stages_say_how_far_they_have_got(runner, tmp_path, monkeypatch) -> None:
    buffer = _terminal(monkeypatch)
    wos = DATA / "wos" / "savedrecs-optics-3.txt"
    result = runner.invoke(cli, ["build", str(LISTING), str(wos), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    shown = buffer.getvalue()
    assert "reading records: file 1/2" in shown and "reading records: file 2/2" in shown
    # Eight networks are measured when the records have references, each named as it
    # starts; the term map is measured in its own stage, once the tagger is done.
    assert "communities and metrics: typed (1/8)" in shown
    assert "communities and metrics: cocitation (8/8)" in shown
    assert "terms (" not in shown


def test_progress_bar_is_quiet_with_quiet(runner, tmp_path, monkeypatch) -> None:
    buffer = _terminal(monkeypatch)
    result = runner.invoke(cli, ["build", str(LISTING), "--out", str(tmp_path), "-q"])
    assert result.exit_code == 0, result.output
    assert buffer.getvalue() == ""


def test_an_internal_error_asks_for_a_bug_report(runner, monkeypatch, tmp_path) -> None:
    import graph.pipeline

    fresh = tmp_path / "listing.txt"  # no cached build of it: info reads the records
    fresh.write_bytes(LISTING.read_bytes())

    def broken(*_, **__):
        raise RuntimeError("a bug")

    monkeypatch.setattr(graph.pipeline, "assemble", broken)
    result = runner.invoke(cli, ["info", str(fresh), "-q"])
    assert isinstance(result.exception, RuntimeError)
    assert "this is a bug, not a problem with your records" in result.stderr
    user_error = runner.invoke(cli, ["info", "no/such/file"])
    assert "bug" not in user_error.output


def test_an_unreadable_input_says_so(runner, monkeypatch, tmp_path) -> None:
    import pathlib

    locked = tmp_path / "locked.ris"
    locked.write_bytes(LISTING.read_bytes())
    real = pathlib.Path.read_bytes

    def read_bytes(self):
        if self == locked:  # chmod 000 does not stop root, who runs CI
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(pathlib.Path, "read_bytes", read_bytes)
    result = runner.invoke(cli, ["info", str(locked)])
    assert (result.exit_code, result.output) == (
        1,
        f"Error: {locked}: cannot be read (check its permissions)\n",
    )


@pytest.mark.parametrize(
    ("where", "error", "said"),
    [
        ("mkstemp", PermissionError(13, "Permission denied"), "cannot be written (permission denied)"),
        ("mkstemp", OSError(30, "Read-only file system"), "cannot be written: Read-only file system"),
        ("write", OSError(28, "No space left on device"), "cannot be written: No space left on device"),
    ],
)  # fmt: skip
def test_an_output_that_cannot_be_written_says_so(
    runner, monkeypatch, tmp_path, where: str, error: OSError, said: str
) -> None:
    import pathlib
    import tempfile

    def fail(*_, **__):
        raise error

    out = tmp_path / "out"
    runner.invoke(cli, ["build", str(LISTING), "--out", str(out), "-q"])
    before = (out / "summary.json").read_bytes()
    monkeypatch.setattr(
        *((tempfile, "mkstemp") if where == "mkstemp" else (pathlib.Path, "write_text")), fail
    )
    result = runner.invoke(cli, ["build", str(LISTING), "--out", str(out), "-q", "--seed", "7"])
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and said in result.output
    assert result.output.count("\n") == 1 and "Traceback" not in result.output
    assert (out / "summary.json").read_bytes() == before  # the old file stays whole
    assert not list(out.glob(".*.tmp"))


def test_cpm_without_leiden_fails_before_any_work(runner, tmp_path) -> None:
    out = tmp_path / "out"
    args = ["build", str(LISTING), "-o", str(out), "--communities", "louvain", "--quality", "cpm"]
    result = runner.invoke(cli, args)
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == "Error: --quality cpm needs --communities leiden"
    assert not out.exists()
