"""Graph: the linked entities as a NetworkX multigraph, and ``graph.json``.

``graph.json`` is node-link JSON (networkx's format, ``edges="edges"``) and a data
contract documented in the README: keep it stable.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from itertools import chain, islice
from operator import itemgetter
from pathlib import Path
from typing import Any

import networkx as nx

from kg.files import atomic_output
from kg.link import LinkedGraph
from kg.model import Entity, Mention, Relation

SCHEMA_VERSION = 1
_SORTED_UTF8 = json.JSONEncoder(ensure_ascii=False, sort_keys=True)
_SORTED_ASCII = json.JSONEncoder(sort_keys=True)


# One record of graph.json. CPython's private ``json.encoder.c_make_encoder``, made
# once, wrote the bulk corpus's graph.json in 5.8-6.0 CPU s against 6.7-6.9 s for
# this (issue 22, ``bench/private_api_bench.py json`` at 59a214d, the same bytes):
# under 1 s of a build of about a minute, so the public encoder is used.
_encode_record = _SORTED_UTF8.encode


def to_networkx(linked: LinkedGraph, *, consume: bool = False) -> nx.MultiDiGraph:
    """Build the graph; node and edge attributes follow the ``graph.json`` contract.

    ``consume``: empty ``linked`` while building, so that the linked entities and the
    graph are not both whole in memory at once (the build's peak on large corpora).
    """
    entities = linked.entities
    graph = nx.MultiDiGraph(schema_version=SCHEMA_VERSION)
    take = entities.pop if consume else entities.__getitem__
    _add_nodes(
        graph,
        ((entity_id, _node_attrs(take(entity_id))) for entity_id in sorted(entities)),
    )
    relations = linked.relations
    if consume:
        relations.reverse()  # popped from the end, so taken in their order

    def taken() -> Iterator[Relation]:
        if not consume:
            yield from relations
            return
        while relations:
            yield relations.pop()

    _add_edges(graph, map(_edge, taken()))
    return graph


def _node_attrs(entity: Entity) -> dict[str, Any]:
    mentions = entity.mentions
    if len(mentions) == 1:  # most nodes (metrics, articles): no list to walk
        m = mentions[0]
        spans = [{"doc": m.doc_id, "start": m.start, "end": m.end, "rule": m.rule}]
    else:
        spans = _spans(mentions)
    aliases = entity.aliases
    attrs: dict[str, Any] = {
        "type": entity.label,
        "name": entity.name,
        "aliases": sorted(aliases) if aliases else [],
        "mentions": spans,
    }
    if entity.attrs:
        attrs.update(sorted(entity.attrs.items()))
    if entity.label == "place":
        attrs.setdefault("code", None)
        attrs["inferred"] = not mentions
    return attrs


def _edge(relation: Relation) -> tuple[str, str, dict[str, Any]]:
    """(source, target, attributes) of the edge of ``relation``."""
    evidence = relation.evidence
    if len(evidence) == 1:  # most edges
        m = evidence[0]
        spans = [{"doc": m.doc_id, "start": m.start, "end": m.end, "rule": m.rule}]
    else:
        spans = _spans(evidence)
    attrs = {"type": relation.predicate, "evidence": spans}
    if relation.attrs:
        attrs.update(relation.attrs)
    return relation.subject, relation.object, attrs


def _spans(mentions: Iterable[Mention]) -> list[dict[str, Any]]:
    # One comprehension, no call per mention: a large graph has a million spans.
    return [
        {"doc": m.doc_id, "start": m.start, "end": m.end, "rule": m.rule}
        for m in mentions
    ]


def _add_nodes(
    graph: nx.MultiDiGraph, nodes: Iterable[tuple[str, dict[str, Any]]]
) -> None:
    """``graph.add_node(node, **attrs)`` for each new node, without its per-call work
    (a keyword dict, a copy of it, a cache check): the attribute dict is the node's.
    The graph's dicts are written as networkx's own methods write them (its
    documented dict-of-dicts structure); ``tests/test_graph_fast.py`` checks the
    result equals the methods'."""
    node_dict, succ, pred = graph._node, graph._succ, graph._pred
    for node, attrs in nodes:
        if node in node_dict:  # not made by to_networkx: the general way
            graph.add_node(node, **attrs)
            continue
        node_dict[node] = attrs
        succ[node] = {}
        pred[node] = {}
    nx._clear_cache(graph)


def _add_edges(
    graph: nx.MultiDiGraph, edges: Iterable[tuple[str, str, dict[str, Any]]]
) -> None:
    """``graph.add_edge(source, target, **attrs)`` for each edge between two nodes of
    the graph (others are left out), without its per-call work; the key is the next
    free one, as ``new_edge_key`` gives it in a graph edges are only added to."""
    succ, pred = graph._succ, graph._pred
    for source, target, attrs in edges:
        targets = succ.get(source)
        if targets is None or target not in succ:
            continue
        keyed = targets.get(target)
        if keyed is None:
            # One dict of keys shared by both directions, as in add_edge.
            targets[target] = pred[target][source] = {0: attrs}
            continue
        key = len(keyed)
        while key in keyed:
            key += 1
        keyed[key] = attrs
    nx._clear_cache(graph)


def count_edges(graph: nx.MultiDiGraph) -> int:
    """``graph.number_of_edges()`` of a multigraph, counted from its adjacency dicts:
    networkx sums every node's degree instead (0.12 s against 0.02 s on a quarter
    of the bulk corpus's graph, at the very end of a build)."""
    successors = graph._succ.values()
    return sum(map(len, chain.from_iterable(n.values() for n in successors)))


def to_node_link(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """The ``graph.json`` document: node-link data with sorted nodes and edges.

    The same as ``nx.node_link_data(graph, edges="edges")`` with the nodes sorted by
    id, the edges by (source, target, type, JSON text) and no edge ``key``.
    """
    return {
        "directed": graph.is_directed(),
        "multigraph": graph.is_multigraph(),
        "graph": graph.graph,
        "nodes": list(_node_records(graph)),
        "edges": list(_edge_records(graph)),
    }


def _node_records(graph: nx.MultiDiGraph) -> Iterator[dict[str, Any]]:
    """Node records by id, each made when it is asked for (the writer encodes and
    drops it: a large graph's records were 170 MB at once)."""
    for node, attrs in sorted(graph.nodes(data=True), key=itemgetter(0)):
        yield {**attrs, "id": node}


def _edge_records(graph: nx.MultiDiGraph) -> Iterator[dict[str, Any]]:
    """Edge records by (source, target, type), ties by their JSON text with the key
    (what sorting ``node_link_data``'s records, key included, gave); each made when
    it is asked for.

    Edges are sorted as (source, target, type) keys, not records; the JSON (with the
    evidence, long) and the key are made only for edges that tie on the rest.
    """
    edges = list(_edges(graph))
    keys = [(source, target, data["type"]) for source, target, _, data in edges]
    order = sorted(range(len(edges)), key=keys.__getitem__)
    multigraph = graph.is_multigraph()
    count = len(order)
    start = 0
    while start < count:
        index = order[start]
        first = keys[index]
        stop = start + 1
        while stop < count and keys[order[stop]] == first:
            stop += 1
        if stop == start + 1:  # most edges: no tie, no key to add
            source, target, _, data = edges[index]
            record = {**data, "source": source, "target": target}
            if "key" in data:  # an attribute named "key" is dropped with the key
                del record["key"]
            yield record
        else:
            run = [_edge_record(edges[i], multigraph) for i in order[start:stop]]
            run.sort(key=_SORTED_ASCII.encode)
            for record in run:
                record.pop("key", None)
                yield record
        start = stop


def _edges(graph: nx.MultiDiGraph) -> Iterator[tuple[Any, Any, Any, dict[str, Any]]]:
    """(source, target, key, data) in ``graph.edges``' order (key None in a simple
    graph), from the adjacency: the edge views make each tuple through two more calls."""
    if graph.is_multigraph():
        return (
            (source, target, key, data)
            for source, targets in graph._adj.items()
            for target, keyed in targets.items()
            for key, data in keyed.items()
        )
    return (
        (source, target, None, data)
        for source, targets in graph._adj.items()
        for target, data in targets.items()
    )


def _edge_record(
    edge: tuple[Any, Any, Any, dict[str, Any]], multigraph: bool
) -> dict[str, Any]:
    """The record ``node_link_data`` makes of an edge (``key`` still in it)."""
    source, target, key, data = edge
    if multigraph:
        return {**data, "source": source, "target": target, "key": key}
    return {**data, "source": source, "target": target}


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` via a temporary file, so no reader sees half a file."""
    with atomic_output(path) as tmp:
        tmp.write_text(text, encoding="utf-8", newline="\n")


def write_node_link(graph: nx.MultiDiGraph, path: Path) -> None:
    """Write ``graph.json`` (UTF-8, sorted keys, Chinese kept readable): the text of
    ``node_link_text(to_node_link(graph))``."""
    # Streamed: the records of a large graph are made, encoded and dropped a batch at
    # a time (all of them, or the whole text, are hundreds of MB at once); UTF-8 is
    # encoded per batch, which costs less than a text file's work per write.
    encode = _SORTED_UTF8.encode
    with atomic_output(path) as tmp, tmp.open("wb") as f:
        f.write(f"{{\n{encode('directed')}: {encode(graph.is_directed())},\n".encode())
        _write_records(f, "edges", _edge_records(graph))
        f.write(f",\n{encode('graph')}: {encode(graph.graph)}".encode())
        multigraph = encode(graph.is_multigraph())
        f.write(f",\n{encode('multigraph')}: {multigraph},\n".encode())
        _write_records(f, "nodes", _node_records(graph))
        f.write(b"\n}\n")


def _write_records(f: Any, key: str, records: Iterator[dict[str, Any]]) -> None:
    """``"key": [`` the records, one a line ``]``, a batch of them at a time."""
    opening = f"{_SORTED_UTF8.encode(key)}: ["
    separator = opening + "\n"
    while batch := list(islice(records, _BATCH)):
        f.write((separator + ",\n".join(map(_encode_record, batch))).encode())
        separator = ",\n"
    f.write(b"\n]" if separator == ",\n" else f"{opening}]".encode())


_BATCH = 2048  # records per write: ~0.5 MB of text


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
    """The text of ``data`` in pieces: one per record of a list (or of an iterator,
    made as it is encoded)."""
    encode, record = _SORTED_UTF8.encode, _encode_record
    yield "{\n"
    for number, key in enumerate(sorted(data)):
        value = data[key]
        yield ",\n" if number else ""
        if isinstance(value, (list, Iterator)):
            opened = False
            for item in value:
                text = record(item) if type(item) is dict else encode(item)
                yield (",\n" if opened else f"{encode(key)}: [\n") + text
                opened = True
            yield "\n]" if opened else f"{encode(key)}: []"
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
