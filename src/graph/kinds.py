"""The kinds of node and link, declared once, and how an attribute value becomes a scalar
every graph format takes: no graph library, so a stored build's answers import them freely.

>>> AUTHORED, scalars({"terms": ["peer", "support"]})
('authored', {'terms': 'peer; support'})
"""

from __future__ import annotations

from graph.settings import SEP

AUTHOR, ARTICLE, ISSUE, JOURNAL = "author", "article", "issue", "journal"
AUTHORED, PUBLISHED_IN, PART_OF = "authored", "published_in", "part_of"
COAUTHOR, TOPIC = "coauthor", "topic"
CITES, COUPLING, COCITATION = "cites", "coupling", "cocitation"
REFERENCE, TERM = "reference", "term"
ISSUE_TOPIC, COOCCURRENCE = "issue_topic", "cooccurrence"
SHARED_AUTHORS = "shared_authors"

Scalar = str | int | float | bool


def scalars(values: dict[str, object]) -> dict[str, Scalar]:
    """Attributes fit for any graph format: lists joined, ``None`` and empty values left out.

    >>> scalars({"a": ["x", "y"], "b": None, "c": 3, "d": ""})
    {'a': 'x; y', 'c': 3}
    """
    out: dict[str, Scalar] = {}
    for key, value in values.items():
        if isinstance(value, list | tuple):
            value = SEP.join(str(v) for v in value)
        if value is None or value == "":
            continue
        if not isinstance(value, str | int | float | bool):
            value = str(value)
        out[key] = value
    return out
