"""Work deduplication rules, on hand-made records and as properties."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from graph.dedupe import merge_duplicates
from graph.models import Article, Author

WATSON = Author(name="Emma Watson", family="Watson", given="Emma")
LONG = "A day in the life of a peer support worker"


def art(source: str, line: int, **fields) -> Article:
    return Article(source=source, line=line, **fields)


def test_doi_then_source_id_then_title() -> None:
    records = [
        art("a.ris", 1, doi="10.1108/X", title="One"),
        art("b.bib", 5, doi="https://doi.org/10.1108/x", abstract="Longer"),
        art("c.txt", 3, ids={"wos": "0001"}, title="Two"),
        art("d.txt", 9, ids={"wos": "0001"}, year=2015),
        art("e.csv", 2, title=LONG, year=2015, authors=[WATSON]),
        art("f.csv", 7, title=LONG.upper() + "!", year=2016, authors=[WATSON]),
    ]
    merged, per_file, report = merge_duplicates(records)
    assert len(merged) == 3
    assert per_file == {"b.bib": 1, "d.txt": 1, "f.csv": 1}
    assert [(g.kept, g.merged, g.reason) for g in report] == [
        ("a.ris:1", ["b.bib:5"], "doi"),
        ("c.txt:3", ["d.txt:9"], "source id"),
        ("e.csv:2", ["f.csv:7"], "title, year and first author"),
    ]
    assert merged[0].abstract == "Longer" and merged[1].year == 2015


def test_title_rule_guards() -> None:
    other_doi = [
        art("a", 1, title=LONG, year=2015, authors=[WATSON], doi="10.1108/a"),
        art("b", 1, title=LONG, year=2015, authors=[WATSON], doi="10.1108/b"),
    ]
    assert len(merge_duplicates(other_doi)[0]) == 2  # different DOIs never merge on title
    two_years = [art("a", 1, title=LONG, year=2015, authors=[WATSON]),
                 art("b", 1, title=LONG, year=2017, authors=[WATSON])]  # fmt: skip
    assert len(merge_duplicates(two_years)[0]) == 2
    short = [art("a", 1, title="Editorial", year=2015, authors=[WATSON]),
             art("b", 1, title="Editorial", year=2015, authors=[WATSON], volume="2")]  # fmt: skip
    assert len(merge_duplicates(short)[0]) == 2
    other_author = Author(name="Helen Oldknow", family="Oldknow", given="Helen")
    different = [art("a", 1, title=LONG, year=2015, authors=[WATSON]),
                 art("b", 1, title=LONG, year=2015, authors=[other_author])]  # fmt: skip
    assert len(merge_duplicates(different)[0]) == 2


_records = st.lists(
    st.builds(
        art,
        source=st.sampled_from(["a.ris", "b.bib", "c.txt"]),
        line=st.integers(1, 50),
        doi=st.sampled_from([None, "10.1108/x", "10.1108/y"]),
        ids=st.sampled_from([{}, {"wos": "1"}, {"pmid": "2"}]),
        title=st.sampled_from([None, LONG, LONG + " again", "Short"]),
        year=st.sampled_from([None, 2014, 2015, 2016]),
        authors=st.sampled_from([[], [WATSON]]),
    ),
    max_size=12,
    unique_by=lambda a: (a.source, a.line),  # a file position names one record
)


@settings(max_examples=200, deadline=None)
@given(records=_records, seed=st.integers(0, 1000))
def test_order_of_records_does_not_matter(records: list[Article], seed: int) -> None:
    shuffled = list(records)
    random.Random(seed).shuffle(shuffled)
    first, second = merge_duplicates(records), merge_duplicates(shuffled)
    assert first == second
    merged, per_file, _ = first
    assert len(merged) + sum(per_file.values()) == len(records)


def test_merged_duplicates_keep_their_author_spellings() -> None:
    short = Author(name="E. Watson", family="Watson", given="E.")
    records = [art("a.bib", 1, doi="10.1108/x", title="T", authors=[WATSON]),
               art("b.ris", 1, doi="10.1108/x", authors=[short])]  # fmt: skip
    [merged], _, _ = merge_duplicates(records)
    assert [(a.name, a.aliases) for a in merged.authors] == [("Emma Watson", ("E. Watson",))]
    from graph.build import build_graph

    G = build_graph([merged])
    assert G.nodes["author:name:watson|e"]["variants"] == "E. Watson; Emma Watson"
    assert G.nodes["author:name:watson|e"]["label"] == "Emma Watson"


def test_one_title_in_two_publications_stays_two() -> None:
    # #19: a 2008 proceedings paper had become its 2009 journal version, and two records
    # with different WoS UTs in different journals had merged on their title.
    paper = dict(title=LONG, authors=[WATSON])
    conference = art("a.txt", 1, year=2008, doc_type="Proceedings Paper",
                     journal="2008 IEEE EMBC", ids={"wos": "000260"}, **paper)  # fmt: skip
    journal = art("a.txt", 90, year=2009, doc_type="Article", journal="J Neural Eng",
                  ids={"wos": "000271"}, **paper)  # fmt: skip
    assert len(merge_duplicates([conference, journal])[0]) == 2
    untyped = [c.model_copy(update={"doc_type": None}) for c in (conference, journal)]
    assert len(merge_duplicates(untyped)[0]) == 2  # different journals
    # Two databases name one venue apart (a series, a conference): they are compared by
    # title, year and first author alone.
    across = [conference, journal.model_copy(update={"ids": {"eid": "2-s2.0-1"}})]
    assert len(merge_duplicates(across)[0]) == 1
    same_ut = [c.model_copy(update={"ids": {"wos": "000260"}}) for c in (conference, journal)]
    assert len(merge_duplicates(same_ut)[0]) == 1  # one WoS record is one work, whatever else
    abbreviated = [art("a.txt", 1, year=2015, journal="Ann. Thorac. Surg.", ids={"wos": "1"}, **paper),
                   art("b.txt", 1, year=2015, journal="ANNALS OF THORACIC SURGERY", ids={"wos": "2"}, **paper)]  # fmt: skip
    assert len(merge_duplicates(abbreviated)[0]) == 1


def test_a_merge_cites_one_record_not_a_mix() -> None:
    # #19: the longest value of each field had made one paper's journal, another's volume
    # and pages: a citation that exists nowhere.
    full = art("a.ris", 1, doi="10.1000/x", title="T", journal="Neural Netw", volume="12",
               issue="3", pages="100-110", year=2020)  # fmt: skip
    other = art("b.bib", 1, doi="10.1000/x", journal="Neural Networks: the official journal",
                pages="e1", year=2021)  # fmt: skip
    [merged], _, _ = merge_duplicates([other, full])
    assert (merged.journal, merged.volume, merged.issue, merged.pages, merged.year) == (
        "Neural Netw",
        "12",
        "3",
        "100-110",
        2020,
    )


_journals = st.sampled_from(
    ["Ann. Thorac. Surg.", "ANNALS OF THORACIC SURGERY", "Circulation", "J Appl Phys",
     "Journal of Applied Physics", "Proc Natl Acad Sci USA", "", "of the"]
)  # fmt: skip


@given(one=_journals, other=_journals, text=st.text(max_size=30))
def test_journal_and_separation_rules_are_symmetric(one: str, other: str, text: str) -> None:
    # The title rule pairs records in input order, so an asymmetric rule would make the
    # merges depend on it.
    from graph.dedupe import same_journal, separate

    assert same_journal(one, other) == same_journal(other, one)
    assert same_journal(one + text, other) == same_journal(other, one + text)
    a = art("a", 1, title="T", journal=one or None, ids={"wos": "1"})
    b = art("b", 1, title="T", journal=other or None, ids={"wos": "2"})
    assert separate(a, b) == separate(b, a)


def test_compound_surnames_and_plus_signs_find_duplicates() -> None:
    # #19: missed duplicates in the real files: "Borges de Araujo" against "De Araujo",
    # and "GRASP+SA" against "GRASP plus SA".
    borges = Author(name="Ana Borges de Araujo", family="Borges de Araujo", given="Ana")
    de_araujo = Author(name="A. De Araujo", family="De Araujo", given="A.")
    title = "A hybrid GRASP+SA heuristic for the vehicle routing problem"
    records = [art("a.bib", 1, title=title, year=2019, authors=[borges]),
               art("b.ris", 4, title=title.replace("+", " plus "), year=2019, authors=[de_araujo])]  # fmt: skip
    [merged], _, [group] = merge_duplicates(records)
    assert group.reason == "title, year and first author" and merged.authors[0].name == borges.name
