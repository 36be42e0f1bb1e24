"""kg's people (and places) against Baidu's LAC tagger taken off the shelf.

LAC (https://github.com/baidu/lac) is a trained lexical analyser; its PER tokens are
scored as people and its LOC tokens as places, with kg eval's scorer, on the same gold
folders as kg (tests/gold, tests/gold/heldout, and blind batch 1 when ../shared is
there). LAC is not a dependency of kg: install it beside kg in a virtual environment
of its own::

    python3 -m venv /tmp/lacenv && . /tmp/lacenv/bin/activate
    pip install "setuptools<70" wheel "paddlepaddle==2.6.2"
    pip install --no-build-isolation lac && pip install -e .
    python bench/lac_people.py            # every corpus; or name some: blind16 seeds

LAC 2.1 imports ``paddle.fluid``, which paddlepaddle 2.6 renamed ``paddle.base``;
the import is mapped below (the package and its ``core`` module), here and nowhere
else. LAC's setup.py needs ``pkg_resources``, hence the old setuptools and
``--no-build-isolation``.
"""

from __future__ import annotations

import runpy
import sys
import tempfile
from pathlib import Path
from types import SimpleNamespace
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# Measure the kg of this checkout, not whichever one the LAC environment installed
# (an older editable install once gave kg figures of another branch).
sys.path.insert(0, str(ROOT))


def _lac() -> Any:
    import paddle
    import paddle.base.core

    sys.modules.setdefault("paddle.fluid", paddle.base)
    sys.modules.setdefault("paddle.fluid.core", paddle.base.core)
    from LAC import LAC

    return LAC(mode="lac")


def _floor_module() -> Any:
    """scripts/gold_floor.py, which is not a package, as a namespace."""
    return SimpleNamespace(
        **runpy.run_path(str(ROOT / "scripts" / "gold_floor.py"), run_name="gold_floor")
    )


def lac_graph(lac: Any, corpus: Path) -> dict[str, Any]:
    """A graph.json-shaped dict of LAC's PER and LOC tokens, one node per name and
    document."""
    from kg.errors import KgError
    from kg.ingest import iter_corpus, list_corpus, read_document

    kinds = {"PER": "person", "LOC": "place"}
    root, files = list_corpus(corpus)
    nodes = []
    for source in iter_corpus(root, files):
        if isinstance(source, Exception):
            continue
        try:
            doc = read_document(source)
        except KgError:
            continue
        seen = set()
        for line in doc.text.splitlines():
            if not line.strip():
                continue
            words, tags = lac.run(line)
            for word, tag in zip(words, tags, strict=True):
                kind = kinds.get(tag)
                if kind and (kind, word) not in seen:
                    seen.add((kind, word))
                    nodes.append(
                        {
                            "id": f"{kind}:{doc.doc_id}:{len(nodes)}",
                            "type": kind,
                            "name": word,
                            "aliases": [],
                            "mentions": [{"doc": doc.doc_id, "start": 0, "end": 0}],
                        }
                    )
    return {"nodes": nodes, "edges": []}


def main() -> int:
    from kg.build import build
    from kg.evaluate import evaluate, evaluate_graph

    floor = _floor_module()
    # python bench/lac_people.py [CORPUS …]: only those of scripts/gold_floor.py's CORPORA
    wanted = set(sys.argv[1:]) or set(floor.CORPORA)
    lac = _lac()
    print("| corpus | type | kg P | kg R | kg F1 | LAC P | LAC R | LAC F1 |")
    print("|---|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for name, (gold, texts) in floor.CORPORA.items():
            if name not in wanted or not floor.available(texts):
                continue
            folder = floor.texts_folder(texts, Path(tmp))
            out = Path(tmp) / f"{name}-out"
            build(folder, out, html=False, rdf=False, cache=False, jobs=1)
            ours = evaluate(ROOT / gold, out / "graph.json")
            theirs = evaluate_graph(ROOT / gold, lac_graph(lac, folder))
            for kind in ("person", "place"):
                a, b = ours.by_type[kind], theirs.by_type[kind]
                print(
                    f"| {name} | {kind} | {a.precision:.3f} | {a.recall:.3f} | "
                    f"{a.f1:.3f} | {b.precision:.3f} | {b.recall:.3f} | {b.f1:.3f} |"
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
