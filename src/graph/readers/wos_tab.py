"""Reader for Web of Science tab-delimited exports: a row of two-letter tags, then a row
per record. UTF-8 with a BOM and CRLF line endings, as WoS writes them.

>>> text = "PT\\tAU\\tAF\\tTI\\tPY\\tUT\\r\\nJ\\tLuo, ZQ\\tLuo, Zhiqing\\tBLE\\t2025\\tWOS:1\\r\\n"
>>> [a], _ = parse(text, "x.txt")
>>> a.title, a.authors[0].name, a.year, a.line
('BLE', 'Zhiqing Luo', 2025, 2)
"""

from __future__ import annotations

import re

from graph.models import Article, Problem
from graph.readers._common import excerpt, finish, split_results
from graph.readers.wos import fields_from_tags

_OUTSIDE_BRACKETS = re.compile(r";\s*(?![^\[]*\])")

NAME = "wos-tab"
SUFFIXES: tuple[str, ...] = ()
_REQUIRED = {"PT", "AU", "TI"}


def sniff(head: str) -> bool:
    """The first row is tab-separated WoS tags, ``PT`` first.

    >>> sniff("\\ufeffPT\\tAU\\tBA\\tTI\\r\\nJ\\t")
    True
    """
    first = head.lstrip("\ufeff").lstrip("\r\n").split("\n", 1)[0].rstrip("\r").split("\t")
    return first[0] == "PT" and set(first) >= _REQUIRED


def parse(text: str, source: str) -> tuple[list[Article], list[Problem]]:
    """Parse a WoS tab-delimited export; a row with too many cells becomes a problem."""
    lines = text.lstrip("\ufeff").splitlines()
    skip = next((i for i, line in enumerate(lines) if line.strip()), len(lines))
    if skip == len(lines):
        return [], []
    header = lines[skip].split("\t")
    results: list[Article | Problem | list[Article | Problem]] = []
    for number, line in enumerate(lines[skip + 1 :], start=skip + 2):
        if not line.strip():
            continue
        cells = line.split("\t")
        if len(cells) > len(header) + 1:
            message = f"row has {len(cells)} cells for {len(header)} columns"
            results.append(
                Problem(file=source, line=number, message=message, excerpt=excerpt(line))
            )
            continue
        tags = {tag: [cell] for tag, cell in zip(header, cells, strict=False) if cell.strip()}
        for tag in ("AU", "AF", "CR", "BA", "BF"):
            if tag in tags:
                tags[tag] = tags[tag][0].split("; ")
        if "C1" in tags:  # "[A; B] Univ X; [C] Univ Y": split outside the brackets only
            tags["C1"] = _OUTSIDE_BRACKETS.split(tags["C1"][0])
        results.append(finish(fields_from_tags(tags), source, number, line))
    return split_results(results)
