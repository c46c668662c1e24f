"""Export throughput from a stored build: MB/s of each format, written from the store's
tables as ``citegraph export`` writes them (issue #17, point 5: a 10k typed-graph GraphML
at no less than 50 MB/s).

Run on a build folder (``citegraph build … -o BUILD``); each network and format is written
``--repeat`` times into a temporary folder, and the best time counts (the store's tables
are read once, before the clock starts, as a command reads them once):

    python benchmarks/exports.py BUILD --networks all coauthors --output results-exports.json
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path
from typing import Any

from graph.export import FORMATS, write_stored_export
from graph.store import open_store

HERE = Path(__file__).resolve().parent
TARGET_GRAPHML_MB_PER_S = 50.0


def size(path: Path) -> int:
    """Bytes of the file at ``path``, or of every file in the folder ``path``."""
    return sum(p.stat().st_size for p in path.iterdir()) if path.is_dir() else path.stat().st_size


def measure(build: Path, network: str, to: str, repeat: int) -> dict[str, Any]:
    """Best seconds of ``repeat`` writes of ``network`` as ``to``, with the bytes written."""
    store = open_store(build)
    stored = store.network(network)
    best = float("inf")
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / f"{network}.{to}"
        for _ in range(repeat):
            start = time.perf_counter()
            write_stored_export(store, stored, to, out)
            best = min(best, time.perf_counter() - start)
        written = size(out)
    return {"network": network, "format": to, "nodes": stored.nodes.num_rows,
            "edges": stored.edges.num_rows, "mb": round(written / 1e6, 2),
            "seconds": round(best, 3), "mb_per_s": round(written / 1e6 / best, 1)}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("build", type=Path)
    parser.add_argument("--networks", nargs="+", default=["all", "coauthors", "cocitation"])
    parser.add_argument("--formats", nargs="+", default=list(FORMATS), choices=FORMATS)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--output", type=Path, default=HERE / "results-exports.json")
    args = parser.parse_args()
    rows = [measure(args.build, n, to, args.repeat) for n in args.networks for to in args.formats]
    print("| network | format | nodes | edges | MB | s | MB/s |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['network']} | {r['format']} | {r['nodes']:,} | {r['edges']:,} | {r['mb']} "
              f"| {r['seconds']} | {r['mb_per_s']} |")  # fmt: skip
    graphml = next((r for r in rows if (r["network"], r["format"]) == ("all", "graphml")), None)
    if graphml is not None:
        met = graphml["mb_per_s"] >= TARGET_GRAPHML_MB_PER_S
        print(f"typed-graph GraphML: {graphml['mb_per_s']} MB/s, target "
              f"{TARGET_GRAPHML_MB_PER_S:.0f}: {'met' if met else 'missed'}")  # fmt: skip
    document = {"build": str(args.build), "repeat": args.repeat, "rows": rows}
    args.output.write_text(json.dumps(document, indent=1) + "\n", "utf-8")


if __name__ == "__main__":
    main()
