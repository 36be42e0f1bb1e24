"""Output sets (kg.outputs): all or nothing under kg-manifest.json, after a kill at
any step of the switch; files kg did not write survive every command; readers
refuse a mixed or half-switched set with one line."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.errors import OutputError
from kg.outputs import (
    KILL_ENV,
    MANIFEST,
    STAGE_PREFIX,
    Staging,
    checked_set,
    is_own_temp,
    read_manifest,
    sha256_file,
)
from tests.conftest import ROOT, SEEDS, group_stats

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL, fork")

# Files kg did not write, in the output folder: each must survive every command.
FOREIGN = {
    "notes.txt": "my notes",
    ".graph.json.bak": "a backup of mine",
    ".notes.tmp": "an editor's temporary",
    ".kg-build-mine": "a name like a staging folder's, but not kg's pattern",
    "mine/graph.json": "a graph in a subfolder",
}


def _kg(
    *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``kg`` in a subprocess (a SIGKILL must hit a real process)."""
    return subprocess.run(
        [sys.executable, "-m", "kg", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        timeout=300,
    )


def _corpus(folder: Path) -> Path:
    folder.mkdir()
    for path in sorted(SEEDS.glob("00[12]_*.txt")):
        shutil.copy(path, folder / path.name)
    return folder


def _change(corpus: Path, step: int) -> None:
    """A corpus whose next build writes other files than the last one."""
    (corpus / f"new_{step}.txt").write_text(
        f"云阳县人和街道开展“三事分流”{step}次。", encoding="utf-8"
    )


def _plant(out: Path) -> None:
    for name, text in FOREIGN.items():
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_text(text, encoding="utf-8")


def _foreign_intact(out: Path) -> None:
    for name, text in FOREIGN.items():
        assert (out / name).read_text(encoding="utf-8") == text, name


def _complete_build(out: Path) -> str:
    """The id of the build whose set ``out`` holds complete (every file, switched or
    still staged, with the size and SHA-256 the manifest gives)."""
    manifest = read_manifest(out)
    assert manifest is not None
    for name, entry in manifest.files.items():
        path = out / name
        if manifest.state == "switching" and manifest.stage:
            staged = out / manifest.stage / name
            path = staged if staged.exists() else path
        assert path.stat().st_size == entry["size"], name
        assert sha256_file(path) == entry["sha256"], name
    return manifest.build


def _no_leftovers(out: Path) -> None:
    left = [p.name for p in out.iterdir() if is_own_temp(p.name)]
    assert not left, left
    assert read_manifest(out).state == "complete"  # type: ignore[union-attr]
    checked_set(out, hashes=True)


@pytest.mark.perf  # ~18 s: eight kg build processes killed and run again
def test_a_build_killed_at_any_step_leaves_one_complete_set(tmp_path: Path) -> None:
    """SIGKILL before the switch (old set), at each step of it (new set, pending),
    and after it; each next build first finishes or tidies what the last left."""
    corpus, out = _corpus(tmp_path / "corpus"), tmp_path / "out"
    out.mkdir()
    _plant(out)
    assert _kg("build", str(corpus), "-o", str(out), "-j", "1").returncode == 0
    steps = ["staged", "pending", "renamed:1", "renamed:3", "switched", "complete"]
    for number, step in enumerate(steps, 1):
        old = read_manifest(out)
        assert old is not None
        _change(corpus, number)
        killed = _kg(
            "build", str(corpus), "-o", str(out), "-j", "1", env={KILL_ENV: step}
        )
        assert killed.returncode == -signal.SIGKILL, (step, killed.stderr)
        now = read_manifest(out)
        assert now is not None
        built = _complete_build(out)
        if step == "staged":  # killed before the switch: the old set, untouched
            assert built == old.build and now.state == "complete"
            assert any(p.name.startswith(STAGE_PREFIX) for p in out.iterdir())
        else:
            assert built != old.build
        query = _kg("query", "officials", "-g", str(out))
        if now.state == "switching":  # the readers refuse it, in one line
            assert query.returncode == 1 and "pending" in query.stderr, step
            assert "Traceback" not in query.stderr
            assert len(query.stderr.strip().splitlines()) == 1
        else:
            assert query.returncode == 0, (step, query.stderr)
        _foreign_intact(out)
    assert _kg("build", str(corpus), "-o", str(out), "-j", "1").returncode == 0
    _no_leftovers(out)
    _foreign_intact(out)


@pytest.mark.perf  # ~7 s each: a kg build process killed while it writes
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_build_killed_while_writing_leaves_the_old_set(
    tmp_path: Path, jobs: str
) -> None:
    """Killed at whatever moment its files appear in the staging folder (with two
    jobs, graph.json and the view are written by a forked child meanwhile)."""
    corpus, out = _corpus(tmp_path / "corpus"), tmp_path / "out"
    assert _kg("build", str(corpus), "-o", str(out), "-j", jobs).returncode == 0
    old = read_manifest(out)
    assert old is not None
    _change(corpus, 1)
    process = subprocess.Popen(
        [sys.executable, "-m", "kg", "build", str(corpus), "-o", str(out), "-j", jobs],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group, as a shell gives it
    )
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and process.poll() is None:
            stages = [p for p in out.iterdir() if p.name.startswith(STAGE_PREFIX)]
            if any(any(stage.iterdir()) for stage in stages if stage.is_dir()):
                break
            time.sleep(0.005)
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait()
    assert process.returncode == -signal.SIGKILL  # not finished before the kill
    # A child that outlives the build may still write into its staging folder:
    # the old set stays complete meanwhile, and the next build tidies after it.
    deadline = time.monotonic() + 60
    while _group_alive(process.pid) and time.monotonic() < deadline:
        assert _complete_build(out) == old.build
        time.sleep(0.05)
    assert _complete_build(out) == old.build
    assert checked_set(out) is not None
    assert _kg("build", str(corpus), "-o", str(out), "-j", jobs).returncode == 0
    _no_leftovers(out)


def _group_alive(group: int) -> bool:
    """Whether a process of this process group is alive (Linux /proc; elsewhere the
    kill of the group's leader is all we see)."""
    return bool(group_stats(group))


def test_files_kg_did_not_write_survive_every_command(
    built_seeds: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    _plant(out)
    (out / "graph.ttl").write_text("# my own Turtle\n", encoding="utf-8")
    run = CliRunner().invoke
    # --no-rdf does not touch graph.ttl; nor does any reader read it
    result = run(cli, ["build", str(SEEDS), "-o", str(out), "--no-rdf", "-j", "1"])
    assert result.exit_code == 0, result.output
    assert (out / "graph.ttl").read_text(encoding="utf-8") == "# my own Turtle\n"
    for args in (["query", "officials", "-g", str(out)], ["validate", str(out)]):
        result = run(cli, args)
        assert result.exit_code == 1 and "wrote no RDF" in result.output, args
    # a build that would write graph.ttl refuses, naming it
    result = run(cli, ["build", str(SEEDS), "-o", str(out), "-j", "1"])
    assert result.exit_code == 1 and f"{out / 'graph.ttl'}: not written by kg" in (
        result.output
    )
    (out / "graph.ttl").rename(out / "my.ttl")
    for args in (
        ["build", str(SEEDS), "-o", str(out), "-j", "1"],
        ["build", str(SEEDS), "-o", str(out), "--no-rdf", "--no-cache", "-j", "1"],
        ["build", str(SEEDS), "-o", str(out), "-j", "1"],
        ["query", "officials", "-g", str(out)],
        ["validate", str(out)],
        *(["export", "-f", fmt, "-g", str(out)] for fmt in _EXPORTS),
    ):
        result = run(cli, args)
        assert result.exit_code == 0, (args, result.output)
        _foreign_intact(out)
        assert (out / "my.ttl").read_text(encoding="utf-8") == "# my own Turtle\n"
        checked_set(out, hashes=True)  # the build's files untouched by the readers
    for name in ("graph.json", "graph.ttl", "graph.trig", "graph.html"):
        result = run(
            cli, ["export", "-f", "json", "-g", str(out), "-o", str(out / name)]
        )
        assert result.exit_code == 1 and "does not write over it" in result.output
    checked_set(out, hashes=True)
    assert (out / "graph.export.json").is_file() and (
        out / "graph.export.ttl"
    ).is_file()


_EXPORTS = ("json", "turtle", "trig", "graphml", "nquads", "csv")


@pytest.fixture(scope="module")
def built_twice(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Two output folders of two corpora."""
    tmp_path = tmp_path_factory.mktemp("two")
    corpus = _corpus(tmp_path / "corpus")
    one, two = tmp_path / "one", tmp_path / "two"
    assert _kg("build", str(corpus), "-o", str(one), "-j", "1").returncode == 0
    _change(corpus, 1)
    assert _kg("build", str(corpus), "-o", str(two), "-j", "1").returncode == 0
    return one, two


@pytest.fixture
def two_builds(built_twice: tuple[Path, Path], tmp_path: Path) -> tuple[Path, Path]:
    """Copies of ``built_twice`` for a test to break."""
    copies = tmp_path / "one", tmp_path / "two"
    for folder, copy in zip(built_twice, copies, strict=True):
        shutil.copytree(folder, copy)
    return copies


def _refusals(out: Path) -> list[str]:
    """The one-line errors of every reader on ``out``."""
    messages = []
    for args in (
        ["query", "officials", "-g", str(out)],
        ["export", "-f", "turtle", "-g", str(out), "-o", str(out.parent / "x.ttl")],
        ["export", "-f", "graphml", "-g", str(out), "-o", str(out.parent / "x.xml")],
        ["validate", str(out)],
        ["serve", str(out), "--port", "0"],
    ):
        result = _kg(*args)
        assert result.returncode == 1, (args, result.stdout, result.stderr)
        assert "Traceback" not in result.stderr
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1, (args, lines)
        messages.append(lines[0])
    return messages


def test_readers_refuse_a_mixed_set(two_builds: tuple[Path, Path]) -> None:
    one, two = two_builds
    shutil.copy(two / "graph.ttl", one / "graph.ttl")  # one file of another build
    for message in _refusals(one):
        assert "not one build's outputs" in message, message
    result = _kg("eval", "tests/gold", "-g", str(one))
    assert result.returncode == 1 and "not one build's outputs" in result.stderr


def test_validate_finds_a_file_changed_within_its_size(
    two_builds: tuple[Path, Path],
) -> None:
    one, _ = two_builds
    data = bytearray((one / "graph.json").read_bytes())
    data[-3:-2] = b" " if data[-3:-2] != b" " else b"\n"
    (one / "graph.json").write_bytes(bytes(data))
    checked_set(one)  # sizes agree: a quick reader takes it
    with pytest.raises(OutputError, match="SHA-256 differs"):
        checked_set(one, hashes=True)
    result = _kg("validate", str(one))
    assert result.returncode == 1 and "SHA-256 differs" in result.stderr


def test_readers_refuse_a_pending_switch(two_builds: tuple[Path, Path]) -> None:
    one, _ = two_builds
    manifest = json.loads((one / MANIFEST).read_text(encoding="utf-8"))
    manifest |= {"state": "switching", "stage": ".kg-build-000000000000", "remove": []}
    (one / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    for message in _refusals(one):
        assert "pending" in message, message


def test_a_reader_notices_a_switch_while_it_reads(
    two_builds: tuple[Path, Path],
) -> None:
    one, two = two_builds
    outputs = checked_set(one)
    assert outputs is not None and outputs.current()
    shutil.copy(two / MANIFEST, one / MANIFEST)  # what a build's switch does first
    assert not outputs.current()
    with pytest.raises(OutputError, match="while they were read"):
        outputs.confirm()


def test_a_folder_without_manifest_is_read_as_it_is(
    built_seeds: Path, tmp_path: Path
) -> None:
    """Outputs of an older kg, or copied by hand: no manifest, no check."""
    for name in ("graph.json", "graph.trig"):
        shutil.copy(built_seeds / name, tmp_path / name)
    assert checked_set(tmp_path) is None
    result = CliRunner().invoke(cli, ["query", "officials", "-g", str(tmp_path)])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    "text",
    [
        "{",
        '{"format": "kg-manifest/1", "build": "x", "state": "complete",'
        ' "files": {"../notes.txt": {"size": 1}}}',
    ],
    ids=["broken", "foreign name"],
)
def test_a_damaged_manifest_is_one_line_and_names_no_other_file(
    two_builds: tuple[Path, Path], text: str
) -> None:
    """kg acts only on its own names: a manifest naming another file is refused."""
    one, _ = two_builds
    (one / MANIFEST).write_text(text, encoding="utf-8")
    (one.parent / "notes.txt").write_text("mine", encoding="utf-8")
    for args in (["build", "seeds", "-o", str(one), "-j", "1"], ["validate", str(one)]):
        result = _kg(*args)
        assert result.returncode == 1 and "Traceback" not in result.stderr
        assert result.stderr.strip().endswith("delete it and build again"), args
    assert (one.parent / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_two_builds_into_one_folder_take_turns(tmp_path: Path) -> None:
    """The second waits for the first to switch its set in, then switches its own;
    it never removes the first one's staging folder as a killed build's."""
    first = Staging(tmp_path)
    (first.folder / "graph.json").write_text("{}", encoding="utf-8")
    done: list[str] = []

    def second() -> None:
        staging = Staging(tmp_path)  # waits
        (staging.folder / "graph.json").write_text('{"b": 1}', encoding="utf-8")
        staging.commit(["graph.json"])
        done.append(str(staging.build))

    thread = threading.Thread(target=second)
    thread.start()
    time.sleep(0.5)
    assert thread.is_alive() and first.folder.is_dir()
    first.commit(["graph.json"])
    thread.join(30)
    assert done and (tmp_path / "graph.json").read_text(encoding="utf-8") == '{"b": 1}'
    assert checked_set(tmp_path, hashes=True).build == done[0]  # type: ignore[union-attr]


@pytest.mark.skipif(not hasattr(os, "fork"), reason="fork")
def test_a_forked_process_does_not_keep_the_lock(tmp_path: Path) -> None:
    """A writer or worker forked during a build lets go of the build's lock."""
    import multiprocessing

    staging = Staging(tmp_path)
    child = multiprocessing.get_context("fork").Process(target=time.sleep, args=(30,))
    child.start()
    try:
        (staging.folder / "graph.json").write_text("{}", encoding="utf-8")
        staging.commit(["graph.json"])
        started = time.monotonic()
        Staging(tmp_path)  # would wait for the child, were the lock inherited
        assert time.monotonic() - started < 5
    finally:
        child.kill()
        child.join()


def test_a_failed_build_does_not_keep_its_folder_locked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The next build in the same thread goes on (the failed one's traceback, kept
    here, still holds its staging), and removes the failed one's staging folder."""
    import kg.build

    corpus = _corpus(tmp_path / "corpus")
    out = tmp_path / "out"

    def failing(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    with monkeypatch.context() as patch:
        patch.setattr(kg.build, "write_rdf", failing)
        with pytest.raises(OSError, match="disk full") as failure:
            kg.build.build(corpus, out, html=False, jobs=1)
    assert any(p.name.startswith(STAGE_PREFIX) for p in out.iterdir())
    assert kg.build.build(corpus, out, html=False, jobs=1).outputs  # no wait
    assert failure.value is not None  # (still held)
    _no_leftovers(out)


def test_the_build_reports_each_file_it_wrote_once(tmp_path: Path) -> None:
    """The report (and the summary line ``wrote: …``) names the set of the manifest,
    each file once, in the order of ``planned_names``."""
    from kg.build import build

    out = tmp_path / "out"
    report = build(_corpus(tmp_path / "corpus"), out, jobs=1, cache=False)
    names = [path.name for path in report.outputs]
    assert names == ["graph.json", "graph.ttl", "graph.trig", "graph.html"]
    manifest = json.loads((out / "kg-manifest.json").read_text(encoding="utf-8"))
    assert sorted(manifest["files"]) == sorted(names)


def test_the_same_corpus_gives_the_same_manifest(tmp_path: Path) -> None:
    """The manifest's build id is a digest of its set, not a random id or a time:
    two builds of one corpus, in two folders, give byte-identical manifests, and a
    different corpus another id."""
    from kg.build import build

    corpus = _corpus(tmp_path / "corpus")
    for name in ("a", "b"):
        build(corpus, tmp_path / name, jobs=1, cache=False, html=False)
    first = (tmp_path / "a" / "kg-manifest.json").read_bytes()
    assert first == (tmp_path / "b" / "kg-manifest.json").read_bytes()
    _change(corpus, 1)
    build(corpus, tmp_path / "a", jobs=1, cache=False, html=False)
    assert read_manifest(tmp_path / "a").build != json.loads(first)["build"]
