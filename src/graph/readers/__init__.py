"""The reader registry: finds input files, decodes them, detects their format and parses them.

Only this module touches files; each reader parses a string.

>>> " ".join(READERS)  # doctest: +NORMALIZE_WHITESPACE
'listing wos wos-tab pubmed ris bibtex scopus ieee-csv springer-csv lens-csv
 endnote-xml openalex crossref csljson'
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
from typing import Protocol

from graph.collector import fewer_collections
from graph.errors import (
    EmptyInput,
    GraphError,
    InputTooLarge,
    InputUnreadable,
    NoRecords,
    UnknownFormat,
    UnknownLayout,
)
from graph.files import expand
from graph.models import Article, FileReport, Loaded, Problem
from graph.readers import (
    bibtex,
    crossref,
    csljson,
    csvtable,
    endnote,
    listing,
    openalex,
    pubmed,
    ris,
    scopus,
    wos,
    wos_tab,
)
from graph.readers._csv import columns as csv_columns
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


class Reader(Protocol):
    """What a reader module (or CSV layout) offers: a name, the suffixes it claims, a
    content test and a parser that never raises for a bad record."""

    @property
    def NAME(self) -> str: ...

    @property
    def SUFFIXES(self) -> tuple[str, ...]: ...

    def sniff(self, head: str) -> bool: ...

    def parse(self, text: str, source: str) -> tuple[list[Article], list[Problem]]: ...


# Sniffing tries the readers in this order: the more specific signatures first.
READERS: dict[str, Reader] = {
    reader.NAME: reader
    for reader in (
        listing,
        wos,
        wos_tab,
        pubmed,
        ris,
        bibtex,
        scopus,
        *csvtable.LAYOUTS,
        endnote,
        openalex,
        crossref,
        csljson,
    )
}
_CSV_SUFFIXES = (".csv", ".tsv")
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


def detect(path: str, head: str, fmt: str | None = None) -> Reader:
    """The reader for a file: ``fmt`` if given, else the content's, the suffix breaking
    ties (see :func:`choose`). Raises :class:`UnknownFormat` when nothing fits."""
    return choose(path, head, fmt)[0]


def choose(path: str, head: str, fmt: str | None = None) -> tuple[Reader, str | None]:
    """The reader for a file, and a note when its suffix says otherwise.

    The content decides; among readers the content fits, the one the suffix names wins.
    A file whose content fits none is read by its suffix's reader, if exactly one claims
    it. A CSV in no layout we know raises :class:`UnknownLayout`, naming its columns.

    >>> reader, note = choose("saved.ris", "FN Clarivate Analytics Web of Science\\nVR 1.0\\n")
    >>> reader.NAME, note
    ('wos', 'named .ris but its content is wos: read as wos')
    """
    if fmt is not None:
        if fmt not in READERS:
            raise UnknownFormat(
                path, f"unknown format {fmt!r}", f"use one of: {', '.join(READERS)}"
            )
        return READERS[fmt], None
    head = head.lstrip("\ufeff")
    suffix = _plain_suffix(path)
    by_suffix = [r for r in READERS.values() if suffix in r.SUFFIXES]
    fits = [r for r in READERS.values() if r.sniff(head)]
    if fits:
        agreeing = [r for r in fits if r in by_suffix]
        reader = (agreeing or fits)[0]
        if by_suffix and not agreeing:
            return reader, f"named {suffix} but its content is {reader.NAME}: read as {reader.NAME}"
        return reader, None
    found = csv_columns(head)
    if suffix in _CSV_SUFFIXES and found:
        shown = ", ".join(found[:12]) + (", …" if len(found) > 12 else "")
        what = f"is a CSV in no layout citegraph knows (columns: {shown})"
        raise UnknownLayout(path, what, "name them: --columns title=…,authors=…,year=…,doi=…")
    if len(by_suffix) == 1:
        return by_suffix[0], None
    raise UnknownFormat(path, f"not a recognised record format (tried: {', '.join(READERS)})")


def decode(data: bytes, path: str, encoding: str | None = None) -> tuple[str, Problem | None]:
    """Text from bytes, and a note saying what was done when it was not plain UTF-8.

    ``encoding`` is used when given. Else: UTF-16 with a BOM; UTF-8, with or without
    BOM; UTF-16 without a BOM (told by its zero bytes); mostly-UTF-8 text with a few stray
    bytes, which keeps its UTF-8 and loses only those bytes; then charset-normalizer's
    choice among the legacy CJK encodings and cp1252; cp1252 (or latin-1) last.

    >>> decode("Mäntymäki".encode("cp1252"), "x.txt")[1].message
    'not UTF-8; read as cp1252 (say --encoding if that is wrong)'
    >>> decode(b"\\xe2\\x97\\xbd ok \\xff", "x.txt")[1].message
    'not valid UTF-8; 1 undecodable byte(s) replaced with U+FFFD'
    >>> decode("PT J".encode("utf-16"), "x.txt")
    ('PT J', None)
    >>> decode("PT J\\nAU Lee".encode("utf-16-le"), "x.txt")
    ('PT J\\nAU Lee', Problem(...message='read as UTF-16 (little-endian), which has no BOM'...))
    """
    if encoding is not None:
        return _decode_as(data, path, encoding, f"read as {encoding} (--encoding)")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # Windows exports
        return _decode_as(data, path, "utf-16", None)
    utf16 = _utf16_without_bom(data)  # zero bytes are valid UTF-8: ask this first
    if utf16:
        endian = "little" if utf16.endswith("le") else "big"
        return _decode_as(data, path, utf16, f"read as UTF-16 ({endian}-endian), which has no BOM")
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
    legacy = _legacy_encoding(data)
    return _decode_as(data, path, legacy, f"not UTF-8; read as {legacy} (say --encoding if "
                      "that is wrong)")  # fmt: skip


def _decode_as(
    data: bytes, path: str, encoding: str, message: str | None
) -> tuple[str, Problem | None]:
    """``data`` in ``encoding``, undecodable bytes replaced and counted in the note."""
    text = data.decode(encoding, errors="replace")
    bad = text.count("\ufffd") - data.decode(encoding, errors="ignore").count("\ufffd")
    if bad:
        lost = f"{bad} undecodable unit(s) replaced with U+FFFD"
        message = f"{message}; {lost}" if message else f"not valid {encoding.upper()}; {lost}"
    return text, (Problem(file=path, message=message, skipped=False) if message else None)


def _utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` when every other byte of the start is mostly zero, as
    UTF-16 makes of Latin text; else None."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    odd, even = sample[1::2].count(0), sample[0::2].count(0)
    half = len(sample) // 2
    if odd > half * 0.3 and even < half * 0.05:
        return "utf-16-le"
    if even > half * 0.3 and odd < half * 0.05:
        return "utf-16-be"
    return None


_CJK = ("gb18030", "big5", "shift_jis", "euc_kr")
_HIGH_RUN = re.compile(rb"[\x80-\xff]{2,}")


def _legacy_encoding(data: bytes) -> str:
    """The encoding of text that is not UTF-8.

    Accented Latin text in cp1252 has its high bytes one by one ("Mäntymäki"); the
    double-byte CJK encodings write them in pairs. Text whose high bytes mostly come in
    runs goes to charset-normalizer, to choose among GB18030, Big5, Shift-JIS and EUC-KR;
    the rest is cp1252, or latin-1, which decodes every byte.
    """
    sample = data[:_HEAD_BYTES]
    high = sum(1 for b in sample if b > 127)
    paired = sum(len(m) for m in _HIGH_RUN.findall(sample))
    if high and paired > high * 0.6:
        from charset_normalizer import from_bytes  # only CJK-looking files pay for it

        best = from_bytes(sample, cp_isolation=list(_CJK)).best()
        if best is not None:
            return str(best.encoding)
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return "latin-1"
    return "cp1252"


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


def _head(data: bytes, path: str, encoding: str | None = None) -> str:
    """The decoded start of ``data`` for sniffing, its long lines cut: a first record with
    a huge title must not push the format's markers out of sight."""
    head = data[:_HEAD_BYTES]
    if len(head) < len(data) and b"\n" in head:
        head = head[: head.rindex(b"\n") + 1]
    text = _one_newline(decode(head, path, encoding)[0])
    return cut_long_lines(text, _SNIFF_CHARS // 2)[0][:_SNIFF_CHARS]


def _note(path: str, message: str, line: int | None = None) -> Problem:
    return Problem(file=path, line=line, message=message, skipped=False)


def _prepare(
    text: str, path: str, json: bool, limits: Limits, quoted: bool = False
) -> tuple[str, list[Problem]]:
    """Decoded text made ready for a parser, with a note for each repair. Long lines are
    cut unless the format is JSON or ``quoted`` (a CSV: cutting a line there could drop a
    closing quote and join the rows after it; its long fields are cut once parsed)."""
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
    if not (json or quoted):
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
    path: str,
    fmt: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
    encoding: str | None = None,
    layout: Reader | None = None,
) -> tuple[str, list[Article], list[Problem]]:
    """Read one file: returns the format name, its articles and its problems.

    Fields over ``limits.max_field`` are cut (lines over ``limits.max_line``, before
    parsing), control characters become spaces, and double-encoded UTF-8 (mojibake) is
    repaired; notes say where. ``encoding`` overrides detection; ``layout`` (from
    ``--columns``) reads the file as a CSV of those columns. A non-empty file that holds
    no record raises :class:`NoRecords`.
    """
    data = read_bytes(path, limits.max_input_bytes)
    if not data.strip(b" \t\r\n\x00") or data in (
        codecs.BOM_UTF8,
        codecs.BOM_UTF16_LE,
        codecs.BOM_UTF16_BE,
    ):
        raise EmptyInput(path)
    # Detect from the start alone, so a large file in no known format is not decoded whole.
    reader, chosen = (layout, None) if layout else choose(path, _head(data, path, encoding), fmt)
    text, note = decode(data, path, encoding)
    del data
    quoted = ".csv" in reader.SUFFIXES
    text, notes = _prepare(text, path, reader.NAME in _JSON_FORMATS, limits, quoted)
    articles, problems = reader.parse(text, path)
    if not articles and not any(p.skipped for p in problems):
        raise NoRecords(path, f"reads as {reader.NAME} but holds no record",
                        "check it is a whole export, or say its format with --format")  # fmt: skip
    cut: list[Problem] = []
    if len(text) > limits.max_field:  # no field is longer than the text it came from
        articles, cut = cut_long_fields(articles, limits.max_field, path)
    del text
    first = ([_note(path, chosen)] if chosen else []) + ([note] if note else [])
    return reader.NAME, articles, first + notes + problems + cut


def _passed_over(path: str, err: GraphError) -> Problem:
    """The note for a file inside a folder that holds no records we can read."""
    if isinstance(err, EmptyInput):
        what = "empty"
    elif isinstance(err, UnknownLayout | NoRecords):
        what = err.what_text
    else:
        what = "not a record file"
    return Problem(file=path, message=f"{what}; passed over", skipped=False)


def _add(loaded: Loaded, path: str, name: str, articles: list[Article],
         problems: list[Problem]) -> None:  # fmt: skip
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


def read(
    paths: Iterable[str],
    fmt: str | None = None,
    journal: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
    progress: Callable[[int, int, str], None] | None = None,
    encoding: str | None = None,
    layout: Reader | None = None,
) -> Loaded:
    """Read files and folders (recursively) into one :class:`Loaded`; ``progress`` hears
    (files started, files in all, path) before each file.

    A file named directly must be readable records; inside a folder, files in no known
    format are passed over with a note. ``journal`` names the journal for records that
    name none. ``limits`` caps each file's size and each field's length; ``encoding``
    and ``layout`` are as :func:`parse_file` takes them.

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
            name, articles, problems = parse_file(path, fmt, limits, encoding, layout)
        except (UnknownFormat, EmptyInput, NoRecords) as err:
            if named:
                raise
            loaded.notes.append(_passed_over(path, err))
            continue
        if journal:
            articles = [
                a if a.journal else a.model_copy(update={"journal": journal}) for a in articles
            ]
        _add(loaded, path, name, articles, problems)
    if not loaded.files:
        shown = ", ".join(os.fspath(p) for p in paths) or "(no input)"
        raise NoRecords(shown)
    return loaded
