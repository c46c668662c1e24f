"""An interrupted build leaves every output file whole: the old one or the new one.

A build is killed (SIGKILL, so no clean-up code runs) at several moments while it writes
over the outputs of an earlier build made with other options. Every file must then be
byte-identical to either the earlier build's or a complete build's with the new options:
never a mix, never cut short. The store counts as one output: the store a reader finds
(:func:`graph.store.store_dir`) is the whole old one or the whole new one.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from graph.store import store_dir
from tests.conftest import DATA, LISTING

INPUTS = [str(LISTING), str(DATA / "wos" / "savedrecs-optics-3.txt"),
          str(DATA / "openalex" / "donners-3.jsonl")]  # fmt: skip


# The earlier build's options change every output file, so old and new bytes differ.
EARLIER = ["--max-nodes", "6", "--max-terms", "20", "--topic-threshold", "0.3", "--seed", "1"]


def _build(out: Path, options: list[str]) -> subprocess.Popen[bytes]:
    args = [sys.executable, "-m", "graph", "build", *INPUTS, "-o", str(out), "-q", *options]
    return subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _outputs(folder: Path) -> dict[str, bytes]:
    """Every output file's bytes, and the readable store's (``store``, or ``store.old``
    between the two renames that put a new store in place) as one entry."""
    files = {p.name: p.read_bytes() for p in sorted(folder.iterdir())
             if p.is_file() and not p.name.startswith(".")}  # fmt: skip
    found = store_dir(folder)
    if found is not None:
        files["store"] = b"".join(f.name.encode() + f.read_bytes() for f in sorted(found.iterdir()))
    return files


def _lay_out(folder: Path, earlier: Path, old: dict[str, bytes]) -> None:
    for name, data in old.items():
        if name != "store":
            (folder / name).write_bytes(data)
    shutil.copytree(earlier / "store", folder / "store")


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> tuple[dict[str, bytes], dict[str, bytes], float, Path]:
    """The earlier build's outputs, a default build's, how long a whole build takes, and
    the earlier build's folder."""
    old, new = tmp_path_factory.mktemp("old"), tmp_path_factory.mktemp("new")
    assert _build(old, EARLIER).wait() == 0
    start = time.perf_counter()
    assert _build(new, []).wait() == 0
    return _outputs(old), _outputs(new), time.perf_counter() - start, old


def _changed(folder: Path, stamps: dict[str, int]) -> int:
    return sum(1 for name, stamp in stamps.items() if (folder / name).stat().st_mtime_ns != stamp)


@pytest.mark.parametrize("after", [1, 3, 6])
def test_killed_build_leaves_old_or_new_files_whole(builds, after: int, tmp_path) -> None:
    old, new, _, earlier = builds
    differ = [name for name in old if old[name] != new[name]]
    assert set(old) == set(new) and len(differ) >= 6 and "store" in differ
    _lay_out(tmp_path, earlier, old)
    stamps = {name: (tmp_path / name).stat().st_mtime_ns for name in old if name != "store"}
    process = _build(tmp_path, [])
    while process.poll() is None and _changed(tmp_path, stamps) < after:
        time.sleep(0.001)
    if process.poll() is None:  # killed mid-way through writing the outputs
        os.kill(process.pid, signal.SIGKILL)
    process.wait()
    after_kill = _outputs(tmp_path)
    assert set(after_kill) == set(old)
    for name, data in after_kill.items():
        assert data in (old[name], new[name]), f"{name} is neither the old nor a whole new file"
    if after == 1:  # the kill came while writing: some files are new, some still old
        assert any(after_kill[n] == new[n] for n in differ)
        assert any(after_kill[n] == old[n] for n in differ)


@pytest.mark.parametrize("share", [0.3, 0.6, 0.9])
def test_build_killed_at_any_moment_leaves_whole_files(builds, share: float, tmp_path) -> None:
    old, new, seconds, earlier = builds
    _lay_out(tmp_path, earlier, old)
    process = _build(tmp_path, [])
    time.sleep(seconds * share)
    if process.poll() is None:
        os.kill(process.pid, signal.SIGKILL)
    process.wait()
    for name, data in _outputs(tmp_path).items():
        assert data in (old[name], new[name]), f"{name} is neither the old nor a whole new file"
