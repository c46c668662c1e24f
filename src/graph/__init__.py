"""citegraph: records become a typed graph of authors, articles and journal issues.

>>> from graph import load, analyse, summary
>>> summary(analyse(load(["data/peer-support-listing.txt"])))["issues"]
11
"""

from __future__ import annotations

__version__ = "0.1.0"

from graph.models import Article, Author, FileReport, Issue, Loaded, Problem
from graph.pipeline import (
    Analysis,
    Settings,
    analyse,
    load,
    metrics_document,
    node_rows,
    summary,
    write_outputs,
)

__all__ = [
    "Analysis",
    "Article",
    "Author",
    "FileReport",
    "Issue",
    "Loaded",
    "Problem",
    "Settings",
    "__version__",
    "analyse",
    "load",
    "metrics_document",
    "node_rows",
    "summary",
    "write_outputs",
]
