"""The quality gate: kg may not fall below the floor recorded in tests/gold/floor.json.

Each annotated corpus is built and scored as ``kg eval`` scores it; a per-type F1 or
link accuracy more than 0.01 below its floor fails. Raise the floor with
``python scripts/gold_floor.py --write`` as part of a quality change.
"""

from __future__ import annotations

import json
import runpy
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _floor_module() -> Any:
    """scripts/gold_floor.py, which is not a package, as a namespace."""
    return SimpleNamespace(
        **runpy.run_path(str(ROOT / "scripts" / "gold_floor.py"), run_name="gold_floor")
    )


FLOOR = _floor_module()


@pytest.mark.parametrize("name", sorted(FLOOR.CORPORA))
def test_scores_stay_above_the_floor(name: str, tmp_path: Path) -> None:
    floor = json.loads(FLOOR.FLOOR.read_text(encoding="utf-8"))
    gold, texts = FLOOR.CORPORA[name]
    if not (ROOT / gold).is_dir() or not FLOOR.available(texts):
        pytest.skip(f"{name}: gold or texts absent (../shared is needed)")
    assert name in floor, f"{name} has no floor: run scripts/gold_floor.py --write"
    figures = FLOOR.floor_of(FLOOR.measure(name, tmp_path))
    assert FLOOR.below_floor(name, figures, floor) == []


def test_the_gate_can_fail() -> None:
    figures = {"programme F1": 0.80, "place F1": 0.95}
    floor = {"x": {"programme F1": 0.82, "place F1": 0.955}}
    assert FLOOR.below_floor("x", figures, floor) == [
        "x: programme F1 0.800 < floor 0.820"
    ]
