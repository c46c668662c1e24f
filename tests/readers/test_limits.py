"""Size limits: oversized fields are cut and noted in every format, oversized files and
decompression bombs stop with one clear error, and huge teams add no co-author clique."""

from __future__ import annotations

import bz2
import gzip
import lzma
import re
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.analysis.coauthors import coauthorship_graph
from graph.cli import cli
from graph.errors import InputTooLarge
from graph.models import Article
from graph.readers import Limits, expand, parse_file, read_bytes
from graph.readers._limits import cut_long_fields, cut_long_lines
from tests.conftest import DATA, LISTING, is_record

FIXTURES = sorted(
    p for p, _ in expand([str(DATA), str(LISTING)]) if "/hostile/" not in p and is_record(p)
)
SMALL = Limits(max_field=20_000)


def _longest_text(article: Article) -> int:
    texts = [article.title, article.abstract, article.journal, article.doi, article.pages]
    texts += [*article.sections.values(), *article.ids.values(), *article.keywords]
    texts += [r.raw for r in article.references]
    texts += [t for a in article.authors for t in (a.name, a.family, a.given)]
    return max(len(t) for t in texts if t)


def _texts(article: Article) -> str:
    return " ".join([article.abstract or "", *article.sections.values(), article.title or ""])


def _inflate_first_record(path: str, tmp_path: Path, extra: int) -> tuple[Path, str]:
    """A copy of ``path`` whose first abstract (or title) has ``extra`` letters glued to
    one of its words."""
    _, articles, _ = parse_file(path)
    raw = Path(path).read_bytes()
    for word in re.findall(r"[A-Za-z]{5,}", _texts(articles[0])):
        if word.encode() in raw and f"<{word}".encode() not in raw:  # not an XML tag name
            copy = tmp_path / Path(path).name
            copy.write_bytes(raw.replace(word.encode(), (word + "q" * extra).encode(), 1))
            return copy, word
    pytest.skip(f"{path}: no word of the first record found verbatim")


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: Path(p).name)
def test_a_huge_field_is_cut_and_noted_and_no_record_is_lost(path: str, tmp_path: Path) -> None:
    name, before, _ = parse_file(path)
    copy, word = _inflate_first_record(path, tmp_path, 200_000)
    again, after, notes = parse_file(str(copy), limits=SMALL)
    assert again == name
    assert len(after) == len(before)
    assert all(_longest_text(a) <= SMALL.max_field for a in after)
    cut = [n for n in notes if "(--max-field)" in n.message]
    assert cut and all(not n.skipped and n.line is not None for n in cut)
    assert any(word + "qqq" in _texts(a) for a in after)


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: Path(p).name)
def test_the_default_limit_changes_nothing_in_real_records(path: str) -> None:
    _, articles, notes = parse_file(path)
    assert not [n for n in notes if "--max-field" in n.message]
    _, unlimited, _ = parse_file(path, limits=Limits(max_field=10**9))
    assert articles == unlimited


def test_a_50_mb_field_is_cut_to_the_default_limit(tmp_path: Path) -> None:
    big = "lorem ipsum dolor sit amet " * 2_000_000
    path = tmp_path / "big.txt"
    path.write_text(
        "FN Clarivate Analytics Web of Science\nVR 1.0\n"
        f"PT J\nAF Watson, Emma\nTI Big\nAB {big}\nPY 2015\nER\n\n"
        "PT J\nAF Lambert, Marissa\nTI Small\nPY 2016\nER\nEF\n",
        encoding="utf-8",
    )
    _, articles, notes = parse_file(str(path))
    assert [a.title for a in articles] == ["Big", "Small"]
    assert len(articles[0].abstract or "") <= Limits().max_field
    assert (articles[0].abstract or "").startswith("lorem ipsum dolor")
    assert [(n.line, n.message.split(" cut")[0]) for n in notes] == [
        (6, f"line of {len(big) + 3:,} characters"),
        (3, "abstract"),
    ]
    assert articles[1].year == 2016


def test_json_strings_are_cut_once_parsed(tmp_path: Path) -> None:
    path = tmp_path / "works.jsonl"
    title = "x" * 5000
    path.write_text(
        f'{{"id": "https://openalex.org/W1", "title": "{title}", "publication_year": 2015}}\n'
        '{"id": "https://openalex.org/W2", "title": "Small", "publication_year": 2016}\n',
        encoding="utf-8",
    )
    name, articles, notes = parse_file(str(path), limits=Limits(max_field=1000))
    assert name == "openalex"
    assert [len(a.title or "") for a in articles] == [1000, 5]
    assert [str(n) for n in notes] == [
        f"{path}:1 title cut from 5,000 to 1,000 characters (--max-field)"
    ]


@settings(max_examples=200, deadline=None)
@given(
    lines=st.lists(
        st.text(alphabet=st.characters(exclude_characters="\n"), max_size=300), min_size=1
    ),
    limit=st.integers(4, 250),
)
def test_cut_long_lines_bounds_every_line_and_keeps_the_others(
    lines: list[str], limit: int
) -> None:
    text = "\n".join(lines)
    cut, cuts = cut_long_lines(text, limit)
    out = cut.split("\n")
    assert len(out) == len(lines)
    assert all(len(line) <= limit for line in out)
    assert [(n + 1, len(line)) for n, line in enumerate(lines) if len(line) > limit] == cuts
    for before, after in zip(lines, out, strict=True):
        if len(before) <= limit:
            assert after == before
        else:
            assert after.startswith(before[: max(limit - min(100, limit // 4) - 3, 0)])


def test_every_kind_of_text_field_is_cut() -> None:
    long = "z" * 50
    article = Article(
        title=long, abstract=long, sections={"Purpose": long}, keywords=[long, "ok"],
        ids={"wos": long}, references=[{"raw": long, "doi": "10.1/x"}],
        authors=[{"name": long, "family": long}], line=7,
    )  # fmt: skip
    [cut], [note] = cut_long_fields([article], 10, "x")
    assert _longest_text(cut) == 10
    assert cut.keywords == ["z" * 10, "ok"] and cut.references[0].doi == "10.1/x"
    assert note.message == (
        "abstract, authors, ids, keywords, references, sections, title cut from 50 to 10 "
        "characters (--max-field)"
    )


@pytest.mark.parametrize(
    ("suffix", "compress"),
    [(".gz", gzip.compress), (".xz", lzma.compress), (".bz2", bz2.compress)],
)
def test_a_decompression_bomb_stops_at_the_limit(suffix: str, compress, tmp_path: Path) -> None:
    path = tmp_path / f"bomb.ris{suffix}"
    path.write_bytes(compress(b"TY  - JOUR\n" + b"\0" * (3 * 1024 * 1024)))
    assert path.stat().st_size < 100_000
    with pytest.raises(InputTooLarge, match="decompresses to more than 2 MB"):
        read_bytes(str(path), 2 * 1024 * 1024)
    assert read_bytes(str(path), 4 * 1024 * 1024).startswith(b"TY  - JOUR")


def test_a_file_over_the_input_limit_is_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "big.ris"
    path.write_bytes(b"TY  - JOUR\nTI  - T\nER  - \n" * 60_000)
    result = CliRunner().invoke(cli, ["info", str(path), "--max-input-mb", "1"])
    assert result.exit_code == 1
    assert result.output == (
        f"Error: {path}: is more than 1 MB (split it, or raise --max-input-mb)\n"
    )
    assert CliRunner().invoke(cli, ["info", str(path)]).exit_code == 0


def test_a_huge_team_adds_no_coauthor_clique() -> None:
    G = nx.DiGraph()
    G.add_nodes_from(["big", "small"], kind="article")
    team = [f"a{i}" for i in range(6)]
    G.add_nodes_from(team, kind="author")
    G.add_edges_from([(a, "big") for a in team], kind="authored")
    G.add_edges_from([("a0", "small"), ("a1", "small")], kind="authored")
    capped = coauthorship_graph(G, max_team=5)
    assert sorted(capped.edges) == [("a0", "a1")] and capped.graph["over_max_team"] == 1
    assert coauthorship_graph(G, max_team=None).number_of_edges() == 15
    assert coauthorship_graph(G, max_team=6).graph["over_max_team"] == 0
