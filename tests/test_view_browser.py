"""graph.html in a real browser: Debian's Chromium driven by Playwright, network off.

Each view is loaded from a file with every non-file request refused and recorded;
the tests count what vis-network drew, search, click and hover like a user, and
check that a document with ``<script>``/``<img onerror>`` in quoted names stays
inert. A screenshot of each view is saved under pytest's temporary folder
(``screenshots/``; the path is printed) or under ``$KG_SCREENSHOTS``.

Needs Chromium and a CJK font: ``scripts/install-test-deps`` (part of the README's
test command) installs them. Set ``KG_SKIP_BROWSER=1`` to skip these tests.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import networkx as nx
import pytest

from kg.build import build
from kg.graph import read_node_link
from kg.viz import district_of, initiative_districts
from tests.conftest import SEEDS

if os.environ.get("KG_SKIP_BROWSER"):
    pytest.skip("KG_SKIP_BROWSER is set", allow_module_level=True)

from playwright import sync_api as playwright_api

# What this closed network needs (FIELD-NOTES): no background connections at all.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND",
]
# The payloads set a flag if they ever run; the file name is hostile too.
EVIL_NAME = "evil<b>x<img src=y onerror=window.__pwned=3>.txt"
# Quoted names become programme nodes only when short and ending in a scheme word
# (kg.extract.programmes), so the two programmes carry short tags; the long
# <img onerror> lands in the article title, which is drawn and shown too.
EVIL_TEXT = (
    "梁平区“<img src=x onerror=window.__pwned=1>”简报\n"
    "重庆市梁平区推行“<script>工作法”，在全区推广。"
    "梁平区创新“<b>三比</b>机制”，成效明显。\n"
)
HIDDEN = {"document", "metric"}  # not drawn by default (metrics: a tick box)


def _chromium() -> str:
    path = os.environ.get("KG_CHROMIUM") or shutil.which("chromium")
    if not path:
        pytest.fail("no chromium: run scripts/install-test-deps (README test command)")
    return path


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    corpus = tmp_path_factory.mktemp("corpus")
    for path in SEEDS.glob("*.txt"):
        shutil.copy(path, corpus / path.name)
    (corpus / EVIL_NAME).write_text(EVIL_TEXT, encoding="utf-8")
    out = tmp_path_factory.mktemp("out")
    report = build(corpus, out)
    assert not report.errors
    return out


@pytest.fixture(scope="module")
def graph(built: Path) -> nx.MultiDiGraph:
    return read_node_link(built / "graph.json")


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = Path(
        os.environ.get("KG_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots")
    )
    folder.mkdir(parents=True, exist_ok=True)
    print(f"screenshots: {folder}")
    return folder


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with playwright_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=_chromium(), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Page:
    """A page with its console errors and refused or failed requests recorded."""

    def __init__(self, browser: Any, url: str) -> None:
        self.context = browser.new_context(
            offline=True, viewport={"width": 1400, "height": 900}
        )
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on(
            "console",
            lambda m: self.errors.append(m.text) if m.type == "error" else None,
        )
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("requestfailed", lambda r: self.requests.append(r.url))
        self.url = url

    def _route(self, route: Any) -> None:
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            self.requests.append(route.request.url)
            route.abort()

    def open(self, fragment: str = "") -> Page:
        # Via a blank page: a new fragment alone would not reload the document.
        self.page.goto("about:blank")
        self.page.goto(f"{self.url}#{fragment}")
        self.wait()
        return self

    def wait(self) -> None:
        self.page.wait_for_function("window.kg && window.kg.stable", timeout=60_000)

    def js(self, expression: str, arg: object = None) -> Any:
        return self.page.evaluate(expression, arg)

    def drawn(self) -> set[str]:
        """Node ids vis-network laid out (its own body, not our bookkeeping)."""
        ids = self.js("Object.keys(kg.network.getPositions())")
        assert len(ids) == self.js("kg.network.body.nodeIndices.length")
        return set(ids)

    def screen_point(self, node: str) -> tuple[float, float]:
        box = self.page.locator("#graph").bounding_box()
        point = self.js(
            "id => kg.network.canvasToDOM(kg.network.getPosition(id))", node
        )
        return box["x"] + point["x"], box["y"] + point["y"]

    def clean(self) -> None:
        assert self.errors == [], self.errors
        assert self.requests == [], self.requests
        assert self.js("window.__pwned") is None


@pytest.fixture
def page(browser: Any, built: Path) -> Iterator[Page]:
    opened = Page(browser, (built / "graph.html").as_uri())
    yield opened
    opened.context.close()


def _shown(graph: nx.MultiDiGraph) -> set[str]:
    return {n for n, t in graph.nodes(data="type") if t not in HIDDEN}


def _by_name(graph: nx.MultiDiGraph, name: str) -> str:
    (node,) = [n for n, a in graph.nodes(data=True) if a["name"] == name]
    return node


def test_whole_view_draws_every_node_and_metrics_on_request(
    page: Page, graph: nx.MultiDiGraph, shots: Path
) -> None:
    page.open("view=whole")
    assert page.drawn() == _shown(graph)
    edges = {(s, t, k) for s, t, k in graph.edges(keys=True) if {s, t} <= _shown(graph)}
    assert page.js("kg.network.body.edgeIndices.length") == len(edges)
    page.page.screenshot(path=str(shots / "whole.png"))
    page.page.check("input[data-type=metric]")
    page.wait()
    metrics = {n for n, t in graph.nodes(data="type") if t == "metric"}
    assert page.drawn() == _shown(graph) | metrics
    page.clean()


def test_initiative_view_draws_programmes_and_their_districts(
    page: Page, graph: nx.MultiDiGraph, shots: Path
) -> None:
    page.open("top=1000")  # the default view, every programme (60 by default)
    assert page.js("kg.state.view") == "initiative"
    links = initiative_districts(graph, district_of(graph))
    assert ("programme:三比三亮", "place:500155") in {
        (link["from"], link["to"]) for link in links
    }
    expected = {link["from"] for link in links} | {link["to"] for link in links}
    assert page.drawn() == expected
    weights = page.js(
        "kg.network.body.data.edges.get().filter(e => e.id.startsWith('agg'))"
        ".map(e => [e.from, e.to, e.value])"
    )
    assert sorted(map(tuple, weights)) == sorted(
        (link["from"], link["to"], link["docs"]) for link in links
    )
    # No village or town is drawn: they are rolled up to their district.
    levels = {graph.nodes[n].get("level") for n in expected}
    assert not levels & {"town", "township", "subdistrict", "village", "community"}
    page.page.screenshot(path=str(shots / "initiative.png"))
    page.clean()


def test_centred_view_draws_the_node_and_its_neighbours(
    page: Page, graph: nx.MultiDiGraph, shots: Path
) -> None:
    centre = _by_name(graph, "三比三亮")
    page.open(f"view=centre&node={centre}&depth=1")
    neighbours = set(graph.successors(centre)) | set(graph.predecessors(centre))
    assert page.drawn() == ({centre} | neighbours) & _shown(graph)
    page.page.screenshot(path=str(shots / "centre.png"))
    page.page.select_option("#depth", "2")
    page.wait()
    assert len(page.drawn()) > len(neighbours) + 1
    page.page.screenshot(path=str(shots / "centre-depth2.png"))
    page.clean()


def test_district_filter_keeps_that_district(
    page: Page, graph: nx.MultiDiGraph
) -> None:
    page.open("view=whole")
    page.page.select_option("#district", "place:500155")
    page.wait()
    drawn = page.drawn()
    assert "programme:三比三亮" in drawn and "place:500155" in drawn
    assert "place:500117" not in drawn  # 合川区
    belongs = page.js("Object.fromEntries(kg.data.nodes.map(n => [n.id, n.districts]))")
    assert all(n == "place:500155" or "place:500155" in belongs[n] for n in drawn)
    page.clean()


def test_initiative_view_links_variants(page: Page, graph: nx.MultiDiGraph) -> None:
    page.open()
    variants = page.js(
        "kg.network.body.data.edges.get().filter(e => e.dashes).map(e => [e.from, e.to])"
    )
    assert ["programme:三亮三比", "programme:三比三亮"] in variants
    page.clean()


def test_scope_filter_keeps_the_programmes_of_that_scope(
    page: Page, graph: nx.MultiDiGraph
) -> None:
    scopes = {
        n: a.get("scope")
        for n, a in graph.nodes(data=True)
        if a.get("type") == "programme"
    }
    assert {"local", "national"} <= set(scopes.values())
    for fragment in ("view=whole&scope=national", "view=initiative&scope=local"):
        page.open(fragment)
        wanted = fragment.rsplit("=", 1)[1]
        drawn = {n for n in page.drawn() if n in scopes}
        assert drawn and {scopes[n] for n in drawn} == {wanted}
        assert page.page.input_value("#scope") == wanted
    page.clean()


def test_search_by_name_selects_the_node_and_shows_its_sources(
    page: Page, graph: nx.MultiDiGraph, shots: Path
) -> None:
    page.open("view=whole")
    page.page.fill("#search", "三比三亮")
    assert page.js("kg.network.getSelectedNodes()") == ["programme:三比三亮"]
    assert page.page.inner_text("#panel h3") == "三比三亮"
    assert page.page.locator("#panel .ev mark").first.inner_text() == "三比三亮"
    page.page.screenshot(path=str(shots / "search.png"))
    page.clean()


def test_search_by_alias(page: Page, graph: nx.MultiDiGraph) -> None:
    names = {a["name"] for _, a in graph.nodes(data=True)}
    owners: dict[str, list[str]] = {}
    for node in sorted(_shown(graph)):
        for alias in graph.nodes[node].get("aliases", []):
            owners.setdefault(alias, []).append(node)
    alias, (node,) = next(
        (a, o)
        for a, o in sorted(owners.items())
        if len(o) == 1 and not any(a in name for name in names)
    )
    page.open("view=initiative")
    page.page.fill("#search", alias)
    page.wait()  # the node may not be in this view: the page centres on it
    assert page.js("kg.network.getSelectedNodes()") == [node]
    assert page.page.inner_text("#panel h3") == graph.nodes[node]["name"]
    page.clean()


def test_click_shows_source_sentence_and_hover_shows_name_and_type(
    page: Page, graph: nx.MultiDiGraph, built: Path
) -> None:
    node = "programme:三比三亮"
    page.open(f"view=centre&node={node}&depth=1")
    page.page.mouse.click(*page.screen_point(node))
    assert page.page.inner_text("#panel h3") == "三比三亮"
    mention = graph.nodes[node]["mentions"][0]
    text = (SEEDS / mention["doc"]).read_text(encoding="utf-8")
    first = page.page.locator("#panel .ev").first
    assert mention["doc"] in first.locator(".doc").inner_text()
    sentence = first.locator(".sentence").inner_text()
    marked = first.locator("mark").inner_text()
    assert marked == text[mention["start"] : mention["end"]] == "三比三亮"
    assert sentence in text and len(sentence) > len(marked)
    # The rule that found the mention and why (kg/rules), under the sentence.
    from kg.lang.rules import rule

    note = first.locator(".rule")
    assert (
        note.locator("code").inner_text() == mention["rule"] == "programme:step.quoted"
    )
    assert rule("programme:step.quoted").why in note.inner_text()
    # Neighbours are links: following one selects that node.
    target = next(iter(graph.successors(node)))
    page.page.click(f"#panel .neighbour a[data-node='{target}']")
    page.wait()
    assert page.js("kg.selected") == target
    # Hover: name, type and level come up as text.
    page.open(f"view=centre&node={node}&depth=1")
    page.page.mouse.move(*page.screen_point(node))
    tooltip = page.page.locator(".vis-tooltip")
    tooltip.wait_for(state="visible", timeout=5000)
    assert "三比三亮" in tooltip.inner_text() and "programme" in tooltip.inner_text()
    page.clean()


def test_size_by_documents(page: Page, graph: nx.MultiDiGraph) -> None:
    page.open("view=whole")
    page.page.select_option("#size", "docs")
    node = "programme:三比三亮"
    docs = {m["doc"] for m in graph.nodes[node]["mentions"]}
    assert page.js(f"kg.network.body.data.nodes.get('{node}').value") == max(
        1, len(docs)
    )
    page.clean()


def test_injected_markup_stays_inert(
    page: Page, graph: nx.MultiDiGraph, shots: Path
) -> None:
    evil = sorted(
        n
        for n, a in graph.nodes(data=True)
        if a["type"] == "programme" and "<" in a["name"]
    )
    assert len(evil) == 2, "the injection document must give two programme nodes"
    (article,) = [
        n
        for n, a in graph.nodes(data=True)
        if a["type"] == "article" and "<img" in a["name"]
    ]
    page.open("view=whole")
    assert article in page.drawn()
    for fragment in ("view=whole", "view=initiative"):
        page.open(fragment)
        assert set(evil) <= page.drawn()
    for i, node in enumerate([*evil, article]):
        name = graph.nodes[node]["name"]
        page.open(f"view=centre&node={quote(node, safe='')}&depth=1")
        page.page.fill("#search", name[:6])
        page.page.mouse.click(*page.screen_point(node))
        page.page.mouse.move(*page.screen_point(node))
        page.page.locator(".vis-tooltip").wait_for(state="visible", timeout=5000)
        assert page.page.inner_text("#panel h3") == name
        assert name[:40] in page.page.locator(".vis-tooltip").inner_text()
        assert EVIL_NAME in page.page.inner_text("#panel")
        page.page.screenshot(path=str(shots / f"inert-{i}.png"))
    assert page.js("document.querySelectorAll('img, b').length") == 0
    assert page.js("document.scripts.length") == 3
    page.clean()


def test_views_switch_in_the_page(page: Page, graph: nx.MultiDiGraph) -> None:
    page.open()
    initiative = page.drawn()
    page.page.select_option("#view", "whole")
    page.wait()
    assert page.drawn() == _shown(graph) != initiative
    page.page.fill("#search", "三比三亮")
    page.page.select_option("#view", "centre")
    page.wait()
    assert page.js("kg.state.centre") == "programme:三比三亮"
    assert "programme:三比三亮" in page.drawn() and len(page.drawn()) < len(initiative)
    assert "view=centre" in page.page.url
    page.clean()


def test_clicking_an_initiative_link_shows_its_documents(
    page: Page, graph: nx.MultiDiGraph
) -> None:
    source, target = "programme:三比三亮", "place:500155"
    link = next(
        link
        for link in initiative_districts(graph, district_of(graph))
        if (link["from"], link["to"]) == (source, target)
    )
    page.open()
    (x1, y1), (x2, y2) = page.screen_point(source), page.screen_point(target)
    page.page.mouse.click((x1 + x2) / 2, (y1 + y2) / 2)
    panel = page.page.locator("#panel")
    assert f"{link['docs']} 篇支持文档" in panel.inner_text()
    marks = panel.locator(".ev mark").all_inner_texts()
    assert marks and all(m in ("三比三亮", "梁平区", "梁平") for m in marks), marks
    page.clean()


def test_views_past_the_limit_keep_the_best_connected(
    page: Page, graph: nx.MultiDiGraph
) -> None:
    page.open("view=whole&limit=20")
    drawn = page.drawn()
    degrees = page.js("Object.fromEntries(kg.data.nodes.map(n => [n.id, n.degree]))")
    assert len(drawn) == 20
    assert min(degrees[n] for n in drawn) >= max(
        degrees[n] for n in set(degrees) - drawn
    )
    assert "20 of" in page.page.inner_text("#notice")
    page.open("view=initiative&limit=6")
    drawn = page.drawn()
    ends = page.js("kg.network.body.data.edges.get().map(e => [e.from, e.to])")
    assert 0 < len(drawn) <= 6 and ends
    assert {n for pair in ends for n in pair} == drawn  # no node without its link
    page.clean()


def test_search_waits_for_the_input_method(page: Page) -> None:
    page.open("view=whole")
    # Input while the input method is still composing is not searched (it would
    # select 梁平区 here); the composed word is.
    page.js(
        """() => { const box = document.getElementById('search');
        box.value = '梁平';
        box.dispatchEvent(new InputEvent('input', {isComposing: true})); }"""
    )
    assert page.js("kg.network.getSelectedNodes()") == []
    page.js(
        """() => { const box = document.getElementById('search');
        box.value = '三比三亮';
        box.dispatchEvent(new CompositionEvent('compositionend', {data: '三比三亮'})); }"""
    )
    assert page.js("kg.network.getSelectedNodes()") == ["programme:三比三亮"]
    page.clean()
