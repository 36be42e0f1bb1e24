"""How graph.html copes with a large graph: size, and time to a settled drawing.

Samples every Nth record of the bulk news corpus into text files under a scratch
folder (never the repository), builds the graph there, writes graph.html and opens
each view in headless Chromium (Playwright, network refused), printing node and
edge counts, the page size and the seconds from navigation to a settled layout.

    python bench/view.py --every 24 --work /tmp/kg-view-bench
    python bench/view.py --work /tmp/kg-view-bench --skip-build   # reuse graph.json
    python bench/view.py --corpus seeds --work /tmp/kg-view-seeds   # any folder
    python bench/view.py --work /tmp/kg-view-bench --skip-build --replicate 8

``--replicate K`` draws K disjoint copies of the built graph (ids and documents
renamed per copy): an upper bound for a corpus K times larger, since a real one
repeats its places and people instead of copying them.

Needs the test extra (playwright) and Chromium (scripts/install-test-deps).
"""

from __future__ import annotations

import argparse
import gzip
import json
import shutil
import time
from pathlib import Path
from urllib.parse import quote

import networkx as nx

from kg.build import build
from kg.graph import read_node_link
from kg.viz import view_data, write_html

BULK = Path("/work/shared/corpus/bulk/xwlb_2012-2026.jsonl.gz")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def sample(bulk: Path, every: int, corpus: Path) -> int:
    """Write record 0, N, 2N … as ``<line>.txt`` (title, then text)."""
    corpus.mkdir(parents=True, exist_ok=True)
    written = 0
    with gzip.open(bulk, "rt", encoding="utf-8") as lines:
        for i, line in enumerate(lines):
            if i % every == 0:
                record = json.loads(line)
                text = record["title"] + "\n" + record["text"]
                (corpus / f"{i:06d}.txt").write_text(text, encoding="utf-8")
                written += 1
    return written


def replicate(
    graph: nx.MultiDiGraph, texts: dict[str, str], copies: int
) -> tuple[nx.MultiDiGraph, dict[str, str]]:
    """``copies`` disjoint copies of the graph, each with its own ids and documents."""

    def spans(items: list[dict], k: int) -> list[dict]:
        return [{**s, "doc": f"{k}/{s['doc']}"} for s in items]

    big: nx.MultiDiGraph = nx.MultiDiGraph()
    for k in range(copies):
        for node, attrs in graph.nodes(data=True):
            big.add_node(
                f"{node}~{k}", **{**attrs, "mentions": spans(attrs["mentions"], k)}
            )
        for source, target, attrs in graph.edges(data=True):
            evidence = spans(attrs.get("evidence", []), k)
            big.add_edge(
                f"{source}~{k}", f"{target}~{k}", **{**attrs, "evidence": evidence}
            )
    return big, {f"{k}/{d}": t for k in range(copies) for d, t in texts.items()}


def measure(page_path: Path, fragments: list[str]) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=shutil.which("chromium") or "/usr/bin/chromium", args=ARGS
        )
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        for fragment in fragments:
            page.goto("about:blank")
            started = time.perf_counter()
            page.goto(f"{page_path.as_uri()}#{fragment}")
            loaded = time.perf_counter() - started
            page.wait_for_function("window.kg && window.kg.stable", timeout=600_000)
            settled = time.perf_counter() - started
            nodes = page.evaluate("kg.network.body.nodeIndices.length")
            edges = page.evaluate("kg.network.body.edgeIndices.length")
            notice = page.inner_text("#notice")
            print(
                f"view {fragment.split('&')[0]:<16} nodes {nodes:>5} edges {edges:>5}"
                f"  loaded {loaded:5.1f} s  settled {settled:5.1f} s"
                + (f"  ({notice.split('·')[-1].strip()})" if notice else "")
            )
            shot = page_path.with_name(f"view-{fragment.split('&')[0][5:]}.png")
            page.screenshot(path=str(shot))
        browser.close()
        if errors:
            print("page errors:", errors)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--every", type=int, default=24, help="keep every Nth record")
    parser.add_argument("--work", type=Path, default=Path("/tmp/kg-view-bench"))
    parser.add_argument("--bulk", type=Path, default=BULK)
    parser.add_argument("--corpus", type=Path, help="build this folder, no sample")
    parser.add_argument("--skip-build", action="store_true")
    parser.add_argument("--replicate", type=int, default=1, help="K copies")
    args = parser.parse_args()
    corpus, out = args.corpus or args.work / "corpus", args.work / "out"
    if not args.skip_build:
        if not args.corpus:
            print(f"sampled {sample(args.bulk, args.every, corpus)} records")
        report = build(corpus, out, html=False)
        print(f"build: {report.seconds:.1f} s")
    graph = read_node_link(out / "graph.json")
    texts = {
        p.relative_to(corpus).as_posix(): p.read_text(encoding="utf-8")
        for p in corpus.rglob("*.txt")
    }
    if args.replicate > 1:
        graph, texts = replicate(graph, texts, args.replicate)
        out = args.work / f"replicated-{args.replicate}"
    started = time.perf_counter()
    write_html(graph, out / "graph.html", texts)
    print(
        f"graph: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges;"
        f" graph.html {(out / 'graph.html').stat().st_size / 1e6:.1f} MB"
        f" written in {time.perf_counter() - started:.1f} s"
    )
    data = view_data(graph, texts)
    top = max(
        (n for n in data["nodes"] if n["type"] == "programme"),
        key=lambda n: (n["degree"], n["id"]),
    )
    print(f"initiative links: {len(data['initiative'])}; centre: {top['name']}")
    measure(
        out / "graph.html",
        ["view=initiative", "view=whole", f"view=centre&node={quote(top['id'])}"],
    )


if __name__ == "__main__":
    main()
