"""RDF benchmark: rdflib's default store vs Oxigraph (pyoxigraph) on the bulk corpus.

The graph is built from the first FRACTION of the bulk news JSONL (the full corpus takes
too long through the current extractors), with a small loader: each record becomes a
kg Document via ``kg.ingest.parse_document`` (title + text). Then, for each store:
RDF generation, serialisation per format, load time, and the median latency of each
named query (``kg/queries/*.rq``). rdflib operations run in a forked child and are
stopped after ``--timeout`` seconds. Prints a Markdown table; files go to a temporary
folder, nothing into the repository. Usage:

    python bench/rdf_bench.py [--fraction 0.1] [--repeat 5] [--timeout 120]

The corpus is read in place from /work/shared (research use only; never copied).
"""

from __future__ import annotations

import argparse
import gzip
import json
import multiprocessing as mp
import queue
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.extract import extract
from kg.graph import to_networkx
from kg.ingest import parse_document
from kg.link import link
from kg.model import Document
from kg.query import load_store, named_queries, run_query
from kg.rdf import FORMATS, RDFLIB_NAMES, serialize, to_rdf, to_statements, write_rdf

BULK = Path("/work/shared/corpus/bulk/xwlb_2012-2026.jsonl.gz")


def read_bulk(path: Path, fraction: float) -> Iterator[Document]:
    """The first ``fraction`` of the records as Documents (ids: line numbers)."""
    with gzip.open(path, "rt", encoding="utf-8") as f:
        lines = f.readlines()
    for number, line in enumerate(lines[: int(len(lines) * fraction)]):
        record = json.loads(line)
        text = f"{record.get('title', '')}\n{record.get('text', '')}"
        yield parse_document(text, f"xwlb/{record.get('date', '')}/{number:06d}")


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def _oxigraph_rows(store: ox.Store, text: str) -> int:
    return sum(1 for _ in run_query(store, text))


SKIP = False  # --skip-rdflib: every rdflib operation reports as not run


def limited(fn: Callable[[], Any], timeout: float) -> tuple[float, Any] | None:
    """Run ``fn`` in a forked child; (seconds, value), or None past ``timeout``.

    rdflib cannot be interrupted, and some of its queries run for hours: a child
    process can be stopped. The child inherits the loaded data (fork, copy-on-write).
    """
    if SKIP:
        return None
    context = mp.get_context("fork")
    answers: Any = context.Queue()

    def run() -> None:
        answers.put(timed(fn))

    child = context.Process(target=run)
    child.start()
    try:
        answer = answers.get(timeout=timeout)
    except queue.Empty:
        answer = None
    if child.is_alive():
        child.terminate()
    child.join()
    return answer


def _median_rows(
    fn: Callable[[], int], repeat: int, budget: float
) -> tuple[float, int]:
    """Median latency of up to ``repeat`` runs (fewer when one run eats the budget)."""
    times, rows = [], 0
    spent = 0.0
    while len(times) < repeat and (not times or spent + times[-1] < budget):
        seconds, rows = timed(fn)
        times.append(seconds)
        spent += seconds
    return statistics.median(times), rows


def _first_value(store: ox.Store, text: str, var: str) -> Any:
    """The value of ``var`` in the first answer of the unbound query, if any."""
    for solution in run_query(store, text):
        return solution[var]
    return None


def _to_rdflib(term: Any) -> Any:
    from rdflib import Literal, URIRef

    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    return Literal(term.value, lang=term.language or None)


def _fmt(answer: tuple[float, Any] | None, timeout: float) -> str:
    return f"{answer[0]:.2f}" if answer else f"> {timeout:.0f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fraction", type=float, default=0.1)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--timeout", type=float, default=120.0, help="per rdflib operation (s)"
    )
    parser.add_argument(
        "--skip-rdflib", action="store_true", help="measure kg and Oxigraph only"
    )
    args = parser.parse_args()
    global SKIP
    SKIP = args.skip_rdflib

    seconds, docs = timed(lambda: list(read_bulk(BULK, args.fraction)))
    chars = sum(len(d.text) for d in docs)
    print(f"documents: {len(docs):,} ({chars:,} characters), parsed in {seconds:.1f} s")
    seconds, extracted = timed(lambda: [(d, extract(d)) for d in docs])
    print(f"extract: {seconds:.1f} s", flush=True)
    seconds, graph = timed(lambda: to_networkx(link(extracted)))
    print(
        f"link + networkx: {seconds:.1f} s; nodes {graph.number_of_nodes():,}, "
        f"edges {graph.number_of_edges():,}",
        flush=True,
    )
    by_id = {d.doc_id: d for d in docs}
    tmp = Path(tempfile.mkdtemp(prefix="kg-bench-"))
    rows: list[tuple[str, str, str]] = []

    # What kg build does now: statements, then graph.ttl and graph.trig.
    seconds, written = timed(lambda: write_rdf(graph, tmp, by_id))
    rows.append(("kg build's RDF step (graph.ttl + graph.trig)", "—", f"{seconds:.2f}"))
    seconds, statements = timed(lambda: to_statements(graph, by_id))
    quads = len(statements.nquads().splitlines())
    rows.append(
        (f"RDF statements from the graph ({quads:,} quads)", "—", f"{seconds:.2f}")
    )
    print(rows[-2:], flush=True)

    def rdflib_dataset() -> Any:
        from rdflib import Dataset

        dataset = Dataset(default_union=True)
        dataset.parse(tmp / "graph.trig", format="trig")
        return dataset

    seconds, dataset = (0.0, None) if args.skip_rdflib else timed(rdflib_dataset)
    ox_seconds, store = timed(lambda: load_store(tmp))
    rows.append(
        ("load graph.trig into the store", f"{seconds:.2f}", f"{ox_seconds:.2f}")
    )
    print(rows[-1], flush=True)
    answer = limited(
        lambda: len(to_rdf(graph).serialize(format="longturtle")), args.timeout
    )
    rows.append(
        (
            "graph → Turtle the old way (rdflib to_rdf + longturtle)",
            _fmt(answer, args.timeout),
            "—",
        )
    )
    for fmt in FORMATS:
        ox_seconds, data = timed(lambda f=fmt: serialize(statements, f))
        (tmp / f"graph.{FORMATS[fmt][1]}").write_bytes(data)
        answer = limited(
            lambda f=fmt: len(dataset.serialize(format=RDFLIB_NAMES[f])), args.timeout
        )
        rows.append(
            (
                f"write {fmt} ({len(data) / 1e6:.1f} MB)",
                _fmt(answer, args.timeout),
                f"{ox_seconds:.2f}",
            )
        )
        print(rows[-1], flush=True)

    for name, query in named_queries().items():
        seconds, count = _median_rows(
            lambda q=query: _oxigraph_rows(store, q.text), args.repeat, args.timeout
        )
        answer = limited(
            lambda q=query: _median_rows(
                lambda: len(list(dataset.query(q.text))), args.repeat, args.timeout
            ),
            args.timeout,
        )
        rl = (
            f"{answer[1][0] * 1000:,.0f} ms ({answer[1][1]} rows)"
            if answer
            else f"> {args.timeout:.0f} s"
        )
        rows.append((f"query {name}", rl, f"{seconds * 1000:,.0f} ms ({count} rows)"))
        print(rows[-1], flush=True)
        # The same query with its parameter bound to a value the data has.
        bound = _first_value(store, query.text, query.params[0].name)
        if bound is None:
            continue
        var, value = query.params[0].name, bound
        seconds, count = _median_rows(
            lambda q=query, v=var, b=value: sum(
                1 for _ in run_query(store, q.text, {ox.Variable(v): b})
            ),
            args.repeat,
            args.timeout,
        )
        answer = limited(
            lambda q=query, v=var, b=value: _median_rows(
                lambda: len(
                    list(dataset.query(q.text, initBindings={v: _to_rdflib(b)}))
                ),
                args.repeat,
                args.timeout,
            ),
            args.timeout,
        )
        rl = (
            f"{answer[1][0] * 1000:,.0f} ms ({answer[1][1]} rows)"
            if answer
            else f"> {args.timeout:.0f} s"
        )
        rows.append(
            (
                f"query {name} -p {var} {value.value}",
                rl,
                f"{seconds * 1000:,.0f} ms ({count} rows)",
            )
        )
        print(rows[-1], flush=True)

    print()
    print(
        f"{len(docs):,} documents ({args.fraction:.0%} of the bulk corpus, "
        f"{chars / 1e6:.1f} M characters), {quads:,} quads; seconds unless noted; "
        f"query latency: median of {args.repeat}"
    )
    print()
    print("| operation | rdflib (default store) | Oxigraph / kg's writers |")
    print("|---|---|---|")
    for op, rl, oxi in rows:
        print(f"| {op} | {rl} | {oxi} |")
    sizes = ", ".join(f"{p.name} {p.stat().st_size / 1e6:.1f} MB" for p in written)
    print(f"(kg build would write {sizes}; temporary files removed)")
    shutil.rmtree(tmp)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
