"""Characters no output can hold, replaced before parsing.

Control characters (NUL, vertical tab, form feed, the other C0 and C1 codes but tab, line
feed and carriage return) and Unicode line separators become spaces: Python's
``splitlines`` breaks lines at several of them, and XML 1.0 cannot hold them. JSON writes
them as escapes (``\\u0000``), which become ``\\u0020``; and a ``\\ud800`` escape with no
partner would decode to a lone surrogate, which no UTF-8 file can hold: it becomes
``\\ufffd``.

>>> replace_controls("a\\x00b\\x0bc\\u2028d\\te")
('a b c d\\te', 3)
>>> replace_json_escapes('{"t": "x\\\\ud800y \\\\ud83d\\\\ude00 \\\\u0000 \\\\u000a"}')
('{"t": "x\\\\ufffdy \\\\ud83d\\\\ude00 \\\\u0020 \\\\u000a"}', 1, 1)
"""

from __future__ import annotations

import re

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x85\u2028\u2029]")
_CONTROL_ESCAPE = re.compile(r"\\u(?:00[01][0-8bBcCe-fE-F]|001[0-9a-fA-F]|007[fF]|0085|202[89])")
_LONE_SURROGATE = re.compile(
    r"\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F][0-9a-fA-F]{2})"
    r"|(?<!\\u[dD][89abAB][0-9a-fA-F]{2})\\u[dD][c-fC-F][0-9a-fA-F]{2}"
)


def replace_controls(text: str) -> tuple[str, int]:
    """``text`` with control characters and line separators replaced by spaces, and how
    many there were."""
    if not _CONTROL.search(text):
        return text, 0
    return _CONTROL.subn(" ", text)


def replace_json_escapes(text: str) -> tuple[str, int, int]:
    """JSON ``text`` with control-character escapes replaced by a space's and unpaired
    surrogate escapes by ``\\ufffd``; and how many of each."""
    if "\\u" not in text:
        return text, 0, 0
    text, controls = _CONTROL_ESCAPE.subn(r"\\u0020", text)
    text, lone = _LONE_SURROGATE.subn(r"\\ufffd", text)
    return text, controls, lone
