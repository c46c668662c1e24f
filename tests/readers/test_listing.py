"""The journal listing reader, on the bundled sample and on broken records."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.readers import listing, parse_file
from tests.conftest import DATA, LISTING


@pytest.fixture(scope="module")
def parsed(listing_text: str) -> tuple[list, list]:
    return listing.parse(listing_text, str(LISTING))


def test_reads_eleven_records_and_no_problems(parsed) -> None:
    articles, problems = parsed
    assert len(articles) == 11
    assert problems == []  # the page's own text at the end is not a problem


def test_only_the_first_record_has_a_title(parsed) -> None:
    articles, _ = parsed
    assert articles[0].title == "A day in the life of a peer support worker: beginnings"
    assert [a.title for a in articles[1:]] == [None] * 10
    assert articles[1].label == "Watson 2016, 20(3):149–152"


def test_fourteen_distinct_authors_with_clean_names(parsed) -> None:
    articles, _ = parsed
    names = {author.name for article in articles for author in article.authors}
    assert len(names) == 14
    assert {"Emma Watson", "Nicole S. Gevaux", "Di Hurley", "Helen Oldknow"} <= names
    assert not any("◽" in n or "\u00a0" in n or n != n.strip() for n in names)


def test_author_order_is_kept(parsed) -> None:
    articles, _ = parsed
    team = next(a for a in articles if a.volume == "9")
    assert [a.name for a in team.authors] == [
        "Marissa Lambert",
        "Rachael Matharoo",
        "Emma Watson",
        "Helen Oldknow",
    ]


def test_eleven_distinct_issues(parsed) -> None:
    articles, _ = parsed
    issues = {(a.year, a.volume, a.issue) for a in articles}
    assert len(issues) == 11
    assert (2014, "9", "4") in issues and (2020, "24", "1") in issues


def test_pages_and_years(parsed) -> None:
    articles, _ = parsed
    assert [a.pages for a in articles[:2]] == ["169-173", "149-152"]
    assert sorted({a.year for a in articles}) == [2014, 2015, 2016, 2018, 2020]


def test_glued_labels_are_split_into_sections(parsed) -> None:
    articles, _ = parsed
    sinclair = next(a for a in articles if a.authors[0].name == "Aimee Sinclair")
    assert (sinclair.year, sinclair.volume, sinclair.issue) == (2018, "13", "3")
    assert list(sinclair.sections) == [
        "Purpose",
        "Design/methodology/approach",
        "Findings",
        "Originality/value",
    ]
    assert sinclair.sections["Design/methodology/approach"].startswith("The paper is written")
    assert sinclair.sections["Findings"].startswith("Peer workers are often faced")


@pytest.mark.parametrize(
    ("first_author", "labels"),
    [
        pytest.param("Sue Holttum", 4, id="plain-space-labels"),
        pytest.param("Steve Gillard", 7, id="en-dash-labels-all-seven"),
        pytest.param("Catherine Conchar", 4, id="label-after-missing-full-stop"),
    ],
)
def test_every_label_form_splits(parsed, first_author: str, labels: int) -> None:
    articles, _ = parsed
    article = next(a for a in articles if a.authors[0].name == first_author)
    assert len(article.sections) == labels
    assert not any(text.startswith(("–", " ")) for text in article.sections.values())


def test_each_record_keeps_its_file_and_line(parsed, listing_text: str) -> None:
    articles, _ = parsed
    lines = listing_text.splitlines()
    assert articles[0].line == 1 and articles[1].line == 11
    for article in articles:
        assert article.source == str(LISTING)
        start = lines[article.line - 1]
        assert start.startswith(article.title or str(article.year))


def test_sniff_accepts_the_listing_only(listing_text: str) -> None:
    assert listing.sniff(listing_text[:8192])
    assert not listing.sniff("TY  - JOUR\nAU  - Watson, E.\nER  -\n")
    assert not listing.sniff("FN Clarivate Analytics Web of Science\nVR 1.0\n")


@pytest.fixture(scope="module")
def broken() -> tuple[list, list]:
    _, articles, problems = parse_file(str(DATA / "listing" / "broken.txt"))
    return articles, problems


@pytest.mark.parametrize(
    ("line", "message"),
    [
        pytest.param(10, "record has neither a title nor authors", id="lost-author-lines"),
        pytest.param(35, "record has neither a title nor authors", id="truncated-last-record"),
    ],
)
def test_broken_record_gives_one_problem_with_its_line(broken, line: int, message: str) -> None:
    _, problems = broken
    assert [p.message for p in problems if p.line == line] == [message]


def test_records_after_broken_ones_still_parse(broken) -> None:
    articles, problems = broken
    assert len(articles) + len([p for p in problems if p.skipped]) == 5
    assert [a.line for a in articles] == [1, 17, 25]
    assert articles[-1].authors[1].name == "Helen Oldknow"


def test_bad_year_keeps_the_article_without_a_year(broken) -> None:
    articles, problems = broken
    assert articles[1].year is None and articles[1].volume == "19"
    [note] = [p for p in problems if not p.skipped]
    assert (note.line, note.message) == (
        17,
        "year '20x5' holds no year; the article is kept without one",
    )


def test_stray_binary_bytes_do_not_lose_records() -> None:
    _, articles, problems = parse_file(str(DATA / "listing" / "binary.txt"))
    assert [a.authors[0].name for a in articles] == ["Ann Bee", "Cy Dee"]
    assert [(p.message, p.skipped) for p in problems] == [
        ("not valid UTF-8; 2 undecodable byte(s) replaced with U+FFFD", False),
        ("2 control character(s) replaced with spaces", False),
    ]
    assert not any("\x00" in (a.title or "") + (a.abstract or "") for a in articles)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_never_raises_on_arbitrary_text(text: str) -> None:
    articles, problems = listing.parse(text, "fuzz.txt")
    assert isinstance(articles, list) and isinstance(problems, list)
    assert all(p.file == "fuzz.txt" and p.line is not None for p in problems)


_pieces = st.sampled_from(
    [
        "2015 ◽ ",
        "Vol 19 (4) ◽ ",
        "pp. 1-2",
        "Author(s): ",
        "Emma Watson ◽ ",
        "Helen Oldknow",
        "",
        "",
        "Purpose – Text.",
        "PurposeText.Findings",
        "A title line",
        "Sign in / Sign up",
        "20x5 ◽",
        "Vol ◽",
        "\u00a0",
        "◽",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_pieces, max_size=40))
def test_never_raises_on_listing_shaped_text(lines: list[str]) -> None:
    articles, problems = listing.parse("\n".join(lines), "fuzz.txt")
    for article in articles:
        assert article.title or article.authors
        assert 1 <= (article.line or 0) <= len(lines)
    assert all(1 <= (p.line or 0) <= len(lines) for p in problems)


def test_an_abstract_glued_to_the_authors_is_still_the_abstract(listing_text: str) -> None:
    glued = re.sub(r"(Author\(s\):[^\n]*\n[^\n]+)\n\s*\n(?=Purpose)", r"\1\n", listing_text)
    assert glued.count("\n") < listing_text.count("\n") - 5
    before, _ = listing.parse(listing_text, "x.txt")
    after, problems = listing.parse(glued, "x.txt")
    assert problems == []
    assert [(a.authors, a.sections) for a in after] == [(a.authors, a.sections) for a in before]


def test_a_title_glued_to_the_year_line_is_the_title(listing_text: str) -> None:
    glued = listing_text.replace(
        "A day in the life of a peer support worker: beginnings\n\n",
        "A day in the life of a peer support worker: beginnings\n",
    )
    assert glued != listing_text
    before, _ = listing.parse(listing_text, "x.txt")
    after, problems = listing.parse(glued, "x.txt")
    assert problems == []
    assert [a.title for a in after] == [a.title for a in before]
    assert after[0].title == "A day in the life of a peer support worker: beginnings"


def test_header_lines_not_understood_are_noted() -> None:
    text = "2015 ◽\nVol 19 (4) ◽\nsomething odd\nAuthor(s):\nEmma Watson\n"
    [article], problems = listing.parse("A title\n\n" + text, "x.txt")
    assert (article.title, article.volume) == ("A title", "19")
    assert [(p.line, p.message, p.excerpt) for p in problems] == [
        (3, "1 line(s) in the record's header not understood; skipped", "something odd")
    ]
