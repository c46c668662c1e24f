"""The second process a large build writes its files and store in (graph.forked)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph import measuring, results
from graph.cli import cli
from graph.errors import OutputError
from graph.forked import Forked, can_fork
from graph.pipeline import analyse, load
from graph.results import SECOND_PROCESS_STAGE, build_stages, write_build

from .conftest import LISTING

pytestmark = pytest.mark.skipif(not can_fork(), reason="this platform does not fork")


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}  # fmt: skip


def test_two_processes_write_the_same_bytes_as_one(tmp_path: Path) -> None:
    result = analyse(load([str(LISTING)]))
    heard: list[str] = []
    one = write_build(result, tmp_path / "one", parallel=False)
    two = write_build(result, tmp_path / "two", parallel=True, detail=heard.append)
    assert [p.name for p in one] == [p.name for p in two]
    first, second = _files(tmp_path / "one"), _files(tmp_path / "two")
    assert len(first) > 20
    assert first == second
    assert heard == ["writing graph.graphml", "writing metrics.json and summary.json",
                     "writing index.html", "writing the store (Parquet)"]  # fmt: skip


def test_stages_and_timings_of_the_second_process(tmp_path: Path) -> None:
    result = analyse(load([str(LISTING)]))
    said: list[str] = []
    rows: list[dict[str, object]] = []
    write_build(result, tmp_path, said.append, parallel=True, timings=rows.extend)
    assert said == build_stages(result, parallel=True)
    assert said[-1] == SECOND_PROCESS_STAGE
    assert [r["stage"] for r in rows] == [
        "writing graph.graphml (second process)",
        "writing metrics.json and summary.json (second process)",
        "writing index.html (second process)",
        "writing the store (Parquet) (second process)",
    ]
    assert all(isinstance(r["seconds"], float) for r in rows)


def test_an_error_in_the_second_process_is_raised_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_: object) -> Path:
        raise OutputError(str(tmp_path / "store"), "cannot be written", "free some space")

    monkeypatch.setattr(results, "save_store", refuse)
    result = analyse(load([str(LISTING)]))
    with pytest.raises(OutputError) as raised:
        write_build(result, tmp_path, parallel=True)
    assert str(raised.value) == f"{tmp_path / 'store'}: cannot be written (free some space)"
    assert (tmp_path / "coauthors.html").exists()  # the views were drawn meanwhile


def test_a_second_process_that_dies_is_reported() -> None:
    died = pytest.raises(RuntimeError, match=r"second process died \(exit 3")
    with died, Forked(lambda _: os._exit(3)) as running:
        running.wait(lambda _: None)


def test_a_failure_in_the_parent_stops_the_child(tmp_path: Path) -> None:
    marker = tmp_path / "late"

    def slow(_: object) -> None:
        import time

        time.sleep(2)
        marker.write_text("still ran")

    with pytest.raises(KeyError), Forked(slow):
        raise KeyError("drawing failed")
    assert not marker.exists()


def test_build_profile_lists_the_second_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(results, "SECOND_PROCESS_ARTICLES", 1)
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", str(LISTING), "-o", str(out), "--profile"])
    assert result.exit_code == 0, result.output
    assert "writing the store (Parquet) (second process)" in result.output
    assert SECOND_PROCESS_STAGE in result.output
    assert (out / "store").is_dir() and (out / "graph.graphml").is_file()


def test_measuring_half_the_networks_in_a_second_process_changes_no_byte(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Three real WoS records that cite each other's references: coupling, co-citation and
    # the citation network are all measured, so all of BESIDE runs in the second process.
    records = [str(Path(__file__).parent / "data" / "wos" / "savedrecs-optics-3.txt"), str(LISTING)]
    one = analyse(load(records))
    monkeypatch.setattr(measuring, "BESIDE_ARTICLES", 0)
    heard: list[str] = []
    two = analyse(load(records), detail=heard.append)
    assert [line for line in heard if line.endswith("(second process)")] == [
        "communities and metrics: typed (1/8) (second process)",
        "communities and metrics: issue_authors (4/8) (second process)",
        "communities and metrics: issue_topic (5/8) (second process)",
        "communities and metrics: citation (6/8) (second process)",
        "communities and metrics: coupling (7/8) (second process)",
        "communities and metrics: cocitation (8/8) (second process)",
    ]
    assert two.coupling.number_of_edges() > 0
    assert two.networks == one.networks
    write_build(one, tmp_path / "one", parallel=False)
    write_build(two, tmp_path / "two", parallel=False)
    first, second = _files(tmp_path / "one"), _files(tmp_path / "two")
    assert len(first) > 20
    assert first == second


_OPENMP_AFTER_FORK = """
import igraph
from scipy import sparse
from graph.analysis.similarity import row_best
from graph.forked import Forked

g = igraph.Graph.Ring(20000)
g.pagerank()  # PRPACK starts OpenMP's threads in this process
X = sparse.random(3000, 300, density=0.05, format="csr", random_state=1)
links = lambda: sum(len(cols) for _, cols, _ in row_best(X, 5, 0.01))
here = links()  # and so does sparse_dot_topn, on two threads
with Forked(lambda say: (round(sum(g.pagerank()), 6), links() == here)) as child:
    print(child.wait(print))
"""


def test_openmp_in_the_second_process_after_the_first_used_it() -> None:
    # OpenMP's pool does not survive a fork: without the child's one-thread limit, its
    # PageRank (and sparse_dot_topn's product, given two threads) waited for ever on the
    # threads it inherited the bookkeeping of.
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", _OPENMP_AFTER_FORK], capture_output=True,
                          text=True, timeout=60)  # fmt: skip
    assert (done.returncode, done.stdout) == (0, "(1.0, True)\n"), done.stderr
