"""The reader registry: finds input files, decodes them, detects their format and parses them.

Only this module touches files; each reader parses a string.

>>> " ".join(READERS)
'listing wos wos-tab pubmed ris bibtex scopus openalex crossref csljson'
>>> detect("x.txt", "2015 ◽\\nAuthor(s):\\nEmma Watson").NAME
'listing'
"""

from __future__ import annotations

import bz2
import codecs
import gzip
import io
import lzma
import os
import re
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path
from types import ModuleType

from graph.collector import fewer_collections
from graph.errors import (
    EmptyInput,
    InputTooLarge,
    InputUnreadable,
    NoRecords,
    UnknownFormat,
)
from graph.files import expand
from graph.models import Article, FileReport, Loaded, Problem
from graph.readers import (
    bibtex,
    crossref,
    csljson,
    listing,
    openalex,
    pubmed,
    ris,
    scopus,
    wos,
    wos_tab,
)
from graph.readers._hygiene import replace_controls, replace_json_escapes
from graph.readers._limits import DEFAULT_LIMITS, Limits, cut_long_fields, cut_long_lines

__all__ = [
    "DEFAULT_LIMITS",
    "READERS",
    "Limits",
    "decode",
    "detect",
    "expand",
    "parse_file",
    "read",
    "read_bytes",
    "repair_mojibake",
]

# Sniffing tries the readers in this order: the more specific signatures first.
READERS: dict[str, ModuleType] = {
    module.NAME: module
    for module in (listing, wos, wos_tab, pubmed, ris, bibtex, scopus, openalex, crossref, csljson)
}
_COMPRESSED: dict[str, Callable[[str], io.BufferedIOBase]] = {
    ".gz": gzip.GzipFile,
    ".xz": lzma.LZMAFile,
    ".bz2": bz2.BZ2File,
}
# Cutting a line of JSON would break it: these formats have their fields cut once parsed.
_JSON_FORMATS = {"openalex", "crossref", "csljson"}
_SNIFF_CHARS = 8192
_HEAD_BYTES = 1024 * 1024


def _plain_suffix(path: str) -> str:
    """The suffix that names the format, looking past a compression suffix."""
    suffixes = [s.lower() for s in Path(path).suffixes]
    if suffixes and suffixes[-1] in _COMPRESSED:
        suffixes.pop()
    return suffixes[-1] if suffixes else ""


def detect(path: str, head: str, fmt: str | None = None) -> ModuleType:
    """The reader for a file: ``fmt`` if given, else an unambiguous suffix, else sniffing.

    Raises :class:`UnknownFormat` when nothing fits.
    """
    if fmt is not None:
        if fmt not in READERS:
            raise UnknownFormat(
                path, f"unknown format {fmt!r}", f"use one of: {', '.join(READERS)}"
            )
        return READERS[fmt]
    head = head.lstrip("\ufeff")
    suffix = _plain_suffix(path)
    by_suffix = [r for r in READERS.values() if suffix in r.SUFFIXES]
    if len(by_suffix) == 1:
        return by_suffix[0]
    for reader in READERS.values():
        if reader.sniff(head):
            return reader
    raise UnknownFormat(path, f"not a recognised record format (tried: {', '.join(READERS)})")


def decode(data: bytes, path: str) -> tuple[str, Problem | None]:
    """Text from bytes: UTF-8 with or without BOM, or UTF-16 with its BOM; else a note
    saying what was done.

    Mostly-UTF-8 text with a few stray bytes keeps its UTF-8 and loses only those bytes;
    anything else is read as cp1252 (or latin-1, which decodes every byte).

    >>> decode("Mäntymäki".encode("cp1252"), "x.txt")[1].message
    'not UTF-8; read as cp1252'
    >>> decode(b"\\xe2\\x97\\xbd ok \\xff", "x.txt")[1].message
    'not valid UTF-8; 1 undecodable byte(s) replaced with U+FFFD'
    >>> decode("PT J".encode("utf-16"), "x.txt")
    ('PT J', None)
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # Windows exports
        text = data.decode("utf-16", errors="replace")
        bad = text.count("\ufffd")
        if not bad:
            return text, None
        message = f"not valid UTF-16; {bad} undecodable unit(s) replaced with U+FFFD"
        return text, Problem(file=path, message=message, skipped=False)
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    lenient = data.decode("utf-8-sig", errors="replace")
    bad = lenient.count("\ufffd")
    good = sum(1 for c in lenient if ord(c) > 127 and c != "\ufffd")
    if good >= bad:
        message = f"not valid UTF-8; {bad} undecodable byte(s) replaced with U+FFFD"
        return lenient, Problem(file=path, message=message, skipped=False)
    for encoding in ("cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return text, Problem(file=path, message=f"not UTF-8; read as {encoding}", skipped=False)
    raise AssertionError("latin-1 decodes every byte string")  # pragma: no cover


def _too_large(path: str, limit: int, what: str) -> InputTooLarge:
    mb = limit // (1024 * 1024)
    return InputTooLarge(path, f"{what} more than {mb:,} MB", "split it, or raise --max-input-mb")


def read_bytes(path: str, limit: int = DEFAULT_LIMITS.max_input_bytes) -> bytes:
    """The bytes of a file, decompressed when its suffix says it is compressed.

    A file (or its decompressed content) over ``limit`` bytes raises :class:`InputTooLarge`
    before it is read whole, so a decompression bomb stops at the limit.
    """
    suffix = Path(path).suffix.lower()
    try:
        if os.stat(path).st_size > limit:
            raise _too_large(path, limit, "is")
        if suffix not in _COMPRESSED:
            return Path(path).read_bytes()
        with _COMPRESSED[suffix](path) as stream:
            data = stream.read(limit + 1)
    except PermissionError as err:
        raise InputUnreadable(path) from err
    except IsADirectoryError as err:  # pragma: no cover - callers expand folders first
        raise InputUnreadable(path, "is a folder") from err
    except (EOFError, lzma.LZMAError, gzip.BadGzipFile, zlib.error) as err:
        raise InputUnreadable(path, f"is not valid {suffix[1:]} data", "re-download it") from err
    except OSError as err:
        if suffix in _COMPRESSED and not err.strerror:  # bz2 reports bad data this way
            raise InputUnreadable(
                path, f"is not valid {suffix[1:]} data", "re-download it"
            ) from err
        raise InputUnreadable(path, f"cannot be read: {err.strerror}") from err
    if len(data) > limit:
        raise _too_large(path, limit, "decompresses to")
    return data


# UTF-8 read as cp1252 turns "é" into "Ã©" and "’" into "â€™": a lead letter, then a
# character from the continuation range. Only lines holding such a pair go to ftfy.
_MOJIBAKE_HINT = re.compile("[ÂÃâÅÆÐÑØÙ][\u0080-\u00bf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]")


def repair_mojibake(text: str, longest: int = DEFAULT_LIMITS.max_field) -> tuple[str, int]:
    """``text`` with double-encoded UTF-8 repaired by ftfy, and how many lines changed.

    A cheap pattern finds candidate lines; ftfy judges each and fixes only what it is sure
    was mis-decoded, so ordinary accents and symbols stay as they are.

    >>> repair_mojibake("childrenâ€™s wards\\nMäntymäki, café")
    ('children’s wards\\nMäntymäki, café', 1)
    >>> repair_mojibake("Ã©tÃ© Ã  Paris\\nok\\nâ€œquotedâ€\\u009d")
    ('été à Paris\\nok\\n“quoted”', 2)
    """
    if not _MOJIBAKE_HINT.search(text):
        return text, 0
    import ftfy  # only files that look damaged pay for importing it
    from ftfy.badness import is_bad

    pieces: list[str] = []
    done, seen, fixed = 0, -1, 0  # text[:done] is in pieces; lines up to seen are judged
    for match in _MOJIBAKE_HINT.finditer(text):
        if match.start() <= seen:
            continue
        start = text.rfind("\n", 0, match.start()) + 1
        end = text.find("\n", match.end())
        seen = end = len(text) if end < 0 else end
        line = text[start:end]
        if len(line) <= longest and is_bad(line):
            repaired = ftfy.fix_encoding(line)
            if repaired != line:
                pieces += [text[done:start], repaired]
                done, fixed = end, fixed + 1
    return ("".join([*pieces, text[done:]]), fixed) if fixed else (text, 0)


def _one_newline(text: str) -> str:
    """Exports mix CRLF, lone CR and LF (IEEE Xplore does, in one file): one form for all."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _head(data: bytes, path: str) -> str:
    """The decoded start of ``data`` for sniffing, its long lines cut: a first record with
    a huge title must not push the format's markers out of sight."""
    head = data[:_HEAD_BYTES]
    if len(head) < len(data) and b"\n" in head:
        head = head[: head.rindex(b"\n") + 1]
    text = _one_newline(decode(head, path)[0])
    return cut_long_lines(text, _SNIFF_CHARS // 2)[0][:_SNIFF_CHARS]


def _note(path: str, message: str, line: int | None = None) -> Problem:
    return Problem(file=path, line=line, message=message, skipped=False)


def _prepare(text: str, path: str, json: bool, limits: Limits) -> tuple[str, list[Problem]]:
    """Decoded text made ready for a parser, with a note for each repair."""
    notes = []
    text, controls = replace_controls(_one_newline(text))
    lone = 0
    if json:
        text, escaped, lone = replace_json_escapes(text)
        controls += escaped
    if controls:
        notes.append(_note(path, f"{controls} control character(s) replaced with spaces"))
    if lone:
        notes.append(_note(path, f"{lone} unpaired surrogate escape(s) replaced with U+FFFD"))
    if not json:
        text, cuts = cut_long_lines(text, limits.max_line)
        cut = f"cut to {limits.max_line:,}, keeping its start and last 100 (--max-field)"
        notes += [_note(path, f"line of {n:,} characters {cut}", line) for line, n in cuts]
    text, repaired = repair_mojibake(text, limits.max_line)
    if repaired:
        message = f"mojibake (UTF-8 read as cp1252) repaired by ftfy on {repaired} line(s)"
        notes.append(_note(path, message))
    return text, notes


@fewer_collections()
def parse_file(
    path: str, fmt: str | None = None, limits: Limits = DEFAULT_LIMITS
) -> tuple[str, list[Article], list[Problem]]:
    """Read one file: returns the format name, its articles and its problems.

    Fields over ``limits.max_field`` are cut (lines over ``limits.max_line``, before
    parsing), control characters become spaces, and double-encoded UTF-8 (mojibake) is
    repaired; notes say where.
    """
    data = read_bytes(path, limits.max_input_bytes)
    if not data.strip(b" \t\r\n\x00") or data in (
        codecs.BOM_UTF8,
        codecs.BOM_UTF16_LE,
        codecs.BOM_UTF16_BE,
    ):
        raise EmptyInput(path)
    # Detect from the start alone, so a large file in no known format is not decoded whole.
    reader = detect(path, _head(data, path), fmt)
    text, note = decode(data, path)
    del data
    text, notes = _prepare(text, path, reader.NAME in _JSON_FORMATS, limits)
    articles, problems = reader.parse(text, path)
    cut: list[Problem] = []
    if len(text) > limits.max_field:  # no field is longer than the text it came from
        articles, cut = cut_long_fields(articles, limits.max_field, path)
    del text
    return reader.NAME, articles, ([note] if note else []) + notes + problems + cut


def read(
    paths: Iterable[str],
    fmt: str | None = None,
    journal: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
    progress: Callable[[int, int, str], None] | None = None,
) -> Loaded:
    """Read files and folders (recursively) into one :class:`Loaded`; ``progress`` hears
    (files started, files in all, path) before each file.

    A file named directly must be readable records; inside a folder, files in no known
    format are passed over with a note. ``journal`` names the journal for records that
    name none. ``limits`` caps each file's size and each field's length.

    >>> loaded = read(["data/peer-support-listing.txt"])
    >>> len(loaded.articles), loaded.files[0].format
    (11, 'listing')
    """
    paths = [os.fspath(p) for p in paths]
    loaded = Loaded(inputs=paths)
    files = expand(paths)
    for number, (path, named) in enumerate(files, 1):
        if progress is not None:
            progress(number, len(files), path)
        try:
            name, articles, problems = parse_file(path, fmt, limits)
        except (UnknownFormat, EmptyInput) as err:
            if named:
                raise
            what = "empty" if isinstance(err, EmptyInput) else "not a record file"
            note = Problem(file=path, message=f"{what}; passed over", skipped=False)
            loaded.notes.append(note)
            continue
        if journal:
            articles = [
                a if a.journal else a.model_copy(update={"journal": journal}) for a in articles
            ]
        record_problems = [p for p in problems if p.skipped]
        loaded.notes.extend(p for p in problems if not p.skipped)
        loaded.articles.extend(articles)
        loaded.problems.extend(record_problems)
        loaded.files.append(
            FileReport(
                path=path,
                format=name,
                records_read=len(articles) + len(record_problems),
                articles=len(articles),
                problems=len(record_problems),
            )
        )
    if not loaded.files:
        shown = ", ".join(os.fspath(p) for p in paths) or "(no input)"
        raise NoRecords(shown)
    return loaded
