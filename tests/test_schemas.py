"""Every GraphML export validates against GraphML 1.0 and every GEXF against GEXF 1.3,
with NMTOKEN ids, unique edge ids and citegraph's own id in a data key (issue #17, point 1).
The XSDs are the official ones, copied into tests/schemas/."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from graph.graphml import nmtoken
from graph.networks import NETWORK_NAMES
from tests.conftest import DATA, LISTING, SCHEMAS, build_each, export

GRAPHML = etree.XMLSchema(etree.parse(str(SCHEMAS / "graphml10" / "graphml.xsd")))
GEXF = etree.XMLSchema(etree.parse(str(SCHEMAS / "gexf13" / "gexf.xsd")))
NS = "{http://graphml.graphdrawing.org/xmlns}"
SOURCES = {"listing": LISTING, "wos": DATA / "wos" / "savedrecs-optics-3.txt"}
CITED = ("citations", "coupling", "cocitation")  # the listing cites nothing: no such networks
CASES = [(s, v) for s in sorted(SOURCES) for v in NETWORK_NAMES if s == "wos" or v not in CITED]


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> dict[str, Path]:
    return build_each(tmp_path_factory, SOURCES)


def _export(build: Path, view: str, to: str, tmp_path: Path) -> Path:
    return export(build, view, to, tmp_path / f"{view}.{to}")


def _errors(schema: etree.XMLSchema, path: Path) -> list[str]:
    schema.validate(etree.parse(str(path)))
    return sorted({e.message for e in schema.error_log})[:3]


@pytest.mark.parametrize(("source", "view"), CASES)
def test_every_graphml_view_validates(builds, tmp_path, source: str, view: str) -> None:
    path = _export(builds[source], view, "graphml", tmp_path)
    assert _errors(GRAPHML, path) == []
    root = etree.parse(str(path)).getroot()
    edge_ids = [e.get("id") for e in root.iter(f"{NS}edge")]
    assert len(edge_ids) == len(set(edge_ids)) and None not in edge_ids
    keys = {
        k.get("attr.name"): k.get("id") for k in root.iter(f"{NS}key") if k.get("for") == "node"
    }
    for node in root.iter(f"{NS}node"):
        own = node.find(f"{NS}data[@key='{keys['citegraph_id']}']").text
        assert node.get("id") == nmtoken_of(own)


@pytest.mark.parametrize(("source", "view"), CASES)
def test_every_gexf_view_validates(builds, tmp_path, source: str, view: str) -> None:
    assert _errors(GEXF, _export(builds[source], view, "gexf", tmp_path)) == []


def test_the_build_graphml_files_validate(builds) -> None:
    for folder in builds.values():
        for name in ("graph.graphml", "terms.graphml"):
            assert _errors(GRAPHML, folder / name) == [], name


def nmtoken_of(text: str) -> str:
    import pyarrow as pa

    return str(nmtoken(pa.array([text]))[0])


def test_nmtoken_keeps_ids_apart_and_is_undone() -> None:
    import re

    import pyarrow as pa

    ids = ["author:name:aarsvold|jn", "a_x007C_b", "a|b", "ref:(1999) J. Phys?", "é"]
    encoded = nmtoken(pa.array(ids)).to_pylist()
    assert len(set(encoded)) == len(ids)
    assert all(re.fullmatch(r"[A-Za-z0-9._:-]+", e) for e in encoded)
    undone = [re.sub(r"_x([0-9A-F]{4,6})_", lambda m: chr(int(m[1], 16)), e) for e in encoded]
    assert undone == ids
