#!/usr/bin/env python3
"""Choose and materialise the blind evaluation batches (tests/gold/blind/README.md).

The choice is a fixed, seeded rule, written down before anything is read:

- batch 1: every text of ``corpus/dev/`` (newspaper reports and work-report excerpts
  from provinces the rules were not written for) plus ``BULK_PER_BATCH[1]`` news items
  of the bulk corpus;
- batch 2: ``BULK_PER_BATCH[2]`` further bulk news items, none of batch 1's;
- batch 3: ``BULK_PER_BATCH[3]`` further bulk news items, none of batches 1 and 2;
- batch 4: ``BULK_PER_BATCH[4]`` further bulk news items, none of batches 1 to 3;
- batch 5: ``BULK_PER_BATCH[5]`` further bulk news items, none of batches 1 to 4;
- batch 6: ``BULK_PER_BATCH[6]`` further bulk news items, none of batches 1 to 5;
- batch 7: ``BULK_PER_BATCH[7]`` further bulk news items, none of batches 1 to 6;
- batch 8: ``BULK_PER_BATCH[8]`` further bulk news items, none of batches 1 to 7;
- batch 9: ``BULK_PER_BATCH[9]`` further bulk news items, none of batches 1 to 8;
- batch 10: ``BULK_PER_BATCH[10]`` further bulk news items, none of batches 1 to 9;
- batch 11: ``BULK_PER_BATCH[11]`` further bulk news items, none of batches 1 to 10;
- batch 12: ``BULK_PER_BATCH[12]`` further bulk news items, none of batches 1 to 11;
- batch 13: ``BULK_PER_BATCH[13]`` further bulk news items, none of batches 1 to 12;
- batch 14: ``BULK_PER_BATCH[14]`` further bulk news items, none of batches 1 to 13;
- batch 15: ``BULK_PER_BATCH[15]`` further bulk news items, none of batches 1 to 14;
- batch 16: ``BULK_PER_BATCH[16]`` further bulk news items, none of batches 1 to 15;
- batch 17: ``BULK_PER_BATCH[17]`` further bulk news items, none of batches 1 to 16;
- batch 18: ``BULK_PER_BATCH[18]`` further bulk news items, none of batches 1 to 17;
- batch 19: ``BULK_PER_BATCH[19]`` further bulk news items, none of batches 1 to 18;
- batch 20: ``BULK_PER_BATCH[20]`` further bulk news items, none of batches 1 to 19;
- batch 21: ``BULK_PER_BATCH[21]`` further bulk news items, none of batches 1 to 20;
- batch 22: ``BULK_PER_BATCH[22]`` further bulk news items, none of batches 1 to 21;
- batch 23: ``BULK_PER_BATCH[23]`` further bulk news items, none of batches 1 to 22.

Bulk items are eligible when their text has at least ``MIN_CHARS`` characters and
names a county-level division (the full name of a district, county or county-level
city of the gazetteer, three characters or more). Eligible items are drawn with
``random.Random(SEEDS[batch]).sample`` in corpus order.

The texts are copyrighted news: they are never committed. ``--out DIR`` writes them
to a folder (one ``.txt`` per item: the title without its "[视频]" prefix, then the
text), which ``kg build`` reads; the gold files name these files.

    python scripts/blind_sample.py --batch 1 --list
    python scripts/blind_sample.py --batch 1 --out /tmp/blind1
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
BULK = SHARED / "corpus" / "bulk" / "xwlb_2012-2026.jsonl.gz"
DEV = SHARED / "corpus" / "dev"
SEEDS = {
    1: 20261206,
    2: 20261207,
    3: 20261208,
    4: 20261209,
    5: 20261210,
    6: 20261211,
    7: 20261212,
    8: 20261213,
    9: 20261214,
    10: 20261215,
    11: 20261216,
    12: 20261217,
    13: 20261218,
    14: 20261219,
    15: 20261220,
    16: 20261221,
    17: 20261222,
    18: 20261223,
    19: 20261224,
    20: 20261225,
    21: 20261226,
    22: 20261227,
    23: 20261228,
}
BULK_PER_BATCH = {
    1: 14,
    2: 16,
    3: 16,
    4: 16,
    5: 16,
    6: 16,
    7: 16,
    8: 16,
    9: 16,
    10: 16,
    11: 16,
    12: 16,
    13: 16,
    14: 16,
    15: 16,
    16: 16,
    17: 16,
    18: 16,
    19: 16,
    20: 16,
    21: 16,
    22: 16,
    23: 16,
}
MIN_CHARS = 500
COUNTY_LEVELS = {"district", "county", "city"}


def county_names() -> list[str]:
    """Full names of county-level divisions (三个字以上: 沾益区, 阳高县, 万宁市)."""
    path = ROOT / "kg" / "resources" / "divisions.tsv.gz"
    with gzip.open(path, "rt", encoding="utf-8") as f:
        rows = [line.rstrip("\n").split("\t") for line in f][1:]
    return sorted({r[1] for r in rows if r[2] in COUNTY_LEVELS and len(r[1]) >= 3})


def bulk_items() -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, record) for every record of the bulk corpus, 1-based."""
    with gzip.open(BULK, "rt", encoding="utf-8") as f:
        for line_no, line in enumerate(f, 1):
            yield line_no, json.loads(line)


def eligible_lines() -> list[int]:
    import ahocorasick_rs

    finder = ahocorasick_rs.AhoCorasick(county_names())
    return [
        n
        for n, rec in bulk_items()
        if len(rec["text"]) >= MIN_CHARS and finder.find_matches_as_indexes(rec["text"])
    ]


def chosen_lines(batch: int, pool: list[int] | None = None) -> list[int]:
    """The bulk lines of a batch: a seeded sample, earlier batches excluded.

    Batches 2 and 3 were drawn excluding, for each earlier batch, its seed's sample
    of the *whole* pool (for batch 2 that is batch 1; for batch 3 it is not exactly
    batch 2, though the two batches share no item). That rule is kept so they stay
    reproducible; from batch 4 on, the real earlier batches are excluded as well.
    """
    pool = eligible_lines() if pool is None else pool
    taken: set[int] = set()
    for earlier in range(1, batch):
        taken.update(
            random.Random(SEEDS[earlier]).sample(pool, BULK_PER_BATCH[earlier])
        )
        if batch >= 4:
            taken.update(chosen_lines(earlier, pool))
    rest = [n for n in pool if n not in taken]
    return sorted(random.Random(SEEDS[batch]).sample(rest, BULK_PER_BATCH[batch]))


def dev_files(batch: int) -> list[Path]:
    if batch != 1:
        return []
    return sorted(p for p in DEV.glob("*.txt"))


def bulk_file_name(line_no: int) -> str:
    return f"xwlb_L{line_no:05d}.txt"


def bulk_text(record: dict[str, str]) -> str:
    title = record["title"].removeprefix("[视频]").strip()
    return f"{title}\n{record['text'].rstrip()}\n"


def materialise(batch: int, out: Path) -> list[str]:
    """Write the batch's texts into ``out``; return the file names."""
    out.mkdir(parents=True, exist_ok=True)
    names = []
    for path in dev_files(batch):
        shutil.copyfile(path, out / path.name)
        names.append(path.name)
    wanted = set(chosen_lines(batch))
    for line_no, rec in bulk_items():
        if line_no in wanted:
            name = bulk_file_name(line_no)
            (out / name).write_text(bulk_text(rec), encoding="utf-8")
            names.append(name)
    return names


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--batch", type=int, choices=sorted(SEEDS), required=True)
    parser.add_argument("--out", type=Path, help="write the texts to this folder")
    parser.add_argument("--list", action="store_true", help="print the file names")
    args = parser.parse_args()
    if not BULK.exists():
        print(f"blind_sample: {BULK} not found (../shared is needed)", file=sys.stderr)
        return 1
    if args.out:
        names = materialise(args.batch, args.out)
    else:
        names = [p.name for p in dev_files(args.batch)]
        names += [bulk_file_name(n) for n in chosen_lines(args.batch)]
    if args.list or not args.out:
        print("\n".join(names))
    return 0


if __name__ == "__main__":
    sys.exit(main())
