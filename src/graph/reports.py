"""Rows for the commands that print tables: one flat dict per row, scalar values only.

The same rows become a rich table, CSV or JSON in ``cli.py``; sorting and cutting them is
:func:`graph.pipeline.sort_rows`.

>>> network_rows({"topic": {"nodes": 3, "edges": 2, "communities": {"mean_ari": 1.0}}})
[{'network': 'topic', 'nodes': 3, 'edges': 2, 'community_mean_ari': 1.0}]
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from graph.kinds import ARTICLE, AUTHOR
from graph.settings import SEP

if TYPE_CHECKING:
    from graph.models import AuthorMerge

Row = dict[str, object]


STABLE_ARI = 0.7
"""Below this mean adjusted Rand index across seeded runs, a partition is called unstable."""
_REMEDY = {"topic": "a higher --topic-threshold or a lower --resolution",
           "terms": "a lower --resolution or a higher --min-term-articles"}  # fmt: skip


def stability(networks: Mapping[str, Mapping[str, Any]]) -> list[tuple[str, float, int, str]]:
    """(network, mean ARI, runs, warning or "") for each network whose communities were
    compared across seeded runs: the warning says the partition moves with the seed and
    what to try, below :data:`STABLE_ARI`.

    >>> stability({"terms": {"communities": {"mean_ari": 0.5, "runs": 10}}})[0][3]
    'the terms clusters change with the seed (ARI 0.50 across 10 runs): read them with care, or try a lower --resolution or a higher --min-term-articles'
    """  # noqa: E501
    out = []
    for name, values in networks.items():
        found = values.get("communities") if isinstance(values, Mapping) else None
        if not isinstance(found, Mapping) or found.get("mean_ari") is None:
            continue
        ari, runs = float(found["mean_ari"]), int(found.get("runs", 1))
        warning = ""
        if runs > 1 and ari < STABLE_ARI:
            remedy = _REMEDY.get(name, "a lower --resolution")
            warning = (f"the {name} clusters change with the seed (ARI {ari:.2f} across "
                       f"{runs} runs): read them with care, or try {remedy}")  # fmt: skip
        out.append((name, ari, runs, warning))
    return out


def network_rows(networks: Mapping[str, Mapping[str, Any]]) -> list[Row]:
    """One row per network of graph-level metrics; nested communities become
    ``community_*`` columns, and per-value tables (degree distribution, kinds) stay out."""
    rows = []
    for name, values in networks.items():
        row: Row = {"network": name}
        for key, value in values.items():
            if key == "communities":
                row.update({f"community_{k}": v for k, v in value.items()})
            elif not isinstance(value, dict):
                row[key] = value
        rows.append(row)
    return rows


def cluster_rows(clusters: list[dict[str, Any]]) -> list[Row]:
    """Topic or term-map clusters as flat rows: lists joined with ``; ``."""
    rows = []
    for cluster in clusters:
        row: Row = {}
        for key, value in cluster.items():
            if key == "central_articles":
                row[key] = SEP.join(str(a["label"]) for a in value)
            elif key == "years":
                row[key] = "–".join(str(y) for y in dict.fromkeys(value))
            elif isinstance(value, list):
                row[key] = SEP.join(str(v) for v in value)
            else:
                row[key] = value
        rows.append(row)
    return rows


def evidence_rows(found: Mapping[str, Any], labels: Mapping[str, str]) -> list[Row]:
    """Every piece of evidence :func:`graph.analysis.explain.why` found, one row each:
    what it is, its value (a weight or similarity; hops for the path), and its details.

    >>> found = {"links": [], "joint_articles": ["p"], "topic_links": [],
    ...          "topic_similarity": None, "shared_references": [], "shortest_path": []}
    >>> evidence_rows(found, {"p": "Paper P"})
    [{'evidence': 'joint article', 'value': None, 'details': 'Paper P'}]
    """
    rows: list[Row] = []
    for link in found["links"]:
        details = SEP.join(f"{k}: {v}" for k, v in link.items()
                           if k not in ("kind", "from", "to", "weight"))  # fmt: skip
        rows.append({"evidence": f"{link['kind']} link", "value": link.get("weight"),
                     "details": details})  # fmt: skip
    for article in found["joint_articles"]:
        rows.append({"evidence": "joint article", "value": None, "details": labels[article]})
    for link in found["topic_links"]:
        x, y = link["articles"]
        rows.append({"evidence": "topic link", "value": link["weight"],
                     "details": f"{labels[x]} ~ {labels[y]}: {link['shared_terms']}"})  # fmt: skip
    similarity = found.get("topic_similarity")
    if similarity:
        rows.append({"evidence": "topic profiles", "value": similarity["similarity"],
                     "details": similarity["shared_terms"]})  # fmt: skip
    for reference in found.get("shared_references", []):
        rows.append({"evidence": "shared reference", "value": None,
                     "details": labels.get(reference, reference)})  # fmt: skip
    if found["shortest_path"]:
        path = " → ".join(str(step["label"]) for step in found["shortest_path"])
        rows.append({"evidence": "shortest path", "value": len(found["shortest_path"]) - 1,
                     "details": path})  # fmt: skip
    return rows


def node_hint(node: Mapping[str, Any]) -> str:
    """What tells a node apart from others of the same name, from its attributes: a
    person's articles, years and ORCID; an article's year and journal; else nothing.

    >>> node_hint({"kind": "author", "articles": 5, "first_year": 2014, "last_year": 2016})
    '5 articles, 2014–2016'
    >>> node_hint({"kind": "article", "year": 2015, "journal": "Mental Health Review"})
    '2015, Mental Health Review'
    """
    kind = node.get("kind")
    if kind == AUTHOR:
        count = node.get("articles")
        years = "–".join(dict.fromkeys(str(node[y]) for y in ("first_year", "last_year")
                                       if node.get(y) not in (None, "")))  # fmt: skip
        parts = [f"{count} article{'s' * (count != 1)}" if count not in (None, "") else "",
                 years, f"ORCID {node['orcid']}" if node.get("orcid") else ""]  # fmt: skip
    elif kind == ARTICLE:
        parts = [str(node.get("year") or ""), str(node.get("journal") or "")]
    else:
        return ""
    return ", ".join(part for part in parts if part)


TABLE_EVIDENCE = 10
"""At most this many rows of one kind of evidence in ``why``'s table; the 10k WoS
corpus's two most productive authors share 1,510 references."""


def capped_evidence(rows: Sequence[Row], most: int = TABLE_EVIDENCE) -> list[Row]:
    """``rows`` with at most ``most`` of each kind of evidence, each cut kind ending in one
    row that says how many more there are and how to see them.

    >>> rows = [{"evidence": "shared reference", "value": None, "details": r} for r in "abc"]
    >>> [row["details"] for row in capped_evidence(rows, most=2)]
    ['a', 'b', '… 1 more: --all, --json or --csv lists every one']
    """
    totals: dict[object, int] = {}
    for row in rows:
        totals[row["evidence"]] = totals.get(row["evidence"], 0) + 1
    kept: list[Row] = []
    seen: dict[object, int] = {}
    for row in rows:
        kind = row["evidence"]
        seen[kind] = seen.get(kind, 0) + 1
        if seen[kind] <= most:
            kept.append(row)
        elif seen[kind] == most + 1:
            more = f"… {totals[kind] - most:,} more: --all, --json or --csv lists every one"
            kept.append({"evidence": kind, "value": None, "details": more})
    return kept


def corpus_lines(corpus: Mapping[str, Any]) -> list[str]:
    """Corpus indicators as lines of text: articles per year, Lotka's law, top journals.

    >>> corpus_lines({"articles_per_year": {"2020": 2}, "top_journals": [],
    ...               "lotka": {"authors": 3, "fit": "needs more"}})
    ['articles per year: 2020: 2', "Lotka's law (3 authors): needs more"]
    """
    lines = ["articles per year: " + ", ".join(
        f"{year}: {n}" for year, n in corpus["articles_per_year"].items())]  # fmt: skip
    lotka = corpus["lotka"]
    if "exponent" in lotka:
        lines.append(f"Lotka's law ({lotka['authors']} authors): exponent {lotka['exponent']}, "
                     f"C {lotka['constant']}, R² {lotka['r_squared']}")  # fmt: skip
    else:
        lines.append(f"Lotka's law ({lotka['authors']} authors): {lotka['fit']}")
    for journal in corpus["top_journals"]:
        lines.append(f"journal: {journal['journal']} ({journal['articles']} articles)")
    return lines


def sort_rows(rows: list[Row], by: str, top: int | None) -> list[Row]:
    """Rows sorted by ``by`` (largest first, ties by label), cut to ``top``.

    >>> sort_rows([{"label": "a", "n": 1}, {"label": "b", "n": 3}], "n", 1)
    [{'label': 'b', 'n': 3}]
    """

    def key(row: Row) -> tuple[float, str]:
        value = row.get(by)
        number = float(value) if isinstance(value, int | float) else float("-inf")
        return (-number, str(row.get("label", "")))

    ordered = sorted(rows, key=key)
    return ordered[:top] if top else ordered


def to_json(document: object) -> str:
    """Deterministic, readable JSON text."""
    return json.dumps(document, indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def list_json(rows: list[Any]) -> str:
    """A JSON list with one row per line, by the C encoder, as :func:`rows_json` writes
    the rows of a document: 23,406 authors with their joins took 1.1 s with ``indent``.

    >>> print(list_json([{"id": "a"}, {"id": "b"}]))
    [
      {"id": "a"},
      {"id": "b"}
    ]
    >>> list_json([])
    '[]'
    """
    if not rows:
        return "[]"
    return "[\n" + ",\n".join("  " + json.dumps(r, ensure_ascii=False) for r in rows) + "\n]"


def rows_json(document: dict[str, object], rows: str) -> str:
    """:func:`to_json` of ``document``, but with each row of the list under key ``rows`` on
    one line: a node per line is easier to grep, a fifth smaller, and written by the C
    encoder (``indent`` takes the pure-Python one: 1.2 s of metrics.json at 10,000 records).

    >>> print(rows_json({"n": 2, "nodes": [{"id": "a"}, {"id": "b"}]}, "nodes"), end="")
    {
      "n": 2,
      "nodes": [
        {"id": "a"},
        {"id": "b"}
      ]
    }
    >>> json.loads(rows_json({"nodes": []}, "nodes"))
    {'nodes': []}
    """
    listed = document[rows]
    if not isinstance(listed, list) or not listed:
        return to_json(document)
    marker = "\u0000rows\u0000"  # a string no document holds: JSON escapes NUL
    text = to_json({**document, rows: marker})
    lines = ",\n".join("    " + json.dumps(row, ensure_ascii=False) for row in listed)
    return text.replace(json.dumps(marker), "[\n" + lines + "\n  ]", 1)


def people_rows(
    people: list[dict[str, Any]], author_merges: Sequence[AuthorMerge]
) -> list[dict[str, object]]:
    """:func:`author_rows` from the rows of the ``people`` table and the merge rows: each
    person's variants, the reasons in one line, each join with the id joined and its
    evidence, and each refused fit with the ids it named."""
    reasons: dict[str, list[str]] = {}
    joins: dict[str, list[dict[str, object]]] = {}
    refused: dict[str, list[dict[str, object]]] = {}
    for merge in author_merges:
        reasons.setdefault(merge.key, []).append(merge.reason)
        if merge.candidates:
            refused.setdefault(merge.key, []).append(
                {"candidates": merge.candidates, "reason": merge.reason}
            )
        else:
            join: dict[str, object] = {"joined": merge.joined, "variants": merge.variants}
            join.update(reason=merge.reason, evidence=merge.evidence)
            joins.setdefault(merge.key, []).append(join)
    return [
        {
            "id": person["id"],
            "label": person["label"],
            "articles": person["articles"],
            "variants": person["variants"] or [person["label"]],
            "reason": "; ".join(reasons.get(person["id"], [])) or None,
            "joins": joins.get(person["id"], []),
            "refused": refused.get(person["id"], []),
        }
        for person in people
    ]
