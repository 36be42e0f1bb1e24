"""The view's shortcuts give what the plain computations they replace give.

Each shortcut (the adjacency dict read directly, the page encoded chunk by chunk,
a bisect for the article, a regex for the sentence start) is checked against the
straightforward code it replaced, on the seeds' graph and on made-up cases.
"""

from __future__ import annotations

import json
import random
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

import kg.viz
from kg.graph import read_node_link
from kg.model import Document, Mention
from kg.viz import (
    SENTENCE_CONTEXT,
    _script_json_pieces,
    _Sources,
    _view,
    all_edges,
    district_of,
    node_districts,
    sentence_around,
    view_data,
)

# Run with --perf (CI does): fast paths against the slow paths they replace; tests/test_golden.py pins the outputs.
pytestmark = pytest.mark.perf


@pytest.fixture(scope="module")
def seeds(
    built_seeds: Path, seed_docs: list[tuple[Document, list[Mention]]]
) -> tuple[nx.MultiDiGraph, dict[str, str]]:
    graph = read_node_link(built_seeds / "graph.json")
    return graph, {doc.doc_id: doc.text for doc, _ in seed_docs}


def _plain_script_json(value: object) -> str:
    """The page's data as it was encoded: one json.dumps, then the escapes."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


@pytest.mark.parametrize("chunk", [1, 2, 7, 100_000])
def test_page_data_in_chunks_is_one_dumps_of_view_data(
    seeds: tuple[nx.MultiDiGraph, dict[str, str]],
    chunk: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    graph, texts = seeds
    graph = graph.copy()
    graph.add_node("place:<&>", type="place", name="</script>&", mentions=[])
    monkeypatch.setattr(kg.viz, "CHUNK", chunk)
    pieces = "".join(_script_json_pieces(_view(graph, texts)))
    assert pieces == _plain_script_json(view_data(graph, texts))


def test_empty_graph_gives_empty_lists_and_dicts() -> None:
    graph = nx.MultiDiGraph()
    pieces = "".join(_script_json_pieces(_view(graph, {})))
    assert pieces == _plain_script_json(view_data(graph, {}))


def test_all_edges_is_the_edge_view_in_its_order(
    seeds: tuple[nx.MultiDiGraph, dict[str, str]],
) -> None:
    graph, _ = seeds
    assert all_edges(graph) == list(graph.edges(data=True))
    assert all(
        a is b
        for (*_, a), (*_, b) in zip(
            all_edges(graph), graph.edges(data=True), strict=True
        )
    )
    simple = nx.DiGraph([("a", "b"), ("b", "c")])
    assert all_edges(simple) == list(simple.edges(data=True))  # type: ignore[arg-type]


def _plain_district_of(graph: nx.MultiDiGraph) -> dict[str, str]:
    parents: dict[str, list[str]] = defaultdict(list)
    for source, target, attrs in graph.edges(data=True):
        if attrs.get("type") == "part_of":
            parents[source].append(target)
    district_level = {
        n for n, level in graph.nodes(data="level") if level in kg.viz.DISTRICT_LEVELS
    }
    found = {}
    for node, attrs in sorted(graph.nodes(data=True)):
        if attrs.get("type") != "place" or attrs.get("level") in kg.viz.ABOVE_DISTRICT:
            continue
        frontier, seen = [node], {node}
        while frontier:
            hits = [n for n in frontier if n in district_level]
            if hits:
                found[node] = min(hits)
                break
            frontier = sorted(
                {p for n in frontier for p in parents.get(n, ()) if p not in seen}
            )
            seen.update(frontier)
    return found


def _plain_node_districts(
    graph: nx.MultiDiGraph, districts: dict[str, str]
) -> dict[str, list[str]]:
    result: dict[str, set[str]] = defaultdict(set)
    for node, district in districts.items():
        result[node].add(district)
    linked = [
        (s, t)
        for s, t, a in graph.edges(data=True)
        if a.get("type") in kg.viz.PLACE_EDGES
    ]
    for _ in range(2):
        for source, target in linked:
            result[source].update(result.get(target, ()))
    return {n: sorted(d) for n, d in sorted(result.items()) if d}


def _chain_graph(order: list[int]) -> nx.MultiDiGraph:
    """Places under districts, and people → organisations → places, the edges
    added in ``order`` (the two passes over them depend on it)."""
    g = nx.MultiDiGraph()
    g.add_node("p:d1", type="place", level="district")
    g.add_node("p:d2", type="county", level="county")
    g.add_node("p:t", type="place", level="town")
    g.add_node("p:v", type="place", level="village")
    g.add_node("p:p", type="place", level="province")
    edges = [
        ("p:t", "p:d1", "part_of"),
        ("p:v", "p:t", "part_of"),
        ("p:v", "p:d2", "part_of"),
        ("o:a", "p:v", "located_in"),
        ("o:b", "o:a", "located_in"),
        ("h:c", "o:b", "holds_post"),
        ("m:1", "p:t", "measured_in"),
        ("m:2", "p:p", "measured_in"),
        ("a:1", "p:d2", "about"),
        ("g:1", "p:v", "runs_in"),
    ]
    for i in order:
        source, target, kind = edges[i]
        g.add_edge(source, target, type=kind)
    return g


@pytest.mark.parametrize("seed", range(20))
def test_districts_are_those_of_the_plain_walk(seed: int) -> None:
    order = list(range(10))
    random.Random(seed).shuffle(order)
    graph = _chain_graph(order)
    districts = district_of(graph)
    assert districts == _plain_district_of(graph)
    assert list(districts) == list(_plain_district_of(graph))
    assert node_districts(graph, districts) == _plain_node_districts(graph, districts)


def test_districts_of_the_seeds_are_those_of_the_plain_walk(
    seeds: tuple[nx.MultiDiGraph, dict[str, str]],
) -> None:
    graph, _ = seeds
    districts = district_of(graph)
    assert districts == _plain_district_of(graph)
    assert node_districts(graph, districts) == _plain_node_districts(graph, districts)


def _plain_sentence_around(text: str, start: int, end: int) -> tuple[str, int, int]:
    left = max(0, start - SENTENCE_CONTEXT)
    ends = list(re.compile(r"[。！？!?；;\n]").finditer(text, left, start))
    begin = ends[-1].end() if ends else left
    stop = re.compile(r"[。！？!?；;\n]").search(text, end, end + SENTENCE_CONTEXT)
    finish = stop.end() if stop else min(len(text), end + SENTENCE_CONTEXT)
    sentence = text[begin:finish]
    strip = len(sentence) - len(sentence.lstrip())
    return sentence.strip(), start - begin - strip, end - begin - strip


def test_sentence_is_the_one_the_plain_search_finds() -> None:
    rng = random.Random(8)
    alphabet = "梁平区推行三比三亮。！？!?；;\n 、，ab"
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 200)))
        start = rng.randrange(0, len(text))
        end = min(len(text), start + rng.randrange(0, 5))
        got = sentence_around(text, start, end)
        assert got == _plain_sentence_around(text, start, end)


def test_article_is_the_last_starting_at_or_before_the_position() -> None:
    g = nx.MultiDiGraph()
    starts = [0, 0, 5, 9, 9, 30]
    for i, start in enumerate(starts):
        g.add_node(
            f"article:{i}",
            type="article",
            mentions=[{"doc": "d", "start": start, "end": start + 2}],
        )
    shown = sorted(g.nodes(data=True), key=lambda pair: pair[0][::-1])
    index = {node: i for i, (node, _) in enumerate(shown)}
    sources = _Sources(g, {}, shown, [])
    pairs: list[tuple[int, int]] = sorted(
        (start, index[f"article:{i}"]) for i, start in enumerate(starts)
    )
    for pos in range(-1, 40):
        before = [i for start, i in pairs if start <= pos]
        want: Any = before[-1] if before else None
        assert sources.article("d", pos) == want
    assert sources.article("other", 3) is None
