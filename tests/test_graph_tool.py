"""Our GraphML opened in graph-tool, as Debian ships it (python3-graph-tool, for Debian's
own python3, so it runs in a subprocess): every vertex and edge, the direction, and
citegraph's ids and kinds as properties (issue #17, point 3)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from lxml import etree

from tests.conftest import DATA, LISTING, SHARED, build_each, export

DEBIAN_PYTHON = "/usr/bin/python3"
LOAD = """
import json, sys
import graph_tool.all as gt
g = gt.load_graph(sys.argv[1], fmt="graphml")
print(json.dumps({
    "vertices": g.num_vertices(), "edges": g.num_edges(), "directed": g.is_directed(),
    "ids": sorted(g.vp["citegraph_id"][v] for v in g.vertices()),
    "kinds": sorted({g.ep["kind"][e] for e in g.edges()}) if "kind" in g.ep else None,
}))
"""


def _has_graph_tool() -> bool:
    try:
        done = subprocess.run([DEBIAN_PYTHON, "-c", "import graph_tool"], capture_output=True,
                              check=False, timeout=120)  # fmt: skip
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0


if not _has_graph_tool():
    pytest.skip(f"graph-tool is absent for {DEBIAN_PYTHON}: apt-get install -y python3-graph-tool;"
                " .ci/run does", allow_module_level=True)  # fmt: skip

WOS_500 = SHARED / "real" / "wos" / "many-authors_500-records_metaknowledge.txt.xz"
SOURCES = {"listing": LISTING, "wos": DATA / "wos" / "savedrecs-optics-3.txt", "wos-500": WOS_500}
VIEWS = {"listing": ["all", "coauthors", "topics", "terms"],
         "wos": ["all", "coauthors", "coupling", "cocitation"],
         "wos-500": ["all", "coauthors", "citations", "cocitation"]}  # fmt: skip
NS = "{http://graphml.graphdrawing.org/xmlns}"


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> dict[str, Path]:
    return build_each(tmp_path_factory, SOURCES)


@pytest.mark.parametrize(("source", "view"), [(s, v) for s, vs in VIEWS.items() for v in vs])
def test_graph_tool_reads_every_graphml_whole(builds, tmp_path, source: str, view: str) -> None:
    if source not in builds:
        pytest.skip(f"{SOURCES[source]} is absent: the real exports live beside the clone")
    path = export(builds[source], view, "graphml", tmp_path / f"{view}.graphml")
    root = etree.parse(str(path)).getroot()
    graph = root.find(f"{NS}graph")
    keys = {
        k.get("attr.name"): k.get("id") for k in root.iter(f"{NS}key") if k.get("for") == "node"
    }
    ids = sorted(
        n.find(f"{NS}data[@key='{keys['citegraph_id']}']").text for n in graph.iter(f"{NS}node")
    )
    done = subprocess.run([DEBIAN_PYTHON, "-c", LOAD, str(path)], capture_output=True, text=True,
                          check=False, timeout=600)  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    read = json.loads(done.stdout)
    assert read["vertices"] == len(ids) and read["ids"] == ids
    assert read["edges"] == sum(1 for _ in graph.iter(f"{NS}edge"))
    assert read["directed"] == (graph.get("edgedefault") == "directed")
    assert read["kinds"] is None or all(read["kinds"])
