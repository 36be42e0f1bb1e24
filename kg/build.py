"""The whole pipeline: corpus folder → graph.json, graph.ttl, graph.html.

ingest → extract → link → graph → rdf / view. A document that cannot be read is
reported (name and reason) and skipped; the others still build.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import InputError
from kg.extract import extract
from kg.graph import to_networkx, write_node_link
from kg.ingest import iter_corpus, list_corpus, read_document
from kg.link import link
from kg.model import Document, Mention
from kg.rdf import write_rdf


@dataclass(slots=True)
class BuildReport:
    """What a build did, for the summary the CLI prints."""

    documents: int = 0
    chars: int = 0
    errors: list[str] = field(default_factory=list)
    nodes_by_type: Counter[str] = field(default_factory=Counter)
    edges: int = 0
    seconds: float = 0.0
    outputs: list[Path] = field(default_factory=list)


def build(
    corpus: Path,
    out_dir: Path,
    *,
    html: bool = True,
    progress: Callable[[int, int], None] | None = None,
) -> BuildReport:
    """Build the graph of ``corpus`` into ``out_dir``.

    Args:
        corpus: a folder (read recursively: .txt, .md) or a single file.
        out_dir: where graph.json, graph.ttl and graph.html are written.
        html: also write the HTML view.
        progress: called with (files done, files in all) after each file.

    Raises:
        InputError: the corpus path is missing or holds no text at all.
    """
    started = time.perf_counter()
    report = BuildReport()
    extracted: list[tuple[Document, list[Mention]]] = []
    root, files = list_corpus(corpus)
    for item in iter_corpus(root, files):
        if isinstance(item, InputError):
            report.errors.append(str(item))
        else:
            try:
                doc = read_document(item)
            except InputError as e:
                report.errors.append(str(e))
            else:
                extracted.append((doc, extract(doc)))
                report.documents += 1
                report.chars += len(doc.text)
        if progress:
            progress(report.documents + len(report.errors), len(files))
    if not extracted:
        raise InputError(
            f"{corpus}: no document could be read ({len(report.errors)} errors)"
        )
    graph = to_networkx(link(extracted))
    out_dir.mkdir(parents=True, exist_ok=True)
    write_node_link(graph, out_dir / "graph.json")
    report.outputs = [out_dir / "graph.json"]
    report.outputs += write_rdf(graph, out_dir, {d.doc_id: d for d, _ in extracted})
    if html:
        from kg.viz import write_html

        write_html(
            graph, out_dir / "graph.html", {d.doc_id: d.text for d, _ in extracted}
        )
        report.outputs.append(out_dir / "graph.html")
    report.nodes_by_type = Counter(a["type"] for _, a in graph.nodes(data=True))
    report.edges = graph.number_of_edges()
    report.seconds = time.perf_counter() - started
    return report
