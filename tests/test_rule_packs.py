"""User rule packs (kg build --rules DIR): same format, same checks, named in the
provenance of what they find."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.build import build
from kg.cli import cli
from kg.lang.examples import check_rule
from kg.lang.rules import RuleError, load_rules, use_packs

PACK = Path(__file__).resolve().parent / "packs" / "county"
TEXT = (
    "梁平区双桂街道推行院坝夜话，院坝主持人王文平说，群众参与积极。\n\n"
    "梁平区大力推进院坝夜话工作。\n"
)


@pytest.fixture(autouse=True)
def _no_packs_after():
    yield
    use_packs([])


def _graph(out: Path) -> dict:
    return json.loads((out / "graph.json").read_text(encoding="utf-8"))


def _edges(graph: dict, kind: str) -> set[tuple[str, str]]:
    return {(e["source"], e["target"]) for e in graph["edges"] if e["type"] == kind}


def test_pack_rules_pass_their_own_examples():
    use_packs([PACK])
    pack_rules = [r for r in load_rules() if r.pack == "county"]
    assert len(pack_rules) == 3
    for rule in pack_rules:
        assert check_rule(rule) == []


def test_build_with_a_pack_adds_runs_in_and_a_stop_name_removes_a_place(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(TEXT, encoding="utf-8")
    build(corpus, tmp_path / "plain", html=False, rdf=False)
    build(corpus, tmp_path / "packed", html=False, rdf=False, rules=[PACK])
    plain, packed = _graph(tmp_path / "plain"), _graph(tmp_path / "packed")
    # the county's initiative, unquoted, runs in the district its sentences name
    assert not _edges(plain, "runs_in")
    assert ("programme:院坝夜话", "place:500155") in _edges(packed, "runs_in")
    programme = next(n for n in packed["nodes"] if n["id"] == "programme:院坝夜话")
    assert {m["rule"] for m in programme["mentions"]} == {
        "county/programme:county-initiatives"
    }
    # the stop-name: 双桂街道 is a place without the pack, none with it
    names = {n["name"] for n in plain["nodes"]}
    assert "双桂街道" in names
    assert "双桂街道" not in {n["name"] for n in packed["nodes"]}
    # an extra title: the post's evidence names the pack's rule
    posts = [e for e in packed["edges"] if e["type"] == "holds_post"]
    assert [e["evidence"][0]["rule"] for e in posts] == ["county/person:more-titles"]


def test_a_pack_changes_the_cache_version_and_the_stamp(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(TEXT, encoding="utf-8")
    out = tmp_path / "out"
    build(corpus, out, html=False, rdf=False)
    report = build(corpus, out, html=False, rdf=False, rules=[PACK])
    assert not report.up_to_date
    assert "programme:院坝夜话" in {n["id"] for n in _graph(out)["nodes"]}
    report = build(corpus, out, html=False, rdf=False)  # the pack is gone again
    assert not report.up_to_date
    assert "programme:院坝夜话" not in {n["id"] for n in _graph(out)["nodes"]}


def test_cli_build_and_rules_check_with_a_pack(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(TEXT, encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(
        cli,
        ["build", str(corpus), "-o", str(tmp_path / "o"), "--rules", str(PACK)],
    )
    assert result.exit_code == 0, result.output
    result = runner.invoke(cli, ["rules", "--rules", str(PACK), "--check"])
    assert result.exit_code == 0, result.output
    assert "county/programme:county-initiatives" in result.output


def test_a_bad_pack_fails_with_file_line_and_reason(tmp_path):
    pack = tmp_path / "bad"
    (pack / "programme").mkdir(parents=True)
    (pack / "programme" / "x.toml").write_text(
        '[[rule]]\nid = "programme:x"\nkind = "words"\nwords = ["甲"]\n',
        encoding="utf-8",
    )
    with pytest.raises(RuleError, match=r"x\.toml:1: rule programme:x: needs a 'why'"):
        use_packs([pack])
    result = CliRunner().invoke(
        cli, ["build", str(tmp_path), "-o", str(tmp_path / "o"), "--rules", str(pack)]
    )
    assert result.exit_code == 1
    assert "needs a 'why'" in result.output
