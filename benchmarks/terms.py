"""The term stage against the topic stage (issue #18, point 6: the term map may cost no
more than topic overlap), each timed alone on the same assembled corpus, best of
``--repeat`` runs, and the term map's parts: tagging noun phrases, then the map itself.

    python benchmarks/terms.py /path/to/10k-wos-folder --output benchmarks/results-terms.json
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

from graph.analysis.communities import louvain
from graph.analysis.termmap import article_noun_terms, term_map
from graph.analysis.topics import article_vectors, topic_overlap
from graph.pipeline import assemble, load

HERE = Path(__file__).resolve().parent


def best(repeat: int, run: Any) -> tuple[float, Any]:
    """Best seconds of ``repeat`` calls of ``run``, and its last result."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
    return round(min(times), 2), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("inputs", nargs="+")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--output", type=Path, default=HERE / "results-terms.json")
    args = parser.parse_args()
    G = assemble(load(args.inputs)).graph
    articles = sum(1 for _, k in G.nodes(data="kind") if k == "article")
    topic_s, T = best(args.repeat, lambda: topic_overlap(G, vectors=article_vectors(G)))
    themes_s, themes = best(args.repeat, lambda: louvain(T))
    phrases_s, found = best(args.repeat, lambda: article_noun_terms(G))
    map_s, M = best(args.repeat, lambda: term_map(G, found=found, themes=themes))
    term_s = round(themes_s + phrases_s + map_s, 2)
    rows = {"articles": articles, "topic_stage_s": topic_s, "term_stage_s": term_s,
            "term_parts_s": {"themes": themes_s, "noun_phrases": phrases_s, "map": map_s},
            "terms": M.number_of_nodes(), "met": term_s <= topic_s}  # fmt: skip
    print(json.dumps(rows, indent=1))
    args.output.write_text(json.dumps(rows, indent=1) + "\n", "utf-8")


if __name__ == "__main__":
    main()
