"""Naive baselines, scored by ``kg eval --baseline`` on the same gold as kg.

Each is one rule, taken as it comes, with no clean-up; kg has to beat them:

- ``quotes`` (programmes): anything between quotation marks (“ ”, " ", 「 」);
- ``numbers`` (metrics): a plain number regex, the number as written and the character
  after it as the unit (3.48万元 → 3.48 "万"; 75.93% → 75.93 "%");
- ``jieba`` (places and people): every token jieba.posseg tags ``ns`` is a place, every
  token tagged ``nr`` a person (adjacent tokens are not merged).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from kg.errors import KgError
from kg.ingest import iter_corpus, list_corpus, read_document
from kg.model import Document

Node = dict[str, Any]

_QUOTED = re.compile(r"“([^“”\n]+)”|\"([^\"\n]+)\"|「([^「」\n]+)」")
_NUMBER = re.compile(r"(\d+(?:\.\d+)?)\s*([^\d\s.,，。、;；:：)(（）]?)")


def quoted_programmes(doc: Document) -> Iterator[Node]:
    """Every quoted string is a programme.

    Examples:
        >>> from kg.ingest import parse_document
        >>> doc = parse_document("开展“三比三亮”活动", "a.txt")
        >>> [n["name"] for n in quoted_programmes(doc)]
        ['三比三亮']
    """
    for match in _QUOTED.finditer(doc.text):
        name = next(g for g in match.groups() if g is not None)
        yield {"type": "programme", "class": "programme", "name": name}


def number_metrics(doc: Document) -> Iterator[Node]:
    """Every number is a metric; the next character is its unit."""
    for match in _NUMBER.finditer(doc.text):
        yield {
            "type": "metric",
            "name": match.group(),
            "value": match.group(1),
            "unit": match.group(2),
        }


def _tagged(doc: Document, flags: dict[str, str]) -> Iterator[Node]:
    import jieba.posseg

    for pair in jieba.posseg.lcut(doc.text):
        if pair.flag in flags:
            yield {"type": flags[pair.flag], "name": pair.word}


def jieba_names(doc: Document) -> Iterator[Node]:
    """Every token jieba tags ns is a place, every token tagged nr a person."""
    return _tagged(doc, {"ns": "place", "nr": "person"})


# name → (types it predicts, rule)
BASELINES: dict[str, tuple[tuple[str, ...], Callable[[Document], Iterator[Node]]]] = {
    "quotes": (("programme",), quoted_programmes),
    "numbers": (("metric",), number_metrics),
    "jieba": (("place", "person"), jieba_names),
}


def baseline_graph(corpus: Path, name: str) -> dict[str, Any]:
    """A graph.json-shaped dict of one baseline's nodes on ``corpus``.

    One node per name per document; metrics one per occurrence (kg eval counts them
    as a multiset). Unreadable files are left out, as kg build leaves them out.
    """
    _, rule = BASELINES[name]
    root, files = list_corpus(corpus)
    nodes: list[Node] = []
    for source in iter_corpus(root, files):
        if isinstance(source, Exception):
            continue
        try:
            doc = read_document(source)
        except KgError:  # a file kg build reports; not scored here
            continue
        seen: set[tuple[str, str]] = set()
        for i, node in enumerate(rule(doc)):
            key = (node["type"], node["name"])
            if node["type"] != "metric" and key in seen:
                continue
            seen.add(key)
            mention = {"doc": doc.doc_id, "start": 0, "end": 0}
            nodes.append(
                {
                    **node,
                    "id": f"{node['type']}:{doc.doc_id}:{i}",
                    "aliases": [],
                    "mentions": [mention],
                }
            )
    return {"nodes": nodes, "edges": []}
