"""One interactive network view as a single self-contained HTML page, drawn by vis-network.

The page inlines vis-network's script and style as the pyvis package ships them, so it
draws with no network. The page is our Jinja template filled with pyvis's data layout
(node and edge dicts, options as JSON); ``pyvis.network`` itself is not imported, since it
imports IPython for notebooks: 0.2–0.6 s on every ``view``. Record text reaches the page
only as JSON (escaped for a script element) or through Jinja's autoescaping, and tooltips
are plain text, which vis-network shows with ``innerText``: a title can never run a script.

>>> import networkx as nx
>>> H = nx.Graph()
>>> H.add_node("author:name:x|y", kind="author", label="<script>alert(1)</script>")
>>> page = network_html(H, ViewSpec(title="Authors", color_by="kind", size_by="degree"))
>>> "<script>alert(1)" in page, "\\\\u003cscript\\\\u003ealert(1)" in page
(False, True)
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from importlib.util import find_spec
from pathlib import Path

import networkx as nx
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from graph.kinds import ARTICLE, AUTHOR, AUTHORED, COAUTHOR, ISSUE, JOURNAL, PUBLISHED_IN, TOPIC
from graph.reports import node_hint
from graph.settings import MAX_NODES, SEP
from graph.view.details import edge_details, node_details
from graph.view.layout import component_layout

KIND_COLORS = {
    AUTHOR: "#4c78a8",
    ARTICLE: "#f58518",
    ISSUE: "#54a24b",
    JOURNAL: "#b279a2",
}
EDGE_COLORS = {
    "authored": "#9ecae9",
    "published_in": "#b8d8b0",
    "part_of": "#d4a6c8",
    COAUTHOR: "#4c78a8",
    TOPIC: "#f58518",
    "issue_topic": "#e45756",
    "shared_authors": "#54a24b",
    "cooccurrence": "#72b7b2",
    "cites": "#9d755d",
    "coupling": "#b279a2",
    "cocitation": "#eeca3b",
}
PALETTE = (
    "#4c78a8",
    "#f58518",
    "#54a24b",
    "#e45756",
    "#72b7b2",
    "#eeca3b",
    "#b279a2",
    "#ff9da6",
    "#9d755d",
    "#bab0ac",
    "#1f77b4",
    "#2ca02c",
    "#d62728",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#17becf",
    "#bcbd22",
    "#393b79",
    "#637939",
)
OTHER_COLOR = "#999999"
DEFAULT_MAX_NODES = MAX_NODES
_LABEL_MAX = 40
_ABSTRACT_MAX = 280
_TEMPLATES = files("graph.view") / "templates"


@dataclass(frozen=True)
class ViewSpec:
    """What a view shows: its title, and which attributes colour and size its nodes."""

    title: str
    color_by: str = "kind"
    size_by: str = "degree"
    subtitle: str = ""
    seed: int = 42
    article_labels: Mapping[str, str] = field(default_factory=dict)
    x_by: str | None = None
    """A numeric attribute (``year``) that places nodes left to right, as CitNetExplorer does."""
    max_nodes: int | None = DEFAULT_MAX_NODES
    """Above this many nodes, only the top ones by ``size_by`` are drawn, and the page says so."""
    by_articles: bool = False
    """Cut a typed graph to its most cited articles with their authors and issues
    (:func:`cap_articles`), not to its top nodes by ``size_by``."""


def focus_spec(
    label: str,
    depth: int,
    view: str,
    reached: int,
    total: int,
    labels: Mapping[str, str],
    seed: int = 42,
    max_nodes: int | None = DEFAULT_MAX_NODES,
) -> ViewSpec:
    """How to draw the neighbourhood of the node ``label``: ``reached`` of the ``total``
    nodes of network ``view``, within ``depth`` links of it.

    >>> focus_spec("Emma Watson", 1, "coauthors", 4, 14, {}).subtitle
    '4 of 14 nodes of the coauthors network'
    """
    return ViewSpec(
        f"{label}: {depth} link{'s' * (depth != 1)} around it",
        "kind" if view == "all" else "community",
        "degree",
        f"{reached} of {total} nodes of the {view} network",
        seed,
        dict(labels),
        max_nodes=max_nodes,
    )


def cap_nodes(H: nx.Graph, metric: str, max_nodes: int | None) -> tuple[nx.Graph, int]:
    """``H`` cut to its ``max_nodes`` top nodes by ``metric`` (degree if the nodes lack it;
    ties by id), and how many nodes were left out.

    >>> H = nx.star_graph(4)
    >>> sorted(cap_nodes(nx.relabel_nodes(H, str), "degree", 2)[0]), cap_nodes(H, "degree", 2)[1]
    (['0', '1'], 3)
    """
    if max_nodes is None or H.number_of_nodes() <= max_nodes:
        return H, 0

    def score(node: str) -> float:
        value = H.nodes[node].get(metric)
        if metric == "degree" or not isinstance(value, int | float):
            return float(H.degree(node))
        return float(value)

    ranked = sorted(H, key=lambda n: (-score(n), str(n)))
    kept = H.subgraph(ranked[:max_nodes]).copy()
    return kept, H.number_of_nodes() - max_nodes


def cap_articles(H: nx.Graph, max_nodes: int | None) -> tuple[nx.Graph, int, int]:
    """``H``, a typed graph, cut to what reads at a glance: its most cited articles
    (citations in the corpus, then degree, then id), each with its authors and its issue,
    taken while they fit in ``max_nodes``; how many nodes were left out, and how many
    articles were kept. A cut by degree alone kept the issues and prolific authors with
    the most links, and the links between them.

    >>> G = nx.MultiDiGraph()
    >>> G.add_nodes_from([("a1", {"kind": "article", "citations_in_corpus": 5}),
    ...                   ("a2", {"kind": "article", "citations_in_corpus": 1}),
    ...                   ("p1", {"kind": "author"}), ("p2", {"kind": "author"})])
    >>> _ = G.add_edges_from([("p1", "a1", {"kind": "authored"}),
    ...                       ("p2", "a2", {"kind": "authored"})])
    >>> kept, left, articles = cap_articles(G, 3)
    >>> sorted(kept), left, articles
    (['a1', 'p1'], 2, 1)
    """
    if max_nodes is None or H.number_of_nodes() <= max_nodes:
        return H, 0, 0

    def rank(node: str) -> tuple[float, int, str]:
        return (-float(H.nodes[node].get("citations_in_corpus", 0) or 0), -H.degree(node), node)

    articles = sorted((n for n, k in H.nodes(data="kind") if k == ARTICLE), key=rank)
    kept: set[str] = set()
    taken = 0
    for article in articles:
        group = {article} | {u for u, _, k in H.in_edges(article, data="kind") if k == AUTHORED}
        group |= {v for _, v, k in H.out_edges(article, data="kind") if k == PUBLISHED_IN}
        if len(kept | group) > max_nodes:
            break
        kept |= group
        taken += 1
    return H.subgraph(kept).copy(), H.number_of_nodes() - len(kept), taken


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def node_tooltip(data: Mapping[str, object]) -> str:
    """Plain-text hover text for a node: label, authors, year, volume/issue, pages, abstract.

    >>> print(node_tooltip({"kind": "article", "label": "T", "authors": "A; B", "year": 2015,
    ...                     "volume": "19", "issue": "4", "pages": "1-2", "abstract": "Text"}))
    T
    A; B
    2015 · Vol 19 (4) · pp. 1-2
    Text
    """
    lines = [str(data.get("label", ""))]
    kind = data.get("kind")
    if kind == ARTICLE:
        if data.get("authors"):
            lines.append(str(data["authors"]))
        where = [str(data["year"])] if "year" in data else []
        if "volume" in data:
            where.append(
                f"Vol {data['volume']}" + (f" ({data['issue']})" if "issue" in data else "")
            )
        if "pages" in data:
            where.append(f"pp. {data['pages']}")
        if "journal" in data:
            where.append(str(data["journal"]))
        lines.append(" · ".join(where))
        if data.get("abstract"):
            lines.append(_short(str(data["abstract"]), _ABSTRACT_MAX))
    elif kind == AUTHOR and "articles" in data:
        lines.append(
            f"{data['articles']} articles ({data.get('fractional_articles', 0)} fractional)"
        )
    for metric in ("community", "pagerank", "betweenness"):
        if metric in data and kind != ARTICLE:
            lines.append(f"{metric}: {data[metric]}")
    return "\n".join(line for line in lines if line)


def edge_tooltip(data: Mapping[str, object], article_labels: Mapping[str, str]) -> str:
    """Plain-text hover text for an edge: its kind, weight and the evidence behind it."""
    kind = str(data.get("kind", ""))
    lines = [kind.replace("_", " ")]
    if kind == COAUTHOR:
        lines[0] = f"{data.get('weight', 1)} joint article(s)"
        for article in str(data.get("articles", "")).split(SEP):
            if article:
                lines.append("• " + _short(article_labels.get(article, article), 80))
    elif kind == TOPIC:
        lines[0] = f"topic overlap {data.get('weight', 0)}"
        lines.append("shared terms: " + str(data.get("shared_terms", "")))
    elif "position" in data:
        lines.append(f"author position {data['position']}")
    return "\n".join(lines)


GRADIENT = ("#440154", "#3b528b", "#21918c", "#5ec962", "#fde725")  # viridis, low to high
CONTINUOUS = frozenset(["year", "avg_year", "first_year", "last_year", "pagerank", "degree",
                        "betweenness", "closeness", "citations_in_corpus", "citations",
                        "occurrences", "weighted_degree", "articles"])  # fmt: skip


OVERLAYS = ("avg_year", "year", "citations_in_corpus", "pagerank", "degree", "articles",
            "occurrences")  # fmt: skip
"""The scores a view's nodes can be coloured by in the page, where any node has one."""


def overlay_scores(data: Mapping[str, object], degree: int) -> dict[str, float]:
    """The numeric :data:`OVERLAYS` of one node (``degree``: its degree in the view); an
    article's average year is its year.

    >>> overlay_scores({"year": 2015, "pagerank": 0.2, "label": "x"}, 3)
    {'avg_year': 2015.0, 'year': 2015.0, 'pagerank': 0.2, 'degree': 3.0}
    """
    found = {**data, "degree": degree}
    if found.get("avg_year") is None and found.get("year") is not None:
        found["avg_year"] = found["year"]
    scores = {}
    for key in OVERLAYS:
        value = found.get(key)
        if isinstance(value, int | float) and not isinstance(value, bool):
            scores[key] = float(value)
    return scores


def _gradient(value: float, low: float, high: float) -> str:
    """A viridis colour for ``value`` between ``low`` and ``high``."""
    share = (value - low) / (high - low) if high > low else 0.5
    return GRADIENT[min(int(share * len(GRADIENT)), len(GRADIENT) - 1)]


def _cluster_names(H: nx.Graph) -> dict[object, str]:
    """Community → its name (``cluster_name``, set on topic and term-map nodes)."""
    return {c: str(name) for _, c, name in
            ((n, d.get("community"), d.get("cluster_name")) for n, d in H.nodes(data=True))
            if c is not None and name}  # fmt: skip


def _colors(H: nx.Graph, color_by: str) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """Each node's colour, and the legend as (label, colour) pairs: categories get the
    palette, numeric scores (years, metrics) a viridis scale from lowest to highest."""
    if color_by == "kind":
        kinds = sorted({str(k) for _, k in H.nodes(data="kind")})
        legend = [(k, KIND_COLORS.get(k, OTHER_COLOR)) for k in kinds]
        return {n: KIND_COLORS.get(str(k), OTHER_COLOR) for n, k in H.nodes(data="kind")}, legend
    raw = dict(H.degree()) if color_by == "degree" else dict(H.nodes(data=color_by))
    if color_by == "avg_year":  # an article's average year is its year
        raw = {n: v if v is not None else H.nodes[n].get("year") for n, v in raw.items()}
    numbers = {n: float(v) for n, v in raw.items()
               if isinstance(v, int | float) and not isinstance(v, bool)}  # fmt: skip
    if color_by in CONTINUOUS and numbers:
        low, high = min(numbers.values()), max(numbers.values())
        colors = {n: _gradient(numbers[n], low, high) if n in numbers else OTHER_COLOR for n in H}
        step = (high - low) / len(GRADIENT)
        legend = [(f"{color_by} {low + i * step:.4g}–{low + (i + 1) * step:.4g}", c)
                  for i, c in enumerate(GRADIENT)]  # fmt: skip
        if len(numbers) < H.number_of_nodes():
            legend.append((f"no {color_by}", OTHER_COLOR))
        return colors, legend
    values = sorted(
        {v for v in raw.values() if v is not None},
        key=lambda v: (0, float(v), "") if isinstance(v, int | float) else (1, 0.0, str(v)),
    )
    lookup = {v: PALETTE[i] for i, v in enumerate(values[: len(PALETTE)])}
    colors = {n: lookup.get(v, OTHER_COLOR) for n, v in raw.items()}
    names = _cluster_names(H) if color_by == "community" else {}
    legend = [(f"{color_by} {v}: {names[v]}" if v in names else f"{color_by} {v}", c)
              for v, c in lookup.items()]  # fmt: skip
    if len(values) > len(PALETTE):
        legend.append((f"{len(values) - len(PALETTE)} more {color_by} values", OTHER_COLOR))
    return colors, legend


SMALLEST, LARGEST = 6.0, 24.0
"""Node radii in pixels. A node's area, not its radius, grows with its score, up to the
cap, so a hub stands out without covering its neighbours (radii were 10-40 px)."""


def node_radius(value: float, low: float, high: float) -> float:
    """The radius of a node scoring ``value`` in a view whose scores run ``low``–``high``.

    >>> node_radius(0, 0, 100), node_radius(25, 0, 100), node_radius(100, 0, 100)
    (6.0, 15.0, 24.0)
    """
    share = (value - low) / (high - low) if high > low else 0.25
    return round(SMALLEST + (LARGEST - SMALLEST) * math.sqrt(min(max(share, 0.0), 1.0)), 2)


def node_sizes(H: nx.Graph, size_by: str) -> dict[str, float]:
    """Each node's radius in its view (:func:`node_radius` of its ``size_by`` score, or
    of its degree).

    >>> node_sizes(nx.star_graph(2), "degree")
    {0: 24.0, 1: 6.0, 2: 6.0}
    """
    if size_by == "degree":
        raw = {n: float(d) for n, d in H.degree()}
    else:
        raw = {n: float(v) if isinstance(v, int | float) else 0.0
               for n, v in H.nodes(data=size_by, default=0.0)}  # fmt: skip
    low, high = min(raw.values(), default=0.0), max(raw.values(), default=0.0)
    return {n: node_radius(v, low, high) for n, v in raw.items()}


def _by_attribute(
    H: nx.Graph, positions: dict[str, tuple[float, float]], attribute: str
) -> dict[str, tuple[float, float]]:
    """x from a numeric attribute (nodes without it stand at the left), y from the layout."""
    values = {n: v for n, v in H.nodes(data=attribute) if isinstance(v, int | float)}
    low = min(values.values(), default=0)
    ys = [y for _, y in positions.values()] or [0.0]
    span = max(ys) - min(ys) or 1.0
    step = max(span / max(len(set(values.values())), 1), 60.0)
    return {
        n: (round((values.get(n, low - 1) - low) * step, 2), y) for n, (_, y) in positions.items()
    }


def _number(value: object) -> int | float | None:
    """A filterable number (years, communities), or None for text such as "2021?"."""
    return value if isinstance(value, int | float) and not isinstance(value, bool) else None


@dataclass
class _Drawing:
    """What the page draws: vis-network's node and edge dicts, its options, and the
    legend of the node colours."""

    nodes: list[dict[str, object]] = field(default_factory=list)
    edges: list[dict[str, object]] = field(default_factory=list)
    options: dict[str, object] = field(default_factory=dict)
    legend: list[tuple[str, str]] = field(default_factory=list)
    evidence: dict[str, int] = field(default_factory=dict)
    """The texts links cite as evidence (shared references), each once; a link lists
    their numbers, so a text shared by many links is in the page once."""


THINNEST, THICKEST = 0.5, 6.0
"""Link widths in pixels: the lightest links of a view are drawn thin, its heaviest thick."""
EVEN_WIDTH = 1.0
"""The width of every link in a view whose links all weigh the same."""


def link_width(weight: float, heaviest: float) -> float:
    """A link's width in its view: in proportion to its weight against the view's heaviest
    link, from :data:`THINNEST` to :data:`THICKEST` pixels, whatever the weights' scale
    (joint articles, cosines, shared references).

    >>> link_width(1, 40), link_width(20, 40), link_width(40, 40), link_width(0.1, 0.2)
    (0.637, 3.25, 6.0, 3.25)
    """
    share = min(max(weight / heaviest, 0.0), 1.0) if heaviest > 0 else 1.0
    return round(THINNEST + (THICKEST - THINNEST) * share, 3)


def _network(H: nx.Graph, spec: ViewSpec) -> _Drawing:
    """The nodes, links and options of ``H`` for vis-network, with fixed positions."""
    order = sorted(H)
    index = {node: i for i, node in enumerate(order)}
    positions = component_layout(H, seed=spec.seed, community="community")
    if spec.x_by:
        positions = _by_attribute(H, positions, spec.x_by)
    colors, legend = _colors(H, spec.color_by)
    sizes = node_sizes(H, spec.size_by)
    net = _Drawing(legend=legend)
    for node in order:
        data = H.nodes[node]
        x, y = positions[node]
        net.nodes.append(
            {
                "id": index[node],
                "cid": node,
                "kind": str(data.get("kind", "")),
                "label": _short(str(data.get("label", node)), _LABEL_MAX),
                "name": str(data.get("label", node)),
                "title": node_tooltip(data),
                "color": colors[node],
                "size": sizes[node],
                "x": x,
                "y": y,
                "shape": "dot",
                "year": _number(data.get("year")),
                "community": _number(data.get("community")),
                "details": node_details(data),
                "hint": node_hint(data),
                "scores": overlay_scores(data, H.degree(node)),
            }
        )
    edges = sorted(
        ((min(u, v), max(u, v), d) for u, v, d in H.edges(data=True)),
        key=lambda e: (e[0], e[1], str(e[2].get("kind", ""))),
    )
    weights = {abs(float(d.get("weight", 1.0))) for *_, d in edges}
    heaviest = max(weights, default=1.0) or 1.0
    # Where every link weighs the same (the typed graph's), none is drawn heavy.
    even = len(weights) < 2
    by_cluster = links_by_cluster(H, spec.color_by)
    for u, v, data in edges:
        weight = float(data.get("weight", 1.0))
        net.edges.append(
            {
                "from": index[u],
                "to": index[v],
                "kind": str(data.get("kind", "")),
                "title": edge_tooltip(data, spec.article_labels),
                "width": EVEN_WIDTH if even else link_width(weight, heaviest),
                "color": (colors[u] if colors[u] == colors[v] else BETWEEN_COLOR)
                if by_cluster
                else EDGE_COLORS.get(str(data.get("kind", "")), OTHER_COLOR),
                "weight": weight,
                "details": edge_details(data, spec.article_labels),
                **_shared_references(data, spec.article_labels, net.evidence),
            }
        )
    net.options = {
        "physics": {"enabled": False},
        "edges": {"smooth": False},
        "nodes": {"font": {"size": 12}},
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": True},
        "layout": {"improvedLayout": False},  # positions are given; skip vis's own pass
    }
    return net


def _shared_references(
    data: Mapping[str, object], labels: Mapping[str, str], evidence: dict[str, int]
) -> dict[str, object]:
    """A coupling link's evidence for the page: the numbers of the shared references it
    names (by label, in ``evidence``), and how many it shares in all.

    >>> seen = {}
    >>> _shared_references({"references": "r1; r2", "shared": 3}, {"r1": "Smith 2001"}, seen)
    {'refs': [0, 1], 'shared': 3}
    >>> seen
    {'Smith 2001': 0, 'r2': 1}
    """
    keys = [k for k in str(data.get("references", "")).split(SEP) if k]
    if not keys:
        return {}
    numbers = [evidence.setdefault(labels.get(k, k), len(evidence)) for k in keys]
    return {"refs": numbers, "shared": int(str(data.get("shared", len(keys))))}


@lru_cache(maxsize=1)
def _vis_assets() -> tuple[Markup, Markup]:
    """vis-network's script and style, read once from the pyvis package (found, not
    imported: importing pyvis imports IPython)."""
    spec = find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("pyvis is not installed; reinstall citegraph")
    vis = Path(next(iter(spec.submodule_search_locations))) / "lib" / "vis-9.1.2"
    return (
        Markup(vis.joinpath("vis-network.min.js").read_text("utf-8")),
        Markup(vis.joinpath("vis-network.css").read_text("utf-8")),
    )


def _environment(page: Mapping[str, object]) -> Environment:
    """A Jinja environment that autoescapes, with the page's data and vis assets as globals."""
    env = Environment(
        loader=FileSystemLoader(str(_TEMPLATES)),
        autoescape=select_autoescape(default=True, default_for_string=True),
    )
    env.globals["vis_js"], env.globals["vis_css"] = _vis_assets()
    env.globals["page"] = page
    return env


BETWEEN_COLOR = "#c8c8c8"
"""A link between two clusters (or two colours of an overlay): a neutral grey."""


def links_by_cluster(H: nx.Graph, color_by: str) -> bool:
    """Whether links take the colour of their ends (one colour: a link inside a cluster;
    else :data:`BETWEEN_COLOR`) rather than of their kind: where the view has one kind
    of link, so its kind tells nothing, and nodes are coloured by more than their kind.

    >>> H = nx.Graph([("a", "b")], kind="coauthor")
    >>> links_by_cluster(H, "community"), links_by_cluster(H, "kind")
    (True, False)
    """
    kinds = {str(k) for _, _, k in H.edges(data="kind")}
    return color_by != "kind" and len(kinds) <= 1


def _edge_legend(H: nx.Graph, color_by: str) -> list[tuple[str, str]]:
    kinds = sorted({str(k) for _, _, k in H.edges(data="kind") if k})
    if links_by_cluster(H, color_by):
        return [(f"{' '.join(kinds) or 'link'} between clusters (inside one: its colour)",
                 BETWEEN_COLOR)]  # fmt: skip
    return [(k.replace("_", " "), EDGE_COLORS.get(k, OTHER_COLOR)) for k in kinds]


def network_html(H: nx.Graph, spec: ViewSpec) -> str:
    """The HTML page of one view of ``H`` (its top ``spec.max_nodes`` nodes, if capped)."""
    whole = (H.number_of_nodes(), H.number_of_edges())
    if spec.by_articles:
        H, left_out, articles = cap_articles(H, spec.max_nodes)
        cut = f"the {articles:,} most cited articles with their authors and issues"
    else:
        H, left_out = cap_nodes(H, spec.size_by, spec.max_nodes)
        cut = f"the top nodes by {spec.size_by}"
    net = _network(H, spec)
    page = {
        "edge_legend": _edge_legend(H, spec.color_by),
        "title": spec.title,
        "subtitle": spec.subtitle,
        "legend": net.legend,
        "size_by": spec.size_by,
        "counts": {"nodes": H.number_of_nodes(), "edges": H.number_of_edges()},
        "left_out": left_out,
        "cut": cut,
        "whole": {"nodes": whole[0], "edges": whole[1]},
        "max_nodes": spec.max_nodes,
        "gradient": list(GRADIENT),
        "legend_title": spec.color_by.replace("_", " "),
    }
    template = _environment(page).get_template("network.html")
    return template.render(nodes=net.nodes, edges=net.edges, options=json.dumps(net.options),
                           evidence=list(net.evidence))  # fmt: skip
