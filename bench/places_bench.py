"""Gazetteer matching throughput on the bulk news corpus (issue 3).

Prints, for the first N records of a JSONL(.gz) corpus:
- the Aho–Corasick pass alone (``automaton.iter_long`` over the raw text), MB/s;
- the whole place extractor (matching, guards, context resolution, zones and
  landmarks), MB/s;
- jieba.posseg over the same text (the ``ns`` tagger that NER-style pipelines run),
  MB/s, on a smaller slice because it is slow.

MB are megabytes of UTF-8 text. Usage:

    python bench/places_bench.py ../shared/corpus/bulk/xwlb_2012-2026.jsonl.gz [N]
"""

from __future__ import annotations

import gzip
import json
import sys
import time
from pathlib import Path

from kg.extract.places import extract_places, load_gazetteer
from kg.ingest import parse_document


def read_texts(path: Path, limit: int) -> list[str]:
    opener = gzip.open if path.suffix == ".gz" else open
    texts = []
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            texts.append(f"{record.get('title', '')}\n\n{record.get('text', '')}")
            if len(texts) >= limit:
                break
    return texts


def mb(texts: list[str]) -> float:
    return sum(len(t.encode("utf-8")) for t in texts) / 1e6


def main() -> None:
    path = Path(sys.argv[1])
    limit = int(sys.argv[2]) if len(sys.argv) > 2 else 5000
    texts = read_texts(path, limit)
    size = mb(texts)
    started = time.perf_counter()
    gazetteer = load_gazetteer()
    load = time.perf_counter() - started
    print(f"records: {len(texts)}, text: {size:.1f} MB; gazetteer load {load:.2f} s")

    started = time.perf_counter()
    hits = sum(sum(1 for _ in gazetteer.automaton.iter_long(t)) for t in texts)
    seconds = time.perf_counter() - started
    print(
        f"automaton only:   {size / seconds:7.2f} MB/s  ({hits} raw hits, {seconds:.2f} s)"
    )

    docs = [parse_document(t, str(i)) for i, t in enumerate(texts)]
    extract_places(docs[0])  # warm the caches (jieba dictionary, word lists)
    started = time.perf_counter()
    places = sum(len(extract_places(d)) for d in docs)
    seconds = time.perf_counter() - started
    print(
        f"place extractor:  {size / seconds:7.2f} MB/s  ({places} places, {seconds:.2f} s)"
    )

    import jieba.posseg

    sample = texts[: max(1, len(texts) // 10)]
    jieba.posseg.lcut("预热")
    started = time.perf_counter()
    ns = sum(1 for t in sample for w in jieba.posseg.cut(t) if w.flag == "ns")
    seconds = time.perf_counter() - started
    print(
        f"jieba.posseg:     {mb(sample) / seconds:7.2f} MB/s  ({ns} ns tokens on a 1/10 slice)"
    )


if __name__ == "__main__":
    main()
