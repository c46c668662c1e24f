"""Errors for whole-run failures: a missing file, an unknown format, an unwritable output.

Each carries the path it concerns and a hint on what to do, so the CLI can print one line:

>>> str(InputNotFound("data/x.ris"))
'data/x.ris: no such file or folder (check the path)'
"""

from __future__ import annotations


class GraphError(Exception):
    """A failure that stops the run; its text is one line: ``<path>: <what> (<what to do>)``."""

    what = "failed"
    hint = ""

    def __init__(self, path: str, what: str | None = None, hint: str | None = None) -> None:
        self.path = path
        self.what_text = what if what is not None else self.what
        self.hint_text = hint if hint is not None else self.hint
        super().__init__(str(self))

    def __reduce__(self) -> tuple[type[GraphError], tuple[str, str, str]]:
        """Pickle by the three parts, so an error raised in a worker process reads the
        same when the parent raises it again."""
        return (type(self), (self.path, self.what_text, self.hint_text))

    def __str__(self) -> str:
        text = f"{self.path}: {self.what_text}"
        return f"{text} ({self.hint_text})" if self.hint_text else text


class InputNotFound(GraphError):
    what = "no such file or folder"
    hint = "check the path"


class InputUnreadable(GraphError):
    what = "cannot be read"
    hint = "check its permissions"


class EmptyInput(GraphError):
    what = "is empty"
    hint = "export the records again"


class InputTooLarge(GraphError):
    what = "is too large"
    hint = "split it"


class UnknownFormat(GraphError):
    what = "not a recognised record format"
    hint = "pass --format to say which it is"


class UnknownLayout(UnknownFormat):
    """A CSV whose header matches no layout we know."""

    what = "is a CSV in no layout citegraph knows"
    hint = "name its columns with --columns"


class NoRecords(GraphError):
    what = "holds no records"
    hint = "give a file or folder with exported records"


class OutputError(GraphError):
    what = "cannot be written"
    hint = "choose another output path"


class NoStore(GraphError):
    what = "holds no citegraph build"
    hint = "run citegraph build first, or give record files"


class StoreVersion(GraphError):
    what = "was built in another store layout"
    hint = "run citegraph build again"
