"""The view's data (roll-up, districts, sentences) and the page it is written into."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import pytest

from kg.viz import (
    MAX_EVIDENCE,
    district_of,
    initiative_districts,
    node_districts,
    render_html,
    sentence_around,
    to_pyvis,
    view_data,
    write_html,
)


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self.tags.append(tag)


def _start_tags(page: str) -> list[str]:
    parser = _Tags()
    parser.feed(page)
    return parser.tags


def _place(g: nx.MultiDiGraph, node: str, name: str, level: str) -> None:
    g.add_node(node, type="place", name=name, level=level, aliases=[], mentions=[])


def _span(doc: str, start: int = 0, end: int = 2) -> dict[str, object]:
    return {"doc": doc, "start": start, "end": end}


@pytest.fixture
def small() -> nx.MultiDiGraph:
    """梁平区 > 双桂街道 > 八角社区, 合川区 > 双凤镇, 重庆市 above them."""
    g = nx.MultiDiGraph()
    _place(g, "place:50", "重庆市", "province")
    _place(g, "place:500155", "梁平区", "district")
    _place(g, "place:500155001", "双桂街道", "subdistrict")
    _place(g, "place:500155001-八角社区", "八角社区", "community")
    _place(g, "place:500117", "合川区", "district")
    _place(g, "place:500117112", "双凤镇", "town")
    _place(g, "place:曙光湖", "曙光湖", "zone")
    for child, parent in (
        ("place:500155", "place:50"),
        ("place:500155001", "place:500155"),
        ("place:500155001-八角社区", "place:500155001"),
        ("place:500117", "place:50"),
        ("place:500117112", "place:500117"),
    ):
        g.add_edge(child, parent, type="part_of", evidence=[])
    for name in ("三比三亮", "双网格"):
        g.add_node(
            f"programme:{name}", type="programme", name=name, aliases=[], mentions=[]
        )
    g.add_node(
        "organization:八角社区党总支",
        type="organization",
        name="八角社区党总支",
        aliases=[],
        mentions=[],
    )
    g.add_node(
        "person:王五@梁平区", type="person", name="王五", aliases=[], mentions=[]
    )
    runs = (
        ("programme:三比三亮", "place:500155001-八角社区", ["a.txt", "b.txt"]),
        ("programme:三比三亮", "place:500155", ["a.txt", "c.txt"]),
        ("programme:三比三亮", "place:500117112", ["d.txt"]),
        ("programme:双网格", "place:50", ["e.txt"]),
        ("programme:双网格", "place:曙光湖", ["e.txt"]),
    )
    for programme, place, docs in runs:
        g.add_edge(programme, place, type="runs_in", evidence=[_span(d) for d in docs])
    g.add_edge(
        "organization:八角社区党总支",
        "place:500155001-八角社区",
        type="located_in",
        evidence=[],
    )
    g.add_edge(
        "person:王五@梁平区",
        "organization:八角社区党总支",
        type="holds_post",
        evidence=[],
    )
    return g


def test_district_of_walks_up_to_the_nearest_district(small: nx.MultiDiGraph) -> None:
    found = district_of(small)
    assert found["place:500155001-八角社区"] == "place:500155"
    assert found["place:500155001"] == "place:500155"
    assert found["place:500117112"] == "place:500117"
    assert found["place:500155"] == "place:500155"
    # Above district level, or no known enclosing division: no district.
    assert "place:50" not in found and "place:曙光湖" not in found


def test_initiative_view_rolls_towns_up_and_counts_documents(
    small: nx.MultiDiGraph,
) -> None:
    links = {
        (link["from"], link["to"]): link
        for link in initiative_districts(small, district_of(small))
    }
    assert set(links) == {
        ("programme:三比三亮", "place:500155"),
        ("programme:三比三亮", "place:500117"),
        ("programme:双网格", "place:50"),
        ("programme:双网格", "place:曙光湖"),
    }
    liangping = links["programme:三比三亮", "place:500155"]
    # a.txt supports both rolled-up edges: it counts once.
    assert liangping["docs"] == 3
    assert liangping["places"] == ["place:500155", "place:500155001-八角社区"]
    assert links["programme:三比三亮", "place:500117"]["docs"] == 1


def test_node_districts_follow_posts_and_locations(small: nx.MultiDiGraph) -> None:
    belongs = node_districts(small, district_of(small))
    assert belongs["programme:三比三亮"] == ["place:500117", "place:500155"]
    assert belongs["organization:八角社区党总支"] == ["place:500155"]
    # person → organisation → village → district: two hops.
    assert belongs["person:王五@梁平区"] == ["place:500155"]
    assert "programme:双网格" not in belongs


def test_sentence_around_keeps_the_mention_offsets() -> None:
    text = "前言。\n  梁平区推行“三比三亮”，成效明显！后文"
    start = text.index("三比三亮")
    sentence, ms, me = sentence_around(text, start, start + 4)
    assert sentence == "梁平区推行“三比三亮”，成效明显！"
    assert sentence[ms:me] == "三比三亮"


def test_sentence_around_cuts_long_sentences() -> None:
    text = "长" * 500 + "三比三亮" + "长" * 500
    sentence, ms, me = sentence_around(text, 500, 504)
    assert sentence[ms:me] == "三比三亮"
    assert len(sentence) <= 4 + 2 * 60


def test_view_data_gives_sentences_and_document_names(small: nx.MultiDiGraph) -> None:
    text = "标题\n梁平区推行“三比三亮”。下一句。"
    start = text.index("三比三亮")
    spans = [_span("a.txt", start, start + 4)] * (MAX_EVIDENCE + 3)
    small.nodes["programme:三比三亮"]["mentions"] = spans
    small.add_node(
        "article:a.txt#0",
        type="article",
        name="标题",
        aliases=[],
        mentions=[_span("a.txt", 0, 2)],
    )
    data = view_data(small, {"a.txt": text})
    evidence = data["details"]["programme:三比三亮"]["evidence"]
    assert len(evidence) == MAX_EVIDENCE
    ev = evidence[0]
    assert data["docs"][ev["doc"]] == "a.txt"
    assert data["nodes"][ev["article"]]["name"] == "标题"
    assert ev["text"] == "梁平区推行“三比三亮”。"
    assert ev["text"][ev["ms"] : ev["me"]] == "三比三亮"
    node = next(n for n in data["nodes"] if n["id"] == "programme:三比三亮")
    assert node["ndocs"] == 1 and node["degree"] == 3
    assert ["place:500155", "梁平区"] in data["districts"]


def test_page_is_self_contained_utf8_and_deterministic(
    small: nx.MultiDiGraph, tmp_path: Path
) -> None:
    small.add_node(
        "programme:</script><img src=x onerror=alert(1)>",
        type="programme",
        name="</script><img src=x onerror=alert(1)>",
        aliases=[],
        mentions=[],
    )
    write_html(small, tmp_path / "graph.html")
    raw = (tmp_path / "graph.html").read_bytes()
    assert "梁平区".encode() in raw  # UTF-8, not \\u escapes
    page = raw.decode("utf-8")
    assert page == render_html(small, title="graph")
    # Parsed as a browser would: only our three script elements, and the name can
    # neither close one nor open a tag.
    tags = _start_tags(page)
    assert tags.count("script") == 3 and "img" not in tags
    assert not re.search(r"(?:src|href)=[\"']?(?:https?:)?//", page)
    data = page.split('id="kg-data">')[1].split("</script>")[0]
    names = {n["name"] for n in json.loads(data)["nodes"]}
    assert "</script><img src=x onerror=alert(1)>" in names


def test_metrics_past_the_page_budget_stay_in_graph_json_only(
    small: nx.MultiDiGraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    for i in range(3):
        small.add_node(
            f"metric:a.txt:{i}", type="metric", name=f"{i}个", aliases=[], mentions=[]
        )
        small.add_edge(f"metric:a.txt:{i}", "place:500155", type="measured_in")
    assert {n["type"] for n in view_data(small)["nodes"]} >= {"metric"}
    monkeypatch.setattr("kg.viz.MAX_METRICS", 2)
    data = view_data(small)
    assert data["left_out"] == {"metric": 3}
    assert "metric" not in {n["type"] for n in data["nodes"]}
    ids = [n["id"] for n in data["nodes"]]
    for source, target, kind, _ in data["edges"]:
        assert data["edge_types"][kind] != "measured_in"
        assert 0 <= source < len(ids) and 0 <= target < len(ids)


def test_to_pyvis_gives_a_network_for_notebooks(small: nx.MultiDiGraph) -> None:
    net = to_pyvis(small)
    assert sorted(n["id"] for n in net.nodes) == sorted(small.nodes)
    assert len(net.edges) == small.number_of_edges()
    assert {n["label"] for n in net.nodes} >= {"梁平区", "三比三亮"}
