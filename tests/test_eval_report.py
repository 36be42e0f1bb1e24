"""kg eval's report: several corpora and a total, baselines, scope, errors by kind."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from kg.cli import cli
from kg.evaluate import evaluate, format_scores


def _write(path: Path, data: object) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def _corpus(tmp_path: Path) -> tuple[Path, Path]:
    """A text with a quoted programme and a quoted slogan, its gold and a graph."""
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "梁平区开展“三比三亮”活动，坚持“一把手”负责。", "utf-8"
    )
    _write(
        folder / "a.txt.json",
        {
            "doc": "a.txt",
            "programmes": [
                {"name": "三比三亮", "scope": "local", "runs_in": ["梁平区"]},
                {"name": "河长制", "scope": "national", "runs_in": ["梁平区"]},
            ],
        },
    )
    programme = {
        "id": "programme:三比三亮",
        "type": "programme",
        "class": "programme",
        "scope": "national",
        "name": "三比三亮",
        "mentions": [{"doc": "a.txt", "start": 6, "end": 10}],
    }
    doctrine = {**programme, "id": "p2", "name": "一把手", "class": "doctrine"}
    graph = _write(
        tmp_path / "out" / "graph.json", {"nodes": [programme, doctrine], "edges": []}
    )
    return folder, graph


def test_scope_and_runs_in_errors_are_grouped(tmp_path: Path) -> None:
    folder, graph = _corpus(tmp_path)
    scores = evaluate(folder, graph)
    assert (scores.by_type["programme"].tp, scores.by_type["programme"].fn) == (1, 1)
    assert scores.by_type["programme"].fp == 0  # the doctrine node is not scored
    assert scores.links["programme scope"].value == 0.0
    text = format_scores(scores, errors=True)
    assert (
        "# programme scope wrong (1)\n  a.txt: 三比三亮: national (gold local)" in text
    )
    assert "# programme→place recall wrong (1)" in text
    assert "# programme missed (1)\n  a.txt: 河长制" in text


def test_two_corpora_a_total_and_a_baseline(tmp_path: Path) -> None:
    folder, graph = _corpus(tmp_path)
    args = ["eval", str(folder), str(folder), "-g", str(graph.parent)]
    result = CliRunner().invoke(cli, [*args, "--baseline", "quotes"])
    assert result.exit_code == 0, result.output
    assert result.output.count("programme [quotes]") == 3  # two corpora and the total
    assert "== total ==\ndocuments: 2" in result.output
    data = json.loads(
        CliRunner().invoke(cli, [*args, "--baseline", "quotes", "--json"]).output
    )
    quotes = data["total"]["baselines"]["quotes/programme"]
    assert (quotes["tp"], quotes["fp"], quotes["fn"]) == (2, 2, 2)  # 一把手 twice
    assert data["total"]["types"]["programme"]["tp"] == 2


def test_graph_count_must_fit(tmp_path: Path) -> None:
    folder, graph = _corpus(tmp_path)
    result = CliRunner().invoke(
        cli,
        [
            "eval",
            str(folder),
            str(folder),
            str(folder),
            "-g",
            str(graph),
            "-g",
            str(graph),
        ],
    )
    assert result.exit_code == 2
    assert "give -g/--graph once, or once per GOLD_DIR (3)" in result.output
