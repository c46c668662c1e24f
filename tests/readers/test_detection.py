"""Detection reads the content, CSVs are told apart by their columns, and text in any
common encoding is decoded as it was written (issue #16, points 1, 2 and 5)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.cli import cli
from graph.errors import NoRecords, UnknownLayout
from graph.readers import choose, decode, parse_file, read
from graph.readers.csvtable import from_columns, split_run_on
from tests.conftest import DATA

IEEE = DATA / "ieee" / "litstudy-3.csv"
SCOPUS = DATA / "scopus" / "litstudy-3.csv"
WOS = DATA / "wos" / "savedrecs-optics-3.txt"


def _rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))


def _write(path: Path, rows: list[list[str]], delimiter: str = ",") -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, delimiter=delimiter).writerows(rows)
    return path


def _summary(path: Path, **options) -> list[tuple]:
    _, articles, _ = parse_file(str(path), **options)
    return [(a.title, [x.name for x in a.authors], a.year, a.doi, a.journal) for a in articles]


def test_content_wins_over_the_suffix_and_a_note_says_so(tmp_path: Path) -> None:
    saved = tmp_path / "saved.ris"
    saved.write_bytes(WOS.read_bytes())
    name, articles, problems = parse_file(str(saved))
    assert (name, len(articles)) == ("wos", 3)
    assert [p.message for p in problems] == ["named .ris but its content is wos: read as wos"]
    assert problems[0].skipped is False


def test_the_suffix_breaks_a_tie_between_readers_the_content_fits() -> None:
    reader, note = choose("x.csv", "Authors,Title,Year,Source title\n")
    assert (reader.NAME, note) == ("scopus", None)


@pytest.mark.parametrize("delimiter", [";", "\t"])
@pytest.mark.parametrize("fixture", [IEEE, SCOPUS], ids=["ieee", "scopus"])
def test_a_csv_reads_the_same_whatever_its_delimiter(
    fixture: Path, delimiter: str, tmp_path: Path
) -> None:
    resaved = _write(tmp_path / "resaved.csv", _rows(fixture), delimiter)
    name, _, problems = parse_file(str(resaved))
    assert name == parse_file(str(fixture))[0]
    assert [p for p in problems if p.skipped] == []
    assert not [p for p in problems if "quote" in p.message]
    assert _summary(resaved) == _summary(fixture)


def test_a_dimensions_style_note_above_the_header_is_passed_over(tmp_path: Path) -> None:
    text = IEEE.read_text(encoding="utf-8")
    noted = tmp_path / "noted.csv"
    noted.write_text('"About the data: Exported on Dec 02, 2026."\n' + text, encoding="utf-8")
    assert _summary(noted) == _summary(IEEE)
    assert parse_file(str(noted))[1][0].line == 3


def _unknown(tmp_path: Path) -> Path:
    rows = _rows(IEEE)
    picked = [[r[0], r[1], r[5], r[13]] for r in rows]
    picked[0] = ["Paper", "Who", "When", "Identifier"]
    return _write(tmp_path / "custom.csv", picked)


def test_a_csv_in_no_known_layout_names_its_columns(tmp_path: Path) -> None:
    with pytest.raises(UnknownLayout) as err:
        parse_file(str(_unknown(tmp_path)))
    assert "(columns: Paper, Who, When, Identifier)" in str(err.value)
    result = CliRunner().invoke(cli, ["info", str(tmp_path / "custom.csv")])
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {tmp_path / 'custom.csv'}: is a CSV in no layout citegraph knows (columns: "
        "Paper, Who, When, Identifier) (name them: --columns title=…,authors=…,year=…,doi=…)\n"
    )


def test_columns_read_a_csv_no_layout_knows(tmp_path: Path) -> None:
    path = _unknown(tmp_path)
    layout = from_columns("title=Paper,authors=Who,year=When,doi=Identifier")
    assert [s[:4] for s in _summary(path, layout=layout)] == [s[:4] for s in _summary(IEEE)]
    result = CliRunner().invoke(
        cli, ["info", str(path), "--columns", "title=Paper,authors=Who,year=When,doi=Identifier"]
    )
    assert result.exit_code == 0, result.output
    assert f"  {path} (csv): 3 records, 3 articles, 0 duplicates, 0 problems" in result.stdout


def test_columns_that_the_file_lacks_are_an_error(tmp_path: Path) -> None:
    path = _unknown(tmp_path)
    result = CliRunner().invoke(cli, ["info", str(path), "--columns", "title=Paper,authors=X"])
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {path}: has no column 'X' (its columns: Paper, Who, When, Identifier) "
        "(fix --columns)\n"
    )
    with pytest.raises(ValueError, match="'titel=Paper' is not field=Column"):
        from_columns("titel=Paper")
    with pytest.raises(ValueError, match="must name a title, authors or doi"):
        from_columns("year=When")


def test_a_file_that_holds_no_record_is_an_error_or_a_note(tmp_path: Path) -> None:
    empty = tmp_path / "savedrecs.txt"
    empty.write_text("FN Clarivate Analytics Web of Science\nVR 1.0\nEF\n", encoding="utf-8")
    with pytest.raises(NoRecords, match="reads as wos but holds no record"):
        parse_file(str(empty))
    (tmp_path / "records.txt").write_bytes(WOS.read_bytes())
    loaded = read([str(tmp_path)])
    assert [f.path for f in loaded.files] == [str(tmp_path / "records.txt")]
    assert [n.message for n in loaded.notes] == ["reads as wos but holds no record; passed over"]


def test_springer_run_on_author_names_are_split() -> None:
    assert split_run_on("Rasmus AdlerDr. Amel BennaceurAmleto Di SalleHans-Peter Schwefel") == [
        "Rasmus Adler", "Amel Bennaceur", "Amleto Di Salle", "Hans-Peter Schwefel",
    ]  # fmt: skip
    assert split_run_on("Ian MacDonaldMary McAleese") == ["Ian MacDonald", "Mary McAleese"]


# Encodings --------------------------------------------------------------------------------

CJK_BIBTEX = (
    "@article{wang2019,\n  title = {基于深度学习的图像识别方法研究},\n"
    "  author = {王伟 and 李娜},\n  journal = {计算机学报},\n  year = {2019}\n}\n"
)


@pytest.mark.parametrize("encoding", ["gb18030", "gbk"])
def test_a_gbk_bibtex_file_is_read_as_written(encoding: str, tmp_path: Path) -> None:
    path = tmp_path / "cn.bib"
    path.write_bytes(CJK_BIBTEX.encode(encoding))
    _, [article], problems = parse_file(str(path))
    assert (article.title, article.journal) == ("基于深度学习的图像识别方法研究", "计算机学报")
    assert [p.message for p in problems] == [
        "not UTF-8; read as gb18030 (say --encoding if that is wrong)"
    ]


@pytest.mark.parametrize(
    ("encoding", "text"),
    [("big5", "深度學習的圖像識別方法研究"), ("shift_jis", "深層学習による画像認識の研究"),
     ("euc_kr", "딥러닝 기반 이미지 인식 연구")],
)  # fmt: skip
def test_legacy_cjk_encodings_are_detected(encoding: str, text: str) -> None:
    data = f"TY  - JOUR\nTI  - {text}\nPY  - 2020\nER  - \n".encode(encoding)
    decoded, note = decode(data, "x.ris")
    assert text in decoded
    assert note is not None and f"read as {encoding}" in note.message


def test_encoding_option_overrides_detection(tmp_path: Path) -> None:
    path = tmp_path / "cn.bib"
    path.write_bytes(CJK_BIBTEX.encode("gbk"))
    result = CliRunner().invoke(cli, ["info", str(path), "--encoding", "gbk", "--json", "-q"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["articles"] == 1
    text, note = decode(CJK_BIBTEX.encode("gbk"), "x", "gbk")
    assert (text, note.message) == (CJK_BIBTEX, "read as gbk (--encoding)")
    result = CliRunner().invoke(cli, ["info", str(path), "--encoding", "klingon"])
    assert result.exit_code == 2
    assert "'klingon' is not a text encoding Python knows" in result.stderr


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_is_read(codec: str, tmp_path: Path) -> None:
    path = tmp_path / "savedrecs.txt"
    path.write_bytes(WOS.read_text(encoding="utf-8-sig").encode(codec))
    name, articles, problems = parse_file(str(path))
    assert (name, len(articles)) == ("wos", 3)
    endian = "little" if codec.endswith("le") else "big"
    assert problems[0].message == f"read as UTF-16 ({endian}-endian), which has no BOM"


LATIN = st.text(st.characters(min_codepoint=0x20, max_codepoint=0xFF), min_size=4, max_size=300)


@settings(max_examples=200, deadline=None)
@given(LATIN, st.sampled_from(["utf-16-le", "utf-16-be", "utf-8"]))
def test_latin_text_round_trips_through_detection(text: str, codec: str) -> None:
    decoded, _ = decode(text.encode(codec), "x.txt")
    assert decoded == text


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(min_codepoint=1, blacklist_categories=("Cs",)), max_size=300))
def test_utf8_text_without_zero_bytes_is_never_taken_for_utf16(text: str) -> None:
    decoded, _ = decode(text.encode("utf-8"), "x.txt")
    assert decoded == text.removeprefix("\ufeff")


# Smaller losses --------------------------------------------------------------------------


def test_ris_journal_from_jf_or_ja_and_authors_from_a1_and_au() -> None:
    from graph.readers import ris

    text = (
        "TY  - JOUR\nTI  - Full name\nA1  - Watson, Emma\nAU  - Lee, Ann\nAU  - Watson, Emma\n"
        "JF  - Journal of Tests\nJA  - J. Tests\nPY  - 2020\nER  - \n\n"
        "TY  - JOUR\nTI  - Abbreviation only\nAU  - Chan, Bo\nJA  - J. Tests\nPY  - 2021\nER  - \n"
    )
    first, second = ris.parse(text, "x.ris")[0]
    assert [a.name for a in first.authors] == ["Emma Watson", "Ann Lee"]
    assert (first.journal, second.journal) == ("Journal of Tests", "J. Tests")


def test_medline_empty_fau_falls_back_to_au_and_aid_doi_prefix_is_a_doi() -> None:
    from graph.readers import pubmed

    text = (
        "PMID- 1\nTI  - A title.\nFAU - \nAU  - Lee A\nFAU - Watson, Emma\nAU  - Watson E\n"
        "AU  - Chan B\nAID - doi:10.1000/XYZ.1\nDP  - 2020\n"
    )
    [article], problems = pubmed.parse(text, "x.nbib")
    assert [a.name for a in article.authors] == ["A Lee", "Emma Watson", "B Chan"]
    assert article.doi == "10.1000/xyz.1"
    assert problems == []
