"""Where extraction spends its CPU, by sampling: shares per function and per line.

cProfile counts every call, so on kg's extractors (millions of small calls) it
inflates the CPU five-fold and puts the weight on whatever makes many calls. This
bench instead reads the Python stack every half millisecond of CPU (``SIGPROF``,
``signal.setitimer``): the cost of a function is the share of samples it is on
the stack (inclusive) or on top of it (self; the time of a C function such as a
regex search or an automaton counts for the Python line that called it).

It reads the first N records of a JSONL(.gz) corpus, extracts 30 of them to load
the tables, then samples ``kg.extract.extract`` over all N.

    python bench/sample_extract.py /tmp/bulk5k.jsonl.gz 3000 [TOP]
"""

from __future__ import annotations

import signal
import sys
import time
from collections import Counter
from itertools import islice
from pathlib import Path
from types import FrameType

INTERVAL = 0.0005  # CPU seconds between samples


def _where(frame: FrameType) -> str:
    code = frame.f_code
    return f"{Path(code.co_filename).name}:{code.co_name}"


class Sampler:
    def __init__(self) -> None:
        self.samples = 0
        self.inclusive: Counter[str] = Counter()
        self.own: Counter[str] = Counter()
        self.lines: Counter[str] = Counter()

    def __call__(self, signum: int, frame: FrameType | None) -> None:
        if frame is None:
            return
        self.samples += 1
        self.own[_where(frame)] += 1
        self.lines[f"{_where(frame)}:{frame.f_lineno}"] += 1
        seen = set()
        while frame is not None:
            seen.add(_where(frame))
            frame = frame.f_back
        self.inclusive.update(seen)

    def report(self, top: int) -> None:
        for title, counts in (
            ("on the stack", self.inclusive),
            ("on top (self)", self.own),
            ("lines on top", self.lines),
        ):
            print(f"\n== {title}, % of {self.samples} samples")
            for where, count in counts.most_common(top):
                print(f"{count / self.samples * 100:5.1f}  {where}")


def main() -> None:
    from kg.extract import extract
    from kg.ingest import iter_corpus, list_corpus, read_document

    path = Path(sys.argv[1])
    limit = int(sys.argv[2]) if len(sys.argv) > 2 else 3000
    top = int(sys.argv[3]) if len(sys.argv) > 3 else 40
    root, files = list_corpus(path)
    docs = [read_document(s) for s in islice(iter_corpus(root, files), limit)]
    for doc in docs[:30]:
        extract(doc)
    sampler = Sampler()
    signal.signal(signal.SIGPROF, sampler)
    signal.setitimer(signal.ITIMER_PROF, INTERVAL, INTERVAL)
    started = time.process_time()
    for doc in docs:
        extract(doc)
    signal.setitimer(signal.ITIMER_PROF, 0, 0)
    print(f"{len(docs)} documents, {time.process_time() - started:.2f} CPU s")
    sampler.report(top)


if __name__ == "__main__":
    main()
