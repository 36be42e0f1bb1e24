"""kg eval: a section left out of an annotation file is "not annotated", not "empty"."""

from __future__ import annotations

import json
from pathlib import Path

from kg.evaluate import evaluate


def _graph(tmp_path: Path) -> Path:
    node = {
        "id": "place:500155",
        "type": "place",
        "name": "梁平区",
        "aliases": [],
        "mentions": [{"doc": "a.txt", "start": 0, "end": 3}],
    }
    metric = {
        "id": "metric:a.txt:5",
        "type": "metric",
        "name": "3个",
        "value": "3",
        "unit": "个",
        "subject": "工作专班",
        "mentions": [{"doc": "a.txt", "start": 5, "end": 7}],
    }
    path = tmp_path / "graph.json"
    path.write_text(
        json.dumps({"nodes": [node, metric], "edges": []}), encoding="utf-8"
    )
    return path


def _gold(tmp_path: Path, **sections: object) -> Path:
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "a.txt.json").write_text(
        json.dumps({"doc": "a.txt", **sections}, ensure_ascii=False), encoding="utf-8"
    )
    return gold


def test_missing_section_is_not_scored(tmp_path: Path) -> None:
    metrics = [{"text": "3个", "value": "3", "unit": "个", "subject": "工作专班"}]
    scores = evaluate(_gold(tmp_path, metrics=metrics), _graph(tmp_path))
    place = scores.by_type["place"]
    assert (place.tp, place.fp, place.fn) == (0, 0, 0)
    assert scores.by_type["metric"].tp == 1
    assert scores.links["metric subject"].value == 1.0


def test_empty_section_counts_every_prediction_as_spurious(tmp_path: Path) -> None:
    scores = evaluate(_gold(tmp_path, places=[], metrics=[]), _graph(tmp_path))
    assert scores.by_type["place"].fp == 1
    assert scores.by_type["metric"].fp == 1


def test_a_name_matches_the_gold_however_its_full_width_forms_are_written() -> None:
    # kg folds （区） to (区) (kg.ingest.fold); the gold writes the text's forms
    from kg.evaluate import _match

    gold = [{"name": "创建国家级卫生县（市）城"}]
    node = {"id": "programme:x", "name": "创建国家级卫生县(市)城", "aliases": []}
    pairs, missed, extra = _match(gold, [node], "programme")
    assert len(pairs) == 1 and not missed and not extra


def test_a_year_typed_as_text_in_the_gold_equals_kgs_number(tmp_path: Path) -> None:
    # an annotator typed "2019" for 2019: the same year, not a wrong one
    graph = json.loads(_graph(tmp_path).read_text(encoding="utf-8"))
    graph["nodes"][1]["year"] = 2019
    (tmp_path / "graph.json").write_text(json.dumps(graph), encoding="utf-8")
    metrics = [{"text": "3个", "value": "3", "unit": "个", "year": "2019"}]
    scores = evaluate(_gold(tmp_path, metrics=metrics), tmp_path / "graph.json")
    assert scores.links["metric year"].value == 1.0
    metrics[0]["year"] = "2018"
    (tmp_path / "gold" / "a.txt.json").unlink()
    (tmp_path / "gold").rmdir()
    scores = evaluate(_gold(tmp_path, metrics=metrics), tmp_path / "graph.json")
    assert scores.links["metric year"].value == 0.0
