"""Evaluation: precision/recall/F1 of a built graph against hand-made annotations.

The annotation format is documented in ``tests/gold/README.md``: one JSON file per
document listing places, people, programmes and metrics, with ``optional`` marking
borderline items that count neither way.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from kg.errors import EvalError

TYPES = ("place", "person", "programme", "metric")
_GOLD_KEYS = {
    "place": "places",
    "person": "people",
    "programme": "programmes",
    "metric": "metrics",
}


@dataclass(slots=True)
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(slots=True)
class Ratio:
    right: int = 0
    total: int = 0

    @property
    def value(self) -> float:
        return self.right / self.total if self.total else 1.0


@dataclass(slots=True)
class Scores:
    by_type: dict[str, Score] = field(
        default_factory=lambda: {t: Score() for t in TYPES}
    )
    links: dict[str, Ratio] = field(default_factory=lambda: defaultdict(Ratio))
    documents: int = 0
    errors: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))


def _names(item: dict[str, Any]) -> set[str]:
    return {item["name"], *item.get("aliases", [])}


def read_gold(path: Path) -> dict[str, Any]:
    """Read and check one annotation file."""
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as e:
        raise EvalError(f"{path}: cannot read annotation ({e})") from e
    if not isinstance(gold, dict) or "doc" not in gold:
        raise EvalError(f"{path}: an annotation file needs a 'doc' field")
    for key in _GOLD_KEYS.values():
        if not isinstance(gold.get(key, []), list):
            raise EvalError(f"{path}: '{key}' must be a list")
    return gold


def _predicted(
    graph: dict[str, Any],
) -> tuple[
    dict[tuple[str, str], list[dict[str, Any]]],
    dict[str, dict[str, Any]],
    list[dict[str, Any]],
]:
    nodes = {n["id"]: n for n in graph["nodes"]}
    by_doc_type: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for node in graph["nodes"]:
        if node["type"] not in TYPES:
            continue
        if node["type"] == "programme" and node.get("class", "local") != "local":
            continue
        docs = sorted({m["doc"] for m in node.get("mentions", [])})
        for doc in docs:
            by_doc_type[(doc, node["type"])].append(node)
    return by_doc_type, nodes, graph["edges"]


def _decimal(text: object) -> Decimal | None:
    try:
        return Decimal(str(text))
    except (InvalidOperation, ValueError):
        return None


def _same_subject(node: dict[str, Any], item: dict[str, Any]) -> bool:
    predicted = str(node.get("subject") or "")
    expected = str(item.get("subject") or "")
    return bool(predicted and expected) and (
        predicted in expected or expected in predicted
    )


def _match(
    gold_items: list[dict[str, Any]], predicted: list[dict[str, Any]], kind: str
) -> tuple[
    list[tuple[dict[str, Any], dict[str, Any]]],
    list[dict[str, Any]],
    list[dict[str, Any]],
]:
    """Pair gold items with predicted nodes; returns (pairs, unmatched gold, unmatched predicted)."""
    free = list(predicted)
    pairs = []
    missed = []
    # Required items first, so an optional item never takes a node a required one needs.
    for item in sorted(gold_items, key=lambda g: bool(g.get("optional"))):
        found = None
        if kind == "metric":
            # two figures of one value (两个 … 两个): pair each with the one about the
            # same thing, so the subject is scored against the right figure
            free.sort(key=lambda n: not _same_subject(n, item))
        for node in free:
            if kind == "metric":
                same = _decimal(node.get("value")) == _decimal(
                    item.get("value")
                ) and node.get("unit") == item.get("unit")
            else:
                same = bool(_names(item) & {node["name"], *node.get("aliases", [])})
            if same:
                found = node
                break
        if found is None:
            missed.append(item)
        else:
            free.remove(found)
            pairs.append((item, found))
    return pairs, missed, free


def evaluate(gold_dir: Path, graph_path: Path) -> Scores:
    """Score ``graph_path`` (a graph.json) against every ``*.json`` in ``gold_dir``."""
    try:
        graph = json.loads(graph_path.read_text(encoding="utf-8"))
    except OSError as e:
        raise EvalError(
            f"{graph_path}: cannot read the graph ({e.strerror}); run kg build first"
        ) from e
    by_doc_type, nodes, edges = _predicted(graph)
    out_edges: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for edge in edges:
        out_edges[edge["source"]].append(edge)
    scores = Scores()
    files = sorted(gold_dir.glob("*.json"))
    if not files:
        raise EvalError(f"{gold_dir}: no annotation files (*.json)")
    for path in files:
        gold = read_gold(path)
        doc = gold["doc"]
        scores.documents += 1
        for kind in TYPES:
            if _GOLD_KEYS[kind] not in gold:
                continue  # a section left out is not annotated, not "nothing there"
            items = gold[_GOLD_KEYS[kind]]
            if kind == "metric":
                for item in items:
                    item.setdefault("name", item.get("text", ""))
            predicted = by_doc_type.get((doc, kind), [])
            pairs, missed, extra = _match(items, predicted, kind)
            score = scores.by_type[kind]
            score.tp += sum(1 for g, _ in pairs if not g.get("optional"))
            score.fn += sum(1 for g in missed if not g.get("optional"))
            score.fp += len(extra)
            for g in missed:
                if not g.get("optional"):
                    scores.errors[f"{kind} missed"].append(
                        f"{doc}: {g.get('text') or g['name']}"
                    )
            for n in extra:
                label = (
                    n["name"]
                    if kind != "metric"
                    else f"{n['name']}={n.get('value')}{n.get('unit')}"
                )
                scores.errors[f"{kind} spurious"].append(f"{doc}: {label}")
            _score_links(scores, kind, pairs, nodes, out_edges, doc)
    return scores


def _targets(
    out_edges: dict[str, list[dict[str, Any]]],
    node_id: str,
    kind: str,
    doc: str | None = None,
) -> list[dict[str, Any]]:
    return [
        e
        for e in out_edges.get(node_id, [])
        if e["type"] == kind
        and (
            doc is None
            or not e.get("evidence")
            or any(ev["doc"] == doc for ev in e["evidence"])
        )
    ]


def _node_names(nodes: dict[str, dict[str, Any]], node_id: str) -> set[str]:
    node = nodes.get(node_id, {})
    return {node.get("name", ""), *node.get("aliases", [])}


def _role_right(
    gold_posts: list[dict[str, Any]],
    edges: list[dict[str, Any]],
    nodes: dict[str, dict[str, Any]],
    out_edges: dict[str, list[dict[str, Any]]],
) -> bool:
    """A role is right when one post has the gold title and is tied to the gold
    organisation or place (the post's organisation, or the place it is located in)."""
    for edge in edges:
        names = _node_names(nodes, edge["target"])
        for located in _targets(out_edges, edge["target"], "located_in"):
            names |= _node_names(nodes, located["target"])
        names = {n.removeprefix("中共") for n in names}
        for post in gold_posts:
            if post["title"] != edge.get("title"):
                continue
            org = str(post.get("org") or "").removeprefix("中共")
            if (
                not (org or post.get("place"))
                or org in names
                or post.get("place") in names
            ):
                return True
    return False


def _score_links(
    scores: Scores,
    kind: str,
    pairs: list[tuple[dict[str, Any], dict[str, Any]]],
    nodes: dict[str, dict[str, Any]],
    out_edges: dict[str, list[dict[str, Any]]],
    doc: str,
) -> None:
    for gold, node in pairs:
        if gold.get("optional"):
            continue
        if kind == "place":
            scores.links["place level"].total += 1
            scores.links["place level"].right += node.get("level") == gold.get("level")
            if gold.get("parent"):
                parents = set().union(
                    *[
                        _node_names(nodes, e["target"])
                        for e in _targets(out_edges, node["id"], "part_of")
                    ]
                    or [set()]
                )
                scores.links["place parent"].total += 1
                scores.links["place parent"].right += gold["parent"] in parents
        elif kind == "person" and gold.get("posts"):
            gold_posts = [p for p in gold["posts"] if p.get("title")]
            if gold_posts:
                scores.links["person role"].total += 1
                scores.links["person role"].right += _role_right(
                    gold_posts,
                    _targets(out_edges, node["id"], "holds_post"),
                    nodes,
                    out_edges,
                )
        elif kind == "programme":
            targets = set()
            for e in _targets(out_edges, node["id"], "runs_in", doc):
                targets |= _node_names(nodes, e["target"])
            gold_places = set(gold.get("runs_in", []))
            predicted_links = [
                e for e in _targets(out_edges, node["id"], "runs_in", doc)
            ]
            for e in predicted_links:
                scores.links["programme→place precision"].total += 1
                scores.links["programme→place precision"].right += bool(
                    _node_names(nodes, e["target"]) & gold_places
                )
            for place in gold_places:
                scores.links["programme→place recall"].total += 1
                scores.links["programme→place recall"].right += place in targets
            if gold.get("components"):  # the parts, when the text spells them out
                scores.links["programme components"].total += 1
                scores.links["programme components"].right += set(
                    node.get("components") or []
                ) == set(gold["components"])
        elif kind == "metric":
            if gold.get("subject"):
                scores.links["metric subject"].total += 1
                scores.links["metric subject"].right += _same_subject(node, gold)
            if gold.get("year") is not None:
                scores.links["metric year"].total += 1
                scores.links["metric year"].right += node.get("year") == gold["year"]
            if gold.get("place"):
                places = set().union(
                    *[
                        _node_names(nodes, e["target"])
                        for e in _targets(out_edges, node["id"], "measured_in")
                    ]
                    or [set()]
                )
                scores.links["metric place"].total += 1
                scores.links["metric place"].right += gold["place"] in places


def format_scores(scores: Scores, *, errors: bool = False) -> str:
    """A plain-text table of the scores."""
    lines = [
        f"documents: {scores.documents}",
        "",
        f"{'type':<12}{'P':>7}{'R':>7}{'F1':>7}{'TP':>6}{'FP':>6}{'FN':>6}",
    ]
    for kind in TYPES:
        s = scores.by_type[kind]
        lines.append(
            f"{kind:<12}{s.precision:>7.3f}{s.recall:>7.3f}{s.f1:>7.3f}{s.tp:>6}{s.fp:>6}{s.fn:>6}"
        )
    lines += ["", f"{'link':<28}{'accuracy':>9}{'n':>6}"]
    for name in sorted(scores.links):
        ratio = scores.links[name]
        lines.append(f"{name:<28}{ratio.value:>9.3f}{ratio.total:>6}")
    if errors:
        for name in sorted(scores.errors):
            lines += ["", f"# {name}"] + [f"  {e}" for e in scores.errors[name]]
    return "\n".join(lines)
