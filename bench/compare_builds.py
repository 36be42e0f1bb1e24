"""Whole builds of two or more kg checkouts, interleaved in one run (issue 22).

Each variant is ``NAME=PATH``: the kg package at ``PATH`` (a checkout, e.g. made with
``git archive main | tar -x -C /tmp/kg-main``) is put first on ``PYTHONPATH`` of the
build process. ``PATH+gc`` runs the same with the cyclic GC disabled from the start
of the build process (how issue 22 measured what pausing it saves). Builds are
measured by ``build_bench.run_build`` (wall, CPU of all processes, peak PSS summed
over the process tree, stage times), round after round, variants in turn, with the
cache on and cold as ``build_bench.py``'s largest slice; ``--incremental`` adds, in
the last round, a rebuild after changing 10 documents.

    python bench/compare_builds.py main=/tmp/kg-main branch=. --fraction 100 --rounds 2
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import build_bench as bb


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("variants", nargs="+", help="NAME=PATH or NAME=PATH+gc")
    parser.add_argument("--corpus", type=Path, default=bb.BULK)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--fraction", type=int, default=100)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--incremental", action="store_true")
    args = parser.parse_args()
    os.environ["PYTHONHASHSEED"] = "0"
    child = bb._CHILD
    variants = []
    for spec in args.variants:
        name, path = spec.split("=", 1)
        gc_off = path.endswith("+gc")
        variants.append((name, str(Path(path.removesuffix("+gc")).resolve()), gc_off))
    os.chdir(tempfile.gettempdir())  # no kg in the working directory
    with tempfile.TemporaryDirectory(prefix="kg-compare-") as tmp_name:
        tmp = Path(tmp_name)
        total = bb.count_records(args.corpus)
        records = total * args.fraction // 100
        piece = bb.write_slice(args.corpus, records, tmp / "slice.jsonl")
        changed = tmp / "changed" / piece.name
        changed.parent.mkdir()
        print(f"{args.fraction} % of {args.corpus.name}, jobs {args.jobs}", flush=True)
        walls: dict[str, list[float]] = {}
        for round_ in range(args.rounds):
            for name, path, gc_off in variants:
                os.environ["PYTHONPATH"] = path
                bb._CHILD = ("import gc; gc.disable()\n" if gc_off else "") + child
                out = tmp / f"out-{name}"
                shutil.rmtree(out, ignore_errors=True)
                load = os.getloadavg()[0]
                result = bb.run_build(piece, out, args.jobs, cache=True, rdf=True)
                print(f"round {round_}, load {load:.1f} " + bb._row(name, result))
                walls.setdefault(name, []).append(result["wall"])
                if args.incremental and round_ == args.rounds - 1:
                    if not changed.exists():
                        every = max(1, result["documents"] // 10)
                        bb.write_changed(piece, changed, every, 10)
                    again = bb.run_build(changed, out, args.jobs, cache=True, rdf=True)
                    print(f"round {round_} " + bb._row(f"{name}, 10 changed", again))
                sys.stdout.flush()
        for name, seconds in walls.items():
            print(name, "wall s:", ", ".join(f"{s:.1f}" for s in seconds))


if __name__ == "__main__":
    main()
