"""Small bar charts for the index page, as inline SVG: no chart library, no network.

A chart is a list of bars with pixel geometry; the template draws them, escaping every
label. Values scale to the largest one.

>>> [(b.label, b.value, b.length) for b in bars([("2014", 3), ("2015", 6)], length=120)]
[('2014', 3, 60.0), ('2015', 6, 120.0)]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Bar:
    """One bar: its label, value, and length in pixels."""

    label: str
    value: float
    length: float


def bars(items: Sequence[tuple[str, float]], length: float = 200.0) -> list[Bar]:
    """Bars for (label, value) pairs, in the order given, scaled so the largest is ``length``."""
    top = max((float(v) for _, v in items), default=0.0)
    return [
        Bar(str(label), _plain(value), round(float(value) / top * length, 2) if top else 0.0)
        for label, value in items
    ]


def _plain(value: float) -> float:
    """Whole numbers as ints (5, not 5.0), others to two decimals."""
    number = float(value)
    return int(number) if number.is_integer() else round(number, 2)
