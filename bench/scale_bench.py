"""One long document: cost by size (0.1, 1, 5, 20 MB in one file) (issue 23).

A yearbook or a decade of work reports comes as a single file. For each size, the
bench writes one .txt of that many MB of UTF-8 (bulk news items in corpus order,
separated by blank lines; distinct text, no repetition) and prints:

- CPU seconds of each per-document stage in this process: parse (``read_document``),
  each extractor, organisations, linking; and characters per CPU second overall;
- the wall time of ``kg build FILE --no-cache -j 1`` in a child process (every
  output written), and its peak memory.

Usage (from the repository root; files go to a scratch folder, never the repo):

    python bench/scale_bench.py ../shared/corpus/bulk/xwlb_2012-2026.jsonl.gz \\
        --sizes 0.1 1 5 20 --work /tmp/kg-scale

``--no-build`` skips the child builds; ``--timeout S`` stops a child build after S
seconds (to measure an older kg, whose long documents did not finish).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

from kg.extract import EXTRACTORS
from kg.extract.organizations import extract_organizations
from kg.ingest import SourceText, read_document
from kg.link import Linker


def write_text(corpus: Path, megabytes: float, path: Path) -> int:
    """Bulk items in order until ``megabytes`` of UTF-8; returns the characters."""
    limit = int(megabytes * 1e6)
    parts, size = [], 0
    with gzip.open(corpus, "rt", encoding="utf-8") as stream:
        for line in stream:
            record = json.loads(line)
            text = f"{record.get('title', '')}\n\n{record.get('text', '')}".strip()
            encoded = len(text.encode("utf-8")) + 2
            if size + encoded > limit:
                text = text.encode("utf-8")[: limit - size].decode("utf-8", "ignore")
                parts.append(text)
                break
            parts.append(text)
            size += encoded
    text = "\n\n".join(parts)
    path.write_text(text, encoding="utf-8")
    return len(text)


def stages(path: Path) -> dict[str, float]:
    """CPU seconds of each per-document stage on the file, in this process."""
    data = path.read_bytes()
    times: dict[str, float] = {}
    started = time.process_time()
    doc = read_document(SourceText(path.name, data))
    times["parse"] = time.process_time() - started
    by_label = {}
    for label, extractor in EXTRACTORS.items():
        started = time.process_time()
        by_label[label] = extractor(doc)
        times[label] = time.process_time() - started
    started = time.process_time()
    by_label["organization"] = extract_organizations(doc, by_label["place"])
    times["organization"] = time.process_time() - started
    mentions = sorted(
        (m for found in by_label.values() for m in found),
        key=lambda m: (m.start, m.end, m.label, m.rule),
    )
    started = time.process_time()
    linker = Linker()
    linker.add(doc, mentions)
    linker.finish()
    times["link"] = time.process_time() - started
    times["mentions"] = len(mentions)
    return times


def build(path: Path, out: Path, timeout: float) -> tuple[str, float, float, float]:
    """``kg build`` of the file in a child: its time line, wall and CPU seconds, and
    the peak memory (MB) of the largest child so far."""
    command = [sys.executable, "-m", "kg", "build", str(path), "-o", str(out)]
    command += ["--no-cache", "-j", "1"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired:
        return f"did not finish in {timeout:.0f} s", timeout, 0.0, 0.0
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    found = re.search(r"^time: .*$", done.stdout, re.M)
    line = found.group() if found else done.stderr.strip()[-200:]
    return line, wall, cpu, after.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="a .jsonl.gz corpus (bulk news)")
    parser.add_argument("--sizes", type=float, nargs="+", default=[0.1, 1, 5, 20])
    parser.add_argument("--work", type=Path, default=Path("/tmp/kg-scale"))
    parser.add_argument("--no-build", action="store_true")
    parser.add_argument("--timeout", type=float, default=3600)
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    # Load the gazetteer, jieba and the word lists before timing.
    warm = args.work / "warm.txt"
    write_text(args.corpus, 0.01, warm)
    stages(warm)
    print(
        "| MB | characters | mentions | parse | place | person | programme | metric "
        "| organisation | link | total CPU | k chars / CPU s | kg build wall "
        "| kg build CPU | peak MB |"
    )
    print("|" + "---|" * 15)
    for size in args.sizes:
        path = args.work / f"one-{size:g}MB.txt"
        chars = write_text(args.corpus, size, path)
        times = stages(path)
        mentions = int(times.pop("mentions"))
        total = sum(times.values())
        cells = [f"{size:g}", f"{chars:,}", f"{mentions:,}"]
        cells += [f"{times[k]:.1f}" for k in ("parse", *EXTRACTORS, "organization")]
        cells += [f"{times['link']:.1f}", f"{total:.1f}", f"{chars / total / 1e3:.0f}"]
        if args.no_build:
            cells += ["", "", ""]
        else:
            out = args.work / f"out-{size:g}"
            line, wall, cpu, peak = build(path, out, args.timeout)
            print(f"  {size:g} MB kg build: {line}", file=sys.stderr)
            cells += [f"{wall:.1f} s", f"{cpu:.1f} s", f"{peak:.0f}"]
        print("| " + " | ".join(cells) + " |", flush=True)


if __name__ == "__main__":
    main()
