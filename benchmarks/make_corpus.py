"""Generate a large, valid bibliographic corpus by resampling the real 10k WoS corpus.

Issue 8 needs 50k and 100k article corpora to show that citegraph scales. No such real
export is public, so this script scales the real one up: every synthetic record takes a
real record as its template and keeps the shape of real data.

- **Authors**: the template's team is kept, so co-authorship keeps its real structure.
  Copy ``c`` of a team renames each member deterministically (the surname of one real
  author with the given names of another), so the number of distinct authors grows with
  the corpus, as it does in real fields, and the same person stays the same in every copy.
- **Journals** are the template's; volumes and issues are the template's, shifted by copy,
  so issues fill with several articles as real ones do.
- **Abstracts** are the template's sentences, shuffled, with a fifth replaced by sentences
  of other real abstracts; **titles** join the halves of two real titles; keywords are the
  template's.
- **References** are real ``CR`` lines: each of the template's is kept with probability
  one half, else replaced by one drawn from all references of the real corpus (drawn by
  frequency, so highly cited works stay highly cited). Copies of one template therefore
  share about a quarter of their references, not all of them, and coupling and
  co-citation run on real reference strings. Up to three citations of earlier synthetic
  articles by DOI are added, so the direct-citation network has links inside the corpus.

Every record gets its own DOI and accession number, so none is a duplicate. The same
``--seed`` gives byte-identical files. Output is WoS plain text (files of 1,000 records,
as WoS exports them) or OpenAlex works as JSON Lines (one file).

    python benchmarks/make_corpus.py --records 100000 --format wos --out /tmp/corpus-100k
    python benchmarks/make_corpus.py --records 50000 --format openalex --out /tmp/oa-50k

Never write these corpora into the repository: they are generated on demand.
"""

from __future__ import annotations

import argparse
import io
import json
import lzma
import random
import re
import tarfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from graph.readers.wos import records

HERE = Path(__file__).resolve().parent
DEFAULT_SOURCE = (
    HERE.parent.parent / "shared/data/large/wos_citespace-bci-signal-processing_2020-2025.tar.xz"
)
RECORDS_PER_FILE = 1000
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z(])")
_COPYRIGHT = re.compile(r"\(C\)|©|Copyright", re.IGNORECASE)


@dataclass
class Template:
    """The parts of one real WoS record that synthetic records are made from."""

    authors: list[tuple[str, str]]  # (AU short form, AF full form)
    title: str
    journal: str
    journal_abbrev: str
    year: int
    volume: int
    issue: int
    sentences: list[str]
    keywords: list[str]
    references: list[str]
    doc_type: str = "Article"
    extra: dict[str, list[str]] = field(default_factory=dict)


def source_texts(path: Path) -> Iterator[str]:
    """The text of each WoS file in a ``.tar.xz``, a folder, or one file."""
    if path.is_dir():
        for file in sorted(path.glob("*.txt")):
            yield file.read_text("utf-8-sig")
    elif path.name.endswith(".tar.xz"):
        with lzma.open(path) as packed, tarfile.open(fileobj=io.BytesIO(packed.read())) as tar:
            for member in sorted(tar.getmembers(), key=lambda m: m.name):
                handle = tar.extractfile(member)
                if member.isfile() and handle is not None:
                    yield handle.read().decode("utf-8-sig")
    else:
        yield path.read_text("utf-8-sig")


def _int(values: list[str] | None, default: int) -> int:
    digits = re.match(r"\d+", (values or [""])[0])
    return int(digits.group()) if digits else default


def templates(path: Path) -> list[Template]:
    """Real records with authors, a title, a journal and a year."""
    found = []
    for text in source_texts(path):
        for _, tags, _ in records(text):
            au, af = tags.get("AU", []), tags.get("AF") or tags.get("AU", [])
            if not au or not tags.get("TI") or not tags.get("SO") or not tags.get("PY"):
                continue
            abstract = " ".join(tags.get("AB", []))
            sentences = [s for s in _SENTENCE.split(abstract) if s and not _COPYRIGHT.search(s)]
            found.append(
                Template(
                    authors=list(zip(au, af + au[len(af) :], strict=False)),
                    title=" ".join(tags["TI"]),
                    journal=tags["SO"][0],
                    journal_abbrev=(tags.get("J9") or tags["SO"])[0],
                    year=_int(tags["PY"], 2020),
                    volume=_int(tags.get("VL"), 1),
                    issue=_int(tags.get("IS"), 1),
                    sentences=sentences,
                    keywords=" ".join(tags.get("DE", [])).split("; ") if tags.get("DE") else [],
                    references=tags.get("CR", []),
                    doc_type=(tags.get("DT") or ["Article"])[0],
                )
            )
    if not found:
        raise SystemExit(f"{path}: no usable WoS records found; pass --source FILE_OR_FOLDER")
    return found


class Generator:
    """Synthetic records from real templates, reproducible from one seed."""

    def __init__(self, pool: list[Template], seed: int) -> None:
        self.pool = pool
        self.rng = random.Random(seed)
        self.names = sorted({a for t in pool for a in t.authors})
        self.sentences = [s for t in pool for s in t.sentences]
        self.references = [r for t in pool for r in t.references]
        self.cited: list[tuple[str, int, str, int, str]] = []  # earlier synthetic articles

    def _person(self, author: tuple[str, str], copy: int) -> tuple[str, str]:
        """Copy 0 is the real author; other copies borrow another author's given names."""
        if copy == 0:
            return author
        other = self.names[zlib.crc32(f"{author[1]}|{copy}".encode()) % len(self.names)]
        family = author[1].split(",")[0].strip()
        given_full = other[1].split(",", 1)[1].strip() if "," in other[1] else "A"
        given_short = other[0].split(",", 1)[1].strip() if "," in other[0] else "A"
        return f"{family}, {given_short}", f"{family}, {given_full}"

    def record(self, number: int, copies: int) -> dict[str, object]:
        """One synthetic record as plain values (shared by both output formats)."""
        rng = self.rng
        template = rng.choice(self.pool)
        copy = rng.randrange(copies)
        authors = [self._person(a, copy) for a in template.authors]
        partner = rng.choice(self.pool).title.split()
        words = template.title.split()
        title = " ".join(words[: max(1, len(words) // 2)] + partner[len(partner) // 2 :])
        sentences = list(template.sentences)
        rng.shuffle(sentences)
        for i in range(len(sentences)):
            if rng.random() < 0.2:
                sentences[i] = rng.choice(self.sentences)
        year = template.year + rng.randint(-2, 2)
        volume = template.volume + copy * 7
        issue = max(1, template.issue + rng.randint(0, 1))
        doi = f"10.99999/cg.{number:07d}"
        first_page = rng.randint(1, 3000)
        references = list(dict.fromkeys(
            r if rng.random() < 0.5 else rng.choice(self.references) for r in template.references
        ))  # fmt: skip
        for _ in range(min(len(self.cited), rng.randint(0, 3))):
            family, cited_year, abbrev, cited_volume, cited_doi = rng.choice(self.cited)
            references.append(f"{family}, {cited_year}, {abbrev}, V{cited_volume}, DOI {cited_doi}")
        self.cited.append(
            (authors[0][0].replace(",", ""), year, template.journal_abbrev, volume, doi)
        )
        return {
            "number": number,
            "authors": authors,
            "title": title,
            "journal": template.journal,
            "journal_abbrev": template.journal_abbrev,
            "year": year,
            "volume": volume,
            "issue": issue,
            "pages": (first_page, first_page + rng.randint(3, 25)),
            "abstract": " ".join(sentences),
            "keywords": template.keywords,
            "references": references,
            "doi": doi,
            "doc_type": template.doc_type,
        }


def _wrap(tag: str, values: list[str]) -> list[str]:
    return [f"{tag if i == 0 else '  '} {v}" for i, v in enumerate(values)] if values else []


def wos_record(r: dict[str, object]) -> str:
    """One record in WoS plain-text form."""
    authors = r["authors"]
    assert isinstance(authors, list)
    pages = r["pages"]
    assert isinstance(pages, tuple)
    keywords = r["keywords"]
    references = r["references"]
    assert isinstance(keywords, list) and isinstance(references, list)
    lines = [
        "PT J",
        *_wrap("AU", [a[0] for a in authors]),
        *_wrap("AF", [a[1] for a in authors]),
        f"TI {r['title']}",
        f"SO {r['journal']}",
        "LA English",
        f"DT {r['doc_type']}",
        *([f"DE {'; '.join(keywords)}"] if keywords else []),
        *([f"AB {r['abstract']}"] if r["abstract"] else []),
        *_wrap("CR", references),
        f"NR {len(references)}",
        f"J9 {r['journal_abbrev']}",
        f"PY {r['year']}",
        f"VL {r['volume']}",
        f"IS {r['issue']}",
        f"BP {pages[0]}",
        f"EP {pages[1]}",
        f"DI {r['doi']}",
        f"UT WOS:{990000000000000 + int(str(r['number'])):015d}",
        "ER",
    ]
    return "\n".join(lines) + "\n\n"


def _reference_id(reference: str) -> str:
    doi = re.search(r"DOI (10\.\S+)", reference)
    key = doi.group(1).lower() if doi else reference.lower()
    return f"https://openalex.org/W{zlib.crc32(key.encode()) + 5_000_000_000}"


def openalex_work(r: dict[str, object], ids: dict[str, int]) -> str:
    """One OpenAlex work as a JSON line; internal citations point at synthetic works."""
    authors = r["authors"]
    pages = r["pages"]
    references = r["references"]
    assert isinstance(authors, list) and isinstance(pages, tuple)
    assert isinstance(references, list)
    inverted: dict[str, list[int]] = {}
    for position, word in enumerate(str(r["abstract"]).split()):
        inverted.setdefault(word, []).append(position)
    referenced = []
    for reference in references:
        doi = re.search(r"DOI (10\.99999/\S+)", reference)
        if doi and doi.group(1) in ids:
            referenced.append(f"https://openalex.org/W{ids[doi.group(1)]}")
        else:
            referenced.append(_reference_id(reference))
    work = {
        "id": f"https://openalex.org/W{ids[str(r['doi'])]}",
        "doi": f"https://doi.org/{r['doi']}",
        "title": r["title"],
        "display_name": r["title"],
        "publication_year": r["year"],
        "type": "article",
        "authorships": [
            {
                "author_position": "first" if i == 0 else "middle",
                "author": {
                    "id": f"https://openalex.org/A{zlib.crc32(a[1].encode()) + 5_000_000_000}",
                    "display_name": " ".join(reversed([p.strip() for p in a[1].split(",", 1)])),
                },
                "raw_author_name": a[1],
            }
            for i, a in enumerate(authors)
        ],
        "primary_location": {
            "source": {
                "id": f"https://openalex.org/S{zlib.crc32(str(r['journal']).encode())}",
                "display_name": str(r["journal"]).title(),
            }
        },
        "biblio": {
            "volume": str(r["volume"]),
            "issue": str(r["issue"]),
            "first_page": str(pages[0]),
            "last_page": str(pages[1]),
        },
        "keywords": [{"display_name": k} for k in r["keywords"]],  # type: ignore[attr-defined]
        "abstract_inverted_index": inverted or None,
        "referenced_works": sorted(set(referenced)),
    }
    return json.dumps(work, ensure_ascii=False, sort_keys=True) + "\n"


def generate(source: Path, count: int, fmt: str, out: Path, seed: int = 8) -> list[Path]:
    """Write ``count`` synthetic records to ``out``; returns the files written."""
    pool = templates(source)
    generator = Generator(pool, seed)
    copies = max(1, -(-count // len(pool)))
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    if fmt == "wos":
        for start in range(0, count, RECORDS_PER_FILE):
            path = out / f"savedrecs_{start // RECORDS_PER_FILE:04d}.txt"
            chunk = range(start, min(count, start + RECORDS_PER_FILE))
            body = "".join(wos_record(generator.record(n, copies)) for n in chunk)
            path.write_text("FN Clarivate Analytics Web of Science\nVR 1.0\n" + body + "EF\n")
            written.append(path)
    else:
        path = out / "works.jsonl"
        ids = {f"10.99999/cg.{n:07d}": 7_000_000_000 + n for n in range(count)}
        with path.open("w", encoding="utf-8") as handle:
            for n in range(count):
                handle.write(openalex_work(generator.record(n, copies), ids))
        written.append(path)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--format", choices=("wos", "openalex"), default="wos")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--seed", type=int, default=8)
    args = parser.parse_args()
    if not args.source.exists():
        raise SystemExit(f"{args.source}: not found; pass --source with the large WoS corpus")
    files = generate(args.source, args.records, args.format, args.out, args.seed)
    size = sum(f.stat().st_size for f in files) / 1e6
    print(f"wrote {args.records} records in {len(files)} files ({size:.1f} MB) to {args.out}")


if __name__ == "__main__":
    main()
