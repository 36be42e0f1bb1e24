#!/usr/bin/env python3
"""Measure kg on every annotated corpus, and keep the quality floor (tests/gold/floor.json).

The floor is what kg scored when it was last raised: for every corpus, each type's F1
and each link accuracy. ``tests/test_gold_floor.py`` builds the corpora and fails when a
figure falls more than ``TOLERANCE`` below its floor. Raising the floor is part of
every quality change:

    python scripts/gold_floor.py            # print today's figures beside the floor
    python scripts/gold_floor.py --write    # record them as the new floor

Corpora whose texts live outside the repository (the blind batches, read from
``../shared``) are skipped when those texts are absent.
"""

from __future__ import annotations

import argparse
import json
import runpy
import sys
import tempfile
from pathlib import Path
from types import SimpleNamespace
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# Measure the kg of this checkout, not whichever one the venv installed (a git
# worktree shares the venv of the main checkout).
sys.path.insert(0, str(ROOT))
FLOOR = ROOT / "tests" / "gold" / "floor.json"
TOLERANCE = 0.01
# name → (gold folder, texts): a folder of the repository, or "blind:N" for a blind
# batch written from ../shared by scripts/blind_sample.py.
CORPORA = {
    "seeds": ("tests/gold", "seeds"),
    "heldout": ("tests/gold/heldout", "tests/gold/heldout"),
    "blind1": ("tests/gold/blind/batch1", "blind:1"),
    "blind2": ("tests/gold/blind/batch2", "blind:2"),
    "blind3": ("tests/gold/blind/batch3", "blind:3"),
    "blind4": ("tests/gold/blind/batch4", "blind:4"),
    "blind5": ("tests/gold/blind/batch5", "blind:5"),
    "blind6": ("tests/gold/blind/batch6", "blind:6"),
    "blind7": ("tests/gold/blind/batch7", "blind:7"),
    "blind8": ("tests/gold/blind/batch8", "blind:8"),
    "blind9": ("tests/gold/blind/batch9", "blind:9"),
    "blind10": ("tests/gold/blind/batch10", "blind:10"),
    "blind11": ("tests/gold/blind/batch11", "blind:11"),
    "blind12": ("tests/gold/blind/batch12", "blind:12"),
    "blind13": ("tests/gold/blind/batch13", "blind:13"),
    "blind14": ("tests/gold/blind/batch14", "blind:14"),
    "blind15": ("tests/gold/blind/batch15", "blind:15"),
    "blind16": ("tests/gold/blind/batch16", "blind:16"),
    "blind17": ("tests/gold/blind/batch17", "blind:17"),
    "blind18": ("tests/gold/blind/batch18", "blind:18"),
    "blind19": ("tests/gold/blind/batch19", "blind:19"),
    "blind20": ("tests/gold/blind/batch20", "blind:20"),
    "blind21": ("tests/gold/blind/batch21", "blind:21"),
    "blind22": ("tests/gold/blind/batch22", "blind:22"),
}


def load_script(name: str) -> SimpleNamespace:
    """A script of ``scripts/`` (not a package) as a namespace of its globals."""
    return SimpleNamespace(**runpy.run_path(str(ROOT / "scripts" / f"{name}.py")))


def _blind_sample() -> SimpleNamespace:
    return load_script("blind_sample")


def available(texts: str) -> bool:
    if texts.startswith("blind:"):
        return _blind_sample().BULK.exists()
    return (ROOT / texts).exists()


def texts_folder(texts: str, work: Path) -> Path:
    if texts.startswith("blind:"):
        folder = work / texts.replace(":", "")
        _blind_sample().materialise(int(texts.split(":")[1]), folder)
        return folder
    return ROOT / texts


def measure(name: str, work: Path) -> dict[str, Any]:
    """Build one corpus into ``work`` and score it (kg eval's figures, as data)."""
    from kg.build import build
    from kg.evaluate import as_dict, evaluate

    gold, texts = CORPORA[name]
    out = work / f"{name}-out"
    build(texts_folder(texts, work), out, html=False, rdf=False, cache=False, jobs=1)
    return as_dict(evaluate(ROOT / gold, out / "graph.json"))


def floor_of(scores: dict[str, Any]) -> dict[str, float]:
    """The figures a floor keeps: per-type F1 and link accuracies."""
    figures = {f"{kind} F1": s["f1"] for kind, s in scores["types"].items()}
    figures.update({link: r["accuracy"] for link, r in scores["links"].items()})
    return figures


def below_floor(
    name: str, figures: dict[str, float], floor: dict[str, dict[str, float]]
) -> list[str]:
    """Each figure more than TOLERANCE below its floor, as a line of text."""
    return [
        f"{name}: {key} {figures.get(key, 0.0):.3f} < floor {value:.3f}"
        for key, value in sorted(floor.get(name, {}).items())
        if figures.get(key, 0.0) < value - TOLERANCE
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--write", action="store_true", help="record a new floor")
    args = parser.parse_args()
    floor = json.loads(FLOOR.read_text(encoding="utf-8")) if FLOOR.exists() else {}
    new: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, (_, texts) in CORPORA.items():
            if not available(texts):
                print(f"{name}: texts absent, skipped", file=sys.stderr)
                continue
            new[name] = floor_of(measure(name, Path(tmp)))
            for key, value in sorted(new[name].items()):
                old = floor.get(name, {}).get(key)
                was = f"{old:.3f}" if old is not None else "-"
                print(f"{name:<8} {key:<28} {value:.3f}  (floor {was})")
    drops = [
        line
        for name, figures in new.items()
        for line in below_floor(name, figures, floor)
    ]
    for line in drops:
        print(f"below floor: {line}", file=sys.stderr)
    if args.write:
        floor.update(new)
        FLOOR.write_text(
            json.dumps(floor, ensure_ascii=False, indent=2, sort_keys=True) + "\n",
            encoding="utf-8",
        )
        print(f"wrote {FLOOR.relative_to(ROOT)}")
        return 0
    return 1 if drops else 0


if __name__ == "__main__":
    sys.exit(main())
