"""kg explain: each mention with its rule, file, line and why; rejected candidates."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from kg.cli import cli
from kg.explain import explain_text, read_explained

ROOT = Path(__file__).resolve().parent.parent


def test_explain_names_each_place_and_the_programme_with_rules_and_files():
    result = CliRunner().invoke(
        cli, ["explain", "在梁平区梁山街道八角社区开展“三比三亮”活动"]
    )
    assert result.exit_code == 0, result.output
    for name in ("梁平区", "梁山街道", "八角社区", "三比三亮"):
        assert name in result.output
    assert "place:gazetteer  kg/rules/place/gazetteer.toml:" in result.output
    assert "programme:step.quoted  kg/rules/programme/steps.toml:" in result.output
    assert "why  an official division name" in result.output


def test_explain_json_and_rejected_candidates():
    result = CliRunner().invoke(cli, ["explain", "梁平区推动发展乡村产业", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    place = data["mentions"][0]
    assert (place["text"], place["type"], place["rule"]) == (
        "梁平区",
        "place",
        "place:gazetteer",
    )
    assert place["attrs"]["code"] == "500155"
    assert place["file"] == "kg/rules/place/gazetteer.toml"
    assert isinstance(place["line"], int)
    (rejected,) = data["rejected"]
    assert (rejected["text"], rejected["rule"]) == (
        "发展乡",
        "place:guard.township-before-village",
    )
    assert rejected["why"]


def test_explain_metric_rejections_name_their_rule():
    found = explain_text("第3次会议，走进千家万户，抓住两个关键")
    assert {(r["text"], r["rule"]) for r in found.rejected} >= {
        ("3次", "metric:chars.ordinal-before"),
        ("两个", "metric:units.needs-noun"),
    }


def test_explain_doc_at_offset_is_the_sentence_there():
    path = ROOT / "seeds" / "004_60b050a7622a78d4.txt"
    text = path.read_text(encoding="utf-8-sig")
    at = text.index("梁平区委组织部")
    found = read_explained(path, at=at)
    assert found.start <= at < found.start + len(found.text)
    names = [m["text"] for m in found.mentions]
    assert "梁平区委组织部" in names
    for m in found.mentions:  # offsets index the document
        assert text[m["start"] : m["end"]] == m["text"]


def test_explain_errors():
    runner = CliRunner()
    assert runner.invoke(cli, ["explain"]).exit_code == 2
    assert runner.invoke(cli, ["explain", "x", "--at", "3"]).exit_code == 2
    missing = runner.invoke(cli, ["explain", "--doc", "no/such.txt"])
    assert missing.exit_code == 1
    assert "no/such.txt" in missing.output
    outside = runner.invoke(
        cli,
        [
            "explain",
            "--doc",
            str(ROOT / "seeds" / "004_60b050a7622a78d4.txt"),
            "--at",
            "999999",
        ],
    )
    assert outside.exit_code == 1
    assert "outside the text" in outside.output
