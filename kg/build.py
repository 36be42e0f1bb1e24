"""The whole pipeline: corpus → graph.json, graph.ttl, graph.trig, graph.html.

ingest → extract → link → graph → rdf / view. Reading and extraction are per
document and pure, so they run in chunks on worker processes (``jobs``) or on a Dask
cluster (``cluster``), and their results are cached by document content
(``kg.cache``). This process links each document as soon as it and all documents
before it in the corpus are settled, so linking overlaps extraction and its order (the
corpus order) does not depend on how the work was spread; the writers run once at the
end: graph.json and the view in a forked child when there is a second core, the
RDF files (which take longest) here meanwhile. A document that
cannot be read is reported (name and reason) and skipped; the others still build.
"""

from __future__ import annotations

import os
import pickle
import sys
import time
import zlib
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import BrokenExecutor
from dataclasses import dataclass, field, fields
from itertools import chain, islice
from pathlib import Path
from typing import Any, Protocol

from kg.cache import (
    ExtractCache,
    build_inputs,
    document_key,
    extractor_version,
    last_build,
    remove_stamp,
    write_stamp,
)
from kg.errors import InputError, KgError
from kg.extract import extract, release_resources
from kg.graph import count_edges, to_networkx, write_node_link
from kg.ingest import (
    DEFAULT_ID_FIELD,
    DEFAULT_TEXT_FIELD,
    SourceText,
    iter_corpus,
    list_corpus,
    read_document,
)
from kg.lang.rules import active_packs, packs_digest, use_packs
from kg.link import Linker
from kg.memory import give_back, leave_to_exit, paused_gc
from kg.metadata import annotate_graph
from kg.model import Article, Document, DocumentMeta, Mention
from kg.outputs import Staging, check_writable, planned_names
from kg.rdf import (
    BUILD_FORMATS,
    SentenceIndex,
    file_name,
    sentence_index,
    write_rdf,
)
from kg.timeline import add_dates

# Characters of text per chunk sent to a worker: large enough that pickling and
# scheduling cost little next to extraction (~1 s of work), small enough to balance.
CHUNK_CHARS = 200_000
# A rebuild that finds only a few changed documents extracts them as one chunk, with
# no worker pool. In a build this large that chunk is extracted in a forked child:
# here, it would load the extractors' data (~170 MB) into the process that goes on
# to link and write, which keeps it, or the holes it leaves, to the end (on the bulk
# corpus with 10 changed documents: 1,392 MB before the graph stage, against 1,119 MB
# with none).
ISOLATE_AFTER_CHARS = 5_000_000
# Documents looked up in the extraction cache with one query.
LOOKUP_BATCH = 500

Extracted = tuple[Document, list[Mention]]
# A document sent to a worker: (doc id, bytes or text[, a JSONL record's fields]).
Payload = tuple[Any, ...]
# What a worker returns per document: the pickled (Document, mentions), or an error.
Outcome = tuple[bytes | None, str | None]


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


class _Future(Protocol):
    def result(self) -> Any: ...

    def done(self) -> bool: ...


class _Runner(Protocol):
    """Runs ``extract_chunk`` somewhere: here, a process pool or a Dask cluster."""

    slots: int

    def submit(self, chunk: list[Payload], compress: bool) -> _Future: ...

    def close(self) -> None: ...


def extract_chunk(
    chunk: list[Payload],
    compress: bool = True,
    packs: tuple[str, ...] = (),
) -> tuple[str, list[Outcome]]:
    """Read and extract a chunk of documents; runs on a worker.

    ``packs``: the user rule packs to extract with (``kg build --rules``), as paths
    the worker can read (a forked worker has them active already).

    Returns the extractor version the worker runs (the caller refuses results from
    other rules) and, per document, a pickle of ``(Document, mentions)`` (compressed
    if ``compress``: worth it only when the result crosses a network) or an error
    message naming the document.
    """
    use_packs(Path(p) for p in packs)
    outcomes: list[Outcome] = []
    for doc_id, data, *record_fields in chunk:  # a JSONL record's metadata
        try:
            doc = read_document(SourceText(doc_id, data, *record_fields))
            found = extract(doc)
        except InputError as e:
            outcomes.append((None, str(e)))
            continue
        except Exception as e:
            # One odd document must not stop a 70,000-document build; it is reported
            # as an error (exit status 1), not dropped silently.
            outcomes.append(
                (None, f"{doc_id}: extraction failed ({type(e).__name__}: {e})")
            )
            continue
        outcomes.append((_pack((doc, found), compress), None))
    return extractor_version(), outcomes


def _packs() -> tuple[str, ...]:
    """The active rule packs, as paths for ``extract_chunk`` on a worker."""
    return tuple(str(p) for p in active_packs())


def _init_fields(cls: type) -> tuple[str, ...]:
    # Fields passed to the constructor; the _-prefixed ones are derived from them.
    return tuple(f.name for f in fields(cls) if not f.name.startswith("_"))


_DOC_FIELDS = _init_fields(Document)
_ARTICLE_FIELDS = _init_fields(Article)
_MENTION_FIELDS = _init_fields(Mention)


def _pack(item: Extracted, compress: bool = True) -> bytes:
    """A document and its mentions as plain tuples, pickled (and compressed).

    Unpickling slotted dataclasses goes through ``dataclasses.fields()`` for every
    object, and was the slowest part of collecting results; tuples rebuilt with the
    constructors are 3x faster. zlib level 1 (``compress``) shrinks a result to 40 %
    (most of it is text) but is two thirds of ``_pack``'s time: only results sent
    over a network are compressed. ``_unpack`` reads both (and a cache may hold
    both): a pickle starts with 0x80, a zlib stream with 0x78.
    """
    doc, mentions = item
    values = [getattr(doc, name) for name in _DOC_FIELDS]
    values[_DOC_FIELDS.index("articles")] = [
        tuple(getattr(a, name) for name in _ARTICLE_FIELDS) for a in doc.articles
    ]
    text, name, attrs = (_MENTION_FIELDS.index(f) for f in ("text", "name", "attrs"))
    rows = []
    for m in mentions:
        row = [getattr(m, column) for column in _MENTION_FIELDS]
        # attrs may be a read-only mapping proxy, which pickle refuses: send a dict.
        row[attrs] = dict(m.attrs)
        # A name is nearly always the text as written (99 % on the bulk corpus) but
        # a string of its own: given the same object, pickle writes it once, and the
        # main process makes (and keeps, in the linked graph) one string, not two.
        if row[name] == row[text]:
            row[name] = row[text]
        rows.append(tuple(row))
    data = pickle.dumps((values, rows), protocol=pickle.HIGHEST_PROTOCOL)
    return zlib.compress(data, 1) if compress else data


def _unpack(blob: bytes) -> Extracted:
    data = blob if blob[:1] == b"\x80" else zlib.decompress(blob)
    values, rows = pickle.loads(data)
    index = _DOC_FIELDS.index("articles")
    values[index] = tuple(Article(*a) for a in values[index])
    return Document(*values), [Mention(*row) for row in rows]


class _Inline:
    """No workers: extraction in this process (``jobs=1`` and small corpora)."""

    slots = 1

    class _Done:
        def __init__(self, value: Any) -> None:
            self.value = value

        def result(self) -> Any:
            return self.value

        def done(self) -> bool:
            return True

    def submit(self, chunk: list[Payload], compress: bool) -> _Future:
        return self._Done(extract_chunk(chunk, compress, _packs()))

    def close(self) -> None:
        pass


class _Pool:
    """A local process pool.

    Forked where the system can (Linux, macOS): "spawn" re-runs the caller's main
    module in every worker, which breaks scripts and notebooks calling ``build``
    without a ``__main__`` guard. Workers get only chunks, so nothing but the loaded
    modules is shared.
    """

    def __init__(self, jobs: int, warm: bool = True) -> None:
        """``warm``: load the extractors' data here first, for the forked workers to
        share (a whole build); else each worker loads it (a rebuild, whose workers
        start while this process goes on reading and linking)."""
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        methods = multiprocessing.get_all_start_methods()
        method = "fork" if "fork" in methods else "spawn"
        warm = warm and method == "fork"
        if warm:
            _warm_up()
        self.slots = jobs
        self._released = not warm  # nothing loaded here to release
        self._pool = ProcessPoolExecutor(
            jobs, mp_context=multiprocessing.get_context(method)
        )

    def submit(self, chunk: list[Payload], compress: bool) -> _Future:
        future = self._pool.submit(extract_chunk, chunk, compress, _packs())
        if not self._released:
            # The first submit forks every worker (a forking pool starts them all
            # at once), so this process can drop the extractors' data: it links and
            # writes, and a build's peak memory comes at the end.
            self._released = True
            release_resources()
            give_back()
        return future

    def close(self) -> None:
        self._pool.shutdown(cancel_futures=True)


# A short text that makes every extractor load what it loads on first use (the
# gazetteer and its automata, jieba's dictionary and POS tables, word lists).
_WARM_UP_TEXT = (
    "重庆市梁平区双桂街道推行“院落会”议事制度，投入资金1.2亿元。"
    "区委书记张三说，兴隆村建设曙光湖公园，2023年接待游客3万人次。"
)


def _warm_up() -> None:
    """Load the extractors' data once here, before the workers are forked.

    A forked worker inherits it instead of loading it again: about 4 s of CPU per
    worker otherwise, which on two cores is paid in wall time.
    """
    from kg.ingest import parse_document

    extract(parse_document(_WARM_UP_TEXT, "warm-up"))


class _Dask:
    """Extraction on a Dask distributed cluster; workers need kg installed."""

    def __init__(self, address: str) -> None:
        try:
            from distributed import Client
        except ImportError as e:
            raise KgError(
                "--cluster needs Dask distributed: pip install 'kg[cluster]'"
            ) from e
        try:
            self._client = Client(address, timeout="5s")
        except OSError as e:
            raise KgError(f"cannot reach the cluster at {address}: {e}") from e
        self.slots = max(1, sum(self._client.nthreads().values()))

    def submit(self, chunk: list[Payload], compress: bool) -> _Future:
        # pure=False: no hashing of the whole chunk to build a task key.
        future: _Future = self._client.submit(
            extract_chunk, chunk, compress, _packs(), pure=False
        )
        return future

    def close(self) -> None:
        self._client.close()


def _batches(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """``items`` in lists of ``size`` (the last one shorter): ``itertools.batched``
    of Python 3.12."""
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _chunks(
    items: Iterable[tuple[int, SourceText, str | None] | None], chunk_chars: int
) -> Iterator[tuple[list[tuple[int, SourceText, str | None]], bool]]:
    """Group documents into chunks of about ``chunk_chars`` characters, in order;
    each with whether it is the last, sent off when ``items`` ran out.

    ``None`` in ``items`` marks the end of a batch of cache lookups. A chunk begun
    before the previous mark is sent off at the next, full or not: in a rebuild,
    documents to extract are few and far between, and one must not wait for the
    next one, or for the end of the corpus, while every document after it waits to
    be linked (and is held in memory until then).
    """
    chunk: list[tuple[int, SourceText, str | None]] = []
    size = 0
    marks = 0  # batch marks seen since the chunk began
    for item in items:
        if item is None:
            if chunk:
                marks += 1
                if marks >= 2:
                    yield chunk, False
                    chunk, size, marks = [], 0, 0
            continue
        chunk.append(item)
        size += len(item[1].data)
        if size >= chunk_chars:
            yield chunk, False
            chunk, size, marks = [], 0, 0
    if chunk:
        yield chunk, True


class _Extraction:
    """The read + extract stage: every document once, from cache or from a runner.

    Each result goes to ``consume`` in corpus order, whatever order the cache and the
    workers settle documents in: results that arrive early wait for the ones before.
    """

    def __init__(
        self,
        report: BuildReport,
        cache: ExtractCache | None,
        progress: Callable[[int, int], None] | None,
        consume: Callable[[Document, list[Mention]], None] | None = None,
    ) -> None:
        self.report = report
        self.cache = cache
        self.progress = progress
        self.consume = consume or (lambda doc, mentions: None)
        self.errors: list[tuple[int, str]] = []  # (corpus position, message)
        self.version = extractor_version()
        self._waiting: dict[int, Extracted | None] = {}  # settled, not yet consumed
        self._next = 0  # corpus position of the next document to consume
        # Called between batches of cache lookups: collects finished extractions.
        self.poll: Callable[[], None] = lambda: None

    def misses(
        self, sources: Iterable[SourceText | InputError]
    ) -> Iterator[tuple[int, SourceText, str | None] | None]:
        """The documents to extract; cache hits and read errors are settled here.

        With a cache, ``None`` marks the end of each batch of documents looked up,
        after ``poll`` has been called (see ``_run``).
        """
        cache = self.cache
        if cache is None:
            for seq, item in enumerate(sources):
                if isinstance(item, InputError):
                    self._fail(seq, str(item))
                else:
                    yield seq, item, None
            return
        # The cache is asked for a batch of documents at a time: one query per
        # document cost 0.9 s on the bulk corpus, one per batch 0.25 s.
        for batch in _batches(enumerate(sources), LOOKUP_BATCH):
            keys = [
                document_key(item.doc_id, item.data, self.version, item.fields)
                if not isinstance(item, InputError)
                else ""
                for _, item in batch
            ]
            found = cache.get_many([key for key in keys if key])
            for (seq, item), key in zip(batch, keys, strict=True):
                if isinstance(item, InputError):
                    self._fail(seq, str(item))
                    continue
                blob = found.get(key)
                if blob is not None:
                    self._accept(seq, _unpack(blob), item.size)
                    self.report.cached += 1
                    continue
                yield seq, item, key
            self.poll()
            yield None

    def collect(
        self, chunk: list[tuple[int, SourceText, str | None]], result: Any
    ) -> None:
        version, outcomes = result
        if version != self.version:
            raise KgError(
                f"a worker runs other extraction rules (version {version}, here "
                f"{self.version}): install the same kg on every worker"
            )
        for (seq, source, key), (blob, error) in zip(chunk, outcomes, strict=True):
            if blob is None:
                self._fail(seq, error or "unknown error", source.size)
                continue
            if self.cache is not None and key is not None:
                self.cache.put(key, blob)
            self._accept(seq, _unpack(blob), source.size)
            self.report.extracted += 1

    def _accept(self, seq: int, item: Extracted, size: int) -> None:
        self.report.documents += 1
        self.report.chars += len(item[0].text)
        self.report.bytes_read += size
        self._settle(seq, item)
        self._tick()

    def _fail(self, seq: int, message: str, size: int = 0) -> None:
        # Counted when done, not when read: reading runs a few chunks ahead.
        self.errors.append((seq, message))
        self.report.bytes_read += size
        self._settle(seq, None)
        self._tick()

    def _settle(self, seq: int, item: Extracted | None) -> None:
        self._waiting[seq] = item
        while self._next in self._waiting:
            ready = self._waiting.pop(self._next)
            self._next += 1
            if ready is not None:
                self.consume(*ready)

    def _tick(self) -> None:
        if self.progress:
            self.progress(
                self.report.documents + len(self.errors), self.report.bytes_read
            )


def _run(
    extraction: _Extraction,
    sources: Iterable[SourceText | InputError],
    make_runner: Callable[[bool], _Runner],
    chunk_chars: int,
    *,
    remote: bool = False,
) -> None:
    """Feed chunks to the runner with a bounded number in flight.

    The corpus is read as it is consumed (JSONL is streamed), at most a few chunks
    ahead of the workers. A local pool starts only when a second chunk exists, so a
    small corpus never pays for starting processes; a ``remote`` runner (a cluster
    the user asked for) is always used.

    A rebuild (the cache holds results of these rules) does not wait to know how
    many documents there are to extract: the runner starts with the first, its workers
    loading the extractors themselves while this process reads and links on, and
    finished chunks are collected between cache lookups.
    """
    runner: _Runner | None = None
    # Results are compressed only to cross a network. Through a local pipe and into
    # the cache they go as they are: on the bulk corpus, zlib cost the workers 3.9 s
    # of CPU and this process 1.3 s to decompress, to save 170 MB of cache on disk.
    compress = remote
    pending: deque[tuple[list[tuple[int, SourceText, str | None]], _Future]] = deque()

    def collect_done() -> None:
        while pending and pending[0][1].done():
            done, future = pending.popleft()
            extraction.collect(done, future.result())

    extraction.poll = collect_done
    marked = _chunks(extraction.misses(sources), chunk_chars)
    chunks = (chunk for chunk, _ in marked)  # the same chunks, after the first
    try:
        first, last = next(marked, (None, True))
        if first is None:
            return
        # Sent off before the end of the corpus, in a rebuild: more to read, most of
        # it from the cache.
        rebuild = not last and extraction.cache is not None and extraction.cache.filled
        second = None if rebuild else next(chunks, None)
        if second is None and not remote and not rebuild:
            payload = _payload(first)
            if extraction.report.chars > ISOLATE_AFTER_CHARS and _can_fork():
                result = _Forked(lambda: extract_chunk(payload, compress)).join(
                    "extraction of the changed documents"
                )
            else:
                result = _Inline().submit(payload, compress).result()
            extraction.collect(first, result)
            return
        runner = make_runner(not rebuild)
        for chunk in (
            _prepend(first, second, chunks) if second else chain([first], chunks)
        ):
            while len(pending) >= 2 * runner.slots:
                done, future = pending.popleft()
                extraction.collect(done, future.result())
            pending.append((chunk, runner.submit(_payload(chunk), compress)))
        while pending:
            done, future = pending.popleft()
            extraction.collect(done, future.result())
    except BrokenExecutor as e:  # a worker killed (out of memory?) or crashed
        raise KgError(
            f"an extraction worker stopped without a result (out of memory?): {e}"
        ) from e
    finally:
        if runner is not None:
            runner.close()


def _prepend(
    a: list[Any], b: list[Any], rest: Iterator[list[Any]]
) -> Iterator[list[Any]]:
    yield a
    yield b
    yield from rest


def _payload(
    chunk: list[tuple[int, SourceText, str | None]],
) -> list[Payload]:
    # A JSONL record's metadata fields travel with it (most texts have none).
    return [
        (source.doc_id, source.data, source.fields)
        if source.fields
        else (source.doc_id, source.data)
        for _, source, _ in chunk
    ]


def _runner_factory(jobs: int, cluster: str | None) -> Callable[[bool], _Runner]:
    """What makes the runner; its argument says whether a local pool warms up."""
    if cluster:
        return lambda warm: _Dask(cluster)
    if jobs <= 1:
        # A rebuild extracts its few documents in one worker process all the same:
        # loaded here, the extractors' data would stay to the end (see
        # ISOLATE_AFTER_CHARS).
        return lambda warm: _Inline() if warm else _Pool(1, warm=False)
    return lambda warm: _Pool(jobs, warm)


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
        chunk_chars: characters of text per chunk sent to a worker.
        rules: user rule packs (folders of ``<label>/*.toml``) added to kg's rules
            for this build (``kg build --rules``); their rule ids are in the
            provenance of what they find.

    Raises:
        InputError: the corpus path is missing or holds no text at all.
        KgError: the cluster cannot be reached or runs other extraction rules.
        ValueError: an RDF format other than those of ``kg.rdf.BUILD_FORMATS``.
    """
    asked = set(rdf_formats)
    if unknown := asked.difference(BUILD_FORMATS):
        raise ValueError(
            f"RDF formats a build writes: {', '.join(BUILD_FORMATS)} "
            f"(not {', '.join(sorted(unknown))}; see kg export)"
        )
    formats = tuple(f for f in BUILD_FORMATS if f in asked) if rdf else ()
    check_writable(out_dir, planned_names(html, map(file_name, formats)))
    use_packs(rules)  # exactly these packs (none: kg's rules alone)
    # The build makes millions of long-lived objects and no cycles (extraction of
    # 1,489 news items leaves 0 unreachable): the collector is paused throughout.
    with paused_gc():
        return _build(
            corpus,
            out_dir,
            html=html,
            rdf_formats=formats,
            progress=progress,
            on_stage=on_stage or (lambda stage: None),
            jobs=jobs,
            cache=cache,
            cluster=cluster,
            text_field=text_field,
            id_field=id_field,
            chunk_chars=chunk_chars,
            include=include,
        )


def _build(
    corpus: Path,
    out_dir: Path,
    *,
    html: bool,
    rdf_formats: tuple[str, ...],
    progress: Callable[[int, int], None] | None,
    on_stage: Callable[[str], None],
    jobs: int | None,
    cache: bool,
    cluster: str | None,
    text_field: str,
    id_field: str,
    chunk_chars: int,
    include: Sequence[str],
) -> BuildReport:
    started, cpu_started = time.perf_counter(), time.process_time()
    started_ns = time.time_ns()
    report = BuildReport()
    rdf = bool(rdf_formats)
    skipped: Counter[str] = Counter()
    # What cannot be listed (a folder that cannot be opened, a FIFO …) is an error
    # naming it, reported with the documents that cannot be read.
    problems: list[InputError] = []
    root, files = list_corpus(
        corpus, skipped=skipped, problems=problems, include=include
    )
    report.skipped = dict(sorted(skipped.items()))
    inputs = None
    if cache:
        # Taken before any file is read: a file changed during the build shows.
        options = {"html": html, "rdf": rdf_formats, "text": text_field, "id": id_field}
        options["rules"] = packs_digest()  # the user rule packs (--rules)
        # Files kg does not read are no input, but the summary counts them.
        options["skipped"] = report.skipped
        options["include"] = sorted(include)
        options["problems"] = [str(e) for e in problems]
        inputs = build_inputs(root, files, options)
        summary = last_build(out_dir, inputs)
        if summary is not None:
            return _repeated(summary, out_dir, started)
        remove_stamp(out_dir)
    sources = iter_corpus(root, files, text_field=text_field, id_field=id_field)
    # Cores this build may use here (a cluster's workers are elsewhere).
    local_jobs = jobs if jobs is not None else os.cpu_count() or 1
    runner = _runner_factory(local_jobs, cluster)
    fresh_out = not out_dir.exists()
    store = ExtractCache(out_dir, extractor_version()) if cache else None
    # Documents are linked as they arrive, in corpus order, while the workers go on
    # extracting the next ones. Of each document, only what the writers need is kept:
    # the view shows snippets of the texts, the RDF writer links every span to its
    # sentence (a ``SentenceIndex`` is a fraction of a parsed document's memory).
    linker = Linker()
    texts: dict[str, str] = {}
    docs: dict[str, SentenceIndex | Document] = {}
    metas: dict[str, DocumentMeta] = {}

    def consume(doc: Document, mentions: list[Mention]) -> None:
        linker.add(doc, mentions)
        metas[doc.doc_id] = doc.meta
        texts[doc.doc_id] = doc.text  # the view's snippets; the corpus pass
        if rdf:
            docs[doc.doc_id] = sentence_index(doc)

    try:
        extraction = _Extraction(report, store, progress, consume)
        _run(extraction, sources, runner, chunk_chars, remote=cluster is not None)
        if store is not None:
            store.prune()
    finally:
        if store is not None:
            store.close()
    report.errors = [str(e) for e in problems]
    report.errors += [message for _, message in sorted(extraction.errors)]
    report.stages["read+extract+link"] = time.perf_counter() - started
    report.cpu_stages["read+extract+link"] = time.process_time() - cpu_started
    _note_peak(report, "read+extract+link")
    if not report.documents:
        if store is not None and fresh_out:
            _remove_empty_cache(out_dir, store.path)
        raise InputError(
            f"{corpus}: no document could be read ({len(report.errors)} errors)"
        )
    on_stage("finishing the graph")
    graph = _timed(
        report, "graph", lambda: to_networkx(linker.finish(texts), consume=True)
    )
    annotate_graph(graph, metas)  # title, date, source, publisher; PDF pages
    metas.clear()
    add_dates(graph)  # first and last dates of programmes and runs_in edges
    out_dir.mkdir(parents=True, exist_ok=True)
    staging = Staging(out_dir)  # the writers write in staging.folder (kg.outputs)

    def write_views(announce: bool) -> dict[str, tuple[float, float, float | None]]:
        """graph.json, then the view; (wall, CPU, peak MB) of each."""
        timings: dict[str, tuple[float, float, float | None]] = {}
        if announce:
            on_stage("writing graph.json")
        _timed(
            report,
            "graph.json",
            lambda: write_node_link(graph, staging.folder / "graph.json"),
        )
        if html:
            from kg.viz import write_html

            if announce:
                on_stage("writing graph.html")
            _timed(
                report,
                "graph.html",
                lambda: write_html(graph, staging.folder / "graph.html", texts),
            )
        for stage in ("graph.json", "graph.html"):
            if stage in report.stages:
                timings[stage] = (
                    report.stages[stage],
                    report.cpu_stages[stage],
                    report.peak_mb.get(stage),
                )
        return timings

    # With a second core, a forked child writes graph.json and the view while this
    # process writes the RDF files, which take longest. This way round, the child
    # ends first and its copies of the pages it touched go with it; the other way
    # round, the two processes held two copies of the graph until the end (a forked
    # process copies every page whose objects' reference counts it changes).
    background = None
    if rdf and local_jobs > 1 and not cluster and _can_fork():
        background = _Forked(lambda: write_views(announce=False))
        texts.clear()  # the child has them; only the view needs them
    else:
        write_views(announce=True)
    try:
        if rdf:
            names = [file_name(f) for f in rdf_formats]
            on_stage("writing " + " and ".join(names))
            report.outputs += _timed(
                report,
                "+".join(names).replace("+graph.", "+"),  # graph.ttl+trig
                lambda: write_rdf(graph, staging.folder, docs, formats=rdf_formats),
            )
            docs.clear()
    except BaseException:
        if background is not None:
            background.cancel()  # a failed build must not go on writing
        raise
    if background is not None:
        on_stage("writing graph.json and graph.html")
        for stage, (wall, cpu, peak) in background.join(
            "graph.json and view writer"
        ).items():
            report.stages[stage], report.cpu_stages[stage] = wall, cpu
            if peak:
                report.peak_mb[stage] = peak
    # All or nothing, under kg-manifest.json; the files of the last build that this
    # one did not write are removed (kg.outputs).
    report.outputs = staging.commit(
        planned_names(html, (path.name for path in report.outputs))
    )
    report.nodes_by_type = Counter(a["type"] for _, a in graph.nodes(data=True))
    report.edges = count_edges(graph)
    if inputs is not None:
        summary = {name: getattr(report, name) for name in _SUMMARY}
        summary["outputs"] = [path.name for path in report.outputs]
        write_stamp(out_dir, inputs, report.outputs, summary, started_ns)
    leave_to_exit(graph)  # freeing it is the slowest way to end the `kg build` command
    report.seconds = time.perf_counter() - started
    return report


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


def _can_fork() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


class _Forked:
    """A writer run in a forked child: it sees the graph without a copy being made
    (pages are shared until written) and reports back through a pipe."""

    def __init__(self, run: Callable[[], Any]) -> None:
        import multiprocessing

        context = multiprocessing.get_context("fork")
        self._receive, send = context.Pipe(duplex=False)
        self._child = context.Process(target=_run_child, args=(run, send))
        self._child.start()
        send.close()

    def cancel(self) -> None:
        """Stop the child; its files stay unwritten (it writes to temporaries)."""
        self._child.terminate()
        self._child.join()
        self._receive.close()

    def join(self, what: str) -> Any:
        """Wait for the child; its result, or its exception raised here."""
        try:
            outcome = self._receive.recv()
        except EOFError:
            outcome = None
        finally:
            self._receive.close()
            self._child.join()
        if outcome is None:
            raise KgError(
                f"the {what} stopped without a result "
                f"(exit code {self._child.exitcode}; out of memory?)"
            )
        error, value = outcome
        if error is not None:
            raise error
        return value


def _run_child(run: Callable[[], Any], send: Any) -> None:
    try:
        value = run()
    except BaseException as e:  # reported to the parent, which raises it
        send.send((e, None))
    else:
        send.send((None, value))
    finally:
        send.close()


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
    report.stages[stage] = time.perf_counter() - started
    report.cpu_stages[stage] = time.process_time() - cpu_started
    _note_peak(report, stage)
    return value


def _note_peak(report: BuildReport, stage: str) -> None:
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
