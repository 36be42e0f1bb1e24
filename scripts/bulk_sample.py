#!/usr/bin/env python3
"""Draw a random sample of the bulk news corpus for checking rules, blind texts left out.

Every new or changed rule is checked for false hits on bulk text it was not written
for (kg/rules/README.md): build the sample with the rules before and after, diff, read.
The sample must never hold a text of a blind batch (tests/gold/blind/README.md lists
them): a rule checked on the next first contact's texts is no longer blind to them.
Round 18 found two texts of batch 18 (and one of batch 17) inside the hand-made
5,000-item sample of earlier rounds; this script replaces it.

    python scripts/bulk_sample.py --size 5000 --seed 5000 --out /tmp/bulk5k.jsonl.gz

Output: gzipped JSONL of the chosen records, in corpus order, each with its 1-based
corpus line as ``line`` (so a hit can be traced to its item). Research use only: the
sample is copyrighted news, never committed.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
from pathlib import Path

# The miner's list of blind lines (every batch tests/gold/blind/README.md names): one
# reading of that file for both scripts.
from mine_programmes import blind_lines  # scripts/ is on sys.path

ROOT = Path(__file__).resolve().parent.parent
BULK = ROOT.parent / "shared" / "corpus" / "bulk" / "xwlb_2012-2026.jsonl.gz"


def corpus_size(path: Path) -> int:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return sum(1 for _ in f)


def chosen(total: int, size: int, seed: int, skip: set[int]) -> list[int]:
    """``size`` corpus lines (1-based) drawn with ``seed``, none of ``skip``, sorted."""
    pool = [n for n in range(1, total + 1) if n not in skip]
    return sorted(random.Random(seed).sample(pool, min(size, len(pool))))


def write_sample(corpus: Path, lines: list[int], out: Path) -> int:
    wanted = set(lines)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".part")
    written = 0
    with (
        gzip.open(corpus, "rt", encoding="utf-8") as src,
        gzip.open(tmp, "wt", encoding="utf-8") as dst,
    ):
        for line_no, line in enumerate(src, 1):
            if line_no in wanted:
                record = json.loads(line)
                record["line"] = line_no
                dst.write(json.dumps(record, ensure_ascii=False) + "\n")
                written += 1
    tmp.replace(out)  # the old sample stays whole until the new one is complete
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=5000)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--corpus", type=Path, default=BULK)
    args = parser.parse_args()
    if not args.corpus.exists():
        print(
            f"bulk_sample: {args.corpus} not found (../shared is needed)",
            file=sys.stderr,
        )
        return 1
    skip = blind_lines()
    lines = chosen(corpus_size(args.corpus), args.size, args.seed, skip)
    written = write_sample(args.corpus, lines, args.out)
    print(f"{args.out}: {written} items, {len(skip)} blind items left out")
    return 0


if __name__ == "__main__":
    sys.exit(main())
