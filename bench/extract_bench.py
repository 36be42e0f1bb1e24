"""Extraction throughput per extractor, in characters per CPU second.

Reads the first N records of a JSONL(.gz) corpus in place (title + text, as ingest
does), then times each extractor over all of them with ``time.process_time`` (CPU,
not wall: the bench machine is shared), best of R rounds. The POS-tag cache of the
landmark walk is cleared before every round, so every round tags as a fresh process
would. Also compares the gazetteer matchers on the same texts: pyahocorasick's
``iter_long`` over the whole text, ahocorasick-rs alone, and ``Gazetteer.find``
(the Rust automaton locating the stretches pyahocorasick then reads).

Then a build worker's whole job on the same records: ``kg.extraction.extract_batch``
(read, extract, encode with ``kg.codec``), and the CPU a fresh process
spends loading what extraction needs (jieba, its dictionary tables, the gazetteer).

Usage:

    python bench/extract_bench.py [CORPUS] [N] [R]

Defaults: ../shared/corpus/bulk/xwlb_2012-2026.jsonl.gz (``/work/shared/…``), 2000
records, 3 rounds.
"""

from __future__ import annotations

import gzip
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

DEFAULT = Path("/work/shared/corpus/bulk/xwlb_2012-2026.jsonl.gz")


def read_documents(path: Path, limit: int) -> list:
    from kg.ingest import parse_document

    opener = gzip.open if path.suffix == ".gz" else open
    docs = []
    with opener(path, "rt", encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i >= limit:
                break
            record = json.loads(line)
            text = f"{record.get('title', '')}\n\n{record.get('text', '')}"
            docs.append(parse_document(text, str(record.get("id", i))))
    return docs


def cpu(run: Callable[[], object], rounds: int, before: Callable[[], None]) -> float:
    best = float("inf")
    for _ in range(rounds):
        before()
        started = time.process_time()
        run()
        best = min(best, time.process_time() - started)
    return best


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    limit = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 3

    import kg.extract._tagger as _tagger
    import kg.extract.places as places
    from kg.extract import EXTRACTORS, extract_organizations

    docs = read_documents(path, limit)
    chars = sum(len(d.clean) for d in docs)
    print(f"{len(docs)} documents, {chars:,} characters; CPU seconds, best of {rounds}")
    # Load gazetteer, dictionaries and word lists outside the timings.
    for doc in docs[:50]:
        extract_organizations(doc, EXTRACTORS["place"](doc))
        for extractor in EXTRACTORS.values():
            extractor(doc)

    def fresh() -> None:
        places._tag.cache_clear()
        route = getattr(_tagger, "_route", None)  # the HMM routes (kg >= round 1)
        if route is not None:
            route.cache_clear()
        chars = getattr(_tagger, "_CHARS", None)  # the Viterbi's characters (round 4)
        if chars is not None:
            chars.clear()

    found = {d.doc_id: EXTRACTORS["place"](d) for d in docs}
    timings: dict[str, float] = {}
    for label, extractor in EXTRACTORS.items():
        timings[label] = cpu(lambda e=extractor: [e(d) for d in docs], rounds, fresh)
    timings["organization"] = cpu(
        lambda: [extract_organizations(d, found[d.doc_id]) for d in docs],
        rounds,
        fresh,
    )
    print(f"{'extractor':14} {'CPU s':>7} {'k chars/s':>10}")
    for label, seconds in timings.items():
        print(f"{label:14} {seconds:7.2f} {chars / seconds / 1e3:10.0f}")
    total = sum(timings.values())
    print(f"{'all':14} {total:7.2f} {chars / total / 1e3:10.0f}")

    gazetteer = places.load_gazetteer()
    texts = [d.clean for d in docs]
    matchers: dict[str, Callable[[], object]] = {
        "pyahocorasick iter_long": lambda: [
            list(gazetteer.automaton.iter_long(t)) for t in texts
        ],
    }
    if hasattr(gazetteer, "find"):  # not in kg before the Rust locator
        matchers["ahocorasick-rs alone"] = lambda: [
            gazetteer.locator.find_matches_as_indexes(t) for t in texts
        ]
        matchers["Gazetteer.find (both)"] = lambda: [gazetteer.find(t) for t in texts]
    print(f"\n{'gazetteer matcher':24} {'CPU s':>7} {'M chars/s':>10}")
    for label, run in matchers.items():
        seconds = cpu(run, rounds, lambda: None)
        print(f"{label:24} {seconds:7.2f} {chars / seconds / 1e6:10.2f}")

    worker(path, limit, rounds, fresh)
    startup()


def worker(path: Path, limit: int, rounds: int, fresh: Callable[[], None]) -> None:
    """``extract_batch`` over the first ``limit`` records, as a build worker runs it."""
    from itertools import islice

    from kg.extraction import extract_batch
    from kg.ingest import iter_corpus, list_corpus

    root, files = list_corpus(path)
    sources = islice(iter_corpus(root, files), limit)
    batch = [(seq, None, source) for seq, source in enumerate(sources)]
    print(f"\n{'build worker':24} {'CPU s':>7} {'ms/doc':>10}")
    seconds = cpu(lambda: extract_batch(batch), rounds, fresh)  # type: ignore[arg-type]
    print(f"{'extract_batch':24} {seconds:7.2f} {seconds / len(batch) * 1e3:10.3f}")


def startup() -> None:
    """CPU of the loads a fresh worker makes before its first document (measured in
    a new interpreter, so that nothing is loaded yet)."""
    import subprocess

    code = """
import time
laps = []
def lap(label, started=[time.process_time()]):
    now = time.process_time(); laps.append((label, now - started[0])); started[0] = now
import jieba.posseg; lap("import jieba.posseg")
from kg.extract import _context
_context.jieba_words(); _context.word_tags(); _context.word_freq(); _context.common_words()
lap("dictionary tables")
from kg.extract.places import load_gazetteer; load_gazetteer(); lap("gazetteer")
from kg.extract._tagger import tag; tag("梁平"); lap("kg's jieba tokenizers")
for label, seconds in laps: print(f"{label:24} {seconds:7.2f}")
"""
    print(f"\n{'fresh process loads':24} {'CPU s':>7}")
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    print(out.stdout, end="")


if __name__ == "__main__":
    main()
