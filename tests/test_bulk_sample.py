"""The bulk sample for rule checks never holds a text of a blind batch."""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import bulk_sample  # noqa: E402


def test_blind_lines_are_read_from_the_blind_readme() -> None:
    lines = bulk_sample.blind_lines()
    assert len(lines) >= 16 * 17  # batches 2 to 18 hold 16 bulk items each
    assert all(n > 0 for n in lines)


def test_the_sample_leaves_the_skipped_lines_out_and_is_seeded() -> None:
    skip = set(range(1, 1000, 2))
    first = bulk_sample.chosen(1000, 300, seed=7, skip=skip)
    assert first == bulk_sample.chosen(1000, 300, seed=7, skip=skip)
    assert len(first) == 300 and not skip.intersection(first)
    assert first == sorted(first)
    assert bulk_sample.chosen(1000, 300, seed=8, skip=skip) != first


def test_the_sample_keeps_each_records_corpus_line(tmp_path: Path) -> None:
    corpus = tmp_path / "c.jsonl.gz"
    with gzip.open(corpus, "wt", encoding="utf-8") as f:
        for n in range(1, 6):
            f.write(json.dumps({"title": f"t{n}", "text": f"正文{n}"}) + "\n")
    out = tmp_path / "s.jsonl.gz"
    assert bulk_sample.write_sample(corpus, [2, 5], out) == 2
    with gzip.open(out, "rt", encoding="utf-8") as f:
        records = [json.loads(line) for line in f]
    assert [(r["line"], r["text"]) for r in records] == [(2, "正文2"), (5, "正文5")]
