"""The corpus tables and their columns, declared once, on pyarrow alone: the store's files,
``citegraph sql --help`` and the README's list derive from these schemas, and opening a
store needs no graph library.

>>> SCHEMAS["authorships"].names
['work', 'person', 'position', 'name', 'affiliations', 'countries']
"""

from __future__ import annotations

import pyarrow as pa

_S, _I, _F = pa.string(), pa.int32(), pa.float64()

# The tables and their columns, declared once: the store's files, `citegraph sql --help`
# and the README's list derive from these schemas.
SCHEMAS: dict[str, pa.Schema] = {
    "works": pa.schema(
        [
            ("work", _I),
            ("id", _S),
            ("label", _S),
            ("title", _S),
            ("year", _I),
            ("volume", _S),
            ("issue_number", _S),
            ("pages", _S),
            ("journal_name", _S),
            ("issn", _S),
            ("doi", _S),
            ("abstract", _S),
            ("doc_type", _S),
            ("cited_by", pa.int64()),
            ("wos", _S),
            ("pmid", _S),
            ("openalex", _S),
            ("eid", _S),
            ("source", _S),
            ("issue", _I),
            ("journal", _I),
            ("addresses", pa.list_(_S)),
        ]
    ),
    "people": pa.schema(
        [
            ("person", _I),
            ("id", _S),
            ("label", _S),
            ("orcid", _S),
            ("articles", _I),
            ("fractional_articles", _F),
            ("first_author", _I),
            ("first_year", _I),
            ("last_year", _I),
            ("variants", pa.list_(_S)),
        ]
    ),
    "authorships": pa.schema(
        [
            ("work", _I),
            ("person", _I),
            ("position", _I),
            ("name", _S),
            ("affiliations", pa.list_(_S)),
            ("countries", pa.list_(_S)),
        ]
    ),
    "issues": pa.schema(
        [
            ("issue", _I),
            ("id", _S),
            ("label", _S),
            ("journal_name", _S),
            ("year", _I),
            ("volume", _S),
            ("issue_number", _S),
            ("journal", _I),
        ]
    ),
    "journals": pa.schema([("journal", _I), ("id", _S), ("label", _S)]),
    "references": pa.schema(
        [
            ("work", _I),
            ("position", _I),
            ("raw", _S),
            ("doi", _S),
            ("key", _S),
            ("cited_work", _I),
        ]
    ),
    "keywords": pa.schema([("work", _I), ("keyword", _S)]),
}
