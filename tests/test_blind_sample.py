"""The blind batches are reproducible and never share a text."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import blind_sample  # noqa: E402

pytestmark = pytest.mark.skipif(
    not blind_sample.BULK.exists(), reason="../shared/corpus/bulk is not here"
)


@pytest.fixture(scope="module")
def batches() -> dict[int, list[str]]:
    pool = blind_sample.eligible_lines()
    return {
        batch: [
            blind_sample.bulk_file_name(n)
            for n in blind_sample.chosen_lines(batch, pool)
        ]
        for batch in blind_sample.SEEDS
    }


def test_batches_are_the_annotated_ones(batches: dict[int, list[str]]) -> None:
    gold = ROOT / "tests" / "gold" / "blind"
    for batch, names in batches.items():
        folder = gold / f"batch{batch}"
        if not folder.exists():
            continue
        annotated = sorted(
            p.name.removesuffix(".json") for p in folder.glob("xwlb_*.json")
        )
        assert annotated == names, batch


def test_batches_share_no_text(batches: dict[int, list[str]]) -> None:
    seen: set[str] = set()
    for names in batches.values():
        assert not seen & set(names)
        seen |= set(names)
