"""Golden snapshots: what ``kg build`` makes of each seed, compared with tests/golden/.

Whatever path produced them (one process or workers, cache or not, fast writers or
plain ones), the outputs of a seed are what they were: a snapshot test catches any
change of behaviour. ``tests/golden/<seed>/`` holds, per seed text built alone:

- ``graph.json``, byte for byte;
- ``graph.nq``: graph.trig read back and written as sorted N-Quads lines, so that the
  RDF is compared as statements, whatever the layout of the Turtle/TriG text.

A deliberate change (a new rule, a fixed name) changes them: refresh with

    python -m pytest tests/test_golden.py --refresh-golden

and review ``git diff tests/golden`` as part of the change.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.build import build
from tests.conftest import ROOT, SEEDS

GOLDEN = ROOT / "tests" / "golden"
SEED_FILES = sorted(SEEDS.glob("*.txt"))


def _nquads(trig: Path) -> str:
    """graph.trig as sorted N-Quads lines (the RDF, not its layout)."""
    quads = ox.parse(path=trig, format=ox.RdfFormat.TRIG)
    return "".join(sorted(f"{q} .\n" for q in quads))


def _outputs(seed: Path, out: Path) -> dict[str, str]:
    build(seed, out, html=False, jobs=1, cache=False)
    return {
        "graph.json": (out / "graph.json").read_text(encoding="utf-8"),
        "graph.nq": _nquads(out / "graph.trig"),
    }


def _diff(expected: str, got: str, name: str) -> str:
    lines = difflib.unified_diff(
        expected.splitlines(), got.splitlines(), f"golden/{name}", "now", lineterm=""
    )
    return "\n".join(list(lines)[:40])


@pytest.mark.parametrize("seed", SEED_FILES, ids=[p.stem for p in SEED_FILES])
def test_seed_outputs_are_the_golden_ones(
    seed: Path, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    made = _outputs(seed, tmp_path / "out")
    folder = GOLDEN / seed.stem
    if request.config.getoption("--refresh-golden"):
        folder.mkdir(parents=True, exist_ok=True)
        for name, text in made.items():
            (folder / name).write_text(text, encoding="utf-8", newline="\n")
        return
    for name, text in made.items():
        path = folder / name
        assert path.exists(), f"no {path}: run with --refresh-golden"
        expected = path.read_text(encoding="utf-8")
        assert text == expected, (
            f"{seed.name}: {name} differs from tests/golden (if intended, refresh "
            f"with --refresh-golden and review the diff):\n"
            + _diff(expected, text, f"{seed.stem}/{name}")
        )


def test_every_golden_folder_is_a_seed() -> None:
    """A removed or renamed seed leaves no stale snapshot behind."""
    folders = {p.name for p in GOLDEN.iterdir() if p.is_dir()}
    assert folders == {p.stem for p in SEED_FILES}
