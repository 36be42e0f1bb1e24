from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kg.extract import extract
from kg.ingest import SourceText, parse_document, read_document
from kg.model import Document, Mention

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--perf",
        action="store_true",
        help="also run the tests marked perf: a fast path equals its slow path, "
        "scaling, process mechanics, the held-out corpus (CI runs them)",
    )
    parser.addoption(
        "--refresh-golden",
        action="store_true",
        help="rewrite tests/golden/ from what kg makes now (review the diff!)",
    )


def pytest_collection_modifyitems(
    config: pytest.Config, items: list[pytest.Item]
) -> None:
    """Without ``--perf``, the tests marked perf are deselected (not run, not shown
    as skipped): the default run checks behaviour, CI and ``--perf`` everything."""
    if config.getoption("--perf"):
        return
    kept, dropped = [], []
    for item in items:
        (dropped if item.get_closest_marker("perf") else kept).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


@pytest.fixture(scope="session")
def seed_docs() -> list[tuple[Document, list[Mention]]]:
    docs = []
    for path in sorted(SEEDS.glob("*.txt")):
        doc = read_document(SourceText(path.name, path.read_bytes()))
        docs.append((doc, extract(doc)))
    return docs


def make_doc(text: str) -> Document:
    return parse_document(text, "test.txt")


def linked_graph(text: str) -> Any:
    """The NetworkX graph linked from ``text`` alone."""
    from kg.graph import to_networkx
    from kg.link import link

    doc = make_doc(text)
    return to_networkx(link([(doc, extract(doc))]))


def linked_names(text: str, name: str, edge_type: str) -> set[str]:
    """The names the node called ``name`` points to by ``edge_type`` edges, in the
    graph linked from ``text`` alone."""
    graph = linked_graph(text)
    nodes = [n for n, a in graph.nodes(data=True) if a.get("name") == name]
    assert nodes, name
    node = nodes[0]
    return {
        graph.nodes[t]["name"]
        for _, t, a in graph.out_edges(node, data=True)
        if a["type"] == edge_type
    }


@pytest.fixture(scope="session")
def built_seeds(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds built once (graph.json, graph.ttl, graph.trig) for RDF/query tests."""
    from kg.build import build

    out = tmp_path_factory.mktemp("seeds-out")
    build(SEEDS, out, html=False)
    return out


def group_stats(group: int) -> dict[int, list[str]]:
    """The live (not zombie) processes of a process group, by pid: the fields of
    ``/proc/PID/stat`` after the command name (``[0]`` state, ``[2]`` process group,
    ``[11]``/``[12]`` user/system ticks). Empty where there is no /proc."""
    found: dict[int, list[str]] = {}
    proc = Path("/proc")
    if not proc.is_dir():
        return found
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        if fields[0] != "Z" and int(fields[2]) == group:
            found[int(entry.name)] = fields
    return found
