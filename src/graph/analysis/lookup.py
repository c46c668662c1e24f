"""Finding a node by what a user types: its id, its label, or a part of its label only
one node has. No graph library: a stored build looks names up in its ``all_nodes`` table.
"""

from __future__ import annotations

from collections.abc import Sequence


def match_node(ids: Sequence[str], labels: Sequence[str], text: str) -> str:
    """:func:`find_node` over node ``ids`` (sorted) and their ``labels``.

    >>> match_node(["a:1", "a:2"], ["Emma Watson", "Di Hurley"], "hurley")
    'a:2'
    """
    if text in set(ids):
        return text
    wanted = text.casefold()
    folded = [label.casefold() for label in labels]
    exact = [i for i, label in enumerate(folded) if label == wanted]
    partial = exact or [i for i, label in enumerate(folded) if wanted in label]
    if len(partial) == 1:
        return ids[partial[0]]
    if not partial:
        raise LookupError(f"no node has the id or label {text!r}")
    shown = ", ".join(f"{ids[i]} ({labels[i]})" for i in partial[:5])
    raise LookupError(f"{len(partial)} nodes match {text!r}: {shown}; give an id")
