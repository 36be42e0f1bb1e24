"""Evaluation: precision/recall/F1 of a built graph against hand-made annotations.

The annotation format is documented in ``tests/gold/README.md``: one JSON file per
document listing places, people, programmes and metrics, with ``optional`` marking
borderline items that count neither way.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from kg.errors import EvalError
from kg.ingest import fold

TYPES = ("place", "person", "programme", "metric")
# Programme nodes that kg eval scores: kg's older "local" class, and "programme" (any
# scope; the scope is scored as a link). Doctrine, quotations and metaphors are not.
PROGRAMME_CLASSES = frozenset({"local", "programme"})
# JSON files of a gold folder that are not annotations (the quality floor).
NOT_ANNOTATIONS = frozenset({"floor.json"})
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
        if node["type"] == "programme" and (
            node.get("class", "local") not in PROGRAMME_CLASSES
        ):
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


def _year(value: object) -> int | None:
    """A year of the gold or of kg as a number: annotators sometimes type it as text
    ("2019"), which must still equal kg's 2019.

    Examples:
        >>> _year("2019") == _year(2019) == 2019
        True
        >>> _year(None), _year("去年")
        (None, None)
    """
    text = str(value).strip() if value is not None else ""
    return int(text) if text.isascii() and text.isdigit() else None


def _same_subject(node: dict[str, Any], item: dict[str, Any]) -> bool:
    """Whether kg's subject and the gold's contain one another, both folded like names
    (kg writes 县(市、区) where the gold copies the text's 县（市、区）).

    Examples:
        >>> _same_subject({"subject": "县(市、区)"}, {"subject": "受灾县（市、区）"})
        True
        >>> _same_subject({"subject": "时间"}, {"subject": "受灾县（市、区）"})
        False
    """
    predicted = fold(str(node.get("subject") or ""))
    expected = fold(str(item.get("subject") or ""))
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
                # kg folds full-width forms to ASCII (（区） -> (区), kg.ingest.fold):
                # the same name as the gold's, written as the text writes it
                same = bool(
                    {fold(n) for n in _names(item)}
                    & {fold(n) for n in (node["name"], *node.get("aliases", []))}
                )
            if same:
                found = node
                break
        if found is None:
            missed.append(item)
        else:
            free.remove(found)
            pairs.append((item, found))
    return pairs, missed, free


def read_graph(graph_path: Path) -> dict[str, Any]:
    """A graph.json, or an EvalError that says to build first."""
    try:
        return json.loads(graph_path.read_text(encoding="utf-8"))
    except OSError as e:
        raise EvalError(
            f"{graph_path}: cannot read the graph ({e.strerror}); run kg build first"
        ) from e
    except json.JSONDecodeError as e:
        raise EvalError(f"{graph_path}: not a graph.json ({e})") from e


def evaluate(gold_dir: Path, graph_path: Path) -> Scores:
    """Score ``graph_path`` (a graph.json) against every ``*.json`` in ``gold_dir``."""
    return evaluate_graph(gold_dir, read_graph(graph_path))


def evaluate_graph(gold_dir: Path, graph: dict[str, Any]) -> Scores:
    """Score a graph (graph.json's node-link dict) against the files of ``gold_dir``."""
    by_doc_type, nodes, edges = _predicted(graph)
    out_edges: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for edge in edges:
        out_edges[edge["source"]].append(edge)
    scores = Scores()
    files = sorted(p for p in gold_dir.glob("*.json") if p.name not in NOT_ANNOTATIONS)
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


def _tally(scores: Scores, link: str, right: bool, doc: str, detail: str) -> None:
    """Count one link decision; a wrong one is listed under "<link> wrong"."""
    ratio = scores.links[link]
    ratio.total += 1
    ratio.right += right
    if not right:
        scores.errors[f"{link} wrong"].append(f"{doc}: {detail}")


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
            _score_place(scores, gold, node, nodes, out_edges, doc)
        elif kind == "person" and gold.get("posts"):
            gold_posts = [p for p in gold["posts"] if p.get("title")]
            if gold_posts:
                posts = _targets(out_edges, node["id"], "holds_post")
                held = ", ".join(
                    f"{e.get('title')}@{nodes.get(e['target'], {}).get('name')}"
                    for e in posts
                )
                expected = ", ".join(
                    f"{p['title']}@{p.get('org') or p.get('place')}" for p in gold_posts
                )
                _tally(
                    scores,
                    "person role",
                    _role_right(gold_posts, posts, nodes, out_edges),
                    doc,
                    f"{gold['name']}: {held or '-'} (gold {expected})",
                )
        elif kind == "programme":
            _score_programme(scores, gold, node, nodes, out_edges, doc)
        elif kind == "metric":
            _score_metric(scores, gold, node, nodes, out_edges, doc)


def _linked_names(
    nodes: dict[str, dict[str, Any]],
    out_edges: dict[str, list[dict[str, Any]]],
    node_id: str,
    edge_type: str,
    doc: str | None = None,
) -> set[str]:
    names: set[str] = set()
    for e in _targets(out_edges, node_id, edge_type, doc):
        names |= _node_names(nodes, e["target"])
    return names


def _score_place(
    scores: Scores,
    gold: dict[str, Any],
    node: dict[str, Any],
    nodes: dict[str, dict[str, Any]],
    out_edges: dict[str, list[dict[str, Any]]],
    doc: str,
) -> None:
    level = node.get("level")
    _tally(
        scores,
        "place level",
        level == gold.get("level"),
        doc,
        f"{gold['name']}: {level} (gold {gold.get('level')})",
    )
    if gold.get("parent"):
        parents = _linked_names(nodes, out_edges, node["id"], "part_of")
        _tally(
            scores,
            "place parent",
            gold["parent"] in parents,
            doc,
            f"{gold['name']}: {'/'.join(sorted(parents)) or '-'} (gold {gold['parent']})",
        )


def _score_programme(
    scores: Scores,
    gold: dict[str, Any],
    node: dict[str, Any],
    nodes: dict[str, dict[str, Any]],
    out_edges: dict[str, list[dict[str, Any]]],
    doc: str,
) -> None:
    name = gold["name"]
    gold_places = set(gold.get("runs_in", []))
    targets = set()
    for e in _targets(out_edges, node["id"], "runs_in", doc):
        linked = _node_names(nodes, e["target"])
        targets |= linked
        _tally(
            scores,
            "programme→place precision",
            bool(linked & gold_places),
            doc,
            f"{name} runs_in {nodes.get(e['target'], {}).get('name')} (not in gold)",
        )
    for place in sorted(gold_places):
        _tally(
            scores,
            "programme→place recall",
            place in targets,
            doc,
            f"{name} runs_in {place} (missed)",
        )
    if gold.get("components"):  # the parts, when the text spells them out
        parts = set(node.get("components") or [])
        _tally(
            scores,
            "programme components",
            parts == set(gold["components"]),
            doc,
            f"{name}: {'、'.join(sorted(parts)) or '-'}",
        )
    if gold.get("scope"):
        scope = node.get("scope", "local")
        _tally(
            scores,
            "programme scope",
            scope == gold["scope"],
            doc,
            f"{name}: {scope} (gold {gold['scope']})",
        )


def _score_metric(
    scores: Scores,
    gold: dict[str, Any],
    node: dict[str, Any],
    nodes: dict[str, dict[str, Any]],
    out_edges: dict[str, list[dict[str, Any]]],
    doc: str,
) -> None:
    text = gold.get("text") or gold.get("name")
    if gold.get("subject"):
        _tally(
            scores,
            "metric subject",
            _same_subject(node, gold),
            doc,
            f"{text}: {node.get('subject')} (gold {gold['subject']})",
        )
    if gold.get("year") is not None:
        _tally(
            scores,
            "metric year",
            _year(node.get("year")) == _year(gold["year"]),
            doc,
            f"{text}: {node.get('year')} (gold {gold['year']})",
        )
    if gold.get("place"):
        places = _linked_names(nodes, out_edges, node["id"], "measured_in")
        _tally(
            scores,
            "metric place",
            gold["place"] in places,
            doc,
            f"{text}: {'/'.join(sorted(places)) or '-'} (gold {gold['place']})",
        )


def total(parts: Iterable[Scores]) -> Scores:
    """The scores of several corpora taken together (counts are summed)."""
    out = Scores()
    for part in parts:
        out.documents += part.documents
        for kind, score in part.by_type.items():
            mine = out.by_type[kind]
            mine.tp, mine.fp, mine.fn = (
                mine.tp + score.tp,
                mine.fp + score.fp,
                mine.fn + score.fn,
            )
        for name, ratio in part.links.items():
            out.links[name].right += ratio.right
            out.links[name].total += ratio.total
        for name, items in part.errors.items():
            out.errors[name].extend(items)
    return out


def as_dict(scores: Scores) -> dict[str, Any]:
    """Scores as plain data (``kg eval --json``, ``tests/gold/floor.json``)."""
    return {
        "documents": scores.documents,
        "types": {
            kind: {
                "p": round(s.precision, 4),
                "r": round(s.recall, 4),
                "f1": round(s.f1, 4),
                "tp": s.tp,
                "fp": s.fp,
                "fn": s.fn,
            }
            for kind, s in scores.by_type.items()
        },
        "links": {
            name: {"accuracy": round(r.value, 4), "n": r.total}
            for name, r in sorted(scores.links.items())
        },
    }


def _type_row(label: str, s: Score) -> str:
    return (
        f"{label:<22}{s.precision:>7.3f}{s.recall:>7.3f}{s.f1:>7.3f}"
        f"{s.tp:>6}{s.fp:>6}{s.fn:>6}"
    )


def format_scores(
    scores: Scores,
    *,
    errors: bool = False,
    baselines: Iterable[tuple[str, str, Scores]] = (),
) -> str:
    """A plain-text table of the scores.

    ``baselines`` are (baseline name, type it predicts, its scores on the same gold),
    printed under kg's rows.
    """
    lines = [
        f"documents: {scores.documents}",
        "",
        f"{'type':<22}{'P':>7}{'R':>7}{'F1':>7}{'TP':>6}{'FP':>6}{'FN':>6}",
    ]
    lines += [_type_row(kind, scores.by_type[kind]) for kind in TYPES]
    for name, kind, theirs in baselines:
        lines.append(_type_row(f"{kind} [{name}]", theirs.by_type[kind]))
    lines += ["", f"{'link':<28}{'accuracy':>9}{'n':>6}"]
    for name in sorted(scores.links):
        ratio = scores.links[name]
        lines.append(f"{name:<28}{ratio.value:>9.3f}{ratio.total:>6}")
    if errors:
        for name in sorted(scores.errors):
            items = scores.errors[name]
            lines += ["", f"# {name} ({len(items)})"] + [f"  {e}" for e in items]
    return "\n".join(lines)
