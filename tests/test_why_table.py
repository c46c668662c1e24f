"""``why``'s table shows the first ten of each kind of evidence and says how many more
there are; ``--all``, ``--csv`` and ``--json`` list every one. Text columns of a table
read from the left, number columns line up on the right."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.cli import cli
from tests.conftest import DATA, LISTING, build_of

WOS = DATA / "terms" / "wos-many-authors-120.txt"
# Two articles of this real WoS file that cite 16 references in common.
FIRST, SECOND = "article:doi:10.1016/s0005-7967(00)00011-5", "article:doi:10.1023/a:1015207428675"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_of(tmp_path_factory, "built", WOS, LISTING)


def _why(built: Path, *extra: str) -> str:
    result = CliRunner().invoke(cli, ["why", FIRST, SECOND, str(built), *extra], terminal_width=200)
    assert result.exit_code == 0, result.output
    return result.stdout


def _evidence(table: str, kind: str) -> list[str]:
    return [line.split("│")[2].strip() for line in table.splitlines()
            if line.split("│")[0].strip() == kind]  # fmt: skip


def test_the_table_shows_ten_shared_references_and_counts_the_rest(built: Path) -> None:
    shown = _evidence(_why(built), "shared reference")
    assert len(shown) == 11
    assert shown[-1] == "… 6 more: --all, --json or --csv lists every one"
    every = _evidence(_why(built, "--all"), "shared reference")
    assert len(every) == 16 and every[:10] == shown[:10] and not any("more:" in e for e in every)


def test_csv_and_json_list_every_shared_reference(built: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(_why(built, "--csv"))))
    assert sum(row["evidence"] == "shared reference" for row in rows) == 16
    assert len(json.loads(_why(built, "--json"))["shared_references"]) == 16


def test_text_columns_read_from_the_left_and_numbers_from_the_right(built: Path) -> None:
    result = CliRunner().invoke(cli, ["topics", str(built), "--top", "1"], terminal_width=300)
    header, _, first = result.stdout.splitlines()[:3]
    cells = dict(zip((h.strip() for h in header.split("┃")), first.split("│"), strict=True))
    assert cells["name"].startswith(" ") and not cells["name"].startswith("  ")
    assert cells["size"].endswith(" ") and not cells["size"].endswith("  ")
    stats = CliRunner().invoke(cli, ["stats", str(built)], terminal_width=300).stdout
    nodes = next(line for line in stats.splitlines() if line.startswith(" nodes "))
    assert nodes.split("│")[-1].startswith("  ")  # the terms network's count, on the right
