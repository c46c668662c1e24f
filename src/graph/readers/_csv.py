"""What every CSV reader shares: the delimiter sniffed, the header found, rows read.

Exports are comma-separated, but a file re-saved by a European spreadsheet uses ``;``,
and some sites write tabs. Dimensions writes a line "About the data: …" above its header.

>>> table = Table.of('About the data: Exported on Sep 30\\nTitle;Year\\n"A; b";2020\\n', "x.csv")
>>> table.delimiter, table.header, [(line, cells) for line, cells in table.rows()]
(';', ['Title', 'Year'], [(3, ['A; b', '2020'])])
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field

from graph.models import Problem

# Lines of a CSV are not cut before parsing (a cut could drop a closing quote), so the
# parser takes a field of any size the input limit allows; long fields are cut after.
csv.field_size_limit(2**31 - 1)

DELIMITERS = (",", ";", "\t")
_PREAMBLES = ("about the data",)  # Dimensions: a line of export notes above the header


def _is_preamble(line: str) -> bool:
    return line.lstrip('\ufeff "').lower().startswith(_PREAMBLES)


def header_line(text: str) -> tuple[int, str]:
    """The 0-based number and text of the header line: the first non-blank line that
    is not an export note.

    >>> header_line("\\n\\ufeffAbout the data: x\\nA,B\\n")
    (2, 'A,B')
    """
    for number, line in enumerate(text.split("\n")):
        if line.strip("\ufeff \r\t") and not _is_preamble(line):
            return number, line.lstrip("\ufeff").rstrip("\r")
    return 0, ""


def split_header(line: str) -> tuple[str, list[str]]:
    """The delimiter of a header line, and its columns: the delimiter that gives the
    most columns wins; a comma breaks ties.

    >>> split_header('"Title";"Authors, all";"Year"')
    (';', ['Title', 'Authors, all', 'Year'])
    >>> split_header("Title\\tYear")
    ('\\t', ['Title', 'Year'])
    """
    best = (",", [line])
    for delimiter in DELIMITERS:
        try:
            cells = next(csv.reader([line], delimiter=delimiter))
        except (csv.Error, StopIteration):
            continue
        if len(cells) > len(best[1]):
            best = (delimiter, cells)
    return best[0], [c.strip() for c in best[1]]


def columns(head: str) -> list[str]:
    """The header columns at the start of a file, or [] when it has fewer than two.

    >>> columns("Authors,Title,Year\\n")
    ['Authors', 'Title', 'Year']
    >>> columns("TY  - JOUR\\n")
    []
    """
    found = split_header(header_line(head)[1])[1]
    return found if len(found) >= 2 else []


@dataclass
class Table:
    """A CSV text with its delimiter and header; :meth:`rows` reads what follows."""

    text: str
    source: str
    delimiter: str
    header: list[str]
    start: int
    """0-based line of the header."""
    problems: list[Problem] = field(default_factory=list)

    @classmethod
    def of(cls, text: str, source: str) -> Table:
        start, line = header_line(text)
        delimiter, header = split_header(line)
        return cls(text, source, delimiter, header, start)

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        """(1-based line, cells) of each non-blank row after the header; a row the CSV
        parser cannot take is added to :attr:`problems` and passed over."""
        parts = self.text.split("\n", self.start + 1)
        body = parts[-1] if len(parts) > self.start + 1 else ""
        reader = csv.reader(io.StringIO(body, newline=""), delimiter=self.delimiter)
        offset = self.start + 1
        while True:
            line = reader.line_num + 1 + offset
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as err:
                message = f"unreadable CSV row: {err}"
                self.problems.append(Problem(file=self.source, line=line, message=message))
                continue
            if any(c.strip() for c in cells):
                yield line, cells
