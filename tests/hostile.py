"""The shared hostile corpus: every payload of ``tests/data/hostile/payloads.txt`` written
into records of every format the readers take.

Record ``i`` carries payload ``i`` in its title (after the marker ``title i:``), as the
family name of its first author, as its journal, as a keyword and in its abstract; its
second author is always Emma Watson, so the co-author and topic views have links to draw.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape

from tests.conftest import DATA

HOSTILE = DATA / "hostile"
PAYLOADS = [
    line
    for line in (HOSTILE / "payloads.txt").read_text(encoding="utf-8").splitlines()
    if line and not line.startswith("#")
]


def title(i: int) -> str:
    return f"title {i}: {PAYLOADS[i]}"


def abstract(i: int) -> str:
    return f"Peer support worker reflections on {PAYLOADS[i]} in mental health services."


def _wos() -> str:
    records = [
        f"PT J\nAU {p}, X\n   Watson, E\nAF {p}, X\n   Watson, Emma\nTI {title(i)}\nSO {p}\n"
        f"DE {p}\nAB {abstract(i)}\nPY 2015\nVL 19\nIS {i + 1}\nUT WOS:{i:015d}\nER\n"
        for i, p in enumerate(PAYLOADS)
    ]
    return "FN Clarivate Analytics Web of Science\nVR 1.0\n" + "\n".join(records) + "\nEF\n"


def _wos_tab() -> str:
    rows = [["PT", "AU", "AF", "TI", "SO", "DE", "AB", "PY", "VL", "IS", "UT"]]
    rows += [
        ["J", f"{p}, X; Watson, E", f"{p}, X; Watson, Emma", title(i), p, p, abstract(i),
         "2015", "19", str(i + 1), f"WOS:{i:015d}"]
        for i, p in enumerate(PAYLOADS)
    ]  # fmt: skip
    return "".join("\t".join(row) + "\r\n" for row in rows)


def _pubmed() -> str:
    return "\n".join(
        f"PMID- {1000 + i}\nDP  - 2015\nTI  - {title(i)}\nFAU - {p}, X\nFAU - Watson, Emma\n"
        f"JT  - {p}\nOT  - {p}\nAB  - {abstract(i)}\nVI  - 19\nIP  - {i + 1}\n"
        for i, p in enumerate(PAYLOADS)
    )


def _ris() -> str:
    return "\n".join(
        f"TY  - JOUR\nTI  - {title(i)}\nAU  - {p}, X\nAU  - Watson, Emma\nT2  - {p}\n"
        f"KW  - {p}\nAB  - {abstract(i)}\nPY  - 2015\nVL  - 19\nIS  - {i + 1}\nER  - \n"
        for i, p in enumerate(PAYLOADS)
    )


def _bibtex() -> str:
    return "\n".join(
        f"@article{{k{i},\n  title = {{{title(i)}}},\n  author = {{{{{p}}} and Watson, Emma}},\n"
        f"  journal = {{{p}}},\n  keywords = {{{p}}},\n  abstract = {{{abstract(i)}}},\n"
        f"  year = {{2015}},\n  volume = {{19}},\n  number = {{{i + 1}}}\n}}\n"
        for i, p in enumerate(PAYLOADS)
    )


def _scopus() -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["Authors", "Title", "Year", "Source title", "Volume", "Issue",
                     "Abstract", "Author Keywords", "EID"])  # fmt: skip
    for i, p in enumerate(PAYLOADS):
        writer.writerow([f"{p} X., Watson E.", title(i), 2015, p, 19, i + 1, abstract(i), p,
                         f"2-s2.0-{i:011d}"])  # fmt: skip
    return out.getvalue()


def _ieee() -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["Document Title", "Authors", "Publication Title", "Publication Year",
                     "Volume", "Issue", "Start Page", "End Page", "Abstract", "Author Keywords"])  # fmt: skip
    for i, p in enumerate(PAYLOADS):
        writer.writerow([title(i), f"{p} X.; E. Watson", p, 2015, 19, i + 1, i + 1, i + 9,
                         abstract(i), p])  # fmt: skip
    return out.getvalue()


def _springer() -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["Item Title", "Publication Title", "Journal Volume", "Journal Issue",
                     "Item DOI", "Authors", "Publication Year", "Content Type"])  # fmt: skip
    for i, p in enumerate(PAYLOADS):
        writer.writerow([title(i), p, 19, i + 1, f"10.1007/s{i}", f"{p} XEmma Watson", 2015,
                         "Article"])  # fmt: skip
    return out.getvalue()


def _lens() -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["Lens ID", "Title", "Publication Year", "Source Title", "Author/s",
                     "Abstract", "Volume", "Issue Number", "Keywords", "References"])  # fmt: skip
    for i, p in enumerate(PAYLOADS):
        writer.writerow([f"000-000-000-000-{i:03d}", title(i), 2015, p, f"{p} X.; Emma Watson",
                         abstract(i), 19, i + 1, p, "000-000-000-000-000"])  # fmt: skip
    return out.getvalue()


def _endnote() -> str:
    def x(text: str) -> str:
        return escape(text, {'"': "&quot;"})

    records = "".join(
        f'<record><ref-type name="Journal Article">17</ref-type><contributors><authors>'
        f"<author>{x(p)}, X</author><author>Watson, Emma</author></authors></contributors>"
        f'<titles><title><style face="normal">{x(title(i))}</style></title></titles>'
        f"<periodical><full-title>{x(p)}</full-title></periodical><volume>19</volume>"
        f"<number>{i + 1}</number><keywords><keyword>{x(p)}</keyword></keywords>"
        f"<dates><year>2015</year></dates><abstract>{x(abstract(i))}</abstract></record>\n"
        for i, p in enumerate(PAYLOADS)
    )
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<xml><records>\n{records}</records></xml>\n'


def _openalex() -> str:
    works = [
        {
            "id": f"https://openalex.org/W{i + 1}",
            "title": title(i),
            "publication_year": 2015,
            "authorships": [
                {"author": {"id": f"https://openalex.org/A{i + 1}", "display_name": p}},
                {"author": {"id": "https://openalex.org/A999", "display_name": "Emma Watson"}},
            ],
            "primary_location": {"source": {"display_name": p}},
            "biblio": {"volume": "19", "issue": str(i + 1)},
            "keywords": [{"display_name": p}],
            "abstract_inverted_index": {w: [n] for n, w in enumerate(abstract(i).split())},
        }
        for i, p in enumerate(PAYLOADS)
    ]
    return "\n".join(json.dumps(w, ensure_ascii=False) for w in works) + "\n"


def _crossref() -> str:
    items = [
        {
            "DOI": f"10.1234/hostile.{i}",
            "title": [title(i)],
            "author": [{"family": p, "given": "X"}, {"family": "Watson", "given": "Emma"}],
            "container-title": [p],
            "subject": [p],
            "abstract": f"<jats:p>{abstract(i)}</jats:p>",
            "issued": {"date-parts": [[2015]]},
            "volume": "19",
            "issue": str(i + 1),
            "reference-count": 0,
        }
        for i, p in enumerate(PAYLOADS)
    ]
    message = {"message-type": "work-list", "message": {"items": items}}
    return json.dumps({"status": "ok", **message}, ensure_ascii=False, indent=1)


def _csljson() -> str:
    items = [
        {
            "id": f"k{i}",
            "type": "article-journal",
            "title": title(i),
            "author": [{"family": p, "given": "X"}, {"family": "Watson", "given": "Emma"}],
            "container-title": p,
            "keyword": p,
            "abstract": abstract(i),
            "issued": {"date-parts": [[2015]]},
            "volume": "19",
            "issue": str(i + 1),
        }
        for i, p in enumerate(PAYLOADS)
    ]
    return json.dumps(items, ensure_ascii=False, indent=1)


def _listing() -> str:
    return "\n\n".join(
        f"{title(i)}\n\n2015 ◽\nVol 19 ({i + 1}) ◽\npp. {i + 1}-{i + 9}\nAuthor(s):\n"
        f"{p} X ◽\xa0Emma Watson\n\nPurpose – {abstract(i)}\n"
        for i, p in enumerate(PAYLOADS)
    )


WRITERS: dict[str, tuple[str, Callable[[], str]]] = {
    "wos": ("hostile-wos.txt", _wos),
    "wos-tab": ("hostile-wos-tab.txt", _wos_tab),
    "pubmed": ("hostile.nbib", _pubmed),
    "ris": ("hostile.ris", _ris),
    "bibtex": ("hostile.bib", _bibtex),
    "scopus": ("hostile-scopus.csv", _scopus),
    "ieee-csv": ("hostile-ieee.csv", _ieee),
    "springer-csv": ("hostile-springer.csv", _springer),
    "lens-csv": ("hostile-lens.csv", _lens),
    "endnote-xml": ("hostile-endnote.xml", _endnote),
    "openalex": ("hostile-openalex.jsonl", _openalex),
    "crossref": ("hostile-crossref.json", _crossref),
    "csljson": ("hostile-csl.json", _csljson),
    "listing": ("hostile-listing.txt", _listing),
}


def hostile_file(fmt: str, folder: Path) -> Path:
    """Write the hostile corpus in format ``fmt`` into ``folder``; returns its path."""
    name, write = WRITERS[fmt]
    path = folder / name
    path.write_text(write(), encoding="utf-8")
    return path
