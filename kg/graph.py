"""Graph: the linked entities as a NetworkX multigraph, and ``graph.json``.

``graph.json`` is node-link JSON (networkx's format, ``edges="edges"``) and a data
contract documented in the README: keep it stable.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx

from kg.link import LinkedGraph
from kg.model import Mention

SCHEMA_VERSION = 1
_SORTED_UTF8 = json.JSONEncoder(ensure_ascii=False, sort_keys=True)
_SORTED_ASCII = json.JSONEncoder(sort_keys=True)


def _span(mention: Mention) -> dict[str, object]:
    return {"doc": mention.doc_id, "start": mention.start, "end": mention.end}


def to_networkx(linked: LinkedGraph) -> nx.MultiDiGraph:
    """Build the graph; node and edge attributes follow the ``graph.json`` contract."""
    graph = nx.MultiDiGraph(schema_version=SCHEMA_VERSION)
    for entity_id in sorted(linked.entities):
        entity = linked.entities[entity_id]
        attrs: dict[str, Any] = {
            "type": entity.label,
            "name": entity.name,
            "aliases": sorted(entity.aliases),
            "mentions": [_span(m) for m in entity.mentions],
        }
        for key, value in sorted(entity.attrs.items()):
            attrs[key] = value
        if entity.label == "place":
            attrs.setdefault("code", None)
            attrs["inferred"] = not entity.mentions
        graph.add_node(entity_id, **attrs)
    for relation in linked.relations:
        if relation.subject not in graph or relation.object not in graph:
            continue
        attrs = {
            "type": relation.predicate,
            "evidence": [_span(m) for m in relation.evidence],
        }
        attrs.update(relation.attrs)
        graph.add_edge(relation.subject, relation.object, **attrs)
    return graph


def to_node_link(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """The ``graph.json`` document: node-link data with sorted nodes and edges."""
    data = nx.node_link_data(graph, edges="edges")
    data["nodes"] = sorted(data["nodes"], key=lambda n: n["id"])
    tie_break = _SORTED_ASCII.encode  # one encoder, not one per edge (json.dumps)
    data["edges"] = sorted(
        data["edges"],
        key=lambda e: (e["source"], e["target"], e["type"], tie_break(e)),
    )
    for edge in data["edges"]:
        edge.pop("key", None)
    return data


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` via a temporary file, so no reader sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8", newline="\n")
    tmp.replace(path)


def write_node_link(graph: nx.MultiDiGraph, path: Path) -> None:
    """Write ``graph.json`` (UTF-8, sorted keys, Chinese kept readable)."""
    # Written piece by piece: the text of a large graph is hundreds of MB as one string.
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    with tmp.open("w", encoding="utf-8", newline="\n") as f:
        f.writelines(_node_link_pieces(to_node_link(graph)))
    tmp.replace(path)


def node_link_text(data: dict[str, Any]) -> str:
    """JSON text with one node or edge per line.

    Python's C encoder is used only without ``indent``; indenting a large graph took
    5× longer than encoding it. One record per line keeps the file readable and
    greppable, and diffs of two builds line up by node.

    Examples:
        >>> print(node_link_text({"nodes": [{"id": "a", "name": "梁平区"}], "edges": []}))
        {
        "edges": [],
        "nodes": [
        {"id": "a", "name": "梁平区"}
        ]
        }
        <BLANKLINE>
    """
    return "".join(_node_link_pieces(data))


def _node_link_pieces(data: dict[str, Any]) -> Iterator[str]:
    encode = _SORTED_UTF8.encode
    yield "{\n"
    for number, key in enumerate(sorted(data)):
        value = data[key]
        yield ",\n" if number else ""
        if isinstance(value, list) and value:
            yield f"{encode(key)}: [\n"
            for index, item in enumerate(value):
                yield (",\n" if index else "") + encode(item)
            yield "\n]"
        else:
            yield f"{encode(key)}: {encode(value)}"
    yield "\n}\n"


def read_node_link(path: Path) -> nx.MultiDiGraph:
    """Read a ``graph.json`` written by ``write_node_link``."""
    data = json.loads(path.read_text(encoding="utf-8"))
    graph: nx.MultiDiGraph = nx.node_link_graph(
        data, edges="edges", multigraph=True, directed=True
    )
    return graph
