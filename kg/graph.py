"""Graph: the linked entities as a NetworkX multigraph, and ``graph.json``.

``graph.json`` is node-link JSON (networkx's format, ``edges="edges"``) and a data
contract documented in the README: keep it stable.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import networkx as nx

from kg.link import LinkedGraph
from kg.memory import paused_gc
from kg.model import Mention, Relation

SCHEMA_VERSION = 1
_SORTED_UTF8 = json.JSONEncoder(ensure_ascii=False, sort_keys=True)
_SORTED_ASCII = json.JSONEncoder(sort_keys=True)


def _record_encoder() -> Callable[[Any], str]:
    """``_SORTED_UTF8.encode`` for one record, made once: ``encode`` builds a new
    C encoder on every call, which costs as much as encoding a small node. Without
    the circular-reference check (a graph's attributes are plain JSON data); the
    text is the same."""
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None:  # no C accelerator: the usual way
        return _SORTED_UTF8.encode
    encoder = make(
        None,  # markers: no circular check
        _SORTED_UTF8.default,
        json.encoder.encode_basestring,  # type: ignore[attr-defined]
        None,  # indent
        _SORTED_UTF8.key_separator,
        _SORTED_UTF8.item_separator,
        True,  # sort_keys
        False,  # skipkeys
        True,  # allow_nan
    )
    return lambda record: "".join(encoder(record, 0))


_encode_record = _record_encoder()


def _span(mention: Mention) -> dict[str, object]:
    return {"doc": mention.doc_id, "start": mention.start, "end": mention.end}


def to_networkx(linked: LinkedGraph, *, consume: bool = False) -> nx.MultiDiGraph:
    """Build the graph; node and edge attributes follow the ``graph.json`` contract.

    ``consume``: empty ``linked`` while building, so that the linked entities and the
    graph are not both whole in memory at once (the build's peak on large corpora).
    """
    graph = nx.MultiDiGraph(schema_version=SCHEMA_VERSION)
    for entity_id in sorted(linked.entities):
        entity = (
            linked.entities.pop(entity_id) if consume else linked.entities[entity_id]
        )
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
    relations = linked.relations
    if consume:
        relations.reverse()  # popped from the end, so taken in their order

    def taken() -> Iterator[Relation]:
        if not consume:
            yield from relations
            return
        while relations:
            yield relations.pop()

    for relation in taken():
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
    data["edges"] = _sorted_edges(data["edges"])
    for edge in data["edges"]:
        edge.pop("key", None)
    return data


def _sorted_edges(edges: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Edges by (source, target, type, JSON text). The JSON (with the evidence,
    long) is made only for edges that tie on the rest: sorting by the first three,
    then each run of ties by JSON, gives the same stable order."""
    edges = sorted(edges, key=lambda e: (e["source"], e["target"], e["type"]))
    start = 0
    while start < len(edges):
        first = edges[start]
        stop = start + 1
        while (
            stop < len(edges)
            and edges[stop]["source"] == first["source"]
            and edges[stop]["target"] == first["target"]
            and edges[stop]["type"] == first["type"]
        ):
            stop += 1
        if stop - start > 1:
            edges[start:stop] = sorted(edges[start:stop], key=_SORTED_ASCII.encode)
        start = stop
    return edges


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
    with paused_gc(), tmp.open("w", encoding="utf-8", newline="\n") as f:
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
            record = _encode_record
            for index, item in enumerate(value):
                text = record(item) if type(item) is dict else encode(item)
                yield (",\n" if index else "") + text
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
