"""VOSviewer thesaurus files: merge and drop terms and authors.

The format is VOSviewer's own, so the files its users already keep work unchanged: a
tab-separated text file whose first line is the header ``label<TAB>replace by``, then one
rule per line. A label with a replacement is merged into it ("decision-making" into
"decision making", "Watson, E." into "Emma Watson"); a label with an empty replacement is
dropped from the term map. Authors are only renamed: citegraph never takes an author off
an article.

Terms match by their key (case folded, hyphens as spaces, the head noun singular: see
:mod:`graph.analysis.nounphrases`), so "Decision-Making" in the file matches every form
the records write; authors match by their folded name, as ``--authors-map`` does.

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "thesaurus.txt"
>>> _ = path.write_text("label\\treplace by\\nAHP\\tanalytic hierarchy process\\n"
...                     "Study\\t\\nWatson, E.\\tEmma Watson\\n", "utf-8")
>>> rules = read_thesaurus(str(path))
>>> rules.term_rules()
{'ahp': 'analytic hierarchy process', 'study': '', 'watson e': 'emma watson'}
>>> rules.term_labels()["analytic hierarchy process"]
'analytic hierarchy process'
>>> rules.author_renames()
{'watson e': 'Emma Watson', 'ahp': 'analytic hierarchy process'}
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from graph.errors import InputNotFound, InputUnreadable

HEADER = ("label", "replace by")
FORMAT = "VOSviewer's thesaurus format: a 'label<TAB>replace by' header, then label<TAB>replacement"


@dataclass(frozen=True)
class Thesaurus:
    """The rules of one thesaurus file: (label, replacement) in file order; an empty
    replacement drops the label."""

    path: str
    rules: tuple[tuple[str, str], ...]

    def term_rules(self) -> dict[str, str]:
        """Term key → the key of its replacement ("" to drop it)."""
        from graph.analysis.nounphrases import term_key

        return {term_key(label): term_key(to) if to else "" for label, to in self.rules}

    def term_labels(self) -> dict[str, str]:
        """Replacement key → the replacement as the file writes it (the term's label)."""
        from graph.analysis.nounphrases import term_key

        return {term_key(to): to for _, to in self.rules if to}

    def author_renames(self) -> dict[str, str]:
        """Folded author name → the name to use, for the rules with a replacement: the
        mapping ``--authors-map`` makes (the file's later rule wins, as there)."""
        from graph.identity import name_key

        return {name_key(label): to for label, to in reversed(self.rules) if to}


def _rows(path: str) -> list[list[str]]:
    file = Path(path)
    if not file.is_file():
        raise InputNotFound(path)
    try:
        with file.open(encoding="utf-8-sig", newline="") as handle:
            return list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    except UnicodeDecodeError as err:
        raise InputUnreadable(path, f"is not UTF-8 text: {err}", "save it as UTF-8") from err


def read_thesaurus(path: str) -> Thesaurus:
    """The rules of the thesaurus file at ``path``.

    Raises :class:`InputNotFound`, or :class:`InputUnreadable` naming the line for a file
    not in VOSviewer's format.
    """
    rows = _rows(path)
    if not rows or tuple(c.strip().casefold() for c in rows[0][:2]) != HEADER:
        raise InputUnreadable(path, "line 1: is not the header 'label<TAB>replace by'", FORMAT)
    rules = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in row):
            continue
        if len(row) < 2 or not row[0].strip():
            raise InputUnreadable(path, f"line {number}: no label<TAB>replacement", FORMAT)
        rules.append((row[0].strip(), row[1].strip()))
    return Thesaurus(path, tuple(rules))
