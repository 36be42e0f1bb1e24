"""Build benchmark: a JSONL(.gz) corpus → graph.json + Turtle + view.

Prints, for the README table in bench/README.md:

- wall time, CPU time and peak memory of ``kg build`` on 10/25/50/100 % of the
  corpus (the first N % of its records) with ``--jobs`` worker processes, and the
  seconds of each stage (read+extract+link, graph, writers);
- the throughput of a ``jieba.posseg`` pass (one process, the usual "tag everything"
  baseline) over a sample of the same text, measured in the same run;
- an incremental rebuild after changing ``--changed`` documents;
- ``kg eval`` scores of the seeds and held-out texts built in one process without
  cache, with workers, and from a warm cache (they must be identical).

Every build runs in its own process (``python -m kg build``-equivalent), so peak
memory is that build's. Slices and changed copies are written to a temporary folder
and deleted; nothing of the corpus is kept.

    python bench/build_bench.py                          # the bulk corpus, 2 jobs
    python bench/build_bench.py CORPUS --fractions 10 --jobs 2 --no-rdf
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BULK = ROOT.parent / "shared" / "corpus" / "bulk" / "xwlb_2012-2026.jsonl.gz"

# Runs inside the child: the build, then its stage times and resource use as JSON.
_CHILD = """
import json, resource, sys, time
from pathlib import Path
from kg.build import build
args = json.loads(sys.argv[1])
r = build(Path(args["corpus"]), Path(args["out"]), jobs=args["jobs"],
          cache=args["cache"], rdf=args["rdf"], html=args["html"],
          **({"rdf_formats": args["rdf_formats"]} if args["rdf_formats"] else {}))
me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"documents": r.documents, "chars": r.chars, "bytes": r.bytes_read,
  "errors": len(r.errors), "cached": r.cached, "extracted": r.extracted,
  "stages": r.stages, "cpu_stages": r.cpu_stages, "peak_mb": r.peak_mb, "seconds": r.seconds,
  "cpu": me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime,
  "rss_main_mb": me.ru_maxrss / 1024, "rss_worker_mb": kids.ru_maxrss / 1024}))
"""


def _open(path: Path) -> object:
    return gzip.open(path, "rb") if path.name.endswith(".gz") else path.open("rb")


def count_records(path: Path) -> int:
    with _open(path) as f:  # type: ignore[attr-defined]
        return sum(1 for line in f if line.strip())


def write_slice(path: Path, records: int, out: Path) -> Path:
    """The first ``records`` records of ``path`` as plain JSONL in ``out``."""
    with _open(path) as src, out.open("wb") as dst:  # type: ignore[attr-defined]
        kept = 0
        for line in src:
            if kept >= records:
                break
            if line.strip():
                dst.write(line)
                kept += 1
    return out


def write_changed(path: Path, out: Path, every: int, changed: int) -> list[int]:
    """A copy of ``path`` in which ``changed`` records (every ``every``-th) get one
    more sentence; returns their line numbers."""
    lines = []
    with path.open("rb") as src, out.open("wb") as dst:
        for number, line in enumerate(src, start=1):
            if number % every == 0 and len(lines) < changed:
                record = json.loads(line)
                record["text"] += "\n重庆市梁平区双桂街道推行“院落会”议事制度。"
                line = json.dumps(record, ensure_ascii=False).encode() + b"\n"
                lines.append(number)
            dst.write(line)
    return lines


def run_build(
    corpus: Path,
    out: Path,
    jobs: int,
    *,
    cache: bool,
    rdf: bool,
    rdf_formats: tuple[str, ...] = (),
) -> dict:
    args = {
        "corpus": str(corpus),
        "out": str(out),
        "jobs": jobs,
        "cache": cache,
        "rdf": rdf,
        "rdf_formats": list(rdf_formats),
        "html": True,
    }
    started = time.perf_counter()
    with tempfile.TemporaryFile("w+") as stdout:
        child = subprocess.Popen(
            [sys.executable, "-c", _CHILD, json.dumps(args)],
            stdout=stdout,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        peak_kb = 0
        while child.poll() is None:
            peak_kb = max(
                peak_kb, sum(_pss_kb(pid) for pid in _process_tree(child.pid))
            )
            time.sleep(0.2)
        if child.returncode:
            raise SystemExit(f"build failed ({child.returncode}): {args}")
        stdout.seek(0)
        result: dict = json.loads(stdout.read().strip().splitlines()[-1])
    result["wall"] = time.perf_counter() - started  # includes start-up and imports
    result["pss_mb"] = peak_kb / 1024
    return result


def _process_tree(pid: int) -> list[int]:
    """``pid`` and its descendants (Linux /proc; elsewhere just ``pid``)."""
    found = [pid]
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as f:
                for child in f.read().split():
                    found += _process_tree(int(child))
    except OSError:
        pass
    return found


def _pss_kb(pid: int) -> int:
    """Proportional set size: shared pages (a forked writer's view of the graph)
    counted once across processes, so the sum is the memory the build really uses.
    Sampled every 0.2 s, so a shorter peak can be missed."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def posseg_rate(corpus: Path, sample_chars: int) -> tuple[int, float, float]:
    """Characters per second (wall, CPU) of ``jieba.posseg.lcut`` (one process, HMM
    on) over the first ``sample_chars`` characters of the corpus texts."""
    import jieba
    import jieba.posseg

    jieba.setLogLevel(60)
    jieba.initialize()
    texts, size = [], 0
    with _open(corpus) as f:  # type: ignore[attr-defined]
        for line in f:
            if size >= sample_chars:
                break
            if line.strip():
                text = json.loads(line)["text"]
                texts.append(text)
                size += len(text)
    jieba.posseg.lcut(texts[0])  # load the tagger's model outside the clock
    started, cpu = time.perf_counter(), time.process_time()
    for text in texts:
        jieba.posseg.lcut(text)
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    return size, size / wall, size / cpu


def eval_scores(gold: Path, corpus: Path, tmp: Path, jobs: int) -> list[str]:
    """``kg eval`` output for three builds of one corpus: must all be equal."""
    outputs = []
    out = tmp / f"eval-{gold.name}"
    modes = (("1 job, no cache", 1, False), (f"{jobs} jobs, cold", jobs, True))
    modes += ((f"{jobs} jobs, warm cache", jobs, True),)
    for _, mode_jobs, cache in modes:
        target = out / ("cached" if cache else "plain")
        run_build(corpus, target, mode_jobs, cache=cache, rdf=False)
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "kg",
                "eval",
                str(gold),
                "-g",
                str(target / "graph.json"),
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        outputs.append(done.stdout)
    return outputs


def _row(label: str, r: dict) -> str:
    cpu = r.get("cpu_stages", {})
    stages = ", ".join(
        f"{k} {v:.1f}"
        + (f" ({cpu[k]:.1f} CPU" if k in cpu else "")
        + (
            f", peak {r['peak_mb'][k]:.0f} MB)"
            if k in r.get("peak_mb", {})
            else ")"
            if k in cpu
            else ""
        )
        for k, v in r["stages"].items()
    )
    mb = r["bytes"] / 1e6
    return (
        f"| {label} | {r['documents']:,} | {mb:.1f} | {r['wall']:.1f} | {r['cpu']:.1f} | "
        f"{mb / r['wall']:.2f} | {r['pss_mb']:.0f} | {r['rss_main_mb']:.0f} + "
        f"{r['rss_worker_mb']:.0f} | {stages} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, nargs="?", default=BULK)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--fractions", default="10,25,50,100")
    parser.add_argument("--changed", type=int, default=10)
    parser.add_argument("--posseg-sample", type=int, default=1_000_000, help="chars")
    parser.add_argument("--no-rdf", action="store_true", help="skip the RDF files")
    parser.add_argument(
        "--rdf-format",
        action="append",
        choices=["turtle", "trig"],
        help="write only this RDF file (repeatable; default: both)",
    )
    parser.add_argument("--skip-eval", action="store_true")
    args = parser.parse_args()
    rdf = not args.no_rdf
    formats = tuple(args.rdf_format or ())  # none named: the build's default
    os.environ.setdefault("PYTHONHASHSEED", "0")

    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp_name:
        tmp = Path(tmp_name)
        total = count_records(args.corpus)
        print(
            f"corpus: {args.corpus} ({total:,} records), jobs {args.jobs}, "
            f"cores {os.cpu_count()}, load average {os.getloadavg()[0]:.1f}"
        )
        sample, rate, cpu_rate = posseg_rate(args.corpus, args.posseg_sample)
        print(
            f"jieba.posseg (1 process, {sample:,}-char sample): {rate:,.0f} chars/s "
            f"wall, {cpu_rate:,.0f} chars/s CPU"
        )

        print(
            "| slice | documents | MB | wall s | CPU s | MB/s | peak memory MB "
            "(all processes, PSS) | peak RSS MB (main + largest child) | stages s |"
        )
        print("|---|---|---|---|---|---|---|---|---|")
        fractions = sorted(int(f) for f in args.fractions.split(","))
        full: dict = {}
        full_slice = tmp
        for fraction in fractions:
            records = total * fraction // 100
            piece = write_slice(args.corpus, records, tmp / f"slice{fraction}.jsonl")
            # The largest slice is built with the cache on (cold): it is the full build
            # the incremental rebuild below is compared with, and it fills the cache.
            largest = fraction == fractions[-1]
            out = tmp / ("incremental" if largest else f"out{fraction}")
            result = run_build(
                piece, out, args.jobs, cache=largest, rdf=rdf, rdf_formats=formats
            )
            label = f"{fraction} %" + (" (cache on, cold)" if largest else "")
            print(_row(label, result), flush=True)
            full, full_slice = result, piece
        posseg_seconds = full["chars"] / rate
        print(
            f"posseg pass over the same {full['chars']:,} chars (extrapolated): "
            f"{posseg_seconds:.0f} s; build throughput = {posseg_seconds / full['wall']:.1f}x posseg"
        )

        # Incremental: the cache of the largest build, then 10 changed documents.
        out = tmp / "incremental"
        changed_copy = tmp / "changed" / full_slice.name
        changed_copy.parent.mkdir()
        every = max(1, full["documents"] // args.changed)
        lines = write_changed(full_slice, changed_copy, every, args.changed)
        warm = run_build(
            changed_copy, out, args.jobs, cache=True, rdf=rdf, rdf_formats=formats
        )
        print(
            f"incremental after changing {len(lines)} documents: {warm['wall']:.1f} s "
            f"({warm['extracted']} extracted, {warm['cached']} from cache; "
            f"{100 * warm['wall'] / full['wall']:.0f} % of the full build; peak "
            f"{warm['pss_mb']:.0f} MB); stages: "
            + ", ".join(f"{k} {v:.1f}" for k, v in warm["stages"].items())
        )

        if not args.skip_eval:
            for gold, corpus in (
                (ROOT / "tests" / "gold", ROOT / "seeds"),
                (
                    ROOT / "tests" / "gold" / "heldout",
                    ROOT / "tests" / "gold" / "heldout",
                ),
            ):
                scores = eval_scores(gold, corpus, tmp, args.jobs)
                same = all(s == scores[0] for s in scores)
                print(
                    f"kg eval {gold.relative_to(ROOT)}: identical across 1 job / "
                    f"{args.jobs} jobs / warm cache: {same}"
                )
                if not same:
                    sys.exit(1)


if __name__ == "__main__":
    main()
