"""The benchmark corpus generator writes files every reader takes without a problem."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from graph import analyse, load
from tests.conftest import DATA, ROOT

SOURCE = DATA / "wos" / "savedrecs-optics-3.txt"


def _make_corpus():  # benchmarks/ is not a package: load the script as a module
    spec = importlib.util.spec_from_file_location(
        "make_corpus", ROOT / "benchmarks" / "make_corpus.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_corpus"] = module
    spec.loader.exec_module(module)
    return module


def test_wos_corpus_reads_cleanly_with_citations_inside(tmp_path: Path) -> None:
    files = _make_corpus().generate(SOURCE, 40, "wos", tmp_path / "wos", seed=3)
    loaded = load([str(f) for f in files])
    result = analyse(loaded)
    assert result.loaded.problems == []
    assert len(loaded.articles) == 40
    assert len(result.duplicates) == 0  # every record has its own DOI
    cites = result.citations.number_of_edges()
    assert cites > 0  # synthetic articles cite earlier ones by DOI


def test_openalex_corpus_reads_cleanly_and_matches_the_wos_one(tmp_path: Path) -> None:
    make = _make_corpus()
    files = make.generate(SOURCE, 40, "openalex", tmp_path / "oa", seed=3)
    loaded = load([str(f) for f in files])
    result = analyse(loaded)
    assert result.loaded.problems == []
    assert len(loaded.articles) == 40
    assert result.citations.number_of_edges() > 0
    wos = load([str(f) for f in make.generate(SOURCE, 40, "wos", tmp_path / "wos", seed=3)])
    # The same seed gives the same records in both formats, abstracts through OpenAlex's
    # inverted index included.
    texts = sorted((a.doi, a.abstract) for a in loaded.articles)
    assert texts == sorted((a.doi, a.abstract) for a in wos.articles)
    assert any(abstract for _, abstract in texts)


def test_same_seed_same_bytes(tmp_path: Path) -> None:
    make = _make_corpus()
    first = make.generate(SOURCE, 30, "wos", tmp_path / "a", seed=5)
    second = make.generate(SOURCE, 30, "wos", tmp_path / "b", seed=5)
    assert [f.read_bytes() for f in first] == [f.read_bytes() for f in second]
