"""The files the fuzz suite mutates, by format: the small real fixtures and the listing
(always here), and the start of every real export when ``../shared`` is beside the clone."""

from __future__ import annotations

import json
import lzma
from pathlib import Path

from graph.readers import expand, parse_file
from tests.conftest import DATA, LISTING, SHARED, is_record

REAL_HEAD = 24_000
"""Bytes kept of each real export, cut at a line end: enough for a dozen records."""


def _first_records(data: bytes) -> bytes:
    """A one-line JSON export cut to its first records (at least one, at most 12, about
    ``REAL_HEAD`` bytes), written one field per line."""
    document = json.loads(data)
    holder = document.get("message", document) if isinstance(document, dict) else document
    key = ("items" if "items" in holder else "results") if isinstance(holder, dict) else None
    records = holder[key] if key else holder
    for n in range(12, 0, -1):
        if key:
            holder[key] = records[:n]
        else:
            document = records[:n]
        text = json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")
        if len(text) <= 2 * REAL_HEAD or n == 1:
            return text
    raise AssertionError("unreachable")


def _head(data: bytes) -> bytes:
    if len(data) <= REAL_HEAD:
        return data
    head = data[:REAL_HEAD]
    if b"\n" not in head:
        return _first_records(data)
    return head[: head.rindex(b"\n") + 1]


def _format(path: str) -> str:
    return parse_file(path)[0]


def _seeds() -> dict[str, list[tuple[str, bytes]]]:
    seeds: dict[str, list[tuple[str, bytes]]] = {}
    for path, _ in expand([str(DATA), str(LISTING)]):
        if "/hostile/" not in path and is_record(path):
            seeds.setdefault(_format(path), []).append((Path(path).name, Path(path).read_bytes()))
    for path in sorted((SHARED / "real").glob("*/*.xz")) if SHARED.is_dir() else []:
        head = _head(lzma.decompress(path.read_bytes()))
        fmt = path.parent.name if path.parent.name != "wos" or b"\tAU\t" not in head else "wos-tab"
        seeds.setdefault(fmt, []).append((path.name.removesuffix(".xz"), head))
    return seeds


SEEDS = _seeds()
