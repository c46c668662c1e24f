"""Finding a node by what a user types: its id, its label, a part of its label, or a
person's name as a reader writes it ("Y Wang", "Wang Y", "Wang, Yijun"). No graph
library: a stored build looks names up in its ``all_nodes`` table.

>>> match_node(["a:1", "a:2"], ["Yijun Wang", "Emily Wang"], "Wang Y")
'a:1'
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from graph.names import INITIALS, fold, initials, split_initials_name

SHOWN_CANDIDATES = 10
"""At most this many candidates are named when a text matches several nodes."""


class AmbiguousNode(LookupError):
    """Several nodes match what the user typed: ``candidates`` are their ids, in order."""

    def __init__(self, text: str, candidates: list[str], described: list[str]) -> None:
        more = len(candidates) - len(described)
        shown = ", ".join(described) + (f", and {more} more" if more > 0 else "")
        super().__init__(f"{len(candidates)} nodes match {text!r}: {shown}; give an id")
        self.text, self.candidates = text, candidates


def _is_initials(given: str) -> bool:
    return all(len(part) == 1 or INITIALS.match(part) for part in given.replace(".", ". ").split())


def name_matches(labels: Sequence[str], text: str) -> list[int]:
    """The rows of ``labels`` that are a person ``text`` could name: the same family name,
    and given names whose initials begin with the initials typed ("Y Wang", "Wang Y"), or
    the same given names where they are typed in full ("Wang, Yijun").

    >>> name_matches(["Yijun Wang", "Emily Wang", "Yu Wang", "Wang Yang"], "Y Wang")
    [0, 2]
    >>> name_matches(["Yijun Wang", "Yu Wang"], "Wang, Yijun")
    [0]
    """
    family, given = split_initials_name(text)
    family = fold(family)
    if not family:
        return []
    by_initials = not given or _is_initials(given)
    wanted = initials(given) if by_initials else fold(given or "")
    found = []
    for i, label in enumerate(labels):
        if family not in fold(label):  # most labels: no need to parse them as names
            continue
        other_family, other_given = split_initials_name(label)
        if fold(other_family) != family:
            continue
        if (initials(other_given).startswith(wanted) if by_initials
                else fold(other_given or "") == wanted):  # fmt: skip
            found.append(i)
    return found


def match_node(
    ids: Sequence[str],
    labels: Sequence[str],
    text: str,
    describe: Callable[[list[str]], list[str]] | None = None,
) -> str:
    """The node ``text`` names among node ``ids`` (sorted) and their ``labels``: an id, else
    the one label equal to it (case aside), else the one label that contains it or that is
    a name it could stand for (:func:`name_matches`). Several matches raise
    :class:`AmbiguousNode`, naming the first :data:`SHOWN_CANDIDATES` by id and label, and
    by what ``describe`` says of them (their ids → one text each), where given.

    >>> match_node(["a:1", "a:2"], ["Emma Watson", "Di Hurley"], "hurley")
    'a:2'
    """
    if text in set(ids):
        return text
    wanted = text.casefold()
    folded = [label.casefold() for label in labels]
    exact = [i for i, label in enumerate(folded) if label == wanted]
    if not exact:
        contained = {i for i, label in enumerate(folded) if wanted in label}
        exact = sorted(contained.union(name_matches(labels, text)))
    if len(exact) == 1:
        return ids[exact[0]]
    if not exact:
        raise LookupError(f"no node has the id or label {text!r}")
    candidates = [ids[i] for i in exact]
    shown = exact[:SHOWN_CANDIDATES]
    notes = describe([ids[i] for i in shown]) if describe else [""] * len(shown)
    described = [f"{ids[i]} ({labels[i]}{'; ' + note if note else ''})"
                 for i, note in zip(shown, notes, strict=True)]  # fmt: skip
    raise AmbiguousNode(text, candidates, described)
