"""Mutated real files through every reader and through detection: whatever the bytes, a
run ends with every record accounted for, or with one clear error; never a traceback; and
no text that an output cannot hold.

Mutations: byte flips, truncation (at every record boundary, and anywhere), duplicated and
shuffled lines, mixed line endings, inserted NULs and BOMs, re-encoding as UTF-16.
"""

from __future__ import annotations

import codecs
import re
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.cli import cli
from graph.errors import GraphError
from graph.models import Article, Loaded
from graph.pipeline import assemble, summary
from graph.readers import parse_file, read
from tests.fuzz.seeds import SEEDS

FORMATS = sorted(SEEDS)
_UNFIT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
BOMS = [codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE]


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, (list, tuple)):
        return [s for v in value for s in _strings(v)]
    return []


def _unfit_text(articles: list[Article]) -> list[str]:
    return [s for a in articles for s in _strings(a.model_dump()) if _UNFIT.search(s)]


def check_accounting(path: Path, fmt: str | None) -> str:
    """Read ``path`` and check what the run reports adds up; returns how the input ended."""
    try:
        loaded = read([str(path)], fmt=fmt)
    except GraphError as err:
        assert "\n" not in str(err) and str(err).startswith(str(path))
        return "error"
    (report,) = loaded.files
    assert report.records_read == report.articles + report.problems
    assert (report.articles, report.problems) == (len(loaded.articles), len(loaded.problems))
    assert all(p.file == str(path) and (p.line is None or p.line >= 1) for p in loaded.problems)
    assert _unfit_text(loaded.articles) == []
    counts = summary(assemble(loaded))
    (entry,) = counts["files"]
    assert entry["records_read"] == (
        entry["articles"] + entry["duplicates_merged"] + entry["problems"]
    )
    assert counts["articles"] == entry["articles"]  # every kept record is a node
    return "read"


def _lines(data: bytes) -> list[bytes]:
    return data.splitlines(keepends=True) or [data]


@st.composite
def mutated(draw: st.DrawFn, fmt: str) -> bytes:
    """A seed of format ``fmt`` with one to three mutations."""
    _, data = draw(st.sampled_from(SEEDS[fmt]))
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(
            ["flip", "truncate", "duplicate", "shuffle", "endings", "nul", "bom", "utf16"]
        ))  # fmt: skip
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        if kind == "flip" and data:
            data = data[:at] + bytes([data[at] ^ draw(st.integers(1, 255))]) + data[at + 1 :]
        elif kind == "truncate":
            data = data[:at]
        elif kind == "nul":
            data = data[:at] + b"\0" * draw(st.integers(1, 4)) + data[at:]
        elif kind == "bom":
            data = data[:at] + draw(st.sampled_from(BOMS)) + data[at:]
        elif kind == "utf16":
            text = data.decode("utf-8", errors="replace")
            data = text.encode(draw(st.sampled_from(["utf-16", "utf-16-be", "utf-16-le"])))
            if not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
                data = (codecs.BOM_UTF16_BE if data[:1] == b"\0" else codecs.BOM_UTF16_LE) + data
        else:
            lines = _lines(data)
            i = draw(st.integers(0, len(lines) - 1))
            if kind == "duplicate":
                lines.insert(i, lines[i])
            elif kind == "shuffle":
                window = lines[i : i + draw(st.integers(2, 12))]
                lines[i : i + len(window)] = draw(st.permutations(window))
            else:
                ending = draw(st.sampled_from([b"\r\n", b"\r", b"\n"]))
                lines = [ln.rstrip(b"\r\n") + ending if n % 2 else ln for n, ln in enumerate(lines)]
            data = b"".join(lines)
    return data


@pytest.mark.parametrize("fmt", FORMATS)
def test_mutated_files_are_accounted_for(fmt: str, fuzz_examples: int, tally: Counter[str],
                                         tmp_path: Path) -> None:  # fmt: skip
    @settings(max_examples=fuzz_examples, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])  # fmt: skip
    @given(data=mutated(fmt), detect=st.booleans())
    def run(data: bytes, detect: bool) -> None:
        path = tmp_path / f"input.{fmt}.txt"
        path.write_bytes(data)
        tally[check_accounting(path, None if detect else fmt)] += 1

    run()


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_cli_never_shows_a_traceback(fmt: str, fuzz_examples: int, tally: Counter[str],
                                         tmp_path: Path) -> None:  # fmt: skip
    runner = CliRunner()

    @settings(max_examples=max(fuzz_examples // 10, 20), deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])  # fmt: skip
    @given(data=mutated(fmt), detect=st.booleans())
    def run(data: bytes, detect: bool) -> None:
        path = tmp_path / f"input.{fmt}.txt"
        path.write_bytes(data)
        args = ["info", str(path), "--json", "-q"] + ([] if detect else ["--format", fmt])
        result = runner.invoke(cli, args)
        assert result.exit_code in (0, 1), result.output
        assert isinstance(result.exception, (SystemExit, type(None))), result.exc_info
        if result.exit_code == 1:
            assert result.stdout == ""
            assert result.stderr.count("Error: ") == 1 and "Traceback" not in result.stderr
        tally[f"exit {result.exit_code}"] += 1

    run()


CASES = [(fmt, name, data) for fmt in FORMATS for name, data in SEEDS[fmt]]


@pytest.mark.parametrize(("fmt", "name", "data"), CASES, ids=[c[1] for c in CASES])
def test_truncation_at_every_record_boundary_keeps_the_records_before_it(
    fmt: str, name: str, data: bytes, tmp_path: Path
) -> None:
    whole = tmp_path / name
    whole.write_bytes(data)
    _, articles, problems = parse_file(str(whole), fmt)
    starts = sorted({a.line for a in articles if a.line} | {p.line for p in problems
                                                            if p.skipped and p.line})  # fmt: skip
    offsets = [0] + [m.end() for m in re.finditer(b"\n", data)]
    assert starts, f"{name}: no record has a line"
    for k, line in enumerate(starts):
        cut = tmp_path / f"cut-{k}"
        cut.write_bytes(data[: offsets[line - 1]])
        if check_accounting(cut, fmt) == "error":  # cut before the first record: empty
            assert k == 0
            continue
        before = [a for a in articles if a.line and a.line < line]
        _, kept, _ = parse_file(str(cut), fmt)
        assert [a.title for a in kept[: len(before)]] == [a.title for a in before], (name, k)


# Every reader: a record lost to damage is always reported. (In a Scopus CSV a lost or
# extra quote joins rows into cells; the first row with too few cells says so.)
LOSSLESS = FORMATS
_SEED_RECORDS: dict[tuple[str, str], int] = {}


def _records_read(path: Path, fmt: str) -> int:
    return read([str(path)], fmt=fmt).files[0].records_read


def _reported(loaded: Loaded) -> bool:
    """Whether the run reports text it could not make a record of."""
    said = ("skipped", "may be joined")
    return bool(loaded.problems) or any(w in n.message for n in loaded.notes for w in said)


@pytest.mark.parametrize("fmt", LOSSLESS)
def test_a_damaged_record_is_never_lost_silently(fmt: str, fuzz_examples: int,
                                                 tally: Counter[str], tmp_path: Path) -> None:  # fmt: skip
    @settings(max_examples=fuzz_examples, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow])  # fmt: skip
    @given(seed=st.sampled_from(SEEDS[fmt]), at=st.integers(0, 10**6),
           kind=st.sampled_from(["flip", "nul"]), xor=st.integers(1, 255))  # fmt: skip
    def run(seed: tuple[str, bytes], at: int, kind: str, xor: int) -> None:
        name, data = seed
        if (fmt, name) not in _SEED_RECORDS:
            (tmp_path / name).write_bytes(data)
            _SEED_RECORDS[fmt, name] = _records_read(tmp_path / name, fmt)
        at %= len(data)
        damaged = (
            data[:at]
            + (bytes([data[at] ^ xor]) if kind == "flip" else b"\0" + data[at : at + 1])
            + data[at + 1 :]
        )
        path = tmp_path / f"damaged-{name}"
        path.write_bytes(damaged)
        try:
            loaded = read([str(path)], fmt=fmt)
        except GraphError:
            tally["error"] += 1
            return
        lost = _SEED_RECORDS[fmt, name] - loaded.files[0].records_read
        assert lost <= 0 or _reported(loaded), (name, at, kind, lost)
        tally["fewer records, reported" if lost > 0 else "no record lost"] += 1

    run()


@pytest.mark.parametrize(("name", "data"), SEEDS["scopus"], ids=[n for n, _ in SEEDS["scopus"]])
def test_every_lost_or_extra_quote_in_a_scopus_csv_is_reported(
    name: str, data: bytes, tmp_path: Path
) -> None:
    whole = tmp_path / name
    whole.write_bytes(data)
    records = _records_read(whole, "scopus")
    lost = 0
    for at in [i for i, byte in enumerate(data) if byte == ord('"')]:
        for replacement in (b"", b"x", b'""'):
            damaged = tmp_path / f"damaged-{name}"
            damaged.write_bytes(data[:at] + replacement + data[at + 1 :])
            loaded = read([str(damaged)], fmt="scopus")
            if loaded.files[0].records_read < records:
                lost += 1
                assert _reported(loaded), (at, replacement)
    assert lost or records == 1  # the damage did cost records, so the check was exercised
