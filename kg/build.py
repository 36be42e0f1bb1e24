"""The whole pipeline: corpus → graph.json, graph.ttl, graph.trig, graph.html.

    read ─▶ cache ─▶ executor (extract) ─▶ link ─▶ graph ─▶ writers

Documents are read in corpus order (``kg.ingest``). Each is looked up in the
extraction cache (``kg.cache``, results stored by ``kg.codec``); the others go in
batches to an executor (``kg.executor``: here, worker processes or a Dask cluster),
which returns results in batch order. Every result, cached or fresh, is linked in
corpus order as soon as it and all before it are settled, so linking overlaps
extraction and its outcome does not depend on how the work was spread. The writers
run once at the end, on the linked graph and a read-only view of the corpus
(``CorpusView``), one after the other; they know nothing of processes. A document that cannot be read is reported (name and
reason) and skipped; the others still build.
"""

from __future__ import annotations

import os
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from types import MappingProxyType
from typing import Any

from kg.cache import (
    ExtractCache,
    build_inputs,
    extractor_version,
    last_build,
    remove_stamp,
    write_stamp,
)
from kg.errors import InputError
from kg.executor import executor_for
from kg.extraction import InOrder, extract_all, load_extractors
from kg.graph import count_edges, to_networkx, write_node_link
from kg.ingest import (
    DEFAULT_ID_FIELD,
    DEFAULT_TEXT_FIELD,
    SourceText,
    iter_corpus,
    list_corpus,
)
from kg.lang.rules import packs_digest, use_packs
from kg.link import Linker
from kg.metadata import annotate_graph
from kg.model import Document, DocumentMeta, Mention
from kg.outputs import Staging, check_writable, planned_names
from kg.rdf import BUILD_FORMATS, SentenceIndex, file_name, sentence_index, write_rdf
from kg.speedups import paused_gc
from kg.timeline import add_dates

# Characters of text per batch sent to a worker: large enough that pickling and
# scheduling cost little next to extraction (~1 s of work), small enough to balance.
CHUNK_CHARS = 200_000


@dataclass(slots=True)
class BuildReport:
    """What a build did, for the summary the CLI prints."""

    documents: int = 0
    chars: int = 0
    bytes_read: int = 0
    errors: list[str] = field(default_factory=list)
    nodes_by_type: Counter[str] = field(default_factory=Counter)
    edges: int = 0
    seconds: float = 0.0
    outputs: list[Path] = field(default_factory=list)
    cached: int = 0  # documents whose extraction came from the cache
    extracted: int = 0  # documents extracted in this build
    stages: dict[str, float] = field(default_factory=dict)  # seconds per stage
    # CPU seconds of this process per stage: on a shared machine wall time also
    # measures the neighbours; this does not (workers' CPU is not included).
    cpu_stages: dict[str, float] = field(default_factory=dict)
    # Peak resident memory of this process (MB) at the end of each stage: which stage
    # raised the high-water mark. Empty where the OS does not tell (Windows).
    peak_mb: dict[str, float] = field(default_factory=dict)
    # Nothing changed since the last build into this folder: nothing was read or
    # written, and the figures above are that build's (``kg.cache.last_build``).
    up_to_date: bool = False
    # Files of the corpus folder kg does not read, by suffix (``kg.formats``).
    skipped: dict[str, int] = field(default_factory=dict)


# The figures of a report that an up-to-date build repeats from the last one.
_SUMMARY = (
    "documents",
    "chars",
    "bytes_read",
    "errors",
    "nodes_by_type",
    "edges",
    "skipped",
)


@dataclass(frozen=True)
class CorpusView:
    """What the writers may read of the corpus, by document id: each text (the
    view's snippets) and where its sentences are (the RDF provenance). Read-only."""

    texts: Mapping[str, str]
    sentences: Mapping[str, SentenceIndex | Document]


class _Collected:
    """The linker and what the writers need of each document, filled in corpus
    order: the view shows snippets of the texts, the RDF writer links every span to
    its sentence (a ``SentenceIndex`` is a fraction of a parsed document's memory)."""

    def __init__(self, rdf: bool) -> None:
        self.linker = Linker()
        self.texts: dict[str, str] = {}
        self.sentences: dict[str, SentenceIndex | Document] = {}
        self.metas: dict[str, DocumentMeta] = {}
        self._rdf = rdf

    def add(self, doc: Document, mentions: list[Mention]) -> None:
        self.linker.add(doc, mentions)
        self.metas[doc.doc_id] = doc.meta
        self.texts[doc.doc_id] = doc.text  # the view's snippets; the corpus pass
        if self._rdf:
            self.sentences[doc.doc_id] = sentence_index(doc)

    def view(self) -> CorpusView:
        return CorpusView(
            MappingProxyType(self.texts), MappingProxyType(self.sentences)
        )


@dataclass(frozen=True)
class _Plan:
    """What a build was asked to do (the arguments of ``build``)."""

    corpus: Path
    out_dir: Path
    html: bool
    rdf_formats: tuple[str, ...]
    jobs: int
    cache: bool
    cluster: str | None
    text_field: str
    id_field: str
    chunk_chars: int
    include: Sequence[str]
    progress: Callable[[int, int], None] | None
    on_stage: Callable[[str], None]


def build(
    corpus: Path,
    out_dir: Path,
    *,
    html: bool = True,
    rdf: bool = True,
    rdf_formats: Iterable[str] = BUILD_FORMATS,
    progress: Callable[[int, int], None] | None = None,
    on_stage: Callable[[str], None] | None = None,
    jobs: int | None = None,
    cache: bool = True,
    cluster: str | None = None,
    text_field: str = DEFAULT_TEXT_FIELD,
    id_field: str = DEFAULT_ID_FIELD,
    chunk_chars: int = CHUNK_CHARS,
    rules: Iterable[Path] = (),
    include: Sequence[str] = (),
) -> BuildReport:
    """Build the graph of ``corpus`` into ``out_dir``.

    Args:
        corpus: a folder (read recursively: .txt, .md, .jsonl, .jsonl.gz) or one file.
        out_dir: where graph.json, graph.ttl, graph.trig and graph.html are written.
        html: also write the HTML view.
        rdf: also write the RDF files.
        rdf_formats: which RDF files: ``"turtle"`` (graph.ttl), ``"trig"``
            (graph.trig, one named graph per document), or both (the default).
        progress: called with (documents done, bytes read) after each document.
        on_stage: called with what the build does next once reading is over
            ("writing graph.json"…): the writers of a large corpus take minutes.
        jobs: worker processes for extraction; ``None`` means one per core.
        cache: reuse the extraction of unchanged documents (``out_dir/.kg-cache``).
        cluster: address of a Dask scheduler (``tcp://host:8786``) to extract on.
        text_field, id_field: the fields of a JSONL record holding text and id.
        include: name patterns of a folder's README, SOURCES and LICENSE files to
            read as documents (they are left out otherwise).
        chunk_chars: characters of text per batch sent to a worker.
        rules: user rule packs (folders of ``<label>/*.toml``) added to kg's rules
            for this build (``kg build --rules``); their rule ids are in the
            provenance of what they find.

    Raises:
        InputError: the corpus path is missing or holds no text at all.
        KgError: the cluster cannot be reached or runs other extraction rules.
        ValueError: an RDF format other than those of ``kg.rdf.BUILD_FORMATS``.
    """
    formats = _formats(rdf_formats) if rdf else ()
    # Before any work: a build never writes over a file kg did not write.
    check_writable(out_dir, planned_names(html, map(file_name, formats)))
    use_packs(rules)  # exactly these packs (none: kg's rules alone)
    # ``jobs``: cores this build may use here (a cluster's workers are elsewhere).
    plan = _Plan(
        corpus, out_dir, html, formats, jobs if jobs is not None else os.cpu_count() or 1,
        cache, cluster, text_field, id_field, chunk_chars, include, progress,
        on_stage or (lambda stage: None),
    )  # fmt: skip
    with paused_gc():  # kg.speedups: what it saves
        return _build(plan)


def _formats(asked: Iterable[str]) -> tuple[str, ...]:
    """The RDF formats asked for, in ``BUILD_FORMATS`` order."""
    wanted = set(asked)
    if unknown := wanted.difference(BUILD_FORMATS):
        raise ValueError(
            f"RDF formats a build writes: {', '.join(BUILD_FORMATS)} "
            f"(not {', '.join(sorted(unknown))}; see kg export)"
        )
    return tuple(f for f in BUILD_FORMATS if f in wanted)


def _build(plan: _Plan) -> BuildReport:
    started, started_ns = time.perf_counter(), time.time_ns()
    report = BuildReport()
    problems: list[InputError] = []
    root, files = _list(plan, report, problems)
    inputs = _inputs(plan, root, files, report, problems) if plan.cache else None
    if inputs is not None:
        summary = last_build(plan.out_dir, inputs)
        if summary is not None:
            return _repeated(summary, plan.out_dir, started)
        remove_stamp(plan.out_dir)
    sources = iter_corpus(
        root, files, text_field=plan.text_field, id_field=plan.id_field
    )
    collected = _read(plan, sources, report, problems)
    graph = _finish(collected, report, plan.on_stage)
    _write(graph, collected.view(), plan, report)
    report.nodes_by_type = Counter(a["type"] for _, a in graph.nodes(data=True))
    report.edges = count_edges(graph)
    if inputs is not None:
        summary = {name: getattr(report, name) for name in _SUMMARY}
        summary["outputs"] = [path.name for path in report.outputs]
        write_stamp(plan.out_dir, inputs, report.outputs, summary, started_ns)
    report.seconds = time.perf_counter() - started
    return report


def _list(
    plan: _Plan, report: BuildReport, problems: list[InputError]
) -> tuple[Path, list[Path]]:
    """The corpus files. What cannot be listed (a folder that cannot be opened, a
    FIFO …) goes to ``problems``: an error naming it, reported with the documents
    that cannot be read."""
    skipped: Counter[str] = Counter()
    root, files = list_corpus(
        plan.corpus, skipped=skipped, problems=problems, include=plan.include
    )
    report.skipped = dict(sorted(skipped.items()))
    return root, files


def _inputs(
    plan: _Plan,
    root: Path,
    files: list[Path],
    report: BuildReport,
    problems: list[InputError],
) -> dict[str, Any]:
    """What decides the outputs (``kg.cache.build_inputs``), taken before any file
    is read: a file changed during the build shows."""
    options = {
        "html": plan.html,
        "rdf": plan.rdf_formats,
        "text": plan.text_field,
        "id": plan.id_field,
        "rules": packs_digest(),  # the user rule packs (--rules)
        # Files kg does not read are no input, but the summary counts them.
        "skipped": report.skipped,
        "include": sorted(plan.include),
        "problems": [str(e) for e in problems],
    }
    return build_inputs(root, files, options)


def _read(
    plan: _Plan,
    sources: Iterable[SourceText | InputError],
    report: BuildReport,
    problems: list[InputError],
) -> _Collected:
    """Read, extract (or take from the cache) and link every document."""
    started, cpu_started = time.perf_counter(), time.process_time()
    # first: a cluster may be away; forked workers inherit the extractors' data
    executor = executor_for(plan.jobs, plan.cluster, load_extractors)
    fresh_out = not plan.out_dir.exists()
    store = ExtractCache(plan.out_dir, extractor_version()) if plan.cache else None
    collected = _Collected(bool(plan.rdf_formats))
    sink = InOrder(collected.add, plan.progress)
    try:
        extract_all(sources, store, executor, plan.chunk_chars, sink)
        if store is not None:
            store.prune()
    finally:
        executor.close()
        if store is not None:
            store.close()
    for tally in ("documents", "chars", "bytes_read", "cached", "extracted"):
        setattr(report, tally, getattr(sink, tally))
    report.errors = [str(e) for e in problems]
    report.errors += [message for _, message in sorted(sink.errors)]
    _note(report, "read+extract+link", started, cpu_started)
    if not report.documents:
        if store is not None and fresh_out:
            _remove_empty_cache(plan.out_dir, store.path)
        raise InputError(
            f"{plan.corpus}: no document could be read ({len(report.errors)} errors)"
        )
    return collected


def _finish(
    collected: _Collected, report: BuildReport, on_stage: Callable[[str], None]
) -> Any:
    """The linked graph as a networkx graph, with document metadata and dates."""
    on_stage("finishing the graph")
    graph = _timed(
        report,
        "graph",
        lambda: to_networkx(collected.linker.finish(collected.texts), consume=True),
    )
    annotate_graph(graph, collected.metas)  # title, date, source, publisher; pages
    collected.metas.clear()
    add_dates(graph)  # first and last dates of programmes and runs_in edges
    return graph


def _write(graph: Any, corpus: CorpusView, plan: _Plan, report: BuildReport) -> None:
    """The writers, one after the other, into a staging folder; then the whole set is
    switched in under kg-manifest.json (kg.outputs). ``report.outputs`` lists it."""
    plan.out_dir.mkdir(parents=True, exist_ok=True)
    staging = Staging(plan.out_dir)  # waits for the folder; tidies a killed build
    folder, say = staging.folder, plan.on_stage
    say("writing graph.json")
    path = folder / "graph.json"
    _timed(report, "graph.json", lambda: write_node_link(graph, path))
    if plan.html:
        from kg.viz import write_html

        say("writing graph.html")
        page = folder / "graph.html"
        _timed(report, "graph.html", lambda: write_html(graph, page, corpus.texts))
    rdf_names = [file_name(f) for f in plan.rdf_formats]
    if rdf_names:
        say("writing " + " and ".join(rdf_names))
        stage = "+".join(rdf_names).replace("+graph.", "+")  # graph.ttl+trig
        formats = plan.rdf_formats
        write = partial(write_rdf, graph, folder, corpus.sentences, formats=formats)
        _timed(report, stage, write)
    # All or nothing: the files of the last build that this one did not write (an
    # RDF format no longer asked for) go, files kg did not write stay.
    report.outputs = staging.commit(planned_names(plan.html, rdf_names))


def _repeated(summary: dict[str, Any], out_dir: Path, started: float) -> BuildReport:
    """The report of a build with nothing to do: the last build's figures."""
    report = BuildReport(
        up_to_date=True, outputs=[out_dir / n for n in summary["outputs"]]
    )
    for name in _SUMMARY:
        if name in summary:
            setattr(report, name, summary[name])
    report.nodes_by_type = Counter(summary["nodes_by_type"])
    report.seconds = time.perf_counter() - started
    return report


def _remove_empty_cache(out_dir: Path, path: Path) -> None:
    """Nothing was built into a new folder: leave nothing behind, not even a cache."""
    path.unlink(missing_ok=True)
    for folder in (path.parent, out_dir):
        try:
            folder.rmdir()
        except OSError:
            return


def _timed(report: BuildReport, stage: str, run: Callable[[], Any]) -> Any:
    started, cpu_started = time.perf_counter(), time.process_time()
    value = run()
    _note(report, stage, started, cpu_started)
    return value


def _note(report: BuildReport, stage: str, started: float, cpu_started: float) -> None:
    """Wall and CPU seconds of a stage, and this process's peak memory after it."""
    report.stages[stage] = time.perf_counter() - started
    report.cpu_stages[stage] = time.process_time() - cpu_started
    peak = _peak_mb()
    if peak is not None:
        report.peak_mb[stage] = peak


def _peak_mb() -> float | None:
    """This process's peak resident memory in MB; None where the OS does not tell."""
    try:
        import resource
    except ImportError:  # not on Windows
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # ru_maxrss is in KiB on Linux, in bytes on macOS.
    return peak / (2**20 if sys.platform == "darwin" else 2**10)
