"""Shared fixtures: the bundled listing and small real fixtures under tests/data."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph import Analysis, analyse, load

ROOT = Path(__file__).resolve().parent.parent
LISTING = ROOT / "data" / "peer-support-listing.txt"
DATA = ROOT / "tests" / "data"
SCHEMAS = ROOT / "tests" / "schemas"
"""The GraphML 1.0 and GEXF 1.3 XSDs, copied from ``shared/schemas/`` byte for byte."""
SHARED = ROOT.parent / "shared" / "data"


def build_each(factory: pytest.TempPathFactory, sources: dict[str, Path]) -> dict[str, Path]:
    """``citegraph build`` of each source that exists, each into a folder of its own:
    source name → build folder (the consumer and schema tests export from these)."""
    from click.testing import CliRunner

    from graph.cli import cli

    builds = {}
    for name, source in sources.items():
        if source.exists():
            folder = factory.mktemp(name)
            result = CliRunner().invoke(cli, ["build", str(source), "--out", str(folder)])
            assert result.exit_code == 0, result.output
            builds[name] = folder
    return builds


def build_of(factory: pytest.TempPathFactory, name: str, *sources: Path) -> Path:
    """``citegraph build`` of ``sources`` together, quietly, into a new folder ``name``."""
    from click.testing import CliRunner

    from graph.cli import cli

    out = factory.mktemp(name)
    result = CliRunner().invoke(cli, ["build", *map(str, sources), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    return out


def export(build: Path, view: str, to: str, path: Path) -> Path:
    """``citegraph export`` of network ``view`` of ``build`` as ``to``, at ``path``."""
    from click.testing import CliRunner

    from graph.cli import cli

    result = CliRunner().invoke(
        cli, ["export", str(build), "--to", to, "--view", view, "-o", str(path)]
    )
    assert result.exit_code == 0, result.output
    return path


def is_record(path: str) -> bool:
    """Whether a file under tests/data is a record fixture: not its PROVENANCE.md, nor a
    judged term list (``terms/judged-*.tsv``, for repeating the term-map hand count)."""
    return not path.endswith(".md") and not Path(path).name.startswith("judged-")


@pytest.fixture(autouse=True, scope="session")
def _build_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Query commands given record files build into a cache: the tests' goes under their
    own temporary folder, never the user's ~/.cache."""
    import os

    os.environ["CITEGRAPH_CACHE"] = str(tmp_path_factory.mktemp("cache"))


@pytest.fixture(scope="session")
def listing_text() -> str:
    return LISTING.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def listing_analysis() -> Analysis:
    return analyse(load([str(LISTING)]))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--fuzz-long",
        action="store_true",
        help="Run the fuzz suite (tests/fuzz) with 10,000 inputs per reader instead of 200.",
    )
