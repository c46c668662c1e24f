"""Stage timings for ``--profile``: the wall time of each stage and the peak memory so far.

A :class:`StageClock` is a stage callback: each call closes the running stage and starts
the next. Peak memory is the process's peak resident set size when the stage ended (the
operating system keeps only the peak, so a stage shows the highest point reached by then).

>>> clock = StageClock()
>>> clock("reading"); clock("building"); rows = clock.finish()
>>> [row["stage"] for row in rows], all(row["seconds"] >= 0 for row in rows)
(['reading', 'building'], True)
"""

from __future__ import annotations

import resource
import sys
import time


def peak_memory_mb() -> float:
    """The peak resident set size of this process so far, in MB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)


class StageClock:
    """Times named stages, one after another."""

    def __init__(self) -> None:
        self.rows: list[dict[str, object]] = []
        self._beside: set[int] = set()  # rows timed in another process
        self._stage: str | None = None
        self._start = 0.0

    def __call__(self, stage: str) -> None:
        self._close()
        self._stage, self._start = stage, time.perf_counter()

    def _close(self) -> None:
        if self._stage is not None:
            seconds = round(time.perf_counter() - self._start, 3)
            self.rows.append(
                {"stage": self._stage, "seconds": seconds, "peak_mb": peak_memory_mb()}
            )
            self._stage = None

    def beside(self, rows: list[dict[str, object]]) -> None:
        """Add ``rows`` timed in another process, while this one worked: they are listed
        but not counted in :meth:`total`."""
        self._beside.update(range(len(self.rows), len(self.rows) + len(rows)))
        self.rows.extend(rows)

    def total(self) -> float:
        """The seconds of this process's own stages: the wall time they cover.

        >>> clock = StageClock()
        >>> clock("a"); clock.beside([{"stage": "b", "seconds": 5.0, "peak_mb": 1.0}])
        >>> _ = clock.finish(); clock.total() < 5
        True
        """
        own = (r for i, r in enumerate(self.rows) if i not in self._beside)
        return round(sum(float(str(r["seconds"])) for r in own), 3)

    def finish(self) -> list[dict[str, object]]:
        """Close the running stage; every stage's row, in order."""
        self._close()
        return self.rows
