"""A hostile corpus: every bad input is one line naming the file and the reason, the
rest is still built, and kg build exits with status 1.

Unreadable files and folders are simulated by making the calls that would read them
fail (root reads a mode-000 file, so a chmod proves nothing under root); a test with
real permissions runs too when the tests do not run as root.
"""

from __future__ import annotations

import errno
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import kg.ingest
from kg.cli import cli
from kg.ingest import decode, list_corpus

ROOT = Path(__file__).resolve().parent.parent
SEED = sorted((ROOT / "kg" / "seeds").glob("*.txt"))[0].read_text(encoding="utf-8")
TEXT = SEED[:3000]


def _write(folder: Path, name: str, data: bytes | str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    _write(corpus, "good.txt", TEXT)
    _write(corpus, "windows-unicode.txt", TEXT.encode("utf-16"))  # with BOM
    _write(corpus, "utf16-no-bom.txt", TEXT.encode("utf-16-le"))
    _write(corpus, "empty.txt", b"")
    _write(corpus, "blank.txt", " \n\u3000\u3000\n\t\n")
    _write(corpus, "bom-only.md", b"\xef\xbb\xbf\r\n")
    _write(corpus, "README.md", "# 说明\n本文件夹收录……")
    _write(corpus, "SOURCES.md", "来源:……")
    _write(corpus, "LICENSE-news.txt", "CC BY 4.0")
    _write(corpus, "table.xls", b"\xd0\xcf\x11\xe0")
    os.symlink("loop.txt", corpus / "loop.txt")  # a link to itself
    os.symlink("missing.txt", corpus / "broken.txt")
    (corpus / "sub").mkdir()
    _write(corpus, "sub/inner.txt", TEXT[:1000])
    os.symlink("..", corpus / "sub" / "up")  # a folder link back up: a loop
    os.mkfifo(corpus / "pipe.txt")  # reading it would wait forever
    return corpus


def _errors(output: str) -> dict[str, str]:
    """``error: NAME: REASON`` lines, by name."""
    return dict(re.findall(r"^error: (.+?): (.+)$", output, re.M))


def test_hostile_corpus_builds_the_rest_and_names_each_problem(
    hostile: Path, tmp_path: Path
) -> None:
    # A real process with a time limit: a FIFO read would hang it.
    done = subprocess.run(
        [sys.executable, "-m", "kg", "build", str(hostile), "-o", str(tmp_path / "o")],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    errors = _errors(done.stderr)
    assert set(errors) == {
        "utf16-no-bom.txt",
        "empty.txt",
        "blank.txt",
        "bom-only.md",
        "loop.txt",
        "broken.txt",
        "sub/up/",
        "pipe.txt",
    }, done.stderr
    assert (
        "UTF-16 (little-endian) without a byte-order mark" in errors["utf16-no-bom.txt"]
    )
    assert errors["empty.txt"] == "empty file"
    assert errors["blank.txt"].startswith("empty file (white space only)")
    assert errors["bom-only.md"].startswith("empty file")
    assert "symbolic link loop" in errors["loop.txt"]
    assert "symbolic link loop" in errors["sub/up/"]
    assert "broken symbolic link (to missing.txt)" in errors["broken.txt"]
    assert "FIFO" in errors["pipe.txt"]
    # good.txt, the UTF-16 text with its byte-order mark, sub/inner.txt
    assert "documents read: 3 " in done.stdout
    assert "left out 3 README/SOURCES/LICENSE files" in done.stdout
    assert "skipped 1 .xls" in done.stdout
    assert f"errors: {len(errors)}" in done.stdout


def test_hostile_corpus_include_reads_the_notes(hostile: Path, tmp_path: Path) -> None:
    (hostile / "pipe.txt").unlink()
    result = CliRunner().invoke(
        cli,
        ["build", str(hostile), "-o", str(tmp_path / "o"), "--include", "README*"],
    )
    assert "documents read: 4 " in result.output, result.output
    assert "left out 2 README/SOURCES/LICENSE files" in result.output


def test_hostile_corpus_utf16_with_bom_is_read() -> None:
    assert decode(TEXT.encode("utf-16"), "a.txt") == TEXT
    assert decode(TEXT.encode("utf-32"), "a.txt") == TEXT
    with pytest.raises(kg.ingest.InputError, match=r"UTF-16 \(big-endian\) without"):
        decode(TEXT.encode("utf-16-be"), "a.txt")


def _deny(
    monkeypatch: pytest.MonkeyPatch,
    *,
    listing: tuple[str, ...] = (),
    state: tuple[str, ...] = (),
    reading: tuple[str, ...] = (),
) -> None:
    """Fail as a user who is not root fails on mode-000 paths: listing a folder
    ending in one of ``listing``; the state (stat) of a path ending in one of
    ``state`` (a file in a folder that can be listed but not entered); reading a
    file ending in one of ``reading``."""

    def check(path: object, ends: tuple[str, ...]) -> None:
        if str(path).endswith(ends):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))

    real_scandir, real_stat, real_read = os.scandir, Path.stat, Path.read_bytes

    def scandir(path: object) -> object:
        check(path, listing)
        return real_scandir(path)  # type: ignore[call-overload]

    def stat(self: Path, **kwargs: object) -> os.stat_result:
        check(self, state)
        return real_stat(self, **kwargs)  # type: ignore[arg-type]

    def read_bytes(self: Path) -> bytes:
        check(self, state + reading)
        return real_read(self)

    monkeypatch.setattr(kg.ingest.os, "scandir", scandir)
    monkeypatch.setattr(Path, "stat", stat)
    monkeypatch.setattr(Path, "read_bytes", read_bytes)


def test_hostile_corpus_unreadable_files_and_folders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "corpus"
    _write(corpus, "good.txt", TEXT)
    _write(corpus, "secret.txt", TEXT)  # mode 000
    _write(corpus, "locked/a.txt", TEXT)  # locked: mode 000
    _write(corpus, "shut/b.txt", TEXT)  # shut: mode 444 (listed, not entered)
    _deny(
        monkeypatch,
        listing=("/locked",),
        state=("shut/b.txt",),
        reading=("secret.txt",),
    )
    result = CliRunner().invoke(cli, ["build", str(corpus), "-o", str(tmp_path / "o")])
    assert result.exit_code == 1, result.output
    errors = _errors(result.output)
    assert errors == {
        "secret.txt": "cannot read (Permission denied)",
        "locked/": "cannot open this folder (Permission denied)",
        "shut/b.txt": "cannot read (Permission denied)",
    }, result.output
    assert "documents read: 1 " in result.output


def test_hostile_corpus_a_corpus_folder_that_cannot_be_opened(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "corpus"
    _write(corpus, "good.txt", TEXT)
    _deny(monkeypatch, listing=("/corpus",))
    result = CliRunner().invoke(cli, ["build", str(corpus), "-o", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert result.output.strip() == (
        f"Error: {corpus}: cannot open this folder (Permission denied)"
    )


@pytest.mark.skipif(
    os.geteuid() == 0, reason="root reads mode-000 files: permissions prove nothing"
)
def test_hostile_corpus_real_permissions(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    _write(corpus, "good.txt", TEXT)
    (secret := _write(corpus, "secret.txt", TEXT)).chmod(0)
    _write(corpus, "locked/a.txt", TEXT)
    _write(corpus, "shut/b.txt", TEXT)
    (corpus / "locked").chmod(0)
    (corpus / "shut").chmod(0o444)
    try:
        problems: list[kg.ingest.InputError] = []
        _, files = list_corpus(corpus, problems=problems)
        assert [f.name for f in files] == ["good.txt", "secret.txt"]
        assert sorted(str(p) for p in problems) == [
            "locked/: cannot open this folder (Permission denied)",
            "shut/b.txt: cannot read (Permission denied)",
        ]
        with pytest.raises(PermissionError):
            secret.read_bytes()
    finally:
        for path in (corpus / "locked", corpus / "shut", secret):
            path.chmod(0o755)
