"""The CLI end to end, under tmp_path: build, outputs, bad input, determinism, eval."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph

from kg.cli import cli
from kg.model import NODE_TYPES
from kg.outputs import checked_set
from kg.query import find_graph_file
from tests.conftest import ROOT, SEEDS


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("out")
    result = CliRunner().invoke(
        cli, ["build", str(SEEDS), "-o", str(out)], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    assert "documents read: 5" in result.output
    return out


def test_cli_build_writes_the_three_outputs(built: Path) -> None:
    for name in ("graph.json", "graph.ttl", "graph.html"):
        assert (built / name).stat().st_size > 1000


def test_cli_graph_json_follows_the_contract(built: Path) -> None:
    data = json.loads((built / "graph.json").read_text(encoding="utf-8"))
    texts = {p.name: p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")}
    types = {n["type"] for n in data["nodes"]}
    assert types == set(NODE_TYPES)
    for node in data["nodes"]:
        assert {"id", "type", "name", "aliases", "mentions"} <= node.keys()
        for m in node["mentions"]:
            assert m["doc"] in texts and 0 <= m["start"] < m["end"] <= len(
                texts[m["doc"]]
            )
        if node["type"] == "place":
            assert node["level"] and "code" in node
        if node["type"] == "person":
            assert node["kind"] in (
                "official",
                "author",
                "historical",
                "national_leader",
                "photographer",
                "other",
            )
        if node["type"] == "metric":
            assert {"value", "unit", "approx", "subject", "year"} <= node.keys()
        if node["type"] == "programme":
            assert isinstance(node["components"], list)
    edge_types = {e["type"] for e in data["edges"]}
    assert {"part_of", "runs_in", "holds_post", "measured_in", "authored"} <= edge_types
    for edge in data["edges"]:
        for ev in edge["evidence"]:
            assert texts[ev["doc"]][ev["start"] : ev["end"]]
    names = {n["name"] for n in data["nodes"]}
    assert {"梁平区", "三比三亮", "双网格", "六单工作法"} <= names


def test_cli_graph_links_programme_to_its_district(built: Path) -> None:
    data = json.loads((built / "graph.json").read_text(encoding="utf-8"))
    runs_in = {
        (e["source"], e["target"]) for e in data["edges"] if e["type"] == "runs_in"
    }
    assert ("programme:三比三亮", "place:500155") in runs_in


def test_cli_turtle_parses(built: Path) -> None:
    rdf_graph = Graph().parse(built / "graph.ttl", format="turtle")
    assert len(rdf_graph) > 1000


def test_cli_html_needs_no_network(built: Path) -> None:
    page = (built / "graph.html").read_text(encoding="utf-8")
    assert "vis.Network" in page
    assert not re.search(
        r"<(?:script|link)[^>]+(?:src|href)=[\"']?(?:https?:)?//", page
    )
    assert "cdn" not in page.lower().split("<script>")[0]


def test_cli_build_is_deterministic(built: Path, tmp_path: Path) -> None:
    CliRunner().invoke(
        cli, ["build", str(SEEDS), "-o", str(tmp_path)], catch_exceptions=False
    )
    for name in ("graph.json", "graph.ttl", "graph.html"):
        assert (tmp_path / name).read_bytes() == (built / name).read_bytes(), name


@pytest.mark.parametrize(
    ("fmt", "written", "skipped"), [("turtle", "ttl", "trig"), ("trig", "trig", "ttl")]
)
def test_cli_build_writes_only_the_rdf_format_asked_for(
    built: Path, tmp_path: Path, fmt: str, written: str, skipped: str
) -> None:
    """The same file as a build of both, and none of the other. The other, written
    by an earlier build into this folder, is removed; one kg did not write here is
    left, and ``kg query`` does not read it (kg-manifest.json does not list it)."""
    shutil.copy(built / f"graph.{skipped}", tmp_path / f"graph.{skipped}")

    def build_one() -> None:
        result = CliRunner().invoke(
            cli,
            [
                "build",
                str(SEEDS),
                "-o",
                str(tmp_path),
                "--rdf-format",
                fmt,
                "--no-html",
            ],
            catch_exceptions=False,
        )
        assert result.exit_code == 0, result.output
        assert f"graph.{written} " in result.output  # the stage's time
        written_bytes = (tmp_path / f"graph.{written}").read_bytes()
        assert written_bytes == (built / f"graph.{written}").read_bytes()
        loaded = find_graph_file(tmp_path, checked_set(tmp_path))
        assert loaded.name == f"graph.{written}"

    build_one()
    assert (tmp_path / f"graph.{skipped}").exists()  # not kg's: left alone
    (tmp_path / f"graph.{skipped}").unlink()
    CliRunner().invoke(cli, ["build", str(SEEDS), "-o", str(tmp_path), "--no-html"])
    assert (tmp_path / f"graph.{skipped}").exists()  # kg's now
    build_one()
    assert not (tmp_path / f"graph.{skipped}").exists()


def test_cli_build_refuses_no_rdf_with_an_rdf_format(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli,
        ["build", str(SEEDS), "-o", str(tmp_path), "--no-rdf", "--rdf-format", "trig"],
    )
    assert result.exit_code == 2 and "exclude each other" in result.output
    assert not tmp_path.joinpath("graph.json").exists()


def test_build_refuses_an_rdf_format_it_does_not_write(tmp_path: Path) -> None:
    from kg.build import build

    with pytest.raises(ValueError, match="not nquads; see kg export"):
        build(SEEDS, tmp_path, rdf_formats=["turtle", "nquads"])


def test_cli_bad_files_are_reported_and_the_rest_builds(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    shutil.copy(SEEDS / "004_60b050a7622a78d4.txt", corpus / "sub" / "good.txt")
    (corpus / "gbk.txt").write_bytes(
        "梁平区梁山街道八角社区,网格员1380个。".encode("gbk")
    )
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "binary.txt").write_bytes(b"\x00\x01\x02\x03" * 100)
    (corpus / "latin.md").write_bytes(bytes(range(128, 256)) * 3)
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", str(corpus), "-o", str(out)])
    assert result.exit_code == 1
    for name, reason in (
        ("empty.txt", "empty"),
        ("binary.txt", "binary"),
        ("latin.md", "decode"),
    ):
        assert re.search(f"error: {re.escape(name)}: .*{reason}", result.output), (
            result.output
        )
    data = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    docs = {n["name"] for n in data["nodes"] if n["type"] == "document"}
    assert docs == {"sub/good.txt", "gbk.txt"}
    assert not list(out.glob(".*.tmp"))


def test_the_kg_command_prints_and_writes_everything_and_keeps_its_status(
    tmp_path: Path,
) -> None:
    """``python -m kg build`` as a user runs it: nothing it prints or writes is
    lost, and a bad file makes the status 1."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEEDS / "004_60b050a7622a78d4.txt", corpus / "good.txt")
    (corpus / "empty.txt").write_bytes(b"")
    out = tmp_path / "out"
    run = subprocess.run(
        [sys.executable, "-m", "kg", "build", str(corpus), "-o", str(out)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert run.returncode == 1, run.stderr
    assert re.search(r"error: empty\.txt: .*empty", run.stderr)
    assert run.stdout.rstrip().splitlines()[-1].startswith("wrote: ")
    json.loads((out / "graph.json").read_text(encoding="utf-8"))
    assert (out / "graph.ttl").read_text(encoding="utf-8").rstrip().endswith(".")
    assert (out / "graph.html").read_text(encoding="utf-8").rstrip().endswith("</html>")


@pytest.mark.parametrize("setup", ["missing", "empty-dir"])
def test_cli_unusable_corpus_is_a_clear_error(tmp_path: Path, setup: str) -> None:
    corpus = tmp_path / "corpus"
    if setup == "empty-dir":
        corpus.mkdir()
        (corpus / "notes.pdf").write_bytes(b"%PDF")
    result = CliRunner().invoke(
        cli, ["build", str(corpus), "-o", str(tmp_path / "out")]
    )
    assert result.exit_code == 1
    assert str(corpus) in result.output
    assert not (tmp_path / "out" / "graph.json").exists()


def test_cli_eval_scores_the_seeds(built: Path) -> None:
    result = CliRunner().invoke(
        cli,
        ["eval", str(ROOT / "tests" / "gold"), "-g", str(built / "graph.json")],
        catch_exceptions=False,
    )
    assert result.exit_code == 0
    place = re.search(r"^place\s+([\d.]+)\s+([\d.]+)", result.output, re.M)
    assert place and float(place.group(1)) > 0.8 and float(place.group(2)) > 0.6


def test_cli_every_command_has_help_with_an_example() -> None:
    for command in ("build", "eval"):
        result = CliRunner().invoke(cli, [command, "--help"])
        assert result.exit_code == 0 and "Example:" in result.output
