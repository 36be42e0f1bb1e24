"""What kg's calls into private APIs saved, against the public way, in the same run.

Issue 22: keep a private-API call only where it saves >= 10 % of the bulk build's
wall time (the tagger: only if jieba's own tagger is more than 15 % slower). Neither
did (figures in bench/README.md), and both were removed: this script is the record
of that measurement and runs at commit 59a214d, the last with kg's own tagger
(``kg.extract._tagger.viterbi``) and ``c_make_encoder``.

- ``tagger``: extraction CPU over a sample of bulk documents with kg's
  ``kg.extract._tagger`` (``tag``/``segment``; the hand-written Viterbi and the
  name-mangled ``_POSTokenizer__cut_detail``) against jieba's own tagger and
  segmenter on a private ``jieba.posseg.POSTokenizer(jieba.Tokenizer())``. The two
  run interleaved (A B A B ...), every round from cold caches; the mentions of every
  document are compared.
- ``json``: writing ``graph.json`` of a built graph with each record encoded by
  ``json.encoder.c_make_encoder`` (made once) against ``json.JSONEncoder.encode``
  and ``json.dumps``, interleaved; the bytes are compared.

- ``build``: the whole ``kg build`` (``--jobs 2``, no cache, every output) of the
  first ``--percent`` % of the bulk corpus, wall seconds, with kg's tagger and
  encoder, with jieba's own tagger, and with ``JSONEncoder.encode``; each build in
  its own process, the variants interleaved.

CPU seconds (``time.process_time``) for ``tagger`` and ``json``: the machine may be
shared, wall time is not.

    python bench/private_api_bench.py tagger [--every 25] [--rounds 3] [--split]
    python bench/private_api_bench.py json GRAPH_JSON [--rounds 3]
    python bench/private_api_bench.py build [--percent 25] [--rounds 2]
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BULK = ROOT.parent / "shared" / "corpus" / "bulk" / "xwlb_2012-2026.jsonl.gz"


def sample_documents(path: Path, every: int) -> list[Any]:
    """Every ``every``-th record of the corpus (title + text, as ingest reads them)."""
    from kg.ingest import parse_document

    docs = []
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i % every:
                continue
            record = json.loads(line)
            text = f"{record.get('title', '')}\n\n{record.get('text', '')}"
            docs.append(parse_document(text, str(record.get("id", i))))
    return docs


Variant = tuple[Callable[..., Any], Callable[..., Any], Callable[..., Any]]


def _tagger_variants(which: str) -> dict[str, Variant]:
    """name -> (tag, segment, the Viterbi kg's tag uses for unknown runs)."""
    import jieba
    import jieba.posseg
    from jieba.posseg.viterbi import viterbi as jieba_viterbi

    from kg.extract import _tagger

    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    posseg = jieba.posseg.POSTokenizer(tokenizer)

    def jieba_tag(sentence: str) -> tuple[tuple[str, str], ...]:
        return tuple((p.word, p.flag) for p in posseg.lcut(sentence))

    kg = _tagger.viterbi
    variants = {
        "kg _tagger": (_tagger.tag, _tagger.segment, kg),
        "jieba POSTokenizer": (jieba_tag, tokenizer.lcut, kg),
        # kg's walk, jieba's Viterbi: what the hand-written Viterbi alone saves
        "kg walk, jieba viterbi": (_tagger.tag, _tagger.segment, jieba_viterbi),
    }
    if which == "split":  # which half costs what
        variants = {
            "kg _tagger": variants["kg _tagger"],
            "jieba tag, kg segment": (jieba_tag, _tagger.segment, kg),
            "kg tag, jieba segment": (_tagger.tag, tokenizer.lcut, kg),
        }
    return variants


def _use(
    tag: Callable[..., Any], segment: Callable[..., Any], viterbi: Callable[..., Any]
) -> None:
    import kg.extract.people as people
    import kg.extract.places as places
    from kg.extract import _tagger

    places.tag, places.segment, people.segment = tag, segment, segment
    _tagger.viterbi = viterbi  # type: ignore[assignment]
    places._tag.cache_clear()
    _tagger._route.cache_clear()
    _tagger._CHARS.clear()


def bench_tagger(every: int, rounds: int, which: str) -> None:
    from kg.extract import extract

    docs = sample_documents(BULK, every)
    chars = sum(len(d.clean) for d in docs)
    print(f"{len(docs)} documents (every {every}th), {chars:,} characters")
    variants = _tagger_variants(which)
    for variant in variants.values():  # load word lists, dictionaries
        _use(*variant)
        for doc in docs[:30]:
            extract(doc)
    times: dict[str, list[float]] = {name: [] for name in variants}
    found: dict[str, list[str]] = {}
    for _ in range(rounds):
        for name, variant in variants.items():
            _use(*variant)
            started = time.process_time()
            results = [extract(doc) for doc in docs]
            times[name].append(time.process_time() - started)
            found.setdefault(name, [repr(r) for r in results])
    print(f"{'tagger':22} {'CPU s (best)':>12} {'median':>8}  rounds")
    for name, seconds in times.items():
        shown = " ".join(f"{s:.2f}" for s in seconds)
        print(
            f"{name:22} {min(seconds):12.2f} {statistics.median(seconds):8.2f}  {shown}"
        )
    base = found["kg _tagger"]
    for name, other in found.items():
        differ = [d.doc_id for d, a, b in zip(docs, base, other, strict=True) if a != b]
        print(
            f"{name}: documents whose mentions differ from kg's: {len(differ)} {differ[:5]}"
        )


def bench_json(graph_json: Path, rounds: int) -> None:
    import kg.graph as graph_module

    graph = graph_module.read_node_link(graph_json)
    print(f"{graph_json}: {graph.number_of_nodes():,} nodes, {graph.size():,} edges")
    fast = graph_module._encode_record
    encoder = json.JSONEncoder(ensure_ascii=False, sort_keys=True)

    def dumps(record: Any) -> str:
        return json.dumps(record, ensure_ascii=False, sort_keys=True)

    variants = {
        "c_make_encoder": fast,
        "JSONEncoder.encode": encoder.encode,
        "json.dumps": dumps,
    }
    times: dict[str, list[float]] = {name: [] for name in variants}
    texts: dict[str, bytes] = {}
    with tempfile.TemporaryDirectory() as work:
        out = Path(work) / "graph.json"
        for _ in range(rounds):
            for name, encode in variants.items():
                graph_module._encode_record = encode
                started = time.process_time()
                graph_module.write_node_link(graph, out)
                times[name].append(time.process_time() - started)
                texts.setdefault(name, out.read_bytes())
    graph_module._encode_record = fast
    print(f"{'record encoder':22} {'CPU s (best)':>12} {'median':>8}  rounds")
    for name, seconds in times.items():
        shown = " ".join(f"{s:.2f}" for s in seconds)
        print(
            f"{name:22} {min(seconds):12.2f} {statistics.median(seconds):8.2f}  {shown}"
        )
    same = len(set(texts.values())) == 1
    print(f"graph.json bytes identical across encoders: {same}")


# Runs in the build's process: the variant, then the build (workers are forked, so
# they inherit the variant); prints wall seconds and the build's stage seconds.
_BUILD_CHILD = """
import json, resource, sys, time
sys.path.insert(0, sys.argv[4])
started = time.perf_counter()
variant, corpus, out = sys.argv[1:4]
if variant == "jieba tagger":
    from private_api_bench import _tagger_variants, _use
    _use(*_tagger_variants("")["jieba POSTokenizer"])
elif variant == "JSONEncoder.encode":
    import kg.graph
    kg.graph._encode_record = kg.graph._SORTED_UTF8.encode
from pathlib import Path
from kg.build import build
r = build(Path(corpus), Path(out), jobs=2, cache=False)
me = resource.getrusage(resource.RUSAGE_SELF)
kids = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime
print(json.dumps({"wall": time.perf_counter() - started, "cpu": cpu,
                  "stages": r.stages, "cpu_stages": r.cpu_stages}))
"""


def bench_build(percent: float, rounds: int) -> None:
    import subprocess
    import sys

    from build_bench import count_records, write_slice

    variants = ["kg", "jieba tagger", "JSONEncoder.encode"]
    walls: dict[str, list[float]] = {name: [] for name in variants}
    cpus: dict[str, list[float]] = {name: [] for name in variants}
    with tempfile.TemporaryDirectory() as work:
        records = int(count_records(BULK) * percent / 100)
        corpus = write_slice(BULK, records, Path(work) / "slice.jsonl")
        print(f"first {percent:g} % of the bulk corpus: {records:,} records")
        outputs: dict[str, Path] = {}
        for _ in range(rounds):
            for name in variants:
                out = Path(work) / f"out-{variants.index(name)}"
                here = str(Path(__file__).parent)
                args = [sys.executable, "-c", _BUILD_CHILD, name, str(corpus), str(out)]
                done = subprocess.run(
                    [*args, here],
                    capture_output=True,
                    text=True,
                    check=True,
                )
                result = json.loads(done.stdout.strip().splitlines()[-1])
                walls[name].append(result["wall"])
                cpus[name].append(result["cpu"])
                outputs[name] = out
                stages = ", ".join(
                    f"{k} {v:.1f}/{result['cpu_stages'].get(k, 0):.1f}"
                    for k, v in result["stages"].items()
                )
                print(
                    f"{name:20} wall {result['wall']:6.1f} s, CPU {result['cpu']:6.1f} s"
                    f" (stages wall/CPU: {stages})",
                    flush=True,
                )
        files = ("graph.json", "graph.ttl", "graph.trig", "graph.html")
        for name, out in outputs.items():
            same = all(
                (out / f).read_bytes() == (outputs["kg"] / f).read_bytes()
                for f in files
            )
            print(f"{name}: outputs identical to kg's: {same}")
    print(f"{'variant':20} {'wall s (best, median)':>22} {'CPU s (best, median)':>22}")
    for name, seconds in walls.items():
        cpu = cpus[name]
        print(
            f"{name:20} {min(seconds):10.1f} {statistics.median(seconds):10.1f}"
            f" {min(cpu):10.1f} {statistics.median(cpu):10.1f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=["tagger", "json", "build"])
    parser.add_argument("graph_json", nargs="?", type=Path)
    parser.add_argument("--every", type=int, default=25)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--percent", type=float, default=25)
    parser.add_argument(
        "--split", action="store_true", help="tagger: jieba for tag or segment only"
    )
    args = parser.parse_args()
    from kg.extract import _tagger

    if not hasattr(_tagger, "viterbi"):
        raise SystemExit(
            "kg's own tagger is gone (issue 22): run this at commit 59a214d "
            "(git worktree add /tmp/kg-59a214d 59a214d)"
        )
    if args.what == "tagger":
        bench_tagger(args.every, args.rounds, "split" if args.split else "")
    elif args.what == "build":
        bench_build(args.percent, args.rounds)
    else:
        if args.graph_json is None:
            parser.error("json: give a built graph.json")
        bench_json(args.graph_json, args.rounds)


if __name__ == "__main__":
    main()
