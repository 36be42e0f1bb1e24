"""CI runs the README's test command: what a contributor reads is what is checked."""

from __future__ import annotations

from tests.conftest import ROOT


def test_ci_runs_the_readme_test_command() -> None:
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    command = script.strip().splitlines()[-1]
    assert command.endswith("python -m pytest --perf"), "CI runs every test"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"```sh\n{command}\n```" in readme
