"""The build on disk: every table of a build as Parquet (zstd), with a manifest, in
``<out>/store/``; and :func:`open_store`, which reads it back without reading a record.

pandas, polars, DuckDB, Spark and R's arrow read the files as they are. The store is
replaced whole: the new one is written beside the old, then renamed into place, and the
old one is kept as ``store.old`` until the new one is in place, so a build killed at any
moment leaves a readable store (:func:`store_dir` finds it).

>>> import tempfile, pyarrow as pa
>>> out = tempfile.mkdtemp()
>>> _ = write_store(out, {"works": pa.table({"work": [0, 1]})}, {"settings": {}}, {})
>>> store = open_store(out)
>>> store.tables, store.arrow("works").num_rows
(['works'], 2)
>>> store.sql("SELECT count(*) AS n FROM works").to_pylist()
[{'n': 2}]
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import pyarrow as pa
import pyarrow.parquet as pq

from graph.errors import NoStore, OutputError, StoreVersion
from graph.networks import NETWORK, NETWORKS, NetworkSpec
from graph.schemas import SCHEMAS

SCHEMA_VERSION = 2  # 2: affiliations and countries in authorships, addresses in works
STORE, OLD, MANIFEST = "store", "store.old", "manifest.json"


def network_table_names(name: str) -> tuple[str, str]:
    """The store's table names for one network's nodes and edges.

    >>> network_table_names("coauthors")
    ('coauthors_nodes', 'coauthors_edges')
    """
    return f"{name}_nodes", f"{name}_edges"


def file_digest(path: str | os.PathLike[str]) -> str:
    """The SHA-256 of a file's bytes, read in 1 MB blocks."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def store_dir(out: str | os.PathLike[str]) -> Path | None:
    """The readable store of build folder ``out`` (or ``out`` itself if it is a store):
    ``store/``, else ``store.old/`` left by a build killed between its two renames."""
    base = Path(out)
    for candidate in (base, base / STORE, base / OLD):
        if (candidate / MANIFEST).is_file():
            return candidate
    return None


def _write_tables(folder: Path, tables: dict[str, pa.Table]) -> dict[str, object]:
    listed: dict[str, object] = {}
    for name, table in sorted(tables.items()):
        pq.write_table(table, folder / f"{name}.parquet", compression="zstd")
        listed[name] = {
            "file": f"{name}.parquet",
            "rows": table.num_rows,
            "columns": {f.name: str(f.type) for f in table.schema},
        }
    return listed


def write_store(
    out: str | os.PathLike[str],
    tables: dict[str, pa.Table],
    manifest: dict[str, object],
    documents: dict[str, object],
) -> Path:
    """Write ``tables`` as Parquet, ``documents`` as JSON and the manifest (``schema``,
    ``citegraph``, the tables with their rows and columns, and ``manifest``'s own keys:
    settings and inputs) into ``out/store``, replacing any store there whole."""
    from graph import __version__

    base = Path(out)
    try:
        base.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=".store-", dir=base))
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(work, 0o777 & ~umask)  # mkdtemp makes 0700; the store is an ordinary folder
    except OSError as err:
        raise OutputError(str(base), f"cannot be written: {err.strerror}") from err
    try:
        listed = _write_tables(work, tables)
        for name, document in sorted(documents.items()):
            (work / f"{name}.json").write_text(_json(document), encoding="utf-8")
        head = {"schema": SCHEMA_VERSION, "citegraph": __version__}
        text = _json({**head, **manifest, "tables": listed, "documents": sorted(documents)})
        (work / MANIFEST).write_text(text, encoding="utf-8")  # last: a store without it is
        _swap(base, work)  # not a store
    except BaseException as err:
        shutil.rmtree(work, ignore_errors=True)
        if isinstance(err, OSError):
            raise OutputError(str(base / STORE), f"cannot be written: {err.strerror}") from err
        raise
    return base / STORE


def _swap(base: Path, work: Path) -> None:
    """Put ``work`` in place as ``base/store``: at every moment ``store`` or ``store.old``
    is a whole store."""
    current, old = base / STORE, base / OLD
    if current.exists():
        if (current / MANIFEST).is_file():
            shutil.rmtree(old, ignore_errors=True)
            os.replace(current, old)
        else:  # a half store no reader would take
            shutil.rmtree(current)
    os.replace(work, current)
    shutil.rmtree(old, ignore_errors=True)


def _json(document: object) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


@dataclass(frozen=True)
class StoredNetwork:
    """One network of a store: its registry entry and its node and edge tables."""

    spec: NetworkSpec
    nodes: pa.Table
    edges: pa.Table

    def to_networkx(self) -> Any:
        """The network as a networkx graph (directed and multi as the registry says)."""
        from graph.tables import network_graph  # networkx: only for those who ask

        return network_graph(self.nodes, self.edges, self.spec.directed, self.spec.multi)

    def to_igraph(self) -> Any:
        """The network as an igraph graph: vertex ``name`` is the node id, the other
        columns are vertex and edge attributes (a multigraph keeps its parallel edges)."""
        import igraph as ig

        ids = self.nodes.column("id").to_pylist()
        at = {node: i for i, node in enumerate(ids)}
        ends = zip(self.edges.column("source").to_pylist(),
                   self.edges.column("target").to_pylist(), strict=True)  # fmt: skip
        G = ig.Graph(n=len(ids), edges=[(at[u], at[v]) for u, v in ends],
                     directed=self.spec.directed)  # fmt: skip
        G.vs["name"] = ids
        for name in self.nodes.column_names[1:]:
            G.vs[name] = self.nodes.column(name).to_pylist()
        for name in self.edges.column_names[2:]:
            G.es[name] = self.edges.column(name).to_pylist()
        return G


@dataclass
class Store:
    """A build read back from disk (:func:`open_store`)."""

    path: Path
    manifest: dict[str, Any]
    _cache: dict[str, pa.Table] = field(default_factory=dict, repr=False)

    @property
    def tables(self) -> list[str]:
        """The names of the stored tables, sorted."""
        return sorted(self.manifest["tables"])

    def arrow(self, name: str) -> pa.Table:
        """Table ``name`` as an Arrow table."""
        if name not in self.manifest["tables"]:
            raise KeyError(f"no table {name!r} in {self.path}; it has {', '.join(self.tables)}")
        if name not in self._cache:
            # ParquetFile, not read_table: no pyarrow.dataset (and pandas) import, 0.3 s
            path = self.path / self.manifest["tables"][name]["file"]
            self._cache[name] = pq.ParquetFile(path).read()
        return self._cache[name]

    def columns(self, name: str, names: tuple[str, ...]) -> pa.Table:
        """Only columns ``names`` of table ``name``: a lookup that needs three columns of
        a wide table reads three (the whole table when it is already read)."""
        if name in self._cache:
            return self._cache[name].select(list(names))
        if name not in self.manifest["tables"]:
            self.arrow(name)  # raises the KeyError that names the tables there are
        key = f"{name}[{','.join(names)}]"
        if key not in self._cache:
            path = self.path / self.manifest["tables"][name]["file"]
            self._cache[key] = pq.ParquetFile(path).read(columns=list(names))
        return self._cache[key]

    def table(self, name: str) -> Any:
        """Table ``name`` as a polars DataFrame."""
        import polars as pl

        return pl.from_arrow(self.arrow(name))

    def pandas(self, name: str) -> Any:
        """Table ``name`` as a pandas DataFrame."""
        return self.arrow(name).to_pandas()

    def document(self, name: str) -> Any:
        """A JSON document of the build (``results``: graph metrics, clusters, counts)."""
        return json.loads((self.path / f"{name}.json").read_text(encoding="utf-8"))

    def network(self, name: str) -> StoredNetwork:
        """Network ``name`` of the registry (:data:`graph.networks.NETWORKS`)."""
        nodes, edges = network_table_names(NETWORK[name].name)
        if nodes not in self.manifest["tables"]:
            raise KeyError(f"network {name!r} was not built (its records have no references)")
        return StoredNetwork(NETWORK[name], self.arrow(nodes), self.arrow(edges))

    def sql(self, query: str) -> pa.Table:
        """The result of a DuckDB query over the stored tables, as an Arrow table."""
        import duckdb

        with contextlib.closing(duckdb.connect()) as db:
            for name in self.tables:
                path = str(self.path / self.manifest["tables"][name]["file"]).replace("'", "''")
                db.execute(f"CREATE VIEW \"{name}\" AS SELECT * FROM read_parquet('{path}')")
            relation = db.sql(query)
            if relation is None:  # a statement with no rows (SET, CREATE …)
                return pa.table({})
            # DuckDB 2 renamed arrow() to to_arrow_table().
            fetch = getattr(relation, "to_arrow_table", None) or relation.arrow
            return cast(pa.Table, fetch())


def open_store(path: str | os.PathLike[str]) -> Store:
    """The build in folder ``path`` (the ``--out`` of ``citegraph build``).

    Raises :class:`NoStore` when there is none and :class:`StoreVersion` when it was
    written in another layout.
    """
    found = store_dir(path)
    if found is None:
        raise NoStore(str(path))
    manifest = json.loads((found / MANIFEST).read_text(encoding="utf-8"))
    if manifest.get("schema") != SCHEMA_VERSION:
        raise StoreVersion(str(path))
    return Store(found, manifest)


_OTHER_TABLES = (
    ("node_metrics", "id, kind, label, metrics_network, then every indicator and metric"),
    ("merges", "kept, merged, reason, label: records merged into one article"),
    ("author_merges", "key, variants, reason: name variants taken as one person"),
    ("files", "path, format, records_read, articles, duplicates_merged, problems"),
    ("problems", "file, line, message, excerpt, skipped (false: a note)"),
    ("tfidf", "work, term, weight: each article's TF-IDF row"),
    ("vocabulary", "term, text"),
    ("path_links", "source, target: every link why walks, as rows of all_nodes by id"),
)


def table_guide() -> list[tuple[str, str]]:
    """(table, its columns) for every table a store holds, for ``citegraph sql --help``.

    >>> dict(table_guide())["authorships"]
    'work, person, position, name, affiliations, countries'
    """
    guide = [(name, ", ".join(schema.names)) for name, schema in SCHEMAS.items()]
    for spec in NETWORKS:
        nodes, edges = network_table_names(spec.name)
        when = " (with references)" if spec.needs_references else ""
        guide.append((nodes, f"id, kind, label, its attributes and metrics{when}"))
        guide.append((edges, f"source, target, {'key, ' if spec.multi else ''}weight and "
                             f"the link's attributes{when}"))  # fmt: skip
    return [*guide, *_OTHER_TABLES]
