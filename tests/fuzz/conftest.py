"""Fuzz settings: 200 inputs per reader, or 10,000 with ``--fuzz-long``; the terminal
summary says how many inputs each test tried and how they ended."""

from __future__ import annotations

from collections import Counter

import pytest

QUICK, LONG = 200, 10_000
TRIED: dict[str, Counter[str]] = {}


@pytest.fixture
def fuzz_examples(request: pytest.FixtureRequest) -> int:
    return LONG if request.config.getoption("--fuzz-long") else QUICK


@pytest.fixture
def tally(request: pytest.FixtureRequest) -> Counter[str]:
    """Counts of how each input ended, for the summary: read, error (one clear line)."""
    return TRIED.setdefault(request.node.name, Counter())


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not TRIED:
        return
    terminalreporter.section("fuzz inputs tried")
    for name, counts in sorted(TRIED.items()):
        ends = ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
        terminalreporter.write_line(f"{name}: {sum(counts.values())} inputs ({ends})")
