"""metaknowledge's load, co-authorship, citation and coupling networks on the same files.

Runs under metaknowledge's own Python (it is a benchmark dependency, never a runtime one):

    python -m venv /tmp/mk && /tmp/mk/bin/pip install metaknowledge
    /tmp/mk/bin/python benchmarks/compare_metaknowledge.py /tmp/large

Prints one JSON line per finished step (so a step that runs out of time still leaves the
earlier ones), then a last line with every step and the process's peak memory.
``benchmarks/run.py`` starts this script in a fresh process for each run and measures its
wall time and peak memory from outside, as it does for citegraph.
"""

from __future__ import annotations

import json
import resource
import sys
import time


def main() -> None:
    import metaknowledge as mk

    path = sys.argv[1]
    steps: dict[str, float] = {}
    counts: dict[str, int] = {}

    def step(name: str, action):  # type: ignore[no-untyped-def]
        start = time.perf_counter()
        result = action()
        steps[name] = round(time.perf_counter() - start, 3)
        print(json.dumps({"step": name, "seconds": steps[name]}), flush=True)
        return result

    records = step("load", lambda: mk.RecordCollection(path))
    counts["records"] = len(records)
    for name, build in (
        ("coauthor", records.networkCoAuthor),
        ("citation", records.networkCitation),
        ("coupling", records.networkBibCoupling),
    ):
        network = step(name, build)
        counts[f"{name}_edges"] = network.number_of_edges()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"steps": steps, "counts": counts, "peak_mb": round(peak, 1),
                      "version": mk.__version__}), flush=True)  # fmt: skip


if __name__ == "__main__":
    main()
