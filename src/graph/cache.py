"""The build cache: record files given to a query command are built once into a store
kept under the cache folder, keyed by the input paths, and reused while every input's
content hash, the settings and the citegraph version are unchanged.

The cache folder is ``$CITEGRAPH_CACHE``, else ``$XDG_CACHE_HOME/citegraph``, else
``~/.cache/citegraph``.

>>> import os, tempfile
>>> os.environ["CITEGRAPH_CACHE"] = tempfile.mkdtemp()
>>> store, why = cached_store(["data/peer-support-listing.txt"], {"seed": 42}, {})
>>> store is None, why
(True, 'no cached build of these inputs')
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from graph import __version__
from graph.errors import GraphError
from graph.files import expand
from graph.store import Store, file_digest, open_store, store_dir


def input_files(inputs: list[str]) -> list[dict[str, object]]:
    """Every file under ``inputs`` with its size and SHA-256: what a build was made from."""
    return [
        {"path": path, "bytes": os.path.getsize(path), "sha256": file_digest(path)}
        for path, _ in expand(inputs)
    ]


def cache_root() -> Path:
    """The folder holding cached builds."""
    if os.environ.get("CITEGRAPH_CACHE"):
        return Path(os.environ["CITEGRAPH_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(Path.home(), ".cache")
    return Path(base) / "citegraph"


def cache_entry(inputs: list[str]) -> Path:
    """The cache folder of one set of inputs (by their absolute paths)."""
    named = json.dumps(sorted(os.path.abspath(p) for p in inputs))
    return cache_root() / hashlib.sha256(named.encode()).hexdigest()[:20]


def _changed(old: dict[str, Any], new: dict[str, Any], what: str) -> str | None:
    for key in sorted(set(old) | set(new)):
        if old.get(key) != new.get(key):
            return f"{what} changed ({key}: {old.get(key)!r} → {new.get(key)!r})"
    return None


def _changed_inputs(old: list[dict[str, Any]], new: list[dict[str, object]]) -> str | None:
    before = {str(f["path"]): f["sha256"] for f in old}
    now = {str(f["path"]): f["sha256"] for f in new}
    for path in sorted(set(before) | set(now)):
        if path not in before:
            return f"{path} is new since the cached build"
        if path not in now:
            return f"{path} is gone since the cached build"
        if before[path] != now[path]:
            return f"{path} changed since the cached build"
    return None


def stale_reason(store: Store, settings: dict[str, Any], read: dict[str, Any],
                 files: list[dict[str, object]]) -> str | None:  # fmt: skip
    """Why ``store`` does not answer for these inputs and settings, or None if it does."""
    manifest = store.manifest
    if manifest.get("citegraph") != __version__:
        return f"the cached build is from citegraph {manifest.get('citegraph')}"
    return (
        _changed_inputs(manifest.get("inputs", []), files)
        or _changed(manifest.get("read", {}), read, "reading options")
        or _changed(_analysis(manifest.get("settings", {})), _analysis(settings), "settings")
    )


_VIEW_ONLY = ("max_nodes", "color_by", "size_by")


def _analysis(settings: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in settings.items() if k not in _VIEW_ONLY}


def cached_store(
    inputs: list[str], settings: dict[str, Any], read: dict[str, Any]
) -> tuple[Store | None, str]:
    """The cached store of ``inputs`` if it answers for ``settings`` and reading options
    ``read``; else None and why it does not."""
    entry = cache_entry(inputs)
    if store_dir(entry) is None:
        return None, "no cached build of these inputs"
    try:
        store = open_store(entry)
    except GraphError:
        return None, "the cached build is in an older layout"
    why = stale_reason(store, settings, read, input_files(inputs))
    return (None, why) if why else (store, f"answered from the cached build in {entry}")
