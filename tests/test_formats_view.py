"""The view's side panel shows document metadata and a PDF's page (headless Chromium).

A web page whose 来源 (publisher) and title carry markup, and the two-column PDF of
``test_formats``, built and opened offline: a programme's sources name each
document's date, publisher and page, an article's panel its document's metadata,
and nothing from the page's metadata runs. Skipped with ``KG_SKIP_BROWSER=1``.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from kg.build import build
from tests.test_formats import HTML_PAGE, _write_pdf

if os.environ.get("KG_SKIP_BROWSER"):
    pytest.skip("KG_SKIP_BROWSER is set", allow_module_level=True)

from playwright import sync_api as playwright_api

from tests.test_view_browser import CHROMIUM_ARGS as ARGS

EVIL_PUBLISHER = "<img src=x onerror=window.__pwned=1>组织部"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    corpus = tmp_path_factory.mktemp("corpus")
    page = HTML_PAGE.replace(
        '<meta name="ContentSource" content="梁平区委组织部">',
        f'<meta name="ContentSource" content="{EVIL_PUBLISHER}">',
    )
    (corpus / "page.html").write_text(page, encoding="utf-8")
    _write_pdf(corpus / "survey.pdf")
    out = tmp_path_factory.mktemp("out")
    report = build(corpus, out, rdf=False, jobs=1)
    assert not report.errors
    return out


@pytest.fixture(scope="module")
def page(built: Path) -> Iterator[Any]:
    path = os.environ.get("KG_CHROMIUM") or shutil.which("chromium")
    if not path:
        pytest.fail("no chromium: run scripts/install-test-deps (README test command)")
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=path, args=ARGS)
        context = browser.new_context(offline=True)
        errors: list[str] = []
        opened = context.new_page()
        opened.on("pageerror", lambda e: errors.append(str(e)))
        opened.goto((built / "graph.html").as_uri())
        opened.wait_for_function("window.kg && window.kg.stable", timeout=60_000)
        yield opened
        assert errors == []
        assert opened.evaluate("window.__pwned") is None
        browser.close()


def _click(page: Any, node: str) -> None:
    box = page.locator("#graph").bounding_box()
    point = page.evaluate(
        "id => kg.network.canvasToDOM(kg.network.getPosition(id))", node
    )
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])


def _article(built: Path, doc: str) -> str:
    data = json.loads((built / "graph.json").read_text(encoding="utf-8"))
    (node,) = (
        n["id"]
        for n in data["nodes"]
        if n["type"] == "article" and n["mentions"][0]["doc"] == doc
    )
    return str(node)


def _show(page: Any, node: str) -> None:
    fragment = f"view=centre&node={quote(node, safe=':')}&depth=1"
    url = page.url.split("#")[0]
    page.goto("about:blank")  # a new fragment alone would not reload the page
    page.goto(url + "#" + fragment)
    page.wait_for_function("window.kg && window.kg.stable", timeout=60_000)
    _click(page, node)


def test_view_sources_name_date_publisher_and_page(page: Any, built: Path) -> None:
    _show(page, "programme:三比三亮工作法")
    lines = page.locator("#panel .ev .doc").all_inner_texts()
    assert lines and all(line.startswith("page.html · 2023-03-05 · ") for line in lines)
    assert EVIL_PUBLISHER in lines[0]  # as text: nothing ran (checked on closing)
    _show(page, _article(built, "survey.pdf"))
    (line,) = page.locator("#panel .ev .doc").all_inner_texts()
    assert line.startswith("survey.pdf · 2023-03-05 ·《") and line.endswith("p. 1")


def test_view_article_panel_lists_its_document(page: Any, built: Path) -> None:
    _show(page, _article(built, "page.html"))
    table = page.locator("#panel table.document").inner_text()
    for expected in (
        "page.html",
        "梁平区推行“三比三亮”工作法",
        "2023-03-05 (metadata:pubdate)",
        EVIL_PUBLISHER,
        "http://www.cqlp.gov.cn/zwxx/2023/0305/123.html",
        "html",
    ):
        assert expected in table
    assert page.locator("#panel table.document a").get_attribute("href") == (
        "http://www.cqlp.gov.cn/zwxx/2023/0305/123.html"
    )
