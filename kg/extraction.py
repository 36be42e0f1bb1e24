"""The read + extract stage of a build: every document once, in corpus order.

    sources ─▶ cache lookup ─┬─ hit ──────────────────────────┬─▶ in corpus order
                             └─ miss ─▶ batches ─▶ executor ──┘   (and into the cache)

The cache sits in front of the executor: only documents it has no result for are
sent to be extracted. Results, cached or fresh, are ``kg.codec`` bytes; each
document is handed on (``InOrder``) as soon as it and all before it are settled.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import partial
from itertools import islice
from pathlib import Path

from kg import codec
from kg.cache import ExtractCache, document_key, extractor_version
from kg.errors import InputError, KgError
from kg.executor import Executor
from kg.extract import extract
from kg.ingest import SourceText, parse_document, read_document
from kg.lang.rules import active_packs, use_packs
from kg.model import Document, Mention

# Documents looked up in the extraction cache with one query.
LOOKUP_BATCH = 500

# A document to extract: (corpus position, cache key or None, source).
Job = tuple[int, str | None, SourceText]
# A worker's answer per document: (corpus position, cache key, ``kg.codec`` bytes of
# (Document, mentions) or None, error message or None).
Outcome = tuple[int, str | None, bytes | None, str | None]


def extract_batch(
    batch: list[Job], packs: tuple[str, ...] = ()
) -> tuple[str, list[Outcome]]:
    """Read and extract a batch of documents; runs on a worker.

    ``packs``: the user rule packs to extract with (``kg build --rules``), as paths
    the worker can read. Returns the extractor version the worker runs (the build
    refuses results of other rules) and an ``Outcome`` per document.
    """
    use_packs(Path(p) for p in packs)
    return extractor_version(), [_extract_one(*job) for job in batch]


# A made-up text that sets every extractor to work (a division, a leader and his post,
# a programme, a figure, an organisation), so that extracting it loads their data.
_WARM_TEXT = (
    "2021年，江西省赣州市南康区委书记冯志远在全区乡村振兴工作会议上说，"
    "全年地区生产总值增长6.5%，达到312亿元，“十四五”规划实施“五个一百”工程。"
)


def load_extractors() -> None:
    """Load the data every extractor reads (jieba's dictionary and tags, the word
    tables, the gazetteer, the rules' patterns) by extracting a made-up document:
    run before worker processes fork, they inherit it (``kg.executor``)."""
    extract(parse_document(_WARM_TEXT, "load-extractors"))


def _extract_one(seq: int, key: str | None, source: SourceText) -> Outcome:
    try:
        doc = read_document(source)
        return seq, key, codec.encode((doc, extract(doc))), None
    except InputError as e:
        return seq, key, None, str(e)
    except Exception as e:
        # One odd document must not stop a 70,000-document build; it is reported
        # as an error (exit status 1), not dropped silently.
        message = f"extraction failed ({type(e).__name__}: {e})"
        return seq, key, None, f"{source.doc_id}: {message}"


class InOrder:
    """Settles documents in any order and hands them to ``consume`` in corpus order:
    a result that arrives early waits for the ones before it. Counts as it goes."""

    def __init__(
        self,
        consume: Callable[[Document, list[Mention]], None],
        progress: Callable[[int, int], None] | None = None,
    ) -> None:
        self.consume = consume
        self.progress = progress
        self.documents = self.chars = self.bytes_read = 0
        self.cached = self.extracted = 0
        self.errors: list[tuple[int, str]] = []  # (corpus position, message)
        self._waiting: dict[int, codec.Extracted | None] = {}
        self._next = 0  # corpus position of the next document to hand on

    def accept(self, seq: int, item: codec.Extracted, size: int) -> None:
        self.documents += 1
        self.chars += len(item[0].text)
        self._settle(seq, item, size)

    def fail(self, seq: int, message: str, size: int = 0) -> None:
        self.errors.append((seq, message))
        self._settle(seq, None, size)

    def _settle(self, seq: int, item: codec.Extracted | None, size: int) -> None:
        # Counted when settled, not when read: reading runs a few batches ahead.
        self.bytes_read += size
        self._waiting[seq] = item
        while self._next in self._waiting:
            ready = self._waiting.pop(self._next)
            self._next += 1
            if ready is not None:
                self.consume(*ready)
        if self.progress:
            self.progress(self.documents + len(self.errors), self.bytes_read)


def extract_all(
    sources: Iterable[SourceText | InputError],
    cache: ExtractCache | None,
    executor: Executor,
    chunk_chars: int,
    sink: InOrder,
) -> None:
    """Every document once, from the cache or from the executor, into ``sink``."""
    sizes: dict[int, int] = {}  # bytes read of the documents sent, by position

    def sent(batches: Iterable[list[Job]]) -> Iterator[list[Job]]:
        for batch in batches:
            sizes.update((seq, source.size) for seq, _, source in batch)
            yield batch

    job = partial(extract_batch, packs=tuple(str(p) for p in active_packs()))
    batches = sent(_batches(_lookups(sources, cache, sink), chunk_chars))
    version = extractor_version()
    for result in executor.map(job, batches):
        _collect(result, version, cache, sink, sizes)


def _lookups(
    sources: Iterable[SourceText | InputError],
    cache: ExtractCache | None,
    sink: InOrder,
) -> Iterator[Job | None]:
    """The documents to extract; read errors and cache hits are settled here.

    With a cache, ``None`` marks the end of each lookup of ``LOOKUP_BATCH``
    documents (one query per document cost 0.9 s on the bulk corpus, one per batch
    0.25 s).
    """
    version = extractor_version()
    numbered = enumerate(sources)
    while batch := list(islice(numbered, LOOKUP_BATCH)):
        keys = [_key(item, version) if cache else None for _, item in batch]
        found = cache.get_many([k for k in keys if k]) if cache else {}
        for (seq, item), key in zip(batch, keys, strict=True):
            if isinstance(item, InputError):
                sink.fail(seq, str(item))
            elif key in found:
                sink.accept(seq, codec.decode(found[key]), item.size)
                sink.cached += 1
            else:
                yield seq, key, item
        if cache:
            yield None


def _key(item: SourceText | InputError, version: str) -> str | None:
    if isinstance(item, InputError):
        return None
    return document_key(item.doc_id, item.data, version, item.fields)


def _batches(jobs: Iterable[Job | None], chunk_chars: int) -> Iterator[list[Job]]:
    """Group documents into batches of about ``chunk_chars`` characters, in order.

    At the end of each cache lookup (``None``), a batch begun before the previous
    one ended is sent off, full or not: in a rebuild, documents to extract are few
    and far between, and the documents after one must not wait to be linked (held in
    memory) until the batch fills. Else an empty batch goes: nothing to extract, but
    the executor hands on the results finished meanwhile (``kg.executor``).
    """
    batch: list[Job] = []
    size = marks = 0
    for job in jobs:
        if job is None:
            marks += bool(batch)
            if marks < 2:
                yield []
                continue
        else:
            batch.append(job)
            size += len(job[2].data)
            if size < chunk_chars:
                continue
        yield batch
        batch, size, marks = [], 0, 0
    if batch:
        yield batch


def _collect(
    result: tuple[str, list[Outcome]],
    version: str,
    cache: ExtractCache | None,
    sink: InOrder,
    sizes: dict[int, int],
) -> None:
    """Take a worker's results: into the cache, and on in corpus order."""
    worker_version, outcomes = result
    if worker_version != version:
        raise KgError(
            f"a worker runs other extraction rules (version {worker_version}, here "
            f"{version}): install the same kg on every worker"
        )
    for seq, key, blob, error in outcomes:
        size = sizes.pop(seq)
        if blob is None:
            sink.fail(seq, error or "unknown error", size)
            continue
        if cache is not None and key is not None:
            cache.put(key, blob)
        sink.accept(seq, codec.decode(blob), size)
        sink.extracted += 1
