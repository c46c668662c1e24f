"""Properties of every reader: never raise, and detection agrees with the parsers."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.errors import UnknownFormat
from graph.readers import READERS, detect, expand, parse_file
from tests.conftest import DATA, is_record

FIXTURES = sorted(p for p, _ in expand([str(DATA)]) if "/hostile/" not in p and is_record(p))
TEXTS = {p: Path(p).read_bytes().decode("utf-8-sig", errors="replace") for p in FIXTURES}


@pytest.mark.parametrize("fmt", sorted(READERS))
@settings(max_examples=150, deadline=None)
@given(text=st.text())
def test_no_reader_raises_on_arbitrary_text(fmt: str, text: str) -> None:
    articles, problems = READERS[fmt].parse(text, "fuzz")
    assert all(p.file == "fuzz" for p in problems)
    assert all(a.title or a.authors or a.doi or a.ids for a in articles)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    path=st.sampled_from(FIXTURES),
    start=st.integers(0, 5000),
    length=st.integers(0, 400),
    junk=st.text(max_size=60),
)
def test_no_reader_raises_on_mangled_real_records(
    path: str, start: int, length: int, junk: str
) -> None:
    text = TEXTS[path]
    start = min(start, len(text))
    mangled = text[:start] + junk + text[start + length :]
    for reader in READERS.values():
        _, problems = reader.parse(mangled, "fuzz")
        assert all(p.line is None or p.line >= 1 for p in problems)


@pytest.mark.parametrize("path", FIXTURES)
def test_detection_picks_a_parser_that_finds_the_records(path: str) -> None:
    name, articles, _ = parse_file(path)
    assert articles, f"{name} found no records in {path}"
    for other in READERS.values():
        if name != other.NAME and other.sniff(TEXTS[path][:8192]):
            assert list(READERS).index(other.NAME) > list(READERS).index(name)


@settings(max_examples=100, deadline=None)
@given(
    path=st.sampled_from(FIXTURES),
    newline=st.sampled_from(["\n", "\r\n", "\r"]),
    bom=st.booleans(),
    blank=st.integers(0, 2),
)
def test_detection_survives_line_endings_bom_and_blank_lines(
    path: str, newline: str, bom: bool, blank: int
) -> None:
    original = TEXTS[path]
    if path.endswith((".json", ".jsonl", ".csv")) and newline == "\r":
        newline = "\n"  # lone CR inside JSON strings or quoted CSV cells changes their text
    text = ("\ufeff" if bom else "") + newline * blank + newline.join(original.splitlines())
    reader = detect(path, original[:8192])
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # as the registry does
    try:
        again = detect("renamed", text[:8192])
    except UnknownFormat:  # pragma: no cover - reported below
        pytest.fail(f"{path} not detected after re-encoding")
    assert again.NAME == reader.NAME
    before, _ = reader.parse(original, path)
    after, _ = again.parse(text.lstrip("\ufeff"), path)
    assert len(after) == len(before)
