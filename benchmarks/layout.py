"""Benchmark: how far apart the views' layout places communities, and what it costs.

For each network of a build folder, cut to the view's node cap as ``citegraph build``
cuts it, lays it out twice: components only, and communities apart
(:func:`graph.view.layout.component_layout` with ``community``). Prints the seconds and
the silhouette of node positions by community (communities of ten nodes or more; −1 to
1, higher is better separated) and the share of nodes whose drawn circle (the view's own
radius, 6–24 px) overlaps another's, and writes benchmarks/results-layout.json.

    citegraph build path/to/10k-records/ --out /tmp/b10k
    python benchmarks/layout.py /tmp/b10k
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np
from scipy.spatial import cKDTree
from sklearn.metrics import silhouette_score

import graph
from graph.settings import MAX_NODES
from graph.store import Store
from graph.view.layout import component_layout
from graph.view.network import cap_nodes, node_sizes

HERE = Path(__file__).resolve().parent
# Each network and the attribute its view ranks nodes by when it caps them.
VIEWS = {"coauthors": "articles", "topics": "pagerank", "terms": "occurrences",
         "coupling": "pagerank", "cocitation": "pagerank", "citations": "pagerank"}  # fmt: skip


def overlapping(points: np.ndarray, radii: np.ndarray) -> float:
    """The share of nodes whose circle overlaps another node's circle."""
    tree = cKDTree(points)
    hit = np.zeros(len(points), dtype=bool)
    for i, j in tree.query_pairs(2 * float(radii.max())):
        if np.hypot(*(points[i] - points[j])) < radii[i] + radii[j]:
            hit[i] = hit[j] = True
    return float(hit.mean()) if len(hit) else 0.0


def measure(store: Store, name: str, metric: str) -> dict[str, object]:
    """Time and silhouette of both layouts of network ``name``, capped by ``metric``."""
    H, _ = cap_nodes(store.network(name).to_networkx(), metric, MAX_NODES)
    order = sorted(H)
    labels = np.array([H.nodes[n].get("community", -1) for n in order])
    values, counts = np.unique(labels, return_counts=True)
    kept = np.isin(labels, values[counts >= 10])
    sizes = node_sizes(H, metric)
    radii = np.array([sizes[n] for n in order])
    row: dict[str, object] = {"network": name, "nodes": len(order), "links": H.number_of_edges()}
    for key, community in (("components", None), ("communities", "community")):
        start = time.perf_counter()
        positions = component_layout(H, 42, community)
        seconds = time.perf_counter() - start
        points = np.array([positions[n] for n in order])
        score = silhouette_score(points[kept], labels[kept]) if len(set(labels[kept])) > 1 else None
        row[key] = {"seconds": round(seconds, 3),
                    "silhouette": None if score is None else round(float(score), 3),
                    "overlapping_nodes": round(overlapping(points, radii), 3)}  # fmt: skip
    return row


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("build", type=Path, help="a citegraph build folder")
    args = parser.parse_args()
    store = graph.open(args.build)
    rows = []
    for name, metric in VIEWS.items():
        row = measure(store, name, metric)
        rows.append(row)
        print(json.dumps(row), flush=True)
    (HERE / "results-layout.json").write_text(json.dumps({"networks": rows}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
