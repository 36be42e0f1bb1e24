"""Score kg against four naive baselines on the same annotations, with kg eval's scorer.

Baselines (each one rule, taken as it comes, no clean-up):
- programme: anything between quotation marks (“ ”, " ", 「 」);
- metric: a plain number regex, the number as written and the character after it as
  the unit (3.48万元 → 3.48 "万"; 75.93% → 75.93 "%");
- place: every token jieba.posseg tags ``ns`` (adjacent tokens are not merged);
- person: every token jieba.posseg tags ``nr``.

Usage (from the repository root; writes nothing outside a temporary folder)::

    python bench/baselines.py

Prints one Markdown table: for the seeds (tests/gold), the annotated held-out texts
(tests/gold/heldout) and the held-out work reports alone (hailar_*), precision, recall
and F1 of kg and of the baseline of each type.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from kg.build import build
from kg.evaluate import Scores, evaluate
from kg.ingest import iter_corpus, list_corpus, read_document
from kg.model import Document

ROOT = Path(__file__).resolve().parent.parent
HELDOUT = ROOT / "tests" / "gold" / "heldout"
# (label, corpus folder, gold folder, annotation files scored)
CORPORA = (
    ("seeds", ROOT / "seeds", ROOT / "tests" / "gold", "*.json"),
    ("held-out", HELDOUT, HELDOUT, "*.json"),
    ("held-out work reports", HELDOUT, HELDOUT, "hailar_*.json"),
)
_QUOTED = re.compile(r"“([^“”\n]+)”|\"([^\"\n]+)\"|「([^「」\n]+)」")
_NUMBER = re.compile(r"(\d+(?:\.\d+)?)\s*([^\d\s.,，。、;；:：)(（）]?)")

Node = dict[str, Any]


def quoted_programmes(doc: Document) -> Iterator[Node]:
    """Every quoted string is a local programme."""
    for match in _QUOTED.finditer(doc.text):
        name = next(g for g in match.groups() if g is not None)
        yield {"type": "programme", "class": "local", "name": name}


def number_metrics(doc: Document) -> Iterator[Node]:
    """Every number is a metric; the next character is its unit."""
    for match in _NUMBER.finditer(doc.text):
        yield {
            "type": "metric",
            "name": match.group(),
            "value": match.group(1),
            "unit": match.group(2),
        }


def _tagged(doc: Document, flag: str, kind: str) -> Iterator[Node]:
    import jieba.posseg

    for pair in jieba.posseg.lcut(doc.text):
        if pair.flag == flag:
            yield {"type": kind, "name": pair.word}


def jieba_places(doc: Document) -> Iterator[Node]:
    """Every token jieba tags ns is a place."""
    return _tagged(doc, "ns", "place")


def jieba_people(doc: Document) -> Iterator[Node]:
    """Every token jieba tags nr is a person."""
    return _tagged(doc, "nr", "person")


BASELINES: dict[str, tuple[str, Callable[[Document], Iterator[Node]]]] = {
    "place": ("jieba ns", jieba_places),
    "person": ("jieba nr", jieba_people),
    "programme": ("quoted strings", quoted_programmes),
    "metric": ("number regex", number_metrics),
}


def baseline_graph(corpus: Path) -> dict[str, Any]:
    """A graph.json-shaped dict of every baseline's nodes, one node per name per document.

    Metrics are kept one per occurrence (kg eval counts them as a multiset).
    """
    root, files = list_corpus(corpus)
    nodes: list[Node] = []
    for source in iter_corpus(root, files):
        if isinstance(source, Exception):
            continue
        doc = read_document(source)
        for _, rule in BASELINES.values():
            seen: set[tuple[str, str]] = set()
            for i, node in enumerate(rule(doc)):
                key = (node["type"], node["name"])
                if node["type"] != "metric" and key in seen:
                    continue
                seen.add(key)
                node_id = f"{node['type']}:{doc.doc_id}:{i}"
                mention = {"doc": doc.doc_id, "start": 0, "end": 0}
                nodes.append(
                    {**node, "id": node_id, "aliases": [], "mentions": [mention]}
                )
    return {"nodes": nodes, "edges": []}


def score_both(
    corpus: Path, gold: Path, pattern: str, work: Path
) -> tuple[Scores, Scores]:
    """kg's scores and the baselines' scores on one corpus, on the gold files matching
    ``pattern`` (copied to a folder of their own, since kg eval scores a folder)."""
    selected = work / "gold"
    selected.mkdir(parents=True)
    for path in sorted(gold.glob(pattern)):
        (selected / path.name).write_bytes(path.read_bytes())
    gold = selected
    kg_dir = work / "kg"
    build(corpus, kg_dir, html=False)
    baseline_path = work / "baseline.json"
    baseline_path.write_text(
        json.dumps(baseline_graph(corpus), ensure_ascii=False), encoding="utf-8"
    )
    return evaluate(gold, kg_dir / "graph.json"), evaluate(gold, baseline_path)


def table(rows: list[tuple[str, str, str, Scores, Scores]]) -> str:
    """A Markdown table: corpus, type, baseline, then P/R/F1 of kg and of the baseline."""
    lines = [
        "| corpus | type | baseline | kg P | kg R | kg F1 | baseline P | baseline R | baseline F1 |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for corpus, kind, name, ours, theirs in rows:
        a, b = ours.by_type[kind], theirs.by_type[kind]
        lines.append(
            f"| {corpus} | {kind} | {name} | {a.precision:.3f} | {a.recall:.3f} | "
            f"{a.f1:.3f} | {b.precision:.3f} | {b.recall:.3f} | {b.f1:.3f} |"
        )
    return "\n".join(lines)


def main() -> int:
    logging.getLogger("jieba").setLevel(logging.WARNING)
    import jieba

    jieba.setLogLevel(logging.WARNING)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for label, corpus, gold, pattern in CORPORA:
            work = Path(tmp) / label
            ours, theirs = score_both(corpus, gold, pattern, work)
            for kind, (name, _) in BASELINES.items():
                rows.append((label, kind, name, ours, theirs))
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
