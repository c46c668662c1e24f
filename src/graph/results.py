"""A build's results as tables: what the store holds (:mod:`graph.store`).

:func:`write_build` is what ``citegraph build`` does: the views and files of
:func:`graph.pipeline.write_outputs`, then the store: the corpus tables, every network of
the registry as node and edge tables, node metrics, merges, files and problems, TF-IDF
weights, and ``results.json``. :mod:`graph.answers` reads them back.

>>> import tempfile
>>> from graph.pipeline import analyse, load
>>> out = tempfile.mkdtemp()
>>> _ = write_build(analyse(load(["data/peer-support-listing.txt"])), out)
>>> sorted(open_store(out).tables)[:4]
['all_edges', 'all_nodes', 'author_merges', 'authorships']
"""

from __future__ import annotations

import os
from dataclasses import asdict
from pathlib import Path

import pyarrow as pa

from graph.cache import input_files
from graph.collector import fewer_collections
from graph.models import AuthorMerge, MergeGroup, Problem
from graph.neighbourhoods import PATH_LINKS, path_links
from graph.networks import NETWORKS
from graph.pipeline import (
    Analysis,
    Stage,
    metrics_document,
    node_rows,
    summary,
    tables_of,
    write_outputs,
)
from graph.store import network_table_names, open_store, write_store
from graph.tables import rows_table

__all__ = ["open_store", "save_store", "write_build"]


def _network_tables(result: Analysis) -> dict[str, pa.Table]:
    out: dict[str, pa.Table] = {}
    has_references = any(result.cited.values())
    for spec in NETWORKS:
        if spec.needs_references and not has_references:
            continue
        nodes, edges = tables_of(result, spec.name)
        out.update(zip(network_table_names(spec.name), (nodes, edges), strict=True))
    return out


def _tfidf_tables(result: Analysis) -> dict[str, pa.Table]:
    X = result.vectors.matrix.tocoo()
    works = result.tables.works.column("id").to_pylist()
    if result.vectors.articles != works:  # the row order is the works' order
        raise AssertionError("TF-IDF rows are not in the works' order")
    return {
        "tfidf": pa.table(
            {
                "work": pa.array(X.row, pa.int32()),
                "term": pa.array(X.col, pa.int32()),
                "weight": pa.array(X.data, pa.float64()),
            }
        ),
        "vocabulary": pa.table(
            {
                "term": pa.array(range(len(result.vectors.terms)), pa.int32()),
                "text": pa.array([str(t) for t in result.vectors.terms]),
            }
        ),
    }


_MERGE = tuple(MergeGroup.model_fields)
_PERSON = tuple(AuthorMerge.model_fields)
_FILE = ("path", "format", "records_read", "articles", "duplicates_merged", "problems")
_PROBLEM = tuple(Problem.model_fields)


def build_tables(result: Analysis) -> dict[str, pa.Table]:
    """Every table the store holds, by name."""
    problems = [
        {**p.model_dump(), "line": p.line} for p in (*result.loaded.problems, *result.loaded.notes)
    ]
    files = [{k: v for k, v in f.items()} for f in summary(result)["files"]]  # type: ignore[attr-defined]
    networks = _network_tables(result)
    ids = networks["all_nodes"].column("id").combine_chunks()
    return {
        **dict(result.tables.items()),
        **networks,
        PATH_LINKS: path_links(ids, lambda name: networks.get(f"{name}_edges")),
        **_tfidf_tables(result),
        "node_metrics": rows_table(node_rows(result)),
        "merges": rows_table([g.model_dump() for g in result.merges], _MERGE),
        "author_merges": rows_table([m.model_dump() for m in result.author_merges], _PERSON),
        "files": rows_table(files, _FILE),
        "problems": rows_table(problems, _PROBLEM),
    }


def save_store(
    result: Analysis, out: str | os.PathLike[str], read_options: dict[str, object] | None = None
) -> Path:
    """Write the store of ``result`` into ``out/store``, replacing any store there whole.

    ``read_options`` (format, journal, limits) go into the manifest with the settings and
    every input file's size and content hash."""
    document = metrics_document(result)
    results = {k: v for k, v in document.items() if k != "nodes"}
    manifest: dict[str, object] = {
        "settings": asdict(result.settings),
        "read": read_options or {},
        "inputs": input_files(result.loaded.inputs),
    }
    documents: dict[str, object] = {"results": {**results, "summary": summary(result)}}
    return write_store(out, build_tables(result), manifest, documents)


@fewer_collections()
def write_build(
    result: Analysis,
    out: str | os.PathLike[str],
    stage: Stage = lambda _: None,
    read_options: dict[str, object] | None = None,
) -> list[Path]:
    """Write the views and files of :func:`graph.pipeline.write_outputs`, then the store."""
    written = write_outputs(result, Path(out), stage)
    stage(STORE_STAGE)
    return [*written, save_store(result, out, read_options)]


STORE_STAGE = "writing the store (Parquet)"
