"""Author identity rules, on hand-made names and on real variants."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from graph.cli import cli
from graph.identity import NO_EVIDENCE, is_initials, read_authors_map, resolve_authors
from graph.models import Article, Author
from graph.normalize import author_from_parts, split_initials_name
from graph.readers import parse_file
from tests.conftest import DATA, SHARED


def person(name: str) -> Author:
    """An author as the WoS, Scopus and MEDLINE readers parse one (``Family I.`` allowed)."""
    return author_from_parts(*split_initials_name(name))


def keys(*names: str, authors_map=None) -> list[str]:
    articles = [Article(title=f"T{i}", authors=[person(n)]) for i, n in enumerate(names)]
    people = resolve_authors(articles, authors_map)
    return [a.authors[0].key for a in people.articles]


def in_journal(names: list[str], journal: str | None = "J Appl Phys") -> list[str]:
    """Keys of one-author articles, one a year from 2001, all in ``journal``."""
    articles = [Article(title=f"T{i}", authors=[person(n)], journal=journal, year=2001 + i)
                for i, n in enumerate(names)]  # fmt: skip
    return [a.authors[0].key for a in resolve_authors(articles).articles]


def test_full_name_and_initials_are_one_person_on_evidence() -> None:
    names = ["Emma Watson", "Watson, E.", "WATSON E", "Watson, Emma J."]
    assert len(set(in_journal(names))) == 1
    assert in_journal(["Emma Watson", "Watson E"]) == ["author:name:watson|emma"] * 2
    # #19: a fit alone is not evidence ("Z Chen" of radiotherapy is not Zhongfang Chen).
    assert keys("Emma Watson", "Watson E") == ["author:name:watson|emma", "author:name:watson|e"]
    assert len(set(in_journal(names, None))) == 2  # Emma (J.) Watson; E. Watson
    far = [Article(title=str(y), authors=[person(n)], journal="Radiother Oncol", year=y)
           for n, y in (("Zhongfang Chen", 2013), ("Z Chen", 1999))]  # fmt: skip
    assert len({a.authors[0].key for a in resolve_authors(far).articles}) == 2


def test_a_close_topic_profile_is_evidence() -> None:
    # Titles cut from the 500-record WoS file: Puskas wrote as "JD" before WoS gave full
    # names. Zhongfang Chen's graphene chemistry shares no word with Z Chen's radiotherapy.
    records = [
        Article(title="Off-pump coronary artery bypass grafting in high-risk patients",
                authors=[person("JD Puskas")], journal="Ann Thorac Surg", year=2005),
        Article(title="Off-pump versus on-pump coronary artery bypass grafting outcomes",
                authors=[person("John D. Puskas")], journal="N Engl J Med", year=2012),
        Article(title="Hydrogenation of graphene nanoribbons", authors=[person("Zhongfang Chen")]),
        Article(title="Prostate radiotherapy dose escalation", authors=[person("Z Chen")]),
        Article(title="Breast cancer screening trial", authors=[person("A Other")]),
    ]  # fmt: skip
    people = resolve_authors(records)
    found = [r.authors[0].key for r in people.articles]
    assert found[0] == found[1] == "author:name:puskas|john" and found[2] != found[3]
    assert ("author:name:puskas|john", "initials fit, and a close topic profile") in {
        (m.key, m.reason) for m in people.merges
    }


def test_nicknames_and_spellings_of_one_given_name_join_on_evidence() -> None:
    # #19: "LB Levy", "Larry B. Levy" and "Lawrence B. Levy" were three nodes.
    levy = ["Lawrence B. Levy", "Lawrence B. Levy", "Larry B. Levy", "LB Levy"]
    assert set(in_journal(levy, "Int J Radiat Oncol")) == {"author:name:levy|lawrence"}
    assert len(set(in_journal(levy, None))) == 3  # no evidence: nothing joins
    assert len(set(in_journal(["Matthew Hughes", "Mathew Hughes"]))) == 1
    # A gender pair, and two names that share only a nickname, stay apart.
    assert len(set(in_journal(["Michael Ross", "Michaela Ross"]))) == 2
    assert len(set(in_journal(["Christopher Ward", "Christina Ward"]))) == 2
    # Middle initials that disagree keep two people apart.
    assert len(set(in_journal(["Larry B. Levy", "Lawrence K. Levy"]))) == 2
    records = [Article(title=str(i), authors=[person(n)], journal="Radiology", year=2000)
               for i, n in enumerate(["Lawrence Levy", "Larry Levy"])]  # fmt: skip
    rows = {m.reason for m in resolve_authors(records).merges}
    assert rows == {
        "one given name (a nickname or a spelling), and the same journal within 3 years"
    }


def test_a_shared_institution_is_evidence() -> None:
    def at(name: str, place: str) -> Author:
        return person(name).model_copy(update={"affiliations": (place,)})

    ucla, seoul = "Dept Urol, Univ Calif Los Angeles, CA USA", "Dept Pediat, Seoul Natl Univ"
    records = [Article(title="A", authors=[at("Jae Young Lee", ucla)]),
               Article(title="B", authors=[at("Lee, JY", ucla)]),
               Article(title="C", authors=[at("Lee, J", seoul)])]  # fmt: skip
    people = resolve_authors(records)
    found = [r.authors[0].key for r in people.articles]
    assert found[0] == found[1] != found[2]
    assert ("author:name:lee|jae", "initials fit, and the same institution") in {
        (m.key, m.reason) for m in people.merges
    }


def test_different_full_first_names_never_merge() -> None:
    found = keys("Li, Xiaoming", "Li, Xiaohong", "Li, X.")
    assert found[0] == "author:name:li|xiaoming" and found[1] == "author:name:li|xiaohong"
    assert found[2] == "author:name:li|x"  # two candidates: not merged into either


def test_initials_that_do_not_fit_stay_apart() -> None:
    found = keys("Anderson, DR", "Anderson, DW", "Robert J. Anderson", "Anderson, RH")
    assert len(set(found)) == 4


def test_ambiguous_initials_are_reported() -> None:
    articles = [Article(title=str(i), authors=[person(n)]) for i, n in
                enumerate(["Li, Xiaoming", "Li, Xiaohong", "Li, X."])]  # fmt: skip
    reasons = {m.reason for m in resolve_authors(articles).merges}
    assert (
        f"not merged: initials fit 2 names (author:name:li|xiaohong, author:name:li|xiaoming), and {NO_EVIDENCE}"
        in reasons
    )


def test_people_sharing_a_key_are_reported_in_a_fixed_order() -> None:
    # Real pair from the 10k WoS corpus: the family names fold apart ("marin castrillon",
    # "marin-castrillon") but make one key, so two people hold it. Their rows used to come
    # in the set's memory order, and the stored author_merges differed between builds.
    names = ["Marin Castrillon, D.", "Diana Marin-Castrillon", "Marin Castrillon, D"]
    articles = [Article(title=str(i), authors=[person(n)]) for i, n in enumerate(names)]
    rows = [(m.key, m.reason) for m in resolve_authors(articles).merges]
    assert rows == [
        ("author:name:marin-castrillon|d", "same family and first name"),
        ("author:name:marin-castrillon|d", "same family and initials"),
    ]


def test_ids_decide_before_names() -> None:
    a = Author(name="Emma Watson", family="Watson", given="Emma", orcid="0000-0002-1825-0097")
    b = Author(name="E. Watson", family="Watson", given="E.", orcid="0000-0002-1825-0097")
    c = Author(name="Emma Watson", family="Watson", given="Emma", orcid="0000-0001-0000-0001")
    people = resolve_authors([Article(title="1", authors=[a]), Article(title="2", authors=[b]),
                              Article(title="3", authors=[c])])  # fmt: skip
    found = [x.authors[0].key for x in people.articles]
    assert found[0] == found[1] == "author:orcid:0000-0002-1825-0097"
    assert found[2] == "author:orcid:0000-0001-0000-0001"
    assert [m.reason for m in people.merges] == ["same ORCID"]


def test_authors_map_forces_and_forbids(tmp_path) -> None:
    table = tmp_path / "thesaurus.csv"
    table.write_text("name,canonical\nWatson E,Emma Watson\nLi X.,Xiaoming Li\n", encoding="utf-8")
    mapping = read_authors_map(str(table))
    assert keys("Emma Watson", "Watson, E", authors_map=mapping)[0] == keys("Watson E")[0]
    forced = keys("Li, Xiaoming", "Li, Xiaohong", "Li, X.", authors_map=mapping)
    assert forced[2] == forced[0] != forced[1]


def test_is_initials() -> None:
    assert [is_initials(g) for g in ("E.", "E. J.", "EJ", "J-P", "Emma", "Di")] == [
        True, True, True, True, False, False,
    ]  # fmt: skip


def test_short_given_names_are_names_not_initials() -> None:
    # #19: the old pattern took any four letters for initials, so these were one node each.
    assert [is_initials(g) for g in ("Amy L", "Li Na", "Yu Li", "Jay P.", "Ed J.", "Li-Na")] == [
        False, False, False, False, False, False,
    ]  # fmt: skip
    assert [is_initials(g) for g in ("A L", "M.-A.", "J. P. R.", "EJK", "Y.-L.")] == [
        True, True, True, True, True,
    ]  # fmt: skip
    amy, andrew = keys("Amy L Smith", "Andrew L Smith")
    assert (amy, andrew) == ("author:name:smith|amy", "author:name:smith|andrew")
    li_na, lei = keys("Li Na Wang", "Lei Wang")
    assert li_na != lei and lei == "author:name:wang|lei"
    # Initials still join the one full name they fit, on evidence.
    assert len(set(in_journal(["Smith, Amy L.", "Smith, A. L."]))) == 1


def test_a_name_joins_its_orcid_author_on_a_shared_coauthor() -> None:
    def with_orcid(name: str, orcid: str) -> Author:
        return person(name).model_copy(update={"orcid": orcid})

    guan = with_orcid("Cuntai Guan", "0000-0002-0872-3276")
    records = [
        Article(title="A", authors=[guan, person("Kai Keng Ang")]),
        Article(title="B", authors=[person("Cuntai Guan"), person("Kai Keng Ang")]),
        Article(title="C", authors=[person("Guan, Cuntai"), person("Zheng Yang Chin")]),
        Article(title="D", authors=[person("Lei Wang"), person("Kai Keng Ang")]),
        Article(title="E", authors=[with_orcid("Lei Wang", "0000-0001-0000-0001"),
                                    with_orcid("Lei Wang", "0000-0001-0000-0002")]),
    ]  # fmt: skip
    people = resolve_authors(records)
    keys = [[a.key for a in r.authors] for r in people.articles]
    assert keys[1][0] == "author:orcid:0000-0002-0872-3276"  # Kai Keng Ang is shared
    assert keys[2][0] == "author:orcid:0000-0002-0872-3276"  # the same name person: joined
    assert keys[3][0] == "author:name:wang|l"  # two ORCIDs of that name: left alone
    joined = [m for m in people.merges if m.reason.startswith("same full name as an id")]
    assert [(m.key, m.variants) for m in joined] == [
        ("author:orcid:0000-0002-0872-3276", ["Cuntai Guan"])
    ]
    alone = resolve_authors([*records[:1], Article(title="F", authors=[person("Cuntai Guan")])])
    assert alone.articles[1].authors[0].key == "author:name:guan|c"  # no shared co-author


def test_initials_join_longer_initials_on_shared_coauthors() -> None:
    team = [person("J. D. Moody"), person("N. B. Meezan")]
    records = [
        Article(title="A", authors=[person("P. Celliers"), *team]),
        Article(title="B", authors=[person("P. M. Celliers"), *team]),
        Article(title="C", authors=[person("R. Kauffman"), team[0]]),  # one shared: enough
        Article(title="D", authors=[person("R. L. Kauffman"), team[0]]),
    ]
    people = resolve_authors(records)
    keys = [r.authors[0].key for r in people.articles]
    assert keys[0] == keys[1] == "author:name:celliers|pm"
    assert keys[2] == keys[3] == "author:name:kauffman|rl"
    rows = [(m.key, m.reason) for m in people.merges if m.reason.startswith("initials fit, and")]
    assert rows == [
        ("author:name:celliers|pm", "initials fit, and two or more shared co-authors"),
        ("author:name:kauffman|rl", "initials fit, and a shared co-author"),
    ]
    # Initials that fit two people with strong evidence each stay on their own, and say so.
    records.append(Article(title="E", authors=[person("P. K. Celliers"), *team]))
    people = resolve_authors(records)
    assert people.articles[0].authors[0].key == "author:name:celliers|p"
    assert ("author:name:celliers|p", "not merged: initials fit 2 names (author:name:celliers|pk, author:name:celliers|pm), and the evidence "
            "does not pick one") in {(m.key, m.reason) for m in people.merges}  # fmt: skip
    # With one shared co-author, a crowded family name (three full first names) stays apart.
    crowd = [Article(title=n, authors=[person(n)]) for n in ("Rui Kauffman", "Ren Kauffman")]
    people = resolve_authors([*records[2:4], *crowd])
    assert people.articles[0].authors[0].key != people.articles[1].authors[0].key


def test_real_variants_across_exports_merge() -> None:
    """WoS BibTeX writes 'Figueira, Jose Rui'; Scopus BibTeX writes 'Figueira, J.R.'."""
    _, wos, _ = parse_file(str(DATA / "bibtex/wos-export-2.bib"))
    _, scopus, _ = parse_file(str(DATA / "bibtex/scopus-export-3.bib"))
    people = resolve_authors([*wos, *scopus])
    found = {a.name: a.key for x in people.articles for a in x.authors if a.family == "Figueira"}
    assert found == {
        "Jose Rui Figueira": "author:name:figueira|jose",
        "J.R. Figueira": "author:name:figueira|jose",
    }


def test_authors_command(tmp_path) -> None:
    (tmp_path / "a.ris").write_text("TY  - JOUR\nTI  - One\nAU  - Watson, Emma\nER  - \n")
    (tmp_path / "b.ris").write_text("TY  - JOUR\nTI  - Two\nAU  - Watson, E.\nER  - \n")
    runner = CliRunner()
    result = runner.invoke(cli, ["authors", str(tmp_path), "--json", "-q"])
    assert result.exit_code == 0, result.output
    rows = {r["id"]: r for r in json.loads(result.stdout)}
    assert rows == {
        "author:name:watson|e": {
            "id": "author:name:watson|e",
            "label": "E. Watson",
            "articles": 1,
            "variants": ["E. Watson"],
            "reason": f"not merged: initials fit one name (author:name:watson|emma), and {NO_EVIDENCE}",
            "joins": [],
            "refused": [
                {
                    "candidates": ["author:name:watson|emma"],
                    "reason": f"not merged: "
                    f"initials fit one name (author:name:watson|emma), and {NO_EVIDENCE}",
                }
            ],
        },
        "author:name:watson|emma": {
            "id": "author:name:watson|emma",
            "label": "Emma Watson",
            "articles": 1,
            "variants": ["Emma Watson"],
            "reason": None,
            "joins": [],
            "refused": [],
        },
    }
    (tmp_path / "b.ris").write_text(
        "TY  - JOUR\nTI  - Two\nAU  - Watson, E.\nJO  - Nature\nPY  - 2020\nER  - \n"
    )
    (tmp_path / "a.ris").write_text(
        "TY  - JOUR\nTI  - One\nAU  - Watson, Emma\nJO  - Nature\nPY  - 2018\nER  - \n"
    )
    result = runner.invoke(cli, ["authors", str(tmp_path), "--json", "-q"])
    [row] = json.loads(result.stdout)
    assert (row["id"], row["articles"], row["reason"]) == (
        "author:name:watson|emma",
        2,
        "initials fit, and the same journal within 3 years",
    )
    assert row["joins"] == [{"joined": "author:name:watson|e", "variants": ["E. Watson", "Emma Watson"],
                             "reason": "initials fit, and the same journal within 3 years",
                             "evidence": ["journal nature (2020, 2018)"]}]  # fmt: skip
    missing = runner.invoke(cli, ["authors", str(tmp_path), "--authors-map", "nope.csv"])
    assert missing.exit_code == 1 and "nope.csv: no such file or folder" in missing.output


@pytest.mark.skipif(
    not (SHARED / "real").is_dir(), reason="the real exports live beside the clone in CI"
)
def test_orcids_from_crossref_become_ids() -> None:
    path = SHARED / "real/crossref/crossref_nsf-funded-engineering_works-list_habanero.json.xz"
    _, articles, _ = parse_file(str(path))
    people = resolve_authors(articles)
    keyed = [a.key for x in people.articles for a in x.authors if a.orcid]
    assert len({k for k in keyed}) > 30 and all(k.startswith("author:orcid:") for k in keyed)


def test_wos_au_initials_join_af_full_names() -> None:
    """The same WoS rows read once with AF (full names) and once with AU only (initials)."""
    text = (DATA / "wos/bluetooth-tab-3.txt").read_text(encoding="utf-8-sig")
    header, *rows = text.splitlines()
    af = header.split("\t").index("AF")
    au_only = "\n".join(
        [
            header,
            *("\t".join(c if i != af else "" for i, c in enumerate(r.split("\t"))) for r in rows),
        ]
    )
    from graph.readers import wos_tab

    full, _ = wos_tab.parse(text, "af.txt")
    short, _ = wos_tab.parse(au_only, "au.txt")
    short = [a.model_copy(update={"ids": {}, "title": f"{a.title} (AU copy)"}) for a in short]
    assert short[0].authors[0].name == "ZQ Luo" and full[0].authors[0].name == "Zhiqing Luo"
    people = resolve_authors([*full, *short])
    keys = {a.name: a.key for x in people.articles for a in x.authors if a.family == "Luo"}
    assert keys["ZQ Luo"] == keys["Zhiqing Luo"]


def test_same_openalex_works_as_json_and_json_lines_collapse(tmp_path) -> None:
    works = json.loads((DATA / "openalex/donners-2.json").read_text())
    lines = tmp_path / "same.jsonl"
    lines.write_text("".join(json.dumps(w) + "\n" for w in works))
    result = CliRunner().invoke(
        cli, ["info", str(DATA / "openalex/donners-2.json"), str(lines), "--json"]
    )
    counts = json.loads(result.stdout)
    assert (counts["records_read"], counts["articles"], counts["duplicates_merged"]) == (4, 2, 2)


def test_medline_au_initials_join_fau_full_names() -> None:
    """The same MEDLINE records read once with FAU (full names) and once with AU only."""
    from graph.readers import pubmed

    text = (DATA / "pubmed/dermatophytes-3.txt").read_text(encoding="utf-8")
    au_only = "\n".join(line for line in text.splitlines() if not line.startswith("FAU"))
    full, _ = pubmed.parse(text, "fau.txt")
    short, _ = pubmed.parse(au_only, "au.txt")
    short = [
        a.model_copy(update={"ids": {}, "doi": None, "title": f"{a.title} (AU)"}) for a in short
    ]
    assert (full[0].authors[0].name, short[0].authors[0].name) == ("Marek Gadzalski", "M Gadzalski")
    people = resolve_authors([*full, *short])
    keys = {a.name: a.key for x in people.articles for a in x.authors if a.family == "Gadzalski"}
    assert keys == {
        "Marek Gadzalski": "author:name:gadzalski|marek",
        "M Gadzalski": "author:name:gadzalski|marek",
    }


# What each kind of evidence a join's reason names shows as, item by item.
_ITEMS = {"a shared co-author": "co-author ", "two or more shared co-authors": "co-author ",
          "the same institution": "institution ", "the same journal within 3 years": "journal ",
          "a close topic profile": "topic profile cosine "}  # fmt: skip


def _joins_explained(rows: list[dict]) -> int:
    """Check every join's evidence against its reason, and every refusal's candidates
    against the ids its reason names; the number of joins on evidence."""
    explained = 0
    for row in rows:
        for join in row["joins"]:
            kinds = (
                join["reason"].split(", and ", 1)[1].split(" and ")
                if ", and " in join["reason"]
                else []
            )
            for kind in kinds:
                shown = [e for e in join["evidence"] if e.startswith(_ITEMS[kind])]
                assert len(shown) >= (2 if kind.startswith("two") else 1), (row["id"], join)
            assert len(join["evidence"]) >= len(kinds) and (join["evidence"] or not kinds)
            explained += bool(kinds)
            assert join["joined"] is None or join["joined"] != row["id"]
        for refusal in row["refused"]:
            assert refusal["reason"].startswith("not merged: initials fit")
            assert refusal["candidates"] and all(
                c in refusal["reason"] for c in refusal["candidates"][:5]
            )
    return explained


def test_authors_json_gives_each_join_its_evidence_and_each_refusal_its_candidates(
    tmp_path,
) -> None:
    source = DATA / "terms" / "wos-many-authors-120.txt"
    built = CliRunner().invoke(cli, ["build", str(source), "-o", str(tmp_path), "-q"])
    assert built.exit_code == 0, built.output
    result = CliRunner().invoke(cli, ["authors", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert _joins_explained(rows) >= 10
    levy = next(r for r in rows if r["id"] == "author:name:levy|lawrence")
    assert [j["joined"] for j in levy["joins"]] == ["author:name:levy|lb"]
    assert levy["joins"][0]["evidence"][0].startswith("topic profile cosine 0.")
    cooper = next(r for r in rows if r["id"] == "author:name:cooper|ww")
    assert cooper["refused"] == [{"candidates": ["author:name:cooper|william"], "reason":
                                  cooper["reason"]}]  # fmt: skip


WOS_500 = SHARED / "real" / "wos" / "many-authors_500-records_metaknowledge.txt.xz"


@pytest.mark.skipif(
    not WOS_500.exists(), reason=f"{WOS_500} is absent: the real exports live beside the clone"
)
def test_every_join_of_a_real_wos_file_shows_the_evidence_its_reason_names() -> None:
    from graph import analyse, load
    from graph.pipeline import author_rows

    rows = author_rows(analyse(load([str(WOS_500)])))
    kinds = {k for r in rows for j in r["joins"] for k in _ITEMS if k in j["reason"]}
    assert len(kinds) >= 3  # more than one kind of evidence is exercised
    assert _joins_explained(rows) >= 30
