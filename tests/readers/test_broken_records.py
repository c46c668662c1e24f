"""Broken records in every format: each gives one problem (or note) with its line, and the
records around it still parse."""

from __future__ import annotations

import json

import pytest

from graph.readers import READERS, decode, detect

# Each format: a good record, a record with no title, authors or id, a good record with a
# bad year, and a last good record; {year} is filled with a good or a bad year.
TEMPLATES = {
    "wos": ("FN Clarivate Analytics Web of Science\nVR 1.0\n"
            "PT J\nAF Watson, Emma\nTI First record\nPY 2015\nER\n\n"
            "PT J\nPY 2016\nVL 3\nER\n\n"
            "PT J\nAF Lambert, Marissa\nTI Bad year\nPY {year}\nER\n\n"
            "PT J\nAF Oldknow, Helen\nTI Last record\nPY 2014\nER\nEF\n"),
    "pubmed": ("PMID- 1\nDP  - 2015\nTI  - First record\nFAU - Watson, Emma\n\n"
               "PMID- \nDP  - 2016\nVI  - 3\n\n"
               "PMID- 3\nDP  - {year}\nTI  - Bad year\nFAU - Lambert, Marissa\n\n"
               "PMID- 4\nDP  - 2014\nTI  - Last record\nFAU - Oldknow, Helen\n"),
    "ris": ("TY  - JOUR\r\nTI  - First record\r\nAU  - Watson, E.\r\nPY  - 2015\r\nER  - \r\n\r\n"
            "TY  - JOUR\r\nPY  - 2016\r\nVL  - 3\r\nER  - \r\n\r\n"
            "TY  - JOUR\r\nTI  - Bad year\r\nAU  - Lambert, M.\r\nPY  - {year}\r\nER  - \r\n\r\n"
            "TY  - JOUR\r\nTI  - Last record\r\nAU  - Oldknow, H.\r\nPY  - 2014\r\nER  - \r\n"),
    "bibtex": ("@article{a, title={First record}, author={Watson, Emma}, year={2015}}\n\n"
               "@article{b, year={2016}, volume={3}}\n\n"
               "@article{c, title={Bad year}, author={Lambert, Marissa}, year={{year}}}\n\n"
               "@article{d, title={Last record}, author={Oldknow, Helen}, year={2014}}\n"),
    "scopus": ("Authors,Title,Year,Source title,Volume\n"
               "\"Watson E.\",First record,2015,J,1\n"
               ",,2016,J,3\n"
               "\"Lambert M.\",Bad year,{year},J,1\n"
               "\"Oldknow H.\",Last record,2014,J,1\n"),
    "wos-tab": ("PT\tAU\tAF\tTI\tPY\tVL\r\n"
                "J\tWatson, E\tWatson, Emma\tFirst record\t2015\t1\r\n"
                "J\t\t\t\t2016\t3\r\n"
                "J\tLambert, M\tLambert, Marissa\tBad year\t{year}\t1\r\n"
                "J\tOldknow, H\tOldknow, Helen\tLast record\t2014\t1\r\n"),
}  # fmt: skip

# Where the broken record and the bad-year record start, by format.
LINES = {"wos": (9, 14), "pubmed": (6, 10), "ris": (7, 12), "bibtex": (3, 5), "scopus": (3, 4),
         "wos-tab": (3, 4)}  # fmt: skip


def _parse(fmt: str, text: str):
    return READERS[fmt].parse(text, f"broken.{fmt}")


@pytest.mark.parametrize("fmt", sorted(TEMPLATES))
def test_record_with_nothing_to_name_it_is_one_problem(fmt: str) -> None:
    articles, problems = _parse(fmt, TEMPLATES[fmt].replace("{year}", "2013"))
    assert [a.title for a in articles] == ["First record", "Bad year", "Last record"]
    skipped = [p for p in problems if p.skipped]
    assert [(p.line, p.message) for p in skipped] == [
        (LINES[fmt][0], "record has no title, authors or identifier")
    ]
    assert fmt == detect(f"x.{fmt}", TEMPLATES[fmt][:8192]).NAME


@pytest.mark.parametrize("fmt", sorted(TEMPLATES))
def test_bad_year_is_one_note_and_the_article_is_kept(fmt: str) -> None:
    articles, problems = _parse(fmt, TEMPLATES[fmt].replace("{year}", "20x5"))
    bad = next(a for a in articles if a.title == "Bad year")
    assert bad.year is None and bad.authors
    notes = [p for p in problems if not p.skipped]
    assert [(p.line, p.message) for p in notes] == [
        (LINES[fmt][1], "year '20x5' holds no year; the article is kept without one")
    ]
    assert articles[-1].title == "Last record" and articles[-1].year == 2014


@pytest.mark.parametrize("fmt", sorted(TEMPLATES))
def test_stray_binary_bytes_lose_no_record(fmt: str) -> None:
    data = TEMPLATES[fmt].replace("{year}", "2013").encode("utf-8")
    data = data.replace(b"Bad year", b"Bad \xff\xfe\x00 year")
    text, note = decode(data, "x")
    assert note is not None and not note.skipped
    articles, _ = _parse(fmt, text)
    assert articles[0].title == "First record"
    assert articles[-1].title == "Last record" and len(articles) == 3


@pytest.mark.parametrize("fmt", ["wos", "pubmed", "ris"])
def test_truncated_last_record_keeps_what_it_has(fmt: str) -> None:
    text = TEMPLATES[fmt].replace("{year}", "2013")
    cut = text[: text.index("Last record") + len("Last rec")]
    articles, problems = _parse(fmt, cut)
    assert [a.title for a in articles][-1] == "Last rec"
    assert [p.line for p in problems if p.skipped] == [LINES[fmt][0]]


def _json_works(fmt: str) -> str:
    works = {
        "openalex": [{"id": "https://openalex.org/W1", "title": "First record", "publication_year": 2015},
                     {"publication_year": 2016},
                     {"id": "https://openalex.org/W3", "title": "Last record", "publication_year": 2014}],
        "crossref": [{"DOI": "10.1000/1", "title": ["First record"], "reference-count": 0},
                     {"issued": {"date-parts": [[2016]]}},
                     {"DOI": "10.1000/3", "title": ["Last record"]}],
        "csljson": [{"id": "a", "type": "book", "title": "First record", "issued": {"date-parts": [[2015]]}},
                    {"id": "b", "type": "book"},
                    {"id": "c", "type": "book", "title": "Last record"}],
    }[fmt]  # fmt: skip
    if fmt == "crossref":
        return json.dumps({"message-type": "work-list", "message": {"items": works}}, indent=1)
    return json.dumps(works, indent=1)


@pytest.mark.parametrize("fmt", ["openalex", "crossref", "csljson"])
def test_json_record_with_nothing_to_name_it_is_one_problem(fmt: str) -> None:
    text = _json_works(fmt)
    assert fmt == detect("x.json", text[:8192]).NAME
    articles, problems = _parse(fmt, text)
    assert [a.title for a in articles] == ["First record", "Last record"]
    [problem] = problems
    assert problem.message == "record has no title, authors or identifier"
    assert text.splitlines()[problem.line - 1].strip() == "{"


@pytest.mark.parametrize("fmt", ["openalex", "crossref", "csljson"])
def test_truncated_json_keeps_the_records_before_the_break(fmt: str) -> None:
    text = _json_works(fmt)
    cut = text[: text.index("Last record")]
    articles, problems = _parse(fmt, cut)
    assert [a.title for a in articles] == ["First record"]
    assert problems[-1].message.startswith("invalid or truncated JSON")
    assert problems[-1].line == len(cut.splitlines())


def test_json_lines_with_a_broken_line() -> None:
    lines = [
        json.dumps({"id": f"https://openalex.org/W{i}", "title": f"Work {i}"}) for i in range(3)
    ]
    lines[1] = lines[1][:20]
    articles, problems = _parse("openalex", "\n".join(lines) + "\n")
    assert [a.title for a in articles] == ["Work 0", "Work 2"]
    assert [(p.line, p.message.split(":")[0]) for p in problems] == [(2, "invalid JSON")]


JUNK = "lorem ipsum dolor sit amet\nmore text that is no record\n"
# Junk after each format's first record (the template's first record ends at this line).
JUNK_AFTER = {"wos": 8, "pubmed": 5, "ris": 6, "bibtex": 2}


@pytest.mark.parametrize("fmt", sorted(JUNK_AFTER))
def test_text_outside_records_is_noted_with_its_line(fmt: str) -> None:
    lines = TEMPLATES[fmt].replace("{year}", "2013").replace("\r\n", "\n").split("\n")
    at = JUNK_AFTER[fmt]
    text = "\n".join([*lines[:at], JUNK.rstrip("\n"), *lines[at:]])
    articles, problems = _parse(fmt, text)
    assert [a.title for a in articles] == ["First record", "Bad year", "Last record"]
    notes = [(p.line, p.message, p.excerpt) for p in problems if not p.skipped]
    unit = "entry" if fmt == "bibtex" else "record"
    assert (at + 1, f"2 line(s) outside any {unit} skipped", "lorem ipsum dolor sit amet") in [
        (line, message, (excerpt or "")[:26]) for line, message, excerpt in notes
    ]


def test_an_ris_record_that_lost_its_ty_line_is_read() -> None:
    text = TEMPLATES["ris"].replace("{year}", "2013").replace("TY  - JOUR\r\nTI  - Bad year",
                                                              "TI  - Bad year")  # fmt: skip
    articles, problems = _parse("ris", text)
    assert [a.title for a in articles] == ["First record", "Bad year", "Last record"]
    assert [(p.line, p.message) for p in problems if not p.skipped] == [
        (12, "record has no TY line; read as a generic record (GEN)")
    ]


AFTER_END = "text after the end of the JSON data was skipped"


@pytest.mark.parametrize(
    ("fmt", "text", "message"),
    [
        ("openalex", '[]\n{"id": "https://openalex.org/W1", "title": "Lost"}\n', AFTER_END),
        ("openalex", '[{"id": "https://openalex.org/W1", "title": "Kept"}]\n[{"title": "L"}]',
         AFTER_END),
        ("csljson", '[{"id": "a", "title": "Kept"}] trailing', AFTER_END),
        # Two objects on one line read as JSON Lines: the line is the problem.
        ("crossref", '{"message-type": "work-list", "message": {"items": []}} {"title": ["L"]}',
         "invalid JSON: Extra data"),
    ],
)  # fmt: skip
def test_json_after_the_end_of_the_data_is_a_problem(fmt: str, text: str, message: str) -> None:
    articles, problems = _parse(fmt, text)
    assert all(a.title == "Kept" for a in articles)
    assert [(p.message, p.skipped) for p in problems] == [(message, True)]
