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
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

import pyarrow as pa

from graph.cache import input_files
from graph.collector import fewer_collections
from graph.forked import Forked, can_fork
from graph.models import AuthorMerge, MergeGroup, Problem
from graph.neighbourhoods import PATH_LINKS, path_links
from graph.networks import NETWORKS
from graph.pipeline import (
    Analysis,
    Stage,
    draw_views,
    metrics_document,
    node_rows,
    output_stages,
    summary,
    tables_of,
    view_stages,
    write_files,
    write_outputs,
)
from graph.profile import StageClock
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


STORE_STAGE = "writing the store (Parquet)"
SECOND_PROCESS_STAGE = "finishing: GraphML, metrics, store"
SECOND_PROCESS_ARTICLES = 2_000
"""From this many articles on, a build writes its files and store in a forked second
process while it draws the views: at 10,000 articles each half takes about 10 s."""

Timings = Callable[[list[dict[str, object]]], None]


def second_process(result: Analysis) -> bool:
    """Whether :func:`write_build` splits its writing over two processes for ``result``."""
    return can_fork() and len(result.tables.works) >= SECOND_PROCESS_ARTICLES


def build_stages(result: Analysis, parallel: bool | None = None) -> list[str]:
    """The stages :func:`write_build` reports for ``result``, in order."""
    if second_process(result) if parallel is None else parallel:
        return [*view_stages(result), SECOND_PROCESS_STAGE]
    return [*output_stages(result), STORE_STAGE]


@fewer_collections()
def write_build(
    result: Analysis,
    out: str | os.PathLike[str],
    stage: Stage = lambda _: None,
    read_options: dict[str, object] | None = None,
    parallel: bool | None = None,
    detail: Stage = lambda _: None,
    timings: Timings = lambda _: None,
) -> list[Path]:
    """Write the views and files of :func:`graph.pipeline.write_outputs`, then the store.

    With ``parallel`` (by default, for :data:`SECOND_PROCESS_ARTICLES` articles or more
    where the platform forks), a forked process writes the files and the store while this
    one draws the views. Its stages reach ``detail`` as they start, and their timings
    reach ``timings`` at the end, each row's stage marked "(second process)". The files
    written are the same either way.
    """
    if not (second_process(result) if parallel is None else parallel):
        written = write_outputs(result, Path(out), stage)
        stage(STORE_STAGE)
        return [*written, save_store(result, out, read_options)]
    with Forked(lambda say: _files_and_store(result, out, read_options, say)) as writer:
        drawn = draw_views(result, Path(out), stage)
        stage(SECOND_PROCESS_STAGE)
        files, rows = writer.wait(detail)
    timings([{**row, "stage": f"{row['stage']} (second process)"} for row in rows])
    return [*drawn, *files]


def _files_and_store(
    result: Analysis,
    out: str | os.PathLike[str],
    read_options: dict[str, object] | None,
    say: Stage,
) -> tuple[list[Path], list[dict[str, object]]]:
    """What the second process writes: the files, then the store; and its stage timings."""
    clock = StageClock()

    def stage(text: str) -> None:
        clock(text)
        say(text)

    files = write_files(result, Path(out), stage)
    stage(STORE_STAGE)
    files.append(save_store(result, out, read_options))
    return files, clock.finish()
