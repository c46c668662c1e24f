"""citegraph: records become a typed graph of authors, articles and journal issues.

Build once, then ask the stored build: :func:`open` reads the tables and networks that
``citegraph build`` wrote, without reading a record.

>>> from graph import load, analyse, summary
>>> summary(analyse(load(["data/peer-support-listing.txt"])))["issues"]
11
>>> import tempfile, graph
>>> out = tempfile.mkdtemp()
>>> _ = graph.write_build(analyse(load(["data/peer-support-listing.txt"])), out)
>>> store = graph.open(out)
>>> store.table("people").sort("articles", descending=True)["label"][0]
'Emma Watson'
>>> store.network("coauthors").to_networkx().number_of_edges()
11
>>> store.network("coauthors").to_igraph().vcount()
14
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

# Imported on first use: a query on a stored build should not pay for scikit-learn.
_LAZY = {
    "Article": "graph.models",
    "Author": "graph.models",
    "FileReport": "graph.models",
    "Issue": "graph.models",
    "Loaded": "graph.models",
    "Problem": "graph.models",
    "Analysis": "graph.pipeline",
    "Settings": "graph.pipeline",
    "analyse": "graph.pipeline",
    "load": "graph.pipeline",
    "metrics_document": "graph.pipeline",
    "node_rows": "graph.pipeline",
    "summary": "graph.pipeline",
    "write_outputs": "graph.pipeline",
    "write_build": "graph.results",
    "Store": "graph.store",
}

__all__ = sorted([*_LAZY, "__version__", "open"])


def open(path: str) -> Any:
    """The build stored in folder ``path`` (``citegraph build``'s ``--out``): a
    :class:`graph.store.Store` with tables as polars or pandas frames and networks."""
    from graph.store import open_store

    return open_store(path)


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'graph' has no attribute {name!r}")
