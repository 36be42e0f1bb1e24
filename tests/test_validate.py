"""kg validate checks what kg wrote: every graph of every RDF syntax kg writes."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph

from kg.cli import cli
from kg.validate import read_rdf

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def trig_only(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("trig-only")
    result = CliRunner().invoke(
        cli,
        ["build", str(ROOT / "kg" / "seeds"), "-o", str(out), "--rdf-format", "trig"],
    )
    assert result.exit_code == 0, result.output
    assert not (out / "graph.ttl").exists()
    return out


def test_validate_checks_the_files_the_build_wrote(trig_only: Path) -> None:
    result = CliRunner().invoke(cli, ["validate", str(trig_only)])
    assert result.exit_code == 0, result.output
    assert "graph.trig: conforms" in result.output
    assert "graph.ttl" not in result.output


@pytest.mark.parametrize(("fmt", "suffix"), [("nquads", "nq"), ("jsonld", "jsonld")])
def test_validate_checks_every_graph_of_an_export(
    trig_only: Path, tmp_path: Path, fmt: str, suffix: str
) -> None:
    target = tmp_path / f"graph.{suffix}"
    exported = CliRunner().invoke(
        cli, ["export", "-f", fmt, "-g", str(trig_only), "-o", str(target)]
    )
    assert exported.exit_code == 0, exported.output
    # Most statements are in the documents' named graphs: the default graph alone
    # (what rdflib's Graph.parse reads) is not kg's graph and does not conform.
    assert len(read_rdf(target)) > len(Graph().parse(target, format=None))
    result = CliRunner().invoke(cli, ["validate", str(target)])
    assert result.exit_code == 0 and "conforms" in result.output, result.output


def test_validate_finds_a_violation_in_a_named_graph(
    trig_only: Path, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.trig"
    broken.write_text(
        (trig_only / "graph.trig").read_text(encoding="utf-8")
        + "\n<https://w3id.org/kg-gov/id/document/x> {\n"
        "  <https://w3id.org/kg-gov/id/place/1> a <https://schema.org/Place> .\n}\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["validate", str(broken)])
    assert result.exit_code == 1 and "Constraint Violation" in result.output


@pytest.mark.parametrize("name", ["graph", "graph.json", "graph.txt"])
def test_validate_a_file_of_unknown_syntax_is_one_line(
    trig_only: Path, tmp_path: Path, name: str
) -> None:
    target = tmp_path / name
    target.write_bytes((trig_only / "graph.trig").read_bytes())
    result = CliRunner().invoke(cli, ["validate", str(target)])
    assert result.exit_code == 1
    assert result.output.strip().count("\n") == 0, result.output
    assert str(target) in result.output and "syntax is unknown" in result.output


def test_validate_broken_rdf_is_one_line(tmp_path: Path) -> None:
    target = tmp_path / "broken.ttl"
    target.write_text("<a> <b> .\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(target)])
    assert result.exit_code == 1 and result.exception is not None
    assert result.output.strip().count("\n") == 0, result.output
    assert "not valid turtle" in result.output
