"""Every query command answers from a build folder, or from the cached build of record
files, with the same output as from the records."""

from __future__ import annotations

import json
import os
from dataclasses import asdict
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.cache import cache_entry, cached_store
from graph.cli import cli
from graph.export import write_export
from graph.pipeline import analyse, load, network_of
from graph.settings import Settings
from tests.conftest import DATA, LISTING, build_of

WOS = DATA / "wos" / "savedrecs-optics-3.txt"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_of(tmp_path_factory, "built", LISTING, WOS)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


QUERIES = [
    pytest.param(["metrics", "--kind", "author", "--sort", "articles", "--top", "5"], id="metrics"),
    pytest.param(["metrics", "--kind", "article", "--csv"], id="metrics-csv"),
    pytest.param(["metrics", "--json"], id="metrics-json"),
    pytest.param(["stats", "--json"], id="stats"),
    pytest.param(["topics", "--json"], id="topics"),
    pytest.param(["topics", "--term-map", "--top", "3"], id="term-map"),
    pytest.param(["info", "--json"], id="info"),
    pytest.param(["authors", "--json"], id="authors"),
    pytest.param(["dedup-report"], id="dedup-report"),
    pytest.param(["why", "Emma Watson", "Di Hurley", "INPUTS", "--json"], id="why"),
    pytest.param(["suggest", "--author", "Emma Watson", "--json"], id="suggest"),
]


@pytest.mark.parametrize("args", QUERIES)
def test_a_build_folder_answers_as_the_records_do(runner, built, args, tmp_path) -> None:
    # Fresh copies of the records: no cached build of them yet, so they are read and built.
    inputs = []
    for source in (LISTING, WOS):
        (tmp_path / source.name).write_bytes(source.read_bytes())
        inputs.append(str(tmp_path / source.name))
    if "INPUTS" not in args:
        args = [args[0], "INPUTS", *args[1:]]
    at = args.index("INPUTS")
    first = args[0]
    from_records = runner.invoke(cli, [*args[:at], *inputs, *args[at + 1 :], "-q"])
    from_build = runner.invoke(cli, [*args[:at], str(built), *args[at + 1 :], "-q"])
    assert from_records.exit_code == 0, from_records.output
    assert from_build.exit_code == 0, from_build.output
    if first in ("info",):  # the file paths differ; everything else is the same
        records, build = json.loads(from_records.stdout), json.loads(from_build.stdout)
        for document in (records, build):
            for entry in document["files"]:
                entry["path"] = Path(entry["path"]).name
            document.pop("problem_list"), document.pop("notes")
        assert records == build
        return
    assert from_build.stdout == from_records.stdout
    assert from_build.stdout.strip()


def test_metrics_from_a_build_prints_the_exact_table(runner, built) -> None:
    result = runner.invoke(
        cli, ["metrics", str(built), "--kind", "author", "--sort", "articles", "--top", "2",
              "--csv"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("id,label,kind,articles,fractional_articles,first_author")
    assert lines[1].startswith("author:name:watson|e,Emma Watson,author,5,4.25,4,3,2014,2016,")
    assert len(lines) == 3


@pytest.mark.parametrize("to", ["graphml", "gexf", "vosviewer", "json"])
@pytest.mark.parametrize("view", ["all", "coauthors", "coupling"])
def test_export_from_the_store_is_the_export_of_the_analysis(runner, built, tmp_path, to, view):
    target = tmp_path / f"out.{to}"
    result = runner.invoke(cli, ["export", str(built), "--to", to, "--view", view, "-o",
                                 str(target)])  # fmt: skip
    assert result.exit_code == 0, result.output
    direct = tmp_path / f"direct.{to}"
    write_export(network_of(analyse(load([str(LISTING), str(WOS)])), view), to, direct,
                 name=view)  # fmt: skip
    if to in ("json", "vosviewer"):
        # The typed graph's weights are counts on co-author links and similarities on topic
        # links; stored in one float64 column, a count 1 comes back as 1.0. Same numbers.
        assert json.loads(target.read_text("utf-8")) == json.loads(direct.read_text("utf-8"))
    else:
        assert target.read_bytes() == direct.read_bytes()


def test_view_draws_a_neighbourhood_from_the_store(runner, built, tmp_path) -> None:
    target = tmp_path / "watson.html"
    result = runner.invoke(cli, ["view", str(built), "--focus", "Emma Watson", "--network",
                                 "coauthors", "-o", str(target)])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stdout == f"wrote {target}: 4 nodes, 6 edges\n"
    assert "Emma Watson" in target.read_text(encoding="utf-8")


def test_view_from_the_store_imports_neither_ipython_nor_scipy(built, tmp_path) -> None:
    """pyvis's package imports IPython (0.2-0.6 s), and scipy takes 0.2-0.3 s: a view of
    a stored network needs neither, only vis-network's files and a numpy walk."""
    from tests.imports import heavy_imports

    argv = ["view", str(built), "--focus", "Emma Watson", "--depth", "2",
            "-o", str(tmp_path / "v.html")]  # fmt: skip
    heavy = ("IPython", "pyvis", "scipy", "sklearn", "pandas", "polars")
    assert heavy_imports(argv, heavy) == []
    assert "vis-network" in (tmp_path / "v.html").read_text("utf-8")


def test_sql_runs_duckdb_over_the_tables(runner, built) -> None:
    query = ("SELECT p.label, count(*) AS papers FROM authorships a JOIN people p USING (person) "
             "GROUP BY p.label ORDER BY papers DESC, p.label LIMIT 2")  # fmt: skip
    result = runner.invoke(cli, ["sql", str(built), query, "--csv"])
    assert result.exit_code == 0, result.output
    assert result.stdout == "label,papers\nEmma Watson,5\nAimee Sinclair,1\n"
    joined = runner.invoke(cli, ["sql", str(built), "SELECT count(*) AS n FROM coauthors_edges "
                                 "WHERE weight >= 1", "--json"])  # fmt: skip
    assert json.loads(joined.stdout) == [{"n": 12}]


def test_sql_errors_are_one_line(runner, built) -> None:
    result = runner.invoke(cli, ["sql", str(built), "SELECT * FROM nosuchtable"])
    assert result.exit_code == 1
    [line] = result.output.splitlines()
    assert line.startswith(f"Error: {built}: the query failed: Catalog Error")
    assert line.endswith("(citegraph sql --help lists the tables)")
    missing = runner.invoke(cli, ["sql", str(built / "nope"), "SELECT 1"])
    assert missing.output == (f"Error: {built / 'nope'}: holds no citegraph build (run "
                              "citegraph build first, or give record files)\n")  # fmt: skip


def test_sql_help_lists_the_tables_and_columns(runner) -> None:
    result = runner.invoke(cli, ["sql", "--help"])
    assert "  authorships: work, person, position, name, affiliations, countries\n" in result.output
    assert "  coauthors_edges: source, target, weight" in result.output
    assert "  node_metrics:" in result.output


def test_a_bad_output_path_fails_before_any_work(runner, tmp_path) -> None:
    fresh = tmp_path / "listing.txt"
    fresh.write_bytes(LISTING.read_bytes())
    target = tmp_path / "missing" / "dir" / "x.graphml"
    result = runner.invoke(cli, ["export", str(fresh), "--to", "graphml", "-o", str(target)])
    assert result.exit_code == 1
    assert result.output == (f"Error: {target}: cannot be written: its folder does not exist "
                             "(create the folder first)\n")  # fmt: skip
    assert not cache_entry([str(fresh)]).exists()  # nothing was read or built
    on_file = runner.invoke(cli, ["build", str(fresh), "-o", str(fresh)])
    assert on_file.output == (f"Error: {fresh}: is a file, not a folder (give a folder for "
                              "--out)\n")  # fmt: skip


def test_the_cache_is_reused_and_says_why_it_is_rebuilt(runner, tmp_path) -> None:
    fresh = tmp_path / "listing.txt"
    fresh.write_bytes(LISTING.read_bytes())
    settings, read = asdict(Settings()), _read()
    assert cached_store([str(fresh)], settings, read) == (None, "no cached build of these inputs")
    first = runner.invoke(cli, ["stats", str(fresh), "-v"])
    assert first.exit_code == 0
    assert "no cached build of these inputs: building it into the cache\n" in first.stderr
    again = runner.invoke(cli, ["stats", str(fresh), "-v"])
    assert f"answered from the cached build in {cache_entry([str(fresh)])}\n" in again.stderr
    assert again.stdout == first.stdout
    store, why = cached_store([str(fresh)], {**settings, "seed": 7}, read)
    assert (store, why) == (None, "settings changed (seed: 42 → 7)")
    fresh.write_text(LISTING.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert cached_store([str(fresh)], settings, read) == (
        None,
        f"{fresh} changed since the cached build",
    )
    rebuilt = runner.invoke(cli, ["stats", str(fresh), "-v"])
    assert f"{fresh} changed since the cached build: building it into the cache" in rebuilt.stderr


def _read() -> dict[str, object]:
    return {"format": None, "journal": None, "authors_map": None, "max_field": 2_000_000,
            "max_input_mb": 2048}  # fmt: skip


def test_a_build_folder_with_other_inputs_is_an_error(runner, built) -> None:
    result = runner.invoke(cli, ["metrics", str(built), str(LISTING)])
    assert result.output == (f"Error: {built}: is a citegraph build (give it alone, or give "
                             "only record files)\n")  # fmt: skip


def test_strict_still_stops_on_problems_answered_from_a_store(runner, tmp_path) -> None:
    broken = tmp_path / "broken.txt"
    broken.write_text(
        LISTING.read_text(encoding="utf-8") + "\n2019\nVol 1 (1)\n\n\n", encoding="utf-8"
    )
    out = tmp_path / "out"
    assert runner.invoke(cli, ["build", str(broken), "-o", str(out), "-q"]).exit_code == 0
    strict = runner.invoke(cli, ["stats", str(out), "--strict", "-q"])
    assert strict.exit_code == 1
    assert strict.output.endswith("records could not be read (--strict)\n")
    assert os.path.isdir(out / "store")
