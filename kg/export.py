"""``kg export``: the built graph in the files other tools open.

Network formats (from ``graph.json``): GraphML (Gephi, yEd), GEXF (Gephi), node-link
JSON, CSV (``nodes.csv`` + ``edges.csv``), Neo4j (``neo4j-admin database import``
CSVs) and the diffusion table (``diffusion.csv``, see ``kg.diffusion``). GraphML and
GEXF hold only scalar attributes, so lists and provenance are written as JSON strings
(``mentions``, ``evidence``, ``aliases``) and a missing value is left out rather than
written as ``None``.

RDF formats (from ``graph.trig``, which keeps sentences and document graphs, or else
from ``graph.json``): Turtle, TriG, N-Quads, N-Triples, JSON-LD and RDF/XML.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import networkx as nx
import pyoxigraph as ox

from kg.errors import InputError, OutputError
from kg.graph import read_node_link, to_node_link, write_atomic
from kg.outputs import BUILD_NAMES, OutputSet, checked_set, is_build_output
from kg.rdf import FORMATS as RDF_FORMATS
from kg.rdf import file_name, serialize, to_quads, write_bytes_atomic

NETWORK_FORMATS = ("graphml", "gexf", "json", "csv", "neo4j", "diffusion")
EXPORT_FORMATS = NETWORK_FORMATS + tuple(RDF_FORMATS)


def _scalar(value: Any) -> str | int | float | bool | None:
    """A value GraphML/GEXF can hold: lists and dicts become JSON strings."""
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def to_flat_graph(
    graph: nx.MultiDiGraph, *, edge_type_key: str = "type"
) -> nx.MultiDiGraph:
    """A copy with only scalar attributes, for GraphML and GEXF.

    GEXF reserves an edge's ``type`` for directed/undirected, so there the relation
    goes under ``edge_type_key="relation"`` (and, as everywhere, ``label``).

    Examples:
        >>> g = nx.MultiDiGraph()
        >>> g.add_node("place:1", type="place", code=None, aliases=["a"])
        >>> dict(to_flat_graph(g).nodes["place:1"])
        {'aliases': '["a"]', 'type': 'place', 'label': ''}
    """
    flat = nx.MultiDiGraph()
    for node_id, attrs in sorted(graph.nodes(data=True)):
        values = {k: _scalar(v) for k, v in sorted(attrs.items())}
        # Gephi and yEd show "label"; keep the name there.
        values["label"] = str(attrs.get("name", ""))
        flat.add_node(node_id, **{k: v for k, v in values.items() if v is not None})
    for source, target, attrs in _sorted_edges(graph):
        values = {k: _scalar(v) for k, v in sorted(attrs.items())}
        values[edge_type_key] = values.pop("type")
        values["label"] = str(attrs["type"])
        flat.add_edge(
            source, target, **{k: v for k, v in values.items() if v is not None}
        )
    return flat


def _sorted_edges(graph: nx.MultiDiGraph) -> list[tuple[str, str, dict[str, Any]]]:
    return sorted(
        graph.edges(data=True),
        key=lambda e: (e[0], e[1], e[2]["type"], json.dumps(e[2], sort_keys=True)),
    )


def _csv_text(header: list[str], rows: list[list[object]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def _cell(value: Any) -> object:
    scalar = _scalar(value)
    return "" if scalar is None else scalar


def _keys(items: list[Mapping[str, Any]], first: list[str]) -> list[str]:
    rest = sorted({k for item in items for k in item} - set(first))
    return first + rest


def to_csv_tables(graph: nx.MultiDiGraph) -> tuple[str, str]:
    """``nodes.csv`` and ``edges.csv``: one column per attribute, lists as JSON."""
    nodes = [{"id": n, **a} for n, a in sorted(graph.nodes(data=True))]
    edges = [{"source": s, "target": t, **a} for s, t, a in _sorted_edges(graph)]
    node_keys = _keys(nodes, ["id", "type", "name"])
    edge_keys = _keys(edges, ["source", "target", "type"])
    return (
        _csv_text(node_keys, [[_cell(n.get(k)) for k in node_keys] for n in nodes]),
        _csv_text(edge_keys, [[_cell(e.get(k)) for k in edge_keys] for e in edges]),
    )


# neo4j-admin's column types of kg's typed attributes (``value`` is an exact decimal
# in graph.json; Neo4j has no decimal type, so it is imported as a double).
NEO4J_TYPES = {
    "approx": "boolean",
    "inferred": "boolean",
    "former": "boolean",
    "chars": "int",
    "pages": "int",
    "year": "int",
    "value": "double",
    "date": "date",
}
# neo4j-admin's default --array-delimiter. An ASCII ';' inside a name (rare in
# Chinese text, which writes '；') is written as '；' so that it splits nothing.
NEO4J_ARRAY_DELIMITER = ";"


def to_neo4j_tables(graph: nx.MultiDiGraph) -> tuple[str, str]:
    """CSVs for ``neo4j-admin database import full``: ``:ID``, ``:LABEL``, ``:TYPE``.

    Each node gets its kg type as label (``Place``, ``Person`` …); each edge its type in
    upper case (``PART_OF``). Lists of names (``aliases``, ``components``) are
    ``string[]`` columns joined by the default array delimiter ``;``; numbers,
    booleans and dates are typed columns (``NEO4J_TYPES``); provenance (``mentions``,
    ``evidence``) stays a JSON string.

    Examples:
        >>> g = nx.MultiDiGraph()
        >>> g.add_node("m", type="metric", value="34800", year=2023, aliases=["a;b", "c"])
        >>> print(to_neo4j_tables(g)[0], end="")
        id:ID,:LABEL,aliases:string[],value:double,year:int
        m,Metric,a；b;c,34800,2023
    """
    nodes = [{"id": n, **a} for n, a in sorted(graph.nodes(data=True))]
    edges = [{"source": s, "target": t, **a} for s, t, a in _sorted_edges(graph)]
    node_keys = _keys(nodes, ["id", "type"])[2:]
    edge_keys = _keys(edges, ["source", "target", "type"])[3:]
    node_types = _neo4j_types(nodes, node_keys)
    edge_types = _neo4j_types(edges, edge_keys)
    node_rows = [
        [
            n["id"],
            str(n["type"]).capitalize(),
            *(_neo4j_cell(n.get(k), node_types.get(k)) for k in node_keys),
        ]
        for n in nodes
    ]
    edge_rows = [
        [
            e["source"],
            e["target"],
            str(e["type"]).upper(),
            *(_neo4j_cell(e.get(k), edge_types.get(k)) for k in edge_keys),
        ]
        for e in edges
    ]
    return (
        _csv_text(
            ["id:ID", ":LABEL", *(_typed(k, node_types) for k in node_keys)],
            node_rows,
        ),
        _csv_text(
            [
                ":START_ID",
                ":END_ID",
                ":TYPE",
                *(_typed(k, edge_types) for k in edge_keys),
            ],
            edge_rows,
        ),
    )


def _neo4j_types(items: Sequence[Mapping[str, Any]], keys: list[str]) -> dict[str, str]:
    """Each typed column's type: ``NEO4J_TYPES``, and ``string[]`` for a key whose
    values are all lists of strings."""
    types = {k: NEO4J_TYPES[k] for k in keys if k in NEO4J_TYPES}
    for key in keys:
        values = [item[key] for item in items if item.get(key) is not None]
        if (
            key not in types
            and values
            and all(
                isinstance(v, list) and all(isinstance(x, str) for x in v)
                for v in values
            )
        ):
            types[key] = "string[]"
    return types


def _neo4j_cell(value: Any, kind: str | None) -> object:
    if kind == "string[]" and isinstance(value, list):
        return NEO4J_ARRAY_DELIMITER.join(v.replace(";", "；") for v in value)
    return _cell(value)


def _typed(key: str, types: Mapping[str, str]) -> str:
    """A neo4j-admin header: ``approx:boolean``; untyped columns are strings."""
    return f"{key}:{types[key]}" if key in types else key


def _undated(text: str) -> str:
    """networkx's GEXF writer stamps today's date: drop it so output is reproducible."""
    return re.sub(r' lastmodifieddate="[^"]*"', "", text, count=1)


def export_graph(fmt: str, graph_dir: Path, out: Path | None = None) -> list[Path]:
    """Write the graph built in ``graph_dir`` as ``fmt``; return the files written.

    Args:
        fmt: one of ``EXPORT_FORMATS``.
        graph_dir: a ``kg build`` output folder.
        out: the file (or, for csv and neo4j, the folder) to write; defaults to
            ``graph_dir/graph.<ext>`` (``graph_dir/csv``, ``graph_dir/neo4j``), or
            ``graph.export.<ext>`` where that is a name ``kg build`` writes
            (graph.json, graph.ttl, graph.trig): an export never writes over a
            build's output.

    Raises:
        InputError: ``graph.json`` is missing or ``fmt`` is unknown.
        OutputError: ``out`` is a build's output, or ``graph_dir`` does not hold
            one build's files (``kg.outputs``).
    """
    if fmt not in EXPORT_FORMATS:
        raise InputError(
            f"unknown export format {fmt!r}; known: {', '.join(EXPORT_FORMATS)}"
        )
    if out is not None and is_build_output(out):
        raise OutputError(
            f"{out}: an output of kg build; kg export does not write over it "
            "(choose another -o)"
        )
    outputs = checked_set(graph_dir)
    source = graph_dir / "graph.json"
    if fmt in RDF_FORMATS:
        return [_export_rdf(fmt, graph_dir, out, outputs)]
    if not source.is_file() or (
        outputs is not None and source.name not in outputs.files
    ):
        raise InputError(f"{source}: no such file; run kg build first")
    graph = read_node_link(source)
    if outputs is not None:
        outputs.confirm()
    if fmt in ("csv", "neo4j"):
        folder = out or graph_dir / fmt
        tables = to_csv_tables(graph) if fmt == "csv" else to_neo4j_tables(graph)
        # A byte-order mark, so that Excel (Chinese Windows expects GBK) opens the
        # CSVs as UTF-8; pandas skips it, Python's csv module wants "utf-8-sig".
        # neo4j-admin's files go without.
        mark = "\ufeff" if fmt == "csv" else ""
        paths = [folder / "nodes.csv", folder / "edges.csv"]
        for path, text in zip(paths, tables, strict=True):
            write_atomic(path, mark + text)
        return paths
    if fmt == "diffusion":
        from kg.diffusion import to_diffusion_csv

        path = out or graph_dir / "diffusion.csv"
        write_atomic(path, to_diffusion_csv(graph))
        return [path]
    path = out or default_path(graph_dir, f"graph.{fmt}")
    if fmt == "json":
        text = json.dumps(
            to_node_link(graph), ensure_ascii=False, sort_keys=True, indent=1
        )
    elif fmt == "graphml":
        text = "\n".join(nx.generate_graphml(to_flat_graph(graph)))
    else:  # gexf
        flat = to_flat_graph(graph, edge_type_key="relation")
        text = _undated("\n".join(nx.generate_gexf(flat)))
    write_atomic(path, text + "\n")
    return [path]


def _export_rdf(
    fmt: str, graph_dir: Path, out: Path | None, outputs: OutputSet | None
) -> Path:
    """Re-serialise graph.trig (sentences, document graphs), else graph.json (of
    those the build wrote, ``outputs``, in a folder with a manifest)."""

    def built(name: str) -> bool:
        listed = outputs is None or name in outputs.files
        return listed and (graph_dir / name).is_file()

    trig = graph_dir / "graph.trig"
    if built(trig.name):
        try:
            quads = list(ox.parse(path=trig, format=ox.RdfFormat.TRIG))
        except (SyntaxError, OSError) as e:
            raise InputError(f"{trig}: cannot read: {e}") from e
    elif built("graph.json"):
        quads = to_quads(read_node_link(graph_dir / "graph.json"))
    else:
        raise InputError(
            f"{graph_dir}: no graph.trig or graph.json; run kg build first"
        )
    if outputs is not None:
        outputs.confirm()
    path = out or default_path(graph_dir, file_name(fmt))
    write_bytes_atomic(path, serialize(quads, fmt))
    return path


def default_path(graph_dir: Path, name: str) -> Path:
    """Where an export goes without ``-o``: ``name``, unless a build writes files
    of that name (graph.json, graph.ttl, graph.trig): then ``graph.export.<ext>``.

    Examples:
        >>> default_path(Path("out"), "graph.ttl").as_posix()
        'out/graph.export.ttl'
        >>> default_path(Path("out"), "graph.graphml").as_posix()
        'out/graph.graphml'
    """
    if name in BUILD_NAMES:
        stem, _, ext = name.rpartition(".")
        name = f"{stem}.export.{ext}"
    return graph_dir / name
