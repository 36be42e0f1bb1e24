"""Every CLI error is one line: each command with broken arguments, no traceback.

Errors of use (an unknown option value, a missing argument) are click's: a usage
line, a hint and one ``Error:`` line, status 2. Every other error is a single
``Error: …`` line naming the file or value and the reason, status 1.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli

ROOT = Path(__file__).resolve().parent.parent
SEEDS = str(ROOT / "kg" / "seeds")


@pytest.fixture(scope="module")
def place(tmp_path_factory: pytest.TempPathFactory, built_seeds: Path) -> Path:
    """A folder with a built output (``out``), a plain file and an empty folder."""
    folder = tmp_path_factory.mktemp("broken-args")
    (folder / "afile").write_text("not a folder\n", encoding="utf-8")
    (folder / "graph").write_bytes((built_seeds / "graph.trig").read_bytes())
    (folder / "empty").mkdir()
    (folder / "out").symlink_to(built_seeds)
    return folder


# (arguments, status); {p} is the folder of the ``place`` fixture.
CASES = [
    ("build /nonexistent", 1),
    ("build {p}/empty", 1),
    ("build {p}/empty -o {p}/afile", 1),
    (f"build {SEEDS} -o {{p}}/afile", 1),
    (f"build {SEEDS} -o {{p}}/afile/sub", 1),
    (f"build {SEEDS} --rdf-format xml", 2),
    (f"build {SEEDS} -j 0", 2),
    (f"build {SEEDS} --no-rdf --rdf-format trig", 2),
    ("eval /nonexistent", 2),
    (f"eval {ROOT}/tests/gold -g /nonexistent", 1),
    (f"eval {ROOT}/tests/gold -g {{p}}/afile", 1),
    ("query officials -g /nonexistent", 1),
    ("query officials -g {p}/afile", 1),
    ("query officials -g {p}/empty", 1),
    ("query nosuchquery -g {p}/out", 1),
    ("query 'SELECT nonsense' -g {p}/out", 1),
    ("query officials -p", 2),
    ("export -f json -g /nonexistent", 1),
    ("export -f json -g {p}/afile", 2),
    ("export -f xml -g {p}/out", 2),
    ("export -f csv -g {p}/out -o {p}/afile", 1),
    ("export -f graphml -g {p}/out -o {p}/afile/x.graphml", 1),
    ("validate /nonexistent", 1),
    ("validate {p}/afile", 1),
    ("validate {p}/graph", 1),
    ("validate {p}/empty", 1),
    ("serve /nonexistent", 1),
    ("serve {p}/empty", 1),
    ("serve {p}/out --port 99999", 2),
    ("serve {p}/out --port abc", 2),
    ("serve {p}/out --timeout 0", 2),
    ("serve {p}/out --host no.such.host.invalid --port 0", 1),
]


def _split(args: str, place: Path) -> list[str]:
    import shlex

    return shlex.split(args.format(p=place))


@pytest.mark.parametrize(("args", "status"), CASES)
def test_cli_errors_are_one_line(place: Path, args: str, status: int) -> None:
    result = CliRunner().invoke(cli, _split(args, place))
    assert isinstance(result.exception, SystemExit), (
        f"kg {args}: {type(result.exception).__name__}: {result.exception}"
    )
    assert result.exit_code == status, result.output
    lines = result.output.strip().splitlines()
    assert lines and lines[-1].startswith("Error: "), result.output
    if status == 1:
        assert len(lines) == 1, result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    "args",
    [
        f"build {SEEDS} -o {{p}}/afile",
        "validate {p}/graph",
        "query officials -g {p}/afile",
    ],
)
def test_cli_errors_no_traceback_from_the_real_command(place: Path, args: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "kg", *_split(args, place)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert done.stderr.strip().count("\n") == 0 and done.stderr.startswith("Error: ")
