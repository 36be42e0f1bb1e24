"""A build with nothing to do: the corpus, options and kg of the last build, and its
outputs untouched (``kg.cache.last_build``)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

import kg.build
import kg.cache
from kg.build import build
from kg.cache import CACHE_DIR, STAMP_FILE
from kg.cli import cli
from tests.conftest import SEEDS

OUTPUTS = ("graph.json", "graph.ttl", "graph.trig")


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The seeds, copied; files written just now count as settled."""
    monkeypatch.setattr(kg.cache, "RACY_NS", 0)
    folder = tmp_path / "corpus"
    shutil.copytree(SEEDS, folder)
    return folder


def _states(out: Path) -> dict[str, tuple[bytes, int]]:
    return {n: ((out / n).read_bytes(), (out / n).stat().st_mtime_ns) for n in OUTPUTS}


def test_an_unchanged_corpus_is_not_built_again(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = build(corpus, out, html=False, jobs=1)
    assert not first.up_to_date and first.extracted == 5
    written = _states(out)
    again = build(corpus, out, html=False, jobs=1)
    assert again.up_to_date
    assert (again.extracted, again.cached, again.stages) == (0, 0, {})
    # Same figures as the build it repeats; not one output rewritten.
    for name in ("documents", "chars", "bytes_read", "errors", "edges"):
        assert getattr(again, name) == getattr(first, name), name
    assert again.nodes_by_type == first.nodes_by_type
    assert again.outputs == first.outputs
    assert _states(out) == written


def _edit(corpus: Path, out: Path) -> None:
    path = corpus / "002_8a88466397e97f6f.txt"
    path.write_text(path.read_text(encoding="utf-8") + "\n云阳县推行“三事分流”。\n")


def _touch(corpus: Path, out: Path) -> None:
    path = corpus / "002_8a88466397e97f6f.txt"
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))


def _add(corpus: Path, out: Path) -> None:
    (corpus / "new.txt").write_text("云阳县人和街道开展“三事分流”。", encoding="utf-8")


def _remove(corpus: Path, out: Path) -> None:
    (corpus / "002_8a88466397e97f6f.txt").unlink()


def _delete_output(corpus: Path, out: Path) -> None:
    (out / "graph.ttl").unlink()


def _edit_output(corpus: Path, out: Path) -> None:
    with (out / "graph.json").open("a", encoding="utf-8") as f:
        f.write(" ")


def _other_kg(corpus: Path, out: Path) -> None:
    kg.cache.package_version.cache_clear()
    real = kg.cache.package_version()
    kg.cache.package_version = lambda: real + "-other"  # type: ignore[assignment]


@pytest.mark.parametrize(
    "change",
    [_edit, _touch, _add, _remove, _delete_output, _edit_output, _other_kg],
    ids=lambda f: f.__name__.strip("_"),
)
def test_any_change_to_inputs_or_outputs_builds_again(
    corpus: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    change: Callable[[Path, Path], None],
) -> None:
    monkeypatch.setattr(kg.cache, "package_version", kg.cache.package_version)
    out = tmp_path / "out"
    build(corpus, out, html=False, jobs=1)
    change(corpus, out)
    again = build(corpus, out, html=False, jobs=1)
    assert not again.up_to_date
    fresh = tmp_path / "fresh"
    build(corpus, fresh, html=False, jobs=1, cache=False)
    for name in OUTPUTS:
        assert (out / name).read_bytes() == (fresh / name).read_bytes(), name
    assert build(corpus, out, html=False, jobs=1).up_to_date  # stamped again


@pytest.mark.parametrize(
    "options",
    [
        {"html": True},
        {"rdf_formats": ("turtle",)},
        {"rdf": False},
        {"text_field": "body"},
    ],
)
def test_other_options_build_again(
    corpus: Path, tmp_path: Path, options: dict[str, object]
) -> None:
    out = tmp_path / "out"
    build(corpus, out, html=False, jobs=1)
    assert not build(corpus, out, **{"html": False, "jobs": 1, **options}).up_to_date


def test_jobs_do_not_change_the_outputs_so_do_not_build_again(
    corpus: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    build(corpus, out, html=False, jobs=1)
    assert build(corpus, out, html=False, jobs=2).up_to_date


def test_a_file_changed_just_before_the_build_leaves_no_stamp(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Within a tick of the file system's clock a file can change again and keep its
    size and times: a build that began that soon after a change cannot vouch for it."""
    monkeypatch.setattr(kg.cache, "RACY_NS", 60 * 10**9)
    out = tmp_path / "out"
    build(corpus, out, html=False, jobs=1)
    assert not (out / CACHE_DIR / STAMP_FILE).exists()
    assert not build(corpus, out, html=False, jobs=1).up_to_date


def test_no_cache_always_builds(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(corpus, out, html=False, jobs=1)
    again = build(corpus, out, html=False, jobs=1, cache=False)
    assert not again.up_to_date and again.extracted == 5


def test_a_failed_build_leaves_no_stamp(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The stamp goes before the outputs are rewritten: one a failed build left
    behind would vouch for outputs it half replaced."""
    out = tmp_path / "out"
    build(corpus, out, html=False, jobs=1)
    _edit(corpus, out)

    def failing(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(kg.build, "write_rdf", failing)
    with pytest.raises(OSError, match="disk full"):
        build(corpus, out, html=False, jobs=1)
    assert not (out / CACHE_DIR / STAMP_FILE).exists()


def test_a_damaged_stamp_is_only_a_slower_build(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(corpus, out, html=False, jobs=1)
    (out / CACHE_DIR / STAMP_FILE).write_text("{not json", encoding="utf-8")
    again = build(corpus, out, html=False, jobs=1)
    assert not again.up_to_date and again.cached == 5


def test_cli_says_up_to_date_repeats_errors_and_keeps_the_status(
    corpus: Path, tmp_path: Path
) -> None:
    (corpus / "broken.txt").write_bytes(b"\xff\xfe\x00\xd8 not text")
    out = tmp_path / "out"
    args = ["build", str(corpus), "-o", str(out), "--no-html", "-j", "1"]
    first = CliRunner().invoke(cli, args)
    again = CliRunner().invoke(cli, args)
    assert first.exit_code == again.exit_code == 1, again.output
    assert "up to date" not in first.output and "wrote:" in first.output
    assert "up to date" in again.output and "kept:" in again.output
    assert "broken.txt" in again.output
    lines = [line for line in again.output.splitlines() if line.startswith("edges:")]
    assert lines and lines[0] in first.output
