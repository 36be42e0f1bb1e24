"""kg export: each file read back by the library its users use, compared with graph.json."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph

from kg.cli import cli
from kg.errors import InputError
from kg.export import export_graph
from kg.graph import read_node_link, to_node_link


@pytest.fixture(scope="module")
def out(built_seeds: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the build, so exports do not touch the shared one."""
    folder = tmp_path_factory.mktemp("export")
    for name in ("graph.json", "graph.trig", "graph.ttl"):
        shutil.copy(built_seeds / name, folder / name)
    return folder


@pytest.fixture(scope="module")
def graph(out: Path) -> nx.MultiDiGraph:
    return read_node_link(out / "graph.json")


def _edge_multiset(g: nx.MultiDiGraph) -> list[tuple[str, str, str]]:
    # GEXF keeps kg's edge type as "relation" ("type" is GEXF's own); both as "label"
    return sorted(
        (s, t, a.get("relation", a["label"] if "label" in a else a["type"]))
        for s, t, a in g.edges(data=True)
    )


@pytest.mark.parametrize(
    "fmt, reader", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)]
)
def test_export_graphml_and_gexf_round_trip_with_networkx(
    out: Path, graph: nx.MultiDiGraph, fmt: str, reader
) -> None:
    (path,) = export_graph(fmt, out)
    back = reader(path)
    assert set(back.nodes) == set(graph.nodes)
    assert _edge_multiset(back) == _edge_multiset(graph)
    for node_id, attrs in graph.nodes(data=True):
        got = back.nodes[node_id]
        assert got["name"] == attrs["name"] and got["label"] == attrs["name"]
        assert got["type"] == attrs["type"]
        assert json.loads(got["mentions"]) == attrs["mentions"]
        if attrs.get("code"):
            assert str(got["code"]) == attrs["code"]
        if attrs["type"] == "metric":
            assert str(got["value"]) == attrs["value"]
    titles = sorted(
        str(a.get("title"))
        for *_, a in back.edges(data=True)
        if a["label"] == "holds_post"
    )
    assert titles == sorted(
        str(a.get("title"))
        for *_, a in graph.edges(data=True)
        if a["type"] == "holds_post"
    )


def test_export_gexf_and_graphml_are_deterministic(out: Path, tmp_path: Path) -> None:
    for fmt in ("gexf", "graphml"):
        (first,) = export_graph(fmt, out, tmp_path / f"a.{fmt}")
        (second,) = export_graph(fmt, out, tmp_path / f"b.{fmt}")
        assert first.read_bytes() == second.read_bytes()


def test_export_csv_tables_hold_every_node_and_edge(
    out: Path, graph: nx.MultiDiGraph
) -> None:
    nodes_path, edges_path = export_graph("csv", out)
    # A byte-order mark: Chinese Excel opens the files as UTF-8, not GBK.
    assert nodes_path.read_bytes()[:3] == edges_path.read_bytes()[:3] == b"\xef\xbb\xbf"
    with nodes_path.open(encoding="utf-8-sig") as f:
        nodes = {row["id"]: row for row in csv.DictReader(f)}
    with edges_path.open(encoding="utf-8-sig") as f:
        edges = list(csv.DictReader(f))
    assert set(nodes) == set(graph.nodes)
    for node_id, attrs in graph.nodes(data=True):
        assert nodes[node_id]["name"] == attrs["name"]
        assert json.loads(nodes[node_id]["aliases"]) == attrs["aliases"]
    assert sorted(
        (e["source"], e["target"], e["type"]) for e in edges
    ) == _edge_multiset(graph)


def test_export_neo4j_import_headers(out: Path, graph: nx.MultiDiGraph) -> None:
    nodes_path, edges_path = export_graph("neo4j", out)
    with nodes_path.open(encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        rows = list(reader)
    assert header[:2] == ["id:ID", ":LABEL"] and "approx:boolean" in header
    assert {r[1] for r in rows} == {
        t.capitalize() for t in nx.get_node_attributes(graph, "type").values()
    }
    with edges_path.open(encoding="utf-8") as f:
        edge_header = next(csv.reader(f))
    assert edge_header[:3] == [":START_ID", ":END_ID", ":TYPE"]
    assert len(rows) == graph.number_of_nodes()
    # Lists as string[] (neo4j-admin's default array delimiter ';'), numbers typed.
    for typed in ("aliases:string[]", "value:double", "year:int", "chars:int"):
        assert typed in header
    column = header.index("aliases:string[]")
    for row in rows:
        aliases = graph.nodes[row[0]]["aliases"]
        assert (row[column].split(";") if row[column] else []) == aliases


def test_export_node_link_json_is_graph_json(
    out: Path, graph: nx.MultiDiGraph, tmp_path: Path
) -> None:
    (path,) = export_graph("json", out, tmp_path / "nl.json")
    assert json.loads(path.read_text(encoding="utf-8")) == to_node_link(graph)


@pytest.mark.parametrize(
    "fmt, rdflib_format, dataset",
    [
        ("turtle", "turtle", False),
        ("ntriples", "nt", False),
        ("rdfxml", "xml", False),
        ("trig", "trig", True),
        ("nquads", "nquads", True),
        ("jsonld", "json-ld", True),
    ],
)
def test_export_rdf_files_read_back_with_rdflib(
    out: Path, tmp_path: Path, fmt: str, rdflib_format: str, dataset: bool
) -> None:
    reference = Graph().parse(out / "graph.ttl")
    (path,) = export_graph(fmt, out, tmp_path / f"g.{fmt}")
    if dataset:
        back = Dataset()
        back.parse(path, format=rdflib_format)
        triples = {(s, p, o) for s, p, o, _ in back.quads((None, None, None, None))}
    else:
        triples = set(Graph().parse(path, format=rdflib_format))
    assert triples == set(reference)


def test_export_missing_build_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="run kg build first"):
        export_graph("graphml", tmp_path)
    result = CliRunner().invoke(cli, ["export", "-f", "gexf", "-g", str(tmp_path)])
    assert result.exit_code == 1 and "run kg build first" in result.output


def test_cli_export_writes_where_asked(out: Path, tmp_path: Path) -> None:
    target = tmp_path / "kg.graphml"
    result = CliRunner().invoke(
        cli, ["export", "-f", "graphml", "-g", str(out), "-o", str(target)]
    )
    assert result.exit_code == 0 and target.stat().st_size > 1000
    assert str(target) in result.output


def test_cli_new_commands_have_help_with_an_example() -> None:
    for command in ("query", "export", "serve", "validate"):
        result = CliRunner().invoke(cli, [command, "--help"])
        assert result.exit_code == 0 and "Example:" in result.output, command


def test_cli_validate_passes_the_build_and_fails_a_broken_file(
    out: Path, tmp_path: Path
) -> None:
    good = CliRunner().invoke(cli, ["validate", str(out)])
    assert good.exit_code == 0 and "conforms" in good.output
    broken = tmp_path / "broken.ttl"
    broken.write_text(
        "@prefix schema: <https://schema.org/> .\n"
        "<https://w3id.org/kg-gov/id/place/1> a schema:Place .\n",
        encoding="utf-8",
    )
    bad = CliRunner().invoke(cli, ["validate", str(broken)])
    assert bad.exit_code == 1 and "Constraint Violation" in bad.output
    missing = CliRunner().invoke(cli, ["validate", str(tmp_path / "nothing")])
    assert missing.exit_code == 1 and "run kg build first" in missing.output
