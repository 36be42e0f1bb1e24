"""The shortcuts of ``kg.graph`` equal the plain computations they replace.

``to_networkx`` fills networkx's dicts itself instead of calling ``add_node`` and
``add_edge``; ``to_node_link`` and ``write_node_link`` make the records themselves
instead of taking ``nx.node_link_data``'s and sorting them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from networkx.utils import graphs_equal

from kg.graph import (
    SCHEMA_VERSION,
    count_edges,
    node_link_text,
    to_networkx,
    to_node_link,
    write_node_link,
)
from kg.link import LinkedGraph, link
from kg.model import Document, Entity, Mention, Relation

# Run with --perf (CI does): fast paths against the slow paths they replace; tests/test_golden.py pins the outputs.
pytestmark = pytest.mark.perf


def _plain_networkx(linked: LinkedGraph) -> nx.MultiDiGraph:
    """The conversion through networkx's methods (what ``to_networkx`` did)."""
    graph = nx.MultiDiGraph(schema_version=SCHEMA_VERSION)
    for entity_id in sorted(linked.entities):
        entity = linked.entities[entity_id]
        attrs: dict[str, Any] = {
            "type": entity.label,
            "name": entity.name,
            "aliases": sorted(entity.aliases),
            "mentions": [
                {"doc": m.doc_id, "start": m.start, "end": m.end, "rule": m.rule}
                for m in entity.mentions
            ],
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
            "evidence": [
                {"doc": m.doc_id, "start": m.start, "end": m.end, "rule": m.rule}
                for m in relation.evidence
            ],
        }
        attrs.update(relation.attrs)
        graph.add_edge(relation.subject, relation.object, **attrs)
    return graph


def _deep(value: Any) -> Any:
    """``value`` with the order of every dict's keys and the exact types."""
    if isinstance(value, dict):
        return [(key, _deep(item)) for key, item in value.items()]
    if isinstance(value, list):
        return [_deep(item) for item in value]
    return (type(value).__name__, value)


def _assert_same(got: nx.MultiDiGraph, expected: nx.MultiDiGraph) -> None:
    assert graphs_equal(got, expected)
    assert _deep(list(got.nodes(data=True))) == _deep(list(expected.nodes(data=True)))
    assert _deep(list(got.edges(keys=True, data=True))) == _deep(
        list(expected.edges(keys=True, data=True))
    )
    for node in expected:  # adjacency orders, both directions
        assert list(got.succ[node]) == list(expected.succ[node])
        assert list(got.pred[node]) == list(expected.pred[node])
        for target, keyed in got._succ[node].items():
            # One dict of keys for both directions, as add_edge makes it.
            assert got._pred[target][node] is keyed


def _mention(doc: str, start: int, label: str = "place") -> Mention:
    return Mention(doc, start, start + 2, "梁平", label, "rule", "梁平")


def _awkward_linked() -> LinkedGraph:
    """Parallel edges, an edge to a missing node, a self-loop, places without
    mentions, attributes out of order."""
    a, b, c = _mention("d1", 0), _mention("d1", 5), _mention("d2", 3, "org")
    entities = {
        "place:b": Entity("place:b", "place", "乙", {"乙乡"}, {"level": 3}, [b]),
        "place:a": Entity("place:a", "place", "甲", set(), {"code": "5001"}, []),
        "org:c": Entity("org:c", "org", "丙", {"丙委", "丙会"}, {"z": 1, "k": 2}, [c]),
    }
    relations = [
        Relation("place:b", "part_of", "place:a", (b,)),
        Relation("place:b", "part_of", "place:a", (a, b), {"year": 2020}),
        Relation("org:c", "located_in", "place:gone", (c,)),
        Relation("org:c", "about", "org:c", (c,)),
        Relation("place:a", "near", "place:b", (), {"type": "kept"}),
        Relation("place:b", "part_of", "place:a", (b,)),
    ]
    return LinkedGraph(entities, relations)


@pytest.mark.parametrize("consume", [False, True])
def test_to_networkx_equals_the_methods_on_awkward_input(consume: bool) -> None:
    expected = _plain_networkx(_awkward_linked())
    linked = _awkward_linked()
    _assert_same(to_networkx(linked, consume=consume), expected)
    assert consume == (not linked.entities and not linked.relations)


def test_count_edges_counts_parallel_edges_and_loops(
    seed_docs: list[tuple[Document, list[Mention]]],
) -> None:
    graph = to_networkx(_awkward_linked())
    graph.add_edge("place:a", "place:b", type="again")  # parallel
    graph.add_edge("place:a", "place:a", type="loop")
    for g in (graph, to_networkx(link(seed_docs))):
        assert count_edges(g) == g.number_of_edges() > 0


def test_to_networkx_equals_the_methods_on_the_seeds(
    seed_docs: list[tuple[Document, list[Mention]]],
) -> None:
    expected = _plain_networkx(link(seed_docs))
    _assert_same(to_networkx(link(seed_docs), consume=True), expected)
    graph = to_networkx(link(seed_docs))
    graph.add_edge("new:a", "new:b", type="t")  # still a networkx graph to change
    assert graph.has_edge("new:a", "new:b")


def _plain_node_link(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """What ``to_node_link`` did: networkx's records, sorted, keys dropped."""
    data = nx.node_link_data(graph, edges="edges")
    data["nodes"] = sorted(data["nodes"], key=lambda n: n["id"])
    data["edges"] = sorted(
        data["edges"],
        key=lambda e: (
            e["source"],
            e["target"],
            e["type"],
            json.dumps(e, sort_keys=True),
        ),
    )
    for edge in data["edges"]:
        edge.pop("key", None)
    return data


def _awkward_graphs() -> list[nx.Graph]:
    multi = nx.MultiDiGraph(schema_version=1, note="图")
    multi.add_node("z", type="place", name="乙", mentions=[], id="shadowed")
    multi.add_node("a", type="place", name="甲", mentions=[{"doc": "d", "start": 1}])
    for doc, start in (("3", 0), ("1", 9), ("2", 0), ("1", 10), ("1", 9)):
        multi.add_edge(
            "z",
            "a",
            type="part_of",
            evidence=[{"doc": doc, "start": start, "end": start + 1}],
        )
    multi.add_edge("z", "a", key="named", type="part_of", evidence=[], key2=None)
    multi.add_edge("a", "z", type="about", key=7, source="s", target="t", id=1.5)
    multi.edges["a", "z", 7]["key"] = "an attribute, dropped as before"
    multi.add_edge("a", "a", type="self", evidence=[], weight=float("inf"))
    simple = nx.DiGraph()
    simple.add_edge("b", "a", type="x", key="kept?", evidence=[])
    simple.add_edge("a", "b", type="x", evidence=[{"doc": "d", "start": 0, "end": 1}])
    return [multi, simple, nx.MultiDiGraph(), nx.MultiDiGraph([("b", "a")])]


@pytest.mark.parametrize("index", range(4))
def test_node_link_equals_networkx_records_sorted(index: int, tmp_path: Path) -> None:
    graph = _awkward_graphs()[index]
    if index == 3:  # edges without a type cannot be sorted, as before
        with pytest.raises(KeyError):
            to_node_link(graph)
        return
    expected = _plain_node_link(graph)
    got = to_node_link(graph)
    assert _deep(got) == _deep(expected)
    path = tmp_path / "graph.json"
    write_node_link(graph, path)
    assert path.read_text(encoding="utf-8") == node_link_text(expected)


def test_write_node_link_writes_the_seeds_as_before(
    seed_docs: list[tuple[Document, list[Mention]]], tmp_path: Path
) -> None:
    graph = to_networkx(link(seed_docs))
    path = tmp_path / "graph.json"
    write_node_link(graph, path)
    assert path.read_bytes() == node_link_text(_plain_node_link(graph)).encode()
