"""Walking JSON record files item by item, so each record keeps its line number.

Handles a top-level array, an object holding the array at a known path (an OpenAlex
``{"results": [...]}`` page, a Crossref ``{"message": {"items": [...]}}`` list), a single
record object, and JSON Lines. Invalid JSON stops the walk with one problem at its line;
the records before it are kept.

>>> items = list(json_items('{"message": {"x": 1, "items": [\\n{"a": 1},\\n{"a": 2}]}}', "f",
...                         [("message", "items")]))
>>> items
[(2, {'a': 1}), (3, {'a': 2})]
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Callable, Generator, Iterator, Mapping, Sequence
from typing import Any

from graph.models import Article, Problem
from graph.readers._common import excerpt, finish, split_results

_DECODER = json.JSONDecoder()
_WS = " \t\n\r"
Item = tuple[int, object] | Problem


class _Text:
    def __init__(self, text: str) -> None:
        self.text = text
        self.newlines = [m.start() for m in re.finditer("\n", text)]

    def line(self, pos: int) -> int:
        return bisect.bisect_left(self.newlines, pos) + 1

    def skip(self, pos: int) -> int:
        while pos < len(self.text) and self.text[pos] in _WS:
            pos += 1
        return pos


def _member(doc: _Text, start: int, key: str) -> int | None:
    """The offset of ``key``'s value in the object starting at ``start``, if it has one."""
    text = doc.text
    pos = doc.skip(start + 1)
    while pos < len(text) and text[pos] != "}":
        name, pos = _DECODER.raw_decode(text, pos)
        pos = doc.skip(pos)
        if text[pos] != ":":
            raise json.JSONDecodeError("Expecting ':' delimiter", text, pos)
        pos = doc.skip(pos + 1)
        if name == key:
            return pos
        _, pos = _DECODER.raw_decode(text, pos)
        pos = doc.skip(pos)
        if pos < len(text) and text[pos] == ",":
            pos = doc.skip(pos + 1)
    return None


def _array(doc: _Text, start: int) -> Generator[tuple[int, object], None, int]:
    """Each item of the array starting at ``start``; returns the offset just past it."""
    text = doc.text
    pos = doc.skip(start + 1)
    while pos < len(text) and text[pos] != "]":
        value, end = _DECODER.raw_decode(text, pos)
        yield doc.line(pos), value
        pos = doc.skip(end)
        if pos < len(text) and text[pos] == ",":
            pos = doc.skip(pos + 1)
        elif pos >= len(text) or text[pos] != "]":
            raise json.JSONDecodeError("Expecting ',' delimiter", text, pos)
    if pos >= len(text):
        raise json.JSONDecodeError("Expecting ']'", text, pos)
    return pos + 1


def _json_lines(text: str, source: str) -> Iterator[Item]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            yield number, json.loads(line)
        except json.JSONDecodeError as err:
            yield Problem(file=source, line=number, message=f"invalid JSON: {err.msg}",
                          excerpt=excerpt(line))  # fmt: skip


def is_json_lines(text: str) -> bool:
    """Whether ``text`` holds more than one top-level JSON value, one per line."""
    first = text.lstrip(_WS)
    if not first.startswith("{"):
        return False
    try:
        _, end = _DECODER.raw_decode(first)
    except json.JSONDecodeError:
        newline = first.find("\n")
        return newline > 0 and first[:newline].rstrip().endswith("}")
    return bool(first[end:].strip())


def _root_items(
    doc: _Text, paths: Sequence[tuple[str, ...]]
) -> Generator[tuple[int, object], None, int]:
    """Each record; returns the offset just past the root value."""
    start = doc.skip(0)
    if doc.text[start] == "[":
        return (yield from _array(doc, start))
    for path in paths:
        pos: int | None = start
        for key in path:
            pos = _member(doc, pos, key) if pos is not None and doc.text[pos] == "{" else None
        if pos is None:
            continue
        if doc.text[pos] == "[":
            yield from _array(doc, pos)
        else:
            value, _ = _DECODER.raw_decode(doc.text, pos)
            yield doc.line(pos), value
        # The rest of the root object must be whole too: parse it once more to find its end.
        return int(_DECODER.raw_decode(doc.text, start)[1])
    value, end = _DECODER.raw_decode(doc.text, start)
    yield doc.line(start), value
    return int(end)


def json_items(text: str, source: str, paths: Sequence[tuple[str, ...]] = ()) -> Iterator[Item]:
    """(line, record) for every record in ``text``, or a Problem where the JSON breaks."""
    text = text.lstrip("\ufeff")
    if not text.strip():
        return
    if is_json_lines(text):
        yield from _json_lines(text, source)
        return
    doc = _Text(text)
    try:
        end = yield from _root_items(doc, paths)
    except (json.JSONDecodeError, IndexError) as err:
        pos = err.pos if isinstance(err, json.JSONDecodeError) else len(text)
        line = doc.line(pos)
        message = "invalid or truncated JSON; the records before this line were read"
        yield Problem(
            file=source, line=line, message=message, excerpt=excerpt(text[pos : pos + 120])
        )
        return
    rest = doc.skip(end)
    if rest < len(text):  # a second document, or the records after a stray ]
        message = "text after the end of the JSON data was skipped"
        yield Problem(file=source, line=doc.line(rest), message=message,
                      excerpt=excerpt(text[rest : rest + 120]))  # fmt: skip


def parse_records(
    text: str,
    source: str,
    paths: Sequence[tuple[str, ...]],
    fields: Callable[[Mapping[str, Any]], dict[str, object]],
    id_key: str,
) -> tuple[list[Article], list[Problem]]:
    """Articles from every record object in ``text``; anything else becomes a problem."""
    results: list[Article | Problem | list[Article | Problem]] = []
    for item in json_items(text, source, paths):
        if isinstance(item, Problem):
            results.append(item)
            continue
        line, record = item
        if not isinstance(record, Mapping):
            results.append(Problem(file=source, line=line, message="not a record object"))
            continue
        try:
            results.append(finish(fields(record), source, line, str(record.get(id_key, ""))))
        except (AttributeError, TypeError, ValueError, KeyError, IndexError) as err:
            message = f"malformed record: {type(err).__name__}: {err}"[:200]
            results.append(Problem(file=source, line=line, message=message))
    return split_results(results)
