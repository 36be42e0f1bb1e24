"""Writer benchmark: CPU seconds and peak memory of graph.json, Turtle+TriG and the view.

The graph is the one ``kg build`` makes of the first N % of the bulk news corpus
(records in file order). The slice is written to a work folder outside the
repository (default: the system's temporary folder) and built once with
``kg.build.build`` and its extraction cache; the writers are then stubbed out so the
build only hands over the graph, the parsed documents and the texts, which are
pickled. Every writer then runs in its own forked child, ``--repeat`` times:

- CPU seconds (``time.process_time``; the machine may be shared, wall time is not);
- extra peak memory: the child's peak RSS (VmHWM, reset before the writer) minus
  its RSS before the writer ran, i.e. what the writer adds on top of the graph the build holds anyway.

    python bench/write_bench.py [--percent 10] [--repeat 3] [--work /tmp/kg-write-bench]
    python bench/write_bench.py --writers graph.ttl+trig,oxigraph   # kg's RDF writer
                                        # against pyoxigraph's serialisers

The corpus is read in place from /work/shared (research use only; never copied into
the repository).
"""

from __future__ import annotations

import argparse
import gc
import gzip
import json
import multiprocessing as mp
import pickle
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BULK = ROOT.parent / "shared" / "corpus" / "bulk" / "xwlb_2012-2026.jsonl.gz"


def slice_corpus(corpus: Path, percent: float, work: Path) -> Path:
    """The first ``percent`` % of the records, as a .jsonl.gz in ``work`` (made once)."""
    path = work / f"s{percent:g}.jsonl.gz"
    if path.exists():
        return path
    with gzip.open(corpus, "rb") as f:
        lines = [line for line in f if line.strip()]
    tmp = path.with_suffix(".tmp")
    with gzip.open(tmp, "wb", compresslevel=1) as out:
        out.writelines(lines[: int(len(lines) * percent / 100)])
    tmp.replace(path)
    return path


def prepare(corpus: Path, percent: float, work: Path) -> Path:
    """Build the slice's graph (extraction cached in ``work``) and pickle what the
    writers get: (graph, docs, texts)."""
    pickled = work / f"s{percent:g}.writers.pickle"
    if pickled.exists():
        return pickled
    import kg.build
    import kg.viz

    got: dict[str, Any] = {}
    saved = kg.build.write_node_link, kg.build.write_rdf, kg.viz.write_html
    # Stubs: the build hands its graph and inputs to these instead of writing.
    kg.build.write_node_link = lambda graph, path: got.update(graph=graph)  # type: ignore[assignment]
    kg.build.write_rdf = lambda graph, out, docs, **_: got.update(docs=dict(docs)) or []  # type: ignore[assignment]
    kg.viz.write_html = lambda graph, path, texts: got.update(texts=texts)  # type: ignore[assignment]
    try:
        # jobs=1: with more, the RDF writer runs in a forked child, out of the stub's reach.
        kg.build.build(
            slice_corpus(corpus, percent, work), work / f"s{percent:g}.out", jobs=1
        )
    finally:  # the measured children are forked from this process
        kg.build.write_node_link, kg.build.write_rdf, kg.viz.write_html = saved
    tmp = pickled.with_suffix(".tmp")  # a failed run leaves no empty pickle behind
    with tmp.open("wb") as f:
        pickle.dump((got["graph"], got["docs"], got["texts"]), f, protocol=5)
    tmp.replace(pickled)
    return pickled


def _status_mb(field: str) -> float:
    """A memory figure of /proc/self/status (VmRSS, VmHWM), in MB."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    raise KeyError(field)


def _reset_peak() -> None:
    """Start VmHWM afresh (Linux ≥ 4.0), so unpickling's peak does not count."""
    with open("/proc/self/clear_refs", "w") as f:
        f.write("5")


def _child(pickled: str, writer: str, out: str, answers: Any) -> None:
    from kg.graph import write_node_link
    from kg.rdf import write_rdf
    from kg.viz import write_html

    with open(pickled, "rb") as f:
        graph, docs, texts = pickle.load(f)
    runs: dict[str, Callable[[], Any]] = {
        "graph.json": lambda: write_node_link(graph, Path(out) / "graph.json"),
        "graph.ttl+trig": lambda: write_rdf(graph, Path(out), docs),
        "graph.html": lambda: write_html(graph, Path(out) / "graph.html", texts),
        "oxigraph": lambda: _via_oxigraph(graph, docs, Path(out)),
    }
    gc.collect()
    _reset_peak()
    before = _status_mb("VmRSS")
    cpu = time.process_time()
    runs[writer]()
    cpu = time.process_time() - cpu
    answers.put((cpu, _status_mb("VmHWM") - before))


def _via_oxigraph(graph: Any, docs: Any, out: Path) -> None:
    """Turtle and TriG of kg's statements through pyoxigraph's (Rust) serialisers:
    the compiled route kg's own writer is compared with. pyoxigraph gets the
    statements as N-Quads text; its files have its own layout (and the Turtle
    repeats a triple found in several documents' graphs)."""
    import pyoxigraph as ox

    from kg.rdf import prefixes, to_statements

    nquads = to_statements(graph, docs).nquads().encode("utf-8")
    quads = list(ox.parse(nquads, format=ox.RdfFormat.N_QUADS))
    ox.serialize(
        quads, str(out / "oxigraph.trig"), format=ox.RdfFormat.TRIG, prefixes=prefixes()
    )
    triples = (ox.Triple(q.subject, q.predicate, q.object) for q in quads)
    ox.serialize(
        triples,
        str(out / "oxigraph.ttl"),
        format=ox.RdfFormat.TURTLE,
        prefixes=prefixes(),
    )


def measure(pickled: Path, writer: str, out: Path) -> tuple[float, float]:
    """(CPU seconds, extra peak MB) of one run of ``writer`` in a fresh process."""
    context = mp.get_context("fork")
    answers: Any = context.Queue()
    child = context.Process(
        target=_child, args=(str(pickled), writer, str(out), answers)
    )
    child.start()
    result = answers.get()
    child.join()
    return result  # type: ignore[no-any-return]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=BULK)
    parser.add_argument("--percent", type=float, default=10)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--work", type=Path, default=Path(tempfile.gettempdir()) / "kg-write-bench"
    )
    parser.add_argument("--writers", default="graph.json,graph.ttl+trig,graph.html")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    pickled = prepare(args.corpus, args.percent, args.work)
    out = args.work / "out"
    out.mkdir(exist_ok=True)
    print(f"{args.percent:g} % of {args.corpus.name}; median of {args.repeat} runs")
    print("| writer | CPU s | extra peak MB | output MB |")
    print("|---|---:|---:|---:|")
    results = {}
    for writer in args.writers.split(","):
        runs = [measure(pickled, writer, out) for _ in range(args.repeat)]
        cpu = statistics.median(r[0] for r in runs)
        peak = statistics.median(r[1] for r in runs)
        names = {
            "graph.ttl+trig": ["graph.ttl", "graph.trig"],
            "oxigraph": ["oxigraph.ttl", "oxigraph.trig"],
        }.get(writer, [writer])
        size = sum((out / n).stat().st_size for n in names) / 2**20
        results[writer] = {"cpu": cpu, "peak_mb": peak, "runs": runs}
        print(f"| {writer} | {cpu:.2f} | {peak:.0f} | {size:.0f} |")
    json.dump(results, sys.stderr)
    print(file=sys.stderr)


if __name__ == "__main__":
    main()
