"""Atomic file writing: a temporary file beside the target, then a rename.

An interrupted run never leaves a half-written output; the previous file stays whole.

>>> import tempfile, pathlib
>>> target = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
>>> write_text_atomic(target, "ok")
>>> target.read_text()
'ok'
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from graph.errors import InputNotFound, OutputError


@contextlib.contextmanager
def atomic_path(target: str | os.PathLike[str]) -> Iterator[Path]:
    """A temporary path to write to; renamed onto ``target`` only if the block succeeds.

    A target that cannot be written raises :class:`OutputError` naming it.
    """
    target = Path(target)
    if target.is_dir():
        raise OutputError(str(target), "is a folder", "give a file name")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except FileNotFoundError as err:
        raise OutputError(str(target), "cannot be written: its folder does not exist",
                          "create the folder first") from err  # fmt: skip
    except PermissionError as err:
        raise OutputError(str(target), "cannot be written (permission denied)") from err
    except OSError as err:  # a read-only file system, for one
        raise OutputError(str(target), f"cannot be written: {err.strerror}") from err
    os.close(fd)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; outputs are ordinary files
    try:
        yield Path(tmp)
        os.replace(tmp, target)
    except BaseException as err:  # the old file stays as it was
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        if isinstance(err, OSError):  # the disk filled up, say
            raise OutputError(str(target), f"cannot be written: {err.strerror}") from err
        raise


def write_text_atomic(target: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` as UTF-8 to ``target`` atomically."""
    with atomic_path(target) as tmp:
        tmp.write_text(text, encoding="utf-8", newline="\n")


def check_writable(path: str | os.PathLike[str], folder: bool = False) -> None:
    """Raise :class:`OutputError` now if ``path`` could not be written later: a file whose
    folder is missing or read-only, or (``folder``) a folder that is a file or cannot be
    made. Checked before any work, so a typo costs milliseconds.

    >>> try:
    ...     check_writable("no/such/folder/x.graphml")
    ... except OutputError as err:
    ...     print(err.what_text)
    cannot be written: its folder does not exist
    """
    target = Path(path)
    if folder:
        if target.exists() and not target.is_dir():
            raise OutputError(str(target), "is a file, not a folder", "give a folder for --out")
        parent = next((p for p in (target, *target.parents) if p.exists()), Path("."))
    else:
        if target.is_dir():
            raise OutputError(str(target), "is a folder", "give a file name")
        parent = target.parent if str(target.parent) else Path(".")
        if not parent.is_dir():
            raise OutputError(str(target), "cannot be written: its folder does not exist",
                              "create the folder first")  # fmt: skip
    if not os.access(parent, os.W_OK):
        raise OutputError(str(target), "cannot be written (permission denied)")


def expand(paths: Iterable[str]) -> list[tuple[str, bool]]:
    """Every file under ``paths``, sorted, each with whether the user named it directly."""
    found: list[tuple[str, bool]] = []
    for path in paths:
        p = Path(path)
        if p.is_file():
            found.append((str(path), True))
        elif p.is_dir():
            inside = sorted(
                str(f)
                for f in p.rglob("*")
                if f.is_file() and not any(part.startswith(".") for part in f.relative_to(p).parts)
            )
            found.extend((f, False) for f in inside)
        else:
            raise InputNotFound(str(path))
    return found
